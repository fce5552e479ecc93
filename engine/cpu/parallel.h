// Thread parallelism of the CPU kernels (OpenMP), used only when the work is large enough: a
// small op never enters an OpenMP region (even one with if(false) costs a few hundred ns).
// Every result is the same bits with any number of threads (see parallelChunks).
#pragma once

#include <omp.h>

#include <algorithm>
#include <cstdint>

namespace gradlab::cpu {

// Work (about one element of a cheap elementwise op each) per thread below which one thread is
// faster: kernels go parallel from 2 * kParallelGrain = 64 Ki elements on.
constexpr int64_t kParallelGrain = 1 << 15;

// Calls body(begin, end) on contiguous pieces of [0, n), on the kernel threads when the work is
// worth two threads or more (2 * kParallelGrain). What computes a number must not depend on
// how many threads there are, for the GUI's worker (which leaves a core to the interface),
// gradlab-cli and a sweep's runs to give the same bits from one seed:
//  - the pieces depend on n and `work` alone. A loop whose bits depend on where its range begins
//    and ends (libmvec's expf or erff round some values otherwise than the scalar function that
//    takes a loop's unaligned head or tail) then computes every element the same way;
//  - two pieces or more always go through the one OpenMP loop below, on one thread or many
//    (inside a parallel region, one): the compiler may vectorise the body differently where it
//    inlines it, so there is one place where it runs.
template <class Body>
void parallelChunks(int64_t n, int64_t work, Body&& body) {
    if (n <= 0) return;
    // The work is worth this many threads; it is cut into 8 pieces for each, so that the threads
    // get shares that differ by a piece at most (9 pieces on 2 threads made one do 5 of them).
    const int64_t worth = work / kParallelGrain;
    int64_t per = worth < 2 ? n : std::max<int64_t>(1, n / (8 * worth));
    if (per > 64 && per < n) per = (per + 63) / 64 * 64;  // whole vectors in every piece but the last
    const int64_t pieces = (n + per - 1) / per;
    if (pieces == 1) {
        body(int64_t(0), n);
        return;
    }
    const int threads = int(std::min<int64_t>({int64_t(omp_get_max_threads()), worth, pieces}));
#pragma omp parallel for schedule(static) num_threads(threads)
    for (int64_t i = 0; i < pieces; ++i) body(i * per, std::min(n, (i + 1) * per));
}

// Calls body(i) for each piece i in [0, pieces) of `flops` of work in all, the pieces handed out
// one at a time to the kernel threads (about 2e5 flops a thread at the least; dynamically: when
// the machine is busy and one thread is descheduled, the others do more of the work instead of
// waiting for it). As parallelChunks: pieces that depend on the shapes alone, one loop for any
// number of threads.
template <class Body>
void forPieces(int64_t pieces, double flops, Body&& body) {
    if (pieces <= 1) {
        if (pieces == 1) body(int64_t(0));
        return;
    }
    const int threads = flops < 4.0e5 ? 1 : int(std::min<int64_t>({int64_t(omp_get_max_threads()), pieces, int64_t(flops / 2.0e5)}));
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (int64_t i = 0; i < pieces; ++i) body(i);
}

// Elementwise loops: the work is the element count.
template <class Body>
void parallelRange(int64_t n, Body&& body) {
    parallelChunks(n, n, body);
}

}  // namespace gradlab::cpu
