// Tensor handles: layout queries, creation, host access, in-place fill/copy and printing.
// Differentiable transformations live in engine/ops; the members here forward to them.
#include "engine/tensor/tensor.h"

#include <cmath>
#include <cstring>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/backend.h"
#include "engine/ops/ops.h"

namespace gradlab {
namespace {

const TensorImpl& need(const std::shared_ptr<TensorImpl>& impl) {
    GL_CHECK(impl != nullptr, "operation on an undefined tensor");
    return *impl;
}

Tensor makeTensor(const Shape& shape, Device device) {
    for (int64_t d : shape) GL_CHECK(d >= 0, "tensor sizes must be non-negative, got ", shapeStr(shape));
    auto impl = std::make_shared<TensorImpl>();
    impl->storage = std::make_shared<Storage>(numelOf(shape), device);
    impl->shape = shape;
    impl->strides = contiguousStrides(shape);
    return Tensor(std::move(impl));
}

}  // namespace

// ---------------------------------------------------------------- layout
const Shape& Tensor::shape() const { return need(m_impl).shape; }
const Strides& Tensor::strides() const { return need(m_impl).strides; }
int64_t Tensor::offset() const { return need(m_impl).offset; }
int64_t Tensor::size(int64_t d) const { return shape()[std::size_t(wrapDim(d, dim(), "size"))]; }
int64_t Tensor::numel() const { return numelOf(shape()); }
Device Tensor::device() const { return need(m_impl).storage->device(); }
const std::shared_ptr<Storage>& Tensor::storage() const { return need(m_impl).storage; }
float* Tensor::data() const { return need(m_impl).storage->data() + m_impl->offset; }

bool Tensor::isContiguous() const {
    const TensorImpl& t = need(m_impl);
    int64_t expected = 1;
    for (std::size_t i = t.shape.size(); i-- > 0;) {
        if (t.shape[i] == 1) continue;
        if (t.strides[i] != expected) return false;
        expected *= t.shape[i];
    }
    return true;
}

std::vector<float> Tensor::toVector() const {
    Tensor c = detach().contiguous();
    std::vector<float> v(static_cast<std::size_t>(c.numel()));
    if (!v.empty()) GL_DISPATCH(c.device(), toHost, c.data(), v.data(), c.numel());
    return v;
}

float Tensor::item() const {
    GL_CHECK(numel() == 1, "item(): the tensor has ", numel(), " elements, expected exactly one");
    float v = 0;
    GL_DISPATCH(device(), toHost, data(), &v, 1);
    return v;
}

float Tensor::at(std::initializer_list<int64_t> index) const {
    GL_CHECK(int64_t(index.size()) == dim(), "at(): ", index.size(), " indices for a tensor of rank ", dim());
    int64_t off = 0, i = 0;
    for (int64_t idx : index) {
        int64_t n = shape()[std::size_t(i)];
        GL_CHECK(idx >= -n && idx < n, "at(): index ", idx, " out of range for dimension ", i, " of size ", n);
        off += (idx < 0 ? idx + n : idx) * strides()[std::size_t(i)];
        ++i;
    }
    float v = 0;
    GL_DISPATCH(device(), toHost, data() + off, &v, 1);
    return v;
}

// ---------------------------------------------------------------- autograd
bool Tensor::requiresGrad() const { return need(m_impl).requiresGrad; }
bool Tensor::isLeaf() const { return need(m_impl).gradFn == nullptr; }
const std::shared_ptr<Node>& Tensor::gradFn() const { return need(m_impl).gradFn; }

Tensor& Tensor::setRequiresGrad(bool on) {
    need(m_impl);
    GL_CHECK(isLeaf() || on, "requires_grad can only be switched off on a leaf tensor; use detach()");
    m_impl->requiresGrad = on;
    return *this;
}

Tensor Tensor::grad() const { return Tensor(need(m_impl).grad); }

void Tensor::setGrad(const Tensor& g) {
    need(m_impl);
    if (g.defined())
        GL_CHECK(g.shape() == shape(), "setGrad: gradient of shape ", shapeStr(g.shape()),
                 " for a tensor of shape ", shapeStr(shape()));
    m_impl->grad = g.implPtr();
}

void Tensor::zeroGrad() {
    need(m_impl);
    m_impl->grad.reset();
}

void Tensor::retainGrad() {
    need(m_impl);
    GL_CHECK(m_impl->requiresGrad, "retainGrad() on a tensor that does not require grad");
    m_impl->retainsGrad = true;
}

void Tensor::backward(bool retainGraph) const { runBackward(*this, Tensor(), retainGraph); }
void Tensor::backward(const Tensor& gradient, bool retainGraph) const { runBackward(*this, gradient, retainGraph); }

Tensor Tensor::detach() const {
    const TensorImpl& t = need(m_impl);
    auto impl = std::make_shared<TensorImpl>();
    impl->storage = t.storage;
    impl->shape = t.shape;
    impl->strides = t.strides;
    impl->offset = t.offset;
    return Tensor(std::move(impl));
}

// ---------------------------------------------------------------- forwarding to ops
Tensor Tensor::contiguous() const { return isContiguous() ? *this : gradlab::clone(*this); }
Tensor Tensor::clone() const { return gradlab::clone(*this); }
Tensor Tensor::to(Device d) const { return gradlab::toDevice(*this, d); }
Tensor Tensor::reshape(const Shape& s) const { return gradlab::reshape(*this, s); }
Tensor Tensor::view(const Shape& s) const { return gradlab::view(*this, s); }
Tensor Tensor::flatten(int64_t s, int64_t e) const { return gradlab::flatten(*this, s, e); }
Tensor Tensor::transpose(int64_t a, int64_t b) const { return gradlab::transpose(*this, a, b); }
Tensor Tensor::t() const {
    GL_CHECK(dim() <= 2, "t() expects a tensor of rank <= 2, got rank ", dim());
    return dim() < 2 ? *this : gradlab::transpose(*this, 0, 1);
}
Tensor Tensor::permute(const Shape& d) const { return gradlab::permute(*this, d); }
Tensor Tensor::narrow(int64_t d, int64_t s, int64_t l) const { return gradlab::narrow(*this, d, s, l); }
Tensor Tensor::slice(int64_t d, int64_t s, int64_t e, int64_t st) const { return gradlab::slice(*this, d, s, e, st); }
Tensor Tensor::select(int64_t d, int64_t i) const { return gradlab::select(*this, d, i); }
Tensor Tensor::unsqueeze(int64_t d) const { return gradlab::unsqueeze(*this, d); }
Tensor Tensor::squeeze(int64_t d) const { return gradlab::squeeze(*this, d); }
Tensor Tensor::squeeze() const { return gradlab::squeeze(*this); }
Tensor Tensor::expand(const Shape& s) const { return gradlab::expand(*this, s); }

// ---------------------------------------------------------------- in place
Tensor& Tensor::fill_(float value) {
    GL_DISPATCH(device(), fill, *this, value);
    return *this;
}

Tensor& Tensor::copy_(const Tensor& src) {
    GL_CHECK(src.numel() == numel(), "copy_: source has ", src.numel(), " elements, destination ", numel());
    NoGradGuard guard;
    Tensor s = src.device() == device() ? src.detach() : src.detach().to(device());
    if (s.shape() != shape()) s = s.contiguous().view(shape());
    GL_DISPATCH(device(), copy, s, *this);
    return *this;
}

// ---------------------------------------------------------------- creation
Tensor empty(const Shape& shape, Device device) { return makeTensor(shape, device); }
Tensor full(const Shape& shape, float value, Device device) { return makeTensor(shape, device).fill_(value); }
Tensor zeros(const Shape& shape, Device device) { return full(shape, 0.0f, device); }
Tensor ones(const Shape& shape, Device device) { return full(shape, 1.0f, device); }
Tensor zerosLike(const Tensor& t) { return zeros(t.shape(), t.device()); }
Tensor onesLike(const Tensor& t) { return ones(t.shape(), t.device()); }
Tensor fullLike(const Tensor& t, float value) { return full(t.shape(), value, t.device()); }
Tensor scalarTensor(float value, Device device) { return full(Shape{}, value, device); }

Tensor fromData(std::span<const float> values, const Shape& shape, Device device) {
    GL_CHECK(int64_t(values.size()) == numelOf(shape), "fromData: ", values.size(),
             " values do not fill a tensor of shape ", shapeStr(shape));
    Tensor t = makeTensor(shape, device);
    if (!values.empty()) GL_DISPATCH(device, fromHost, values.data(), t.data(), t.numel());
    return t;
}
Tensor fromData(std::initializer_list<float> values, const Shape& shape, Device device) {
    return fromData(std::span<const float>(values.begin(), values.size()), shape, device);
}
Tensor fromData(std::initializer_list<float> values) {
    return fromData(values, Shape{int64_t(values.size())});
}

Tensor arange(double start, double end, double step, Device device) {
    GL_CHECK(step != 0 && std::isfinite(start) && std::isfinite(end) && std::isfinite(step),
             "arange: start, end and step must be finite and step non-zero");
    GL_CHECK((end - start) / step >= 0, "arange: the range [", start, ", ", end, ") cannot be walked with step ", step);
    int64_t n = int64_t(std::ceil((end - start) / step));
    std::vector<float> v(static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i) v[std::size_t(i)] = float(start + double(i) * step);
    return fromData(v, Shape{n}, device);
}
Tensor arange(double end, Device device) { return arange(0.0, end, 1.0, device); }

Tensor linspace(double start, double end, int64_t steps, Device device) {
    GL_CHECK(steps >= 0, "linspace: steps must be non-negative, got ", steps);
    std::vector<float> v(static_cast<std::size_t>(steps));
    // Like PyTorch: the first half counts up from start, the second half down from end.
    double step = steps > 1 ? (end - start) / double(steps - 1) : 0.0;
    int64_t half = steps / 2;
    for (int64_t i = 0; i < steps; ++i)
        v[std::size_t(i)] = i < half ? float(start + step * double(i)) : float(end - step * double(steps - 1 - i));
    return fromData(v, Shape{steps}, device);
}

Tensor rand(const Shape& shape, Generator& gen, Device device) {
    std::vector<float> v(static_cast<std::size_t>(numelOf(shape)));
    for (float& x : v) x = gen.uniform();
    return fromData(v, shape, device);
}

Tensor randn(const Shape& shape, Generator& gen, Device device) {
    std::vector<float> v(static_cast<std::size_t>(numelOf(shape)));
    for (float& x : v) x = gen.normal();
    return fromData(v, shape, device);
}

Tensor makeView(const Tensor& base, const Shape& shape, const Strides& strides, int64_t offset) {
    auto impl = std::make_shared<TensorImpl>();
    impl->storage = base.storage();
    impl->shape = shape;
    impl->strides = strides;
    impl->offset = offset;
    return Tensor(std::move(impl));
}

// ---------------------------------------------------------------- printing
namespace {

void printRec(std::ostream& os, const std::vector<float>& v, const Shape& shape, std::size_t dim, int64_t& pos,
              int indent) {
    if (dim == shape.size()) {
        float x = v[std::size_t(pos++)];
        std::ostringstream s;
        if (std::isnan(x)) s << "nan";
        else if (std::isinf(x)) s << (x > 0 ? "inf" : "-inf");
        else s << std::fixed << std::setprecision(4) << x;
        os << s.str();
        return;
    }
    os << '[';
    for (int64_t i = 0; i < shape[dim]; ++i) {
        if (i) {
            os << ',';
            if (dim + 1 < shape.size()) os << '\n' << std::string(std::size_t(indent + 1), ' ');
            else os << ' ';
        }
        printRec(os, v, shape, dim + 1, pos, indent + 1);
    }
    os << ']';
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const Tensor& t) {
    if (!t.defined()) return os << "tensor(undefined)";
    std::vector<float> v = t.toVector();
    int64_t pos = 0;
    os << "tensor(";
    printRec(os, v, t.shape(), 0, pos, 7);
    if (t.device() == Device::CUDA) os << ", device='cuda'";
    if (t.requiresGrad()) os << (t.isLeaf() ? ", requires_grad=True" : ", grad_fn=" + std::string(opName(t.gradFn()->op)));
    return os << ')';
}

}  // namespace gradlab
