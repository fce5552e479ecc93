// Shape ops: views that share storage (reshape, transpose, permute, expand, slice, select...),
// concat/stack, clone and device transfer, each with its backward.
#include <optional>

#include "engine/ops/op_utils.h"

namespace gradlab {
namespace {

// Replaces one -1 by the size that keeps numel; checks the total.
Shape inferShape(const Shape& shape, int64_t numel, const char* op, const Shape& from) {
    Shape out = shape;
    int64_t known = 1, infer = -1;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == -1) {
            GL_CHECK(infer < 0, op, ": only one dimension can be -1, got ", shapeStr(shape));
            infer = int64_t(i);
        } else {
            GL_CHECK(out[i] >= 0, op, ": invalid size ", out[i], " in ", shapeStr(shape));
            known *= out[i];
        }
    }
    if (infer >= 0) {
        GL_CHECK(known != 0 && numel % known == 0, op, ": shape ", shapeStr(shape), " is invalid for input of shape ",
                 shapeStr(from));
        out[std::size_t(infer)] = numel / known;
    }
    GL_CHECK(numelOf(out) == numel, op, ": shape ", shapeStr(shape), " is invalid for input of shape ", shapeStr(from),
             " (", numel, " elements)");
    return out;
}

// Strides that let `newShape` view memory laid out as (oldShape, oldStrides), if any exist
// (the algorithm of PyTorch's computeStride).
std::optional<Strides> viewStrides(const Shape& oldShape, const Strides& oldStrides, const Shape& newShape) {
    if (oldShape.empty()) return Strides(newShape.size(), 1);
    if (numelOf(oldShape) == 0) return contiguousStrides(newShape);
    Strides ns(newShape.size());
    int64_t viewD = int64_t(newShape.size()) - 1;
    int64_t chunkBase = oldStrides.back();
    int64_t tensorNumel = 1, viewNumel = 1;
    for (int64_t td = int64_t(oldShape.size()) - 1; td >= 0; --td) {
        tensorNumel *= oldShape[std::size_t(td)];
        if (td == 0 || (oldShape[std::size_t(td - 1)] != 1 &&
                        oldStrides[std::size_t(td - 1)] != tensorNumel * chunkBase)) {
            while (viewD >= 0 && (viewNumel < tensorNumel || newShape[std::size_t(viewD)] == 1)) {
                ns[std::size_t(viewD)] = viewNumel * chunkBase;
                viewNumel *= newShape[std::size_t(viewD)];
                --viewD;
            }
            if (viewNumel != tensorNumel) return std::nullopt;
            if (td > 0) {
                chunkBase = oldStrides[std::size_t(td - 1)];
                tensorNumel = 1;
                viewNumel = 1;
            }
        }
    }
    if (viewD != -1) return std::nullopt;
    return ns;
}

Tensor reshapeImpl(const Tensor& x, const Shape& shapeIn, bool mustView, const char* op) {
    detail::commonDevice(op, {&x});
    Shape shape = inferShape(shapeIn, x.numel(), op, x.shape());
    Tensor out;
    if (auto st = viewStrides(x.shape(), x.strides(), shape)) {
        out = makeView(x, shape, *st, x.offset());
    } else {
        GL_CHECK(!mustView, op, ": the tensor of shape ", shapeStr(x.shape()),
                 " is not contiguous enough to be viewed as ", shapeStr(shape), "; use reshape()");
        Tensor c = detail::contig(x);
        out = makeView(c, shape, contiguousStrides(shape), c.offset());
    }
    return record(OpId::reshape, out, {&x}, [in = x.shape()](const Tensor& dy, GradSlots& g) { g.set(0, reshape(dy, in)); });
}

}  // namespace

Tensor reshape(const Tensor& x, const Shape& shape) { return reshapeImpl(x, shape, false, "reshape"); }
Tensor view(const Tensor& x, const Shape& shape) { return reshapeImpl(x, shape, true, "view"); }

