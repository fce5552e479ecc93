// Model benchmark (run on demand, not in ctest): training-step and forward times of small models,
// measured exactly as tests/bench/pytorch/models.py measures PyTorch (random inputs with a fixed
// seed; 20 warm-up calls, then the median of 100 single calls, wall clock), plus a real
// Fashion-MNIST epoch as tests/bench/pytorch/fashion_mnist.py runs it.
//
// Usage: bench_models [--json] [--threads N] [--reps N] [--cpu-time] [--epoch] [name-filter...]
//   OMP_NUM_THREADS (or --threads) sets the kernel threads, like torch.set_num_threads.
//   --cpu-time: process CPU time instead of wall time (for tuning on a busy machine; 1 thread).
//   --epoch: one epoch of LeNet-5 on Fashion-MNIST (both variants) instead of the step table.
// Models are entries of the table in models(): a name, a batch size and a setup function that
// builds the model and data and returns what to time ("train_step_adam", "forward_no_grad", ...).
#include <time.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "engine/autograd/autograd.h"
#include "engine/core/threads.h"
#include "engine/nn/module.h"
#include "engine/nn/rnn.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"
#include "lessons/cnn/lenet5.h"

using namespace gradlab;
using Clock = std::chrono::steady_clock;

namespace {

// ---------------------------------------------------------------- timing (common.py's time_calls)
struct Timing {
    double medianMs = 0, minMs = 0, maxMs = 0;
    int reps = 0;
};

// Milliseconds on the wall clock, or of CPU time of the whole process (all threads) with --cpu-time:
// on a machine shared with other jobs, time spent descheduled is then not counted.
bool g_cpuTime = false;
double nowMs() {
    if (g_cpuTime) {
        timespec ts;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) * 1e-6;
    }
    return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

Timing timeCalls(const std::function<void()>& fn, int warmup, int reps) {
    for (int i = 0; i < warmup; ++i) fn();
    std::vector<double> samples;
    samples.reserve(std::size_t(reps));
    for (int i = 0; i < reps; ++i) {
        const double t0 = nowMs();
        fn();
        samples.push_back(nowMs() - t0);
    }
    std::vector<double> s = samples;
    std::sort(s.begin(), s.end());
    // statistics.median: the mean of the two middle values for an even count.
    const std::size_t n = s.size();
    const double median = n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    return {median, s.front(), s.back(), reps};
}

// ---------------------------------------------------------------- the model table
struct Measure {
    std::string kind;            // "train_step_adam", "forward_no_grad", "fwd_bwd"
    std::function<void()> call;  // one timed call
};

struct ModelCase {
    std::string name;
    int64_t batch;
    // Builds the model and its data (seeded) and returns the calls to time; they own what they use.
    std::function<std::vector<Measure>(Generator& gen)> setup;
};

// Random class labels in [0, n) as the float indices crossEntropy takes.
Tensor randomLabels(int64_t count, int64_t n, Generator& gen) {
    std::vector<float> v(static_cast<std::size_t>(count));
    for (float& x : v) x = float(gen.below(uint64_t(n)));
    return fromData(v, {count});
}

// zero_grad + forward + loss(output) + backward + Adam step, and a forward without graph.
std::vector<Measure> adamMeasures(std::shared_ptr<Module> model, Tensor x, std::function<Tensor(const Tensor&)> loss) {
    auto opt = std::shared_ptr<Optimizer>(makeOptimizer("adam", model->parameters(), {{"lr", 1e-3}}));
    return {
        {"train_step_adam",
         [=] {
             opt->zeroGrad();
             loss((*model)(x)).backward();
             opt->step();
         }},
        {"forward_no_grad",
         [=] {
             NoGradGuard ng;
             (*model)(x);
         }},
    };
}

// The models, in the order they are timed. A new model is one more entry: its name as in
// models.py (so compare_pytorch.sh can pair the results), its batch size and a setup that returns
// the calls to time with models.py's kind names.
std::vector<ModelCase> models() {
    std::vector<ModelCase> m;
    // LeNet-5 on 1x32x32, batch 64 (gradlab_models.LeNet5): both variants of the reference.
    for (auto [name, relu] : {std::pair{"lenet5_tanh_avgpool", false}, std::pair{"lenet5_relu_maxpool", true}}) {
        m.push_back({name, 64, [relu = relu](Generator& gen) {
                         auto net = std::make_shared<LeNet5>(relu, relu, gen);
                         Tensor y = randomLabels(64, 10, gen);
                         return adamMeasures(net, randn({64, 1, 32, 32}, gen),
                                             [y](const Tensor& out) { return crossEntropy(out, y); });
                     }});
    }
    // One recurrent layer, input 16, hidden 128, over 50 steps of a batch of 64; the loss is the MSE
    // of the last step's output against a target.
    for (const char* name : {"lstm_b64_t50_i16_h128", "gru_b64_t50_i16_h128", "rnn_tanh_b64_t50_i16_h128"}) {
        m.push_back({name, 64, [name](Generator& gen) {
                         const std::string n = name;
                         std::shared_ptr<RecurrentBase> rnn;
                         if (n.starts_with("lstm")) rnn = std::make_shared<LSTM>(16, 128, gen);
                         else if (n.starts_with("gru")) rnn = std::make_shared<GRU>(16, 128, gen);
                         else rnn = std::make_shared<RNN>(16, 128, gen);
                         Tensor x = randn({50, 64, 16}, gen), target = randn({64, 128}, gen);
                         return adamMeasures(rnn, x, [target](const Tensor& out) {
                             return mseLoss(out.select(0, -1), target);
                         });
                     }});
    }
    return m;
}

// ---------------------------------------------------------------- Fashion-MNIST epoch
const char* kFashionDir = "/usr/share/datasets/fashion-mnist";

// A gzip'd IDX file: the big-endian header's magic is checked; returns the bytes after it.
std::vector<unsigned char> readIdx(const std::string& path, uint32_t magic, int headerInts, std::vector<uint32_t>& dims) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) {
        std::fprintf(stderr, "cannot open %s (install the Debian package dataset-fashion-mnist)\n", path.c_str());
        std::exit(2);
    }
    std::vector<unsigned char> all;
    unsigned char buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) all.insert(all.end(), buf, buf + n);
    gzclose(f);
    auto be32 = [&](std::size_t at) {
        return uint32_t(all[at]) << 24 | uint32_t(all[at + 1]) << 16 | uint32_t(all[at + 2]) << 8 | uint32_t(all[at + 3]);
    };
    if (all.size() < std::size_t(4 * headerInts) || be32(0) != magic) {
        std::fprintf(stderr, "%s: not an IDX file with magic %08x\n", path.c_str(), magic);
        std::exit(2);
    }
    for (int i = 1; i < headerInts; ++i) dims.push_back(be32(std::size_t(4 * i)));
    return std::vector<unsigned char>(all.begin() + 4 * headerInts, all.end());
}

