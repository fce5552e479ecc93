// Tensor handles: layout queries, creation, host access, in-place fill/copy and printing.
// Differentiable transformations live in engine/ops; the members here forward to them.
#include "engine/tensor/tensor.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <string>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/backend.h"
#include "engine/ops/ops.h"
#include "engine/tensor/pool.h"

namespace gradlab {
namespace {

const TensorImpl& need(const std::shared_ptr<TensorImpl>& impl) {
    GL_CHECK(impl != nullptr, "operation on an undefined tensor");
    return *impl;
}

Tensor makeTensor(const Shape& shape, Device device) {
    for (int64_t d : shape) GL_CHECK(d >= 0, "tensor sizes must be non-negative, got ", shapeStr(shape));
    auto impl = detail::makePooled<TensorImpl>();
    impl->storage = detail::makePooled<Storage>(numelOf(shape), device);
    impl->shape = shape;
    impl->strides = contiguousStrides(shape);
    return Tensor(std::move(impl));
}

}  // namespace

// ---------------------------------------------------------------- layout
void Tensor::throwUndefined() { GL_FAIL("operation on an undefined tensor"); }

int64_t Tensor::size(int64_t d) const {
    GL_CHECK(dim() > 0, "size(", d, "): the tensor is a scalar (it has no dimensions)");
    return shape()[std::size_t(wrapDim(d, dim(), "size"))];
}

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
    auto impl = detail::makePooled<TensorImpl>();
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
    // Source and destination in the same memory (x.copy_(x.t())): read from a copy, or the
    // elements written first would be read back as source.
    if (s.storage() == storage() && !(s.offset() == offset() && s.strides() == strides() && s.shape() == shape()))
        s = s.clone();
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

// arange and linspace reproduce PyTorch 1.13's CPU kernels bit for bit: a scalar formula, except
// that blocks of 16 elements are made as two 8-lane vectors whose lanes step from a base value
// (Vectorized<float>::arange), and the formulas' a * b + c is one fused multiply-add.
namespace {
constexpr int64_t kLanes = 8, kBlock = 2 * kLanes;

template <class Scalar, class Lane>
std::vector<float> torchRange(int64_t n, Scalar&& scalarAt, Lane&& laneAt) {
    std::vector<float> v(static_cast<std::size_t>(n));
    int64_t i = 0;
    for (; i + kBlock <= n; i += kBlock)
        for (int64_t b = i; b < i + kBlock; b += kLanes) {
            const float base = scalarAt(b);
            for (int64_t j = 0; j < kLanes; ++j) v[std::size_t(b + j)] = laneAt(base, j);
        }
    for (; i < n; ++i) v[std::size_t(i)] = scalarAt(i);
    return v;
}
}  // namespace

Tensor arange(double start, double end, double step, Device device) {
    GL_CHECK(step != 0 && std::isfinite(start) && std::isfinite(end) && std::isfinite(step),
             "arange: start, end and step must be finite and step non-zero");
    GL_CHECK((end - start) / step >= 0, "arange: the range [", start, ", ", end, ") cannot be walked with step ", step);
    const int64_t n = int64_t(std::ceil((end - start) / step));
    // In double (PyTorch's accumulate type for float); lanes add j * step to a float base.
    std::vector<float> v = torchRange(
        n, [&](int64_t i) { return float(std::fma(step, double(i), start)); },
        [&](float base, int64_t j) { return float(double(base) + double(j) * step); });
    return fromData(v, Shape{n}, device);
}
Tensor arange(double end, Device device) { return arange(0.0, end, 1.0, device); }

Tensor linspace(double start, double end, int64_t steps, Device device) {
    GL_CHECK(steps >= 0, "linspace: steps must be non-negative, got ", steps);
    // In float: the first half counts up from start, the second half down from end (symmetric).
    const float s = float(start), e = float(end);
    const float step = steps > 1 ? (e - s) / float(steps - 1) : 0.0f;
    const int64_t half = steps / 2;
    std::vector<float> v = torchRange(
        steps,
        [&](int64_t i) {
            return steps == 1 ? s : i < half ? std::fma(step, float(i), s) : std::fma(-step, float(steps - i - 1), e);
        },
        [&](float base, int64_t j) { return base + float(j) * step; });
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
    auto impl = detail::makePooled<TensorImpl>();
    impl->storage = base.storage();
    impl->shape = shape;
    impl->strides = strides;
    impl->offset = offset;
    return Tensor(std::move(impl));
}

// ---------------------------------------------------------------- printing
// PyTorch's torch/_tensor_str.py with its default print options (precision 4, threshold 1000,
// edgeitems 3, linewidth 80): one format for all elements, chosen from the finite non-zero ones.
namespace {

constexpr int kPrecision = 4, kThreshold = 1000, kEdgeItems = 3, kLineWidth = 80;

std::string printfStr(const char* fmt, int a, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, a, v);
    return buf;
}

class Formatter {
public:
    explicit Formatter(const std::vector<float>& values) {
        std::vector<double> nz;
        for (float v : values)
            if (std::isfinite(v) && v != 0.0f) nz.push_back(std::fabs(double(v)));
        if (nz.empty()) return;
        const double lo = *std::min_element(nz.begin(), nz.end()), hi = *std::max_element(nz.begin(), nz.end());
        for (float v : values)
            if (std::isfinite(v) && v != 0.0f && double(v) != std::ceil(double(v))) m_intMode = false;
        m_sciMode = hi / lo > 1000.0 || hi > 1e8 || (!m_intMode && lo < 1e-4);
        for (float v : values) {
            if (!std::isfinite(v) || v == 0.0f) continue;
            std::size_t w = m_sciMode ? printfStr("%.*e", kPrecision, v).size()
                          : m_intMode ? printfStr("%.*f", 0, v).size() + 1
                                      : printfStr("%.*f", kPrecision, v).size();
            m_width = std::max(m_width, w);
        }
    }
    std::size_t width() const { return m_width; }
    std::string format(float v) const {
        std::string r;
        if (std::isnan(v)) r = "nan";  // printf would say "-nan" for a negative NaN
        else if (std::isinf(v)) r = v > 0 ? "inf" : "-inf";
        else if (m_sciMode) r = printfStr("%.*e", kPrecision, v);
        else if (m_intMode) r = printfStr("%.*f", 0, v) + ".";
        else r = printfStr("%.*f", kPrecision, v);
        return r.size() < m_width ? std::string(m_width - r.size(), ' ') + r : r;
    }

private:
    bool m_intMode = true, m_sciMode = false;
    std::size_t m_width = 1;
};

// Row-major values of a host copy, indexed by position.
struct HostView {
    const std::vector<float>& v;
    const Shape& shape;
    Strides strides;  // contiguous strides of `shape`
};

// The elements PyTorch looks at when it summarises: edgeitems at each end of every dimension.
void summarised(const HostView& h, std::size_t dim, int64_t base, bool summarize, std::vector<float>& out) {
    if (dim == h.shape.size()) {
        out.push_back(h.v[std::size_t(base)]);
        return;
    }
    const int64_t n = h.shape[dim];
    for (int64_t i = 0; i < n; ++i) {
        if (summarize && n > 2 * kEdgeItems && i == kEdgeItems) i = n - kEdgeItems;
        summarised(h, dim + 1, base + i * h.strides[dim], summarize, out);
    }
}

std::string tensorStr(const HostView& h, std::size_t dim, int64_t base, int indent, bool summarize, const Formatter& f) {
    const std::size_t rank = h.shape.size();
    if (dim == rank) return f.format(h.v[std::size_t(base)]);
    const int64_t n = h.shape[dim];
    const bool cut = summarize && n > 2 * kEdgeItems;
    std::vector<std::string> parts;
    for (int64_t i = 0; i < n; ++i) {
        if (cut && i == kEdgeItems) {
            parts.push_back(dim + 1 == rank ? " ..." : "...");
            i = n - kEdgeItems;
        }
        parts.push_back(tensorStr(h, dim + 1, base + i * h.strides[dim], indent + 1, summarize, f));
    }
    std::string r = "[";
    if (dim + 1 == rank) {  // a vector: as many elements per line as fit
        const std::size_t perLine =
            std::max<std::size_t>(1, std::size_t(std::max(0, kLineWidth - indent)) / (f.width() + 2));
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (i) r += i % perLine == 0 ? ",\n" + std::string(std::size_t(indent + 1), ' ') : ", ";
            r += parts[i];
        }
    } else {
        const std::string sep = "," + std::string(rank - dim - 1, '\n') + std::string(std::size_t(indent + 1), ' ');
        for (std::size_t i = 0; i < parts.size(); ++i) r += (i ? sep : "") + parts[i];
    }
    return r + "]";
}

