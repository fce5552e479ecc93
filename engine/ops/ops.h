// Every differentiable op of the engine (the list with arities is in op_table.h). Names, default
// arguments and formulas follow PyTorch (torch / torch.nn.functional), so results can be checked
// against it. Each op checks its arguments before doing any work and throws gradlab::Error.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/rng.h"
#include "engine/tensor/tensor.h"

namespace gradlab {

// ---- elementwise, with PyTorch broadcasting ----
Tensor add(const Tensor& a, const Tensor& b);
Tensor sub(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Tensor& b);
Tensor pow(const Tensor& a, const Tensor& exponent);
Tensor pow(const Tensor& a, float exponent);
Tensor maximum(const Tensor& a, const Tensor& b);  // gradient to the larger (split on ties)
Tensor minimum(const Tensor& a, const Tensor& b);
Tensor neg(const Tensor& x);
Tensor exp(const Tensor& x);
Tensor log(const Tensor& x);
Tensor sqrt(const Tensor& x);
Tensor abs(const Tensor& x);
Tensor square(const Tensor& x);  // pow(x, 2)
// Clamps to [lo, hi]; pass -inf / +inf to leave a side open. Gradient 1 inside, 0 outside.
Tensor clamp(const Tensor& x, float lo, float hi);
Tensor clampMin(const Tensor& x, float lo);
Tensor clampMax(const Tensor& x, float hi);
// cond != 0 ? a : b, broadcasting all three. cond gets no gradient.
Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b);

Tensor add(const Tensor& a, float b);
Tensor sub(const Tensor& a, float b);
Tensor mul(const Tensor& a, float b);
Tensor div(const Tensor& a, float b);
Tensor rsub(float a, const Tensor& b);  // a - b
Tensor rdiv(float a, const Tensor& b);  // a / b

Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& x);
Tensor operator+(const Tensor& a, float b);
Tensor operator-(const Tensor& a, float b);
Tensor operator*(const Tensor& a, float b);
Tensor operator/(const Tensor& a, float b);
Tensor operator+(float a, const Tensor& b);
Tensor operator-(float a, const Tensor& b);
Tensor operator*(float a, const Tensor& b);
Tensor operator/(float a, const Tensor& b);

// Comparisons (not differentiable): 1.0 where true, 0.0 where false.
Tensor gt(const Tensor& a, const Tensor& b);
Tensor lt(const Tensor& a, const Tensor& b);
Tensor ge(const Tensor& a, const Tensor& b);
Tensor le(const Tensor& a, const Tensor& b);
Tensor eq(const Tensor& a, const Tensor& b);
Tensor ne(const Tensor& a, const Tensor& b);

