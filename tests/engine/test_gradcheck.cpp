// Gradient check of every op in the op table: our backward against central finite differences of
// our own float32 forward, summed in double. One table maps each OpId to its cases (broadcasting,
// transposed and sliced inputs, odd sizes, options); a test fails when an op has no case.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "common/check.h"
#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/ops.h"
#include "engine/ops/transformer_ops.h"

using namespace gradlab;

namespace {

// ---------------------------------------------------------------- inputs of a case
enum class Domain {
    Normal,        // N(0, 1) * scale
    Uniform,       // U[lo, hi]
    SignedUniform, // random sign * U[lo, hi]: keeps |x| >= lo (away from kinks at 0)
    Grid,          // distinct values lo + k * hi, shuffled: no ties for max/min, gaps of hi
    Index,         // integers in [0, hi) (not differentiable)
    Mask,          // 0 or 1 (not differentiable)
};
enum class Layout { Contiguous, Transposed, Strided };

struct In {
    Shape shape;
    Domain domain = Domain::Normal;
    float lo = 0.0f, hi = 1.0f;
    Layout layout = Layout::Contiguous;
    bool diff = true;
    std::vector<float> avoid;                      // kinks: values are pushed >= 0.05 away from them
    std::function<void(std::vector<float>&)> tweak;  // last edit of the values (e.g. exact zeros)

    In transposed() && { layout = Layout::Transposed; return std::move(*this); }
    In strided() && { layout = Layout::Strided; return std::move(*this); }
    In noGrad() && { diff = false; return std::move(*this); }
    In avoiding(std::vector<float> v) && { avoid = std::move(v); return std::move(*this); }
    In edited(std::function<void(std::vector<float>&)> f) && { tweak = std::move(f); return std::move(*this); }
};

In normal(Shape s, float scale = 1.0f) { return In{s, Domain::Normal, 0.0f, scale}; }
In uniform(Shape s, float lo, float hi) { return In{s, Domain::Uniform, lo, hi}; }
In awayFromZero(Shape s, float lo = 0.2f, float hi = 1.5f) { return In{s, Domain::SignedUniform, lo, hi}; }
In grid(Shape s, float offset = 0.0f, float gap = 0.1f) { return In{s, Domain::Grid, offset, gap}; }
In index(Shape s, int64_t n) { return std::move(In{s, Domain::Index, 0.0f, float(n)}).noGrad(); }
In mask(Shape s) { return std::move(In{s, Domain::Mask}).noGrad(); }

using Fn = std::function<Tensor(const std::vector<Tensor>&)>;

struct GradCase {
    std::string name;
    OpId op;  // the op this case covers
    std::vector<In> inputs;
    Fn fn;
    // to_device on the device the tensor is on is the identity and records nothing; every other
    // case must show `op` in its graph.
    bool identity = false;
    double h = 1e-2;       // finite-difference step
    double rtol = 1e-2;    // relative to the finite difference
    double atolRel = 1e-3; // absolute, relative to the largest gradient of the input
};

// ---------------------------------------------------------------- making inputs
Tensor makeInput(const In& in, Generator& gen) {
    const int64_t n = numelOf(in.shape);
    std::vector<float> v(static_cast<std::size_t>(n));
    switch (in.domain) {
        case Domain::Normal:
            for (float& x : v) x = gen.normal() * in.hi;
            break;
        case Domain::Uniform:
            for (float& x : v) x = in.lo + (in.hi - in.lo) * gen.uniform();
            break;
        case Domain::SignedUniform:
            for (float& x : v) x = (gen.uniform() < 0.5f ? -1.0f : 1.0f) * (in.lo + (in.hi - in.lo) * gen.uniform());
            break;
        case Domain::Grid: {
            std::vector<int64_t> k(v.size());
            std::iota(k.begin(), k.end(), -n / 2);
            for (std::size_t i = k.size(); i > 1; --i) std::swap(k[i - 1], k[gen.below(i)]);
            for (std::size_t i = 0; i < v.size(); ++i) v[i] = in.lo + float(k[i]) * in.hi;
            break;
        }
        case Domain::Index:
            for (float& x : v) x = float(gen.below(uint64_t(in.hi)));
            break;
        case Domain::Mask:
            for (float& x : v) x = gen.uniform() < 0.5f ? 1.0f : 0.0f;
            break;
    }
    for (float& x : v)
        for (float k : in.avoid)
            if (std::fabs(x - k) < 0.05f) x = k + (x < k ? -0.05f : 0.05f);
    if (in.tweak) in.tweak(v);

    Tensor t = fromData(v, in.shape);
    if (in.layout != Layout::Contiguous) {
        if (in.shape.size() < 2 && in.layout == Layout::Transposed) qFatal("a transposed input needs rank >= 2");
        if (in.layout == Layout::Transposed) {
            // Same values, stored transposed: a leaf whose last two dims have swapped strides.
            Tensor stored = t.transpose(-1, -2).contiguous();
            t = stored.transpose(-1, -2).detach();
        } else {
            // Every other element of a buffer twice as long in the last dim (stride 2).
            Shape wide = in.shape;
            wide.back() *= 2;
            Tensor buf = zeros(wide);
            Tensor view = buf.slice(-1, 0, wide.back(), 2);
            view.copy_(t);
            t = view.detach();
        }
    }
    if (in.diff) t.setRequiresGrad();
    return t;
}

// Address of the element with row-major position `linear` in a strided tensor.
float* elementPtr(const Tensor& t, int64_t linear) {
    int64_t off = 0;
    for (int64_t d = t.dim() - 1; d >= 0; --d) {
        int64_t sz = t.size(d);
        off += (linear % sz) * t.strides()[std::size_t(d)];
        linear /= sz;
    }
    return t.data() + off;
}

// sum(fn(inputs) * r) in double, evaluated without a graph.
double weightedSum(const Fn& fn, const std::vector<Tensor>& inputs, const std::vector<float>& r) {
    NoGradGuard ng;
    std::vector<float> out = fn(inputs).toVector();
    double s = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) s += double(out[i]) * double(r[i]);
    return s;
}

