// The gpt lesson's model at its defaults (4 blocks, width 128, 4 heads, context 64, batch 32,
// vocabulary 113 as on the English fortunes, tied head): the median time of one training step
// (forward, cross-entropy, backward, clipping, AdamW) on random tokens, and the time per
// generated character with the key/value cache and without it (the whole window each time).
// tests/bench/gpt_speed.sh runs it beside PyTorch's `gpt_reference.py time` in the same sitting.
// Usage: bench_gpt [train steps (60)] [generated characters (200)]; prints JSON. Exits 1, saying
// why, when what it timed is wrong: a loss that is not finite, or cached and uncached writing
// that differ within the context (then the speed-up would compare different work).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/autograd/autograd.h"
#include "engine/nn/gpt.h"
#include "engine/ops/ops.h"
#include "engine/optim/clip_grad.h"
#include "engine/optim/optimizer.h"

using namespace gradlab;
using Clock = std::chrono::steady_clock;

static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

int main(int argc, char** argv) {
    const int steps = argc > 1 ? std::stoi(argv[1]) : 60;
    const int chars = argc > 2 ? std::stoi(argv[2]) : 200;
    GPTOptions o;
    o.vocab = 113;
    Generator gen(0);
    GPT model(o, gen);
    auto opt = makeOptimizer("adamw", model.parameters(), {{"lr", 2e-3}, {"beta2", 0.99}, {"weight_decay", 0.1}});
    const int64_t B = 32, C = o.context;
    std::vector<double> times;
    double lastLoss = NAN;
    for (int s = 0; s < steps + 10; ++s) {
        std::vector<float> x(std::size_t(B * C)), y(std::size_t(B * C));
        for (auto& v : x) v = float(gen.below(uint64_t(o.vocab)));
        for (auto& v : y) v = float(gen.below(uint64_t(o.vocab)));
        const auto t0 = Clock::now();
        opt->zeroGrad();
        Tensor loss = crossEntropy(reshape(model.forward(fromData(x, {B, C})), {B * C, o.vocab}), fromData(y, {B * C}));
        loss.backward();
        lastLoss = double(loss.item());
        clipGradNorm_(model.parameters(), 1.0);
        opt->step();
        if (s >= 10) times.push_back(std::chrono::duration<double>(Clock::now() - t0).count());  // after 10 warm-up steps
    }
    if (!std::isfinite(lastLoss)) {
        std::fprintf(stderr, "bench_gpt: the training loss is %g\n", lastLoss);
        return 1;
    }
    SamplingOptions so;
    so.temperature = 0.8;
    {  // within the context both ways draw the same characters from the same generator state
        Generator a(9), b(9);
        const int64_t n = o.context - 4;
        if (generate(model, {1, 2, 3, 4}, n, so, a, true) != generate(model, {1, 2, 3, 4}, n, so, b, false)) {
            std::fprintf(stderr, "bench_gpt: cached and uncached writing differ\n");
            return 1;
        }
    }
    double perChar[2] = {0, 0};
    for (int cached = 1; cached >= 0; --cached) {
        std::vector<double> runs;
        for (int r = 0; r < 3; ++r) {
            Generator g(5);
            const auto t0 = Clock::now();
            generate(model, {1, 2, 3, 4}, chars, so, g, cached != 0);
            runs.push_back(std::chrono::duration<double>(Clock::now() - t0).count() / chars);
        }
        perChar[cached] = median(runs);
    }
    std::printf("{\"train_step_median_s\": %.6f, \"train_steps\": %d, \"generate_chars\": %d, "
                "\"per_char_cached_s\": %.7f, \"per_char_uncached_s\": %.7f, \"cache_speedup\": %.2f}\n",
                median(times), steps, chars, perChar[1], perChar[0], perChar[0] / perChar[1]);
}
