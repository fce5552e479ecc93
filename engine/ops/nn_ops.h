// Convolution, pooling and batch normalisation ops (torch.nn.functional.conv2d, max_pool2d,
// avg_pool2d, adaptive_avg_pool2d, batch_norm), each with its backward. Inputs are (N, C, H, W), or
// (C, H, W) for one unbatched image as torch allows; arguments are checked before any work is done.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "engine/tensor/tensor.h"

namespace gradlab {

// A (height, width) pair for kernel sizes, strides, paddings and dilations; one number means both.
struct Size2 {
    int64_t h = 0, w = 0;
    constexpr Size2(int64_t both) : h(both), w(both) {}  // NOLINT: implicit like torch's int-or-tuple
    constexpr Size2(int64_t height, int64_t width) : h(height), w(width) {}
    friend constexpr bool operator==(const Size2&, const Size2&) = default;
};

// x: (N, C, H, W), weight: (O, C / groups, kH, kW), bias: (O) or undefined -> (N, O, Ho, Wo) with
// Ho = floor((H + 2 padding.h - dilation.h (kH - 1) - 1) / stride.h) + 1 (likewise Wo).
// out[n, o, y, x] = bias[o] + sum_{c in o's group, i, j} weight[o, c, i, j] xpad[n, c, y sh + i dh, x sw + j dw]
// (cross-correlation, zero padding). C and O must both be divisible by groups.
Tensor conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias = Tensor(), Size2 stride = 1,
              Size2 padding = 0, Size2 dilation = 1, int64_t groups = 1);

// x: (N, C, H, W) -> (N, C, Ho, Wo): the largest value of each window (padding counts as -inf).
// stride defaults to the kernel size; Ho = floor or ceil((H + 2 p - d (k - 1) - 1) / s) + 1, and with
// ceil_mode a last window that would start in the right padding is dropped. padding <= kernel / 2.
// The gradient goes to the first largest element of each window (row-major order).
Tensor maxPool2d(const Tensor& x, Size2 kernel, std::optional<Size2> stride = std::nullopt, Size2 padding = 0,
                 Size2 dilation = 1, bool ceilMode = false);
// Same, plus the indices torch's return_indices=True gives: the flat position (row * W + column) in
// its (H, W) plane of each chosen element, stored as floats (not differentiable).
std::pair<Tensor, Tensor> maxPool2dWithIndices(const Tensor& x, Size2 kernel, std::optional<Size2> stride = std::nullopt,
                                               Size2 padding = 0, Size2 dilation = 1, bool ceilMode = false);

// x: (N, C, H, W) -> (N, C, Ho, Wo): the mean of each window (output size as maxPool2d, no dilation).
// Divisor: the window's size clipped to the padded input when countIncludePad, else the number of
// real (unpadded) elements in it.
Tensor avgPool2d(const Tensor& x, Size2 kernel, std::optional<Size2> stride = std::nullopt, Size2 padding = 0,
                 bool ceilMode = false, bool countIncludePad = true);

// x: (N, C, H, W) -> (N, C, oh, ow): window (i, j) averages rows [floor(i H / oh), ceil((i + 1) H / oh))
// and the columns likewise.
Tensor adaptiveAvgPool2d(const Tensor& x, Size2 outputSize);

// x: (N, C) or (N, C, *) (e.g. (N, C, H, W)); runningMean, runningVar, weight, bias: (C) or undefined.
// y = (x - mean) / sqrt(var + eps) * weight + bias per channel c. Training (or no running stats):
// mean and biased var of the batch over every dim but C, and the running stats (when given) are
// updated in place: r = (1 - momentum) r + momentum stat (the unbiased var for runningVar).
// Otherwise the running stats are used. Gradients flow to x, weight and bias.
Tensor batchNorm(const Tensor& x, const Tensor& runningMean, const Tensor& runningVar, const Tensor& weight = Tensor(),
                 const Tensor& bias = Tensor(), bool training = false, double momentum = 0.1, double eps = 1e-5);

}  // namespace gradlab
