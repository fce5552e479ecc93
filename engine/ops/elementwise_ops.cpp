// Elementwise ops (broadcasting binary, unary math, scalar arithmetic, where), the activation
// functions and dropout: each one's forward and its backward closure side by side.
#include <cmath>
#include <limits>

#include "engine/ops/op_utils.h"

namespace gradlab {
namespace detail {

Tensor broadcastView(const Tensor& t, const Shape& shape) {
    if (t.shape() == shape) return t;
    const std::size_t n = shape.size(), r = t.shape().size();
    Strides st(n, 0);
    for (std::size_t i = 0; i < r; ++i) {
        std::size_t o = n - r + i;
        st[o] = t.shape()[i] == 1 && shape[o] != 1 ? 0 : t.strides()[i];
    }
    return makeView(t, shape, st, t.offset());
}

Device commonDevice(const char* op, std::initializer_list<const Tensor*> ts) {
    Device d = Device::CPU;
    bool first = true;
    for (const Tensor* t : ts) {
        GL_CHECK(t->defined(), op, ": an input tensor is undefined");
        if (first) d = t->device();
        GL_CHECK(t->device() == d, op, ": tensors are on different devices (", deviceName(d), " and ",
                 deviceName(t->device()), "); move them with .to() first");
        first = false;
    }
    return d;
}

Tensor contig(const Tensor& x) {
    if (x.isContiguous()) return x;
    Tensor c = empty(x.shape(), x.device());
    GL_DISPATCH(x.device(), copy, x, c);
    return c;
}

Tensor raw(const Tensor& x) { return x.isContiguous() ? x.detach() : contig(x); }

bool exclusive(const Tensor& t) {
    return t.defined() && t.implPtr().use_count() == 1 && t.storage().use_count() == 1 && t.offset() == 0 &&
           t.numel() == t.storage()->numel() && t.isContiguous();
}

}  // namespace detail

using detail::broadcastView;
using detail::commonDevice;
using detail::contig;
using detail::raw;

namespace {

// A unary op and its backward. The backward keeps only what the derivative reads
// (math::unaryReads: x, y or neither).
Tensor unaryOp(OpId id, UnaryOp op, const Tensor& x, float p0 = 0.0f, float p1 = 0.0f) {
    commonDevice(opName(id).data(), {&x});
    Tensor xc = contig(x);
    Tensor y = empty(x.shape(), x.device());
    GL_DISPATCH(x.device(), unary, op, xc, y, p0, p1);
    // A contiguous x needs no saved copy: the node keeps x itself as its input 0. Only a
    // non-contiguous x saves the contiguous copy the forward made.
    const int reads = math::unaryReads(op);
    const bool saveX = (reads & math::kReadsX) != 0, copiedX = !xc.sameAs(x);
    return record(id, y, {&x},
                  [op, p0, p1, xs = saveX && copiedX ? xc : Tensor(), readX = saveX && !copiedX,
                   ys = (reads & math::kReadsY) ? y.detach() : Tensor()](const Tensor& dy, GradSlots& g) {
                      const Tensor x = readX ? g.input(0) : xs;
                      // The upstream gradient is usually this node's alone: then dx overwrites it.
                      const bool inPlace = detail::exclusive(dy);
                      Tensor dyc = contig(dy);
                      Tensor dx = inPlace ? dyc : empty(dy.shape(), dy.device());
                      GL_DISPATCH(dy.device(), unaryBackward, op, x, ys, dyc, dx, p0, p1);
                      g.set(0, std::move(dx));
                  });
}

Tensor binaryRaw(BinaryOp op, const Tensor& a, const Tensor& b, const char* name) {
    Device dev = commonDevice(name, {&a, &b});
    Shape s = broadcastShapes(a.shape(), b.shape(), name);
    Tensor out = empty(s, dev);
    GL_DISPATCH(dev, binary, op, broadcastView(a, s), broadcastView(b, s), out);
    return out;
}

}  // namespace

// ---------------------------------------------------------------- broadcasting binary ops
Tensor add(const Tensor& a, const Tensor& b) {
    Tensor out = binaryRaw(BinaryOp::Add, a, b, "add");
    return record(OpId::add, out, {&a, &b}, [as = a.shape(), bs = b.shape()](const Tensor& dy, GradSlots& g) {
        if (g.needs(0)) g.set(0, reduceToShape(dy, as));
        if (g.needs(1)) g.set(1, reduceToShape(dy, bs));
    });
}

Tensor sub(const Tensor& a, const Tensor& b) {
    Tensor out = binaryRaw(BinaryOp::Sub, a, b, "sub");
    return record(OpId::sub, out, {&a, &b}, [as = a.shape(), bs = b.shape()](const Tensor& dy, GradSlots& g) {
        if (g.needs(0)) g.set(0, reduceToShape(dy, as));
        if (g.needs(1)) g.set(1, reduceToShape(neg(dy), bs));
    });
}

Tensor mul(const Tensor& a, const Tensor& b) {
    Tensor out = binaryRaw(BinaryOp::Mul, a, b, "mul");
    return record(OpId::mul, out, {&a, &b}, [a = a.detach(), b = b.detach()](const Tensor& dy, GradSlots& g) {
        if (g.needs(0)) g.set(0, reduceToShape(mul(dy, b), a.shape()));
        if (g.needs(1)) g.set(1, reduceToShape(mul(dy, a), b.shape()));
    });
}

Tensor div(const Tensor& a, const Tensor& b) {
    Tensor out = binaryRaw(BinaryOp::Div, a, b, "div");
    return record(OpId::div, out, {&a, &b}, [a = a.detach(), b = b.detach()](const Tensor& dy, GradSlots& g) {
        if (g.needs(0)) g.set(0, reduceToShape(div(dy, b), a.shape()));
        if (g.needs(1)) g.set(1, reduceToShape(neg(div(mul(dy, a), mul(b, b))), b.shape()));
    });
}

Tensor pow(const Tensor& a, const Tensor& e) {
    Tensor out = binaryRaw(BinaryOp::Pow, a, e, "pow");
    return record(OpId::pow, out, {&a, &e},
                  [a = a.detach(), e = e.detach(), y = out.detach()](const Tensor& dy, GradSlots& g) {
                      if (g.needs(0)) {
                          // e a^(e-1), defined as 0 where e == 0 (PyTorch; 0 * 0^-1 would be NaN at a == 0).
                          Tensor da = mul(dy, mul(e, pow(a, sub(e, 1.0f))));
                          Tensor eZero = broadcastView(eq(e, zerosLike(e)), da.shape());
                          g.set(0, reduceToShape(where(eZero, zerosLike(da), da), a.shape()));
                      }
                      if (g.needs(1)) {
                          // d/de a^e = a^e log a; PyTorch defines it as 0 where a == 0 and e >= 0.
                          Tensor de = mul(dy, mul(y, log(a)));
                          Tensor zero = zerosLike(de);
                          Tensor mask = mul(broadcastView(eq(a, zerosLike(a)), de.shape()),
                                            broadcastView(ge(e, zerosLike(e)), de.shape()));
                          g.set(1, reduceToShape(where(mask, zero, de), e.shape()));
                      }
                  });
}

namespace {
// Gradient routing of maximum/minimum, as PyTorch: a side gets dy unless it lost (0); ties split
// dy in half. A NaN loses nothing, so both sides of a comparison with NaN get dy.
Tensor pickGrad(const Tensor& dy, const Tensor& mine, const Tensor& other, bool isMax) {
    Tensor lost = isMax ? lt(mine, other) : gt(mine, other);
    Tensor tie = eq(mine, other);
    Tensor weight = sub(rsub(1.0f, lost), mul(tie, 0.5f));
    return mul(dy, broadcastView(weight, dy.shape()));
}
}  // namespace

Tensor maximum(const Tensor& a, const Tensor& b) {
    Tensor out = binaryRaw(BinaryOp::Maximum, a, b, "maximum");
    return record(OpId::maximum, out, {&a, &b}, [a = a.detach(), b = b.detach()](const Tensor& dy, GradSlots& g) {
        if (g.needs(0)) g.set(0, reduceToShape(pickGrad(dy, a, b, true), a.shape()));
        if (g.needs(1)) g.set(1, reduceToShape(pickGrad(dy, b, a, true), b.shape()));
    });
}

Tensor minimum(const Tensor& a, const Tensor& b) {
    Tensor out = binaryRaw(BinaryOp::Minimum, a, b, "minimum");
    return record(OpId::minimum, out, {&a, &b}, [a = a.detach(), b = b.detach()](const Tensor& dy, GradSlots& g) {
        if (g.needs(0)) g.set(0, reduceToShape(pickGrad(dy, a, b, false), a.shape()));
        if (g.needs(1)) g.set(1, reduceToShape(pickGrad(dy, b, a, false), b.shape()));
    });
}

Tensor gt(const Tensor& a, const Tensor& b) { return binaryRaw(BinaryOp::Gt, a, b, "gt"); }
Tensor lt(const Tensor& a, const Tensor& b) { return binaryRaw(BinaryOp::Lt, a, b, "lt"); }
Tensor ge(const Tensor& a, const Tensor& b) { return binaryRaw(BinaryOp::Ge, a, b, "ge"); }
Tensor le(const Tensor& a, const Tensor& b) { return binaryRaw(BinaryOp::Le, a, b, "le"); }
Tensor eq(const Tensor& a, const Tensor& b) { return binaryRaw(BinaryOp::Eq, a, b, "eq"); }
Tensor ne(const Tensor& a, const Tensor& b) { return binaryRaw(BinaryOp::Ne, a, b, "ne"); }

Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b) {
    Device dev = commonDevice("where", {&cond, &a, &b});
    Shape s = broadcastShapes(broadcastShapes(cond.shape(), a.shape(), "where"), b.shape(), "where");
    Tensor out = empty(s, dev);
    GL_DISPATCH(dev, where, broadcastView(cond, s), broadcastView(a, s), broadcastView(b, s), out);
    return record(OpId::where, out, {&cond, &a, &b},
                  [c = cond.detach(), as = a.shape(), bs = b.shape()](const Tensor& dy, GradSlots& g) {
                      Tensor zero = zerosLike(dy);
                      if (g.needs(1)) g.set(1, reduceToShape(where(c, dy, zero), as));
                      if (g.needs(2)) g.set(2, reduceToShape(where(c, zero, dy), bs));
                  });
}

