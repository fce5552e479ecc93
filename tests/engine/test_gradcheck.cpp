// Gradient check of every op in the op table: our backward against central finite differences of
// our own float32 forward, summed in double, for every case of the op-test table (op_cases.h:
// broadcasting, transposed and sliced inputs, odd sizes, options); a test fails when an op has no case.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "common/check.h"
#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/ops.h"
#include "op_cases.h"

using namespace gradlab;
using namespace gradlab::test;

namespace {

// Finite differences: the step, and the tolerances relative to the finite difference (rtol) and to
// the largest gradient of the input (atolRel).
constexpr double kStep = 1e-2, kRtol = 1e-2, kAtolRel = 1e-3;

// Address of the element with row-major position `linear` in a strided tensor.
float* elementPtr(const Tensor& t, int64_t linear) {
    int64_t off = 0;
    for (int64_t d = t.dim() - 1; d >= 0; --d) {
        int64_t sz = t.size(d);
        off += (linear % sz) * t.strides()[std::size_t(d)];
        linear /= sz;
    }
    return t.data() + off;
}

// sum(fn(inputs) * r) in double, evaluated without a graph.
double weightedSum(const CaseFn& fn, const std::vector<Tensor>& inputs, const std::vector<float>& r) {
    NoGradGuard ng;
    std::vector<float> out = fn(inputs).toVector();
    double s = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) s += double(out[i]) * double(r[i]);
    return s;
}

// d sum(fn * r) / d inputs[k] by central differences, element by element.
std::vector<double> numericGrad(const CaseFn& fn, const std::vector<Tensor>& inputs, std::size_t k,
                                const std::vector<float>& r, double h) {
    const Tensor& x = inputs[k];
    std::vector<double> g(static_cast<std::size_t>(x.numel()));
    for (int64_t j = 0; j < x.numel(); ++j) {
        float* p = elementPtr(x, j);
        const float orig = *p;
        *p = float(orig + h);
        const double hp = double(*p) - orig;  // the step float32 can actually take
        const double up = weightedSum(fn, inputs, r);
        *p = float(orig - h);
        const double hm = orig - double(*p);
        const double down = weightedSum(fn, inputs, r);
        *p = orig;
        g[std::size_t(j)] = (up - down) / (hp + hm);
    }
    return g;
}

// |analytic - numeric| <= 1e-5 + atolRel * max|numeric| + rtol * |numeric| for every element.
bool gradientsAgree(const std::vector<float>& analytic, const std::vector<double>& numeric, double rtol,
                    double atolRel, std::string* why) {
    double scale = 0.0;
    for (double v : numeric) scale = std::max(scale, std::fabs(v));
    return test::allClose(analytic, numeric, rtol, 1e-5 + atolRel * scale, why);
}

std::vector<const OpCase*> gradCases() {
    std::vector<const OpCase*> cases;
    for (const OpCase& c : opCases())
        if (c.use & kGradcheck) cases.push_back(&c);
    return cases;
}

}  // namespace

class TestGradcheck : public QObject {
    Q_OBJECT
private slots:
    void everyOpHasACase() {
        std::set<OpId> covered;
        for (const OpCase* c : gradCases()) covered.insert(c->op);
        const std::string missing = missingOps(covered);
        QVERIFY2(missing.empty(), ("ops without a gradient-check case in op_cases.cpp: " + missing).c_str());
    }

    void gradcheck_data() {
        QTest::addColumn<int>("caseIndex");
        const std::vector<const OpCase*> cases = gradCases();
        for (std::size_t i = 0; i < cases.size(); ++i) QTest::newRow(cases[i]->name.c_str()) << int(i);
    }

