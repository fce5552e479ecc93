// SmallVec<T, N>: a vector that keeps up to N elements inline (no heap allocation), used for
// shapes and strides so that creating a tensor of rank <= N allocates nothing for them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <span>
#include <type_traits>

namespace gradlab {

template <class T, std::size_t N>
class SmallVec {
    static_assert(std::is_trivially_copyable_v<T>, "SmallVec holds trivially copyable values");

public:
    using value_type = T;
    using iterator = T*;
    using const_iterator = const T*;

    SmallVec() = default;
    explicit SmallVec(std::size_t n, T v = T{}) { resize(n, v); }
    SmallVec(std::initializer_list<T> il) { assign(il.begin(), il.end()); }
    SmallVec(std::span<const T> s) { assign(s.begin(), s.end()); }
    template <class It>
    SmallVec(It first, It last) { assign(first, last); }
    SmallVec(const SmallVec& o) { assign(o.begin(), o.end()); }
    SmallVec& operator=(const SmallVec& o) {
        if (this != &o) assign(o.begin(), o.end());
        return *this;
    }
    SmallVec(SmallVec&& o) noexcept { *this = std::move(o); }
    SmallVec& operator=(SmallVec&& o) noexcept {
        if (this == &o) return *this;
        if (o.m_heap) {
            m_heap = std::move(o.m_heap);
            m_data = m_heap.get();
            m_cap = o.m_cap;
        } else {
            m_heap.reset();
            m_data = m_inline;
            m_cap = N;
            std::copy(o.m_inline, o.m_inline + o.m_size, m_inline);
        }
        m_size = o.m_size;
        o.m_data = o.m_inline;
        o.m_cap = N;
        o.m_size = 0;
        return *this;
    }

    template <class It>
    void assign(It first, It last) {
        std::size_t n = static_cast<std::size_t>(std::distance(first, last));
        reserve(n);
        std::copy(first, last, m_data);
        m_size = n;
    }
    void reserve(std::size_t n) {
        if (n <= m_cap) return;
        std::unique_ptr<T[]> h(new T[n]);
        std::copy(m_data, m_data + m_size, h.get());
        m_heap = std::move(h);
        m_data = m_heap.get();
        m_cap = n;
    }
    void resize(std::size_t n, T v = T{}) {
        reserve(n);
        for (std::size_t i = m_size; i < n; ++i) m_data[i] = v;
        m_size = n;
    }
    void push_back(T v) {
        if (m_size == m_cap) reserve(m_cap * 2);
        m_data[m_size++] = v;
    }
    void insert(std::size_t pos, T v) {
        push_back(v);
        std::rotate(m_data + pos, m_data + m_size - 1, m_data + m_size);
    }
    void erase(std::size_t pos) {
        std::copy(m_data + pos + 1, m_data + m_size, m_data + pos);
        --m_size;
    }
    void clear() { m_size = 0; }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    T* data() { return m_data; }
    const T* data() const { return m_data; }
    T& operator[](std::size_t i) { return m_data[i]; }
    const T& operator[](std::size_t i) const { return m_data[i]; }
    T& back() { return m_data[m_size - 1]; }
    const T& back() const { return m_data[m_size - 1]; }
    T* begin() { return m_data; }
    T* end() { return m_data + m_size; }
    const T* begin() const { return m_data; }
    const T* end() const { return m_data + m_size; }
    operator std::span<const T>() const { return {m_data, m_size}; }

    friend bool operator==(const SmallVec& a, const SmallVec& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    T m_inline[N]{};
    std::unique_ptr<T[]> m_heap;
    T* m_data = m_inline;
    std::size_t m_cap = N;
    std::size_t m_size = 0;
};

}  // namespace gradlab