// ---------------------------------------------------------------- unary math
Tensor neg(const Tensor& x) { return unaryOp(OpId::neg, UnaryOp::Neg, x); }
Tensor exp(const Tensor& x) { return unaryOp(OpId::exp, UnaryOp::Exp, x); }
Tensor log(const Tensor& x) { return unaryOp(OpId::log, UnaryOp::Log, x); }
Tensor sqrt(const Tensor& x) { return unaryOp(OpId::sqrt, UnaryOp::Sqrt, x); }
Tensor abs(const Tensor& x) { return unaryOp(OpId::abs, UnaryOp::Abs, x); }
Tensor square(const Tensor& x) { return pow(x, 2.0f); }
Tensor pow(const Tensor& x, float e) { return unaryOp(OpId::pow_scalar, UnaryOp::PowS, x, e); }

Tensor clamp(const Tensor& x, float lo, float hi) {
    GL_CHECK(!(lo > hi), "clamp: min (", lo, ") is greater than max (", hi, ")");
    return unaryOp(OpId::clamp, UnaryOp::Clamp, x, lo, hi);
}
Tensor clampMin(const Tensor& x, float lo) { return clamp(x, lo, std::numeric_limits<float>::infinity()); }
Tensor clampMax(const Tensor& x, float hi) { return clamp(x, -std::numeric_limits<float>::infinity(), hi); }