// d sum(fn * r) / d inputs[k] by central differences, element by element.
std::vector<double> numericGrad(const Fn& fn, const std::vector<Tensor>& inputs, std::size_t k,
                                const std::vector<float>& r, double h) {
    const Tensor& x = inputs[k];
    std::vector<double> g(static_cast<std::size_t>(x.numel()));
    for (int64_t j = 0; j < x.numel(); ++j) {
        float* p = elementPtr(x, j);
        const float orig = *p;
        *p = float(orig + h);
        const double hp = double(*p) - orig;  // the step float32 can actually take
        const double up = weightedSum(fn, inputs, r);
        *p = float(orig - h);
        const double hm = orig - double(*p);
        const double down = weightedSum(fn, inputs, r);
        *p = orig;
        g[std::size_t(j)] = (up - down) / (hp + hm);
    }
    return g;
}

// |analytic - numeric| <= 1e-5 + atolRel * max|numeric| + rtol * |numeric| for every element.
bool gradientsAgree(const std::vector<float>& analytic, const std::vector<double>& numeric, double rtol,
                    double atolRel, std::string* why) {
    double scale = 0.0;
    for (double v : numeric) scale = std::max(scale, std::fabs(v));
    return test::allClose(analytic, numeric, rtol, 1e-5 + atolRel * scale, why);
}

void collectOps(const Tensor& t, std::set<OpId>& ops) {
    if (!t.gradFn()) return;
    std::vector<Node*> stack{t.gradFn().get()};
    std::set<Node*> seen;
    while (!stack.empty()) {
        Node* n = stack.back();
        stack.pop_back();
        if (!seen.insert(n).second) continue;
        ops.insert(n->op);
        for (std::size_t i = 0; i < n->numInputs(); ++i)
            if (n->input(i) && n->input(i)->gradFn) stack.push_back(n->input(i)->gradFn.get());
    }
}

// ---------------------------------------------------------------- the table
std::vector<Tensor> list(std::initializer_list<Tensor> ts) { return std::vector<Tensor>(ts); }

