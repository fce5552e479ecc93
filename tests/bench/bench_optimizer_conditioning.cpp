// How far float32 itself strays on CUDA parity's optimizer runs: writes the runs' MLP (its initial
// weights), data and our CPU losses to a folder, for tests/bench/pytorch/optimizer_conditioning.py
// to train the same weights with PyTorch in float32 and float64 and compare. The tolerances of
// tests/engine/optimizer_parity.h come from that comparison. It fails (exit 1) on a run whose
// losses are not all finite or that did not train (its last loss is its first): a spread measured
// on such a run says nothing.
//
//   build/tests/bench/bench_optimizer_conditioning OUT_DIR
//   /usr/bin/python3 tests/bench/pytorch/optimizer_conditioning.py OUT_DIR
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "engine/ops/ops.h"
#include "engine/optim/optimizer.h"
#include "tests/engine/optimizer_parity.h"

using namespace gradlab;
namespace fs = std::filesystem;

namespace {

void writeFloats(const fs::path& path, const Tensor& t) {
    const std::vector<float> v = t.toVector();
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(float)));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    const fs::path out = argv[1];
    fs::create_directories(out);
    nlohmann::json manifest = {{"parameters", nlohmann::json::object()}, {"runs", nlohmann::json::array()}};
    for (const test::OptimizerRun& r : test::optimizerRuns()) {
        Generator gen(42);  // as test_cuda_parity's optimizers50Steps
        auto model = test::parityMlp(gen);
        const Tensor x = randn({64, 5}, gen), y = randn({64, 1}, gen);
        if (manifest["runs"].empty()) {
            writeFloats(out / "x.bin", x);
            writeFloats(out / "y.bin", y);
            for (const auto& [name, p] : model->namedParameters()) {
                writeFloats(out / ("p_" + name + ".bin"), p);
                manifest["parameters"][name] = p.shape();
            }
        }
        auto opt = makeOptimizer(r.name, model->parameters(), test::optionsOf(r));
        std::vector<double> losses;
        for (int step = 0; step < 50; ++step) {
            opt->zeroGrad();
            Tensor loss = mseLoss((*model)(x), y);
            loss.backward();
            opt->step();
            losses.push_back(loss.item());
        }
        const bool finite = std::all_of(losses.begin(), losses.end(), [](double l) { return std::isfinite(l); });
        if (!finite || losses.back() == losses.front()) {
            std::fprintf(stderr, "%s: %s\n", r.row, finite ? "did not train" : "a loss is not finite");
            return 1;
        }
        manifest["runs"].push_back({{"row", r.row}, {"name", r.name}, {"options", test::optionsOf(r)}, {"rtol", r.rtol}, {"losses", losses}});
    }
    std::ofstream(out / "runs.json") << manifest.dump(1);
    std::printf("wrote %s\n", (out / "runs.json").c_str());
    return 0;
}
