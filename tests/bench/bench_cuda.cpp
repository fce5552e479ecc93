// CUDA benchmark (run on demand, not in ctest; built only when CUDA is compiled in): our SGEMM
// against cuBLAS at 512..4096 (time, GFLOP/s and how far apart the two results are), the
// bandwidth of the elementwise, reduction and softmax kernels, and training-step times of small
// models (LeNet-5, an MLP) on CUDA against the CPU.
//
// Usage: bench_cuda [--quick]   (--quick: fewer sizes and repetitions, for a smoke run)
// Kernel times come from CUDA events around each launch (median of the repetitions); train
// steps are wall-clock medians with the stream synchronised after each step.
#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/nn/activation.h"
#include "engine/nn/linear.h"
#include "engine/nn/sequential.h"
#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"
#include "kernels/elementwise.cuh"
#include "kernels/gemm.cuh"
#include "kernels/reduce.cuh"
#include "lessons/cnn/lenet5.h"

using namespace gradlab;

namespace {

void ck(cudaError_t e, const char* what) {
    if (e != cudaSuccess) throw Error(std::string(what) + ": " + cudaGetErrorString(e), "bench_cuda");
}
void ck(cublasStatus_t s, const char* what) {
    if (s != CUBLAS_STATUS_SUCCESS) throw Error(std::string(what) + ": cuBLAS status " + std::to_string(int(s)), "bench_cuda");
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Median milliseconds of `launch` over `reps` runs (after 3 warm-ups), timed with CUDA events.
double timeKernel(const std::function<void()>& launch, int reps) {
    cudaEvent_t a, b;
    ck(cudaEventCreate(&a), "event");
    ck(cudaEventCreate(&b), "event");
    for (int i = 0; i < 3; ++i) launch();
    std::vector<double> ms;
    for (int i = 0; i < reps; ++i) {
        ck(cudaEventRecord(a, cudaStreamPerThread), "record");
        launch();
        ck(cudaEventRecord(b, cudaStreamPerThread), "record");
        ck(cudaEventSynchronize(b), "sync");
        float t = 0;
        ck(cudaEventElapsedTime(&t, a, b), "elapsed");
        ms.push_back(t);
    }
    cudaEventDestroy(a);
    cudaEventDestroy(b);
    return median(ms);
}

float* deviceRandom(int64_t n, uint64_t seed) {
    Generator gen(seed);
    std::vector<float> h(static_cast<std::size_t>(n));
    for (float& x : h) x = gen.normal();
    float* d = nullptr;
    ck(cudaMalloc(&d, std::size_t(n) * 4), "cudaMalloc");
    ck(cudaMemcpy(d, h.data(), std::size_t(n) * 4, cudaMemcpyHostToDevice), "copy");
    return d;
}

std::vector<float> toHost(const float* d, int64_t n) {
    std::vector<float> h(static_cast<std::size_t>(n));
    ck(cudaMemcpy(h.data(), d, std::size_t(n) * 4, cudaMemcpyDeviceToHost), "copy");
    return h;
}

// ---------------------------------------------------------------- SGEMM vs cuBLAS
// A speed figure of a wrong product is worthless: returns false when our result differs from
// cuBLAS's by more than FP32 accumulation over K terms can explain (1e-4 of the largest |C|).
bool benchGemm(bool quick) {
    bool agree = true;
    std::printf("\n== SGEMM: ours vs cuBLAS (FP32, row-major C = A B, square) ==\n");
    std::printf("%6s %12s %12s %12s %12s %8s %12s\n", "n", "ours ms", "ours GF/s", "cublas ms", "cublas GF/s", "ratio",
                "max rel diff");
    cublasHandle_t h;
    ck(cublasCreate(&h), "cublasCreate");
    ck(cublasSetStream(h, cudaStreamPerThread), "cublasSetStream");
    ck(cublasSetMathMode(h, CUBLAS_DEFAULT_MATH), "cublasSetMathMode");  // FP32, no TF32
    const std::vector<int64_t> sizes = quick ? std::vector<int64_t>{512, 1024} : std::vector<int64_t>{512, 1024, 2048, 4096};
    for (int64_t n : sizes) {
        float* A = deviceRandom(n * n, 1);
        float* B = deviceRandom(n * n, 2);
        float *C1 = nullptr, *C2 = nullptr;
        ck(cudaMalloc(&C1, std::size_t(n * n) * 4), "cudaMalloc");
        ck(cudaMalloc(&C2, std::size_t(n * n) * 4), "cudaMalloc");
        kernels::GemmArgs g{};
        g.a = A, g.b = B, g.c = C1, g.M = n, g.N = n, g.K = n;
        g.ars = n, g.acs = 1, g.brs = n, g.bcs = 1, g.crs = n, g.ccs = 1;
        g.batchCount = 1;
        const int reps = quick ? 5 : 20;
        const double ours = timeKernel([&] { ck(kernels::launchGemm(g, cudaStreamPerThread), "launchGemm"); }, reps);
        const float one = 1.0f, zero = 0.0f;
        // Row-major C = A B is column-major C^T = B^T A^T: cuBLAS gets B first.
        const double theirs = timeKernel(
            [&] { ck(cublasSgemm(h, CUBLAS_OP_N, CUBLAS_OP_N, int(n), int(n), int(n), &one, B, int(n), A, int(n), &zero, C2, int(n)), "cublasSgemm"); },
            reps);
        const std::vector<float> r1 = toHost(C1, n * n), r2 = toHost(C2, n * n);
        double maxRef = 0, maxErr = 0;
        for (std::size_t i = 0; i < r1.size(); ++i) {
            maxRef = std::max(maxRef, double(std::fabs(r2[i])));
            maxErr = std::max(maxErr, double(std::fabs(r1[i] - r2[i])));
        }
        const double flops = 2.0 * double(n) * double(n) * double(n);
        std::printf("%6lld %12.3f %12.1f %12.3f %12.1f %8.2f %12.2e\n", (long long)n, ours, flops / ours / 1e6, theirs,
                    flops / theirs / 1e6, ours / theirs, maxErr / maxRef);
        if (!(maxErr <= 1e-4 * maxRef)) {
            std::printf("       ^ our SGEMM disagrees with cuBLAS at n = %lld\n", (long long)n);
            agree = false;
        }
        cudaFree(A), cudaFree(B), cudaFree(C1), cudaFree(C2);
    }
    cublasDestroy(h);
    return agree;
}

// ---------------------------------------------------------------- memory-bound kernels
void benchBandwidth(bool quick) {
    std::printf("\n== Memory-bound kernels (GB/s counts bytes read + written once) ==\n");
    const int64_t n = quick ? (int64_t(1) << 22) : (int64_t(1) << 26);
    float* x = deviceRandom(n, 3);
    float* y = deviceRandom(n, 4);
    float* z = nullptr;
    ck(cudaMalloc(&z, std::size_t(n) * 4), "cudaMalloc");
    const int reps = quick ? 5 : 20;
    auto report = [](const char* name, double ms, double bytes, double flops) {
        std::printf("%-36s %9.3f ms %9.1f GB/s %9.1f GFLOP/s\n", name, ms, bytes / ms / 1e6, flops / ms / 1e6);
    };
    double ms = timeKernel([&] { ck(kernels::launchUnary(UnaryOp::Exp, x, z, n, 0, 0, cudaStreamPerThread), "unary"); }, reps);
    report("unary exp (contiguous)", ms, 8.0 * double(n), double(n));
    kernels::StridedND<3> L3{};
    L3.ndim = 1, L3.size[0] = n, L3.stride[0][0] = 1, L3.stride[1][0] = 1, L3.stride[2][0] = 1;
    ms = timeKernel([&] { ck(kernels::launchBinary(BinaryOp::Add, z, x, y, L3, n, cudaStreamPerThread), "binary"); }, reps);
    report("binary add (contiguous)", ms, 12.0 * double(n), double(n));
    const int64_t cols = 1024, rows = n / cols;
    L3.ndim = 2, L3.size[0] = rows, L3.size[1] = cols;
    L3.stride[0][0] = cols, L3.stride[0][1] = 1, L3.stride[1][0] = cols, L3.stride[1][1] = 1, L3.stride[2][0] = 0,
    L3.stride[2][1] = 1;
    ms = timeKernel([&] { ck(kernels::launchBinary(BinaryOp::Mul, z, x, y, L3, n, cudaStreamPerThread), "binary"); }, reps);
    report("binary mul (row broadcast)", ms, 8.0 * double(n), double(n));
    kernels::StridedND<2> L2{};
    L2.ndim = 2, L2.size[0] = rows, L2.size[1] = cols;
    L2.stride[0][0] = cols, L2.stride[0][1] = 1, L2.stride[1][0] = 1, L2.stride[1][1] = rows;
    ms = timeKernel([&] { ck(kernels::launchCopy(z, x, L2, n, cudaStreamPerThread), "copy"); }, reps);
    report("copy (transpose)", ms, 8.0 * double(n), 0);
    ms = timeKernel([&] { ck(kernels::launchReduce(kernels::ReduceKind::Sum, x, rows, cols, 1, z, nullptr, cudaStreamPerThread), "reduce"); }, reps);
    report("sum over last dim (1024)", ms, 4.0 * double(n), double(n));
    ms = timeKernel([&] { ck(kernels::launchReduce(kernels::ReduceKind::Sum, x, 1, rows, cols, z, nullptr, cudaStreamPerThread), "reduce"); }, reps);
    report("sum over first dim", ms, 4.0 * double(n), double(n));
    ms = timeKernel([&] { ck(kernels::launchSoftmax(x, z, rows, cols, false, cudaStreamPerThread), "softmax"); }, reps);
    report("softmax rows of 1024", ms, 8.0 * double(n), 4.0 * double(n));
    cudaFree(x), cudaFree(y), cudaFree(z);
}

// ---------------------------------------------------------------- training steps
// Median wall milliseconds of one training step on `device`.
double trainStep(Module& model, const Tensor& x, const Tensor& y, bool classify, int reps) {
    auto opt = makeOptimizer("adam", model.parameters(), {{"lr", 1e-3}});
    auto step = [&] {
        opt->zeroGrad();
        Tensor out = model(x);
        Tensor loss = classify ? crossEntropy(out, y) : mseLoss(out, y);
        loss.backward();
        opt->step();
        cuda::synchronize();
    };
    for (int i = 0; i < 3; ++i) step();
    std::vector<double> ms;
    for (int i = 0; i < reps; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        step();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    return median(ms);
}

void benchModels(bool quick) {
    std::printf("\n== Training step (Adam), median wall ms ==\n");
    std::printf("%-28s %10s %10s %8s\n", "model", "cpu", "cuda", "speedup");
    const int reps = quick ? 5 : 30;
    struct Spec {
        const char* name;
        int64_t batch;
        std::function<std::shared_ptr<Module>(Generator&)> make;
        Shape in;
        bool classify;
    };
    const std::vector<Spec> specs = {
        {"lenet5 relu/max b64", 64, [](Generator& g) { return std::make_shared<LeNet5>(true, true, g); }, {1, 32, 32}, true},
        {"lenet5 relu/max b256", 256, [](Generator& g) { return std::make_shared<LeNet5>(true, true, g); }, {1, 32, 32}, true},
        {"mlp 784-512-512-10 b256", 256,
         [](Generator& g) {
             return std::make_shared<Sequential>(std::initializer_list<std::shared_ptr<Module>>{
                 std::make_shared<Linear>(784, 512, true, g), std::make_shared<ReLU>(),
                 std::make_shared<Linear>(512, 512, true, g), std::make_shared<ReLU>(),
                 std::make_shared<Linear>(512, 10, true, g)});
         },
         {784}, true},
    };
    for (const Spec& s : specs) {
        double t[2] = {0, 0};
        for (int d = 0; d < 2; ++d) {
            const Device dev = d == 0 ? Device::CPU : Device::CUDA;
            Generator gen(1);
            auto model = s.make(gen);
            Shape xs{s.batch};
            for (int64_t v : s.in) xs.push_back(v);
            Tensor x = randn(xs, gen);
            std::vector<float> labels(static_cast<std::size_t>(s.batch));
            for (float& l : labels) l = float(gen.below(10));
            Tensor y = fromData(labels, {s.batch});
            model->to(dev);
            t[d] = trainStep(*model, x.to(dev), y.to(dev), s.classify, reps);
        }
        std::printf("%-28s %10.3f %10.3f %8.1f\n", s.name, t[0], t[1], t[0] / t[1]);
    }
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    std::printf("%s\n", cudaStatus().c_str());
    if (!cudaAvailable()) {
        std::printf("no CUDA device: nothing to benchmark\n");
        return 0;
    }
    try {
        const bool gemmAgrees = benchGemm(quick);
        benchBandwidth(quick);
        benchModels(quick);
        if (!gemmAgrees) {
            std::fprintf(stderr, "bench_cuda: our SGEMM's results differ from cuBLAS's (see the table)\n");
            return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_cuda: %s\n", e.what());
        return 1;
    }
    return 0;
}