std::vector<GradCase> gradCases() {
    using V = const std::vector<Tensor>&;
    std::vector<GradCase> c;
    auto add1 = [&](std::string name, OpId op, std::vector<In> ins, Fn fn) -> GradCase& {
        c.push_back(GradCase{std::move(name), op, std::move(ins), std::move(fn)});
        return c.back();
    };

    // ---- broadcasting binary ops
    add1("add same shape", OpId::add, {normal({3, 4}), normal({3, 4})}, [](V x) { return add(x[0], x[1]); });
    add1("add row broadcast", OpId::add, {normal({3, 4}), normal({4})}, [](V x) { return x[0] + x[1]; });
    add1("add both broadcast", OpId::add, {normal({2, 1, 5}), normal({3, 1})}, [](V x) { return x[0] + x[1]; });
    add1("add transposed + strided", OpId::add, {normal({3, 4}).transposed(), normal({3, 4}).strided()},
         [](V x) { return x[0] + x[1]; });
    add1("add scalar tensor + 7", OpId::add, {normal({}), normal({7})}, [](V x) { return x[0] + x[1]; });
    add1("add 1 + 33", OpId::add, {normal({1}), normal({33})}, [](V x) { return x[0] + x[1]; });
    add1("sub broadcast", OpId::sub, {normal({5, 3}), normal({3})}, [](V x) { return sub(x[0], x[1]); });
    add1("sub outer", OpId::sub, {normal({1, 7}), normal({7, 1}).strided()}, [](V x) { return x[0] - x[1]; });
    add1("mul transposed", OpId::mul, {normal({3, 4}).transposed(), normal({3, 4})}, [](V x) { return mul(x[0], x[1]); });
    add1("mul broadcast", OpId::mul, {normal({2, 3, 1}), normal({3, 4})}, [](V x) { return x[0] * x[1]; });
    add1("mul x * x", OpId::mul, {normal({7})}, [](V x) { return x[0] * x[0]; });
    add1("div", OpId::div, {normal({3, 4}), awayFromZero({3, 4}, 0.5f, 2.0f)}, [](V x) { return div(x[0], x[1]); });
    add1("div broadcast", OpId::div, {normal({3, 4}), awayFromZero({4}, 0.5f, 2.0f)}, [](V x) { return x[0] / x[1]; });
    add1("pow tensor exponent", OpId::pow, {uniform({3, 4}, 0.5f, 2.0f), normal({3, 4})},
         [](V x) { return pow(x[0], x[1]); });
    add1("pow broadcast exponent", OpId::pow, {uniform({2, 5}, 0.5f, 2.0f), uniform({5}, -1.5f, 2.5f)},
         [](V x) { return pow(x[0], x[1]); });
    add1("maximum", OpId::maximum, {grid({4, 5}), grid({4, 5}, 0.05f)}, [](V x) { return maximum(x[0], x[1]); });
    add1("maximum broadcast", OpId::maximum, {grid({3, 4}).transposed(), grid({4}, 0.05f)},
         [](V x) { return maximum(x[0], x[1]); });
    add1("minimum", OpId::minimum, {grid({7}), grid({7}, 0.05f)}, [](V x) { return minimum(x[0], x[1]); });
    add1("minimum broadcast", OpId::minimum, {grid({2, 1, 3}), grid({4, 1}, 0.05f)},
         [](V x) { return minimum(x[0], x[1]); });

    // ---- unary math
    add1("neg", OpId::neg, {normal({3, 4}).transposed()}, [](V x) { return neg(x[0]); });
    add1("exp", OpId::exp, {normal({33})}, [](V x) { return exp(x[0]); });
    add1("log", OpId::log, {uniform({3, 7}, 0.5f, 3.0f)}, [](V x) { return log(x[0]); });
    add1("sqrt", OpId::sqrt, {uniform({7}, 0.5f, 3.0f).strided()}, [](V x) { return sqrt(x[0]); });
    add1("abs", OpId::abs, {awayFromZero({4, 5})}, [](V x) { return abs(x[0]); });
    add1("clamp both sides", OpId::clamp, {normal({5, 7}).avoiding({-0.5f, 0.5f})},
         [](V x) { return clamp(x[0], -0.5f, 0.5f); });
    add1("clampMin", OpId::clamp, {normal({33}).avoiding({0.2f})}, [](V x) { return clampMin(x[0], 0.2f); });
    add1("clampMax", OpId::clamp, {normal({3, 4}).transposed().avoiding({-0.1f})},
         [](V x) { return clampMax(x[0], -0.1f); });
    add1("pow scalar 2", OpId::pow_scalar, {normal({7})}, [](V x) { return pow(x[0], 2.0f); });
    add1("pow scalar 3", OpId::pow_scalar, {normal({3, 4}).transposed()}, [](V x) { return pow(x[0], 3.0f); });
    add1("pow scalar 0.5", OpId::pow_scalar, {uniform({7}, 0.5f, 3.0f)}, [](V x) { return pow(x[0], 0.5f); });
    add1("pow scalar -1", OpId::pow_scalar, {uniform({7}, 0.5f, 3.0f)}, [](V x) { return pow(x[0], -1.0f); });
    add1("pow scalar 1.7", OpId::pow_scalar, {uniform({7}, 0.5f, 3.0f)}, [](V x) { return pow(x[0], 1.7f); });
    add1("pow scalar 0", OpId::pow_scalar, {normal({5})}, [](V x) { return pow(x[0], 0.0f); });
    add1("square", OpId::pow_scalar, {normal({2, 3})}, [](V x) { return square(x[0]); });
    add1("add scalar", OpId::add_scalar, {normal({3, 4}).strided()}, [](V x) { return x[0] + 2.5f; });
    add1("sub scalar", OpId::add_scalar, {normal({7})}, [](V x) { return sub(x[0], 1.5f); });
    add1("mul scalar", OpId::mul_scalar, {normal({3, 4}).transposed()}, [](V x) { return -3.0f * x[0]; });
    add1("div scalar", OpId::div_scalar, {normal({7})}, [](V x) { return x[0] / 4.0f; });
    add1("rsub scalar", OpId::rsub_scalar, {normal({7})}, [](V x) { return 2.0f - x[0]; });
    add1("rdiv scalar", OpId::rdiv_scalar, {awayFromZero({7}, 0.5f, 2.0f)}, [](V x) { return 3.0f / x[0]; });
    add1("where", OpId::where, {mask({3, 4}), normal({3, 4}), normal({3, 4})},
         [](V x) { return where(x[0], x[1], x[2]); });
    add1("where broadcast", OpId::where, {mask({3, 1}), normal({3, 4}).transposed(), normal({4})},
         [](V x) { return where(x[0], x[1], x[2]); });

    // ---- activations
    add1("sigmoid", OpId::sigmoid, {normal({5, 7}, 2.0f)}, [](V x) { return sigmoid(x[0]); });
    add1("tanh", OpId::tanh, {normal({3, 4}, 1.5f).transposed()}, [](V x) { return tanh(x[0]); });
    add1("relu", OpId::relu, {normal({33}).avoiding({0.0f})}, [](V x) { return relu(x[0]); });
    add1("leaky_relu 0.1", OpId::leaky_relu, {normal({5, 7}).avoiding({0.0f})},
         [](V x) { return leakyRelu(x[0], 0.1f); });
    add1("leaky_relu default", OpId::leaky_relu, {normal({7}).avoiding({0.0f})}, [](V x) { return leakyRelu(x[0]); });
    add1("elu alpha 1.5", OpId::elu, {normal({5, 7}).avoiding({0.0f})}, [](V x) { return elu(x[0], 1.5f); });
    add1("gelu", OpId::gelu, {normal({5, 7}, 2.0f)}, [](V x) { return gelu(x[0]); });
    add1("gelu tanh", OpId::gelu_tanh, {normal({33}, 2.0f)}, [](V x) { return gelu(x[0], GeluApprox::Tanh); });
    add1("softplus default", OpId::softplus, {normal({5, 7}, 3.0f)}, [](V x) { return softplus(x[0]); });
    add1("softplus beta 2 threshold 1", OpId::softplus, {normal({33}).avoiding({0.5f})},
         [](V x) { return softplus(x[0], 2.0f, 1.0f); });
    add1("silu", OpId::silu, {normal({3, 4}, 2.0f).transposed()}, [](V x) { return silu(x[0]); });
    add1("softmax last dim", OpId::softmax, {normal({3, 5})}, [](V x) { return softmax(x[0], -1); });
    add1("softmax dim 0", OpId::softmax, {normal({3, 5})}, [](V x) { return softmax(x[0], 0); });
    add1("softmax middle dim", OpId::softmax, {normal({2, 3, 4}).transposed()}, [](V x) { return softmax(x[0], 1); });
    add1("softmax of 1", OpId::softmax, {normal({4, 1})}, [](V x) { return softmax(x[0], 1); });
    add1("log_softmax last dim", OpId::log_softmax, {normal({3, 7}, 2.0f)}, [](V x) { return logSoftmax(x[0], 1); });
    add1("log_softmax dim 0", OpId::log_softmax, {normal({4, 3}).transposed()},
         [](V x) { return logSoftmax(x[0], 0); });
    add1("log_softmax middle dim", OpId::log_softmax, {normal({2, 5, 3})}, [](V x) { return logSoftmax(x[0], -2); });
    add1("dropout p 0.3 (fixed generator)", OpId::dropout, {normal({5, 7})}, [](V x) {
        Generator g(11);
        return dropout(x[0], 0.3f, true, g);
    });

    // ---- reductions
    add1("sum all", OpId::sum, {normal({3, 4}).transposed()}, [](V x) { return sum(x[0]); });
    add1("sum dim 1", OpId::sum, {normal({3, 5})}, [](V x) { return sum(x[0], 1); });
    add1("sum dim 0 keepdim", OpId::sum, {normal({3, 5}).strided()}, [](V x) { return sum(x[0], 0, true); });
    add1("sum dims 0, 2 (not adjacent)", OpId::sum, {normal({2, 3, 4})}, [](V x) {
        std::vector<int64_t> d{0, 2};
        return sum(x[0], d);
    });
    add1("sum dims -1, -2 keepdim", OpId::sum, {normal({2, 3, 4})}, [](V x) {
        std::vector<int64_t> d{-1, -2};
        return sum(x[0], d, true);
    });
    add1("mean all", OpId::mean, {normal({33})}, [](V x) { return mean(x[0]); });
    add1("mean dim 1 keepdim", OpId::mean, {normal({3, 4}).transposed()}, [](V x) { return mean(x[0], 1, true); });
    add1("mean dims 0, 2", OpId::mean, {normal({2, 3, 4})}, [](V x) {
        std::vector<int64_t> d{0, 2};
        return mean(x[0], d);
    });
    add1("max all", OpId::max, {grid({4, 5})}, [](V x) { return max(x[0]); });
    add1("max dim 1", OpId::max, {grid({4, 5}).transposed()}, [](V x) { return max(x[0], 1).first; });
    add1("max dim 0 keepdim", OpId::max, {grid({2, 3, 4})}, [](V x) { return max(x[0], 0, true).first; });
    add1("min all", OpId::min, {grid({7}).strided()}, [](V x) { return min(x[0]); });
    add1("min dim -1", OpId::min, {grid({3, 5})}, [](V x) { return min(x[0], -1).first; });
    add1("min dim 1 keepdim", OpId::min, {grid({2, 3, 4})}, [](V x) { return min(x[0], 1, true).first; });
    add1("var all unbiased", OpId::var, {normal({5, 7})}, [](V x) { return var(x[0]); });
    add1("var all biased", OpId::var, {normal({33})}, [](V x) { return var(x[0], false); });
    add1("var dim 1 keepdim", OpId::var, {normal({3, 5}).transposed()}, [](V x) {
        std::vector<int64_t> d{1};
        return var(x[0], d, true, true);
    });
    add1("var dims 0, 2 biased", OpId::var, {normal({3, 2, 4})}, [](V x) {
        std::vector<int64_t> d{0, 2};
        return var(x[0], d, false);
    });

    // ---- matmul
    add1("matmul dot", OpId::matmul, {normal({7}), normal({7})}, [](V x) { return matmul(x[0], x[1]); });
    add1("matmul matrix @ vector", OpId::matmul, {normal({3, 4}), normal({4})}, [](V x) { return matmul(x[0], x[1]); });
    add1("matmul vector @ matrix", OpId::matmul, {normal({4}), normal({4, 5})}, [](V x) { return matmul(x[0], x[1]); });
    add1("matmul 2-D", OpId::matmul, {normal({3, 4}), normal({4, 5})}, [](V x) { return matmul(x[0], x[1]); });
    add1("matmul 2-D transposed operands", OpId::matmul, {normal({3, 4}).transposed(), normal({4, 5}).transposed()},
         [](V x) { return matmul(x[0], x[1]); });
    add1("matmul 1 x 1", OpId::matmul, {normal({1, 1}), normal({1, 1})}, [](V x) { return matmul(x[0], x[1]); });
    add1("matmul batched @ 2-D", OpId::matmul, {normal({2, 3, 4}), normal({4, 5})},
         [](V x) { return matmul(x[0], x[1]); });
    add1("matmul batched, strided", OpId::matmul, {normal({2, 3, 4}).strided(), normal({4, 5}).transposed()},
         [](V x) { return matmul(x[0], x[1]); });
    add1("matmul broadcast batch", OpId::matmul, {normal({2, 1, 3, 4}), normal({3, 4, 2})},
         [](V x) { return matmul(x[0], x[1]); });
    add1("matmul 2-D @ batched", OpId::matmul, {normal({3, 4}), normal({2, 4, 5}).transposed()},
         [](V x) { return matmul(x[0], x[1]); });
    add1("matmul vector @ batched", OpId::matmul, {normal({4}), normal({2, 4, 3})},
         [](V x) { return matmul(x[0], x[1]); });

    // ---- convolution, pooling, batch norm (the CPU conv has a batched plan for small outputs and a
    // per-image plan from 256 output pixels on, and a shortcut when the kernel covers the image)
    add1("conv2d 3x3 + bias", OpId::conv2d, {normal({2, 3, 5, 6}), normal({4, 3, 3, 2}, 0.5f), normal({4})},
         [](V x) { return conv2d(x[0], x[1], x[2]); });
    add1("conv2d stride 2 padding 1, transposed x, no bias", OpId::conv2d,
         {normal({2, 2, 7, 6}).transposed(), normal({3, 2, 3, 3}, 0.5f)},
         [](V x) { return conv2d(x[0], x[1], Tensor(), 2, 1); });
    add1("conv2d stride (1,2) padding (2,1) dilation 2", OpId::conv2d,
         {normal({1, 2, 8, 7}), normal({2, 2, 3, 2}, 0.5f).strided(), normal({2})},
         [](V x) { return conv2d(x[0], x[1], x[2], Size2(1, 2), Size2(2, 1), 2); });
    add1("conv2d groups 2", OpId::conv2d, {normal({2, 4, 5, 5}), normal({6, 2, 3, 3}, 0.5f), normal({6})},
         [](V x) { return conv2d(x[0], x[1], x[2], 1, 1, 1, 2); });
    add1("conv2d depthwise, stride 2", OpId::conv2d, {normal({1, 3, 6, 5}), normal({3, 1, 3, 3}, 0.5f), normal({3})},
         [](V x) { return conv2d(x[0], x[1], x[2], 2, 1, 1, 3); });
    add1("conv2d kernel covers the image", OpId::conv2d, {normal({3, 2, 4, 4}), normal({5, 2, 4, 4}, 0.3f), normal({5})},
         [](V x) { return conv2d(x[0], x[1], x[2]); });
    add1("conv2d per-image plan, padding 1", OpId::conv2d, {normal({2, 1, 16, 17}), normal({2, 1, 3, 3}, 0.5f), normal({2})},
         [](V x) { return conv2d(x[0], x[1], x[2], 1, 1); });
    add1("conv2d per-image plan, groups 2 stride (2,1) dilation 2", OpId::conv2d,
         {normal({2, 2, 34, 18}), normal({2, 1, 3, 3}, 0.5f)},
         [](V x) { return conv2d(x[0], x[1], Tensor(), Size2(2, 1), 1, 2, 2); });
    add1("conv2d unbatched", OpId::conv2d, {normal({2, 5, 5}), normal({3, 2, 2, 2}, 0.5f), normal({3})},
         [](V x) { return conv2d(x[0], x[1], x[2], 1, 1); });
    add1("max_pool2d 2x2, odd size", OpId::max_pool2d, {grid({2, 3, 5, 7})}, [](V x) { return maxPool2d(x[0], 2); });
    add1("max_pool2d 3x3 stride 2 padding 1", OpId::max_pool2d, {grid({1, 2, 7, 7}).transposed()},
         [](V x) { return maxPool2d(x[0], 3, Size2(2), 1); });
    add1("max_pool2d dilation 2, ceil_mode", OpId::max_pool2d, {grid({1, 2, 9, 8})},
         [](V x) { return maxPool2d(x[0], 3, Size2(2), 0, 2, true); });
    add1("max_pool2d (2,3) stride (1,2), unbatched", OpId::max_pool2d, {grid({3, 6, 7}).strided()},
         [](V x) { return maxPool2d(x[0], Size2(2, 3), Size2(1, 2)); });
    add1("avg_pool2d 2x2", OpId::avg_pool2d, {normal({2, 3, 6, 5})}, [](V x) { return avgPool2d(x[0], 2); });
    add1("avg_pool2d 3x3 stride 2 padding 1 ceil, exclude pad", OpId::avg_pool2d, {normal({1, 2, 8, 7}).transposed()},
         [](V x) { return avgPool2d(x[0], 3, Size2(2), 1, true, false); });
    add1("avg_pool2d 3x3 stride 2 padding 1 ceil, include pad", OpId::avg_pool2d, {normal({1, 2, 8, 7})},
         [](V x) { return avgPool2d(x[0], 3, Size2(2), 1, true, true); });
    add1("avg_pool2d (2,3) stride (1,2) padding (1,0)", OpId::avg_pool2d, {normal({2, 2, 6, 9}).strided()},
         [](V x) { return avgPool2d(x[0], Size2(2, 3), Size2(1, 2), Size2(1, 0)); });
    add1("adaptive_avg_pool2d 7x9 -> 3x4", OpId::adaptive_avg_pool2d, {normal({2, 3, 7, 9})},
         [](V x) { return adaptiveAvgPool2d(x[0], Size2(3, 4)); });
    add1("adaptive_avg_pool2d 3x3 -> 4x5, transposed", OpId::adaptive_avg_pool2d, {normal({1, 2, 3, 3}).transposed()},
         [](V x) { return adaptiveAvgPool2d(x[0], Size2(4, 5)); });
    add1("adaptive_avg_pool2d global", OpId::adaptive_avg_pool2d, {normal({2, 3, 5, 4})},
         [](V x) { return adaptiveAvgPool2d(x[0], 1); });
    // batch_norm: running stats are updated by every forward of the finite differences; in training
    // they do not enter the output.
    add1("batch_norm train 4-D, affine", OpId::batch_norm, {normal({4, 3, 3, 2}, 2.0f), normal({3}), normal({3})},
         [](V x) { return batchNorm(x[0], zeros({3}), ones({3}), x[1], x[2], true); });
    add1("batch_norm train 2-D, no running stats", OpId::batch_norm, {normal({5, 4}).transposed(), normal({4})},
         [](V x) { return batchNorm(x[0], Tensor(), Tensor(), x[1], Tensor(), true, 0.1, 1e-3); });
    add1("batch_norm train 3-D, no affine", OpId::batch_norm, {normal({3, 2, 4})},
         [](V x) { return batchNorm(x[0], Tensor(), Tensor(), Tensor(), Tensor(), true); });
    add1("batch_norm eval 4-D, affine", OpId::batch_norm, {normal({2, 3, 2, 2}), normal({3}), normal({3})},
         [](V x) { return batchNorm(x[0], fromData({0.5f, -0.2f, 0.1f}), fromData({0.8f, 1.5f, 0.3f}), x[1], x[2]); });

    // ---- shape ops
    add1("reshape", OpId::reshape, {normal({3, 4})}, [](V x) { return x[0].reshape({2, 6}); });
    add1("reshape -1 of transposed (copies)", OpId::reshape, {normal({3, 4}).transposed()},
         [](V x) { return x[0].reshape({-1}); });
    add1("view / flatten / unsqueeze / squeeze", OpId::reshape, {normal({2, 3, 4})},
         [](V x) { return x[0].flatten(1).unsqueeze(0).view({1, 2, 12}).squeeze(0); });
    add1("transpose", OpId::transpose, {normal({2, 3, 4})}, [](V x) { return x[0].transpose(0, 2) * 1.0f; });
    add1("t of a matrix", OpId::transpose, {normal({3, 5}).strided()}, [](V x) { return exp(x[0].t()); });
    add1("permute", OpId::permute, {normal({2, 3, 4})}, [](V x) { return exp(x[0].permute({2, 0, 1})); });
    add1("expand", OpId::expand, {normal({3, 1})}, [](V x) { return exp(x[0].expand({2, 3, 4})); });
    add1("expand -1", OpId::expand, {normal({1, 4}).strided()}, [](V x) { return x[0].expand({3, -1}) * 2.0f; });
    add1("slice with step", OpId::slice, {normal({5, 7})}, [](V x) { return exp(x[0].slice(1, 1, 7, 2)); });
    add1("slice negative start, end past the size", OpId::slice, {normal({5, 3}).transposed()},
         [](V x) { return exp(x[0].slice(0, -3, 100)); });
    add1("narrow", OpId::slice, {normal({33})}, [](V x) { return x[0].narrow(0, 4, 7) * 3.0f; });
    add1("select", OpId::select, {normal({3, 4})}, [](V x) { return exp(x[0].select(1, -1)); });
    add1("select twice", OpId::select, {normal({2, 3, 4}).transposed()},
         [](V x) { return x[0].select(0, 1).select(0, 2) * 2.0f; });
    add1("concat dim 1", OpId::concat, {normal({2, 3}), normal({2, 1}).noGrad(), normal({2, 4}).transposed()},
         [](V x) { return exp(concat(list({x[0], x[1], x[2]}), 1)); });
    add1("concat dim 0, same tensor twice", OpId::concat, {normal({3, 2})},
         [](V x) { return exp(concat(list({x[0], x[0]}), 0)); });
    add1("stack", OpId::concat, {normal({3}), normal({3})}, [](V x) { return exp(stack(list({x[0], x[1]}), 1)); });
    add1("clone", OpId::copy, {normal({3, 4})}, [](V x) { return exp(x[0].clone()); });
    add1("contiguous of transposed", OpId::copy, {normal({3, 4}).transposed()},
         [](V x) { return x[0].contiguous() * 2.0f; });
    add1("to_device (same device)", OpId::to_device, {normal({7})}, [](V x) { return exp(x[0].to(Device::CPU)); })
        .identity = true;
    if (cudaAvailable())
        add1("to_device CPU -> CUDA -> CPU", OpId::to_device, {normal({7})},
             [](V x) { return exp(x[0].to(Device::CUDA).to(Device::CPU)); });
    add1("index_select dim 0, repeated indices", OpId::index_select,
         {normal({4, 3}), index({6}, 4).edited([](auto& v) { v[5] = v[0]; })},
         [](V x) { return exp(indexSelect(x[0], 0, x[1])); });
    add1("index_select dim 1", OpId::index_select, {normal({3, 5}).transposed(), index({3}, 5)},
         [](V x) { return indexSelect(x[0], 1, x[1]) * 2.0f; });
    add1("gather dim 1", OpId::gather, {normal({3, 5}), index({3, 4}, 5)},
         [](V x) { return exp(gather(x[0], 1, x[1])); });
    add1("gather dim 0", OpId::gather, {normal({4, 3}).transposed(), index({6, 3}, 4)},
         [](V x) { return gather(x[0], 0, x[1]) * 3.0f; });

    // ---- losses
    add1("mse_loss mean", OpId::mse_loss, {normal({3, 4}), normal({3, 4})}, [](V x) { return mseLoss(x[0], x[1]); });
    add1("mse_loss sum", OpId::mse_loss, {normal({7}), normal({7})},
         [](V x) { return mseLoss(x[0], x[1], Reduction::Sum); });
    add1("mse_loss none", OpId::mse_loss, {normal({3, 4}).transposed(), normal({3, 4})},
         [](V x) { return mseLoss(x[0], x[1], Reduction::None); });
    // |input - target| >= 0.3: inputs at +-[0.6, 1.4], targets in [-0.3, 0.3].
    add1("l1_loss mean", OpId::l1_loss, {awayFromZero({3, 4}, 0.6f, 1.4f), uniform({3, 4}, -0.3f, 0.3f)},
         [](V x) { return l1Loss(x[0], x[1]); });
    add1("l1_loss none", OpId::l1_loss, {awayFromZero({7}, 0.6f, 1.4f), uniform({7}, -0.3f, 0.3f)},
         [](V x) { return l1Loss(x[0], x[1], Reduction::None); });
    add1("binary_cross_entropy mean", OpId::binary_cross_entropy, {uniform({3, 4}, 0.1f, 0.9f), uniform({3, 4}, 0, 1)},
         [](V x) { return binaryCrossEntropy(x[0], x[1]); });
    add1("binary_cross_entropy none", OpId::binary_cross_entropy, {uniform({7}, 0.1f, 0.9f), mask({7})},
         [](V x) { return binaryCrossEntropy(x[0], x[1], Reduction::None); });
    auto zeros3 = [](std::vector<float>& v) { v[0] = v[3] = v[6] = 0.0f; };
    add1("bce_with_logits (exact zero logits)", OpId::bce_with_logits,
         {normal({3, 4}, 3.0f).edited(zeros3), uniform({3, 4}, 0, 1)},
         [](V x) { return binaryCrossEntropyWithLogits(x[0], x[1]); });
    add1("bce_with_logits pos_weight", OpId::bce_with_logits,
         {normal({4, 3}, 3.0f).edited(zeros3), uniform({4, 3}, 0, 1), uniform({3}, 0.5f, 3.0f)},
         [](V x) { return binaryCrossEntropyWithLogits(x[0], x[1], Reduction::Sum, x[2]); });
    add1("bce_with_logits none, transposed", OpId::bce_with_logits,
         {normal({3, 4}, 3.0f).transposed(), mask({3, 4})},
         [](V x) { return binaryCrossEntropyWithLogits(x[0], x[1], Reduction::None); });
    auto ignoreSome = [](std::vector<float>& v) { v[1] = -100.0f; };
    add1("cross_entropy mean", OpId::cross_entropy, {normal({5, 4}, 2.0f), index({5}, 4)},
         [](V x) { return crossEntropy(x[0], x[1]); });
    add1("cross_entropy label smoothing 0.1", OpId::cross_entropy, {normal({5, 4}, 2.0f).transposed(), index({5}, 4)},
         [](V x) { return crossEntropy(x[0], x[1], Reduction::Mean, 0.1f); });
    add1("cross_entropy ignore_index, smoothing, sum", OpId::cross_entropy,
         {normal({6, 3}, 2.0f), index({6}, 3).edited(ignoreSome)},
         [](V x) { return crossEntropy(x[0], x[1], Reduction::Sum, 0.2f); });
    add1("cross_entropy (N, C, d) none", OpId::cross_entropy, {normal({2, 4, 3}, 2.0f), index({2, 3}, 4)},
         [](V x) { return crossEntropy(x[0], x[1], Reduction::None); });
    add1("cross_entropy (N, C, d1, d2) ignore_index 2", OpId::cross_entropy, {normal({2, 3, 2, 2}), index({2, 2, 2}, 3)},
         [](V x) { return crossEntropy(x[0], x[1], Reduction::Mean, 0.0f, 2); });
    add1("nll_loss mean", OpId::nll_loss, {normal({5, 4}), index({5}, 4)}, [](V x) { return nllLoss(x[0], x[1]); });
    add1("nll_loss ignore_index, sum", OpId::nll_loss, {normal({6, 3}).transposed(), index({6}, 3).edited(ignoreSome)},
         [](V x) { return nllLoss(x[0], x[1], Reduction::Sum); });
    add1("nll_loss (N, C, d) none", OpId::nll_loss, {normal({2, 4, 3}), index({2, 3}, 4)},
         [](V x) { return nllLoss(x[0], x[1], Reduction::None); });

    // ---- transformers (engine/ops/transformer_ops.h)
    add1("layer_norm last dim", OpId::layer_norm, {normal({3, 5}, 2.0f), normal({5}), normal({5})},
         [](V x) { return layerNorm(x[0], {5}, x[1], x[2]); });
    add1("layer_norm two dims, transposed input", OpId::layer_norm, {normal({2, 3, 4}).transposed(), normal({3, 4}), normal({3, 4})},
         [](V x) { return layerNorm(x[0], {3, 4}, x[1], x[2], 1e-3f); });
    add1("layer_norm without affine, strided", OpId::layer_norm, {normal({4, 6}).strided()},
         [](V x) { return layerNorm(x[0], {6}); });
    add1("layer_norm weight only", OpId::layer_norm, {normal({2, 7}), normal({7})},
         [](V x) { return layerNorm(x[0], {7}, x[1]); });
    add1("embedding, repeated indices", OpId::embedding,
         {index({2, 3}, 5).edited([](auto& v) { v[4] = v[1]; }), normal({5, 4})},
         [](V x) { return embedding(x[0], x[1]); });
    // The padding row is read by the forward but gets no gradient (torch's semantics): the case
    // multiplies its rows by 0, so that the finite differences see no dependence on it either.
    add1("embedding padding_idx", OpId::embedding, {index({6}, 4).edited([](auto& v) { v[0] = v[3] = 1.0f; }), normal({4, 3})},
         [](V x) { return mul(exp(embedding(x[0], x[1], 1)), ne(x[0], onesLike(x[0])).unsqueeze(-1)); });
    add1("sdpa", OpId::scaled_dot_product_attention, {normal({2, 3, 4}), normal({2, 5, 4}), normal({2, 5, 3})},
         [](V x) { return scaledDotProductAttention(x[0], x[1], x[2]).output; });
    add1("sdpa keep mask (Tq, Tk)", OpId::scaled_dot_product_attention,
         {normal({2, 3, 4}), normal({2, 5, 4}), normal({2, 5, 3}), mask({3, 5}).edited([](auto& v) { v[0] = v[5] = v[10] = 1.0f; })},
         [](V x) {
             AttentionOptions o;
             o.attnMask = x[3];
             return scaledDotProductAttention(x[0], x[1], x[2], o).output;
         });
    add1("sdpa block mask (B, 1, Tk), 4-D", OpId::scaled_dot_product_attention,
         {normal({2, 2, 3, 4}), normal({2, 2, 4, 4}), normal({2, 2, 4, 2}), mask({2, 1, 1, 4}).edited([](auto& v) { v[0] = v[4] = 0.0f; })},
         [](V x) {
             AttentionOptions o;
             o.attnMask = x[3];
             o.maskKind = MaskKind::Block;
             return scaledDotProductAttention(x[0], x[1], x[2], o).output;
         });
    add1("sdpa additive mask", OpId::scaled_dot_product_attention,
         {normal({2, 3, 4}), normal({2, 4, 4}), normal({2, 4, 4}), std::move(normal({3, 4})).noGrad()},
         [](V x) {
             AttentionOptions o;
             o.attnMask = x[3];
             o.maskKind = MaskKind::Additive;
             return scaledDotProductAttention(x[0], x[1], x[2], o).output;
         });
    add1("sdpa causal, scale 0.7", OpId::scaled_dot_product_attention, {normal({2, 4, 3}), normal({2, 4, 3}), normal({2, 4, 3})},
         [](V x) {
             AttentionOptions o;
             o.isCausal = true;
             o.scale = 0.7f;
             return scaledDotProductAttention(x[0], x[1], x[2], o).output;
         });
    add1("sdpa head views of one buffer, causal", OpId::scaled_dot_product_attention, {normal({2, 4, 12})},
         [](V x) {
             auto heads = [&](int64_t part) { return x[0].narrow(2, part * 4, 4).view({2, 4, 2, 2}).transpose(1, 2); };
             AttentionOptions o;
             o.isCausal = true;
             return scaledDotProductAttention(heads(0), heads(1), heads(2), o).output;
         });
    add1("sdpa transposed and strided q/k/v", OpId::scaled_dot_product_attention,
         {normal({2, 3, 4}).transposed(), normal({2, 5, 4}).strided(), normal({2, 5, 3}).transposed()},
         [](V x) { return scaledDotProductAttention(x[0], x[1], x[2]).output; });
    add1("sdpa broadcast batch", OpId::scaled_dot_product_attention, {normal({2, 3, 3, 4}), normal({3, 5, 4}), normal({1, 3, 5, 2})},
         [](V x) { return scaledDotProductAttention(x[0], x[1], x[2]).output; });
    add1("sdpa dropout 0.3 (fixed generator)", OpId::scaled_dot_product_attention,
         {normal({2, 3, 4}), normal({2, 5, 4}), normal({2, 5, 3})}, [](V x) {
             Generator g(21);
             AttentionOptions o;
             o.dropoutP = 0.3f;
             o.generator = &g;
             return scaledDotProductAttention(x[0], x[1], x[2], o).output;
         });
    add1("attention_weights", OpId::attention_weights, {normal({2, 3, 4}), normal({2, 5, 4}), normal({2, 5, 3}).noGrad()},
         [](V x) { return scaledDotProductAttention(x[0], x[1], x[2]).weights; });
    add1("attention_weights causal, dropout", OpId::attention_weights, {normal({2, 4, 3}).transposed(), normal({2, 4, 3})},
         [](V x) {
             Generator g(5);
             AttentionOptions o;
             o.isCausal = true;
             o.dropoutP = 0.2f;
             o.generator = &g;
             return scaledDotProductAttention(x[0], x[1], x[1], o).weights;
         });
    add1("output and weights in one loss", OpId::attention_weights, {normal({2, 3, 4}), normal({2, 3, 4}), normal({2, 3, 3})},
         [](V x) {
             AttentionResult r = scaledDotProductAttention(x[0], x[1], x[2]);
             return add(r.output, r.weights);
         });
    return c;
}

}  // namespace

