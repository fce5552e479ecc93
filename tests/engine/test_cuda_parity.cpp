// CUDA against CPU: one table of ops (forward value and every input gradient, odd sizes, strided
// views, broadcasting) run on both devices from the same random inputs, with every new device
// block poisoned with NaN so that an element a kernel forgets to write fails the comparison.
// Then whole runs: every optimizer 50 steps, the optimizers, cnn, attention and vit lessons 50 steps,
// module/optimizer moves between devices, checkpoints across devices (lessons' too), and the errors
// (device mixing, OOM).
// Skips cleanly where no CUDA device is usable.
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <string>

#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/data/image_io.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/activation.h"
#include "engine/nn/linear.h"
#include "engine/nn/sequential.h"
#include "engine/ops/ops.h"
#include "engine/ops/transformer_ops.h"
#include "engine/optim/optimizer.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"

using namespace gradlab;

namespace {

constexpr double kRtol = 1e-5;  // FP32 everywhere (our SGEMM uses no TF32)

// The device under test: CUDA. GRADLAB_PARITY_SELFCHECK=1 runs the whole table CPU against CPU,
// which checks the table and the harness themselves on a machine without a GPU.
bool selfCheck() { return qEnvironmentVariableIntValue("GRADLAB_PARITY_SELFCHECK") == 1; }
Device target() { return selfCheck() ? Device::CPU : Device::CUDA; }

// How an input is drawn.
enum class In { Normal, Positive, Prob, Index };
struct Input {
    Shape shape;
    In kind = In::Normal;
    int64_t range = 0;  // Index: integers in [0, range)
};

using OpFn = std::function<Tensor(const std::vector<Tensor>&, Generator&)>;
struct Case {
    std::string name;
    std::vector<Input> inputs;
    OpFn f;
    double rtol = kRtol;
};

Tensor draw(const Input& in, Generator& gen) {
    const int64_t n = numelOf(in.shape);
    std::vector<float> v(static_cast<std::size_t>(n));
    for (float& x : v) {
        switch (in.kind) {
            case In::Normal: x = gen.normal(); break;
            case In::Positive: x = 0.5f + 1.5f * gen.uniform(); break;
            case In::Prob: x = 0.05f + 0.9f * gen.uniform(); break;
            case In::Index: x = float(gen.below(uint64_t(in.range))); break;
        }
    }
    return fromData(v, in.shape);
}

// max |a - b| / max |ref|, and whether b has a NaN where ref has none (an unwritten output).
struct Diff {
    double rel = 0;
    bool strayNan = false;
};
Diff compare(const Tensor& ref, const Tensor& got) {
    const std::vector<float> a = ref.toVector(), b = got.toVector();
    Diff d;
    double maxRef = 0, maxErr = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::isnan(a[i]) != std::isnan(b[i])) d.strayNan = true;
        if (std::isnan(a[i]) || std::isnan(b[i])) continue;
        if (std::isinf(a[i]) || std::isinf(b[i])) {
            if (a[i] != b[i]) d.strayNan = true;
            continue;
        }
        maxRef = std::max(maxRef, double(std::fabs(a[i])));
        maxErr = std::max(maxErr, double(std::fabs(a[i] - b[i])));
    }
    d.rel = maxErr == 0 ? 0 : maxErr / std::max(maxRef, 1e-30);
    return d;
}

#define GL_PARITY(ref, got, rtol, what)                                                                      \
    do {                                                                                                     \
        QCOMPARE((got).device(), target());                                                                  \
        QVERIFY((got).shape() == (ref).shape());                                                             \
        const Diff d_ = compare((ref), (got).to(Device::CPU));                                               \
        QVERIFY2(!d_.strayNan, qPrintable(QString("%1: NaN/inf where the CPU has none").arg(what)));        \
        QVERIFY2(d_.rel < (rtol), qPrintable(QString("%1: relative error %2").arg(what).arg(d_.rel)));       \
    } while (0)

