// SnapshotStore: see snapshots.h.
#include "lessons/snapshots.h"

#include <bit>
#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gradlab {
namespace {

std::size_t tensorBytes(const Checkpoint& ck) {
    std::size_t n = 0;
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

std::size_t SnapshotStore::defaultBudget() {
    if (const char* env = std::getenv("GRADLAB_SNAPSHOT_MIB"); env && *env) {
        char* end = nullptr;
        const unsigned long long mib = std::strtoull(env, &end, 10);
        if (end && *end == '\0') return std::size_t(mib) << 20;
    }
    return std::size_t(256) << 20;
}

void SnapshotStore::offer(int64_t step, const std::function<Checkpoint()>& make) {
    if (m_budget == 0) return;
    {
        std::lock_guard lock(m_mutex);
        if (!wanted(step) || m_snaps.count(step)) return;
    }
    Checkpoint ck = make();
    for (auto& [name, t] : ck.tensors) t = t.clone();  // the run's own tensors go on changing
    std::string meta = ck.meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // as a saved file's
    ck.meta = nlohmann::json::object();
    const std::size_t size = meta.size() + tensorBytes(ck);
    auto snap = std::make_shared<const Checkpoint>(std::move(ck));
    std::size_t dropped = 0;
    {
        std::lock_guard lock(m_mutex);
        m_snaps[step] = {std::move(snap), std::move(meta), size};
        m_bytes += size;
        const std::size_t before = m_snaps.size();
        thinToBudget(step);
        dropped = before - m_snaps.size();
    }
#if defined(__GLIBC__)
    // The memory of dropped snapshots goes back to the system (glibc keeps a thread's freed
    // blocks otherwise, and the process would grow past the budget).
    if (dropped > 0) malloc_trim(0);
#endif
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
    auto ck = std::make_shared<Checkpoint>(*it->second.ck);  // shares the tensors (never changed)
    ck->meta = nlohmann::json::parse(it->second.meta);
    return ck;
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
