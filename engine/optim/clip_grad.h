// Gradient clipping as torch.nn.utils.clip_grad_norm_ and clip_grad_value_ (PyTorch 1.13): both
// change the parameters' .grad in place and skip parameters without one.
#pragma once

#include <span>

#include "engine/tensor/tensor.h"

namespace gradlab {

// total = the normType-norm of all gradients taken together (the norm of the per-parameter norms;
// normType may be infinity: the largest |g|). coef = maxNorm / (total + 1e-6), in float32 as torch
// computes it; when coef < 1 (or NaN) every gradient is multiplied by it. Returns total (0 when no parameter
// has a gradient). normType must be positive; with errorIfNonfinite a NaN or infinite total throws
// before anything changes.
double clipGradNorm_(std::span<const Tensor> params, double maxNorm, double normType = 2.0,
                     bool errorIfNonfinite = false);

// Clamps every gradient element to [-clipValue, clipValue] (clipValue >= 0).
void clipGradValue_(std::span<const Tensor> params, double clipValue);

}  // namespace gradlab