std::vector<Case> cases() {
    using V = const std::vector<Tensor>&;
    using G = Generator&;
    const Shape s7x33{7, 33};
    std::vector<Case> c;
    auto unary = [&](std::string name, std::function<Tensor(const Tensor&)> f, In kind = In::Normal) {
        for (const Shape& s : {Shape{1}, Shape{7}, Shape{33, 257}})
            c.push_back({name + " " + shapeStr(s), {{s, kind}}, [f](V x, G) { return f(x[0]); }});
        // A strided view in, as a layer's transposed activations would be.
        c.push_back({name + " transposed", {{{33, 7}, kind}}, [f](V x, G) { return f(x[0].t()); }});
    };
    unary("neg", [](const Tensor& x) { return neg(x); });
    unary("exp", [](const Tensor& x) { return exp(x); });
    unary("log", [](const Tensor& x) { return log(x); }, In::Positive);
    unary("sqrt", [](const Tensor& x) { return sqrt(x); }, In::Positive);
    unary("abs", [](const Tensor& x) { return abs(x); });
    unary("sigmoid", [](const Tensor& x) { return sigmoid(x); });
    unary("tanh", [](const Tensor& x) { return tanh(x); });
    unary("relu", [](const Tensor& x) { return relu(x); });
    unary("leaky_relu", [](const Tensor& x) { return leakyRelu(x, 0.1f); });
    unary("elu", [](const Tensor& x) { return elu(x, 0.7f); });
    unary("gelu", [](const Tensor& x) { return gelu(x); });
    unary("gelu_tanh", [](const Tensor& x) { return gelu(x, GeluApprox::Tanh); });
    unary("softplus", [](const Tensor& x) { return softplus(x, 2.0f, 1.0f); });
    unary("silu", [](const Tensor& x) { return silu(x); });
    unary("scalar ops", [](const Tensor& x) { return rsub(1.5f, x * 3.0f + 2.0f) / 0.7f; });
    unary("rdiv", [](const Tensor& x) { return rdiv(2.0f, x); }, In::Positive);
    unary("pow 2", [](const Tensor& x) { return pow(x, 2.0f); });
    unary("pow 1.7", [](const Tensor& x) { return pow(x, 1.7f); }, In::Positive);
    unary("clamp", [](const Tensor& x) { return clamp(x, -0.5f, 0.8f); });

    // Broadcasting binary ops and where.
    auto binary = [&](std::string name, std::function<Tensor(const Tensor&, const Tensor&)> f, In kb = In::Normal) {
        c.push_back({name + " same", {{{7, 33}}, {{7, 33}, kb}}, [f](V x, G) { return f(x[0], x[1]); }});
        c.push_back({name + " row", {{{7, 33}}, {{33}, kb}}, [f](V x, G) { return f(x[0], x[1]); }});
        c.push_back({name + " outer", {{{7, 1, 5}}, {{1, 4, 5}, kb}}, [f](V x, G) { return f(x[0], x[1]); }});
        c.push_back({name + " scalar", {{{257}}, {{1}, kb}}, [f](V x, G) { return f(x[0], x[1]); }});
        c.push_back({name + " views", {{{33, 7}}, {{7, 66}, kb}},
                     [f](V x, G) { return f(x[0].t(), x[1].slice(1, 0, 66, 2)); }});
    };
    binary("add", [](const Tensor& a, const Tensor& b) { return a + b; });
    binary("sub", [](const Tensor& a, const Tensor& b) { return a - b; });
    binary("mul", [](const Tensor& a, const Tensor& b) { return a * b; });
    binary("div", [](const Tensor& a, const Tensor& b) { return a / b; }, In::Positive);
    binary("maximum", [](const Tensor& a, const Tensor& b) { return maximum(a, b); });
    binary("minimum", [](const Tensor& a, const Tensor& b) { return minimum(a, b); });
    binary("gt", [](const Tensor& a, const Tensor& b) { return gt(a, b) * a; });
    c.push_back({"pow tensor", {{{7, 33}, In::Positive}, {{33}}}, [](V x, G) { return pow(x[0], x[1]); }});
    c.push_back({"where", {{{7, 33}}, {{7, 33}}, {{33}}},
                 [](V x, G) { return where(gt(x[0], x[1]), x[1] * 2.0f, x[2]); }});

    // Reductions along every kind of axis, softmax.
    c.push_back({"sum all", {{{257, 33}}}, [](V x, G) { return sum(x[0]); }});
    c.push_back({"sum dim0", {{{257, 33}}}, [](V x, G) { return sum(x[0], 0); }});
    c.push_back({"sum dim1 keep", {{{7, 33, 5}}}, [](V x, G) { return sum(x[0], 1, true); }});
    c.push_back({"mean last", {{{7, 257}}}, [](V x, G) { return mean(x[0], -1); }});
    c.push_back({"mean view", {{{33, 7}}}, [](V x, G) { return mean(x[0].t(), 1); }});
    c.push_back({"var", {{{7, 33}}}, [](V x, G) { return var(x[0], std::vector<int64_t>{1}); }});
    c.push_back({"max all", {{{33, 257}}}, [](V x, G) { return max(x[0]); }});
    c.push_back({"max dim1", {{{7, 257}}}, [](V x, G) { return max(x[0], 1).first; }});
    c.push_back({"max dim0 indices", {{{257, 7}}}, [](V x, G) { return max(x[0], 0).second; }});
    c.push_back({"min dim1", {{{7, 33, 5}}}, [](V x, G) { return min(x[0], 1).first; }});
    c.push_back({"argmax", {{{7, 1000}}}, [](V x, G) { return argmax(x[0], 1); }});
    for (int64_t n : {1, 7, 33, 257, 1000})
        c.push_back({"softmax " + std::to_string(n), {{{7, n}}}, [](V x, G) { return softmax(x[0], -1); }});
    c.push_back({"softmax dim0", {{{33, 7}}}, [](V x, G) { return softmax(x[0], 0); }});
    c.push_back({"log_softmax", {{{7, 257}}}, [](V x, G) { return logSoftmax(x[0], -1); }});

    // Matrix products (our SGEMM): odd sizes, transposed operands, batches, broadcast batches.
    const std::vector<std::array<int64_t, 3>> sizes = {{1, 1, 1}, {7, 33, 257}, {65, 1, 63}, {257, 129, 33}};
    for (auto [m, k, n] : sizes)
        c.push_back({"matmul " + std::to_string(m) + "x" + std::to_string(k) + "x" + std::to_string(n),
                     {{{m, k}}, {{k, n}}}, [](V x, G) { return matmul(x[0], x[1]); }});
    c.push_back({"matmul transposed", {{{33, 7}}, {{65, 33}}}, [](V x, G) { return matmul(x[0].t(), x[1].t()); }});
    c.push_back({"matmul batched", {{{3, 7, 33}}, {{3, 33, 5}}}, [](V x, G) { return matmul(x[0], x[1]); }});
    c.push_back({"matmul broadcast", {{{2, 1, 5, 7}}, {{3, 7, 4}}}, [](V x, G) { return matmul(x[0], x[1]); }});
    c.push_back({"matmul vector", {{{33}}, {{33, 7}}}, [](V x, G) { return matmul(x[0], x[1]); }});

    // Shapes, indexing, copies into strided destinations.
    c.push_back({"concat", {{{7, 3}}, {{7, 5}}}, [](V x, G) { return concat(std::vector<Tensor>{x[0], x[1]}, 1); }});
    c.push_back({"stack views", {{{5, 7}}, {{7, 5}}}, [](V x, G) { return stack(std::vector<Tensor>{x[0].t(), x[1]}, 0); }});
    c.push_back({"permute contiguous", {{{2, 3, 5}}}, [](V x, G) { return x[0].permute({2, 0, 1}).contiguous() * 2.0f; }});
    c.push_back({"index_select", {{{7, 33}}, {{9}, In::Index, 7}}, [](V x, G) { return indexSelect(x[0], 0, x[1]); }});
    c.push_back({"gather", {{{7, 33}}, {{7, 5}, In::Index, 33}}, [](V x, G) { return gather(x[0], 1, x[1]); }});
    c.push_back({"embedding", {{{4, 9}, In::Index, 11}, {{11, 6}}}, [](V x, G) { return embedding(x[0], x[1]); }});
    c.push_back({"dropout", {{{7, 33}}}, [](V x, G g) { return dropout(x[0], 0.3f, true, g); }});

    // Losses.
    c.push_back({"mse", {{{7, 33}}, {{7, 33}}}, [](V x, G) { return mseLoss(x[0], x[1]); }});
    c.push_back({"l1", {{{7, 33}}, {{7, 33}}}, [](V x, G) { return l1Loss(x[0], x[1], Reduction::Sum); }});
    c.push_back({"bce", {{{7, 33}, In::Prob}, {{7, 33}, In::Prob}},
                 [](V x, G) { return binaryCrossEntropy(x[0], x[1]); }});
    c.push_back({"bce_with_logits", {{{7, 33}}, {{7, 33}, In::Prob}, {{33}, In::Positive}},
                 [](V x, G) { return binaryCrossEntropyWithLogits(x[0], x[1], Reduction::Mean, x[2]); }});
    c.push_back({"cross_entropy", {{{257, 10}}, {{257}, In::Index, 10}},
                 [](V x, G) { return crossEntropy(x[0], x[1], Reduction::Mean, 0.1f); }});
    c.push_back({"nll", {{{33, 7}}, {{33}, In::Index, 7}},
                 [](V x, G) { return nllLoss(logSoftmax(x[0], 1), x[1], Reduction::Sum); }});

    // Normalisation.
    c.push_back({"layer_norm", {{{7, 33}}, {{33}}, {{33}}},
                 [](V x, G) { return layerNorm(x[0], {33}, x[1], x[2]); }});
    c.push_back({"layer_norm plain", {{{3, 5, 257}}}, [](V x, G) { return layerNorm(x[0], {257}); }});
    c.push_back({"batch_norm train", {{{5, 3, 7, 9}}, {{3}}, {{3}}}, [](V x, G) {
                     Tensor rm = zeros({3}, x[0].device()), rv = ones({3}, x[0].device());
                     Tensor y = batchNorm(x[0], rm, rv, x[1], x[2], true, 0.1, 1e-5);
                     return y + (sum(rm) + sum(rv)).detach();  // the running stats are compared too
                 }});
    c.push_back({"batch_norm eval", {{{5, 3, 7}}, {{3}}, {{3}, In::Positive}}, [](V x, G) {
                     return batchNorm(x[0], x[1].detach(), x[2].detach(), Tensor(), Tensor(), false);
                 }});

    // Convolution and pooling.
    c.push_back({"conv2d pad", {{{2, 3, 9, 9}}, {{4, 3, 3, 3}}, {{4}}},
                 [](V x, G) { return conv2d(x[0], x[1], x[2], 1, 1); }});
    c.push_back({"conv2d stride dilation", {{{3, 2, 11, 10}}, {{5, 2, 3, 2}}},
                 [](V x, G) { return conv2d(x[0], x[1], Tensor(), Size2(2, 1), Size2(1, 0), Size2(2, 1)); }});
    c.push_back({"conv2d groups", {{{2, 4, 7, 7}}, {{6, 2, 3, 3}}, {{6}}},
                 [](V x, G) { return conv2d(x[0], x[1], x[2], 1, 0, 1, 2); }});
    c.push_back({"conv2d 1x1", {{{1, 33, 1, 1}}, {{7, 33, 1, 1}}}, [](V x, G) { return conv2d(x[0], x[1]); }});
    c.push_back({"max_pool2d", {{{2, 3, 9, 9}}}, [](V x, G) { return maxPool2d(x[0], 2); }});
    c.push_back({"max_pool2d pad", {{{2, 3, 9, 8}}}, [](V x, G) { return maxPool2d(x[0], 3, Size2(2), 1, 1, true); }});
    c.push_back({"avg_pool2d", {{{2, 3, 9, 9}}}, [](V x, G) { return avgPool2d(x[0], 2); }});
    c.push_back({"avg_pool2d pad", {{{2, 3, 9, 8}}},
                 [](V x, G) { return avgPool2d(x[0], 3, Size2(2), 1, true, false); }});
    c.push_back({"adaptive_avg_pool2d", {{{2, 3, 7, 9}}}, [](V x, G) { return adaptiveAvgPool2d(x[0], Size2(3, 4)); }});

    // Attention: plain, causal, masked and with dropout; heads as strided views.
    auto attn = [](bool causal, bool masked, float p) {
        return [causal, masked, p](V x, G g) {
            AttentionOptions o;
            o.isCausal = causal;
            if (masked) {
                o.attnMask = x[3].detach();
                o.maskKind = MaskKind::Additive;
            }
            o.dropoutP = p;
            o.generator = &g;
            AttentionResult r = scaledDotProductAttention(x[0].transpose(1, 2), x[1].transpose(1, 2), x[2], o);
            return r.output + sum(r.weights, -1, true);  // both outputs reach the loss
        };
    };
    const std::vector<Input> qkv = {{{2, 7, 3, 8}}, {{2, 9, 3, 8}}, {{2, 3, 9, 5}}, {{7, 9}}};
    c.push_back({"attention", qkv, attn(false, false, 0.0f)});
    c.push_back({"attention causal", qkv, attn(true, false, 0.0f)});
    c.push_back({"attention mask", qkv, attn(false, true, 0.0f)});
    c.push_back({"attention dropout", qkv, attn(false, false, 0.25f)});
    return c;
}

