// Data sets: IDX loading, the synthetic shapes set, the search for the best available data set,
// splits and preprocessing helpers.
#include "engine/data/dataset.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/idx.h"
#include "engine/io/atomic_file.h"  // quoted

namespace gradlab {
namespace fs = std::filesystem;
namespace {


// <dir>/<base>.gz if present, else <dir>/<base> if present, else empty.
fs::path findIdxFile(const fs::path& dir, const std::string& base) {
    std::error_code ec;
    for (const fs::path& p : {dir / (base + ".gz"), dir / base})
        if (fs::exists(p, ec)) return p;
    return {};
}

ImageDataset loadSplit(const fs::path& dir, const std::string& prefix, const std::string& split, const std::string& name,
                       const std::vector<std::string>& classNames) {
    fs::path imagesPath = findIdxFile(dir, prefix + "-images-idx3-ubyte");
    fs::path labelsPath = findIdxFile(dir, prefix + "-labels-idx1-ubyte");
    for (auto [p, base] : {std::pair{imagesPath, "-images-idx3-ubyte"}, std::pair{labelsPath, "-labels-idx1-ubyte"}})
        if (p.empty()) GL_FAIL(name, ": ", prefix, base, "[.gz] not found in ", quoted(dir));
    IdxArray images = readIdxImages(imagesPath);
    IdxArray labels = readIdxLabels(labelsPath, int(classNames.size()));
    if (images.dims[0] != labels.dims[0])
        GL_FAIL(name, ": ", quoted(imagesPath), " holds ", images.dims[0], " images but ", quoted(labelsPath), " holds ",
                labels.dims[0], " labels");
    ImageDataset ds;
    ds.name = name;
    ds.split = split;
    ds.classNames = classNames;
    ds.height = images.dims[1];
    ds.width = images.dims[2];
    ds.pixels = std::move(images.data);
    ds.labels.assign(labels.data.begin(), labels.data.end());
    return ds;
}

std::string plural(int64_t n, const char* what) { return str(n, " ", what, n == 1 ? "" : "s"); }

// ---- the synthetic shapes: signed distances (negative inside), in pixels ----

struct Vec2 {
    double x, y;
};

double length(Vec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }

double segmentDistance(Vec2 p, Vec2 a, Vec2 b) {
    Vec2 pa{p.x - a.x, p.y - a.y}, ba{b.x - a.x, b.y - a.y};
    double h = std::clamp((pa.x * ba.x + pa.y * ba.y) / (ba.x * ba.x + ba.y * ba.y), 0.0, 1.0);
    return length({pa.x - h * ba.x, pa.y - h * ba.y});
}

double boxDistance(Vec2 p, double half) {
    Vec2 d{std::fabs(p.x) - half, std::fabs(p.y) - half};
    return length({std::max(d.x, 0.0), std::max(d.y, 0.0)}) + std::min(std::max(d.x, d.y), 0.0);
}

// Equilateral triangle of side 2r pointing up (y grows upwards here), centred on its centroid.
double triangleDistance(Vec2 p, double r) {
    const double k = std::sqrt(3.0);
    p.x = std::fabs(p.x) - r;
    p.y = p.y + r / k;
    if (p.x + k * p.y > 0.0) p = {(p.x - k * p.y) / 2.0, (-k * p.x - p.y) / 2.0};
    p.x -= std::clamp(p.x, -2.0 * r, 0.0);
    return -length(p) * (p.y < 0.0 ? -1.0 : 1.0);
}

struct ShapeParams {
    int cls;
    double cx, cy, size, half, angle, ink;
};

// Distance from pixel position q (relative to the centre, rotated into the shape's frame; y down).
double shapeDistance(const ShapeParams& s, Vec2 q) {
    const double L = s.size, h = s.half;
    switch (s.cls) {
        case 0: return segmentDistance(q, {-L, 0}, {L, 0}) - h;                                 // horizontal bar
        case 1: return segmentDistance(q, {0, -L}, {0, L}) - h;                                 // vertical bar
        case 2: return segmentDistance(q, {-0.75 * L, 0.75 * L}, {0.75 * L, -0.75 * L}) - h;   // "/" bar
        case 3: return length(q) - 0.6 * L;                                                     // disc
        case 4: return std::fabs(length(q) - 0.75 * L) - h;                                     // ring
        case 5: return std::fabs(boxDistance(q, 0.7 * L)) - h;                                  // square outline
        case 6: return std::min(segmentDistance(q, {-0.8 * L, 0}, {0.8 * L, 0}),                // plus
                                segmentDistance(q, {0, -0.8 * L}, {0, 0.8 * L})) - h;
        case 7: return triangleDistance({q.x, -q.y}, 0.8 * L);                                 // triangle
        case 8: {                                                                               // two dots
            double r = 0.35 * L;
            return std::min(length({q.x - 0.6 * L, q.y}), length({q.x + 0.6 * L, q.y})) - r;
        }
        default: return std::min(segmentDistance(q, {-0.7 * L, 0.7 * L}, {0.7 * L, -0.7 * L}),  // X
                                 segmentDistance(q, {-0.7 * L, -0.7 * L}, {0.7 * L, 0.7 * L})) - h;
    }
}

void drawShapes(ImageDataset& ds, int64_t count, Generator& gen) {
    constexpr int kSide = 28;
    constexpr double kPi = 3.14159265358979323846;
    ds.pixels.resize(size_t(count) * kSide * kSide);
    ds.labels.resize(size_t(count));
    for (int64_t i = 0; i < count; ++i) {
        ShapeParams s;
        s.cls = int(i % 10);  // balanced, and every run of 10 consecutive images holds each class once
        s.cx = 14.0 + (gen.uniformDouble() * 6.0 - 3.0);
        s.cy = 14.0 + (gen.uniformDouble() * 6.0 - 3.0);
        s.size = 7.0 + gen.uniformDouble() * 4.0;
        s.half = 0.8 + gen.uniformDouble() * 0.9;
        s.angle = s.cls == 8 ? gen.uniformDouble() * kPi : (gen.uniformDouble() - 0.5) * 0.5;
        s.ink = 0.75 + gen.uniformDouble() * 0.25;
        const double noise = 0.02 + gen.uniformDouble() * 0.06;
        const double c = std::cos(s.angle), sn = std::sin(s.angle);
        uint8_t* out = ds.pixels.data() + i * kSide * kSide;
        for (int y = 0; y < kSide; ++y) {
            for (int x = 0; x < kSide; ++x) {
                Vec2 d{x + 0.5 - s.cx, y + 0.5 - s.cy};
                Vec2 q{c * d.x + sn * d.y, -sn * d.x + c * d.y};
                // Coverage of the pixel by the shape: a distance-based box filter of width 1 px.
                double v = s.ink * std::clamp(0.5 - shapeDistance(s, q), 0.0, 1.0) + noise * double(gen.normal());
                out[y * kSide + x] = uint8_t(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
            }
        }
        ds.labels[size_t(i)] = s.cls;
    }
}

// The folder of the running program (empty where /proc/self/exe cannot be read).
fs::path programDir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path{} : exe.parent_path();
}

// True when `p` is `dir` or lies below it (both absolute and canonical).
bool isWithin(const fs::path& p, const fs::path& dir) {
    return std::mismatch(dir.begin(), dir.end(), p.begin(), p.end()).first == dir.end();
}

// The user's own data folder: $XDG_DATA_HOME/gradlab/data, by default ~/.local/share/gradlab/data.
fs::path userDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && fs::path(xdg).is_absolute()) return fs::path(xdg) / "gradlab" / "data";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".local" / "share" / "gradlab" / "data";
    return {};
}

