// Envelope maintenance: every new point updates one bucket per level; a new level is made by
// merging the top one pairwise when it has grown to two buckets.
#include "app/bridge/envelope.h"

#include <cmath>
#include <limits>

namespace gradlab {
namespace {

Envelope::Bucket merge(const Envelope::Bucket& a, const Envelope::Bucket& b) {
    return {a.x0, b.x1, std::min(a.lo, b.lo), std::max(a.hi, b.hi), std::min(a.loPositive, b.loPositive)};
}

}  // namespace

void Envelope::append(double x, double y) {
    const double inf = std::numeric_limits<double>::infinity();
    const bool finite = std::isfinite(y);
    const Bucket point{x, x, finite ? y : inf, finite ? y : -inf, finite && y > 0 ? y : inf};
    const std::size_t i = m_count++;
    if (m_levels.empty()) m_levels.emplace_back();
    for (std::size_t k = 0; k < m_levels.size(); ++k) {
        std::vector<Bucket>& lv = m_levels[k];
        const std::size_t j = i >> (k + std::size_t(m_shift));
        if (j == lv.size()) lv.push_back(point);
        else lv.back() = merge(lv.back(), point);
    }
    if (m_levels.front().size() > kMaxFinest && m_levels.size() > 1) {
        m_levels.erase(m_levels.begin());
        ++m_shift;
    }
    while (m_levels.back().size() >= 2) {
        const std::vector<Bucket>& top = m_levels.back();
        std::vector<Bucket> up;
        for (std::size_t j = 0; j < top.size(); j += 2) up.push_back(j + 1 < top.size() ? merge(top[j], top[j + 1]) : top[j]);
        m_levels.push_back(std::move(up));
    }
}

const std::vector<Envelope::Bucket>& Envelope::level(std::size_t maxBuckets) const {
    static const std::vector<Bucket> empty;
    for (const auto& lv : m_levels)
        if (lv.size() <= maxBuckets) return lv;
    return m_levels.empty() ? empty : m_levels.back();
}

}  // namespace gradlab
