// The CUDA layer of a CPU-only build: no device, and every CUDA kernel reports that clearly.
#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/ops/backend.h"

namespace gradlab::cuda {
namespace {
// Every refusal gives the status line as its reason, as a CUDA build without a usable GPU does.
[[noreturn]] void unavailable() { GL_FAIL(statusLine()); }
}  // namespace

bool compiledIn() { return false; }
bool available() { return false; }
std::string statusLine() { return "CUDA: not available (this build of Gradient Lab was made without the CUDA toolkit)"; }
void* allocate(std::size_t) { unavailable(); }
void release(void*, std::size_t) {}
void setPoison(bool) {}
void synchronize() {}

// Every backend primitive (engine/ops/backend_decls.inc) reports that there is no CUDA. The
// parameters keep their names from the list, unused here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#define GL_BACKEND_FN(ret, name, params) \
    ret name params { unavailable(); }
#include "engine/ops/backend_decls.inc"
#undef GL_BACKEND_FN
#pragma GCC diagnostic pop

}  // namespace gradlab::cuda
