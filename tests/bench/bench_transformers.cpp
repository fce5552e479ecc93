// Transformer benchmarks (not part of ctest), the models and timing method of
// ../shared/reference/pytorch/models.py: random data, Adam lr 1e-3, dropout 0, median of 100 single
// steps after 20 warm-up steps.
//   transformer_block_b32_s16_d64  TransformerEncoderLayer(64, 4, 256, post-LN, ReLU), x 32x16x64,
//                                  MSE to a random target: fwd_bwd and train_step_adam
//   tiny_vit_p7_d64_L2_h4          the reference TinyViT, batch 64, cross-entropy: train_step_adam
//                                  and forward_no_grad
// With --epoch also one epoch of Fashion-MNIST with the tiny ViT (938 steps of 64, shuffled; then the
// test accuracy), as tests/bench/pytorch/bench_transformers.py does with torch.
// Usage: bench_transformers [--json] [--epoch] [--only NAME]   (OMP_NUM_THREADS sets the threads)
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/nn/transformer.h"
#include "engine/nn/vision_transformer.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"

using namespace gradlab;
using Clock = std::chrono::steady_clock;

namespace {

struct Result {
    std::string name, kind;
    double value;  // ms per step, or seconds / percent for the epoch
    std::string unit;
};

double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Median milliseconds of `reps` single calls after `warmup` calls (models.py's time_calls).
double medianMs(const std::function<void()>& f, int warmup = 20, int reps = 100) {
    for (int i = 0; i < warmup; ++i) f();
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
        auto t0 = Clock::now();
        f();
        t.push_back(seconds(t0) * 1e3);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

// Integers 0..n-1 as floats (class labels for cross_entropy).
Tensor randomLabels(int64_t n, int64_t classes, Generator& gen) {
    std::vector<float> v(static_cast<std::size_t>(n));
    for (float& x : v) x = float(gen.below(uint64_t(classes)));
    return fromData(v, {n});
}

// ---- Fashion-MNIST (gzip'd IDX, as the Debian package dataset-fashion-mnist installs it)
const char* kDataDir = "/usr/share/datasets/fashion-mnist";

std::vector<uint8_t> readGz(const std::string& path) {
    gzFile f = gzopen(path.c_str(), "rb");
    GL_CHECK(f, "cannot open ", path, " (install dataset-fashion-mnist)");
    std::vector<uint8_t> out;
    uint8_t buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.insert(out.end(), buf, buf + n);
    gzclose(f);
    return out;
}

struct Split {
    std::vector<float> images;  // N x 784 in [0, 1]
    std::vector<float> labels;
    int64_t n = 0;
};

Split loadSplit(const std::string& kind) {
    std::vector<uint8_t> img = readGz(std::string(kDataDir) + "/" + kind + "-images-idx3-ubyte.gz");
    std::vector<uint8_t> lab = readGz(std::string(kDataDir) + "/" + kind + "-labels-idx1-ubyte.gz");
    Split s;
    s.n = int64_t(lab.size()) - 8;
    GL_CHECK(int64_t(img.size()) == 16 + s.n * 784, "unexpected size of ", kind, " images");
    s.images.resize(std::size_t(s.n * 784));
    for (std::size_t i = 0; i < s.images.size(); ++i) s.images[i] = float(img[16 + i]) / 255.0f;
    for (int64_t i = 0; i < s.n; ++i) s.labels.push_back(float(lab[std::size_t(8 + i)]));
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    bool json = false, epoch = false;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0) json = true;
        else if (std::strcmp(argv[i], "--epoch") == 0) epoch = true;
        else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
        else {
            std::fprintf(stderr, "usage: %s [--json] [--epoch] [--only NAME]\n", argv[0]);
            return 2;
        }
    }
    std::vector<Result> results;
    auto wanted = [&](const std::string& n) { return only.empty() || n.find(only) != std::string::npos; };
    auto report = [&](Result r) {
        if (!json) std::printf("%-30s %-18s %10.3f %s\n", r.name.c_str(), r.kind.c_str(), r.value, r.unit.c_str());
        std::fflush(stdout);
        results.push_back(std::move(r));
    };

    if (wanted("transformer_block_b32_s16_d64")) {
        Generator gen(0);
        TransformerEncoderLayerOptions o;
        o.dimFeedforward = 256;
        o.dropout = 0.0;
        TransformerEncoderLayer blk(64, 4, gen, o);
        Tensor x = randn({32, 16, 64}, gen), tgt = randn({32, 16, 64}, gen);
        const std::string n = "transformer_block_b32_s16_d64";
        report({n, "fwd_bwd", medianMs([&] {
                    blk.zeroGrad();
                    mseLoss(blk(x), tgt).backward();
                }),
                "ms"});
        auto opt = makeOptimizer("adam", blk.parameters(), {{"lr", 1e-3}});
        report({n, "train_step_adam", medianMs([&] {
                    opt->zeroGrad();
                    mseLoss(blk(x), tgt).backward();
                    opt->step();
                }),
                "ms"});
    }

    if (wanted("tiny_vit_p7_d64_L2_h4")) {
        Generator gen(0);
        VisionTransformer vit(gen);
        Tensor x = randn({64, 1, 28, 28}, gen), y = randomLabels(64, 10, gen);
        auto opt = makeOptimizer("adam", vit.parameters(), {{"lr", 1e-3}});
        const std::string n = "tiny_vit_p7_d64_L2_h4";
        report({n, "train_step_adam", medianMs([&] {
                    opt->zeroGrad();
                    crossEntropy(vit(x), y).backward();
                    opt->step();
                }),
                "ms"});
        report({n, "forward_no_grad", medianMs([&] {
                    NoGradGuard ng;
                    vit(x);
                }),
                "ms"});
    }

    if (epoch) {
        // Preprocessing of fashion_mnist.py without the padding: /255, normalised with the train
        // set's mean and std (unbiased, as torch's std()).
        Split train = loadSplit("train"), test = loadSplit("t10k");
        double s = 0.0, ss = 0.0;
        for (float v : train.images) s += v;
        const double mean = s / double(train.images.size());
        for (float v : train.images) ss += (v - mean) * (v - mean);
        const double stdev = std::sqrt(ss / double(train.images.size() - 1));
        for (auto* split : {&train, &test})
            for (float& v : split->images) v = float((v - mean) / stdev);

        Generator gen(0);
        VisionTransformer vit(gen);
        auto opt = makeOptimizer("adam", vit.parameters(), {{"lr", 1e-3}});
        std::vector<int64_t> perm(static_cast<std::size_t>(train.n));
        for (int64_t i = 0; i < train.n; ++i) perm[std::size_t(i)] = i;
        for (std::size_t i = perm.size(); i > 1; --i) std::swap(perm[i - 1], perm[gen.below(i)]);
        std::vector<float> bx, by;
        int64_t steps = 0;
        auto t0 = Clock::now();
        for (int64_t i = 0; i < train.n; i += 64) {
            const int64_t b = std::min<int64_t>(64, train.n - i);
            bx.resize(std::size_t(b * 784));
            by.resize(std::size_t(b));
            for (int64_t j = 0; j < b; ++j) {
                const int64_t k = perm[std::size_t(i + j)];
                std::memcpy(bx.data() + j * 784, train.images.data() + k * 784, 784 * sizeof(float));
                by[std::size_t(j)] = train.labels[std::size_t(k)];
            }
            opt->zeroGrad();
            crossEntropy(vit(fromData(bx, {b, 1, 28, 28})), fromData(by, {b})).backward();
            opt->step();
            ++steps;
        }
        const double trainS = seconds(t0);
        vit.eval();
        int64_t correct = 0;
        NoGradGuard ng;
        for (int64_t i = 0; i < test.n; i += 1000) {
            const int64_t b = std::min<int64_t>(1000, test.n - i);
            std::vector<float> xb(test.images.begin() + i * 784, test.images.begin() + (i + b) * 784);
            std::vector<float> pred = argmax(vit(fromData(xb, {b, 1, 28, 28})), 1).toVector();
            for (int64_t j = 0; j < b; ++j) correct += pred[std::size_t(j)] == test.labels[std::size_t(i + j)];
        }
        report({"tiny_vit_fashion_mnist", "epoch_train_s", trainS, "s"});
        report({"tiny_vit_fashion_mnist", "steps", double(steps), ""});
        report({"tiny_vit_fashion_mnist", "test_acc", 100.0 * double(correct) / double(test.n), "%"});
    }

    if (json) {
        std::printf("{");
        for (std::size_t i = 0; i < results.size(); ++i)
            std::printf("%s\"%s/%s\": %.6g", i ? ", " : "", results[i].name.c_str(), results[i].kind.c_str(),
                        results[i].value);
        std::printf("}\n");
    }
    return 0;
}