std::string describeRoots(const std::vector<fs::path>& roots, const std::string& name) {
    std::string s;
    for (size_t i = 0; i < roots.size(); ++i) s += (i ? ", " : "") + (roots[i] / name).string();
    return s;
}

}  // namespace

std::span<const uint8_t> ImageDataset::image(int64_t i) const {
    GL_CHECK(i >= 0 && i < size(), "image index ", i, " is out of range for ", size(), " images");
    return {pixels.data() + i * height * width, size_t(height * width)};
}

std::vector<int64_t> ImageDataset::classCounts() const {
    std::vector<int64_t> counts(classNames.size(), 0);
    for (int32_t l : labels)
        if (l >= 0 && size_t(l) < counts.size()) ++counts[size_t(l)];
    return counts;
}

const std::vector<std::string>& fashionMnistClassNames() {
    static const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

const std::vector<std::string>& digitClassNames() {
    static const std::vector<std::string> names{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    return names;
}

const std::vector<std::string>& shapeClassNames() {
    static const std::vector<std::string> names{"horizontal bar", "vertical bar", "diagonal bar", "disc", "ring",
                                                "square", "plus", "triangle", "two dots", "X"};
    return names;
}

DatasetPair loadIdxDataset(const fs::path& dir, const std::string& name, std::vector<std::string> classNames,
                           const std::string& description) {
    GL_CHECK(!classNames.empty() && classNames.size() <= 256, name, ": a data set needs 1..256 classes");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) GL_FAIL(name, ": folder ", quoted(dir), " not found");
    DatasetPair p;
    p.train = loadSplit(dir, "train", "train", name, classNames);
    p.test = loadSplit(dir, "t10k", "test", name, classNames);
    if (p.train.height != p.test.height || p.train.width != p.test.width)
        GL_FAIL(name, ": training images are ", p.train.height, "x", p.train.width, " but test images are ",
                p.test.height, "x", p.test.width, " (in ", quoted(dir), ")");
    auto [mean, std] = pixelMeanStd(p.train);
    for (ImageDataset* ds : {&p.train, &p.test}) {
        ds->mean = float(mean);
        ds->std = float(std);
        ds->source = str(description, ", ", ds->split, " split (", ds->size(), " images) from ", dir.string());
    }
    return p;
}

DatasetPair loadFashionMnist(const fs::path& dir) {
    return loadIdxDataset(dir, "fashion-mnist", fashionMnistClassNames(),
                          "Fashion-MNIST (Zalando Research, MIT licence)");
}

DatasetPair loadMnist(const fs::path& dir) {
    return loadIdxDataset(dir, "mnist", digitClassNames(), "MNIST handwritten digits (LeCun, Cortes, Burges; CC BY-SA 3.0)");
}

DatasetPair makeShapes(int64_t trainCount, int64_t testCount, uint64_t seed) {
    GL_CHECK(trainCount >= 1 && testCount >= 1 && trainCount <= 1'000'000 && testCount <= 1'000'000,
             "makeShapes: counts must be in 1..1000000, got ", trainCount, " and ", testCount);
    DatasetPair p;
    for (ImageDataset* ds : {&p.train, &p.test}) {
        ds->name = "shapes";
        ds->synthetic = true;
        ds->classNames = shapeClassNames();
        ds->height = ds->width = 28;
    }
    p.train.split = "train";
    p.test.split = "test";
    Generator trainGen(seed), testGen(seed ^ 0x9E3779B97F4A7C15ull);
    drawShapes(p.train, trainCount, trainGen);
    drawShapes(p.test, testCount, testGen);
    auto [mean, std] = pixelMeanStd(p.train);
    for (ImageDataset* ds : {&p.train, &p.test}) {
        ds->mean = float(mean);
        ds->std = float(std);
        ds->source = str("synthetic shapes (generated by the program, not real data): 10 classes of drawn shapes, ",
                         ds->split, " split (", ds->size(), " images), seed ", seed);
    }
    return p;
}

std::vector<fs::path> dataSearchRoots(const fs::path& dataDir) {
    std::vector<fs::path> roots;
    auto add = [&](const fs::path& p) {
        if (!p.empty() && std::find(roots.begin(), roots.end(), p) == roots.end()) roots.push_back(p);
    };
    add(dataDir);
    if (const char* env = std::getenv("GRADLAB_DATA_DIR"); env && *env) add(env);
    // The program's own data: in the build tree it runs from, that tree's data/ (where lab.sh
    // imports MNIST); installed (<prefix>/bin), <prefix>/share/gradlab/data. An installed program
    // never looks into the tree it was built in.
    const fs::path program = programDir();
    bool inBuildTree = false;
#ifdef GRADLAB_BUILD_DATA_DIR
    std::error_code ec;
    const fs::path buildData = GRADLAB_BUILD_DATA_DIR, buildTree = fs::weakly_canonical(buildData.parent_path(), ec);
    inBuildTree = !program.empty() && !ec && isWithin(program, buildTree);
    if (inBuildTree) add(buildData);
#endif
    if (!inBuildTree && !program.empty()) add(program.parent_path() / "share" / "gradlab" / "data");
    add(userDataDir());
    add("/usr/share/datasets");
    return roots;
}

FoundDataset findDataset(const std::string& name, const fs::path& dataDir) {
    return findDataset(name, dataSearchRoots(dataDir));
}

FoundDataset findDataset(const std::string& name, const std::vector<fs::path>& roots) {
    if (name != "fashion-mnist" && name != "mnist" && name != "shapes")
        GL_FAIL("unknown data set '", name, "' (fashion-mnist, mnist or shapes)");
    FoundDataset found;
    found.requested = name;

    // Tries one real data set in every root; returns true when loaded, else adds why not to `why`.
    std::string why;
    fs::path usedDir;
    auto tryReal = [&](const std::string& n) {
        std::string problems;
        for (const fs::path& root : roots) {
            fs::path dir = root / n;
            std::error_code ec;
            if (!fs::is_directory(dir, ec)) continue;
            try {
                DatasetPair data = n == "mnist" ? loadMnist(dir) : loadFashionMnist(dir);
                // The lessons' networks are made for the sets' 28 x 28 pictures (LeNet-5's
                // padding, the ViT's patches): another size is a set they cannot use.
                for (const ImageDataset* d : {&data.train, &data.test})
                    GL_CHECK(d->height == 28 && d->width == 28, "its pictures are ", d->height, " x ", d->width,
                             " pixels; the lessons need the 28 x 28 of ", n);
                found.data = std::move(data);
                usedDir = dir;
                if (!problems.empty()) why += str(why.empty() ? "" : "; ", problems);
                return true;
            } catch (const Error& e) {
                found.troubled = true;
                problems += str(problems.empty() ? "" : "; ", "the copy in ", dir.string(), " is unusable: ", e.what());
            }
        }
        std::string hint = n == "mnist" ? "run ./lab.sh build with network access, or gradlab-cli data import-mnist"
                                        : "install Debian's dataset-fashion-mnist";
        why += str(why.empty() ? "" : "; ",
                   problems.empty() ? str(n, " not found in ", describeRoots(roots, n), " (", hint, ")") : problems);
        return false;
    };

    bool ok = false;
    if (name != "shapes") {
        ok = tryReal(name) || tryReal(name == "mnist" ? "fashion-mnist" : "mnist");
    }
    if (!ok) found.data = makeShapes();
    found.used = found.data.train.name;
    found.fallback = found.used != name;
    const ImageDataset& tr = found.data.train;
    std::string what = tr.synthetic ? str("the synthetic shapes set (", tr.size(), " training, ", found.data.test.size(),
                                          " test images, generated, not real data)")
                                    : str(tr.name, " from ", usedDir.string(), " (", tr.size(), " training, ",
                                          found.data.test.size(), " test images)");
    found.report = why.empty() ? str("Using ", what, ".") : str(why, "; using ", what, ".");
    return found;
}

ImageDataset subset(const ImageDataset& ds, int64_t begin, int64_t count) {
    GL_CHECK(begin >= 0 && count >= 0 && begin <= ds.size() && count <= ds.size() - begin, "subset [", begin, ", ",
             begin + count, ") is out of range for ", ds.size(), " images");
    std::vector<int64_t> idx(static_cast<size_t>(count));
    std::iota(idx.begin(), idx.end(), begin);
    return subset(ds, idx);
}

ImageDataset subset(const ImageDataset& ds, std::span<const int64_t> indices) {
    ImageDataset out;
    static_cast<ImageDatasetInfo&>(out) = ds;  // all but the images
    out.source = str(ds.source, ", a subset of ", indices.size());
    const size_t hw = size_t(ds.height * ds.width);
    out.pixels.resize(indices.size() * hw);
    out.labels.resize(indices.size());
    for (size_t k = 0; k < indices.size(); ++k) {
        int64_t i = indices[k];
        GL_CHECK(i >= 0 && i < ds.size(), "subset: index ", i, " is out of range for ", ds.size(), " images");
        std::copy_n(ds.pixels.data() + size_t(i) * hw, hw, out.pixels.data() + k * hw);
        out.labels[k] = ds.labels[size_t(i)];
    }
    return out;
}

TrainValidation splitValidation(const ImageDataset& train, int64_t count, std::optional<uint64_t> seed) {
    GL_CHECK(count >= 1 && count < train.size(), "a validation split of ", count, " images needs 1..",
             train.size() - 1, " (the training set has ", train.size(), ")");
    const int64_t n = train.size();
    std::vector<char> inValidation(size_t(n), 0);
    if (seed) {
        // Partial Fisher-Yates: the first `count` entries become a uniform random sample.
        std::vector<int64_t> idx(static_cast<size_t>(n));
        std::iota(idx.begin(), idx.end(), 0);
        Generator gen(*seed);
        for (int64_t i = 0; i < count; ++i) std::swap(idx[size_t(i)], idx[size_t(i + int64_t(gen.below(uint64_t(n - i))))]);
        for (int64_t i = 0; i < count; ++i) inValidation[size_t(idx[size_t(i)])] = 1;
    } else {
        std::fill(inValidation.begin() + (n - count), inValidation.end(), 1);
    }
    std::vector<int64_t> tr, va;
    tr.reserve(size_t(n - count));
    va.reserve(size_t(count));
    for (int64_t i = 0; i < n; ++i) (inValidation[size_t(i)] ? va : tr).push_back(i);
    TrainValidation out{subset(train, tr), subset(train, va)};
    out.train.split = "train";
    out.validation.split = "validation";
    const std::string how = seed ? str("drawn with seed ", *seed) : str("the last ", count);
    out.train.source = str(train.source, ", less ", plural(count, "validation image"), " (", how, ")");
    out.validation.source = str(train.source, ", ", plural(count, "image"), " held out for validation (", how, ")");
    return out;
}

std::pair<double, double> pixelMeanStd(const ImageDataset& ds) {
    std::array<uint64_t, 256> hist{};
    for (uint8_t p : ds.pixels) ++hist[p];
    const double n = double(ds.pixels.size());
    if (n == 0) return {0.0, 0.0};
    double sum = 0;
    for (int v = 0; v < 256; ++v) sum += double(hist[size_t(v)]) * (v / 255.0);
    const double mean = sum / n;
    double sq = 0;
    for (int v = 0; v < 256; ++v) sq += double(hist[size_t(v)]) * (v / 255.0 - mean) * (v / 255.0 - mean);
    return {mean, std::sqrt(sq / n)};
}

Tensor imageTensor(std::span<const float> pixels, int64_t height, int64_t width, const Preprocess& pre) {
    GL_CHECK(height >= 1 && width >= 1 && int64_t(pixels.size()) == height * width, "imageTensor: ", pixels.size(),
             " pixels do not make a ", height, "x", width, " image");
    GL_CHECK(pre.pad >= 0 && pre.pad <= 64, "padding must be in 0..64, got ", pre.pad);
    GL_CHECK(pre.std > 0 && std::isfinite(pre.std) && std::isfinite(pre.mean), "normalisation needs a finite mean and std > 0");
    const int64_t H = height + 2 * pre.pad, W = width + 2 * pre.pad;
    Tensor t = full({1, 1, H, W}, (0.0f - pre.mean) / pre.std);
    float* out = t.data();
    for (int64_t y = 0; y < height; ++y)
        for (int64_t x = 0; x < width; ++x)
            out[(y + pre.pad) * W + x + pre.pad] = (pixels[size_t(y * width + x)] - pre.mean) / pre.std;
    return t;
}

}  // namespace gradlab