Tensor add(const Tensor& a, float b) { return unaryOp(OpId::add_scalar, UnaryOp::AddS, a, b); }
Tensor sub(const Tensor& a, float b) { return unaryOp(OpId::add_scalar, UnaryOp::AddS, a, -b); }
Tensor mul(const Tensor& a, float b) { return unaryOp(OpId::mul_scalar, UnaryOp::MulS, a, b); }
Tensor div(const Tensor& a, float b) { return unaryOp(OpId::div_scalar, UnaryOp::DivS, a, b); }
Tensor rsub(float a, const Tensor& b) { return unaryOp(OpId::rsub_scalar, UnaryOp::RSubS, b, a); }
Tensor rdiv(float a, const Tensor& b) { return unaryOp(OpId::rdiv_scalar, UnaryOp::RDivS, b, a); }

Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
Tensor operator-(const Tensor& a, const Tensor& b) { return sub(a, b); }
Tensor operator*(const Tensor& a, const Tensor& b) { return mul(a, b); }
Tensor operator/(const Tensor& a, const Tensor& b) { return div(a, b); }
Tensor operator-(const Tensor& x) { return neg(x); }
Tensor operator+(const Tensor& a, float b) { return add(a, b); }
Tensor operator-(const Tensor& a, float b) { return sub(a, b); }
Tensor operator*(const Tensor& a, float b) { return mul(a, b); }
Tensor operator/(const Tensor& a, float b) { return div(a, b); }
Tensor operator+(float a, const Tensor& b) { return add(b, a); }
Tensor operator-(float a, const Tensor& b) { return rsub(a, b); }
Tensor operator*(float a, const Tensor& b) { return mul(b, a); }
Tensor operator/(float a, const Tensor& b) { return rdiv(a, b); }

