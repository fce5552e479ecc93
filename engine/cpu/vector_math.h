// Tells GCC that glibc's vector math library (libmvec) has SIMD versions of these functions, so
// `#pragma omp simd` loops call them 8 lanes at a time (glibc declares this only under -ffast-math).
// For the CPU kernels, which are compiled with -fno-math-errno -fno-trapping-math
// (engine/CMakeLists.txt): errno writes and trap semantics would keep such loops scalar.
#pragma once

#include <math.h>

extern "C" {
__attribute__((simd("notinbranch"))) float expf(float) noexcept;
__attribute__((simd("notinbranch"))) float logf(float) noexcept;
__attribute__((simd("notinbranch"))) float log1pf(float) noexcept;
__attribute__((simd("notinbranch"))) float tanhf(float) noexcept;
__attribute__((simd("notinbranch"))) float erff(float) noexcept;
__attribute__((simd("notinbranch"))) float powf(float, float) noexcept;
}
