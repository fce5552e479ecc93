// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011).
#include "engine/core/rng.h"

#include <cmath>

namespace gradlab {
namespace {

constexpr uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;
constexpr uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;

void philox(uint32_t ctr[4], uint32_t k0, uint32_t k1) {
    for (int round = 0; round < 10; ++round) {
        uint64_t p0 = uint64_t(kMul0) * ctr[0];
        uint64_t p1 = uint64_t(kMul1) * ctr[2];
        uint32_t n0 = uint32_t(p1 >> 32) ^ ctr[1] ^ k0;
        uint32_t n1 = uint32_t(p1);
        uint32_t n2 = uint32_t(p0 >> 32) ^ ctr[3] ^ k1;
        uint32_t n3 = uint32_t(p0);
        ctr[0] = n0; ctr[1] = n1; ctr[2] = n2; ctr[3] = n3;
        k0 += kWeyl0;
        k1 += kWeyl1;
    }
}

}  // namespace

void Generator::reseed(uint64_t seed) {
    m_state = State{seed, 0, 4};
}

void Generator::setState(const State& s) {
    m_state = s;
    if (m_state.used < 4) {
        // Recompute the block the saved state was in the middle of.
        m_state.counter -= 1;
        uint32_t used = m_state.used;
        refill();
        m_state.used = used;
    } else {
        m_state.used = 4;
    }
}

void Generator::refill() {
    uint32_t c[4] = {uint32_t(m_state.counter), uint32_t(m_state.counter >> 32), 0, 0};
    philox(c, uint32_t(m_state.seed), uint32_t(m_state.seed >> 32));
    for (int i = 0; i < 4; ++i) m_block[i] = c[i];
    m_state.counter += 1;
    m_state.used = 0;
}

uint32_t Generator::nextU32() {
    if (m_state.used >= 4) refill();
    return m_block[m_state.used++];
}

float Generator::uniform() { return float(nextU32() >> 8) * (1.0f / 16777216.0f); }

double Generator::uniformDouble() {
    uint64_t hi = nextU32() >> 5, lo = nextU32() >> 6;  // 27 + 26 bits
    return double((hi << 26) | lo) * (1.0 / 9007199254740992.0);
}

float Generator::normal() {
    double u1 = 1.0 - uniformDouble();  // (0, 1]: log is finite
    double u2 = uniformDouble();
    return float(std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2));
}

uint64_t Generator::below(uint64_t n) {
    // Lemire's multiply-and-reject on 32 bits when possible, 64 bits otherwise.
    if (n <= 0xFFFFFFFFull) {
        uint64_t m = uint64_t(nextU32()) * n;
        uint32_t low = uint32_t(m);
        if (low < n) {
            uint32_t t = uint32_t(-uint32_t(n)) % uint32_t(n);
            while (low < t) {
                m = uint64_t(nextU32()) * n;
                low = uint32_t(m);
            }
        }
        return m >> 32;
    }
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t v;
    do { v = (uint64_t(nextU32()) << 32) | nextU32(); } while (v >= limit);
    return v % n;
}

}  // namespace gradlab
