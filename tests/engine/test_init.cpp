// torch.nn.init against PyTorch 1.13 (tests/data/gen_init.py): gains and fans exactly, and every
// scheme's sample mean/std on large tensors within sampling tolerance of torch's formulas (torch's
// own samples are checked against the same tolerance, so the bar is fair). Orthogonality exactly.
#include <QtTest>

#include <Eigen/Dense>
#include <cmath>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/ops/ops.h"

using namespace gradlab;
using nlohmann::json;

namespace {

init::InitParams paramsFrom(const std::string& scheme, const json& j) {
    init::InitParams p;
    if (j.contains("gain")) p.gain = j["gain"];
    if (j.contains("mean")) p.mean = j["mean"];
    if (j.contains("std")) p.std = j["std"];
    if (j.contains("value")) p.value = j["value"];
    if (j.contains("mode")) p.mode = init::parseFanMode(j["mode"].get<std::string>());
    if (j.contains("nonlinearity")) p.nonlinearity = j["nonlinearity"].get<std::string>();
    if (scheme == "trunc_normal") {
        if (j.contains("a")) p.truncA = j["a"];
        if (j.contains("b")) p.truncB = j["b"];
    } else {
        if (j.contains("a")) p.a = j["a"];
        if (j.contains("b")) p.b = j["b"];
    }
    return p;
}

struct Moments {
    double mean, std, min, max;
};
Moments moments(const std::vector<float>& v) {
    double s = 0, mn = INFINITY, mx = -INFINITY;
    for (float x : v) {
        s += x;
        mn = std::min(mn, double(x));
        mx = std::max(mx, double(x));
    }
    double mean = s / double(v.size()), ss = 0;
    for (float x : v) ss += (x - mean) * (x - mean);
    return {mean, std::sqrt(ss / double(v.size() - 1)), mn, mx};
}

}  // namespace

class TestInit : public QObject {
    Q_OBJECT
private slots:
    void gains() {
        json data = test::loadJson("init_golden.json");
        for (const auto& g : data["gains"]) {
            std::optional<double> param;
            if (!g["param"].is_null()) param = g["param"].get<double>();
            double got = init::calculateGain(g["nonlinearity"].get<std::string>(), param);
            QCOMPARE(got, g["gain"].get<double>());
        }
        QVERIFY_THROWS_EXCEPTION(Error, init::calculateGain("softmax"));
    }

    void fans() {
        json data = test::loadJson("init_golden.json");
        for (const auto& f : data["fans"]) {
            Shape s;
            for (const auto& d : f["shape"]) s.push_back(d.get<int64_t>());
            init::Fans got = init::calculateFans(s);
            QCOMPARE(got.fanIn, f["fan_in"].get<int64_t>());
            QCOMPARE(got.fanOut, f["fan_out"].get<int64_t>());
        }
        QVERIFY_THROWS_EXCEPTION(Error, init::calculateFans(Shape{5}));
        Generator gen(1);
        Tensor v = zeros({5});
        QVERIFY_THROWS_EXCEPTION(Error, init::kaimingUniform_(v, gen));
        QVERIFY_THROWS_EXCEPTION(Error, init::xavierNormal_(v, gen));
        QVERIFY_THROWS_EXCEPTION(Error, init::orthogonal_(v, gen));
        QVERIFY_THROWS_EXCEPTION(Error, init::parseFanMode("fan_avg"));
        Tensor w = zeros({4, 4});
        QVERIFY_THROWS_EXCEPTION(Error, init::initialize(w, "he_normal", gen));
    }

