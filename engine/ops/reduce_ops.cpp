// Reductions (sum, mean, var, max, min, argmax) and softmax / log_softmax, with their backward.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/ops/op_utils.h"

namespace gradlab {
namespace detail {

Shape reduceDims(std::span<const int64_t> dims, int64_t rank, const char* op) {
    Shape out;
    if (dims.empty()) {
        for (int64_t d = 0; d < rank; ++d) out.push_back(d);
        return out;
    }
    for (int64_t d : dims) out.push_back(wrapDim(d, rank, op));
    std::sort(out.begin(), out.end());
    for (std::size_t i = 1; i < out.size(); ++i)
        GL_CHECK(out[i] != out[i - 1], op, ": dimension ", out[i], " appears more than once");
    return out;
}

}  // namespace detail

using detail::raw;
using detail::reduceDims;

namespace {

struct ReducePlan {
    Tensor input;           // contiguous, laid out as (outer, n, inner)
    int64_t outer = 1, n = 1, inner = 1;
    Shape keptShape;        // result shape with keepdim
    Shape outShape;         // result shape as returned
};

// Arranges x so that the reduced dims form one block, copying only when they are not adjacent.
ReducePlan planReduce(const Tensor& x, const Shape& dims, bool keepdim) {
    ReducePlan p;
    const int64_t rank = x.dim();
    std::vector<bool> red(std::size_t(rank), false);
    for (int64_t d : dims) red[std::size_t(d)] = true;
    for (int64_t d = 0; d < rank; ++d) {
        p.keptShape.push_back(red[std::size_t(d)] ? 1 : x.size(d));
        if (!red[std::size_t(d)]) p.outShape.push_back(x.size(d));
    }
    if (keepdim) p.outShape = p.keptShape;
    bool adjacent = dims.empty() || dims.back() - dims[0] + 1 == int64_t(dims.size());
    if (adjacent) {
        p.input = detail::contig(x);
        if (!dims.empty()) {
            for (int64_t d = 0; d < dims[0]; ++d) p.outer *= x.size(d);
            for (int64_t d : dims) p.n *= x.size(d);
            for (int64_t d = dims.back() + 1; d < rank; ++d) p.inner *= x.size(d);
        }
        return p;
    }
    Shape perm;
    for (int64_t d = 0; d < rank; ++d)
        if (!red[std::size_t(d)]) perm.push_back(d), p.outer *= x.size(d);
    for (int64_t d : dims) perm.push_back(d), p.n *= x.size(d);
    p.input = raw(permute(x.detach(), perm));
    return p;
}

Tensor reduceRaw(ReduceOp op, const ReducePlan& p, Tensor* indices) {
    Tensor out = empty(p.outShape, p.input.device());
    if (indices) *indices = empty(p.outShape, p.input.device());
    if (p.outer * p.inner == 0) return out;
    GL_CHECK(p.n > 0 || op == ReduceOp::Sum, "max/min: cannot reduce over an empty dimension");
    if (p.n == 0) return out.fill_(0.0f);
    GL_DISPATCH(p.input.device(), reduce, op, p.input, p.outer, p.n, p.inner, out, indices);
    return out;
}

// The gradient of a reduction: dy (shape outShape) broadcast back over the reduced dims.
Tensor expandBack(const Tensor& dy, const Shape& keptShape, const Shape& inShape) {
    return expand(reshape(dy, keptShape), inShape);
}

Tensor sumImpl(OpId id, const Tensor& x, std::span<const int64_t> dims, bool keepdim, bool isMean) {
    detail::commonDevice(isMean ? "mean" : "sum", {&x});
    Shape rd = reduceDims(dims, x.dim(), isMean ? "mean" : "sum");
    ReducePlan p = planReduce(x, rd, keepdim);
    Tensor out = reduceRaw(ReduceOp::Sum, p, nullptr);
    float count = float(p.n);
    if (isMean) {
        Tensor scaled = empty(out.shape(), out.device());
        GL_DISPATCH(out.device(), unary, UnaryOp::DivS, out, scaled, count, 0.0f);
        out = scaled;
    }
    return record(id, out, {&x}, [kept = p.keptShape, in = x.shape(), isMean, count](const Tensor& dy, GradSlots& g) {
        Tensor d = isMean ? div(dy, count) : dy;
        g.set(0, expandBack(d, kept, in));
    });
}

std::pair<Tensor, Tensor> extremeDim(const Tensor& x, int64_t dim, bool keepdim, bool isMax) {
    const char* name = isMax ? "max" : "min";
    detail::commonDevice(name, {&x});
    GL_CHECK(x.dim() > 0, name, "(dim): the tensor is a scalar");
    int64_t d = wrapDim(dim, x.dim(), name);
    Shape rd{d};
    ReducePlan p = planReduce(x, rd, keepdim);
    Tensor idx;
    Tensor out = reduceRaw(isMax ? ReduceOp::Max : ReduceOp::Min, p, &idx);
    out = record(isMax ? OpId::max : OpId::min, out, {&x},
                 [kept = p.keptShape, in = x.shape(), d, idx](const Tensor& dy, GradSlots& g) {
                     // Scatter dy into the chosen positions.
                     Tensor dx = zeros(in, dy.device());
                     Tensor dyk = detail::contig(reshape(dy, kept));
                     Tensor ik = detail::contig(reshape(idx, kept));
                     int64_t outer = 1, inner = 1;
                     for (int64_t i = 0; i < d; ++i) outer *= in[std::size_t(i)];
                     for (std::size_t i = std::size_t(d) + 1; i < in.size(); ++i) inner *= in[i];
                     GL_DISPATCH(dy.device(), scatterAdd, dx, outer, in[std::size_t(d)], inner, ik, dyk);
                     g.set(0, dx);
                 });
    return {out, idx};
}

Tensor extremeAll(const Tensor& x, bool isMax) {
    const char* name = isMax ? "max" : "min";
    detail::commonDevice(name, {&x});
    GL_CHECK(x.numel() > 0, name, "(): the tensor is empty");
    ReducePlan p = planReduce(x, reduceDims({}, x.dim(), name), false);
    p.outer = 1;
    p.n = x.numel();
    p.inner = 1;
    Tensor out = reduceRaw(isMax ? ReduceOp::Max : ReduceOp::Min, p, nullptr);
    return record(isMax ? OpId::max : OpId::min, out, {&x},
                  [xd = x.detach(), y = out.detach()](const Tensor& dy, GradSlots& g) {
                      // Like PyTorch: the gradient is shared evenly by all elements equal to the extreme
                      // (by all NaNs when the extreme is NaN, since NaN equals nothing).
                      const bool isNan = std::isnan(y.item());
                      Tensor hit = isNan ? ne(xd, xd) : eq(xd, y);
                      g.set(0, mul(hit, div(dy, sum(hit))));
                  });
}

}  // namespace

Tensor sum(const Tensor& x) { return sumImpl(OpId::sum, x, {}, false, false); }
Tensor sum(const Tensor& x, std::span<const int64_t> dims, bool keepdim) {
    GL_CHECK(!dims.empty(), "sum: give at least one dimension (or call sum(x) for all)");
    return sumImpl(OpId::sum, x, dims, keepdim, false);
}
Tensor sum(const Tensor& x, int64_t dim, bool keepdim) { return sum(x, std::span<const int64_t>(&dim, 1), keepdim); }
Tensor mean(const Tensor& x) {
    GL_CHECK(x.numel() > 0, "mean: the tensor is empty");
    return sumImpl(OpId::mean, x, {}, false, true);
}
Tensor mean(const Tensor& x, std::span<const int64_t> dims, bool keepdim) {
    GL_CHECK(!dims.empty(), "mean: give at least one dimension (or call mean(x) for all)");
    return sumImpl(OpId::mean, x, dims, keepdim, true);
}
Tensor mean(const Tensor& x, int64_t dim, bool keepdim) { return mean(x, std::span<const int64_t>(&dim, 1), keepdim); }

Tensor var(const Tensor& x, std::span<const int64_t> dims, bool unbiased, bool keepdim) {
    detail::commonDevice("var", {&x});
    if (x.dim() == 0) {  // a scalar is one group of one element
        const int64_t d0 = 0;
        return reshape(var(reshape(x, {1}), std::span<const int64_t>(&d0, 1), unbiased, false), {});
    }
    Shape rd = reduceDims(dims, x.dim(), "var");
    int64_t n = 1;
    for (int64_t d : rd) n *= x.size(d);
    std::vector<int64_t> dv(rd.begin(), rd.end());
    // PyTorch divides by max(n - correction, 0): a group too small for the correction gives NaN (or inf).
    const float dof = float(std::max<int64_t>(unbiased ? n - 1 : n, 0));
    Tensor centred, out;
    {
        NoGradGuard ng;
        centred = sub(x, mean(x, dv, true));
        out = div(sum(mul(centred, centred), dv, keepdim), dof);
    }
    Shape kept = x.shape();
    for (int64_t d : rd) kept[std::size_t(d)] = 1;
    // dx = 2 / dof (x - mean) dy, dy broadcast over the reduced dims (torch's var_backward; the
    // mean's own dependence on x adds nothing, as x - mean sums to zero).
    return record(OpId::var, out, {&x},
                  [centred, scale = float(2.0 / double(dof)), kept, in = x.shape()](const Tensor& dy, GradSlots& g) {
                      g.set(0, mul(mul(expandBack(dy, kept, in), scale), centred));
                  });
}
Tensor var(const Tensor& x, bool unbiased) {
    std::vector<int64_t> all(std::size_t(x.dim()));
    std::iota(all.begin(), all.end(), 0);
    return var(x, all, unbiased, false);
}

Tensor max(const Tensor& x) { return extremeAll(x, true); }
Tensor min(const Tensor& x) { return extremeAll(x, false); }
std::pair<Tensor, Tensor> max(const Tensor& x, int64_t dim, bool keepdim) { return extremeDim(x, dim, keepdim, true); }
std::pair<Tensor, Tensor> min(const Tensor& x, int64_t dim, bool keepdim) { return extremeDim(x, dim, keepdim, false); }
Tensor argmax(const Tensor& x, int64_t dim, bool keepdim) {
    NoGradGuard g;
    return extremeDim(x, dim, keepdim, true).second;
}

// ---------------------------------------------------------------- softmax
// The kernels work on rows: a dim other than the last is moved last (a copy) and back.
namespace detail {

// A handle of its own even when it is rows itself: the node goes on the result, and a backward that
// holds `rows` must not hold its own node.
Tensor SoftmaxRows::result() const { return last ? rows.detach() : raw(transpose(rows, dim, -1)); }

SoftmaxRows softmaxRows(const Tensor& x, int64_t dim, bool log) {
    SoftmaxRows s;
    s.dim = wrapDim(dim, x.dim(), log ? "log_softmax" : "softmax");
    s.last = s.dim == x.dim() - 1;
    s.log = log;
    Tensor xin = s.last ? contig(x) : raw(transpose(x.detach(), s.dim, -1));
    s.rows = empty(xin.shape(), x.device());
    if (s.rows.numel() > 0) GL_DISPATCH(x.device(), softmax, xin, s.rows, log);
    return s;
}

Tensor softmaxGrad(const SoftmaxRows& s, const Tensor& dy) {
    Tensor dyl = s.last ? contig(dy) : raw(transpose(dy, s.dim, -1));
    Tensor dx = empty(dyl.shape(), dy.device());
    if (dx.numel() > 0) GL_DISPATCH(dy.device(), softmaxBackward, s.rows, dyl, dx, s.log);
    return s.last ? dx : raw(transpose(dx, s.dim, -1));
}

}  // namespace detail

namespace {

Tensor softmaxImpl(const Tensor& x, int64_t dim, bool log) {
    detail::commonDevice(log ? "log_softmax" : "softmax", {&x});
    if (x.dim() == 0) return softmaxImpl(x.reshape({1}), 0, log).reshape({});
    detail::SoftmaxRows s = detail::softmaxRows(x, dim, log);
    return record(log ? OpId::log_softmax : OpId::softmax, s.result(), {&x},
                  [s](const Tensor& dy, GradSlots& g) { g.set(0, detail::softmaxGrad(s, dy)); });
}

}  // namespace

Tensor softmax(const Tensor& x, int64_t dim) { return softmaxImpl(x, dim, false); }
Tensor logSoftmax(const Tensor& x, int64_t dim) { return softmaxImpl(x, dim, true); }

}  // namespace gradlab
