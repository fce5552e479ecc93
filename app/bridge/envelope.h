// Envelope: a min/max pyramid over an append-only trace (x increasing), so a chart can draw a
// million points by visiting about two buckets per pixel. Each level's buckets are twice as wide
// as the level below; memory stays bounded by dropping the finest level of very long traces.
#pragma once

#include <cstddef>
#include <vector>

namespace gradlab {

class Envelope {
public:
    struct Bucket {
        double x0, x1;      // x of the first and last point
        double lo, hi;      // smallest and largest finite y (+inf / -inf if none)
        double loPositive;  // smallest y > 0, for log axes (+inf if none)
    };

    void append(double x, double y);
    void clear() { m_levels.clear(), m_count = 0, m_shift = 3; }
    std::size_t size() const { return m_count; }  // points appended
    // The finest level with at most `maxBuckets` buckets; empty before 8 points arrived.
    const std::vector<Bucket>& level(std::size_t maxBuckets) const;

private:
    static constexpr std::size_t kMaxFinest = 1 << 16;  // buckets; beyond, the finest level is dropped
    std::vector<std::vector<Bucket>> m_levels;
    std::size_t m_count = 0;
    int m_shift = 3;  // the finest level's buckets hold 2^m_shift points
};

}  // namespace gradlab