    void schemes() {
        json data = test::loadJson("init_golden.json");
        Generator gen(2024);
        int checked = 0;
        for (const auto& e : data["schemes"]) {
            const std::string scheme = e["scheme"];
            Shape shape;
            for (const auto& d : e["shape"]) shape.push_back(d.get<int64_t>());
            const init::InitParams p = paramsFrom(scheme, e["params"]);
            const double wantStd = e["expected_std"], wantMean = e["expected_mean"];
            const QString what = QString::fromStdString(scheme + " " + shapeStr(shape) + " " + e["params"].dump());

            // Our theoretical std is torch's formula.
            QVERIFY2(std::fabs(init::expectedStd(scheme, shape, p) - wantStd) <= 1e-12 * std::max(wantStd, 1.0),
                     qPrintable(what));

            Tensor t = zeros(shape).setRequiresGrad();
            init::initialize(t, scheme, gen, p);
            QVERIFY(t.requiresGrad() && !t.gradFn());  // filled in place, still a leaf
            Moments m = moments(t.toVector());
            const double n = double(t.numel());
            // 6 sigma of the sampling error of the mean and of the standard deviation.
            const double meanTol = 6.0 * wantStd / std::sqrt(n) + 1e-7, stdTol = 6.0 * wantStd / std::sqrt(2.0 * n) + 1e-7;
            QVERIFY2(std::fabs(m.mean - wantMean) <= meanTol,
                     qPrintable(what + QString(": mean %1, expected %2").arg(m.mean).arg(wantMean)));
            QVERIFY2(std::fabs(m.std - wantStd) <= stdTol,
                     qPrintable(what + QString(": std %1, expected %2").arg(m.std).arg(wantStd)));
            // torch's own sample passes the same bar.
            QVERIFY2(std::fabs(e["torch"]["mean"].get<double>() - wantMean) <= meanTol, qPrintable(what));
            QVERIFY2(std::fabs(e["torch"]["std"].get<double>() - wantStd) <= stdTol, qPrintable(what));
            if (e.contains("bounds")) {
                const float lo = float(e["bounds"][0].get<double>()), hi = float(e["bounds"][1].get<double>());
                QVERIFY2(m.min >= lo && m.max <= hi, qPrintable(what + " out of bounds"));
                // And the bounds are reached (the whole range is used).
                QVERIFY2(m.min < lo + 0.01 * (hi - lo) && m.max > hi - 0.01 * (hi - lo), qPrintable(what + " range"));
            }
            ++checked;
        }
        QCOMPARE(checked, 28);
    }

    void expectedStdFromFans() {
        init::InitParams p;
        QCOMPARE(init::expectedStd("kaiming_normal", 100, 10, p), std::sqrt(2.0 / (1 + 0.0)) / 10.0);
        p.nonlinearity = "relu";
        p.mode = init::FanMode::FanOut;
        QCOMPARE(init::expectedStd("kaiming_uniform", 100, 25, p), std::sqrt(2.0) / 5.0);
        p.gain = 2.0;
        QCOMPARE(init::expectedStd("xavier_normal", 30, 20, p), 2.0 * std::sqrt(2.0 / 50.0));
        QCOMPARE(init::expectedStd("orthogonal", 30, 20, p), 2.0 / std::sqrt(30.0));
        QCOMPARE(init::expectedStd("zeros", 30, 20, p), 0.0);
        QCOMPARE(int(init::schemeNames().size()), 11);
        for (auto s : init::schemeNames()) QVERIFY(init::expectedStd(s, 8, 8) >= 0.0);
    }

    void orthogonal() {
        Generator gen(3);
        for (auto [rows, cols] : {std::pair<int64_t, int64_t>{64, 288}, {100, 30}, {50, 50}}) {
            Tensor w = empty({rows, cols});
            init::orthogonal_(w, gen, 1.0);
            std::vector<float> v = w.toVector();
            Eigen::MatrixXd m(rows, cols);
            for (int64_t i = 0; i < rows; ++i)
                for (int64_t j = 0; j < cols; ++j) m(i, j) = v[std::size_t(i * cols + j)];
            Eigen::MatrixXd g = rows <= cols ? Eigen::MatrixXd(m * m.transpose()) : Eigen::MatrixXd(m.transpose() * m);
            double err = (g - Eigen::MatrixXd::Identity(g.rows(), g.cols())).cwiseAbs().maxCoeff();
            QVERIFY2(err <= 1e-5, qPrintable(QString("(%1, %2): max |W W^T - I| = %3").arg(rows).arg(cols).arg(err)));
        }
        // A conv weight (out, in, k, k) is orthogonal as (out, in*k*k), scaled by the gain.
        Tensor c = empty({8, 4, 3, 3});
        init::orthogonal_(c, gen, 2.0);
        std::vector<float> v = c.toVector();
        Eigen::Map<Eigen::Matrix<float, 8, 36, Eigen::RowMajor>> m(v.data());
        Eigen::MatrixXd g = (m * m.transpose()).cast<double>();
        QVERIFY((g - 4.0 * Eigen::MatrixXd::Identity(8, 8)).cwiseAbs().maxCoeff() <= 4e-5);
    }

    void sameSeedSameWeights() {
        Generator a(9), b(9);
        Tensor x = empty({16, 16}), y = empty({16, 16});
        init::kaimingNormal_(x, a);
        init::kaimingNormal_(y, b);
        QCOMPARE(x.toVector(), y.toVector());
        // Views are filled in place: only the viewed elements change.
        Tensor big = zeros({4, 6});
        Tensor right = big.slice(1, 3, 6);
        init::ones_(right);
        QCOMPARE(big.toVector(), (std::vector<float>{0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1}));
        // Empty tensors are left alone, like torch.
        Tensor e = empty({0, 5});
        init::kaimingUniform_(e, a);
        init::xavierUniform_(e, a);
        QCOMPARE(e.numel(), int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestInit)
#include "test_init.moc"
