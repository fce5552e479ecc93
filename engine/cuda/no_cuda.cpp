// The CUDA layer of a CPU-only build: no device, and every CUDA kernel reports that clearly.
#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/ops/backend.h"

namespace gradlab::cuda {
namespace {
[[noreturn]] void unavailable() {
    GL_FAIL("this build of Gradient Lab has no CUDA support (the CUDA toolkit was not found when it was built)");
}
}  // namespace

bool compiledIn() { return false; }
bool available() { return false; }
std::string statusLine() { return "CUDA: not available (built without the CUDA toolkit)"; }
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
