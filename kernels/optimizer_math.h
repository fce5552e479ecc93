// The per-element update of every optimizer (SGD, RMSprop, Adagrad, Adam/AdamW, NAdam), written
// once for the CPU loops in engine/optim and for future CUDA kernels (GL_HD). No engine headers.
//
// Each formula reproduces PyTorch 1.13's CPU single-tensor path bit for bit in float32, which was
// established empirically against torch (tests/data/probe_optim_kernels.py shows each op;
// tests/data/gen_optim.py records whole runs that the tests match bit for bit):
//   t.add_(u, alpha=s)              -> fmaf(s, u, t)          (torch's add kernel is an FMA)
//   t.addcmul_(u, v, value=s)       -> fmaf(s * u, v, t)
//   t.addcdiv_(u, v, value=s)       -> t + (s * u) / v        (separately rounded)
//   t.mul_(s), t / s, sqrt, + eps   -> plain float operations (division is a true division)
// The scalars (s, lr, betas, bias corrections) are computed in double, as Python does, and
// rounded to float once; the coefficient structs below carry those rounded values. Each
// struct's fields are filled by the host code (engine/optim), never computed here.
#pragma once

#include <math.h>

#include "kernels/elementwise_math.h"

namespace gradlab::optim_math {

// a * b rounded on its own. nvcc fuses a * b + c into an FMA by default (the host build uses
// -ffp-contract=off); where torch rounds the product separately, device code must not fuse.
GL_HD float mulRn(float a, float b) {
#if defined(__CUDA_ARCH__)
    return __fmul_rn(a, b);
#else
    return a * b;
#endif
}

// torch.maximum: NaN wins.
GL_HD float maxNan(float a, float b) { return (a != a || a > b) ? a : b; }

// ---- SGD ----
struct SgdCoeffs {
    float negLr;              // -lr
    float momentum;           // momentum
    float oneMinusDampening;  // 1 - dampening
    float weightDecay;
    bool hasWeightDecay, hasMomentum, nesterov, maximize;
};
// p: parameter, g: gradient, buf: momentum buffer; initBuf: the buffer does not exist yet (it is
// set to the gradient, as torch clones d_p on the first momentum step). Returns the new p.
GL_HD float sgdUpdate(float p, float g, float& buf, bool initBuf, const SgdCoeffs& c) {
    float d = c.maximize ? -g : g;
    if (c.hasWeightDecay) d = fmaf(c.weightDecay, p, d);
    if (c.hasMomentum) {
        buf = initBuf ? d : fmaf(c.oneMinusDampening, d, buf * c.momentum);
        d = c.nesterov ? fmaf(c.momentum, buf, d) : buf;
    }
    return fmaf(c.negLr, d, p);
}

// ---- RMSprop ----
struct RmspropCoeffs {
    float negLr, alpha, oneMinusAlpha, eps, weightDecay, momentum;
    bool hasWeightDecay, hasMomentum, centered, maximize;
};
// sq: square_avg, ga: grad_avg (centered), buf: momentum_buffer (momentum > 0).
GL_HD float rmspropUpdate(float p, float g, float& sq, float& ga, float& buf, const RmspropCoeffs& c) {
    if (c.maximize) g = -g;
    if (c.hasWeightDecay) g = fmaf(c.weightDecay, p, g);
    sq = fmaf(c.oneMinusAlpha * g, g, sq * c.alpha);
    float avg;
    if (c.centered) {
        ga = fmaf(c.oneMinusAlpha, g, ga * c.alpha);
        avg = sqrtf(fmaf(-ga, ga, sq));  // square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
    } else {
        avg = sqrtf(sq);
    }
    avg = avg + c.eps;
    if (c.hasMomentum) {
        buf = mulRn(buf, c.momentum) + g / avg;  // buf.mul_(momentum).addcdiv_(grad, avg)
        return fmaf(c.negLr, buf, p);
    }
    return p + (c.negLr * g) / avg;
}

// ---- Adagrad ----
struct AdagradCoeffs {
    float negClr;  // -lr / (1 + (step - 1) * lr_decay)
    float eps, weightDecay;
    bool hasWeightDecay, maximize;
};
// sum: the running sum of squared gradients.
GL_HD float adagradUpdate(float p, float g, float& sum, const AdagradCoeffs& c) {
    if (c.maximize) g = -g;
    if (c.hasWeightDecay) g = fmaf(c.weightDecay, p, g);
    sum = fmaf(g, g, sum);  // addcmul_(grad, grad, value=1): 1 * g is exact
    float denom = sqrtf(sum) + c.eps;
    return p + (c.negClr * g) / denom;
}

// ---- Adam, AdamW and NAdam: the moment estimates ----
struct MomentCoeffs {
    float beta1, oneMinusBeta1, beta2, oneMinusBeta2, eps;
    float weightDecay;  // Adam and NAdam: L2 added to the gradient (AdamW: see AdamCoeffs::decay)
};
// m: exp_avg, v: exp_avg_sq, updated with the gradient g.
GL_HD void updateMoments(float g, float& m, float& v, const MomentCoeffs& c) {
    m = fmaf(c.oneMinusBeta1, g, m * c.beta1);
    v = fmaf(c.oneMinusBeta2 * g, g, v * c.beta2);
}

// ---- Adam and AdamW ----
struct AdamCoeffs {
    MomentCoeffs moments;
    float decay;         // AdamW: the parameter is first multiplied by 1 - lr * weight_decay
    float bc2Sqrt;       // sqrt(1 - beta2^step)
    float negStepSize;   // -lr / (1 - beta1^step)
    bool decoupled, hasWeightDecay, amsgrad, maximize;
};
// m: exp_avg, v: exp_avg_sq, vmax: max_exp_avg_sq (amsgrad).
GL_HD float adamUpdate(float p, float g, float& m, float& v, float& vmax, const AdamCoeffs& c) {
    if (c.maximize) g = -g;
    if (c.decoupled) p = p * c.decay;
    else if (c.hasWeightDecay) g = fmaf(c.moments.weightDecay, p, g);
    updateMoments(g, m, v, c.moments);
    float s = v;
    if (c.amsgrad) {
        vmax = maxNan(vmax, v);
        s = vmax;
    }
    float denom = sqrtf(s) / c.bc2Sqrt + c.moments.eps;
    return p + (c.negStepSize * m) / denom;
}

// ---- NAdam ----
struct NadamCoeffs {
    MomentCoeffs moments;
    float bc2;        // 1 - beta2^step
    float gradCoef;   // -lr (1 - mu_t) / (1 - prod mu_1..t)
    float avgCoef;    // -lr mu_{t+1} / (1 - prod mu_1..t+1)
    bool hasWeightDecay;
};
GL_HD float nadamUpdate(float p, float g, float& m, float& v, const NadamCoeffs& c) {
    if (c.hasWeightDecay) g = fmaf(c.moments.weightDecay, p, g);
    updateMoments(g, m, v, c.moments);
    float denom = sqrtf(v / c.bc2) + c.moments.eps;
    p = p + (c.gradCoef * g) / denom;
    return p + (c.avgCoef * m) / denom;
}

}  // namespace gradlab::optim_math