    void gradcheck() {
        QFETCH(int, caseIndex);
        const OpCase& c = *gradCases()[std::size_t(caseIndex)];
        Generator gen(1000 + uint64_t(caseIndex));
        std::vector<Tensor> inputs;
        for (const In& in : c.inputs) inputs.push_back(makeInput(in, gen));

        Tensor out = c.fn(inputs);
        QVERIFY(out.requiresGrad());
        if (!c.identity) QVERIFY2(opsIn(out).count(c.op), "the case does not run the op it claims to cover");
        // A random upstream gradient: every output element (and any mistake in it) counts.
        Tensor r = randn(out.shape(), gen);
        std::vector<float> rv = r.toVector();
        out.backward(r);

        for (std::size_t k = 0; k < inputs.size(); ++k) {
            if (!c.inputs[k].diff) {
                QVERIFY2(!inputs[k].grad().defined(), "an input that needs no gradient got one");
                continue;
            }
            const Tensor& x = inputs[k];
            QVERIFY2(x.grad().defined(), qPrintable(QString("input %1 got no gradient").arg(k)));
            QCOMPARE(x.grad().shape(), x.shape());
            std::vector<double> numeric = numericGrad(c.fn, inputs, k, rv, kStep);
            std::string why;
            const bool ok = gradientsAgree(x.grad().toVector(), numeric, kRtol, kAtolRel, &why);
            QVERIFY2(ok, qPrintable(QString("input %1: %2").arg(k).arg(QString::fromStdString(why))));
        }
    }

    // dropout: the gradient is the mask scaled by 1/(1-p), the same mask as the forward's.
    void dropoutGradientIsTheScaledMask() {
        Generator gen(3);
        Tensor x = makeInput(uniform({40, 50}, 0.5f, 1.5f), gen);
        const float p = 0.25f;
        Generator g(99);
        Tensor y = dropout(x, p, true, g);
        y.backward(onesLike(y));
        std::vector<float> xv = x.toVector(), yv = y.toVector(), gv = x.grad().toVector();
        int64_t kept = 0;
        for (std::size_t i = 0; i < xv.size(); ++i) {
            const bool keep = yv[i] != 0.0f;  // x >= 0.5, so a kept element is never 0
            kept += keep;
            QCOMPARE(gv[i], keep ? 1.0f / (1.0f - p) : 0.0f);
            if (keep) QCOMPARE(yv[i], xv[i] * (1.0f / (1.0f - p)));
        }
        // 2000 Bernoulli(0.75) draws: the kept fraction is within 5 standard deviations of 0.75.
        QVERIFY(std::fabs(double(kept) / 2000.0 - 0.75) < 5 * std::sqrt(0.75 * 0.25 / 2000.0));
        // The same generator state gives the same mask; eval mode and p = 0 are the identity.
        Generator g2(99);
        QCOMPARE(dropout(x.detach(), p, true, g2).toVector(), yv);
        QVERIFY(dropout(x, p, false, g).sameAs(x));
        QCOMPARE(dropout(x, 1.0f, true, g).toVector(), std::vector<float>(xv.size(), 0.0f));
        QVERIFY_THROWS_EXCEPTION(Error, dropout(x, 1.5f, true, g));
    }

    // The check itself must be able to fail: a gradient off by a small factor is caught.
    void checkerCatchesAWrongGradient() {
        Generator gen(5);
        Tensor x = makeInput(normal({7}), gen);
        CaseFn wrong = [](const std::vector<Tensor>& v) {
            // exp with a backward that is 2% too large
            Tensor y = exp(v[0].detach());
            return record(OpId::exp, y, {&v[0]}, [y = y.detach()](const Tensor& dy, GradSlots& g) {
                g.set(0, mul(mul(dy, y), 1.02f));
            });
        };
        Tensor out = wrong({x});
        Tensor r = randn(out.shape(), gen);
        std::vector<float> rv = r.toVector();
        out.backward(r);
        std::vector<double> numeric = numericGrad(wrong, {x}, 0, rv, kStep);
        QVERIFY(!gradientsAgree(x.grad().toVector(), numeric, kRtol, kAtolRel, nullptr));
        // ... and the right one passes.
        x.zeroGrad();
        CaseFn right = [](const std::vector<Tensor>& v) { return exp(v[0]); };
        right({x}).backward(r);
        QVERIFY(gradientsAgree(x.grad().toVector(), numericGrad(right, {x}, 0, rv, kStep), kRtol, kAtolRel, nullptr));
    }
};

QTEST_GUILESS_MAIN(TestGradcheck)
#include "test_gradcheck.moc"
