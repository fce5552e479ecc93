// Loss functions of torch.nn.functional. Each records one node for the loss of every element, its
// backward beside its forward (PyTorch's gradient formulas: no kink of |x| or max and no clamped log
// bends a gradient); the reduction is the sum, mean or div op recorded after it.
#include <cmath>
#include <limits>

#include "engine/ops/op_utils.h"

namespace gradlab {
namespace {

Tensor applyReduction(const Tensor& loss, Reduction r) {
    switch (r) {
        case Reduction::None: return loss;
        case Reduction::Sum: return sum(loss);
        case Reduction::Mean: return mean(loss);
    }
    return loss;
}

void checkSameShape(const Tensor& input, const Tensor& target, const char* op) {
    detail::commonDevice(op, {&input, &target});
    GL_CHECK(input.shape() == target.shape(), op, ": input shape ", shapeStr(input.shape()),
             " and target shape ", shapeStr(target.shape()), " differ");
}

}  // namespace

Reduction parseReduction(std::string_view name) {
    if (name == "mean") return Reduction::Mean;
    if (name == "sum") return Reduction::Sum;
    if (name == "none") return Reduction::None;
    GL_FAIL("unknown reduction '", name, "' (expected mean, sum or none)");
}

Tensor mseLoss(const Tensor& input, const Tensor& target, Reduction reduction) {
    checkSameShape(input, target, "mse_loss");
    Tensor d, loss;
    {
        NoGradGuard ng;
        d = sub(input, target);
        loss = mul(d, d);
    }
    loss = record(OpId::mse_loss, loss, {&input, &target}, [d](const Tensor& dy, GradSlots& g) {
        // d input = 2 (input - target) dy, d target = -d input
        Tensor dx = mul(mul(dy, d), 2.0f);
        if (g.needs(1)) g.set(1, neg(dx));
        g.set(0, std::move(dx));
    });
    return applyReduction(loss, reduction);
}

Tensor l1Loss(const Tensor& input, const Tensor& target, Reduction reduction) {
    checkSameShape(input, target, "l1_loss");
    Tensor d, loss;
    {
        NoGradGuard ng;
        d = sub(input, target);
        loss = abs(d);
    }
    loss = record(OpId::l1_loss, loss, {&input, &target}, [d](const Tensor& dy, GradSlots& g) {
        // d input = sign(input - target) dy (0 where they are equal, as torch), d target = -d input:
        // abs's derivative (kernels/elementwise_math.h).
        Tensor dyc = detail::contig(dy);
        Tensor dx = empty(dy.shape(), dy.device());
        GL_DISPATCH(dy.device(), unaryBackward, UnaryOp::Abs, d, Tensor(), dyc, dx, 0.0f, 0.0f);
        if (g.needs(1)) g.set(1, neg(dx));
        g.set(0, std::move(dx));
    });
    return applyReduction(loss, reduction);
}

Tensor binaryCrossEntropy(const Tensor& input, const Tensor& target, Reduction reduction) {
    checkSameShape(input, target, "binary_cross_entropy");
    for (float v : input.toVector())
        GL_CHECK(v >= 0.0f && v <= 1.0f, "binary_cross_entropy: every input must be a probability in [0, 1], found ",
                 v, " (use binary_cross_entropy_with_logits for raw scores)");
    Tensor x = input.detach(), t = target.detach();
    Tensor loss;
    {
        NoGradGuard ng;
        // -(t log x + (1 - t) log(1 - x)), each log clamped at -100 like PyTorch
        loss = neg(add(mul(t, clampMin(log(x), -100.0f)), mul(rsub(1.0f, t), clampMin(log(rsub(1.0f, x)), -100.0f))));
    }
    loss = record(OpId::binary_cross_entropy, loss, {&input, &target}, [x, t](const Tensor& dy, GradSlots& g) {
        // PyTorch: dx = dy (x - t) / max(x (1 - x), 1e-12)
        if (g.needs(0)) g.set(0, div(mul(dy, sub(x, t)), clampMin(mul(rsub(1.0f, x), x), 1e-12f)));
        // PyTorch: dt = -logit(x) dy = -log(x / (1 - x)) dy (not clamped)
        if (g.needs(1)) g.set(1, mul(neg(log(div(x, rsub(1.0f, x)))), dy));
    });
    return applyReduction(loss, reduction);
}

Tensor binaryCrossEntropyWithLogits(const Tensor& logits, const Tensor& target, Reduction reduction,
                                    const Tensor& posWeight) {
    checkSameShape(logits, target, "binary_cross_entropy_with_logits");
    if (posWeight.defined()) {
        detail::commonDevice("binary_cross_entropy_with_logits", {&logits, &posWeight});
        GL_CHECK(broadcastShapes(posWeight.shape(), target.shape(), "binary_cross_entropy_with_logits") == target.shape(),
                 "binary_cross_entropy_with_logits: pos_weight of shape ", shapeStr(posWeight.shape()),
                 " does not broadcast to the target's shape ", shapeStr(target.shape()));
    }
    Tensor x = logits.detach(), t = target.detach(), pw = posWeight.defined() ? posWeight.detach() : Tensor();
    Tensor loss, softNeg;
    {
        NoGradGuard ng;
        // PyTorch's stable form: with m = max(-x, 0), softplus(-x) = log(exp(-m) + exp(-x - m)) + m and
        // loss = (1 - t) x + w softplus(-x), w = 1 + (pos_weight - 1) t.
        Tensor m = clampMin(neg(x), 0.0f);
        Tensor lse = log(add(exp(neg(m)), exp(sub(neg(x), m))));
        softNeg = add(lse, m);
        if (pw.defined()) {
            Tensor w = add(mul(sub(pw, 1.0f), t), 1.0f);
            loss = add(mul(rsub(1.0f, t), x), mul(w, softNeg));
        } else {
            loss = add(add(mul(rsub(1.0f, t), x), m), lse);
        }
    }
    // Its own backward (PyTorch's formulas) rather than the parts': the parts have kinks at x = 0
    // (|x|, max) whose one-sided derivatives would give a wrong gradient exactly there.
    loss = record(OpId::bce_with_logits, loss, {&logits, &target, &posWeight},
                  [x, t, pw, softNeg](const Tensor& dy, GradSlots& g) {
                      if (g.needs(0)) {
                          // dx = (sigmoid(x) - t) dy, or ((pw t + 1 - t) sigmoid(x) - pw t) dy
                          Tensor dx;
                          if (pw.defined()) {
                              Tensor pt = mul(pw, t);
                              dx = sub(mul(sub(add(pt, 1.0f), t), sigmoid(x)), pt);
                          } else {
                              dx = sub(sigmoid(x), t);
                          }
                          g.set(0, mul(dx, dy));
                      }
                      if (g.needs(1)) {
                          // dt = -x dy, or (log_sigmoid(-x) - pw log_sigmoid(x)) dy with
                          // log_sigmoid(x) = -softplus(-x), log_sigmoid(-x) = -softplus(-x) - x
                          if (pw.defined())
                              g.set(1, mul(sub(mul(softNeg, sub(pw, 1.0f)), x), dy));
                          else
                              g.set(1, mul(neg(x), dy));
                      }
                      // d pos_weight = t softplus(-x) dy, summed over the broadcast dims
                      if (g.needs(2)) g.set(2, reduceToShape(mul(mul(t, softNeg), dy), pw.shape()));
                  });
    return applyReduction(loss, reduction);
}

namespace {

// The class dimension of nll_loss and cross_entropy: input (N, C, d...) is read as R = N d... rows
// of C classes, and the target (N, d...) as one class per row (or ignore_index).
struct ClassRows {
    Shape inputShape, targetShape;
    Shape perm;       // (N, C, d...) -> (N, d..., C); empty for a 2-D input
    int64_t R = 0, C = 0;
    int64_t count = 0;  // rows whose target is not ignore_index
    Tensor index;     // (R, 1): the target class, 0 where ignored
    Tensor mask;      // (R): 1, or 0 where ignored
};

ClassRows classRows(const Tensor& input, const Tensor& target, int64_t ignoreIndex, const char* op) {
    detail::commonDevice(op, {&input, &target});
    GL_CHECK(input.dim() >= 2, op, ": input must be (N, C) or (N, C, d...), got ", shapeStr(input.shape()));
    ClassRows cr;
    cr.inputShape = input.shape();
    cr.targetShape = target.shape();
    Shape expect{input.size(0)};
    for (int64_t k = 2; k < input.dim(); ++k) expect.push_back(input.size(k));
    GL_CHECK(target.shape() == expect, op, ": target shape ", shapeStr(target.shape()), " does not match input ",
             shapeStr(input.shape()), " (expected ", shapeStr(expect), ")");
    cr.C = input.size(1);
    detail::checkIndices(target, cr.C, (std::string(op) + " (target class)").c_str(), ignoreIndex);
    if (input.dim() > 2) {
        cr.perm.push_back(0);
        for (int64_t k = 2; k < input.dim(); ++k) cr.perm.push_back(k);
        cr.perm.push_back(1);
    }
    std::vector<float> t = target.toVector(), idx(t.size()), valid(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        const bool ok = int64_t(t[i]) != ignoreIndex;
        idx[i] = ok ? t[i] : 0.0f;
        valid[i] = ok ? 1.0f : 0.0f;
        cr.count += ok;
    }
    cr.R = int64_t(t.size());
    cr.index = fromData(idx, {cr.R, 1}, input.device());
    cr.mask = fromData(valid, {cr.R}, input.device());
    return cr;
}

// -logProbs[r, target r] for every row (0 where ignored), in the target's shape. No graph.
Tensor nllRows(const Tensor& logProbs, const ClassRows& cr) {
    NoGradGuard ng;
    Tensor lp = cr.perm.empty() ? logProbs : permute(logProbs, cr.perm);
    Tensor picked = reshape(gather(reshape(lp, {-1, cr.C}), 1, cr.index), {cr.R});
    return reshape(neg(mul(picked, cr.mask)), cr.targetShape);
}

// The backward of nllRows: dloss (the target's shape) -> d logProbs (the input's shape), which is
// -dloss at each row's target class and 0 elsewhere.
Tensor nllRowsGrad(const Tensor& dloss, const ClassRows& cr) {
    Tensor g = detail::contig(reshape(mul(neg(dloss), reshape(cr.mask, dloss.shape())), {cr.R, 1}));
    Tensor rows = zeros({cr.R, cr.C}, dloss.device());
    if (cr.R > 0) GL_DISPATCH(dloss.device(), scatterAdd, rows, cr.R, cr.C, 1, cr.index, g);
    if (cr.perm.empty()) return rows;
    Shape permuted;
    for (int64_t k : cr.perm) permuted.push_back(cr.inputShape[std::size_t(k)]);
    Shape inverse(cr.perm.size());
    for (std::size_t k = 0; k < cr.perm.size(); ++k) inverse[std::size_t(cr.perm[k])] = int64_t(k);
    return permute(reshape(rows, permuted), inverse);
}

// The reduction of nll_loss and cross_entropy: the mean is over the rows not ignored.
Tensor reduceRows(const Tensor& loss, Reduction reduction, const ClassRows& cr) {
    switch (reduction) {
        case Reduction::None: return loss;
        case Reduction::Sum: return sum(loss);
        case Reduction::Mean:
            return div(sum(loss), cr.count > 0 ? float(cr.count) : std::numeric_limits<float>::quiet_NaN());
    }
    return loss;
}

}  // namespace

Tensor nllLoss(const Tensor& logProbs, const Tensor& target, Reduction reduction, int64_t ignoreIndex) {
    const ClassRows cr = classRows(logProbs, target, ignoreIndex, "nll_loss");
    Tensor loss = record(OpId::nll_loss, nllRows(logProbs, cr), {&logProbs},
                         [cr](const Tensor& dy, GradSlots& g) { g.set(0, nllRowsGrad(dy, cr)); });
    return reduceRows(loss, reduction, cr);
}

Tensor crossEntropy(const Tensor& logits, const Tensor& target, Reduction reduction, float labelSmoothing,
                    int64_t ignoreIndex) {
    GL_CHECK(labelSmoothing >= 0.0f && labelSmoothing <= 1.0f, "cross_entropy: label_smoothing must be in [0, 1], got ",
             labelSmoothing);
    GL_CHECK(logits.defined() && logits.dim() >= 2, "cross_entropy: logits must be (N, C) or (N, C, d...)");
    const ClassRows cr = classRows(logits, target, ignoreIndex, "cross_entropy");
    // log_softmax over the classes, then nll_loss; smoothing spreads eps over all classes:
    // loss = (1 - eps) nll + eps/C * sum_c(-log p_c).
    const detail::SoftmaxRows logSoftmax = detail::softmaxRows(logits, 1, true);
    const float eps = labelSmoothing, epsPerClass = labelSmoothing / float(cr.C);
    Tensor loss, mask;
    {
        NoGradGuard ng;
        Tensor lp = logSoftmax.result();
        loss = nllRows(lp, cr);
        if (eps != 0.0f) {
            mask = reshape(cr.mask, cr.targetShape);
            loss = add(mul(loss, 1.0f - eps), mul(mul(neg(sum(lp, 1)), mask), epsPerClass));
        }
    }
    loss = record(OpId::cross_entropy, loss, {&logits},
                  [cr, logSoftmax, eps, epsPerClass, mask](const Tensor& dy, GradSlots& g) {
                      Tensor dlp = nllRowsGrad(eps != 0.0f ? mul(dy, 1.0f - eps) : dy, cr);
                      if (eps != 0.0f) {
                          // -eps/C dy for every class of a row not ignored.
                          Shape kept = cr.inputShape;
                          kept[1] = 1;
                          dlp = add(dlp, expand(reshape(neg(mul(mul(dy, epsPerClass), mask)), kept), cr.inputShape));
                      }
                      g.set(0, detail::softmaxGrad(logSoftmax, dlp));
                  });
    return reduceRows(loss, reduction, cr);
}

}  // namespace gradlab
