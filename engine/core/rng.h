// Generator: the engine's seeded random source (Philox4x32-10, counter based). The same seed gives
// the same numbers bit for bit on every run; its whole state is three integers, so a checkpoint
// can save and restore it exactly.
#pragma once

#include <cstdint>

namespace gradlab {

class Generator {
public:
    struct State {
        uint64_t seed = 0;
        uint64_t counter = 0;  // Philox blocks consumed
        uint32_t used = 4;     // words of the current block already handed out (4 = none left)
    };

    explicit Generator(uint64_t seed = 0) { reseed(seed); }
    void reseed(uint64_t seed);
    uint64_t seed() const { return m_state.seed; }

    uint32_t nextU32();
    float uniform();        // [0, 1), 24 random bits
    double uniformDouble(); // [0, 1), 53 random bits
    float normal();         // N(0, 1) by Box-Muller, computed in double
    uint64_t below(uint64_t n);  // uniform integer in [0, n), unbiased; n > 0

    State state() const { return m_state; }
    void setState(const State& s);

private:
    void refill();
    State m_state;
    uint32_t m_block[4] = {0, 0, 0, 0};
};

}  // namespace gradlab