// ---- activations (torch.nn.functional) ----
Tensor sigmoid(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor relu(const Tensor& x);
Tensor leakyRelu(const Tensor& x, float negativeSlope = 0.01f);
Tensor elu(const Tensor& x, float alpha = 1.0f);
enum class GeluApprox { None, Tanh };
Tensor gelu(const Tensor& x, GeluApprox approximate = GeluApprox::None);
Tensor softplus(const Tensor& x, float beta = 1.0f, float threshold = 20.0f);
Tensor silu(const Tensor& x);
Tensor softmax(const Tensor& x, int64_t dim);
Tensor logSoftmax(const Tensor& x, int64_t dim);
// Zeroes each element with probability p and scales the rest by 1/(1-p) when training.
Tensor dropout(const Tensor& x, float p, bool training, Generator& gen);

// ---- reductions ----
Tensor sum(const Tensor& x);  // all elements -> shape ()
Tensor sum(const Tensor& x, std::span<const int64_t> dims, bool keepdim = false);
Tensor sum(const Tensor& x, int64_t dim, bool keepdim = false);
Tensor mean(const Tensor& x);
Tensor mean(const Tensor& x, std::span<const int64_t> dims, bool keepdim = false);
Tensor mean(const Tensor& x, int64_t dim, bool keepdim = false);
// Unbiased (correction 1) or biased variance over dims.
Tensor var(const Tensor& x, std::span<const int64_t> dims, bool unbiased = true, bool keepdim = false);
Tensor var(const Tensor& x, bool unbiased = true);
Tensor max(const Tensor& x);  // largest element -> shape (); gradient split evenly on ties
Tensor min(const Tensor& x);
// Along one dim: (values, indices); indices are float tensors holding integer positions.
std::pair<Tensor, Tensor> max(const Tensor& x, int64_t dim, bool keepdim = false);
std::pair<Tensor, Tensor> min(const Tensor& x, int64_t dim, bool keepdim = false);
Tensor argmax(const Tensor& x, int64_t dim, bool keepdim = false);  // not differentiable

// ---- linear algebra ----
// torch.matmul: 1-D x 1-D dot, 2-D @ 2-D, and batched with broadcast batch dimensions.
Tensor matmul(const Tensor& a, const Tensor& b);

// ---- shape (views share storage; all differentiable) ----
Tensor reshape(const Tensor& x, const Shape& shape);  // one -1 is inferred; copies if it must
Tensor view(const Tensor& x, const Shape& shape);     // like reshape but never copies (throws)
Tensor flatten(const Tensor& x, int64_t startDim = 0, int64_t endDim = -1);
Tensor transpose(const Tensor& x, int64_t d0, int64_t d1);
Tensor permute(const Tensor& x, const Shape& dims);
Tensor expand(const Tensor& x, const Shape& shape);
Tensor narrow(const Tensor& x, int64_t dim, int64_t start, int64_t length);
// Python's x[start:end:step] along dim (negative start/end count from the end, clamped).
Tensor slice(const Tensor& x, int64_t dim, int64_t start, int64_t end, int64_t step = 1);
Tensor select(const Tensor& x, int64_t dim, int64_t index);
Tensor unsqueeze(const Tensor& x, int64_t dim);
Tensor squeeze(const Tensor& x, int64_t dim);
Tensor squeeze(const Tensor& x);
Tensor concat(std::span<const Tensor> xs, int64_t dim);
Tensor stack(std::span<const Tensor> xs, int64_t dim);
Tensor clone(const Tensor& x);
Tensor toDevice(const Tensor& x, Device device);
// Sums a broadcast gradient back to `shape` (the inverse of broadcasting).
Tensor reduceToShape(const Tensor& g, const Shape& shape);

// ---- indexing (index tensors hold integers stored as floats) ----
// Rows of x along dim picked by index (1-D).
Tensor indexSelect(const Tensor& x, int64_t dim, const Tensor& index);
// out[i][j][k] = x[i][index[i][j][k]][k] for dim = 1 (torch.gather).
Tensor gather(const Tensor& x, int64_t dim, const Tensor& index);

// ---- losses (torch.nn.functional; reduction "mean" by default) ----
enum class Reduction { None, Mean, Sum };
Reduction parseReduction(std::string_view name);
Tensor mseLoss(const Tensor& input, const Tensor& target, Reduction reduction = Reduction::Mean);
Tensor l1Loss(const Tensor& input, const Tensor& target, Reduction reduction = Reduction::Mean);
// input: probabilities in [0, 1]; the logs are clamped at -100 like PyTorch.
Tensor binaryCrossEntropy(const Tensor& input, const Tensor& target, Reduction reduction = Reduction::Mean);
Tensor binaryCrossEntropyWithLogits(const Tensor& logits, const Tensor& target,
                                    Reduction reduction = Reduction::Mean, const Tensor& posWeight = Tensor());
// logits: (N, C) or (N, C, d...); target: (N) or (N, d...) class indices in [0, C).
Tensor crossEntropy(const Tensor& logits, const Tensor& target, Reduction reduction = Reduction::Mean,
                    float labelSmoothing = 0.0f, int64_t ignoreIndex = -100);
// logProbs: (N, C) or (N, C, d...).
Tensor nllLoss(const Tensor& logProbs, const Tensor& target, Reduction reduction = Reduction::Mean,
               int64_t ignoreIndex = -100);

}  // namespace gradlab

#include "engine/ops/nn_ops.h"  // convolution, pooling, batch norm
