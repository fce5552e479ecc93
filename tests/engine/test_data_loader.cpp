// DataLoader: epochs as permutations, partial and dropped last batches, values as torchvision's
// ToTensor + Normalize compute them, determinism bit for bit, the JSON state continuing mid-epoch
// exactly (and refused when invalid, leaving the loader unchanged), and augmentation that only
// shifts and mirrors pixels.
#include <QtTest>

#include <cstring>
#include <memory>
#include <set>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/data/loader.h"

using namespace gradlab;
using nlohmann::json;

namespace {

std::shared_ptr<const ImageDataset> shapes(int64_t n) {
    return std::make_shared<ImageDataset>(makeShapes(n, 10, 11).train);
}

std::vector<uint32_t> bits(const Tensor& t) {
    std::vector<float> v = t.toVector();
    std::vector<uint32_t> b(v.size());
    std::memcpy(b.data(), v.data(), v.size() * sizeof(float));
    return b;
}

bool sameBatch(const Batch& a, const Batch& b) {
    return a.indices == b.indices && bits(a.images) == bits(b.images) && bits(a.labels) == bits(b.labels) &&
           a.epoch == b.epoch && a.batchInEpoch == b.batchInEpoch;
}

// Image i of ds shifted by (sy, sx) and optionally mirrored, as floats with lut = (p/255 - m)/s.
std::vector<float> expectedImage(const ImageDataset& ds, int64_t i, int64_t Ho, int64_t Wo, int64_t sy, int64_t sx,
                                 bool flip, const Preprocess& pre) {
    std::vector<float> out(size_t(Ho * Wo));
    for (int64_t y = 0; y < Ho; ++y)
        for (int64_t x = 0; x < Wo; ++x) {
            int64_t X = (flip ? Wo - 1 - x : x) + sx, Y = y + sy;
            uint8_t p = (Y >= 0 && Y < ds.height && X >= 0 && X < ds.width) ? ds.image(i)[size_t(Y * ds.width + X)] : 0;
            out[size_t(y * Wo + x)] = (float(p) / 255.0f - pre.mean) / pre.std;
        }
    return out;
}

}  // namespace

class TestDataLoader : public QObject {
    Q_OBJECT
private slots:
    void epochsArePermutations() {
        auto ds = shapes(10);
        DataLoader loader(ds, {.batchSize = 4}, 1);
        QCOMPARE(loader.batchesPerEpoch(), int64_t(3));
        std::vector<int64_t> previous;
        for (int64_t epoch = 0; epoch < 3; ++epoch) {
            std::vector<int64_t> seen;
            for (int64_t b = 0; b < 3; ++b) {
                Batch batch = loader.next();
                QCOMPARE(batch.epoch, epoch);
                QCOMPARE(batch.batchInEpoch, b);
                const int64_t B = b < 2 ? 4 : 2;  // the last, partial batch is kept
                QCOMPARE(batch.images.shape(), (Shape{B, 1, 28, 28}));
                QCOMPARE(batch.labels.shape(), (Shape{B}));
                for (int64_t k = 0; k < B; ++k)
                    QCOMPARE(batch.labels.at({k}), float(ds->labels[size_t(batch.indices[size_t(k)])]));
                seen.insert(seen.end(), batch.indices.begin(), batch.indices.end());
            }
            QVERIFY(loader.epochFinished());
            std::vector<int64_t> sorted = seen;
            std::sort(sorted.begin(), sorted.end());
            for (int64_t i = 0; i < 10; ++i) QCOMPARE(sorted[size_t(i)], i);
            QVERIFY(seen != previous);  // a new order every epoch
            previous = seen;
        }

        DataLoader dropping(ds, {.batchSize = 4, .dropLast = true}, 1);
        QCOMPARE(dropping.batchesPerEpoch(), int64_t(2));
        QCOMPARE(dropping.next().epoch, int64_t(0));
        QCOMPARE(dropping.next().epoch, int64_t(0));
        Batch third = dropping.next();
        QCOMPARE(third.epoch, int64_t(1));
        QCOMPARE(third.images.size(0), int64_t(4));

        DataLoader ordered(ds, {.batchSize = 3, .shuffle = false}, 1);
        for (int64_t e = 0; e < 2; ++e)
            for (int64_t start = 0; start < 10; start += 3) {
                Batch b = ordered.next();
                for (size_t k = 0; k < b.indices.size(); ++k) QCOMPARE(b.indices[k], start + int64_t(k));
            }
    }

