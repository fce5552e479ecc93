// The ops of transformers: layer norm, embedding lookup and scaled dot-product attention, with the
// names, defaults and formulas of torch.nn.functional (PyTorch 1.13; attention as torch 2's
// F.scaled_dot_product_attention, which 1.13 has as the private _scaled_dot_product_attention).
#pragma once

#include <optional>

#include "engine/core/rng.h"
#include "engine/tensor/tensor.h"

namespace gradlab {

// x: (..., *normalizedShape); weight, bias: normalizedShape, or undefined (no affine part).
// y = (x - mean) / sqrt(var + eps) * weight + bias, with the mean and biased variance taken over
// the last normalizedShape.size() dims of each row. Gradients for x, weight and bias.
Tensor layerNorm(const Tensor& x, const Shape& normalizedShape, const Tensor& weight = Tensor(),
                 const Tensor& bias = Tensor(), float eps = 1e-5f);

// indices: any shape, integers stored as floats, in [0, num); weight: (num, dim).
// out: (*indices.shape, dim), out[i...] = weight[indices[i...]]. The gradient goes to weight only
// (rows picked several times add up); the row paddingIdx (negative counts from the end) gets none.
Tensor embedding(const Tensor& indices, const Tensor& weight, std::optional<int64_t> paddingIdx = std::nullopt);

// How scaledDotProductAttention reads attnMask (our tensors are all float32, so the caller says
// which kind of mask it is; a Keep or Block mask must hold only 0 and 1, else it throws).
enum class MaskKind {
    Keep,      // 1 = the query may attend to this key, 0 = masked out (torch's boolean sdpa mask)
    Block,     // 1 = masked out, 0 = may attend (torch's boolean nn.MultiheadAttention masks)
    Additive,  // added to the scores before the softmax (0 keeps, -inf masks)
};

struct AttentionOptions {
    Tensor attnMask;  // undefined, or broadcastable to (N..., Tq, Tk); gets no gradient
    MaskKind maskKind = MaskKind::Keep;
    bool isCausal = false;  // query i attends to keys j <= i only; excludes attnMask
    float dropoutP = 0.0f;  // dropout on the attention weights (training); needs `generator`
    Generator* generator = nullptr;
    std::optional<float> scale;  // default 1 / sqrt(d)
};

struct AttentionResult {
    Tensor output;   // (N..., Tq, dv)
    Tensor weights;  // (N..., Tq, Tk): the attention weights applied to v (after dropout, as torch)
};

// q: (N..., Tq, d), k: (N..., Tk, d), v: (N..., Tk, dv); batch dims N... broadcast; any strides.
// weights = dropout(softmax(scale * q k^T + mask)), output = weights v.
// Both results are differentiable with respect to q, k and v (weights through q and k). A row
// whose keys are all masked gives NaN, as in PyTorch. The output is laid out like q (a q that is
// a transposed view of (B, T, H, d) gives an output whose transpose back is contiguous).
AttentionResult scaledDotProductAttention(const Tensor& q, const Tensor& k, const Tensor& v,
                                          const AttentionOptions& options = {});

// A Keep/Block/Additive mask (any shape) as an additive one: 0 where attending, -inf where masked.
// Throws if a Keep or Block mask holds anything but 0 and 1. Not differentiable.
Tensor additiveMask(const Tensor& mask, MaskKind kind);

}  // namespace gradlab