struct Split {
    Tensor x, y;  // x: (N, 1, 32, 32) normalised and zero-padded; y: (N) labels
};

// fashion_mnist.py's preprocessing: /255, (x - mean) / std with the train set's mean and std,
// zero padding 28x28 -> 32x32.
Split loadSplit(const std::string& kind, double& mean, double& stdev, bool computeStats) {
    std::vector<uint32_t> dl, di;
    auto labels = readIdx(std::string(kFashionDir) + "/" + kind + "-labels-idx1-ubyte.gz", 0x801, 2, dl);
    auto images = readIdx(std::string(kFashionDir) + "/" + kind + "-images-idx3-ubyte.gz", 0x803, 4, di);
    const int64_t n = dl[0];
    if (computeStats) {
        double s = 0, s2 = 0;
        for (unsigned char b : images) s += b / 255.0;
        mean = s / double(images.size());
        for (unsigned char b : images) s2 += (b / 255.0 - mean) * (b / 255.0 - mean);
        stdev = std::sqrt(s2 / double(images.size() - 1));
    }
    std::vector<float> x(static_cast<std::size_t>(n * 32 * 32), 0.0f), y(static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        y[std::size_t(i)] = float(labels[std::size_t(i)]);
        for (int r = 0; r < 28; ++r)
            for (int c = 0; c < 28; ++c)
                x[std::size_t(i * 1024 + (r + 2) * 32 + c + 2)] =
                    float((float(images[std::size_t(i * 784 + r * 28 + c)]) / 255.0f - mean) / stdev);
    }
    return {fromData(x, {n, 1, 32, 32}), fromData(y, {n})};
}

