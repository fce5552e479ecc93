// Thread parallelism of the CPU kernels (OpenMP), used only when the work is large enough: a
// small op never enters an OpenMP region (even one with if(false) costs a few hundred ns).
#pragma once

#include <omp.h>

#include <algorithm>
#include <cstdint>

namespace gradlab::cpu {

// Work (about one element of a cheap elementwise op each) per thread below which one thread is
// faster: kernels go parallel from 2 * kParallelGrain = 64 Ki elements on.
constexpr int64_t kParallelGrain = 1 << 15;

// Calls body(begin, end) on contiguous chunks of [0, n): once, on this thread, when `work` is
// small (or we already are inside a parallel region), else one chunk per thread.
template <class Body>
void parallelChunks(int64_t n, int64_t work, Body&& body) {
    const int64_t threads =
        work < 2 * kParallelGrain ? 1 : std::min<int64_t>({int64_t(omp_get_max_threads()), work / kParallelGrain, n});
    if (threads < 2 || omp_in_parallel()) {
        if (n > 0) body(int64_t(0), n);
        return;
    }
#pragma omp parallel num_threads(int(threads))
    {
        const int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
        const int64_t chunk = (n + nt - 1) / nt;
        const int64_t b = std::min(n, chunk * t), e = std::min(n, b + chunk);
        if (b < e) body(b, e);
    }
}

// Eigen parallelises a single matrix product by itself (OpenMP, as many threads as
// omp_get_max_threads() of the calling thread) from tiny sizes on. Below this many flops one
// thread is faster: a fork/join costs microseconds, much more when the cores are busy.
constexpr double kEigenParallelFlops = 4.0e6;

// While it lives, Eigen products called from this thread run on this thread alone.
class SerialEigen {
public:
    SerialEigen() : m_prev(omp_get_max_threads()) { omp_set_num_threads(1); }
    ~SerialEigen() { omp_set_num_threads(m_prev); }
    SerialEigen(const SerialEigen&) = delete;
    SerialEigen& operator=(const SerialEigen&) = delete;

private:
    int m_prev;
};

// Elementwise loops: the work is the element count.
template <class Body>
void parallelRange(int64_t n, Body&& body) {
    parallelChunks(n, n, body);
}

}  // namespace gradlab::cpu