class TestGradcheck : public QObject {
    Q_OBJECT
private slots:
    void everyOpHasACase() {
        std::set<OpId> covered;
        for (const GradCase& gc : gradCases()) covered.insert(gc.op);
        QStringList missing;
        for (std::size_t i = 0; i < kOpCount; ++i)
            if (!covered.count(OpId(i))) missing << QString::fromUtf8(kOpTable[i].name.data(), int(kOpTable[i].name.size()));
        QVERIFY2(missing.isEmpty(), qPrintable("ops without a gradient-check case: " + missing.join(", ")));
    }

    void gradcheck_data() {
        QTest::addColumn<int>("caseIndex");
        std::vector<GradCase> cases = gradCases();
        for (std::size_t i = 0; i < cases.size(); ++i) QTest::newRow(cases[i].name.c_str()) << int(i);
    }

    void gradcheck() {
        QFETCH(int, caseIndex);
        const GradCase gc = gradCases()[std::size_t(caseIndex)];
        Generator gen(1000 + uint64_t(caseIndex));
        std::vector<Tensor> inputs;
        for (const In& in : gc.inputs) inputs.push_back(makeInput(in, gen));

        Tensor out = gc.fn(inputs);
        QVERIFY(out.requiresGrad());
        if (!gc.identity) {
            std::set<OpId> ops;
            collectOps(out, ops);
            QVERIFY2(ops.count(gc.op), "the case does not run the op it claims to cover");
        }
        // A random upstream gradient: every output element (and any mistake in it) counts.
        Tensor r = randn(out.shape(), gen);
        std::vector<float> rv = r.toVector();
        out.backward(r);

        for (std::size_t k = 0; k < inputs.size(); ++k) {
            if (!gc.inputs[k].diff) {
                QVERIFY2(!inputs[k].grad().defined(), "an input that needs no gradient got one");
                continue;
            }
            const Tensor& x = inputs[k];
            QVERIFY2(x.grad().defined(), qPrintable(QString("input %1 got no gradient").arg(k)));
            QCOMPARE(x.grad().shape(), x.shape());
            std::vector<double> numeric = numericGrad(gc.fn, inputs, k, rv, gc.h);
            std::string why;
            const bool ok = gradientsAgree(x.grad().toVector(), numeric, gc.rtol, gc.atolRel, &why);
            QVERIFY2(ok, qPrintable(QString("input %1: %2").arg(k).arg(QString::fromStdString(why))));
        }
    }