// Runs a case on `device` from the CPU inputs; returns the output and, given an upstream gradient,
// the gradients of the inputs that take one (undefined otherwise).
struct Result {
    Tensor out;
    std::vector<Tensor> grads;
};
Result runCase(const Case& c, const std::vector<Tensor>& cpuInputs, const Tensor& upstreamCpu, Device device,
               uint64_t seed) {
    std::vector<Tensor> xs;
    for (std::size_t i = 0; i < cpuInputs.size(); ++i) {
        Tensor t = cpuInputs[i].to(device).detach();
        if (c.inputs[i].kind != In::Index) t.setRequiresGrad();
        xs.push_back(t);
    }
    Generator gen(seed);
    Result r;
    r.out = c.f(xs, gen);
    if (r.out.requiresGrad() && upstreamCpu.defined()) sum(r.out * upstreamCpu.to(device)).backward();
    for (const Tensor& x : xs) r.grads.push_back(x.requiresGrad() ? x.grad() : Tensor());
    return r;
}

// cnn and vit read Fashion-MNIST where Debian's dataset-fashion-mnist installs it. A GPU machine
// may lack it: the lessons then train on their synthetic fallback set (the same on both devices,
// which is all parity needs), and the log says so.
void noteData(const QString& lesson) {
    if ((lesson == "cnn" || lesson == "vit") && !std::filesystem::exists("/usr/share/datasets/fashion-mnist"))
        qInfo("Fashion-MNIST is not installed here: %s runs on its synthetic fallback data", qPrintable(lesson));
}

