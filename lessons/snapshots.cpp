// SnapshotStore: see snapshots.h.
#include "lessons/snapshots.h"

#include <bit>

namespace gradlab {
namespace {

std::size_t sizeOf(const Checkpoint& ck) {
    std::size_t n = ck.meta.dump().size();
    for (const auto& [name, t] : ck.tensors) n += name.size() + std::size_t(t.numel()) * sizeof(float);
    return n;
}

// Snapshots are wanted at multiples of a spacing that doubles as the run grows: about 32 of them
// per doubling of the step count (every step up to 32, every 2nd up to 64, ...).
bool wanted(int64_t step) {
    if (step <= 0) return true;
    const int64_t spacing = int64_t(std::bit_floor(uint64_t(std::max<int64_t>(1, step / 32))));
    return step % spacing == 0;
}

}  // namespace

void SnapshotStore::offer(int64_t step, const std::function<Checkpoint()>& make) {
    {
        std::lock_guard lock(m_mutex);
        if (!wanted(step) || m_snaps.count(step)) return;
    }
    Checkpoint ck = make();
    for (auto& [name, t] : ck.tensors) t = t.clone();  // the run's own tensors go on changing
    auto snap = std::make_shared<const Checkpoint>(std::move(ck));
    const std::size_t size = sizeOf(*snap);
    std::lock_guard lock(m_mutex);
    m_snaps[step] = {std::move(snap), size};
    m_bytes += size;
    thinToBudget(step);
}

void SnapshotStore::thinToBudget(int64_t now) {
    // Drops the snapshot (never the first or the newest) whose loss opens the smallest gap for
    // how old it is: recent ones stay dense, old ones thin out.
    while (m_bytes > m_budget && m_snaps.size() > 2) {
        auto victim = m_snaps.end();
        double best = 0;
        for (auto it = std::next(m_snaps.begin()); std::next(it) != m_snaps.end(); ++it) {
            const double gap = double(std::next(it)->first - std::prev(it)->first);
            const double age = double(now - it->first) + 1.0;
            const double cost = gap / age;
            if (victim == m_snaps.end() || cost < best) victim = it, best = cost;
        }
        m_bytes -= victim->second.bytes;
        m_snaps.erase(victim);
    }
}

std::shared_ptr<const Checkpoint> SnapshotStore::nearest(int64_t step, int64_t* at) const {
    std::lock_guard lock(m_mutex);
    auto it = m_snaps.upper_bound(step);
    if (it == m_snaps.begin()) return nullptr;
    --it;
    if (at) *at = it->first;
    return it->second.ck;
}

std::shared_ptr<SnapshotStore> SnapshotStore::upTo(int64_t step) const {
    auto out = std::make_shared<SnapshotStore>(m_budget);
    std::lock_guard lock(m_mutex);
    for (const auto& [s, snap] : m_snaps) {
        if (s > step) break;
        out->m_snaps[s] = snap;
        out->m_bytes += snap.bytes;
    }
    return out;
}

std::size_t SnapshotStore::bytes() const {
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

std::size_t SnapshotStore::count() const {
    std::lock_guard lock(m_mutex);
    return m_snaps.size();
}

}  // namespace gradlab
