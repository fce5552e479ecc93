// SnapshotStore: a run's state (a checkpoint held in memory) at some of its steps, within a memory
// budget, so that going back to a step replays only from the nearest one before it. Dense where
// the run is now, sparse far back: snapshots are offered at steps that are multiples of a power
// of two growing with the run (every step at first, every 2^k later), and when the budget is
// full the one whose loss widens the gaps least, for its age, goes. Thread-safe: the training
// thread adds, a branch (another thread) reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "engine/io/checkpoint.h"

namespace gradlab {

class SnapshotStore {
public:
    explicit SnapshotStore(std::size_t budgetBytes = defaultBudget()) : m_budget(budgetBytes) {}
    // 256 MiB, or $GRADLAB_SNAPSHOT_MIB (0: none kept; going back then replays from the start).
    static std::size_t defaultBudget();

    // Called after each step: takes a snapshot (made by `make`, its tensors copied) when `step`
    // is one the store wants.
    void offer(int64_t step, const std::function<Checkpoint()>& make);
    // The newest snapshot at or before `step` (null when there is none), ready to resume from.
    std::shared_ptr<const Checkpoint> nearest(int64_t step, int64_t* at = nullptr) const;
    // A new store holding the snapshots at or before `step` (a branch shares its past).
    std::shared_ptr<SnapshotStore> upTo(int64_t step) const;

    std::size_t bytes() const;
    std::size_t count() const;
    std::size_t budget() const { return m_budget; }

private:
    void thinToBudget(int64_t now);  // with m_mutex held

    std::size_t m_budget;
    mutable std::mutex m_mutex;
    // A checkpoint as kept: its settings as JSON text (a parsed document takes several times the
    // memory: the cnn's data order alone is 60,000 numbers) and copies of its tensors.
    struct Snap {
        std::shared_ptr<const Checkpoint> ck;  // meta empty: it is in `meta`
        std::string meta;
        std::size_t bytes = 0;
    };
    std::map<int64_t, Snap> m_snaps;
    std::size_t m_bytes = 0;
};

}  // namespace gradlab