// A run of lesson `id` with `sets` ("key=value") over its defaults.
std::unique_ptr<Run> makeLesson(const QString& id, const QStringList& sets, Device device) {
    const LessonSpec* l = findLesson(id.toStdString());
    GL_CHECK(l, "no lesson ", id.toStdString());
    Params p = l->defaults();
    for (const QString& s : sets) {
        auto [k, v] = l->parse(s.toStdString());
        p.assign(k, v);
    }
    return l->make(p, 3, device);
}

// Every scalar with "loss" in its name, point by point: the first difference beyond `rtol`
// (relative), or "" when there is none. `compared` counts the points.
QString lossMismatch(const Recorder& ref, const Recorder& got, double rtol, int& compared) {
    compared = 0;
    for (const std::string& name : ref.scalarNames()) {
        if (name.find("loss") == std::string::npos) continue;
        const Recorder::ScalarTrace* a = ref.scalar(name);
        const Recorder::ScalarTrace* b = got.scalar(name);
        if (!b) return QString("%1: not recorded on the device").arg(name.c_str());
        if (a->values.size() != b->values.size() || a->steps != b->steps)
            return QString("%1: recorded at other steps on the device").arg(name.c_str());
        for (std::size_t i = 0; i < a->values.size(); ++i, ++compared)
            if (!(std::fabs(a->values[i] - b->values[i]) <= rtol * std::fabs(a->values[i])))
                return QString("%1 at step %2: cpu %3, device %4")
                    .arg(name.c_str())
                    .arg(a->steps[i])
                    .arg(a->values[i], 0, 'g', 9)
                    .arg(b->values[i], 0, 'g', 9);
    }
    return {};
}

