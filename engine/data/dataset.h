// In-memory image classification data sets: Fashion-MNIST (Debian's dataset-fashion-mnist), MNIST
// digits (IDX files made by `gradlab-cli data import-mnist`), a synthetic shapes set for when
// neither is installed, and the lookup that picks the best one available and says why.
//
// Pixels are stored as bytes, 0 = background (black), 255 = full ink, as in the IDX files; they
// become floats when batches are made (see loader.h), with x = (p / 255 - mean) / std.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/tensor/tensor.h"

namespace gradlab {

// What a data set is, apart from its images.
struct ImageDatasetInfo {
    std::string name;       // "fashion-mnist", "mnist" or "shapes"
    std::string split;      // "train", "validation" or "test"
    std::string source;     // for people: where it came from; says "synthetic" for the shapes set
    bool synthetic = false; // true for the generated shapes set
    std::vector<std::string> classNames;  // index = label
    int64_t height = 28, width = 28;
    // Pixel statistics of the data set's training split in [0, 1] units (population std), the
    // usual normalisation constants: Fashion-MNIST 0.2860 / 0.3530.
    float mean = 0.0f, std = 1.0f;

    int64_t numClasses() const { return int64_t(classNames.size()); }
};

struct ImageDataset : ImageDatasetInfo {
    std::vector<uint8_t> pixels;  // (N, H, W) row-major
    std::vector<int32_t> labels;  // (N), each in [0, classNames.size())

    int64_t size() const { return int64_t(labels.size()); }
    std::span<const uint8_t> image(int64_t i) const;  // the H * W pixels of image i
    std::vector<int64_t> classCounts() const;          // (numClasses) images per class
};

struct DatasetPair {
    ImageDataset train, test;
};

// ---- loading ----

// The four standard files in `dir`: train-images-idx3-ubyte, train-labels-idx1-ubyte,
// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each with or without ".gz". Checks that
// images and labels agree in number and that train and test images have the same size; sets
// mean/std from the training images. Throws a clear Error naming the file otherwise.
DatasetPair loadIdxDataset(const std::filesystem::path& dir, const std::string& name,
                           std::vector<std::string> classNames, const std::string& description);
// Fashion-MNIST (Zalando Research, MIT licence): 60,000 / 10,000 images of 10 clothing classes.
DatasetPair loadFashionMnist(const std::filesystem::path& dir);
// MNIST digits from `dir` (the 8,000 / 2,000 split that convertMnistNpm writes, or any MNIST IDX).
DatasetPair loadMnist(const std::filesystem::path& dir);
// The synthetic shapes set: 10 classes of anti-aliased shapes (horizontal bar, vertical bar,
// diagonal bar, disc, ring, square, plus, triangle, two dots, X) at random position, size and
// thickness, with noise; 28x28. Deterministic in `seed`; train and test come from disjoint streams.
DatasetPair makeShapes(int64_t trainCount = 6000, int64_t testCount = 1000, uint64_t seed = 1);

const std::vector<std::string>& fashionMnistClassNames();  // "T-shirt/top", "Trouser", ... "Ankle boot"
const std::vector<std::string>& digitClassNames();         // "0" ... "9"
const std::vector<std::string>& shapeClassNames();         // "horizontal bar", ... "X"

// ---- finding data ----

// Where data sets are looked for, in order (a data set lives in <root>/<name>/): `dataDir` when
// not empty, $GRADLAB_DATA_DIR when set, the program's own data folder (the build tree's data/,
// where lab.sh imports MNIST, for a program run from its build tree; <prefix>/share/gradlab/data
// for an installed one), the user's ($XDG_DATA_HOME or ~/.local/share, then gradlab/data),
// /usr/share/datasets (Debian's dataset-fashion-mnist).
std::vector<std::filesystem::path> dataSearchRoots(const std::filesystem::path& dataDir = {});

struct FoundDataset {
    DatasetPair data;
    std::string requested;  // the name asked for
    std::string used;       // data.train.name
    bool fallback = false;  // used != requested
    bool troubled = false;  // a copy found on the way was unusable (the report says which and why)
    // One sentence for the user: "Using fashion-mnist from /usr/share/datasets/fashion-mnist (60000
    // training, 10000 test images)." or, with a fallback, why, e.g. "fashion-mnist not found in
    // /usr/share/datasets/fashion-mnist (install Debian's dataset-fashion-mnist); mnist not found
    // in <build>/data/mnist (run ./lab.sh build with network access, or gradlab-cli data
    // import-mnist); using the synthetic shapes set (6000 training, 1000 test images, generated,
    // not real data)." A broken copy is named with its error ("... is unusable: file '...' is
    // truncated: ...").
    std::string report;
};

// The best data set available for `name` ("fashion-mnist", "mnist" or "shapes"): the requested
// one when its files are found and valid, else the other real one, else the synthetic shapes
// set (which needs no files). A file that exists but is broken is reported, not hidden.
// Throws only for an unknown name.
FoundDataset findDataset(const std::string& name, const std::filesystem::path& dataDir = {});
// The same over an explicit list of roots (tests, or a caller that knows where to look).
FoundDataset findDataset(const std::string& name, const std::vector<std::filesystem::path>& roots);

// ---- splits and subsets ----

// Images [begin, begin + count) of `ds`.
ImageDataset subset(const ImageDataset& ds, int64_t begin, int64_t count);
// The given images of `ds`, in that order (indices may repeat).
ImageDataset subset(const ImageDataset& ds, std::span<const int64_t> indices);

struct TrainValidation {
    ImageDataset train, validation;
};
// Splits `count` images off a training set for validation: the last `count` images, or, with
// a seed, `count` images drawn at random (the rest keep their order). split becomes "train" and
// "validation"; mean/std stay those of the full training set.
TrainValidation splitValidation(const ImageDataset& train, int64_t count, std::optional<uint64_t> seed = {});

// ---- preprocessing ----

// How bytes become network inputs: x = (p / 255 - mean) / std (computed in float32, as
// torchvision's ToTensor + Normalize), then `pad` background pixels on every side (pad 2 turns
// 28x28 into LeNet's 32x32; the border holds the background value (0 - mean) / std, as
// torchvision's Pad before Normalize gives).
struct Preprocess {
    float mean = 0.0f;  // 0 / 1: plain scaling to [0, 1]
    float std = 1.0f;
    int64_t pad = 0;
    static Preprocess normalized(const ImageDataset& ds, int64_t pad = 0) { return {ds.mean, ds.std, pad}; }
};

// Pixel mean and population standard deviation of `ds` in [0, 1] units.
std::pair<double, double> pixelMeanStd(const ImageDataset& ds);

// One float image (values in [0, 1], e.g. from image_io.h) as a network input (1, 1, H + 2 pad,
// W + 2 pad): x = (v - mean) / std, padded with the background value.
Tensor imageTensor(std::span<const float> pixels, int64_t height, int64_t width, const Preprocess& pre);

}  // namespace gradlab