// One epoch (shuffled, batch 64, Adam 1e-3) and the test accuracy, as fashion_mnist.py's run().
int runEpochs(bool json, const std::vector<std::string>& filters) {
    double mean = 0, stdev = 1;
    auto t0 = Clock::now();
    Split train = loadSplit("train", mean, stdev, true), test = loadSplit("t10k", mean, stdev, false);
    const double loadS = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!json) std::printf("loaded train %lld, test %lld in %.2fs; mean=%.4f std=%.4f\n", (long long)train.x.size(0),
                           (long long)test.x.size(0), loadS, mean, stdev);
    std::vector<std::string> out;
    for (auto [name, relu] : {std::pair{"lenet5_tanh_avgpool", false}, std::pair{"lenet5_relu_maxpool", true}}) {
        if (!filters.empty() && std::none_of(filters.begin(), filters.end(), [&](const std::string& f) {
                return std::string(name).find(f) != std::string::npos;
            }))
            continue;
        Generator gen(0);
        LeNet5 net(relu, relu, gen);
        auto opt = makeOptimizer("adam", net.parameters(), {{"lr", 1e-3}});
        const int64_t n = train.x.size(0);
        std::vector<float> perm(static_cast<std::size_t>(n));
        std::iota(perm.begin(), perm.end(), 0.0f);
        for (std::size_t i = perm.size(); i > 1; --i) std::swap(perm[i - 1], perm[gen.below(i)]);
        Tensor permT = fromData(perm, {n});
        net.train();
        t0 = Clock::now();
        double lossLast = 0;
        int64_t steps = 0;
        for (int64_t i = 0; i < n; i += 64, ++steps) {
            Tensor idx = permT.slice(0, i, std::min(n, i + 64));
            Tensor xb = indexSelect(train.x, 0, idx), yb = indexSelect(train.y, 0, idx);
            opt->zeroGrad();
            Tensor loss = crossEntropy(net(xb), yb);
            loss.backward();
            opt->step();
            if (i + 64 * 100 >= n) lossLast += loss.item();
        }
        const double trainS = std::chrono::duration<double>(Clock::now() - t0).count();
        net.eval();
        t0 = Clock::now();
        int64_t correct = 0;
        {
            NoGradGuard ng;
            for (int64_t i = 0; i < test.x.size(0); i += 1000) {
                Tensor pred = argmax(net(test.x.slice(0, i, i + 1000)), 1);
                std::vector<float> p = pred.toVector(), t = test.y.slice(0, i, i + 1000).toVector();
                for (std::size_t k = 0; k < p.size(); ++k) correct += p[k] == t[k];
            }
        }
        const double evalS = std::chrono::duration<double>(Clock::now() - t0).count();
        const double acc = double(correct) / double(test.x.size(0));
        char line[512];
        if (json)
            std::snprintf(line, sizeof line,
                          "{\"model\": \"%s\", \"kind\": \"fashion_mnist_epoch\", \"steps\": %lld, \"epoch_train_s\": "
                          "%.4f, \"eval_s\": %.4f, \"test_acc\": %.4f, \"threads\": %d}",
                          name, (long long)steps, trainS, evalS, acc, kernelThreads());
        else
            std::snprintf(line, sizeof line, "%-28s epoch (%lld steps) %.2f s, eval %.2f s, test acc %.2f%%", name,
                          (long long)steps, trainS, evalS, 100.0 * acc);
        out.push_back(line);
        if (!json) std::printf("%s\n", line);
    }
    if (json) {
        std::printf("[");
        for (std::size_t i = 0; i < out.size(); ++i) std::printf("%s%s", i ? ", " : "", out[i].c_str());
        std::printf("]\n");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bool json = false, epoch = false;
    int reps = 100, warmup = 20;
    std::vector<std::string> filters;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--json") json = true;
        else if (a == "--epoch") epoch = true;
        else if (a == "--cpu-time") g_cpuTime = true;
        else if (a == "--threads" && i + 1 < argc) setKernelThreads(std::atoi(argv[++i]));
        else if (a == "--reps" && i + 1 < argc) reps = std::max(1, std::atoi(argv[++i]));
        else if (a == "--help" || a == "-h") {
            std::printf("usage: bench_models [--json] [--threads N] [--reps N] [--cpu-time] [--epoch] [name-filter...]\n");
            return 0;
        } else filters.push_back(a);
    }
    if (epoch) return runEpochs(json, filters);

    std::vector<std::string> rows;
    for (const ModelCase& mc : models()) {
        if (!filters.empty() && std::none_of(filters.begin(), filters.end(), [&](const std::string& f) {
                return mc.name.find(f) != std::string::npos;
            }))
            continue;
        Generator gen(0);
        for (const Measure& m : mc.setup(gen)) {
            const Timing t = timeCalls(m.call, warmup, reps);
            const double perS = double(mc.batch) / (t.medianMs * 1e-3);
            char line[512];
            if (json)
                std::snprintf(line, sizeof line,
                              "{\"model\": \"%s\", \"kind\": \"%s\", \"batch\": %lld, \"ms_median\": %.4f, \"ms_min\": "
                              "%.4f, \"ms_max\": %.4f, \"images_per_s\": %.1f, \"reps\": %d, \"threads\": %d}",
                              mc.name.c_str(), m.kind.c_str(), (long long)mc.batch, t.medianMs, t.minMs, t.maxMs, perS,
                              t.reps, kernelThreads());
            else
                std::snprintf(line, sizeof line, "%-28s %-18s batch=%3lld median %8.3f ms (min %.3f)  %9.0f samples/s",
                              mc.name.c_str(), m.kind.c_str(), (long long)mc.batch, t.medianMs, t.minMs, perS);
            rows.push_back(line);
            if (!json) std::printf("%s\n", line), std::fflush(stdout);
        }
    }
    if (json) {
        std::printf("[");
        for (std::size_t i = 0; i < rows.size(); ++i) std::printf("%s%s", i ? ",\n " : "", rows[i].c_str());
        std::printf("]\n");
    }
    return 0;
}
