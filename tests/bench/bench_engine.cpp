// Engine benchmark (not part of ctest): matmul GFLOP/s next to Eigen's own GEMM in the same
// process (same sitting, same machine), and the time of one Rosenbrock optimizer step
// (zero_grad + forward + backward + step) as in ../shared/reference/pytorch/rosenbrock.py.
// Usage: bench_engine [--json]      (OMP_NUM_THREADS sets the threads, like torch.set_num_threads)
#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"
#include "lessons/optimizers/surfaces.h"

using namespace gradlab;
using Clock = std::chrono::steady_clock;

namespace {

// Median over `samples` of the seconds per call, each sample running >= minSeconds.
template <class F>
double medianSeconds(F&& f, int samples = 7, double minSeconds = 0.2) {
    f();  // warm-up
    std::vector<double> t;
    for (int s = 0; s < samples; ++s) {
        int64_t calls = 0;
        auto t0 = Clock::now();
        double el = 0;
        do {
            f();
            ++calls;
            el = std::chrono::duration<double>(Clock::now() - t0).count();
        } while (el < minSeconds);
        t.push_back(el / double(calls));
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const bool json = argc > 1 && std::strcmp(argv[1], "--json") == 0;
    Generator gen(0);
    std::vector<std::pair<std::string, double>> results;
    for (int n : {256, 512, 1024}) {
        Tensor a = randn({n, n}, gen), b = randn({n, n}, gen);
        const double flops = 2.0 * n * n * double(n);
        double ours = medianSeconds([&] { Tensor c = matmul(a, b); });
        Eigen::MatrixXf ea = Eigen::MatrixXf::Random(n, n), eb = Eigen::MatrixXf::Random(n, n), ec(n, n);
        double eigen = medianSeconds([&] { ec.noalias() = ea * eb; });
        results.emplace_back("matmul_" + std::to_string(n) + "_gflops", flops / ours * 1e-9);
        results.emplace_back("eigen_" + std::to_string(n) + "_gflops", flops / eigen * 1e-9);
        results.emplace_back("matmul_" + std::to_string(n) + "_vs_eigen", eigen / ours);
    }
    lessons::Surface rosen("rosenbrock", {});
    for (const char* name : {"sgd", "adam", "rmsprop"}) {
        double lr = std::strcmp(name, "sgd") == 0 ? 1e-3 : 1e-2;
        auto run1000 = [&] {
            Tensor p = fromData({-1.0f, 1.0f}).setRequiresGrad();
            auto opt = makeOptimizer(name, {p}, {{"lr", lr}});
            for (int i = 0; i < 1000; ++i) {
                opt->zeroGrad();
                Tensor loss = rosen(p.select(0, 0), p.select(0, 1));
                loss.backward();
                opt->step();
            }
        };
        results.emplace_back(std::string("rosenbrock_") + name + "_us_per_step", medianSeconds(run1000, 7, 0.2) * 1e3);
    }
    if (json) {
        std::printf("{");
        for (std::size_t i = 0; i < results.size(); ++i)
            std::printf("%s\"%s\": %.4g", i ? ", " : "", results[i].first.c_str(), results[i].second);
        std::printf("}\n");
    } else {
        for (auto& [k, v] : results) std::printf("%-32s %10.4g\n", k.c_str(), v);
    }
}
