// Internal to engine/cuda (compiled only with CUDA): the stream kernels run on, and the checks that
// turn CUDA errors into gradlab::Error naming the kernel or call that failed.
#pragma once

#include <cuda_runtime.h>

namespace gradlab::cuda {

// The calling thread's stream (CUDA's per-thread default stream): a run lives on its own worker
// thread, so each run gets a stream of its own, and work on it is ordered as the ops were called.
inline cudaStream_t stream() { return cudaStreamPerThread; }

// Throws gradlab::Error("CUDA error in <what>: <reason>") unless e is cudaSuccess.
void check(cudaError_t e, const char* what);
// After a launch: checks its error and, with GRADLAB_CUDA_SYNC=1 in the environment, waits for the
// kernel so that a fault inside it is reported with its name rather than at the next copy.
void checkLaunch(cudaError_t e, const char* kernel);

}  // namespace gradlab::cuda
