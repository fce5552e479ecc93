// The CUDA backend's primitives (engine/ops/backend_decls.inc): each turns tensors into raw
// pointers, sizes and strides and calls a launcher of kernels/. Semantics mirror engine/cpu/*.cpp;
// the ops have checked shapes and devices before any of these runs. Every launch is checked and a
// failure becomes gradlab::Error naming the kernel.
#include <algorithm>
#include <array>

#include "engine/core/error.h"
#include "engine/cpu/strided_loop.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/cuda/cuda_util.h"
#include "engine/ops/backend.h"
#include "kernels/attention.cuh"
#include "kernels/conv.cuh"
#include "kernels/elementwise.cuh"
#include "kernels/gemm.cuh"
#include "kernels/index.cuh"
#include "kernels/norm.cuh"
#include "kernels/optim.cuh"
#include "kernels/pool.cuh"
#include "kernels/reduce.cuh"
#include "kernels/rnn.cuh"

namespace gradlab::cuda {
namespace {

namespace k = ::gradlab::kernels;

// The K operands' layout with size-1 dims dropped and contiguous neighbours merged (the CPU's
// coalesce), as the kernels' StridedND.
template <std::size_t K>
k::StridedND<int(K)> layout(const Shape& shape, const std::array<const int64_t*, K>& strides, const char* op) {
    GL_CHECK(shape.size() <= std::size_t(k::kMaxDims), op, ": tensors of rank ", shape.size(),
             " are not supported on CUDA (at most ", k::kMaxDims, ")");
    const cpu::StridedLayout<K> c = cpu::coalesce<K>(shape, strides);
    k::StridedND<int(K)> L{};
    L.ndim = c.ndim;
    for (int d = 0; d < c.ndim; ++d) {
        L.size[d] = c.size[d];
        for (std::size_t q = 0; q < K; ++q) L.stride[q][d] = c.stride[q][d];
    }
    return L;
}

// The batch dims (all but the last two, sizes of `ref`) of K operands, size-1 dims dropped.
// count: the number of batches.
template <int K>
k::BatchND<K> batchOf(const Tensor& ref, const std::array<const Tensor*, K>& ts, int64_t& count, const char* op) {
    k::BatchND<K> b{};
    count = 1;
    for (int64_t d = 0; d + 2 < ref.dim(); ++d) {
        const int64_t s = ref.size(d);
        count *= s;
        if (s == 1) continue;
        GL_CHECK(b.ndim < k::kMaxBatchDims, op, ": more than ", k::kMaxBatchDims,
                 " batch dimensions are not supported on CUDA");
        b.size[b.ndim] = s;
        for (int q = 0; q < K; ++q) b.stride[q][b.ndim] = ts[std::size_t(q)]->strides()[std::size_t(d)];
        ++b.ndim;
    }
    return b;
}

// A view's (row stride, column stride) of its last two dims.
int64_t rowStride(const Tensor& t) { return t.strides()[t.strides().size() - 2]; }
int64_t colStride(const Tensor& t) { return t.strides().back(); }

// C (M, N) = A (M, K) B (K, N) (+ C when accumulate) over `count` batches.
struct MatRef {
    const float* p;
    int64_t rs, cs;
};
void gemmRaw(MatRef a, MatRef b, float* c, int64_t crs, int64_t ccs, int64_t M, int64_t N, int64_t K,
             const k::BatchND<3>& batch, int64_t count, bool accumulate, const char* what) {
    k::GemmArgs g{};
    g.a = a.p, g.b = b.p, g.c = c;
    g.M = M, g.N = N, g.K = K;
    g.ars = a.rs, g.acs = a.cs, g.brs = b.rs, g.bcs = b.cs, g.crs = crs, g.ccs = ccs;
    g.batch = batch;
    g.batchCount = count;
    g.beta = accumulate ? 1.0f : 0.0f;
    checkLaunch(k::launchGemm(g, stream()), what);
}

// A contiguous scratch tensor on the device (from the caching allocator).
Tensor scratch(const Shape& shape) { return empty(shape, Device::CUDA); }

void fillAll(Tensor& t, float v) {
    if (t.numel() > 0) fill(t, v);
}

}  // namespace

// ---------------------------------------------------------------- elementwise
void fill(Tensor& dst, float value) {
    const auto L = layout<1>(dst.shape(), {dst.strides().data()}, "fill");
    checkLaunch(k::launchFill(dst.data(), L, dst.numel(), value, stream()), "fill kernel");
}

void copy(const Tensor& src, Tensor& dst) {
    GL_CHECK(src.shape() == dst.shape(), "internal error: copy between shapes ", shapeStr(src.shape()), " and ",
             shapeStr(dst.shape()));
    const auto L = layout<2>(dst.shape(), {dst.strides().data(), src.strides().data()}, "copy");
    checkLaunch(k::launchCopy(dst.data(), src.data(), L, dst.numel(), stream()), "copy kernel");
}

void unary(UnaryOp op, const Tensor& x, Tensor& y, float p0, float p1) {
    checkLaunch(k::launchUnary(op, x.data(), y.data(), x.numel(), p0, p1, stream()), "unary kernel");
}

void unaryBackward(UnaryOp op, const Tensor& x, const Tensor& y, const Tensor& dy, Tensor& dx, float p0, float p1) {
    checkLaunch(k::launchUnaryBackward(op, x.defined() ? x.data() : nullptr, y.defined() ? y.data() : nullptr,
                                       dy.data(), dx.data(), dy.numel(), p0, p1, stream()),
                "unary backward kernel");
}

void binary(BinaryOp op, const Tensor& a, const Tensor& b, Tensor& out) {
    const auto L =
        layout<3>(out.shape(), {out.strides().data(), a.strides().data(), b.strides().data()}, "binary op");
    checkLaunch(k::launchBinary(op, out.data(), a.data(), b.data(), L, out.numel(), stream()), "binary kernel");
}

void where(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& out) {
    const auto L = layout<4>(
        out.shape(), {out.strides().data(), cond.strides().data(), a.strides().data(), b.strides().data()}, "where");
    checkLaunch(k::launchWhere(out.data(), cond.data(), a.data(), b.data(), L, out.numel(), stream()), "where kernel");
}

// ---------------------------------------------------------------- reductions, softmax, matmul
void reduce(ReduceOp op, const Tensor& x, int64_t outer, int64_t n, int64_t inner, Tensor& out, Tensor* indices) {
    const k::ReduceKind kind =
        op == ReduceOp::Sum ? k::ReduceKind::Sum : (op == ReduceOp::Max ? k::ReduceKind::Max : k::ReduceKind::Min);
    checkLaunch(k::launchReduce(kind, x.data(), outer, n, inner, out.data(), indices ? indices->data() : nullptr,
                                stream()),
                "reduce kernel");
}

void gemm(const Tensor& a, const Tensor& b, Tensor& out, bool accumulate) {
    const int64_t B = a.size(0), M = a.size(1), K = a.size(2), N = b.size(2);
    if (M == 0 || N == 0 || B == 0) return;
    const auto& as = a.strides();
    const auto& bs = b.strides();
    const auto& cs = out.strides();
    k::BatchND<3> batch{};
    if (B > 1) {
        batch.ndim = 1;
        batch.size[0] = B;
        batch.stride[0][0] = as[0], batch.stride[1][0] = bs[0], batch.stride[2][0] = cs[0];
    }
    gemmRaw({a.data(), as[1], as[2]}, {b.data(), bs[1], bs[2]}, out.data(), cs[1], cs[2], M, N, K, batch, B,
            accumulate, "sgemm kernel");
}

void softmax(const Tensor& x, Tensor& y, bool log) {
    const int64_t n = x.shape().back();
    const int64_t rows = n == 0 ? 0 : x.numel() / n;
    checkLaunch(k::launchSoftmax(x.data(), y.data(), rows, n, log, stream()), "softmax kernel");
}

void softmaxBackward(const Tensor& y, const Tensor& dy, Tensor& dx, bool log) {
    const int64_t n = y.shape().back();
    const int64_t rows = n == 0 ? 0 : y.numel() / n;
    checkLaunch(k::launchSoftmaxBackward(y.data(), dy.data(), dx.data(), rows, n, log, stream()),
                "softmax backward kernel");
}

// ---------------------------------------------------------------- indexing
void indexSelect(const Tensor& x, int64_t outer, int64_t n, int64_t inner, const Tensor& index, Tensor& out) {
    checkLaunch(k::launchIndex(k::IndexOp::IndexSelect, x.data(), outer, n, inner, index.data(), index.numel(),
                               out.data(), stream()),
                "index_select kernel");
}

void indexAdd(Tensor& dx, int64_t outer, int64_t n, int64_t inner, const Tensor& index, const Tensor& dy) {
    checkLaunch(k::launchIndex(k::IndexOp::IndexAdd, dx.data(), outer, n, inner, index.data(), index.numel(),
                               dy.data(), stream()),
                "index_add kernel");
}

// gather / scatter_add: the index has the small side's shape (outer, k, inner).
void gather(const Tensor& x, int64_t outer, int64_t n, int64_t inner, const Tensor& index, Tensor& out) {
    const int64_t kk = index.numel() / std::max<int64_t>(outer * inner, 1);
    checkLaunch(k::launchIndex(k::IndexOp::Gather, x.data(), outer, n, inner, index.data(), kk, out.data(), stream()),
                "gather kernel");
}

void scatterAdd(Tensor& dx, int64_t outer, int64_t n, int64_t inner, const Tensor& index, const Tensor& dy) {
    const int64_t kk = index.numel() / std::max<int64_t>(outer * inner, 1);
    checkLaunch(k::launchIndex(k::IndexOp::ScatterAdd, dx.data(), outer, n, inner, index.data(), kk, dy.data(),
                               stream()),
                "scatter_add kernel");
}

// ---------------------------------------------------------------- layer norm
void layerNorm(const Tensor& x, const Tensor& weight, const Tensor& bias, float eps, Tensor& y, Tensor& mean,
               Tensor& rstd) {
    const int64_t rows = mean.numel();
    const int64_t n = rows == 0 ? 0 : x.numel() / rows;
    checkLaunch(k::launchLayerNorm(x.data(), weight.defined() ? weight.data() : nullptr,
                                   bias.defined() ? bias.data() : nullptr, eps, rows, n, y.data(), mean.data(),
                                   rstd.data(), stream()),
                "layer_norm kernel");
}

void layerNormBackward(const Tensor& x, const Tensor& mean, const Tensor& rstd, const Tensor& weight, const Tensor& dy,
                       Tensor* dx, Tensor* dweight, Tensor* dbias) {
    const int64_t rows = mean.numel();
    const int64_t n = rows == 0 ? (dweight ? dweight->numel() : dbias ? dbias->numel() : 0) : x.numel() / rows;
    checkLaunch(k::launchLayerNormBackward(x.data(), mean.data(), rstd.data(),
                                           weight.defined() ? weight.data() : nullptr, dy.data(), rows, n,
                                           dx ? dx->data() : nullptr, dweight ? dweight->data() : nullptr,
                                           dbias ? dbias->data() : nullptr, stream()),
                "layer_norm backward kernel");
}

// ---------------------------------------------------------------- attention
// Scores q k^T and the output weights v run on the SGEMM, batched over the batch dims N...
// through each operand's strides (broadcast dims have stride 0); the softmax is one row kernel.
void attention(const Tensor& q, const Tensor& kt, const Tensor& v, const Tensor& mask, bool causal, float scale,
               const Tensor& dropMask, Tensor& probs, Tensor& weights, Tensor& out) {
    const int64_t Tq = q.size(-2), d = q.size(-1), Tk = kt.size(-2), dv = v.size(-1);
    int64_t count = 0;
    const auto bS = batchOf<3>(q, {&q, &kt, &probs}, count, "attention");
    if (count == 0 || Tq == 0) return;
    if (Tk == 0) {  // no keys: every output row is the empty sum
        fillAll(out, 0.0f);
        return;
    }
    // probs = q k^T (k read transposed through its strides), then softmax in place.
    gemmRaw({q.data(), rowStride(q), colStride(q)}, {kt.data(), colStride(kt), rowStride(kt)}, probs.data(), Tk, 1, Tq,
            Tk, d, bS, count, false, "attention scores (sgemm kernel)");
    k::MaskView mv{};
    if (mask.defined()) {
        int64_t c2 = 0;  // the mask's batch dims are indexed like q's (its own strides, 0 where broadcast)
        const auto bm = batchOf<1>(q, {&mask}, c2, "attention");
        mv.ptr = mask.data();
        mv.batch = bm;
        mv.rs = rowStride(mask);
        mv.cs = colStride(mask);
    }
    checkLaunch(k::launchAttentionSoftmax(probs.data(), count, Tq, Tk, scale, mv, causal, stream()),
                "attention softmax kernel");
    if (dropMask.defined()) binary(BinaryOp::Mul, probs, dropMask, weights);
    const auto bO = batchOf<3>(q, {&weights, &v, &out}, count, "attention");
    gemmRaw({weights.data(), Tk, 1}, {v.data(), rowStride(v), colStride(v)}, out.data(), rowStride(out), colStride(out),
            Tq, dv, Tk, bO, count, false, "attention output (sgemm kernel)");
}

void attentionBackward(const Tensor& q, const Tensor& kt, const Tensor& v, const Tensor& probs, const Tensor& weights,
                       const Tensor& dropMask, float scale, const Tensor& dout, const Tensor& dweights, Tensor* dq,
                       Tensor* dk, Tensor* dv) {
    const int64_t Tq = q.size(-2), d = q.size(-1), Tk = kt.size(-2), dvn = v.size(-1);
    int64_t count = 0;
    batchOf<1>(q, {&q}, count, "attention backward");
    if (count == 0) return;
    if (Tk == 0 || Tq == 0) {  // nothing to multiply: the gradients are zero (or empty)
        if (dq) fillAll(*dq, 0.0f);
        if (dk) fillAll(*dk, 0.0f);
        if (dv) fillAll(*dv, 0.0f);
        return;
    }
    // G = d loss / d weights = dout v^T (+ dweights); dv = weights^T dout.
    Tensor G = scratch(probs.shape());
    if (dout.defined()) {
        const auto b1 = batchOf<3>(q, {&dout, &v, &G}, count, "attention backward");
        gemmRaw({dout.data(), rowStride(dout), colStride(dout)}, {v.data(), colStride(v), rowStride(v)}, G.data(), Tk,
                1, Tq, Tk, dvn, b1, count, false, "attention backward dweights (sgemm kernel)");
        if (dv) {
            const auto b2 = batchOf<3>(q, {&weights, &dout, dv}, count, "attention backward");
            gemmRaw({weights.data(), 1, Tk}, {dout.data(), rowStride(dout), colStride(dout)}, dv->data(),
                    rowStride(*dv), colStride(*dv), Tk, dvn, Tq, b2, count, false,
                    "attention backward dv (sgemm kernel)");
        }
    } else {
        fill(G, 0.0f);
        if (dv) fillAll(*dv, 0.0f);
    }
    if (dweights.defined()) binary(BinaryOp::Add, G, dweights, G);
    if (!dq && !dk) return;
    // G becomes d loss / d (q k^T): dropout mask, softmax backward and the score scale, per row.
    checkLaunch(k::launchAttentionSoftmaxBackward(G.data(), probs.data(),
                                                  dropMask.defined() ? dropMask.data() : nullptr, count * Tq, Tk,
                                                  scale, stream()),
                "attention softmax backward kernel");
    if (dq) {
        const auto b = batchOf<3>(q, {&G, &kt, dq}, count, "attention backward");
        gemmRaw({G.data(), Tk, 1}, {kt.data(), rowStride(kt), colStride(kt)}, dq->data(), rowStride(*dq),
                colStride(*dq), Tq, d, Tk, b, count, false, "attention backward dq (sgemm kernel)");
    }
    if (dk) {
        const auto b = batchOf<3>(q, {&G, &q, dk}, count, "attention backward");
        gemmRaw({G.data(), 1, Tk}, {q.data(), rowStride(q), colStride(q)}, dk->data(), rowStride(*dk),
                colStride(*dk), Tk, d, Tq, b, count, false, "attention backward dk (sgemm kernel)");
    }
}

// ---------------------------------------------------------------- convolution
// im2col + SGEMM, a chunk of images at a time so that the unfolded columns stay within ~64 MB.
namespace {
int64_t imagesPerChunk(const Conv2dGeom& g) {
    const int64_t perImage = std::max<int64_t>(g.c * g.kh * g.kw * g.oh * g.ow, 1);
    return std::clamp<int64_t>((int64_t(16) << 20) / perImage, 1, std::max<int64_t>(g.n, 1));
}
}  // namespace

void conv2d(const Conv2dGeom& g, const Tensor& x, const Tensor& weight, const Tensor& bias, Tensor& out) {
    const int64_t L = g.oh * g.ow, Cg = g.c / g.groups, Og = g.o / g.groups, R = Cg * g.kh * g.kw;
    if (g.n == 0 || g.o == 0 || L == 0) return;
    const int64_t chunk = imagesPerChunk(g);
    Tensor col = scratch({chunk * g.c * g.kh * g.kw * L});
    for (int64_t n0 = 0; n0 < g.n; n0 += chunk) {
        const int64_t nb = std::min(chunk, g.n - n0);
        checkLaunch(k::launchIm2col(g, x.data() + n0 * g.c * g.h * g.w, nb, col.data(), stream()), "im2col kernel");
        for (int64_t gi = 0; gi < g.groups; ++gi) {
            // out[n, group gi] (Og, L) = weight[group gi] (Og, R) col[n, group gi] (R, L), batched over images.
            k::BatchND<3> b{};
            b.ndim = 1;
            b.size[0] = nb;
            b.stride[0][0] = 0, b.stride[1][0] = g.c * g.kh * g.kw * L, b.stride[2][0] = g.o * L;
            gemmRaw({weight.data() + gi * Og * R, R, 1}, {col.data() + gi * R * L, L, 1},
                    out.data() + (n0 * g.o + gi * Og) * L, L, 1, Og, L, R, b, nb, false, "conv2d (sgemm kernel)");
        }
    }
    if (bias.defined())
        checkLaunch(k::launchAddBias(out.data(), bias.data(), g.n, g.o, L, stream()), "conv2d bias kernel");
}

void conv2dBackward(const Conv2dGeom& g, const Tensor& x, const Tensor& weight, const Tensor& dout, Tensor& dx,
                    Tensor& dweight, Tensor& dbias) {
    const int64_t L = g.oh * g.ow, Cg = g.c / g.groups, Og = g.o / g.groups, R = Cg * g.kh * g.kw;
    if (dbias.defined()) {
        if (g.n == 0 || L == 0) fillAll(dbias, 0.0f);
        else checkLaunch(k::launchBiasGrad(dout.data(), g.n, g.o, L, dbias.data(), stream()), "conv2d bias grad kernel");
    }
    if (g.n == 0 || L == 0 || g.o == 0) {
        if (dx.defined()) fillAll(dx, 0.0f);
        if (dweight.defined()) fillAll(dweight, 0.0f);
        return;
    }
    const int64_t chunk = imagesPerChunk(g);
    Tensor col = scratch({chunk * g.c * g.kh * g.kw * L});
    Tensor partial;  // per-image weight gradients of a chunk, summed into dweight
    if (dweight.defined()) partial = scratch({chunk * g.o * R});
    for (int64_t n0 = 0; n0 < g.n; n0 += chunk) {
        const int64_t nb = std::min(chunk, g.n - n0);
        const float* dyChunk = dout.data() + n0 * g.o * L;
        k::BatchND<3> b{};
        b.ndim = 1;
        b.size[0] = nb;
        if (dweight.defined()) {
            checkLaunch(k::launchIm2col(g, x.data() + n0 * g.c * g.h * g.w, nb, col.data(), stream()),
                        "im2col kernel");
            for (int64_t gi = 0; gi < g.groups; ++gi) {
                // partial[n, group gi] (Og, R) = dout[n, gi] (Og, L) col[n, gi]^T (L, R).
                b.stride[0][0] = g.o * L, b.stride[1][0] = g.c * g.kh * g.kw * L, b.stride[2][0] = g.o * R;
                gemmRaw({dyChunk + gi * Og * L, L, 1}, {col.data() + gi * R * L, 1, L}, partial.data() + gi * Og * R,
                        R, 1, Og, R, L, b, nb, false, "conv2d backward dweight (sgemm kernel)");
            }
            checkLaunch(k::launchSumBatches(partial.data(), nb, g.o * R, dweight.data(), n0 > 0, stream()),
                        "conv2d backward dweight sum kernel");
        }
        if (dx.defined()) {
            for (int64_t gi = 0; gi < g.groups; ++gi) {
                // col[n, gi] (R, L) = weight[gi]^T (R, Og) dout[n, gi] (Og, L).
                b.stride[0][0] = 0, b.stride[1][0] = g.o * L, b.stride[2][0] = g.c * g.kh * g.kw * L;
                gemmRaw({weight.data() + gi * Og * R, 1, R}, {dyChunk + gi * Og * L, L, 1}, col.data() + gi * R * L, L,
                        1, R, L, Og, b, nb, false, "conv2d backward dx (sgemm kernel)");
            }
            checkLaunch(k::launchCol2im(g, col.data(), nb, dx.data() + n0 * g.c * g.h * g.w, stream()),
                        "col2im kernel");
        }
    }
}

// ---------------------------------------------------------------- pooling
void maxPool2d(const Pool2dGeom& g, const Tensor& x, Tensor& out, Tensor& indices) {
    checkLaunch(k::launchMaxPool2d(g, x.data(), out.data(), indices.data(), stream()), "max_pool2d kernel");
}
void maxPool2dBackward(const Pool2dGeom& g, const Tensor& dout, const Tensor& indices, Tensor& dx) {
    checkLaunch(k::launchMaxPool2dBackward(g, dout.data(), indices.data(), dx.data(), stream()),
                "max_pool2d backward kernel");
}
void avgPool2d(const Pool2dGeom& g, const Tensor& x, Tensor& out) {
    checkLaunch(k::launchAvgPool2d(g, x.data(), out.data(), stream()), "avg_pool2d kernel");
}
void avgPool2dBackward(const Pool2dGeom& g, const Tensor& dout, Tensor& dx) {
    checkLaunch(k::launchAvgPool2dBackward(g, dout.data(), dx.data(), stream()), "avg_pool2d backward kernel");
}

// ---------------------------------------------------------------- batch norm
void batchNormStats(const Tensor& x, int64_t n, int64_t c, int64_t s, double eps, double momentum, Tensor& mean,
                    Tensor& invstd, Tensor& runningMean, Tensor& runningVar) {
    checkLaunch(k::launchBatchNormStats(x.data(), n, c, s, eps, momentum, mean.data(), invstd.data(),
                                        runningMean.defined() ? runningMean.data() : nullptr,
                                        runningVar.defined() ? runningVar.data() : nullptr, stream()),
                "batch_norm statistics kernel");
}

void batchNormApply(const Tensor& x, int64_t n, int64_t c, int64_t s, const Tensor& mean, const Tensor& invstd,
                    const Tensor& weight, const Tensor& bias, Tensor& y) {
    checkLaunch(k::launchBatchNormApply(x.data(), n, c, s, mean.data(), invstd.data(),
                                        weight.defined() ? weight.data() : nullptr,
                                        bias.defined() ? bias.data() : nullptr, y.data(), stream()),
                "batch_norm kernel");
}

void batchNormBackward(const Tensor& x, const Tensor& dy, int64_t n, int64_t c, int64_t s, const Tensor& mean,
                       const Tensor& invstd, const Tensor& weight, bool training, Tensor& dx, Tensor& dweight,
                       Tensor& dbias) {
    checkLaunch(k::launchBatchNormBackward(x.data(), dy.data(), n, c, s, mean.data(), invstd.data(),
                                           weight.defined() ? weight.data() : nullptr, training,
                                           dx.defined() ? dx.data() : nullptr,
                                           dweight.defined() ? dweight.data() : nullptr,
                                           dbias.defined() ? dbias.data() : nullptr, stream()),
                "batch_norm backward kernel");
}

// ---------------------------------------------------------------- recurrent cells
namespace {
float* dataOrNull(const Tensor& t) { return t.defined() ? t.data() : nullptr; }
}  // namespace

void rnnCell(const Tensor& gi, const Tensor& gh, const Tensor& bi, const Tensor& bh, bool relu, Tensor& h) {
    checkLaunch(k::launchRnnCell(gi.data(), gh.data(), dataOrNull(bi), dataOrNull(bh), h.size(0), h.size(1), relu,
                                 h.data(), stream()),
                "rnn_cell kernel");
}
void rnnCellBackward(const Tensor& h, const Tensor& dh, bool relu, Tensor& da, Tensor& dbias) {
    checkLaunch(k::launchRnnCellBackward(h.data(), dh.data(), h.size(0), h.size(1), relu, da.data(), dataOrNull(dbias),
                                         stream()),
                "rnn_cell backward kernel");
}
void lstmCell(const Tensor& gi, const Tensor& gh, const Tensor& bi, const Tensor& bh, const Tensor& cPrev, Tensor& out,
              Tensor& gates) {
    checkLaunch(k::launchLstmCell(gi.data(), gh.data(), dataOrNull(bi), dataOrNull(bh), cPrev.data(), cPrev.size(0),
                                  cPrev.size(1), out.data(), gates.data(), stream()),
                "lstm_cell kernel");
}
void lstmCellBackward(const Tensor& gates, const Tensor& cPrev, const Tensor& out, const Tensor& dout, Tensor& da,
                      Tensor& dcPrev, Tensor& dbias) {
    checkLaunch(k::launchLstmCellBackward(gates.data(), cPrev.data(), out.data(), dout.data(), cPrev.size(0),
                                          cPrev.size(1), da.data(), dataOrNull(dcPrev), dataOrNull(dbias), stream()),
                "lstm_cell backward kernel");
}
void gruCell(const Tensor& gi, const Tensor& gh, const Tensor& bi, const Tensor& bh, const Tensor& hPrev, Tensor& h,
             Tensor& ws) {
    checkLaunch(k::launchGruCell(gi.data(), gh.data(), dataOrNull(bi), dataOrNull(bh), hPrev.data(), hPrev.size(0),
                                 hPrev.size(1), h.data(), ws.data(), stream()),
                "gru_cell kernel");
}
void gruCellBackward(const Tensor& ws, const Tensor& hPrev, const Tensor& dh, Tensor& dgi, Tensor& dgh, Tensor& dhPrev,
                     Tensor& dbi, Tensor& dbh) {
    checkLaunch(k::launchGruCellBackward(ws.data(), hPrev.data(), dh.data(), hPrev.size(0), hPrev.size(1), dgi.data(),
                                         dgh.data(), dataOrNull(dhPrev), dataOrNull(dbi), dataOrNull(dbh), stream()),
                "gru_cell backward kernel");
}

// ---------------------------------------------------------------- optimizers
void sgdStep(float* p, const float* g, float* buf, int64_t n, bool initBuf, const optim_math::SgdCoeffs& c) {
    checkLaunch(k::launchSgd(p, g, buf, n, initBuf, c, stream()), "SGD update kernel");
}
void rmspropStep(float* p, const float* g, float* sq, float* ga, float* buf, int64_t n,
                 const optim_math::RmspropCoeffs& c) {
    checkLaunch(k::launchRmsprop(p, g, sq, ga, buf, n, c, stream()), "RMSprop update kernel");
}
void adagradStep(float* p, const float* g, float* sum, int64_t n, const optim_math::AdagradCoeffs& c) {
    checkLaunch(k::launchAdagrad(p, g, sum, n, c, stream()), "Adagrad update kernel");
}
void adamStep(float* p, const float* g, float* m, float* v, float* vmax, int64_t n, const optim_math::AdamCoeffs& c) {
    checkLaunch(k::launchAdam(p, g, m, v, vmax, n, c, stream()), "Adam update kernel");
}
void nadamStep(float* p, const float* g, float* m, float* v, int64_t n, const optim_math::NadamCoeffs& c) {
    checkLaunch(k::launchNadam(p, g, m, v, n, c, stream()), "NAdam update kernel");
}

}  // namespace gradlab::cuda