    // dropout: the gradient is the mask scaled by 1/(1-p), the same mask as the forward's.
    void dropoutGradientIsTheScaledMask() {
        Generator gen(3);
        Tensor x = makeInput(uniform({40, 50}, 0.5f, 1.5f), gen);
        const float p = 0.25f;
        Generator g(99);
        Tensor y = dropout(x, p, true, g);
        y.backward(onesLike(y));
        std::vector<float> xv = x.toVector(), yv = y.toVector(), gv = x.grad().toVector();
        int64_t kept = 0;
        for (std::size_t i = 0; i < xv.size(); ++i) {
            const bool keep = yv[i] != 0.0f;  // x >= 0.5, so a kept element is never 0
            kept += keep;
            QCOMPARE(gv[i], keep ? 1.0f / (1.0f - p) : 0.0f);
            if (keep) QCOMPARE(yv[i], xv[i] * (1.0f / (1.0f - p)));
        }
        // 2000 Bernoulli(0.75) draws: the kept fraction is within 5 standard deviations of 0.75.
        QVERIFY(std::fabs(double(kept) / 2000.0 - 0.75) < 5 * std::sqrt(0.75 * 0.25 / 2000.0));
        // The same generator state gives the same mask; eval mode and p = 0 are the identity.
        Generator g2(99);
        QCOMPARE(dropout(x.detach(), p, true, g2).toVector(), yv);
        QVERIFY(dropout(x, p, false, g).sameAs(x));
        QCOMPARE(dropout(x, 1.0f, true, g).toVector(), std::vector<float>(xv.size(), 0.0f));
        QVERIFY_THROWS_EXCEPTION(Error, dropout(x, 1.5f, true, g));
    }

