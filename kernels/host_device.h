// GL_HD marks a function that both the CPU backend (g++) and the CUDA kernels (nvcc) compile: one
// formula for both devices. No engine headers.
#pragma once

#if defined(__CUDACC__)
#define GL_HD __host__ __device__ __forceinline__
#else
#define GL_HD inline
#endif