// The newest image of every name: all of them on the CPU (Image::values must be) and close to the
// CPU run's, within `tol` of the image's largest magnitude (training drifts a little).
QString imageMismatch(const Recorder& ref, const Recorder& got, double tol) {
    if (ref.images().size() != got.images().size()) return "not the same images";
    for (const auto& [name, img] : ref.images()) {
        auto it = got.images().find(name);
        if (it == got.images().end()) return QString("%1: not drawn on the device").arg(name.c_str());
        if (it->second.values.device() != Device::CPU) return QString("%1: not on the CPU").arg(name.c_str());
        if (it->second.values.shape() != img.values.shape()) return QString("%1: other shape").arg(name.c_str());
        const std::vector<float> a = img.values.toVector(), b = it->second.values.toVector();
        double scale = 1.0;
        for (float x : a)
            if (std::isfinite(x)) scale = std::max(scale, double(std::fabs(x)));
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i] && !(std::fabs(double(a[i]) - b[i]) <= tol * scale))  // equal: also a masked -inf
                return QString("%1[%2]: cpu %3, device %4").arg(name.c_str()).arg(i).arg(a[i]).arg(b[i]);
    }
    return {};
}

// A student's picture for the cnn and vit lessons: a dark bar on white paper.
std::string studentPng(const QTemporaryDir& dir) {
    const std::string path = dir.filePath("mine.png").toStdString();
    std::vector<float> px(40 * 40, 1.0f);
    for (int y = 6; y < 34; ++y)
        for (int x = 16; x < 24; ++x) px[std::size_t(y * 40 + x)] = 0.0f;
    writeGrayPng(path, px, 40, 40);
    return path;
}