    // The check itself must be able to fail: a gradient off by a small factor is caught.
    void checkerCatchesAWrongGradient() {
        Generator gen(5);
        Tensor x = makeInput(normal({7}), gen);
        Fn wrong = [](const std::vector<Tensor>& v) {
            // exp with a backward that is 2% too large
            Tensor y = exp(v[0].detach());
            return record(OpId::exp, y, {&v[0]}, [y = y.detach()](const Tensor& dy, GradSlots& g) {
                g.set(0, mul(mul(dy, y), 1.02f));
            });
        };
        Tensor out = wrong({x});
        Tensor r = randn(out.shape(), gen);
        std::vector<float> rv = r.toVector();
        out.backward(r);
        std::vector<double> numeric = numericGrad(wrong, {x}, 0, rv, GradCase{}.h);
        QVERIFY(!gradientsAgree(x.grad().toVector(), numeric, GradCase{}.rtol, GradCase{}.atolRel, nullptr));
        // ... and the right one passes.
        x.zeroGrad();
        Fn right = [](const std::vector<Tensor>& v) { return exp(v[0]); };
        right({x}).backward(r);
        QVERIFY(gradientsAgree(x.grad().toVector(), numericGrad(right, {x}, 0, rv, GradCase{}.h), GradCase{}.rtol,
                               GradCase{}.atolRel, nullptr));
    }
};

QTEST_GUILESS_MAIN(TestGradcheck)
#include "test_gradcheck.moc"
