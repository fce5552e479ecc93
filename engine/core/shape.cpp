// Shape arithmetic: numel, contiguous strides, dim wrapping and broadcasting.
#include "engine/core/shape.h"

#include <ostream>

#include "engine/core/error.h"

namespace gradlab {

int64_t numelOf(const Shape& shape) {
    int64_t n = 1;
    for (int64_t d : shape) {
        GL_CHECK(d >= 0, "tensor sizes must be non-negative, got ", shapeStr(shape));
        GL_CHECK(!__builtin_mul_overflow(n, d, &n), "a tensor of shape ", shapeStr(shape), " has too many elements");
    }
    return n;
}

Strides contiguousStrides(const Shape& shape) {
    Strides s(shape.size());
    int64_t acc = 1;
    for (std::size_t i = shape.size(); i-- > 0;) {
        s[i] = acc;
        GL_CHECK(!__builtin_mul_overflow(acc, std::max<int64_t>(shape[i], 1), &acc), "a tensor of shape ",
                 shapeStr(shape), " has too many elements");
    }
    return s;
}

int64_t wrapDim(int64_t dim, int64_t rank, const char* what) {
    int64_t r = std::max<int64_t>(rank, 1);
    GL_CHECK(dim >= -r && dim < r, what, ": dimension ", dim, " is out of range for a tensor of rank ",
             rank, " (expected ", -r, "..", r - 1, ")");
    return dim < 0 ? dim + r : dim;
}

Shape broadcastShapes(const Shape& a, const Shape& b, const char* what) {
    std::size_t n = std::max(a.size(), b.size());
    Shape out(n);
    for (std::size_t i = 0; i < n; ++i) {
        int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
        int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
        GL_CHECK(da == db || da == 1 || db == 1, what, ": shapes ", shapeStr(a), " and ", shapeStr(b),
                 " cannot be broadcast (dimension ", i, ": ", da, " vs ", db, ")");
        out[i] = da == 1 ? db : da;
    }
    return out;
}

std::string shapeStr(const Shape& s) {
    std::string r = "(";
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i) r += ", ";
        r += std::to_string(s[i]);
    }
    return r + ")";
}

std::ostream& operator<<(std::ostream& os, const Shape& s) { return os << shapeStr(s); }

}  // namespace gradlab
