// The block cache of pool.h: per thread, one free list per 64-byte size class up to 512 bytes,
// each holding at most kMaxCached blocks; larger blocks go straight to operator new/delete.
#include "engine/tensor/pool.h"

#include <new>

namespace gradlab::detail {
namespace {

constexpr std::size_t kGranule = 64, kMaxCached = 256;
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kClasses = 0;  // under AddressSanitizer every block is a real allocation
#else
constexpr std::size_t kClasses = 8;
#endif

struct Pool {
    void* head[kClasses + 1] = {};
    std::size_t count[kClasses + 1] = {};
    ~Pool();
};

// Trivially destructible, so it stays readable while other thread_locals are destroyed.
thread_local bool t_poolGone = false;
thread_local Pool t_pool;

Pool::~Pool() {
    for (std::size_t c = 0; c < kClasses; ++c)
        while (head[c]) {
            void* p = head[c];
            head[c] = *static_cast<void**>(p);
            ::operator delete(p);
        }
    t_poolGone = true;  // blocks freed after this (by later thread_local destructors) go to delete
}

std::size_t classOf(std::size_t bytes) { return (bytes + kGranule - 1) / kGranule - 1; }

}  // namespace

void* poolAllocate(std::size_t bytes) {
    const std::size_t c = classOf(bytes);
    if (c >= kClasses || t_poolGone) return ::operator new(bytes);
    Pool& pool = t_pool;
    if (void* p = pool.head[c]) {
        pool.head[c] = *static_cast<void**>(p);
        --pool.count[c];
        return p;
    }
    return ::operator new((c + 1) * kGranule);
}

void poolRelease(void* p, std::size_t bytes) noexcept {
    const std::size_t c = classOf(bytes);
    if (c >= kClasses || t_poolGone || t_pool.count[c] >= kMaxCached) {
        ::operator delete(p);
        return;
    }
    Pool& pool = t_pool;
    *static_cast<void**>(p) = pool.head[c];
    pool.head[c] = p;
    ++pool.count[c];
}

}  // namespace gradlab::detail
