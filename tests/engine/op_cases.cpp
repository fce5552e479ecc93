// The op-test table (see op_cases.h): the cases of every op for gradcheck and CUDA parity, and the
// engine call behind each function name of the PyTorch golden files.
#include "op_cases.h"

#include <array>
#include <cmath>
#include <numeric>
#include <optional>
#include <utility>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/ops.h"
#include "engine/ops/rnn_ops.h"
#include "engine/ops/transformer_ops.h"

namespace gradlab::test {

// ---------------------------------------------------------------- inputs
In In::transposed() && {
    layout = Layout::Transposed;
    return std::move(*this);
}
In In::strided() && {
    layout = Layout::Strided;
    return std::move(*this);
}
In In::noGrad() && {
    diff = false;
    return std::move(*this);
}
In In::avoiding(std::vector<float> kinks) && {
    avoid = std::move(kinks);
    return std::move(*this);
}
In In::edited(std::function<void(std::vector<float>&)> f) && {
    tweak = std::move(f);
    return std::move(*this);
}

In normal(Shape s, float scale) { return In{std::move(s), Domain::Normal, 0.0f, scale}; }
In uniform(Shape s, float lo, float hi) { return In{std::move(s), Domain::Uniform, lo, hi}; }
In awayFromZero(Shape s, float lo, float hi) { return In{std::move(s), Domain::SignedUniform, lo, hi}; }
In grid(Shape s, float offset, float gap) { return In{std::move(s), Domain::Grid, offset, gap}; }
In index(Shape s, int64_t n) { return In{std::move(s), Domain::Index, 0.0f, float(n)}.noGrad(); }
In mask(Shape s) { return In{std::move(s), Domain::Mask}.noGrad(); }

Tensor makeInput(const In& in, Generator& gen, Device device) {
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

    Tensor t = fromData(v, in.shape, device);
    if (in.layout == Layout::Transposed) {
        GL_CHECK(in.shape.size() >= 2, "op_cases: a transposed input needs rank >= 2");
        // Same values, stored transposed: a leaf whose last two dims have swapped strides.
        Tensor stored = t.transpose(-1, -2).contiguous();
        t = stored.transpose(-1, -2).detach();
    } else if (in.layout == Layout::Strided) {
        Shape wide = in.shape;
        wide.back() *= 2;
        Tensor buf = zeros(wide, device);
        Tensor view = buf.slice(-1, 0, wide.back(), 2);
        view.copy_(t);
        t = view.detach();
    }
    if (in.diff) t.setRequiresGrad();
    return t;
}

// ---------------------------------------------------------------- the cases
namespace {

using V = const std::vector<Tensor>&;

std::vector<Tensor> list(std::initializer_list<Tensor> ts) { return std::vector<Tensor>(ts); }

struct CaseList {
    std::vector<OpCase> all;
    OpCase& add(std::string name, OpId op, std::vector<In> ins, CaseFn fn) {
        all.push_back(OpCase{std::move(name), op, std::move(ins), std::move(fn)});
        return all.back();
    }
    // A case for parity only: sizes too large for finite differences.
    void large(std::string name, OpId op, std::vector<In> ins, CaseFn fn) {
        add(std::move(name), op, std::move(ins), std::move(fn)).use = kParity;
    }
};

std::vector<OpCase> makeCases() {
    CaseList c;
    const auto anyValue = [](Shape s) { return normal(std::move(s)); };
    const auto positive = [](Shape s) { return uniform(std::move(s), 0.5f, 2.0f); };
    const auto probability = [](Shape s) { return uniform(std::move(s), 0.05f, 0.95f); };

    // ---- broadcasting binary ops
    c.add("add same shape", OpId::add, {normal({3, 4}), normal({3, 4})}, [](V x) { return add(x[0], x[1]); });
    c.add("add row broadcast", OpId::add, {normal({3, 4}), normal({4})}, [](V x) { return x[0] + x[1]; });
    c.add("add both broadcast", OpId::add, {normal({2, 1, 5}), normal({3, 1})}, [](V x) { return x[0] + x[1]; });
    c.add("add transposed + strided", OpId::add, {normal({3, 4}).transposed(), normal({3, 4}).strided()},
          [](V x) { return x[0] + x[1]; });
    c.add("add scalar tensor + 7", OpId::add, {normal({}), normal({7})}, [](V x) { return x[0] + x[1]; });
    c.add("add 1 + 33", OpId::add, {normal({1}), normal({33})}, [](V x) { return x[0] + x[1]; });
    c.add("sub broadcast", OpId::sub, {normal({5, 3}), normal({3})}, [](V x) { return sub(x[0], x[1]); });
    c.add("sub outer", OpId::sub, {normal({1, 7}), normal({7, 1}).strided()}, [](V x) { return x[0] - x[1]; });
    c.add("mul transposed", OpId::mul, {normal({3, 4}).transposed(), normal({3, 4})},
          [](V x) { return mul(x[0], x[1]); });
    c.add("mul broadcast", OpId::mul, {normal({2, 3, 1}), normal({3, 4})}, [](V x) { return x[0] * x[1]; });
    c.add("mul x * x", OpId::mul, {normal({7})}, [](V x) { return x[0] * x[0]; });
    c.add("div", OpId::div, {normal({3, 4}), awayFromZero({3, 4}, 0.5f, 2.0f)}, [](V x) { return div(x[0], x[1]); });
    c.add("div broadcast", OpId::div, {normal({3, 4}), awayFromZero({4}, 0.5f, 2.0f)}, [](V x) { return x[0] / x[1]; });
    c.add("pow tensor exponent", OpId::pow, {uniform({3, 4}, 0.5f, 2.0f), normal({3, 4})},
          [](V x) { return pow(x[0], x[1]); });
    c.add("pow broadcast exponent", OpId::pow, {uniform({2, 5}, 0.5f, 2.0f), uniform({5}, -1.5f, 2.5f)},
          [](V x) { return pow(x[0], x[1]); });
    c.add("maximum", OpId::maximum, {grid({4, 5}), grid({4, 5}, 0.05f)}, [](V x) { return maximum(x[0], x[1]); });
    c.add("maximum broadcast", OpId::maximum, {grid({3, 4}).transposed(), grid({4}, 0.05f)},
          [](V x) { return maximum(x[0], x[1]); });
    c.add("minimum", OpId::minimum, {grid({7}), grid({7}, 0.05f)}, [](V x) { return minimum(x[0], x[1]); });
    c.add("minimum broadcast", OpId::minimum, {grid({2, 1, 3}), grid({4, 1}, 0.05f)},
          [](V x) { return minimum(x[0], x[1]); });

    // ---- unary math
    c.add("neg", OpId::neg, {normal({3, 4}).transposed()}, [](V x) { return neg(x[0]); });
    c.add("exp", OpId::exp, {normal({33})}, [](V x) { return exp(x[0]); });
    c.add("log", OpId::log, {uniform({3, 7}, 0.5f, 3.0f)}, [](V x) { return log(x[0]); });
    c.add("sqrt", OpId::sqrt, {uniform({7}, 0.5f, 3.0f).strided()}, [](V x) { return sqrt(x[0]); });
    c.add("abs", OpId::abs, {awayFromZero({4, 5})}, [](V x) { return abs(x[0]); });
    c.add("clamp both sides", OpId::clamp, {normal({5, 7}).avoiding({-0.5f, 0.5f})},
          [](V x) { return clamp(x[0], -0.5f, 0.5f); });
    c.add("clampMin", OpId::clamp, {normal({33}).avoiding({0.2f})}, [](V x) { return clampMin(x[0], 0.2f); });
    c.add("clampMax", OpId::clamp, {normal({3, 4}).transposed().avoiding({-0.1f})},
          [](V x) { return clampMax(x[0], -0.1f); });
    c.add("pow scalar 2", OpId::pow_scalar, {normal({7})}, [](V x) { return pow(x[0], 2.0f); });
    c.add("pow scalar 3", OpId::pow_scalar, {normal({3, 4}).transposed()}, [](V x) { return pow(x[0], 3.0f); });
    c.add("pow scalar 0.5", OpId::pow_scalar, {uniform({7}, 0.5f, 3.0f)}, [](V x) { return pow(x[0], 0.5f); });
    c.add("pow scalar -1", OpId::pow_scalar, {uniform({7}, 0.5f, 3.0f)}, [](V x) { return pow(x[0], -1.0f); });
    c.add("pow scalar 1.7", OpId::pow_scalar, {uniform({7}, 0.5f, 3.0f)}, [](V x) { return pow(x[0], 1.7f); });
    c.add("pow scalar 0", OpId::pow_scalar, {normal({5})}, [](V x) { return pow(x[0], 0.0f); });
    c.add("square", OpId::pow_scalar, {normal({2, 3})}, [](V x) { return square(x[0]); });
    c.add("add scalar", OpId::add_scalar, {normal({3, 4}).strided()}, [](V x) { return x[0] + 2.5f; });
    c.add("sub scalar", OpId::add_scalar, {normal({7})}, [](V x) { return sub(x[0], 1.5f); });
    c.add("mul scalar", OpId::mul_scalar, {normal({3, 4}).transposed()}, [](V x) { return -3.0f * x[0]; });
    c.add("div scalar", OpId::div_scalar, {normal({7})}, [](V x) { return x[0] / 4.0f; });
    c.add("rsub scalar", OpId::rsub_scalar, {normal({7})}, [](V x) { return 2.0f - x[0]; });
    c.add("rdiv scalar", OpId::rdiv_scalar, {awayFromZero({7}, 0.5f, 2.0f)}, [](V x) { return 3.0f / x[0]; });
    c.add("where", OpId::where, {mask({3, 4}), normal({3, 4}), normal({3, 4})},
          [](V x) { return where(x[0], x[1], x[2]); });
    c.add("where broadcast", OpId::where, {mask({3, 1}), normal({3, 4}).transposed(), normal({4})},
          [](V x) { return where(x[0], x[1], x[2]); });

    // ---- activations
    c.add("sigmoid", OpId::sigmoid, {normal({5, 7}, 2.0f)}, [](V x) { return sigmoid(x[0]); });
    c.add("tanh", OpId::tanh, {normal({3, 4}, 1.5f).transposed()}, [](V x) { return tanh(x[0]); });
    c.add("relu", OpId::relu, {normal({33}).avoiding({0.0f})}, [](V x) { return relu(x[0]); });
    c.add("leaky_relu 0.1", OpId::leaky_relu, {normal({5, 7}).avoiding({0.0f})},
          [](V x) { return leakyRelu(x[0], 0.1f); });
    c.add("leaky_relu default", OpId::leaky_relu, {normal({7}).avoiding({0.0f})}, [](V x) { return leakyRelu(x[0]); });
    c.add("elu alpha 1.5", OpId::elu, {normal({5, 7}).avoiding({0.0f})}, [](V x) { return elu(x[0], 1.5f); });
    c.add("gelu", OpId::gelu, {normal({5, 7}, 2.0f)}, [](V x) { return gelu(x[0]); });
    c.add("gelu tanh", OpId::gelu_tanh, {normal({33}, 2.0f)}, [](V x) { return gelu(x[0], GeluApprox::Tanh); });
    c.add("softplus default", OpId::softplus, {normal({5, 7}, 3.0f)}, [](V x) { return softplus(x[0]); });
    c.add("softplus beta 2 threshold 1", OpId::softplus, {normal({33}).avoiding({0.5f})},
          [](V x) { return softplus(x[0], 2.0f, 1.0f); });
    c.add("silu", OpId::silu, {normal({3, 4}, 2.0f).transposed()}, [](V x) { return silu(x[0]); });
    c.add("softmax last dim", OpId::softmax, {normal({3, 5})}, [](V x) { return softmax(x[0], -1); });
    c.add("softmax dim 0", OpId::softmax, {normal({3, 5})}, [](V x) { return softmax(x[0], 0); });
    c.add("softmax middle dim", OpId::softmax, {normal({2, 3, 4}).transposed()}, [](V x) { return softmax(x[0], 1); });
    c.add("softmax of 1", OpId::softmax, {normal({4, 1})}, [](V x) { return softmax(x[0], 1); });
    c.add("log_softmax last dim", OpId::log_softmax, {normal({3, 7}, 2.0f)}, [](V x) { return logSoftmax(x[0], 1); });
    c.add("log_softmax dim 0", OpId::log_softmax, {normal({4, 3}).transposed()},
          [](V x) { return logSoftmax(x[0], 0); });
    c.add("log_softmax middle dim", OpId::log_softmax, {normal({2, 5, 3})}, [](V x) { return logSoftmax(x[0], -2); });
    c.add("dropout p 0.3 (fixed generator)", OpId::dropout, {normal({5, 7})}, [](V x) {
        Generator g(11);
        return dropout(x[0], 0.3f, true, g);
    });

    // ---- elementwise at parity sizes: 1, 7 and 33 x 257 elements, and views
    auto largeUnary = [&](const std::string& name, OpId op, const std::function<In(Shape)>& draw,
                          std::function<Tensor(const Tensor&)> f) {
        for (const Shape& s : {Shape{1}, Shape{7}, Shape{33, 257}})
            c.large(name + " " + shapeStr(s), op, {draw(s)}, [f](V x) { return f(x[0]); });
        c.large(name + " of a transposed view", op, {draw({33, 7})}, [f](V x) { return f(x[0].t()); });
    };
    largeUnary("neg", OpId::neg, anyValue, [](const Tensor& x) { return neg(x); });
    largeUnary("exp", OpId::exp, anyValue, [](const Tensor& x) { return exp(x); });
    largeUnary("log", OpId::log, positive, [](const Tensor& x) { return log(x); });
    largeUnary("sqrt", OpId::sqrt, positive, [](const Tensor& x) { return sqrt(x); });
    largeUnary("abs", OpId::abs, anyValue, [](const Tensor& x) { return abs(x); });
    largeUnary("sigmoid", OpId::sigmoid, anyValue, [](const Tensor& x) { return sigmoid(x); });
    largeUnary("tanh", OpId::tanh, anyValue, [](const Tensor& x) { return tanh(x); });
    largeUnary("relu", OpId::relu, anyValue, [](const Tensor& x) { return relu(x); });
    largeUnary("leaky_relu", OpId::leaky_relu, anyValue, [](const Tensor& x) { return leakyRelu(x, 0.1f); });
    largeUnary("elu", OpId::elu, anyValue, [](const Tensor& x) { return elu(x, 0.7f); });
    largeUnary("gelu", OpId::gelu, anyValue, [](const Tensor& x) { return gelu(x); });
    largeUnary("gelu_tanh", OpId::gelu_tanh, anyValue, [](const Tensor& x) { return gelu(x, GeluApprox::Tanh); });
    largeUnary("softplus", OpId::softplus, anyValue, [](const Tensor& x) { return softplus(x, 2.0f, 1.0f); });
    largeUnary("silu", OpId::silu, anyValue, [](const Tensor& x) { return silu(x); });
    largeUnary("scalar ops", OpId::rsub_scalar, anyValue,
               [](const Tensor& x) { return rsub(1.5f, x * 3.0f + 2.0f) / 0.7f; });
    largeUnary("rdiv", OpId::rdiv_scalar, positive, [](const Tensor& x) { return rdiv(2.0f, x); });
    largeUnary("pow 2", OpId::pow_scalar, anyValue, [](const Tensor& x) { return pow(x, 2.0f); });
    largeUnary("pow 1.7", OpId::pow_scalar, positive, [](const Tensor& x) { return pow(x, 1.7f); });
    largeUnary("clamp", OpId::clamp, anyValue, [](const Tensor& x) { return clamp(x, -0.5f, 0.8f); });
    auto largeBinary = [&](const std::string& name, OpId op, const std::function<In(Shape)>& drawB,
                           std::function<Tensor(const Tensor&, const Tensor&)> f) {
        const CaseFn both = [f](V x) { return f(x[0], x[1]); };
        c.large(name + " same shape", op, {normal({7, 33}), drawB({7, 33})}, both);
        c.large(name + " row", op, {normal({7, 33}), drawB({33})}, both);
        c.large(name + " outer", op, {normal({7, 1, 5}), drawB({1, 4, 5})}, both);
        c.large(name + " scalar", op, {normal({257}), drawB({1})}, both);
        c.large(name + " views", op, {normal({33, 7}), drawB({7, 66})},
                [f](V x) { return f(x[0].t(), x[1].slice(1, 0, 66, 2)); });
    };
    largeBinary("add", OpId::add, anyValue, [](const Tensor& a, const Tensor& b) { return a + b; });
    largeBinary("sub", OpId::sub, anyValue, [](const Tensor& a, const Tensor& b) { return a - b; });
    largeBinary("mul", OpId::mul, anyValue, [](const Tensor& a, const Tensor& b) { return a * b; });
    largeBinary("div", OpId::div, positive, [](const Tensor& a, const Tensor& b) { return a / b; });
    largeBinary("maximum", OpId::maximum, anyValue, [](const Tensor& a, const Tensor& b) { return maximum(a, b); });
    largeBinary("minimum", OpId::minimum, anyValue, [](const Tensor& a, const Tensor& b) { return minimum(a, b); });
    largeBinary("gt as a mask", OpId::mul, anyValue, [](const Tensor& a, const Tensor& b) { return gt(a, b) * a; });
    c.large("pow tensor 7 x 33", OpId::pow, {positive({7, 33}), normal({33})}, [](V x) { return pow(x[0], x[1]); });
    c.large("where 7 x 33", OpId::where, {normal({7, 33}), normal({7, 33}), normal({33})},
            [](V x) { return where(gt(x[0], x[1]), x[1] * 2.0f, x[2]); });
    c.large("dropout 7 x 33", OpId::dropout, {normal({7, 33})}, [](V x) {
        Generator g(7);
        return dropout(x[0], 0.3f, true, g);
    });

    // ---- reductions
    c.add("sum all", OpId::sum, {normal({3, 4}).transposed()}, [](V x) { return sum(x[0]); });
    c.add("sum dim 1", OpId::sum, {normal({3, 5})}, [](V x) { return sum(x[0], 1); });
    c.add("sum dim 0 keepdim", OpId::sum, {normal({3, 5}).strided()}, [](V x) { return sum(x[0], 0, true); });
    c.add("sum dims 0, 2 (not adjacent)", OpId::sum, {normal({2, 3, 4})}, [](V x) {
        std::vector<int64_t> d{0, 2};
        return sum(x[0], d);
    });
    c.add("sum dims -1, -2 keepdim", OpId::sum, {normal({2, 3, 4})}, [](V x) {
        std::vector<int64_t> d{-1, -2};
        return sum(x[0], d, true);
    });
    c.add("mean all", OpId::mean, {normal({33})}, [](V x) { return mean(x[0]); });
    c.add("mean dim 1 keepdim", OpId::mean, {normal({3, 4}).transposed()}, [](V x) { return mean(x[0], 1, true); });
    c.add("mean dims 0, 2", OpId::mean, {normal({2, 3, 4})}, [](V x) {
        std::vector<int64_t> d{0, 2};
        return mean(x[0], d);
    });
    c.add("max all", OpId::max, {grid({4, 5})}, [](V x) { return max(x[0]); });
    c.add("max dim 1", OpId::max, {grid({4, 5}).transposed()}, [](V x) { return max(x[0], 1).first; });
    c.add("max dim 0 keepdim", OpId::max, {grid({2, 3, 4})}, [](V x) { return max(x[0], 0, true).first; });
    c.add("min all", OpId::min, {grid({7}).strided()}, [](V x) { return min(x[0]); });
    c.add("min dim -1", OpId::min, {grid({3, 5})}, [](V x) { return min(x[0], -1).first; });
    c.add("min dim 1 keepdim", OpId::min, {grid({2, 3, 4})}, [](V x) { return min(x[0], 1, true).first; });
    c.add("var all unbiased", OpId::var, {normal({5, 7})}, [](V x) { return var(x[0]); });
    c.add("var all biased", OpId::var, {normal({33})}, [](V x) { return var(x[0], false); });
    c.add("var dim 1 keepdim", OpId::var, {normal({3, 5}).transposed()}, [](V x) {
        std::vector<int64_t> d{1};
        return var(x[0], d, true, true);
    });
    c.add("var dims 0, 2 biased", OpId::var, {normal({3, 2, 4})}, [](V x) {
        std::vector<int64_t> d{0, 2};
        return var(x[0], d, false);
    });

    // ---- reductions and softmax at parity sizes: rows of every length, every kind of axis
    c.large("sum all 257 x 33", OpId::sum, {normal({257, 33})}, [](V x) { return sum(x[0]); });
    c.large("sum dim 0 of 257 x 33", OpId::sum, {normal({257, 33})}, [](V x) { return sum(x[0], 0); });
    c.large("sum dim 1 keepdim of 7 x 33 x 5", OpId::sum, {normal({7, 33, 5})}, [](V x) { return sum(x[0], 1, true); });
    c.large("mean last dim of 7 x 257", OpId::mean, {normal({7, 257})}, [](V x) { return mean(x[0], -1); });
    c.large("mean of a transposed view", OpId::mean, {normal({33, 7})}, [](V x) { return mean(x[0].t(), 1); });
    c.large("var dim 1 of 7 x 33", OpId::var, {normal({7, 33})},
            [](V x) { return var(x[0], std::vector<int64_t>{1}); });
    c.large("max all 33 x 257", OpId::max, {normal({33, 257})}, [](V x) { return max(x[0]); });
    c.large("max dim 1 of 7 x 257", OpId::max, {normal({7, 257})}, [](V x) { return max(x[0], 1).first; });
    c.large("max dim 0 indices of 257 x 7", OpId::max, {normal({257, 7})}, [](V x) { return max(x[0], 0).second; });
    c.large("min dim 1 of 7 x 33 x 5", OpId::min, {normal({7, 33, 5})}, [](V x) { return min(x[0], 1).first; });
    c.large("argmax of 7 x 1000", OpId::max, {normal({7, 1000})}, [](V x) { return argmax(x[0], 1); });
    for (int64_t n : {1, 7, 33, 257, 1000})
        c.large("softmax rows of " + std::to_string(n), OpId::softmax, {normal({7, n})},
                [](V x) { return softmax(x[0], -1); });
    c.large("softmax dim 0 of 33 x 7", OpId::softmax, {normal({33, 7})}, [](V x) { return softmax(x[0], 0); });
    c.large("log_softmax rows of 257", OpId::log_softmax, {normal({7, 257})}, [](V x) { return logSoftmax(x[0], -1); });

    // ---- matmul
    c.add("matmul dot", OpId::matmul, {normal({7}), normal({7})}, [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul matrix @ vector", OpId::matmul, {normal({3, 4}), normal({4})},
          [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul vector @ matrix", OpId::matmul, {normal({4}), normal({4, 5})},
          [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul 2-D", OpId::matmul, {normal({3, 4}), normal({4, 5})}, [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul 2-D transposed operands", OpId::matmul, {normal({3, 4}).transposed(), normal({4, 5}).transposed()},
          [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul 1 x 1", OpId::matmul, {normal({1, 1}), normal({1, 1})}, [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul batched @ 2-D", OpId::matmul, {normal({2, 3, 4}), normal({4, 5})},
          [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul batched, strided", OpId::matmul, {normal({2, 3, 4}).strided(), normal({4, 5}).transposed()},
          [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul broadcast batch", OpId::matmul, {normal({2, 1, 3, 4}), normal({3, 4, 2})},
          [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul 2-D @ batched", OpId::matmul, {normal({3, 4}), normal({2, 4, 5}).transposed()},
          [](V x) { return matmul(x[0], x[1]); });
    c.add("matmul vector @ batched", OpId::matmul, {normal({4}), normal({2, 4, 3})},
          [](V x) { return matmul(x[0], x[1]); });

    // ---- the SGEMM at parity sizes: odd sizes, transposed operands, batches, broadcast batches
    for (auto [m, k, n] : std::vector<std::array<int64_t, 3>>{{1, 1, 1}, {7, 33, 257}, {65, 1, 63}, {257, 129, 33}})
        c.large("matmul " + std::to_string(m) + "x" + std::to_string(k) + "x" + std::to_string(n), OpId::matmul,
                {normal({m, k}), normal({k, n})}, [](V x) { return matmul(x[0], x[1]); });
    c.large("matmul of transposed views", OpId::matmul, {normal({33, 7}), normal({65, 33})},
            [](V x) { return matmul(x[0].t(), x[1].t()); });
    c.large("matmul batched 3 x 7 x 33", OpId::matmul, {normal({3, 7, 33}), normal({3, 33, 5})},
            [](V x) { return matmul(x[0], x[1]); });
    c.large("matmul broadcast batch 2 x 1 x 5 x 7", OpId::matmul, {normal({2, 1, 5, 7}), normal({3, 7, 4})},
            [](V x) { return matmul(x[0], x[1]); });
    c.large("matmul vector @ 33 x 7", OpId::matmul, {normal({33}), normal({33, 7})},
            [](V x) { return matmul(x[0], x[1]); });

    // ---- convolution, pooling, batch norm (the CPU conv has a batched plan for small outputs and a
    // per-image plan from 256 output pixels on, and a shortcut when the kernel covers the image)
    c.add("conv2d 3x3 + bias", OpId::conv2d, {normal({2, 3, 5, 6}), normal({4, 3, 3, 2}, 0.5f), normal({4})},
          [](V x) { return conv2d(x[0], x[1], x[2]); });
    c.add("conv2d stride 2 padding 1, transposed x, no bias", OpId::conv2d,
          {normal({2, 2, 7, 6}).transposed(), normal({3, 2, 3, 3}, 0.5f)},
          [](V x) { return conv2d(x[0], x[1], Tensor(), 2, 1); });
    c.add("conv2d stride (1,2) padding (2,1) dilation 2", OpId::conv2d,
          {normal({1, 2, 8, 7}), normal({2, 2, 3, 2}, 0.5f).strided(), normal({2})},
          [](V x) { return conv2d(x[0], x[1], x[2], Size2(1, 2), Size2(2, 1), 2); });
    c.add("conv2d groups 2", OpId::conv2d, {normal({2, 4, 5, 5}), normal({6, 2, 3, 3}, 0.5f), normal({6})},
          [](V x) { return conv2d(x[0], x[1], x[2], 1, 1, 1, 2); });
    c.add("conv2d depthwise, stride 2", OpId::conv2d, {normal({1, 3, 6, 5}), normal({3, 1, 3, 3}, 0.5f), normal({3})},
          [](V x) { return conv2d(x[0], x[1], x[2], 2, 1, 1, 3); });
    c.add("conv2d kernel covers the image", OpId::conv2d,
          {normal({3, 2, 4, 4}), normal({5, 2, 4, 4}, 0.3f), normal({5})},
          [](V x) { return conv2d(x[0], x[1], x[2]); });
    c.add("conv2d per-image plan, padding 1", OpId::conv2d,
          {normal({2, 1, 16, 17}), normal({2, 1, 3, 3}, 0.5f), normal({2})},
          [](V x) { return conv2d(x[0], x[1], x[2], 1, 1); });
    c.add("conv2d per-image plan, groups 2 stride (2,1) dilation 2", OpId::conv2d,
          {normal({2, 2, 34, 18}), normal({2, 1, 3, 3}, 0.5f)},
          [](V x) { return conv2d(x[0], x[1], Tensor(), Size2(2, 1), 1, 2, 2); });
    c.add("conv2d unbatched", OpId::conv2d, {normal({2, 5, 5}), normal({3, 2, 2, 2}, 0.5f), normal({3})},
          [](V x) { return conv2d(x[0], x[1], x[2], 1, 1); });
    c.add("max_pool2d 2x2, odd size", OpId::max_pool2d, {grid({2, 3, 5, 7})}, [](V x) { return maxPool2d(x[0], 2); });
    c.add("max_pool2d 3x3 stride 2 padding 1", OpId::max_pool2d, {grid({1, 2, 7, 7}).transposed()},
          [](V x) { return maxPool2d(x[0], 3, Size2(2), 1); });
    c.add("max_pool2d dilation 2, ceil_mode", OpId::max_pool2d, {grid({1, 2, 9, 8})},
          [](V x) { return maxPool2d(x[0], 3, Size2(2), 0, 2, true); });
    c.add("max_pool2d (2,3) stride (1,2), unbatched", OpId::max_pool2d, {grid({3, 6, 7}).strided()},
          [](V x) { return maxPool2d(x[0], Size2(2, 3), Size2(1, 2)); });
    c.add("avg_pool2d 2x2", OpId::avg_pool2d, {normal({2, 3, 6, 5})}, [](V x) { return avgPool2d(x[0], 2); });
    c.add("avg_pool2d 3x3 stride 2 padding 1 ceil, exclude pad", OpId::avg_pool2d, {normal({1, 2, 8, 7}).transposed()},
          [](V x) { return avgPool2d(x[0], 3, Size2(2), 1, true, false); });
    c.add("avg_pool2d 3x3 stride 2 padding 1 ceil, include pad", OpId::avg_pool2d, {normal({1, 2, 8, 7})},
          [](V x) { return avgPool2d(x[0], 3, Size2(2), 1, true, true); });
    c.add("avg_pool2d (2,3) stride (1,2) padding (1,0)", OpId::avg_pool2d, {normal({2, 2, 6, 9}).strided()},
          [](V x) { return avgPool2d(x[0], Size2(2, 3), Size2(1, 2), Size2(1, 0)); });
    c.add("adaptive_avg_pool2d 7x9 -> 3x4", OpId::adaptive_avg_pool2d, {normal({2, 3, 7, 9})},
          [](V x) { return adaptiveAvgPool2d(x[0], Size2(3, 4)); });
    c.add("adaptive_avg_pool2d 3x3 -> 4x5, transposed", OpId::adaptive_avg_pool2d, {normal({1, 2, 3, 3}).transposed()},
          [](V x) { return adaptiveAvgPool2d(x[0], Size2(4, 5)); });
    c.add("adaptive_avg_pool2d global", OpId::adaptive_avg_pool2d, {normal({2, 3, 5, 4})},
          [](V x) { return adaptiveAvgPool2d(x[0], 1); });
    // batch_norm: running stats are updated by every forward of the finite differences; in training
    // they do not enter the output.
    c.add("batch_norm train 4-D, affine", OpId::batch_norm, {normal({4, 3, 3, 2}, 2.0f), normal({3}), normal({3})},
          [](V x) { return batchNorm(x[0], zeros({3}, x[0].device()), ones({3}, x[0].device()), x[1], x[2], true); });
    c.add("batch_norm train 2-D, no running stats", OpId::batch_norm, {normal({5, 4}).transposed(), normal({4})},
          [](V x) { return batchNorm(x[0], Tensor(), Tensor(), x[1], Tensor(), true, 0.1, 1e-3); });
    c.add("batch_norm train 3-D, no affine", OpId::batch_norm, {normal({3, 2, 4})},
          [](V x) { return batchNorm(x[0], Tensor(), Tensor(), Tensor(), Tensor(), true); });
    c.add("batch_norm eval 4-D, affine", OpId::batch_norm, {normal({2, 3, 2, 2}), normal({3}), normal({3})}, [](V x) {
        const Device d = x[0].device();
        Tensor runningMean = fromData({0.5f, -0.2f, 0.1f}, {3}, d), runningVar = fromData({0.8f, 1.5f, 0.3f}, {3}, d);
        return batchNorm(x[0], runningMean, runningVar, x[1], x[2]);
    });

    // ---- convolution, pooling and batch norm at parity sizes
    c.large("conv2d 2 x 3 x 9 x 9 padding 1", OpId::conv2d, {normal({2, 3, 9, 9}), normal({4, 3, 3, 3}), normal({4})},
            [](V x) { return conv2d(x[0], x[1], x[2], 1, 1); });
    c.large("conv2d stride (2,1) padding (1,0) dilation (2,1)", OpId::conv2d,
            {normal({3, 2, 11, 10}), normal({5, 2, 3, 2})},
            [](V x) { return conv2d(x[0], x[1], Tensor(), Size2(2, 1), Size2(1, 0), Size2(2, 1)); });
    c.large("conv2d groups 2 on 7 x 7", OpId::conv2d, {normal({2, 4, 7, 7}), normal({6, 2, 3, 3}), normal({6})},
            [](V x) { return conv2d(x[0], x[1], x[2], 1, 0, 1, 2); });
    c.large("conv2d 1x1 over 33 channels", OpId::conv2d, {normal({1, 33, 1, 1}), normal({7, 33, 1, 1})},
            [](V x) { return conv2d(x[0], x[1]); });
    c.large("max_pool2d 2 on 9 x 9", OpId::max_pool2d, {normal({2, 3, 9, 9})}, [](V x) { return maxPool2d(x[0], 2); });
    c.large("max_pool2d 3 stride 2 padding 1 dilation 1 ceil", OpId::max_pool2d, {normal({2, 3, 9, 8})},
            [](V x) { return maxPool2d(x[0], 3, Size2(2), 1, 1, true); });
    c.large("avg_pool2d 2 on 9 x 9", OpId::avg_pool2d, {normal({2, 3, 9, 9})}, [](V x) { return avgPool2d(x[0], 2); });
    c.large("avg_pool2d 3 stride 2 padding 1 ceil, exclude pad", OpId::avg_pool2d, {normal({2, 3, 9, 8})},
            [](V x) { return avgPool2d(x[0], 3, Size2(2), 1, true, false); });
    c.large("adaptive_avg_pool2d 7 x 9 -> 3 x 4", OpId::adaptive_avg_pool2d, {normal({2, 3, 7, 9})},
            [](V x) { return adaptiveAvgPool2d(x[0], Size2(3, 4)); });
    c.large("batch_norm train 5 x 3 x 7 x 9, running stats", OpId::batch_norm,
            {normal({5, 3, 7, 9}), normal({3}), normal({3})}, [](V x) {
                Tensor rm = zeros({3}, x[0].device()), rv = ones({3}, x[0].device());
                Tensor y = batchNorm(x[0], rm, rv, x[1], x[2], true, 0.1, 1e-5);
                return y + (sum(rm) + sum(rv)).detach();  // the running stats are compared too
            });
    c.large("batch_norm eval 5 x 3 x 7", OpId::batch_norm,
            {normal({5, 3, 7}), normal({3}).noGrad(), positive({3}).noGrad()},
            [](V x) { return batchNorm(x[0], x[1], x[2], Tensor(), Tensor(), false); });

    // ---- shape ops
    c.add("reshape", OpId::reshape, {normal({3, 4})}, [](V x) { return x[0].reshape({2, 6}); });
    c.add("reshape -1 of transposed (copies)", OpId::reshape, {normal({3, 4}).transposed()},
          [](V x) { return x[0].reshape({-1}); });
    c.add("view / flatten / unsqueeze / squeeze", OpId::reshape, {normal({2, 3, 4})}, [](V x) {
        return x[0].flatten(1).unsqueeze(0).view({1, 2, 12}).squeeze(0);
    });
    c.add("transpose", OpId::transpose, {normal({2, 3, 4})}, [](V x) { return x[0].transpose(0, 2) * 1.0f; });
    c.add("t of a matrix", OpId::transpose, {normal({3, 5}).strided()}, [](V x) { return exp(x[0].t()); });
    c.add("permute", OpId::permute, {normal({2, 3, 4})}, [](V x) { return exp(x[0].permute({2, 0, 1})); });
    c.add("expand", OpId::expand, {normal({3, 1})}, [](V x) { return exp(x[0].expand({2, 3, 4})); });
    c.add("expand -1", OpId::expand, {normal({1, 4}).strided()}, [](V x) { return x[0].expand({3, -1}) * 2.0f; });
    c.add("slice with step", OpId::slice, {normal({5, 7})}, [](V x) { return exp(x[0].slice(1, 1, 7, 2)); });
    c.add("slice negative start, end past the size", OpId::slice, {normal({5, 3}).transposed()},
          [](V x) { return exp(x[0].slice(0, -3, 100)); });
    c.add("narrow", OpId::slice, {normal({33})}, [](V x) { return x[0].narrow(0, 4, 7) * 3.0f; });
    c.add("select", OpId::select, {normal({3, 4})}, [](V x) { return exp(x[0].select(1, -1)); });
    c.add("select twice", OpId::select, {normal({2, 3, 4}).transposed()},
          [](V x) { return x[0].select(0, 1).select(0, 2) * 2.0f; });
    c.add("concat dim 1", OpId::concat, {normal({2, 3}), normal({2, 1}).noGrad(), normal({2, 4}).transposed()},
          [](V x) {
              return exp(concat(list({x[0], x[1], x[2]}), 1));
          });
    c.add("concat dim 0, same tensor twice", OpId::concat, {normal({3, 2})}, [](V x) {
        return exp(concat(list({x[0], x[0]}), 0));
    });
    c.add("stack", OpId::concat, {normal({3}), normal({3})}, [](V x) { return exp(stack(list({x[0], x[1]}), 1)); });
    c.add("clone", OpId::copy, {normal({3, 4})}, [](V x) { return exp(x[0].clone()); });
    c.add("contiguous of transposed", OpId::copy, {normal({3, 4}).transposed()},
          [](V x) { return x[0].contiguous() * 2.0f; });
    c.add("to_device (own device)", OpId::to_device, {normal({7})}, [](V x) {
         return exp(x[0].to(x[0].device()));
     }).identity = true;
    if (cudaAvailable())
        c.add("to_device to the other device and back", OpId::to_device, {normal({7})}, [](V x) {
            const Device other = x[0].device() == Device::CPU ? Device::CUDA : Device::CPU;
            return exp(x[0].to(other).to(x[0].device()));
        });
    c.add("index_select dim 0, repeated indices", OpId::index_select,
          {normal({4, 3}), index({6}, 4).edited([](auto& v) { v[5] = v[0]; })},
          [](V x) { return exp(indexSelect(x[0], 0, x[1])); });
    c.add("index_select dim 1", OpId::index_select, {normal({3, 5}).transposed(), index({3}, 5)},
          [](V x) { return indexSelect(x[0], 1, x[1]) * 2.0f; });
    c.add("gather dim 1", OpId::gather, {normal({3, 5}), index({3, 4}, 5)},
          [](V x) { return exp(gather(x[0], 1, x[1])); });
    c.add("gather dim 0", OpId::gather, {normal({4, 3}).transposed(), index({6, 3}, 4)},
          [](V x) { return gather(x[0], 0, x[1]) * 3.0f; });

    // ---- shapes and indexing at parity sizes: copies into strided destinations
    c.large("concat 7 x 3 and 7 x 5", OpId::concat, {normal({7, 3}), normal({7, 5})}, [](V x) {
        return concat(list({x[0], x[1]}), 1);
    });
    c.large("stack of a view and a tensor", OpId::concat, {normal({5, 7}), normal({7, 5})}, [](V x) {
        return stack(list({x[0].t(), x[1]}), 0);
    });
    c.large("permute made contiguous", OpId::permute, {normal({2, 3, 5})}, [](V x) {
        return x[0].permute({2, 0, 1}).contiguous() * 2.0f;
    });
    c.large("index_select 9 rows of 7 x 33", OpId::index_select, {normal({7, 33}), index({9}, 7)},
            [](V x) { return indexSelect(x[0], 0, x[1]); });
    c.large("gather 5 of 33 per row", OpId::gather, {normal({7, 33}), index({7, 5}, 33)},
            [](V x) { return gather(x[0], 1, x[1]); });

    // ---- losses
    c.add("mse_loss mean", OpId::mse_loss, {normal({3, 4}), normal({3, 4})}, [](V x) { return mseLoss(x[0], x[1]); });
    c.add("mse_loss sum", OpId::mse_loss, {normal({7}), normal({7})},
          [](V x) { return mseLoss(x[0], x[1], Reduction::Sum); });
    c.add("mse_loss none", OpId::mse_loss, {normal({3, 4}).transposed(), normal({3, 4})},
          [](V x) { return mseLoss(x[0], x[1], Reduction::None); });
    // |input - target| >= 0.3: inputs at +-[0.6, 1.4], targets in [-0.3, 0.3].
    c.add("l1_loss mean", OpId::l1_loss, {awayFromZero({3, 4}, 0.6f, 1.4f), uniform({3, 4}, -0.3f, 0.3f)},
          [](V x) { return l1Loss(x[0], x[1]); });
    c.add("l1_loss none", OpId::l1_loss, {awayFromZero({7}, 0.6f, 1.4f), uniform({7}, -0.3f, 0.3f)},
          [](V x) { return l1Loss(x[0], x[1], Reduction::None); });
    c.add("binary_cross_entropy mean", OpId::binary_cross_entropy, {uniform({3, 4}, 0.1f, 0.9f), uniform({3, 4}, 0, 1)},
          [](V x) { return binaryCrossEntropy(x[0], x[1]); });
    c.add("binary_cross_entropy none", OpId::binary_cross_entropy, {uniform({7}, 0.1f, 0.9f), mask({7})},
          [](V x) { return binaryCrossEntropy(x[0], x[1], Reduction::None); });
    auto zeros3 = [](std::vector<float>& v) { v[0] = v[3] = v[6] = 0.0f; };
    c.add("bce_with_logits (exact zero logits)", OpId::bce_with_logits,
          {normal({3, 4}, 3.0f).edited(zeros3), uniform({3, 4}, 0, 1)},
          [](V x) { return binaryCrossEntropyWithLogits(x[0], x[1]); });
    c.add("bce_with_logits pos_weight", OpId::bce_with_logits,
          {normal({4, 3}, 3.0f).edited(zeros3), uniform({4, 3}, 0, 1), uniform({3}, 0.5f, 3.0f)},
          [](V x) { return binaryCrossEntropyWithLogits(x[0], x[1], Reduction::Sum, x[2]); });
    c.add("bce_with_logits none, transposed", OpId::bce_with_logits, {normal({3, 4}, 3.0f).transposed(), mask({3, 4})},
          [](V x) { return binaryCrossEntropyWithLogits(x[0], x[1], Reduction::None); });
    auto ignoreSome = [](std::vector<float>& v) { v[1] = -100.0f; };
    c.add("cross_entropy mean", OpId::cross_entropy, {normal({5, 4}, 2.0f), index({5}, 4)},
          [](V x) { return crossEntropy(x[0], x[1]); });
    c.add("cross_entropy label smoothing 0.1", OpId::cross_entropy, {normal({5, 4}, 2.0f).transposed(), index({5}, 4)},
          [](V x) { return crossEntropy(x[0], x[1], Reduction::Mean, 0.1f); });
    c.add("cross_entropy ignore_index, smoothing, sum", OpId::cross_entropy,
          {normal({6, 3}, 2.0f), index({6}, 3).edited(ignoreSome)},
          [](V x) { return crossEntropy(x[0], x[1], Reduction::Sum, 0.2f); });
    c.add("cross_entropy (N, C, d) none", OpId::cross_entropy, {normal({2, 4, 3}, 2.0f), index({2, 3}, 4)},
          [](V x) { return crossEntropy(x[0], x[1], Reduction::None); });
    c.add("cross_entropy (N, C, d1, d2) ignore_index 2", OpId::cross_entropy,
          {normal({2, 3, 2, 2}), index({2, 2, 2}, 3)},
          [](V x) { return crossEntropy(x[0], x[1], Reduction::Mean, 0.0f, 2); });
    c.add("nll_loss mean", OpId::nll_loss, {normal({5, 4}), index({5}, 4)}, [](V x) { return nllLoss(x[0], x[1]); });
    c.add("nll_loss ignore_index, sum", OpId::nll_loss, {normal({6, 3}).transposed(), index({6}, 3).edited(ignoreSome)},
          [](V x) { return nllLoss(x[0], x[1], Reduction::Sum); });
    c.add("nll_loss (N, C, d) none", OpId::nll_loss, {normal({2, 4, 3}), index({2, 3}, 4)},
          [](V x) { return nllLoss(x[0], x[1], Reduction::None); });

    // ---- losses at parity sizes
    c.large("mse_loss 7 x 33", OpId::mse_loss, {normal({7, 33}), normal({7, 33})},
            [](V x) { return mseLoss(x[0], x[1]); });
    c.large("l1_loss 7 x 33 sum", OpId::l1_loss, {normal({7, 33}), normal({7, 33})},
            [](V x) { return l1Loss(x[0], x[1], Reduction::Sum); });
    c.large("binary_cross_entropy 7 x 33", OpId::binary_cross_entropy, {probability({7, 33}), probability({7, 33})},
            [](V x) { return binaryCrossEntropy(x[0], x[1]); });
    c.large("bce_with_logits 7 x 33 pos_weight", OpId::bce_with_logits,
            {normal({7, 33}), probability({7, 33}), positive({33})},
            [](V x) { return binaryCrossEntropyWithLogits(x[0], x[1], Reduction::Mean, x[2]); });
    c.large("cross_entropy 257 x 10 smoothing 0.1", OpId::cross_entropy, {normal({257, 10}), index({257}, 10)},
            [](V x) { return crossEntropy(x[0], x[1], Reduction::Mean, 0.1f); });
    c.large("nll_loss of log_softmax 33 x 7 sum", OpId::nll_loss, {normal({33, 7}), index({33}, 7)},
            [](V x) { return nllLoss(logSoftmax(x[0], 1), x[1], Reduction::Sum); });

    // ---- transformers (engine/ops/transformer_ops.h)
    c.add("layer_norm last dim", OpId::layer_norm, {normal({3, 5}, 2.0f), normal({5}), normal({5})},
          [](V x) { return layerNorm(x[0], {5}, x[1], x[2]); });
    c.add("layer_norm two dims, transposed input", OpId::layer_norm,
          {normal({2, 3, 4}).transposed(), normal({3, 4}), normal({3, 4})}, [](V x) {
              return layerNorm(x[0], {3, 4}, x[1], x[2], 1e-3f);
          });
    c.add("layer_norm without affine, strided", OpId::layer_norm, {normal({4, 6}).strided()},
          [](V x) { return layerNorm(x[0], {6}); });
    c.add("layer_norm weight only", OpId::layer_norm, {normal({2, 7}), normal({7})},
          [](V x) { return layerNorm(x[0], {7}, x[1]); });
    c.add("embedding, repeated indices", OpId::embedding,
          {index({2, 3}, 5).edited([](auto& v) { v[4] = v[1]; }), normal({5, 4})},
          [](V x) { return embedding(x[0], x[1]); });
    // The padding row is read by the forward but gets no gradient (torch's semantics): the case
    // multiplies its rows by 0, so that the finite differences see no dependence on it either.
    c.add("embedding padding_idx", OpId::embedding,
          {index({6}, 4).edited([](auto& v) { v[0] = v[3] = 1.0f; }), normal({4, 3})},
          [](V x) { return mul(exp(embedding(x[0], x[1], 1)), ne(x[0], onesLike(x[0])).unsqueeze(-1)); });
    c.add("sdpa", OpId::scaled_dot_product_attention, {normal({2, 3, 4}), normal({2, 5, 4}), normal({2, 5, 3})},
          [](V x) { return scaledDotProductAttention(x[0], x[1], x[2]).output; });
    c.add("sdpa keep mask (Tq, Tk)", OpId::scaled_dot_product_attention,
          {normal({2, 3, 4}), normal({2, 5, 4}), normal({2, 5, 3}),
           mask({3, 5}).edited([](auto& v) { v[0] = v[5] = v[10] = 1.0f; })},
          [](V x) {
              AttentionOptions o;
              o.attnMask = x[3];
              return scaledDotProductAttention(x[0], x[1], x[2], o).output;
          });
    c.add("sdpa block mask (B, 1, Tk), 4-D", OpId::scaled_dot_product_attention,
          {normal({2, 2, 3, 4}), normal({2, 2, 4, 4}), normal({2, 2, 4, 2}),
           mask({2, 1, 1, 4}).edited([](auto& v) { v[0] = v[4] = 0.0f; })},
          [](V x) {
              AttentionOptions o;
              o.attnMask = x[3];
              o.maskKind = MaskKind::Block;
              return scaledDotProductAttention(x[0], x[1], x[2], o).output;
          });
    c.add("sdpa additive mask", OpId::scaled_dot_product_attention,
          {normal({2, 3, 4}), normal({2, 4, 4}), normal({2, 4, 4}), std::move(normal({3, 4})).noGrad()}, [](V x) {
              AttentionOptions o;
              o.attnMask = x[3];
              o.maskKind = MaskKind::Additive;
              return scaledDotProductAttention(x[0], x[1], x[2], o).output;
          });
    c.add("sdpa causal, scale 0.7", OpId::scaled_dot_product_attention,
          {normal({2, 4, 3}), normal({2, 4, 3}), normal({2, 4, 3})}, [](V x) {
              AttentionOptions o;
              o.isCausal = true;
              o.scale = 0.7f;
              return scaledDotProductAttention(x[0], x[1], x[2], o).output;
          });
    c.add("sdpa head views of one buffer, causal", OpId::scaled_dot_product_attention, {normal({2, 4, 12})}, [](V x) {
        auto heads = [&](int64_t part) { return x[0].narrow(2, part * 4, 4).view({2, 4, 2, 2}).transpose(1, 2); };
        AttentionOptions o;
        o.isCausal = true;
        return scaledDotProductAttention(heads(0), heads(1), heads(2), o).output;
    });
    c.add("sdpa transposed and strided q/k/v", OpId::scaled_dot_product_attention,
          {normal({2, 3, 4}).transposed(), normal({2, 5, 4}).strided(), normal({2, 5, 3}).transposed()},
          [](V x) { return scaledDotProductAttention(x[0], x[1], x[2]).output; });
    c.add("sdpa broadcast batch", OpId::scaled_dot_product_attention,
          {normal({2, 3, 3, 4}), normal({3, 5, 4}), normal({1, 3, 5, 2})},
          [](V x) { return scaledDotProductAttention(x[0], x[1], x[2]).output; });
    c.add("sdpa dropout 0.3 (fixed generator)", OpId::scaled_dot_product_attention,
          {normal({2, 3, 4}), normal({2, 5, 4}), normal({2, 5, 3})}, [](V x) {
              Generator g(21);
              AttentionOptions o;
              o.dropoutP = 0.3f;
              o.generator = &g;
              return scaledDotProductAttention(x[0], x[1], x[2], o).output;
          });
    c.add("attention_weights", OpId::attention_weights,
          {normal({2, 3, 4}), normal({2, 5, 4}), normal({2, 5, 3}).noGrad()},
          [](V x) { return scaledDotProductAttention(x[0], x[1], x[2]).weights; });
    c.add("attention_weights causal, dropout", OpId::attention_weights,
          {normal({2, 4, 3}).transposed(), normal({2, 4, 3})}, [](V x) {
              Generator g(5);
              AttentionOptions o;
              o.isCausal = true;
              o.dropoutP = 0.2f;
              o.generator = &g;
              return scaledDotProductAttention(x[0], x[1], x[1], o).weights;
          });
    c.add("output and weights in one loss", OpId::attention_weights,
          {normal({2, 3, 4}), normal({2, 3, 4}), normal({2, 3, 3})}, [](V x) {
              AttentionResult r = scaledDotProductAttention(x[0], x[1], x[2]);
              return add(r.output, r.weights);
          });

    // ---- transformers at parity sizes: heads as strided views; plain, causal, masked, dropout
    c.large("layer_norm 7 x 33", OpId::layer_norm, {normal({7, 33}), normal({33}), normal({33})},
            [](V x) { return layerNorm(x[0], {33}, x[1], x[2]); });
    c.large("layer_norm 3 x 5 x 257 without affine", OpId::layer_norm, {normal({3, 5, 257})},
            [](V x) { return layerNorm(x[0], {257}); });
    c.large("embedding 4 x 9 of 11", OpId::embedding, {index({4, 9}, 11), normal({11, 6})},
            [](V x) { return embedding(x[0], x[1]); });
    auto attention = [](bool causal, bool masked, float p) {
        return [causal, masked, p](V x) {
            Generator g(7);
            AttentionOptions o;
            o.isCausal = causal;
            if (masked) {
                o.attnMask = x[3];
                o.maskKind = MaskKind::Additive;
            }
            o.dropoutP = p;
            o.generator = &g;
            AttentionResult r = scaledDotProductAttention(x[0].transpose(1, 2), x[1].transpose(1, 2), x[2], o);
            return r.output + sum(r.weights, -1, true);  // both outputs reach the loss
        };
    };
    const std::vector<In> qkv = {normal({2, 7, 3, 8}), normal({2, 9, 3, 8}), normal({2, 3, 9, 5}),
                                 normal({7, 9}).noGrad()};
    c.large("attention heads 2 x 3 x 7 x 9", OpId::scaled_dot_product_attention, qkv, attention(false, false, 0.0f));
    c.large("attention causal", OpId::scaled_dot_product_attention, qkv, attention(true, false, 0.0f));
    c.large("attention additive mask", OpId::scaled_dot_product_attention, qkv, attention(false, true, 0.0f));
    c.large("attention dropout 0.25", OpId::attention_weights, qkv, attention(false, false, 0.25f));

    // ---- recurrent cells (engine/ops/rnn_ops.h): both results of the LSTM cell reach the loss
    auto lstmBoth = [](V x) {
        LstmCellResult r = lstmCell(x[0], x[1], x[2], x.size() > 3 ? x[3] : Tensor(), x.size() > 4 ? x[4] : Tensor());
        return concat(list({r.h, r.c}), 1);
    };
    auto gru = [](V x) {
        return gruCell(x[0], x[1], x[2], x.size() > 3 ? x[3] : Tensor(), x.size() > 4 ? x[4] : Tensor()).h;
    };
    c.add("rnn_cell tanh", OpId::rnn_cell, {normal({3, 5}), normal({3, 5}), normal({5}), normal({5})},
          [](V x) { return rnnCell(x[0], x[1], x[2], x[3]); });
    // |gi + gh| >= 0.2: away from relu's kink.
    c.add("rnn_cell relu, no biases, transposed", OpId::rnn_cell,
          {awayFromZero({4, 3}, 0.3f, 1.5f).transposed(), uniform({4, 3}, -0.1f, 0.1f)},
          [](V x) { return rnnCell(x[0], x[1], Tensor(), Tensor(), true); });
    c.add("lstm_cell h and c", OpId::lstm_cell,
          {normal({3, 12}), normal({3, 12}), normal({3, 3}), normal({12}), normal({12})}, lstmBoth);
    c.add("lstm_cell h only, no biases, strided and transposed", OpId::lstm_cell,
          {normal({2, 8}).strided(), normal({2, 8}).transposed(), normal({2, 2})},
          [](V x) { return lstmCell(x[0], x[1], x[2]).h; });
    c.add("lstm_cell c only, input bias", OpId::lstm_cell, {normal({3, 4}), normal({3, 4}), normal({3, 1}), normal({4})},
          [](V x) { return lstmCell(x[0], x[1], x[2], x[3]).c; });
    c.add("gru_cell", OpId::gru_cell, {normal({3, 9}), normal({3, 9}), normal({3, 3}), normal({9}), normal({9})}, gru);
    c.add("gru_cell no biases, transposed state", OpId::gru_cell,
          {normal({2, 6}), normal({2, 6}).strided(), normal({2, 2}).transposed()}, gru);
    c.add("gru_cell hidden bias only", OpId::gru_cell, {normal({4, 3}), normal({4, 3}), normal({4, 1}), normal({3})},
          [](V x) { return gruCell(x[0], x[1], x[2], Tensor(), x[3]).h; });

    // ---- recurrent cells at parity sizes: rows and units across several CUDA blocks
    for (const bool relu : {false, true})
        c.large(std::string("rnn_cell 33 x 257 ") + (relu ? "relu" : "tanh"), OpId::rnn_cell,
                {normal({33, 257}), normal({33, 257}), normal({257}), normal({257})},
                [relu](V x) { return rnnCell(x[0], x[1], x[2], x[3], relu); });
    c.large("lstm_cell 33 x 4 * 129", OpId::lstm_cell,
            {normal({33, 516}), normal({33, 516}), normal({33, 129}), normal({516}), normal({516})}, lstmBoth);
    c.large("gru_cell 33 x 3 * 129", OpId::gru_cell,
            {normal({33, 387}), normal({33, 387}), normal({33, 129}), normal({387}), normal({387})}, gru);
    return std::move(c.all);
}

}  // namespace

const std::vector<OpCase>& opCases() {
    static const std::vector<OpCase> cases = makeCases();
    return cases;
}

// ---------------------------------------------------------------- PyTorch goldens
namespace {

using nlohmann::json;
using Outs = std::vector<Tensor>;

std::vector<int64_t> intsOf(const json& a) { return a.get<std::vector<int64_t>>(); }
Shape shapeArg(const json& a) {
    Shape s;
    for (const json& d : a) s.push_back(d.get<int64_t>());
    return s;
}
Reduction reductionOf(const json& args) { return parseReduction(args.value("reduction", std::string("mean"))); }
// An int or [h, w] argument; `def` when absent (null).
Size2 size2(const json& a, int64_t def) {
    if (a.is_null()) return def;
    if (a.is_number()) return a.get<int64_t>();
    return Size2(a[0].get<int64_t>(), a[1].get<int64_t>());
}
std::optional<Size2> optionalSize2(const json& a) { return a.is_null() ? std::optional<Size2>() : size2(a, 0); }

}  // namespace

// Mirrors FNS in the generator scripts: the call each "fn" of a golden file names.
const std::map<std::string, GoldenFn>& goldenCalls() {
    using A = const json&;
    static const std::map<std::string, GoldenFn> calls = {
        // ops_golden.json (gen_ops_golden.py)
        {"add", [](V x, A) { return Outs{add(x[0], x[1])}; }},
        {"sub", [](V x, A) { return Outs{sub(x[0], x[1])}; }},
        {"mul", [](V x, A) { return Outs{mul(x[0], x[1])}; }},
        {"square_by_mul", [](V x, A) { return Outs{mul(x[0], x[0])}; }},
        {"div", [](V x, A) { return Outs{div(x[0], x[1])}; }},
        {"pow", [](V x, A) { return Outs{pow(x[0], x[1])}; }},
        {"maximum", [](V x, A) { return Outs{maximum(x[0], x[1])}; }},
        {"minimum", [](V x, A) { return Outs{minimum(x[0], x[1])}; }},
        {"pow_scalar", [](V x, A a) { return Outs{pow(x[0], a.at("exponent").get<float>())}; }},
        {"add_scalar", [](V x, A a) { return Outs{x[0] + a.at("value").get<float>()}; }},
        {"sub_scalar", [](V x, A a) { return Outs{x[0] - a.at("value").get<float>()}; }},
        {"mul_scalar", [](V x, A a) { return Outs{x[0] * a.at("value").get<float>()}; }},
        {"div_scalar", [](V x, A a) { return Outs{x[0] / a.at("value").get<float>()}; }},
        {"rsub_scalar", [](V x, A a) { return Outs{a.at("value").get<float>() - x[0]}; }},
        {"rdiv_scalar", [](V x, A a) { return Outs{a.at("value").get<float>() / x[0]}; }},
        {"neg", [](V x, A) { return Outs{neg(x[0])}; }},
        {"exp", [](V x, A) { return Outs{exp(x[0])}; }},
        {"log", [](V x, A) { return Outs{log(x[0])}; }},
        {"sqrt", [](V x, A) { return Outs{sqrt(x[0])}; }},
        {"abs", [](V x, A) { return Outs{abs(x[0])}; }},
        {"clamp",
         [](V x, A a) {
             const float inf = std::numeric_limits<float>::infinity();
             return Outs{clamp(x[0], a.contains("min") ? a.at("min").get<float>() : -inf,
                                 a.contains("max") ? a.at("max").get<float>() : inf)};
         }},
        {"where", [](V x, A) { return Outs{where(x[0], x[1], x[2])}; }},
        {"sigmoid", [](V x, A) { return Outs{sigmoid(x[0])}; }},
        {"tanh", [](V x, A) { return Outs{tanh(x[0])}; }},
        {"relu", [](V x, A) { return Outs{relu(x[0])}; }},
        {"leaky_relu", [](V x, A a) { return Outs{leakyRelu(x[0], a.value("slope", 0.01f))}; }},
        {"elu", [](V x, A a) { return Outs{elu(x[0], a.value("alpha", 1.0f))}; }},
        {"gelu",
         [](V x, A a) {
             return Outs{gelu(x[0], a.value("approximate", std::string("none")) == "tanh" ? GeluApprox::Tanh
                                                                                           : GeluApprox::None)};
         }},
        {"softplus",
         [](V x, A a) { return Outs{softplus(x[0], a.value("beta", 1.0f), a.value("threshold", 20.0f))}; }},
        {"silu", [](V x, A) { return Outs{silu(x[0])}; }},
        {"softmax", [](V x, A a) { return Outs{softmax(x[0], a.at("dim").get<int64_t>())}; }},
        {"log_softmax", [](V x, A a) { return Outs{logSoftmax(x[0], a.at("dim").get<int64_t>())}; }},
        {"sum",
         [](V x, A a) {
             return Outs{a.contains("dims") ? sum(x[0], intsOf(a.at("dims")), a.value("keepdim", false)) : sum(x[0])};
         }},
        {"mean",
         [](V x, A a) {
             return Outs{a.contains("dims") ? mean(x[0], intsOf(a.at("dims")), a.value("keepdim", false))
                                              : mean(x[0])};
         }},
        {"max",
         [](V x, A a) {
             if (!a.contains("dim")) return Outs{max(x[0])};
             auto [v, i] = max(x[0], a.at("dim").get<int64_t>(), a.value("keepdim", false));
             return Outs{v, i};
         }},
        {"min",
         [](V x, A a) {
             if (!a.contains("dim")) return Outs{min(x[0])};
             auto [v, i] = min(x[0], a.at("dim").get<int64_t>(), a.value("keepdim", false));
             return Outs{v, i};
         }},
        {"var",
         [](V x, A a) {
             const bool unbiased = a.value("unbiased", true);
             return Outs{a.contains("dims") ? var(x[0], intsOf(a.at("dims")), unbiased, a.value("keepdim", false))
                                              : var(x[0], unbiased)};
         }},
        {"matmul", [](V x, A) { return Outs{matmul(x[0], x[1])}; }},
        {"reshape", [](V x, A a) { return Outs{x[0].reshape(shapeArg(a.at("shape")))}; }},
        {"flatten", [](V x, A a) { return Outs{x[0].flatten(a.value("start", 0), a.value("end", -1))}; }},
        {"transpose",
         [](V x, A a) { return Outs{x[0].transpose(a.at("d0").get<int64_t>(), a.at("d1").get<int64_t>())}; }},
        {"permute", [](V x, A a) { return Outs{x[0].permute(shapeArg(a.at("dims")))}; }},
        {"expand", [](V x, A a) { return Outs{x[0].expand(shapeArg(a.at("shape")))}; }},
        {"slice",
         [](V x, A a) {
             return Outs{x[0].slice(a.at("dim").get<int64_t>(), a.at("start").get<int64_t>(),
                                      a.at("end").get<int64_t>(), a.value("step", int64_t(1)))};
         }},
        {"select",
         [](V x, A a) { return Outs{x[0].select(a.at("dim").get<int64_t>(), a.at("index").get<int64_t>())}; }},
        {"concat", [](V x, A a) { return Outs{concat(x, a.at("dim").get<int64_t>())}; }},
        {"stack", [](V x, A a) { return Outs{stack(x, a.at("dim").get<int64_t>())}; }},
        {"clone", [](V x, A) { return Outs{x[0].clone()}; }},
        {"index_select", [](V x, A a) { return Outs{indexSelect(x[0], a.at("dim").get<int64_t>(), x[1])}; }},
        {"gather", [](V x, A a) { return Outs{gather(x[0], a.at("dim").get<int64_t>(), x[1])}; }},
        {"mse_loss", [](V x, A a) { return Outs{mseLoss(x[0], x[1], reductionOf(a))}; }},
        {"l1_loss", [](V x, A a) { return Outs{l1Loss(x[0], x[1], reductionOf(a))}; }},
        {"binary_cross_entropy", [](V x, A a) { return Outs{binaryCrossEntropy(x[0], x[1], reductionOf(a))}; }},
        {"bce_with_logits",
         [](V x, A a) {
             return Outs{binaryCrossEntropyWithLogits(x[0], x[1], reductionOf(a), x.size() > 2 ? x[2] : Tensor())};
         }},
        {"cross_entropy",
         [](V x, A a) {
             return Outs{crossEntropy(x[0], x[1], reductionOf(a), a.value("label_smoothing", 0.0f),
                                        a.value("ignore_index", int64_t(-100)))};
         }},
        {"nll_loss",
         [](V x, A a) { return Outs{nllLoss(x[0], x[1], reductionOf(a), a.value("ignore_index", int64_t(-100)))}; }},
        // recurrent cells: torch's own (torch.rnn_tanh_cell, lstm_cell, gru_cell) take x, h (and c)
        // and the weights; ours take the two products
        {"rnn_cell",
         [](V x, A a) {
             return Outs{rnnCell(matmul(x[0], x[2].t()), matmul(x[1], x[3].t()), x[4], x[5], a.value("relu", false))};
         }},
        {"lstm_cell",
         [](V x, A) {
             LstmCellResult r = lstmCell(matmul(x[0], x[3].t()), matmul(x[1], x[4].t()), x[2], x[5], x[6]);
             return Outs{stack(list({r.h, r.c}), 0)};
         }},
        {"gru_cell",
         [](V x, A) { return Outs{gruCell(matmul(x[0], x[2].t()), matmul(x[1], x[3].t()), x[1], x[4], x[5]).h}; }},
        // cnn_golden.json (gen_cnn_golden.py)
        {"conv2d",
         [](V x, A a) {
             return Outs{conv2d(x[0], x[1], x[2], size2(a.value("stride", json()), 1), size2(a.value("padding", json()), 0),
                                size2(a.value("dilation", json()), 1), a.value("groups", int64_t(1)))};
         }},
        {"max_pool2d",
         [](V x, A a) {
             auto [y, i] = maxPool2dWithIndices(x[0], size2(a.at("kernel"), 0), optionalSize2(a.value("stride", json())),
                                                size2(a.value("padding", json()), 0),
                                                size2(a.value("dilation", json()), 1), a.value("ceil_mode", false));
             return Outs{y, i};
         }},
        {"avg_pool2d",
         [](V x, A a) {
             return Outs{avgPool2d(x[0], size2(a.at("kernel"), 0), optionalSize2(a.value("stride", json())),
                                   size2(a.value("padding", json()), 0), a.value("ceil_mode", false),
                                   a.value("count_include_pad", true))};
         }},
        {"adaptive_avg_pool2d", [](V x, A a) { return Outs{adaptiveAvgPool2d(x[0], size2(a.at("output_size"), 0))}; }},
        {"batch_norm",
         [](V x, A a) {
             return Outs{batchNorm(x[0], x[1], x[2], x[3], x[4], a.value("training", false), a.value("momentum", 0.1),
                                   a.value("eps", 1e-5))};
         }},
        // transformer_golden.json (gen_transformer_golden.py)
        {"layer_norm",
         [](V x, A a) {
             return Outs{layerNorm(x[0], shapeArg(a.at("normalized_shape")), x.size() > 1 ? x[1] : Tensor(),
                                   x.size() > 2 ? x[2] : Tensor(), a.at("eps").get<float>())};
         }},
        {"embedding",
         [](V x, A a) {
             const json& pad = a.at("padding_idx");
             return Outs{embedding(x[0], x[1], pad.is_null() ? std::optional<int64_t>() : pad.get<int64_t>())};
         }},
        {"sdpa",
         [](V x, A a) {
             AttentionOptions o;
             o.isCausal = a.at("causal").get<bool>();
             if (!a.at("scale").is_null()) o.scale = a.at("scale").get<float>();
             if (x.size() > 3) {
                 o.attnMask = x[3];
                 o.maskKind = a.at("mask_kind") == "keep" ? MaskKind::Keep : MaskKind::Additive;
             }
             AttentionResult r = scaledDotProductAttention(x[0], x[1], x[2], o);
             return Outs{r.output, r.weights};
         }},
    };
    return calls;
}

const std::map<OpId, std::string>& opsWithoutGolden() {
    static const std::map<OpId, std::string> why = {
        {OpId::dropout, "PyTorch's random stream is not ours (test_gradcheck checks the mask)"},
        {OpId::to_device, "a copy between devices (test_cuda_parity compares the devices)"},
    };
    return why;
}

// ---------------------------------------------------------------- coverage
std::set<OpId> opsIn(const Tensor& t) {
    std::set<OpId> ops;
    if (!t.defined() || !t.gradFn()) return ops;
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
    return ops;
}

std::string missingOps(const std::set<OpId>& covered) {
    std::string missing;
    for (std::size_t i = 0; i < kOpCount; ++i)
        if (!covered.count(OpId(i))) missing += (missing.empty() ? "" : ", ") + std::string(kOpTable[i].name);
    return missing;
}

}  // namespace gradlab::test