    void valuesAsTorchvisionComputesThem() {
        auto ds = shapes(20);
        const Preprocess pre{0.2860f, 0.3530f, 2};
        DataLoader loader(ds, {.batchSize = 8, .preprocess = pre}, 3);
        Batch b = loader.next();
        QCOMPARE(b.images.shape(), (Shape{8, 1, 32, 32}));
        QCOMPARE(loader.outputHeight(), int64_t(32));
        std::vector<float> v = b.images.toVector();
        for (int64_t k = 0; k < 8; ++k) {
            std::vector<float> e = expectedImage(*ds, b.indices[size_t(k)], 32, 32, -2, -2, false, pre);
            QVERIFY(std::memcmp(e.data(), v.data() + k * 1024, 1024 * sizeof(float)) == 0);
        }
        // The padding is the normalised background.
        QCOMPARE(v[0], (0.0f - 0.2860f) / 0.3530f);

        std::vector<int64_t> idx{5, 0, 5};
        Batch m = makeBatch(*ds, idx, {});
        QCOMPARE(m.images.shape(), (Shape{3, 1, 28, 28}));
        QCOMPARE(m.indices, idx);
        std::vector<float> mv = m.images.toVector();
        for (int k = 0; k < 784; ++k) QCOMPARE(mv[size_t(k)], float(ds->image(5)[size_t(k)]) / 255.0f);
        QCOMPARE(m.labels.at({1}), float(ds->labels[0]));
        std::vector<int64_t> bad{20};
        GL_VERIFY_ERROR(makeBatch(*ds, bad, {}), "out of range");
        Batch range = makeBatch(*ds, 17, 3, pre);
        QCOMPARE(range.indices, (std::vector<int64_t>{17, 18, 19}));
        QCOMPARE(range.images.shape(), (Shape{3, 1, 32, 32}));
        QVERIFY(bits(range.images.select(0, 2)) == bits(makeBatch(*ds, std::vector<int64_t>{19}, pre).images.select(0, 0)));
        GL_VERIFY_ERROR(makeBatch(*ds, 18, 3, {}), "images [18, 21) are out of range for 20 images");
    }

    void sameSeedSameBatches() {
        auto ds = shapes(50);
        LoaderOptions o{.batchSize = 7, .augment = {.cropPadding = 3, .hflip = true}};
        DataLoader a(ds, o, 42), b(ds, o, 42), c(ds, o, 43);
        bool differs = false;
        for (int i = 0; i < 30; ++i) {  // four epochs and a bit
            Batch x = a.next(), y = b.next(), z = c.next();
            QVERIFY(sameBatch(x, y));
            differs |= !sameBatch(x, z);
        }
        QVERIFY(differs);
    }

    void stateContinuesExactly() {
        auto ds = shapes(50);
        LoaderOptions o{.batchSize = 8, .preprocess = {0.1f, 0.3f, 2}, .augment = {.cropPadding = 2, .hflip = true}};
        for (int stopAfter : {0, 3, 7, 9, 13}) {  // 7 batches per epoch: start, mid, the boundary, later epochs
            DataLoader a(ds, o, 5);
            for (int i = 0; i < stopAfter; ++i) a.next();
            // Through text, as a checkpoint stores it.
            const json saved = json::parse(a.state().dump());
            QVERIFY(saved["format"] == "gradlab-dataloader");
            QCOMPARE(saved["permutation"].size(), size_t(50));
            DataLoader b(ds, o, 999);  // another seed: the state replaces it
            b.restore(saved);
            QCOMPARE(b.epoch(), a.epoch());
            QCOMPARE(b.position(), a.position());
            for (int i = 0; i < 20; ++i) QVERIFY2(sameBatch(a.next(), b.next()), qPrintable(QString("stop %1 batch %2").arg(stopAfter).arg(i)));
        }
    }

    void badStatesAreRefused() {
        auto ds = shapes(12);
        LoaderOptions o{.batchSize = 5, .augment = {.hflip = true}};
        DataLoader a(ds, o, 5);
        a.next();
        const json good = a.state();
        auto with = [&](const char* key, const json& v) {
            json s = good;
            if (v.is_discarded()) s.erase(key);
            else s[key] = v;
            return s;
        };
        const json drop = json(json::value_t::discarded);
        json dup = good;
        dup["permutation"][1] = dup["permutation"][0];
        json frac = good;
        frac["permutation"][3] = 2.5;
        const std::vector<std::pair<json, const char*>> cases{
            {json::array(), "must be a JSON object"},
            {with("format", "x"), "not a data loader state"},
            {with("format", drop), "has no \"format\""},
            {with("version", 2), "version 2 is not supported"},
            {with("size", 13), "is for a data set of 13 images, this one has 12"},
            {with("size", "12"), "\"size\" has the wrong type"},
            {with("epoch", -1), "epoch -1 is negative"},
            {with("position", 13), "position 13 is outside 0..12"},
            {with("permutation", json::array({1, 2})), "must be an array of 12"},
            {with("permutation", drop), "must be an array of 12"},
            {dup, "the permutation is not one of 0..11"},
            {frac, "entry 3 is not an integer"},
            {with("generator", drop), "has no \"generator\""},
            {with("generator", json::object({{"seed", "1"}})), "generator"},
        };
        DataLoader b(ds, o, 77), reference(ds, o, 77);
        for (const auto& [state, part] : cases) {
            GL_VERIFY_ERROR(b.restore(state), part);
        }
        // Nothing was applied by the failed attempts.
        for (int i = 0; i < 5; ++i) QVERIFY(sameBatch(b.next(), reference.next()));
    }

