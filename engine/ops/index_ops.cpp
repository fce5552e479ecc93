// Indexing ops: index_select and gather (index tensors hold integers stored as float32).
#include <cmath>

#include "engine/ops/op_utils.h"

namespace gradlab {
namespace detail {

void checkIndices(const Tensor& idx, int64_t n, const char* op, int64_t allowed) {
    for (float v : idx.toVector()) {
        GL_CHECK(std::isfinite(v) && v == std::floor(v), op, ": index ", v, " is not an integer");
        int64_t i = int64_t(v);
        GL_CHECK((i >= 0 && i < n) || i == allowed, op, ": index ", i, " is out of range [0, ", n, ")");
    }
}

}  // namespace detail

namespace {

void splitAt(const Shape& s, int64_t d, int64_t& outer, int64_t& inner) {
    outer = 1;
    inner = 1;
    for (int64_t i = 0; i < d; ++i) outer *= s[std::size_t(i)];
    for (std::size_t i = std::size_t(d) + 1; i < s.size(); ++i) inner *= s[i];
}

}  // namespace

Tensor indexSelect(const Tensor& x, int64_t dim, const Tensor& index) {
    detail::commonDevice("index_select", {&x, &index});
    GL_CHECK(index.dim() <= 1, "index_select: the index must be 1-D, got shape ", shapeStr(index.shape()));
    GL_CHECK(x.dim() > 0, "index_select: cannot index a scalar");
    int64_t d = wrapDim(dim, x.dim(), "index_select");
    detail::checkIndices(index, x.size(d), "index_select");
    int64_t outer, inner;
    splitAt(x.shape(), d, outer, inner);
    Shape s = x.shape();
    s[std::size_t(d)] = index.numel();
    Tensor idx = detail::raw(index);
    Tensor out = empty(s, x.device());
    if (out.numel() > 0) GL_DISPATCH(x.device(), indexSelect, detail::contig(x), outer, x.size(d), inner, idx, out);
    return record(OpId::index_select, out, {&x}, [in = x.shape(), d, outer, inner, idx](const Tensor& dy, GradSlots& g) {
        Tensor dx = zeros(in, dy.device());
        if (dy.numel() > 0) GL_DISPATCH(dy.device(), indexAdd, dx, outer, in[std::size_t(d)], inner, idx, detail::contig(dy));
        g.set(0, dx);
    });
}

Tensor gather(const Tensor& x, int64_t dim, const Tensor& index) {
    detail::commonDevice("gather", {&x, &index});
    GL_CHECK(index.dim() == x.dim(), "gather: index has rank ", index.dim(), ", input has rank ", x.dim());
    GL_CHECK(x.dim() > 0, "gather: cannot gather from a scalar");
    int64_t d = wrapDim(dim, x.dim(), "gather");
    for (int64_t k = 0; k < x.dim(); ++k)
        GL_CHECK(k == d || index.size(k) == x.size(k), "gather: index shape ", shapeStr(index.shape()),
                 " must match the input shape ", shapeStr(x.shape()), " outside dimension ", d);
    detail::checkIndices(index, x.size(d), "gather");
    int64_t outer, inner;
    splitAt(x.shape(), d, outer, inner);
    Tensor idx = detail::raw(index);
    Tensor out = empty(index.shape(), x.device());
    if (out.numel() > 0) GL_DISPATCH(x.device(), gather, detail::contig(x), outer, x.size(d), inner, idx, out);
    return record(OpId::gather, out, {&x}, [in = x.shape(), d, outer, inner, idx](const Tensor& dy, GradSlots& g) {
        Tensor dx = zeros(in, dy.device());
        if (dy.numel() > 0) GL_DISPATCH(dy.device(), scatterAdd, dx, outer, in[std::size_t(d)], inner, idx, detail::contig(dy));
        g.set(0, dx);
    });
}

}  // namespace gradlab
