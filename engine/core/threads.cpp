// Thread counts for the CPU kernels (OpenMP).
#include "engine/core/threads.h"

#include <omp.h>

#include <algorithm>
#include <thread>

namespace gradlab {

int hardwareThreads() { return std::max(1u, std::thread::hardware_concurrency()); }
void setKernelThreads(int n) { omp_set_num_threads(std::max(1, n)); }
int kernelThreads() { return omp_get_max_threads(); }

}  // namespace gradlab