    void augmentationOnlyMovesAndMirrors() {
        auto ds = shapes(40);
        const int64_t C = 3;
        DataLoader loader(ds, {.batchSize = 40, .augment = {.cropPadding = C, .hflip = true}}, 8);
        std::set<std::pair<int64_t, int64_t>> offsets;
        int flips = 0, total = 0;
        for (int round = 0; round < 5; ++round) {
            Batch b = loader.next();
            QCOMPARE(b.images.shape(), (Shape{40, 1, 28, 28}));
            std::vector<float> v = b.images.toVector();
            for (int64_t k = 0; k < 40; ++k) {
                // Exactly one shift in [-C, C]^2 and mirror state reproduces the image; shapes
                // are not symmetric enough for two to match often, so count the first match.
                bool found = false;
                for (int64_t sy = -C; sy <= C && !found; ++sy)
                    for (int64_t sx = -C; sx <= C && !found; ++sx)
                        for (bool flip : {false, true}) {
                            std::vector<float> e = expectedImage(*ds, b.indices[size_t(k)], 28, 28, sy, sx, flip, {});
                            if (std::memcmp(e.data(), v.data() + k * 784, 784 * sizeof(float)) == 0) {
                                found = true;
                                offsets.insert({sy, sx});
                                flips += flip;
                                break;
                            }
                        }
                QVERIFY2(found, qPrintable(QString("image %1 is not a shifted or mirrored original").arg(k)));
                ++total;
            }
        }
        QVERIFY2(offsets.size() >= 40, qPrintable(QString::number(offsets.size())));  // of 49
        QVERIFY(flips > total / 4 && flips < 3 * total / 4);

        // Flip alone: the original or its mirror, both seen.
        DataLoader mirror(ds, {.batchSize = 40, .augment = {.hflip = true}}, 9);
        Batch b = mirror.next();
        std::vector<float> v = b.images.toVector();
        int mirrored = 0;
        for (int64_t k = 0; k < 40; ++k) {
            std::vector<float> plain = expectedImage(*ds, b.indices[size_t(k)], 28, 28, 0, 0, false, {});
            std::vector<float> flipped = expectedImage(*ds, b.indices[size_t(k)], 28, 28, 0, 0, true, {});
            bool isPlain = std::memcmp(plain.data(), v.data() + k * 784, 784 * 4) == 0;
            bool isFlipped = std::memcmp(flipped.data(), v.data() + k * 784, 784 * 4) == 0;
            QVERIFY(isPlain || isFlipped);
            mirrored += !isPlain;
        }
        QVERIFY(mirrored > 5 && mirrored < 35);
    }

    void badOptions() {
        auto ds = shapes(10);
        GL_VERIFY_ERROR(DataLoader(ds, {.batchSize = 0}, 1), "batch size must be at least 1");
        GL_VERIFY_ERROR(DataLoader(ds, {.batchSize = 11, .dropLast = true}, 1), "leaves no batch from 10 images");
        GL_VERIFY_ERROR(DataLoader(ds, {.preprocess = {0.0f, 0.0f, 0}}, 1), "std > 0");
        GL_VERIFY_ERROR(DataLoader(ds, {.preprocess = {0.0f, 1.0f, 65}}, 1), "padding must be in 0..64");
        GL_VERIFY_ERROR(DataLoader(ds, {.augment = {.cropPadding = -1}}, 1), "crop padding");
        GL_VERIFY_ERROR(DataLoader(nullptr, {}, 1), "no data set");
        GL_VERIFY_ERROR(DataLoader(std::make_shared<ImageDataset>(), {}, 1), "has no images");
        DataLoader big(ds, {.batchSize = 64}, 1);  // one partial batch per epoch
        QCOMPARE(big.next().images.size(0), int64_t(10));
        QCOMPARE(big.next().epoch, int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestDataLoader)
#include "test_data_loader.moc"
