// The smallest kernel of the CUDA path: proves that code compiled here runs on the device found.
#pragma once

#include <cuda_runtime.h>

namespace gradlab::kernels {

// Writes 0, 1, ..., n-1 into out (device memory) and returns the launch's error.
cudaError_t launchIota(float* out, int n, cudaStream_t stream);

}  // namespace gradlab::kernels