// ---------------------------------------------------------------- activations
Tensor sigmoid(const Tensor& x) { return unaryOp(OpId::sigmoid, UnaryOp::Sigmoid, x); }
Tensor tanh(const Tensor& x) { return unaryOp(OpId::tanh, UnaryOp::Tanh, x); }
Tensor relu(const Tensor& x) { return unaryOp(OpId::relu, UnaryOp::Relu, x); }
Tensor leakyRelu(const Tensor& x, float slope) { return unaryOp(OpId::leaky_relu, UnaryOp::LeakyRelu, x, slope); }
Tensor elu(const Tensor& x, float alpha) { return unaryOp(OpId::elu, UnaryOp::Elu, x, alpha); }
Tensor gelu(const Tensor& x, GeluApprox approximate) {
    return approximate == GeluApprox::Tanh ? unaryOp(OpId::gelu_tanh, UnaryOp::GeluTanh, x)
                                           : unaryOp(OpId::gelu, UnaryOp::Gelu, x);
}
Tensor softplus(const Tensor& x, float beta, float threshold) {
    GL_CHECK(beta != 0.0f && std::isfinite(beta), "softplus: beta must be finite and non-zero, got ", beta);
    return unaryOp(OpId::softplus, UnaryOp::Softplus, x, beta, threshold);
}
Tensor silu(const Tensor& x) { return unaryOp(OpId::silu, UnaryOp::Silu, x); }

Tensor dropout(const Tensor& x, float p, bool training, Generator& gen) {
    GL_CHECK(p >= 0.0f && p <= 1.0f, "dropout: probability must be in [0, 1], got ", p);
    if (!training || p == 0.0f) return x;
    std::vector<float> m(static_cast<std::size_t>(x.numel()));
    const float keep = 1.0f - p, scale = p == 1.0f ? 0.0f : 1.0f / keep;
    for (float& v : m) v = gen.uniform() < keep ? scale : 0.0f;
    Tensor mask = fromData(m, x.shape(), x.device());
    Tensor out = binaryRaw(BinaryOp::Mul, x, mask, "dropout");
    return record(OpId::dropout, out, {&x}, [mask](const Tensor& dy, GradSlots& g) { g.set(0, mul(dy, mask)); });
}

}  // namespace gradlab