// A regression MLP on (N, 5) inputs: 5 -> 33 -> 7 (tanh) -> 1.
std::shared_ptr<Sequential> mlp(Generator& gen) {
    return std::make_shared<Sequential>(std::initializer_list<std::shared_ptr<Module>>{
        std::make_shared<Linear>(5, 33, true, gen), std::make_shared<Tanh>(),
        std::make_shared<Linear>(33, 7, true, gen), std::make_shared<Tanh>(), std::make_shared<Linear>(7, 1, true, gen)});
}

}  // namespace

class TestCudaParity : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (selfCheck()) return;
        if (!cudaAvailable()) QSKIP(qPrintable(QString("no CUDA device: %1").arg(cudaStatus().c_str())));
        // Every output block starts as NaN. GRADLAB_PARITY_NO_POISON=1 leaves new blocks as they
        // come, for compute-sanitizer's initcheck (which would see the poison as initialisation).
        cuda::setPoison(qEnvironmentVariableIntValue("GRADLAB_PARITY_NO_POISON") != 1);
    }

    void ops_data() {
        QTest::addColumn<int>("index");
        const auto all = cases();
        for (std::size_t i = 0; i < all.size(); ++i) QTest::newRow(all[i].name.c_str()) << int(i);
    }

    void ops() {
        QFETCH(int, index);
        const Case c = cases()[std::size_t(index)];
        Generator gen(1000 + uint64_t(index));
        std::vector<Tensor> inputs;
        for (const Input& in : c.inputs) inputs.push_back(draw(in, gen));
        const Result probe = runCase(c, inputs, Tensor(), Device::CPU, 7);
        const Tensor upstream = probe.out.requiresGrad() ? randn(probe.out.shape(), gen) : Tensor();
        const Result ref = runCase(c, inputs, upstream, Device::CPU, 7);
        const Result got = runCase(c, inputs, upstream, target(), 7);
        cuda::synchronize();
        GL_PARITY(ref.out, got.out, c.rtol, "forward");
        for (std::size_t i = 0; i < ref.grads.size(); ++i) {
            QCOMPARE(got.grads[i].defined(), ref.grads[i].defined());
            if (ref.grads[i].defined()) GL_PARITY(ref.grads[i], got.grads[i], c.rtol, QString("d input %1").arg(i));
        }
    }

    // Every optimizer and option family: 50 steps of the same MLP on each device, same seed.
    void optimizers50Steps_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("options");
        QTest::newRow("sgd") << "sgd" << "lr=0.05";
        QTest::newRow("momentum") << "sgd" << "lr=0.05,momentum=0.9,dampening=0.1,weight_decay=0.01";
        QTest::newRow("nesterov") << "sgd" << "lr=0.05,momentum=0.9,nesterov=1";
        QTest::newRow("rmsprop") << "rmsprop" << "lr=0.01,momentum=0.5,centered=1,weight_decay=0.01";
        QTest::newRow("adagrad") << "adagrad" << "lr=0.1,lr_decay=0.01,weight_decay=0.01";
        QTest::newRow("adam") << "adam" << "lr=0.01,weight_decay=0.01";
        QTest::newRow("adam amsgrad maximize") << "adam" << "lr=0.01,amsgrad=1,maximize=1";
        QTest::newRow("adamw") << "adamw" << "lr=0.01";
        QTest::newRow("nadam") << "nadam" << "lr=0.01,weight_decay=0.01";
    }

    void optimizers50Steps() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        std::map<std::string, double> opts;
        for (const QString& kv : options.split(',')) opts[kv.section('=', 0, 0).toStdString()] = kv.section('=', 1).toDouble();
        std::vector<double> losses[2];
        for (int d = 0; d < 2; ++d) {
            const Device dev = d == 0 ? Device::CPU : target();
            Generator gen(42);
            auto model = mlp(gen);
            Tensor x = randn({64, 5}, gen), y = randn({64, 1}, gen);
            model->to(dev);
            x = x.to(dev), y = y.to(dev);
            auto opt = makeOptimizer(name.toStdString(), model->parameters(), opts);
            for (int step = 0; step < 50; ++step) {
                opt->zeroGrad();
                Tensor loss = mseLoss((*model)(x), y);
                loss.backward();
                opt->step();
                losses[d].push_back(loss.item());
            }
            if (dev == target())
                for (const Tensor& p : model->parameters()) QCOMPARE(p.device(), target());
        }
        QVERIFY(losses[0].back() != losses[0].front());  // it trained
        for (std::size_t i = 0; i < losses[0].size(); ++i)
            QVERIFY2(std::fabs(losses[0][i] - losses[1][i]) <= 1e-4 * std::fabs(losses[0][i]),
                     qPrintable(QString("step %1: cpu %2, cuda %3").arg(i).arg(losses[0][i]).arg(losses[1][i])));
    }

    // The optimizers lesson, 50 steps on each device: every racer's loss agrees.
    void optimizersLesson50Steps() {
        const LessonSpec* l = findLesson("optimizers");
        QVERIFY(l);
        std::map<std::string, double> last[2];
        for (int d = 0; d < 2; ++d) {
            auto run = l->make(l->defaults(), 3, d == 0 ? Device::CPU : target());
            Recorder rec;
            run->start(rec);
            for (int i = 0; i < 50; ++i) run->step(rec);
            last[d] = rec.lastScalars();
        }
        int compared = 0;
        for (const auto& [key, v] : last[0]) {
            if (key.rfind("loss.", 0) != 0) continue;
            QVERIFY2(last[1].count(key), key.c_str());
            QVERIFY2(std::fabs(v - last[1][key]) <= 1e-4 * std::fabs(v) + 1e-12,
                     qPrintable(QString("%1: cpu %2, cuda %3").arg(key.c_str()).arg(v).arg(last[1][key])));
            ++compared;
        }
        QVERIFY(compared >= 8);
    }

    // The lessons that train networks, 50 steps on each device from the same seed, with settings
    // small enough to be quick: every loss they record agrees step by step (the 1e-4; our
    // SGEMM uses no TF32). The cnn and vit runs show a student's picture, the attention run its
    // worked example with a causal mask, so those paths run on the device too.
    void lessons50Steps_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QStringList>("sets");
        // Evaluation (a held-out set and the test set) comes from summary() after the steps.
        QTest::newRow("cnn") << "cnn" << QStringList{"dataset=fashion-mnist", "batch_size=32", "validation=1000"};
        // Two layers, evaluated (with every head's attention map) every 10 steps.
        QTest::newRow("attention") << "attention" << QStringList{"layers=2", "length=6", "demo.causal=1"};
        QTest::newRow("vit") << "vit" << QStringList{"dataset=fashion-mnist", "layers=1", "heads=2"};
    }

    void lessons50Steps() {
        QFETCH(QString, lesson);
        QFETCH(QStringList, sets);
        noteData(lesson);
        QTemporaryDir dir;
        if (lesson != "attention") sets << QString::fromStdString("image=" + studentPng(dir));
        Recorder rec[2];
        nlohmann::json summary[2];
        for (int d = 0; d < 2; ++d) {
            auto run = makeLesson(lesson, sets, d == 0 ? Device::CPU : target());
            run->start(rec[d]);
            for (int i = 0; i < 50; ++i) run->step(rec[d]);
            summary[d] = run->summary();
            QCOMPARE(run->stepCount(), int64_t(50));
        }
        cuda::synchronize();
        QVERIFY2(rec[1].notes() == rec[0].notes(), "other notes on the device");  // none about the device
        const Recorder::ScalarTrace* loss = rec[0].scalar("loss");
        QVERIFY(loss && loss->values.size() == 50);
        QVERIFY(loss->values.back() < loss->values.front());  // it trained
        int compared = 0;
        const QString bad = lossMismatch(rec[0], rec[1], 1e-4, compared);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QVERIFY(compared >= 50);
        for (const auto& [key, v] : summary[0].items()) {  // cnn: val_loss and test_loss of the network now
            if (key.find("loss") == std::string::npos || !v.is_number()) continue;
            QVERIFY2(summary[1].contains(key) && summary[1][key].is_number(), key.c_str());
            const double a = v.get<double>(), b = summary[1][key].get<double>();
            QVERIFY2(std::fabs(a - b) <= 1e-4 * std::fabs(a),
                     qPrintable(QString("%1: cpu %2, device %3").arg(key.c_str()).arg(a).arg(b)));
        }
        auto last = [&](int d, const char* key) { return rec[d].lastScalars().at(key); };
        if (lesson == "attention") {  // the worked example: fixed vectors, no training
            for (const char* key : {"demo_max_weight", "demo_score_std"})
                QVERIFY2(std::fabs(last(1, key) - last(0, key)) <= kRtol * std::fabs(last(0, key)), key);
        } else {
            QCOMPARE(last(1, "image_label"), -1.0);  // the student's picture, not a test image
        }
        const QString drawn = imageMismatch(rec[0], rec[1], 1e-3);
        QVERIFY2(drawn.isEmpty(), qPrintable(drawn));
    }

    // A lesson's checkpoint saved on one device (its tensors on the CPU) and loaded on the other
    // goes on exactly as the run that stayed: CPU -> device and device -> CPU.
    void lessonCheckpointsAcrossDevices_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QStringList>("sets");
        QTest::newRow("cnn") << "cnn" << QStringList{"dataset=fashion-mnist", "batch_size=16", "validation=0"};
        QTest::newRow("attention") << "attention" << QStringList{"layers=1"};
        QTest::newRow("vit") << "vit" << QStringList{"dataset=fashion-mnist", "layers=1", "heads=2"};
    }

    void lessonCheckpointsAcrossDevices() {
        QFETCH(QString, lesson);
        QFETCH(QStringList, sets);
        noteData(lesson);
        for (const auto& [from, to] : {std::pair{Device::CPU, target()}, std::pair{target(), Device::CPU}}) {
            auto saved = makeLesson(lesson, sets, from);
            auto stays = makeLesson(lesson, sets, from);
            Recorder r;
            saved->start(r), stays->start(r);
            for (int i = 0; i < 10; ++i) saved->step(r), stays->step(r);
            Checkpoint ck;
            ck.lesson = lesson.toStdString();
            saved->save(ck);
            QVERIFY(!ck.tensors.empty());
            for (const auto& [name, t] : ck.tensors) QVERIFY2(t.device() == Device::CPU, name.c_str());
            auto moved = makeLesson(lesson, sets, to);
            moved->load(ck);
            QCOMPARE(moved->stepCount(), int64_t(10));
            Recorder a, b;
            for (int i = 0; i < 10; ++i) stays->step(a), moved->step(b);
            cuda::synchronize();
            int compared = 0;
            const QString bad = lossMismatch(a, b, 1e-4, compared);
            QVERIFY2(bad.isEmpty(), qPrintable(QString("%1 -> %2: %3")
                                                   .arg(QLatin1String(deviceName(from)), QLatin1String(deviceName(to)), bad)));
            QVERIFY(compared >= 10);
        }
    }

    // Training 5 steps on the CPU, moving model and optimizer to CUDA and on: the same as staying.
    void moduleAndOptimizerMove() {
        std::vector<double> losses[2];
        for (int d = 0; d < 2; ++d) {
            Generator gen(5);
            auto model = mlp(gen);
            Tensor x = randn({33, 5}, gen), y = randn({33, 1}, gen);
            auto opt = makeOptimizer("adam", model->parameters(), {{"lr", 0.01}});
            for (int step = 0; step < 10; ++step) {
                if (d == 1 && step == 5) {
                    model->to(target());
                    opt->to(target());
                    x = x.to(target()), y = y.to(target());
                    QCOMPARE(model->device(), target());
                    for (const auto& [n, t] : opt->stateTensors()) QCOMPARE(t.device(), target());
                }
                opt->zeroGrad();
                Tensor loss = mseLoss((*model)(x), y);
                loss.backward();
                opt->step();
                losses[d].push_back(loss.item());
            }
        }
        for (std::size_t i = 0; i < losses[0].size(); ++i)
            QVERIFY2(std::fabs(losses[0][i] - losses[1][i]) <= 1e-5 * std::fabs(losses[0][i]), qPrintable(QString::number(i)));
    }

    // State saved from CUDA loads into a CPU module bit for bit, and back.
    void checkpointsAcrossDevices() {
        Generator g1(9), g2(10);
        auto a = mlp(g1), b = mlp(g2);
        a->to(target());
        b->loadStateDict(a->stateDict());
        for (const auto& [name, t] : b->stateDict()) {
            QCOMPARE(t.device(), Device::CPU);
            QVERIFY(t.toVector() == a->stateDict().at(name).toVector());
        }
        auto c = mlp(g2);
        c->to(target());
        c->loadStateDict(b->stateDict());
        for (const auto& [name, t] : c->stateDict()) QVERIFY(t.toVector() == b->stateDict().at(name).toVector());
    }

    void errors() {
        if (selfCheck()) QSKIP("needs a CUDA device");
        Tensor cpu = ones({3}), gpu = ones({3}, target());
        try {
            (void)add(cpu, gpu);
            QFAIL("mixing devices did not throw");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("different devices"), e.what());
        }
        try {
            (void)empty({int64_t(1) << 40}, target());  // 4 TiB
            QFAIL("a 4 TiB allocation did not throw");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("out of memory") && QString(e.what()).contains("4398046511104"), e.what());
        }
        // The device still works after both.
        QCOMPARE(sum(gpu * 2.0f).item(), 6.0f);
    }
};

QTEST_GUILESS_MAIN(TestCudaParity)
#include "test_cuda_parity.moc"