Tensor flatten(const Tensor& x, int64_t startDim, int64_t endDim) {
    if (x.dim() == 0) return reshape(x, {1});
    int64_t s = wrapDim(startDim, x.dim(), "flatten"), e = wrapDim(endDim, x.dim(), "flatten");
    GL_CHECK(s <= e, "flatten: start_dim (", startDim, ") comes after end_dim (", endDim, ")");
    Shape shape;
    int64_t merged = 1;
    for (int64_t d = 0; d < x.dim(); ++d) {
        if (d < s || d > e) shape.push_back(x.size(d));
        else {
            merged *= x.size(d);
            if (d == e) shape.push_back(merged);
        }
    }
    return reshape(x, shape);
}

Tensor unsqueeze(const Tensor& x, int64_t dim) {
    int64_t d = wrapDim(dim, x.dim() + 1, "unsqueeze");
    Shape s = x.shape();
    s.insert(std::size_t(d), 1);
    return reshape(x, s);
}

Tensor squeeze(const Tensor& x, int64_t dim) {
    if (x.dim() == 0) return x;
    int64_t d = wrapDim(dim, x.dim(), "squeeze");
    if (x.size(d) != 1) return x;
    Shape s = x.shape();
    s.erase(std::size_t(d));
    return reshape(x, s);
}

Tensor squeeze(const Tensor& x) {
    Shape s;
    for (int64_t v : x.shape())
        if (v != 1) s.push_back(v);
    return s.size() == x.shape().size() ? x : reshape(x, s);
}

Tensor transpose(const Tensor& x, int64_t d0, int64_t d1) {
    detail::commonDevice("transpose", {&x});
    if (x.dim() == 0) return x;
    int64_t a = wrapDim(d0, x.dim(), "transpose"), b = wrapDim(d1, x.dim(), "transpose");
    Shape s = x.shape();
    Strides st = x.strides();
    std::swap(s[std::size_t(a)], s[std::size_t(b)]);
    std::swap(st[std::size_t(a)], st[std::size_t(b)]);
    Tensor out = makeView(x, s, st, x.offset());
    return record(OpId::transpose, out, {&x}, [a, b](const Tensor& dy, GradSlots& g) { g.set(0, transpose(dy, a, b)); });
}

Tensor permute(const Tensor& x, const Shape& dims) {
    detail::commonDevice("permute", {&x});
    GL_CHECK(int64_t(dims.size()) == x.dim(), "permute: ", dims.size(), " dimensions given for a tensor of rank ", x.dim());
    Shape s, inv(dims.size(), -1);
    Strides st;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        int64_t d = wrapDim(dims[i], x.dim(), "permute");
        GL_CHECK(inv[std::size_t(d)] < 0, "permute: dimension ", d, " repeated in ", shapeStr(dims));
        inv[std::size_t(d)] = int64_t(i);
        s.push_back(x.size(d));
        st.push_back(x.strides()[std::size_t(d)]);
    }
    Tensor out = makeView(x, s, st, x.offset());
    return record(OpId::permute, out, {&x}, [inv](const Tensor& dy, GradSlots& g) { g.set(0, permute(dy, inv)); });
}

Tensor expand(const Tensor& x, const Shape& shapeIn) {
    detail::commonDevice("expand", {&x});
    GL_CHECK(shapeIn.size() >= x.shape().size(), "expand: the target ", shapeStr(shapeIn), " has fewer dimensions than ",
             shapeStr(x.shape()));
    const std::size_t lead = shapeIn.size() - x.shape().size();
    Shape s(shapeIn.size());
    Strides st(shapeIn.size(), 0);
    for (std::size_t i = 0; i < shapeIn.size(); ++i) {
        if (i < lead) {
            GL_CHECK(shapeIn[i] >= 0, "expand: size -1 is not allowed in a new leading dimension");
            s[i] = shapeIn[i];
            continue;
        }
        int64_t have = x.shape()[i - lead], want = shapeIn[i] == -1 ? have : shapeIn[i];
        GL_CHECK(have == want || have == 1, "expand: cannot expand ", shapeStr(x.shape()), " to ", shapeStr(shapeIn),
                 " (dimension ", i, ": ", have, " -> ", want, ")");
        s[i] = want;
        st[i] = have == want ? x.strides()[i - lead] : 0;
    }
    if (s == x.shape()) return x;
    Tensor out = makeView(x, s, st, x.offset());
    return record(OpId::expand, out, {&x}, [in = x.shape()](const Tensor& dy, GradSlots& g) { g.set(0, reduceToShape(dy, in)); });
}

