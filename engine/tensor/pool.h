// A per-thread cache of small memory blocks for the engine's bookkeeping objects: tensor handles'
// TensorImpl, Storage and autograd nodes (each with its shared_ptr control block). An op on tiny
// tensors makes and frees a dozen of them; glibc's own per-thread cache keeps only 7 blocks per
// size, so the bursts of a forward and backward pass fell through to its slow path.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

namespace gradlab::detail {

void* poolAllocate(std::size_t bytes);
void poolRelease(void* p, std::size_t bytes) noexcept;

template <class T>
struct PoolAllocator {
    using value_type = T;
    PoolAllocator() = default;
    template <class U>
    PoolAllocator(const PoolAllocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(poolAllocate(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { poolRelease(p, n * sizeof(T)); }
    friend bool operator==(const PoolAllocator&, const PoolAllocator&) { return true; }
};

// std::make_shared with the block (object + control block) taken from the pool.
template <class T, class... Args>
std::shared_ptr<T> makePooled(Args&&... args) {
    return std::allocate_shared<T>(PoolAllocator<T>{}, std::forward<Args>(args)...);
}

}  // namespace gradlab::detail
