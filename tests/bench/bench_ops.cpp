// Micro-benchmark of the engine's per-op overhead and elementwise bandwidth (run on demand, not in
// ctest): ns per op on tiny tensors, a Rosenbrock forward+backward(+Adam) step, GB/s on large ones.
#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>

#include "engine/autograd/autograd.h"
#include "engine/ops/ops.h"

using namespace gradlab;

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of this thread: on a machine shared with other jobs, time spent descheduled is not
// the engine's. Single-threaded measurements (the tiny ops) use it.
double threadNs() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}
double wallNs() { return std::chrono::duration<double, std::nano>(Clock::now().time_since_epoch()).count(); }

// The best of `reps` rounds of `iters` calls, in ns per call.
double nsPerCall(const std::function<void()>& f, int iters, int reps = 7, double (*now)() = threadNs) {
    for (int i = 0; i < iters / 10 + 1; ++i) f();  // warm up caches and the allocator
    double best = 1e300;
    for (int r = 0; r < reps; ++r) {
        const double t0 = now();
        for (int i = 0; i < iters; ++i) f();
        best = std::min(best, (now() - t0) / iters);
    }
    return best;
}

// f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 on p = [x, y], the Rosenbrock lesson's loss.
Tensor rosenbrock(const Tensor& p) {
    Tensor x = p.select(0, 0), y = p.select(0, 1);
    return pow(rsub(1.0f, x), 2.0f) + 100.0f * pow(y - pow(x, 2.0f), 2.0f);
}

// torch.optim.Adam's update (defaults betas (0.9, 0.999), eps 1e-8), written out on raw floats so
// that this benchmark measures the engine's autograd and not an optimizer implementation.
struct TinyAdam {
    float lr = 1e-2f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    float m[2] = {0, 0}, v[2] = {0, 0};
    int step = 0;
    void update(Tensor& p) {
        ++step;
        float* w = p.data();
        const float* g = p.grad().data();
        const float bc1 = 1.0f - std::pow(b1, float(step)), bc2 = 1.0f - std::pow(b2, float(step));
        for (int i = 0; i < 2; ++i) {
            m[i] = b1 * m[i] + (1.0f - b1) * g[i];
            v[i] = b2 * v[i] + (1.0f - b2) * g[i] * g[i];
            float denom = std::sqrt(v[i]) / std::sqrt(bc2) + eps;
            w[i] -= lr / bc1 * m[i] / denom;
        }
    }
};

void line(const char* what, double ns) { std::printf("%-58s %10.1f ns\n", what, ns); }

void bandwidth(const char* what, int64_t n, int tensorsTouched, const std::function<void()>& f) {
    double ns = nsPerCall(f, 20, 5, wallNs);  // OpenMP threads: wall time
    double gbs = double(n) * 4.0 * tensorsTouched / ns;  // bytes per ns = GB/s
    std::printf("%-44s %9.1f us %8.2f GB/s\n", what, ns / 1000.0, gbs);
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const int iters = quick ? 20000 : 200000;
    std::printf("Per-op overhead (tiny tensors; thread CPU time, best of 7 rounds of %d calls)\n", iters);

    Tensor a = fromData({1.0f, 2.0f}), b = fromData({3.0f, 4.0f});
    line("add, 2 elements, no autograd", nsPerCall([&] { Tensor c = add(a, b); }, iters));
    Tensor ag = fromData({1.0f, 2.0f}).setRequiresGrad(), bg = fromData({3.0f, 4.0f}).setRequiresGrad();
    line("add, 2 elements, recorded for autograd", nsPerCall([&] { Tensor c = add(ag, bg); }, iters));
    line("mul by scalar, 2 elements, recorded", nsPerCall([&] { Tensor c = mul(ag, 3.0f); }, iters));
    line("select, recorded", nsPerCall([&] { Tensor c = ag.select(0, 1); }, iters));
    line("sum of 2 elements, recorded", nsPerCall([&] { Tensor c = sum(ag); }, iters));

    Tensor p = fromData({-1.0f, 1.0f}).setRequiresGrad();
    line("Rosenbrock forward", nsPerCall([&] { Tensor f = rosenbrock(p); }, iters));
    line("Rosenbrock forward + backward", nsPerCall([&] {
             p.zeroGrad();
             rosenbrock(p).backward();
         }, iters));
    TinyAdam adam;
    line("Rosenbrock forward + backward + Adam step", nsPerCall([&] {
             p.zeroGrad();
             rosenbrock(p).backward();
             adam.update(p);
         }, iters));
    {
        // A sanity check that the numbers above are of a real computation.
        Tensor q = fromData({-1.0f, 1.0f}).setRequiresGrad();
        rosenbrock(q).backward();
        std::vector<float> g = q.grad().toVector();
        std::printf("  (gradient at (-1, 1): %.1f %.1f; expected -4.0 0.0)\n", g[0], g[1]);
    }

    // 16 MiB per tensor: below glibc's mmap threshold as the engine sets it (32 MiB), so the
    // numbers are of the kernels, not of page faults on fresh mappings.
    const int64_t n = quick ? (1 << 20) : (1 << 22);
    std::printf("\nLarge elementwise ops, %lld elements (GB/s counts bytes read + written once; wall time,\n"
                "so on a shared machine prefer OMP_NUM_THREADS=1 for comparisons)\n",
                (long long)n);
    Generator gen(0);
    Tensor x = randn({n}, gen), y = randn({n}, gen);
    Tensor out = empty({n});
    Tensor ax = abs(x);
    bandwidth("add (a + b)", n, 3, [&] { Tensor c = add(x, y); });
    bandwidth("mul by scalar", n, 2, [&] { Tensor c = mul(x, 2.0f); });
    bandwidth("exp", n, 2, [&] { Tensor c = exp(x); });
    bandwidth("tanh", n, 2, [&] { Tensor c = tanh(x); });
    bandwidth("sigmoid", n, 2, [&] { Tensor c = sigmoid(x); });
    bandwidth("relu", n, 2, [&] { Tensor c = relu(x); });
    bandwidth("gelu (erf)", n, 2, [&] { Tensor c = gelu(x); });
    bandwidth("leaky_relu", n, 2, [&] { Tensor c = leakyRelu(x); });
    bandwidth("softplus", n, 2, [&] { Tensor c = softplus(x); });
    bandwidth("sqrt (of |x|)", n, 2, [&] { Tensor c = sqrt(ax); });
    bandwidth("log (of |x|)", n, 2, [&] { Tensor c = log(ax); });
    bandwidth("copy_ (contiguous)", n, 2, [&] { out.copy_(x); });
    bandwidth("sum", n, 1, [&] { Tensor c = sum(x); });
    return 0;
}
