// Loss functions of torch.nn.functional. Most are compositions of differentiable ops (their
// gradient then follows from the parts); the two binary cross entropies have PyTorch's own backward,
// so that clamped logs and the kinks of the stable formula do not bend the gradient.
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
    Tensor d = sub(input, target);
    return applyReduction(mul(d, d), reduction);
}

Tensor l1Loss(const Tensor& input, const Tensor& target, Reduction reduction) {
    checkSameShape(input, target, "l1_loss");
    return applyReduction(abs(sub(input, target)), reduction);
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

Tensor nllLoss(const Tensor& logProbs, const Tensor& target, Reduction reduction, int64_t ignoreIndex) {
    detail::commonDevice("nll_loss", {&logProbs, &target});
    GL_CHECK(logProbs.dim() >= 2, "nll_loss: input must be (N, C) or (N, C, d...), got ", shapeStr(logProbs.shape()));
    Shape expect;
    expect.push_back(logProbs.size(0));
    for (int64_t k = 2; k < logProbs.dim(); ++k) expect.push_back(logProbs.size(k));
    GL_CHECK(target.shape() == expect, "nll_loss: target shape ", shapeStr(target.shape()), " does not match input ",
             shapeStr(logProbs.shape()), " (expected ", shapeStr(expect), ")");
    const int64_t C = logProbs.size(1);
    detail::checkIndices(target, C, "nll_loss (target class)", ignoreIndex);

    // Move classes last: (N, C, d...) -> (R, C).
    Tensor lp = logProbs;
    if (logProbs.dim() > 2) {
        Shape perm{0};
        for (int64_t k = 2; k < logProbs.dim(); ++k) perm.push_back(k);
        perm.push_back(1);
        lp = permute(logProbs, perm);
    }
    lp = reshape(lp, {-1, C});
    std::vector<float> t = target.toVector(), idx(t.size()), valid(t.size());
    int64_t count = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        bool ok = int64_t(t[i]) != ignoreIndex;
        idx[i] = ok ? t[i] : 0.0f;
        valid[i] = ok ? 1.0f : 0.0f;
        count += ok;
    }
    const int64_t R = int64_t(t.size());
    Tensor index = fromData(idx, {R, 1}, logProbs.device());
    Tensor mask = fromData(valid, {R}, logProbs.device());
    Tensor picked = reshape(gather(lp, 1, index), {R});
    Tensor loss = neg(mul(picked, mask));
    switch (reduction) {
        case Reduction::None: return reshape(loss, target.shape());
        case Reduction::Sum: return sum(loss);
        case Reduction::Mean:
            return div(sum(loss), count > 0 ? float(count) : std::numeric_limits<float>::quiet_NaN());
    }
    return loss;
}

Tensor crossEntropy(const Tensor& logits, const Tensor& target, Reduction reduction, float labelSmoothing,
                    int64_t ignoreIndex) {
    GL_CHECK(labelSmoothing >= 0.0f && labelSmoothing <= 1.0f, "cross_entropy: label_smoothing must be in [0, 1], got ",
             labelSmoothing);
    GL_CHECK(logits.defined() && logits.dim() >= 2, "cross_entropy: logits must be (N, C) or (N, C, d...)");
    Tensor lp = logSoftmax(logits, 1);
    if (labelSmoothing == 0.0f) return nllLoss(lp, target, reduction, ignoreIndex);
    Tensor nll = nllLoss(lp, target, Reduction::None, ignoreIndex);
    std::vector<float> t = target.toVector(), valid(t.size());
    int64_t count = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        valid[i] = int64_t(t[i]) != ignoreIndex ? 1.0f : 0.0f;
        count += valid[i] != 0.0f;
    }
    Tensor mask = fromData(valid, target.shape(), logits.device());
    const float C = float(logits.size(1));
    // Smoothing spreads eps over all classes: loss = (1 - eps) nll + eps/C * sum_c(-log p_c)
    Tensor smooth = mul(neg(sum(lp, 1)), mask);
    Tensor loss = add(mul(nll, 1.0f - labelSmoothing), mul(smooth, labelSmoothing / C));
    switch (reduction) {
        case Reduction::None: return loss;
        case Reduction::Sum: return sum(loss);
        case Reduction::Mean:
            return div(sum(loss), count > 0 ? float(count) : std::numeric_limits<float>::quiet_NaN());
    }
    return loss;
}

}  // namespace gradlab
