// CPU optimizer updates: one loop per optimizer over the parameter's elements, each element's
// update the formula of kernels/optimizer_math.h (the CUDA kernels use the same formulas).
#include <omp.h>

#include "engine/ops/backend.h"

namespace gradlab::cpu {
namespace {

// body(i) for i in [0, n); elementwise, so splitting across threads never changes a result.
template <class Body>
void forEachElement(int64_t n, Body&& body) {
    constexpr int64_t kGrain = 1 << 16;
    if (n < 2 * kGrain || omp_in_parallel()) {
        for (int64_t i = 0; i < n; ++i) body(i);
        return;
    }
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; ++i) body(i);
}

}  // namespace

void sgdStep(float* p, const float* g, float* buf, int64_t n, bool initBuf, const optim_math::SgdCoeffs& c) {
    forEachElement(n, [&](int64_t i) {
        float unused = 0.0f;
        p[i] = optim_math::sgdUpdate(p[i], g[i], buf ? buf[i] : unused, initBuf, c);
    });
}

void rmspropStep(float* p, const float* g, float* sq, float* ga, float* buf, int64_t n,
                 const optim_math::RmspropCoeffs& c) {
    forEachElement(n, [&](int64_t i) {
        float u1 = 0.0f, u2 = 0.0f;
        p[i] = optim_math::rmspropUpdate(p[i], g[i], sq[i], ga ? ga[i] : u1, buf ? buf[i] : u2, c);
    });
}

void adagradStep(float* p, const float* g, float* sum, int64_t n, const optim_math::AdagradCoeffs& c) {
    forEachElement(n, [&](int64_t i) { p[i] = optim_math::adagradUpdate(p[i], g[i], sum[i], c); });
}

void adamStep(float* p, const float* g, float* m, float* v, float* vmax, int64_t n, const optim_math::AdamCoeffs& c) {
    forEachElement(n, [&](int64_t i) {
        float unused = 0.0f;
        p[i] = optim_math::adamUpdate(p[i], g[i], m[i], v[i], vmax ? vmax[i] : unused, c);
    });
}

void nadamStep(float* p, const float* g, float* m, float* v, int64_t n, const optim_math::NadamCoeffs& c) {
    forEachElement(n, [&](int64_t i) { p[i] = optim_math::nadamUpdate(p[i], g[i], m[i], v[i], c); });
}

}  // namespace gradlab::cpu