Tensor slice(const Tensor& x, int64_t dim, int64_t start, int64_t end, int64_t step) {
    detail::commonDevice("slice", {&x});
    GL_CHECK(x.dim() > 0, "slice: cannot slice a scalar");
    GL_CHECK(step > 0, "slice: step must be positive, got ", step);
    int64_t d = wrapDim(dim, x.dim(), "slice");
    const int64_t n = x.size(d);
    auto clampIdx = [n](int64_t i) { return i < 0 ? std::max<int64_t>(i + n, 0) : std::min(i, n); };
    int64_t b = clampIdx(start), e = std::max(clampIdx(end), b);
    Shape s = x.shape();
    Strides st = x.strides();
    s[std::size_t(d)] = (e - b + step - 1) / step;
    int64_t off = x.offset() + b * st[std::size_t(d)];
    st[std::size_t(d)] *= step;
    Tensor out = makeView(x, s, st, off);
    return record(OpId::slice, out, {&x}, [in = x.shape(), d, b, step](const Tensor& dy, GradSlots& g) {
        Strides cs = contiguousStrides(in);
        const int64_t at = b * cs[std::size_t(d)];
        cs[std::size_t(d)] *= step;
        g.setRegion(0, dy, GradRegion{dy.shape(), std::move(cs), at});
    });
}

Tensor narrow(const Tensor& x, int64_t dim, int64_t start, int64_t length) {
    GL_CHECK(x.dim() > 0, "narrow: cannot narrow a scalar");
    int64_t d = wrapDim(dim, x.dim(), "narrow");
    const int64_t n = x.size(d);
    int64_t s = start < 0 ? start + n : start;
    GL_CHECK(s >= 0 && length >= 0 && s + length <= n, "narrow: start ", start, " and length ", length,
             " go beyond dimension ", d, " of size ", n);
    return slice(x, d, s, s + length, 1);
}

Tensor select(const Tensor& x, int64_t dim, int64_t index) {
    GL_CHECK(x.dim() > 0, "select: cannot index a scalar");
    int64_t d = wrapDim(dim, x.dim(), "select");
    const int64_t n = x.size(d);
    GL_CHECK(index >= -n && index < n, "select: index ", index, " is out of range for dimension ", d, " of size ", n);
    int64_t i = index < 0 ? index + n : index;
    Shape s = x.shape();
    Strides st = x.strides();
    int64_t off = x.offset() + i * st[std::size_t(d)];
    s.erase(std::size_t(d));
    st.erase(std::size_t(d));
    Tensor out = makeView(x, s, st, off);
    return record(OpId::select, out, {&x}, [in = x.shape(), d, i](const Tensor& dy, GradSlots& g) {
        Strides cs = contiguousStrides(in);
        const int64_t at = i * cs[std::size_t(d)];
        cs.erase(std::size_t(d));
        g.setRegion(0, dy, GradRegion{dy.shape(), std::move(cs), at});
    });
}

