// Data benchmark (not part of ctest): loading Fashion-MNIST (or, when it is not installed, the
// synthetic set at the same size), and the cost of one epoch of batches of 64 from the DataLoader,
// plain, padded to 32x32 and augmented (crop + flip). Times are the thread's CPU time (robust on
// a shared machine) and the wall time, the median of 5 epochs.
// Usage: bench_data [data-dir]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/data/loader.h"

using namespace gradlab;

namespace {

double threadSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

double wallSeconds() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

struct Timing {
    double cpu, wall;
};

template <class F>
Timing median(F&& f, int reps) {
    std::vector<double> cpu, wall;
    for (int r = 0; r < reps; ++r) {
        double c0 = threadSeconds(), w0 = wallSeconds();
        f();
        cpu.push_back(threadSeconds() - c0);
        wall.push_back(wallSeconds() - w0);
    }
    std::sort(cpu.begin(), cpu.end());
    std::sort(wall.begin(), wall.end());
    return {cpu[cpu.size() / 2], wall[wall.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path dir = argc > 1 ? argv[1] : "";
    double c0 = threadSeconds(), w0 = wallSeconds();
    FoundDataset found = findDataset("fashion-mnist", dir);
    std::printf("%s\nload: %.3f s CPU, %.3f s wall\n", found.report.c_str(), threadSeconds() - c0, wallSeconds() - w0);
    auto train = std::make_shared<ImageDataset>(std::move(found.data.train));
    if (train->size() < 60000) {  // the synthetic set: make it as large as Fashion-MNIST
        train = std::make_shared<ImageDataset>(makeShapes(60000, 10, 1).train);
        std::printf("(timing on 60000 synthetic images instead)\n");
    }

    struct Case {
        const char* name;
        LoaderOptions options;
    } cases[] = {
        {"plain 28x28", {.batchSize = 64, .preprocess = Preprocess::normalized(*train)}},
        {"padded 32x32", {.batchSize = 64, .preprocess = Preprocess::normalized(*train, 2)}},
        {"crop 4 + flip", {.batchSize = 64, .preprocess = Preprocess::normalized(*train), .augment = {4, true}}},
    };
    for (const Case& c : cases) {
        DataLoader loader(train, c.options, 1);
        int64_t images = 0;
        Timing t = median(
            [&] {
                do {
                    Batch b = loader.next();
                    images += b.images.size(0);
                } while (!loader.epochFinished());
            },
            5);
        std::printf("epoch of %lld images in batches of 64, %-14s %.4f s CPU, %.4f s wall (%.2f us per batch)\n",
                    (long long)train->size(), c.name, t.cpu, t.wall, 1e6 * t.cpu / double(loader.batchesPerEpoch()));
        if (images != 5 * train->size()) return 1;
    }
    Timing s = median([] { makeShapes(6000, 1000, 1); }, 3);
    std::printf("synthetic shapes set (6000 + 1000 images): %.3f s CPU\n", s.cpu);
    return 0;
}