// "leaky_relu" -> "LeakyReluBackward"
std::string gradFnName(OpId op) {
    std::string r;
    bool up = true;
    for (char c : opName(op)) {
        if (c == '_') {
            up = true;
            continue;
        }
        r += up ? char(std::toupper(static_cast<unsigned char>(c))) : c;
        up = false;
    }
    return r + "Backward";
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const Tensor& t) {
    if (!t.defined()) return os << "tensor(undefined)";
    const std::string prefix = "tensor(";
    const int indent = int(prefix.size());
    std::vector<std::string> suffixes;
    std::string body;
    if (t.numel() == 0) {
        body = "[]";
        if (t.dim() != 1) suffixes.push_back("size=" + shapeStr(t.shape()));
    } else {
        std::vector<float> v = t.toVector();
        HostView h{v, t.shape(), contiguousStrides(t.shape())};
        const bool summarize = t.numel() > kThreshold;
        std::vector<float> looked;
        summarised(h, 0, 0, summarize, looked);
        body = tensorStr(h, 0, 0, indent, summarize, Formatter(looked));
    }
    if (t.device() == Device::CUDA) suffixes.push_back("device='cuda:0'");
    if (t.gradFn()) suffixes.push_back("grad_fn=<" + gradFnName(t.gradFn()->op) + ">");
    else if (t.requiresGrad()) suffixes.push_back("requires_grad=True");

    std::string r = prefix + body;
    // PyTorch's _add_suffixes: a suffix goes on a new line when the last line would pass 80 columns.
    // (its length arithmetic included: rfind's -1 when there is no newline counts too)
    const std::size_t nl = r.rfind('\n');
    std::size_t lastLine = r.size() + 1 - (nl == std::string::npos ? std::size_t(0) - 1 : nl);
    for (const std::string& s : suffixes) {
        if (lastLine + s.size() + 2 > std::size_t(kLineWidth)) {
            r += ",\n" + std::string(std::size_t(indent), ' ') + s;
            lastLine = std::size_t(indent) + s.size();
        } else {
            r += ", " + s;
            lastLine += s.size() + 2;
        }
    }
    return os << r << ')';
}

}  // namespace gradlab