Tensor concat(std::span<const Tensor> xs, int64_t dim) {
    GL_CHECK(!xs.empty(), "concat: needs at least one tensor");
    const Tensor& f = xs[0];
    GL_CHECK(f.defined() && f.dim() > 0, "concat: cannot concatenate scalars; unsqueeze them or use stack");
    int64_t d = wrapDim(dim, f.dim(), "concat");
    int64_t total = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const Tensor& t = xs[i];
        GL_CHECK(t.defined(), "concat: tensor ", i, " is undefined");
        GL_CHECK(t.device() == f.device(), "concat: tensor ", i, " is on ", deviceName(t.device()), ", tensor 0 on ",
                 deviceName(f.device()));
        GL_CHECK(t.dim() == f.dim(), "concat: tensor ", i, " has rank ", t.dim(), ", tensor 0 has rank ", f.dim());
        for (int64_t k = 0; k < f.dim(); ++k)
            GL_CHECK(k == d || t.size(k) == f.size(k), "concat: tensor ", i, " has shape ", shapeStr(t.shape()),
                     ", which does not match ", shapeStr(f.shape()), " outside dimension ", d);
        total += t.size(d);
    }
    Shape s = f.shape();
    s[std::size_t(d)] = total;
    Tensor out = empty(s, f.device());
    std::vector<int64_t> offsets;
    int64_t at = 0;
    {
        NoGradGuard ng;
        for (const Tensor& t : xs) {
            offsets.push_back(at);
            Tensor region = narrow(out, d, at, t.size(d));
            if (t.numel() > 0) GL_DISPATCH(f.device(), copy, t.detach(), region);
            at += t.size(d);
        }
    }
    std::vector<int64_t> lens;
    for (const Tensor& t : xs) lens.push_back(t.size(d));
    return recordN(OpId::concat, out, xs, [d, offsets, lens](const Tensor& dy, GradSlots& g) {
        for (std::size_t i = 0; i < offsets.size(); ++i)
            if (g.needs(i)) g.set(i, narrow(dy, d, offsets[i], lens[i]));
    });
}

Tensor stack(std::span<const Tensor> xs, int64_t dim) {
    GL_CHECK(!xs.empty(), "stack: needs at least one tensor");
    int64_t d = wrapDim(dim, xs[0].dim() + 1, "stack");
    for (std::size_t i = 1; i < xs.size(); ++i)
        GL_CHECK(xs[i].shape() == xs[0].shape(), "stack: tensor ", i, " has shape ", shapeStr(xs[i].shape()),
                 ", tensor 0 has ", shapeStr(xs[0].shape()));
    std::vector<Tensor> us;
    us.reserve(xs.size());
    for (const Tensor& t : xs) us.push_back(unsqueeze(t, d));
    return concat(us, d);
}

Tensor clone(const Tensor& x) {
    detail::commonDevice("clone", {&x});
    Tensor out = empty(x.shape(), x.device());
    if (x.numel() > 0) GL_DISPATCH(x.device(), copy, x.detach(), out);
    return record(OpId::copy, out, {&x}, [](const Tensor& dy, GradSlots& g) { g.set(0, dy); });
}

Tensor toDevice(const Tensor& x, Device device) {
    detail::commonDevice("to", {&x});
    if (x.device() == device) return x;
    GL_CHECK(device != Device::CUDA || cudaAvailable(), "to(cuda): ", cudaStatus());
    Tensor src = detail::contig(x);
    Tensor out = empty(x.shape(), device);
    if (x.numel() > 0) {
        if (device == Device::CPU) GL_DISPATCH(Device::CUDA, toHost, src.data(), out.data(), x.numel());
        else GL_DISPATCH(Device::CUDA, fromHost, src.data(), out.data(), x.numel());
    }
    return record(OpId::to_device, out, {&x}, [from = x.device()](const Tensor& dy, GradSlots& g) { g.set(0, toDevice(dy, from)); });
}

Tensor reduceToShape(const Tensor& g, const Shape& shape) {
    if (g.shape() == shape) return g;
    const std::size_t n = g.shape().size(), r = shape.size();
    GL_CHECK(n >= r, "internal error: cannot reduce ", shapeStr(g.shape()), " to ", shapeStr(shape));
    std::vector<int64_t> dims;
    for (std::size_t i = 0; i < n; ++i) {
        if (i < n - r) dims.push_back(int64_t(i));
        else if (shape[i - (n - r)] == 1 && g.shape()[i] != 1) dims.push_back(int64_t(i));
    }
    Tensor s = dims.empty() ? g : sum(g, dims, true);
    return reshape(s, shape);
}

}  // namespace gradlab
