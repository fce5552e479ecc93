// matmul with torch.matmul's rules (1-D promotion, broadcast batch dimensions) and its backward.
#include "engine/ops/op_utils.h"

namespace gradlab {
namespace {

// (B, M, K) @ (B, K, N) -> (B, M, N) without autograd. Operands may be strided views; a batch
// stride of 0 (a broadcast operand) is fine.
Tensor bmmRaw(const Tensor& a, const Tensor& b) {
    Tensor out = empty({a.size(0), a.size(1), b.size(2)}, a.device());
    GL_DISPATCH(a.device(), gemm, a, b, out, false);
    return out;
}

// Views t (shape batch... x R x C) as (B, R, C) when its batch dims collapse into one stride
// (including a fully broadcast batch of stride 0), else as a contiguous copy.
Tensor asBatch3(const Tensor& t, const Shape& batch) {
    const std::size_t nb = batch.size();
    const auto& st = t.strides();
    bool collapsible = true;
    int64_t bstride = 0, prevStride = 0;
    bool havePrev = false;
    for (std::size_t i = 0; i < nb; ++i) {
        if (batch[i] == 1) continue;
        if (havePrev && prevStride != st[i] * batch[i]) collapsible = false;
        prevStride = st[i];
        havePrev = true;
        bstride = st[i];
    }
    const int64_t R = t.size(-2), C = t.size(-1);
    if (collapsible) return makeView(t, {numelOf(batch), R, C}, {bstride, st[nb], st[nb + 1]}, t.offset());
    return detail::raw(t).reshape({numelOf(batch), R, C});
}

}  // namespace

Tensor matmul(const Tensor& a, const Tensor& b) {
    detail::commonDevice("matmul", {&a, &b});
    GL_CHECK(a.dim() >= 1 && b.dim() >= 1, "matmul: both arguments need at least one dimension, got shapes ",
             shapeStr(a.shape()), " and ", shapeStr(b.shape()));
    // 1-D operands are promoted to matrices and the extra dimension removed afterwards.
    if (a.dim() == 1 || b.dim() == 1) {
        Tensor a2 = a.dim() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.dim() == 1 ? b.unsqueeze(-1) : b;
        Tensor r = matmul(a2, b2);
        if (b.dim() == 1) r = r.squeeze(-1);
        if (a.dim() == 1) r = r.squeeze(a.dim() == 1 && b.dim() == 1 ? -1 : -2);
        return r;
    }
    const int64_t M = a.size(-2), K = a.size(-1), K2 = b.size(-2), N = b.size(-1);
    GL_CHECK(K == K2, "matmul: shapes ", shapeStr(a.shape()), " and ", shapeStr(b.shape()),
             " cannot be multiplied (", K, " != ", K2, ")");

    // (..., M, K) @ (K, N): fold the batch into the rows, one GEMM.
    if (b.dim() == 2) {
        Shape outShape(a.shape().begin(), a.shape().end() - 1);
        outShape.push_back(N);
        const int64_t rows = numelOf(Shape(a.shape().begin(), a.shape().end() - 1));
        Tensor a2 = a.dim() == 2 ? a.detach() : detail::raw(a).reshape({rows, K});
        if (K == 0) a2 = zeros({rows, K}, a.device());
        Tensor out = bmmRaw(a2.unsqueeze(0), b.detach().unsqueeze(0)).reshape(outShape);
        return record(OpId::matmul, out, {&a, &b}, [a2, bd = b.detach(), as = a.shape()](const Tensor& dy, GradSlots& g) {
            Tensor dy2 = detail::contig(dy).reshape({a2.size(0), bd.size(1)});
            if (g.needs(0)) g.set(0, bmmRaw(dy2.unsqueeze(0), bd.t().unsqueeze(0)).reshape(as));
            if (g.needs(1)) g.set(1, bmmRaw(a2.t().unsqueeze(0), dy2.unsqueeze(0)).reshape(bd.shape()));
        });
    }

    // General batched case with broadcast batch dimensions.
    Shape ab(a.shape().begin(), a.shape().end() - 2), bb(b.shape().begin(), b.shape().end() - 2);
    Shape batch = broadcastShapes(ab, bb, "matmul");
    Shape aFull = batch, bFull = batch, outShape = batch;
    aFull.push_back(M), aFull.push_back(K);
    bFull.push_back(K), bFull.push_back(N);
    outShape.push_back(M), outShape.push_back(N);
    Tensor a3 = asBatch3(detail::broadcastView(a, aFull), batch);
    Tensor b3 = asBatch3(detail::broadcastView(b, bFull), batch);
    Tensor out = bmmRaw(a3, b3).reshape(outShape);
    return record(OpId::matmul, out, {&a, &b},
                  [a3, b3, as = a.shape(), bs = b.shape(), aFull, bFull](const Tensor& dy, GradSlots& g) {
                      Tensor dy3 = detail::contig(dy).reshape({a3.size(0), a3.size(1), b3.size(2)});
                      if (g.needs(0))
                          g.set(0, reduceToShape(bmmRaw(dy3, b3.transpose(1, 2)).reshape(aFull), as));
                      if (g.needs(1))
                          g.set(1, reduceToShape(bmmRaw(a3.transpose(1, 2), dy3).reshape(bFull), bs));
                  });
}

}  // namespace gradlab
