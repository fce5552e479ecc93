// The engine's CUDA runtime layer: is a device usable, device memory (a caching allocator),
// and the backend kernels (declared in engine/ops/backend.h). Built from cuda_runtime.cpp and
// cuda_ops.cpp when CUDA is found, from no_cuda.cpp otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace gradlab::cuda {

bool compiledIn();
bool available();          // a device and driver that work were found (checked once)
std::string statusLine();  // e.g. "CUDA: NVIDIA H100 (80 GB, sm_90)" or why it is unavailable
void* allocate(std::size_t bytes);
void release(void* p, std::size_t bytes);
// Tests: when on, every device block handed out is first filled with NaN (outputs "poisoned"), so
// an element a kernel forgets to write cannot pass for a right answer.
void setPoison(bool on);
// Waits for every kernel queued by the calling thread; reports a failure of any of them.
void synchronize();

}  // namespace gradlab::cuda
