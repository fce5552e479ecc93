// DataLoader: batches of an ImageDataset as float tensors, shuffled per epoch by the engine's
// seeded Generator, with optional augmentation (random crop with padding, horizontal flip) drawn
// from the same generator: one seed gives the same batches bit for bit. Its state (epoch,
// position, permutation, generator) saves to JSON and restores exactly, mid-epoch included.
//
//   auto train = std::make_shared<ImageDataset>(std::move(found.data.train));
//   DataLoader loader(train, {.batchSize = 64, .preprocess = Preprocess::normalized(*train)}, seed);
//   Batch b = loader.next();   // b.images (64, 1, 28, 28), b.labels (64)
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "engine/core/rng.h"
#include "engine/data/dataset.h"
#include "engine/tensor/tensor.h"

namespace gradlab {

struct Augment {
    // Random crop as torchvision's RandomCrop(size, padding=cropPadding): pad every side with
    // background, then cut the original size back out at a random offset in [0, 2 cropPadding]^2.
    // 0 = off. (Applied after Preprocess::pad, to the padded size.)
    int64_t cropPadding = 0;
    bool hflip = false;  // mirror left-right with probability 1/2 (clothes yes, digits no)
};

struct LoaderOptions {
    int64_t batchSize = 64;
    bool shuffle = true;    // a new random order every epoch; false: dataset order
    bool dropLast = false;  // false: the last, smaller batch of an epoch is kept
    Preprocess preprocess;  // bytes -> floats: (p / 255 - mean) / std, padding
    Augment augment;
};

struct Batch {
    Tensor images;                 // (B, 1, H, W) float32 on the CPU; H = height + 2 pad
    Tensor labels;                 // (B) class indices as floats (the engine's index convention)
    std::vector<int64_t> indices;  // (B) the images' indices in the data set
    int64_t epoch = 0;             // the epoch the batch belongs to (0-based)
    int64_t batchInEpoch = 0;      // its number within the epoch (0-based)
};

// The images `indices` of `ds` as one batch, without augmentation (evaluation, previews).
Batch makeBatch(const ImageDataset& ds, std::span<const int64_t> indices, const Preprocess& pre);
// Images [begin, begin + count) of `ds`, e.g. a test set evaluated in chunks of 1000.
Batch makeBatch(const ImageDataset& ds, int64_t begin, int64_t count, const Preprocess& pre);

class DataLoader {
public:
    // Throws when the options are invalid (batch size < 1, pad or cropPadding outside 0..64,
    // std <= 0) or leave no batch at all (an empty data set, or drop_last with fewer images
    // than one batch). The first epoch's order is drawn here.
    DataLoader(std::shared_ptr<const ImageDataset> dataset, LoaderOptions options, uint64_t seed);

    // The next batch. When the current epoch has none left, the next epoch begins first (a new
    // permutation when shuffling), so next() can be called forever.
    Batch next();

    int64_t epoch() const { return m_epoch; }        // the epoch in progress (0-based)
    int64_t position() const { return m_position; }  // images of this epoch already handed out
    bool epochFinished() const;                      // no batch left in this epoch
    int64_t batchesPerEpoch() const;
    const ImageDataset& dataset() const { return *m_data; }
    const LoaderOptions& options() const { return m_options; }
    int64_t outputHeight() const { return m_data->height + 2 * m_options.preprocess.pad; }
    int64_t outputWidth() const { return m_data->width + 2 * m_options.preprocess.pad; }

    // {"format": "gradlab-dataloader", "version": 1, "size": N, "epoch": e, "position": p,
    //  "permutation": [N indices], "generator": {...}} (see generatorStateToJson).
    nlohmann::json state() const;
    // Restores a state() of a loader over a data set of the same size. Validates everything
    // (format, size, a true permutation, position within it, generator state) before changing
    // anything; throws a clear Error otherwise. The options are this loader's own.
    void restore(const nlohmann::json& state);

private:
    void beginEpoch();  // draws the order of the epoch m_epoch

    std::shared_ptr<const ImageDataset> m_data;
    LoaderOptions m_options;
    Generator m_gen;
    std::vector<int64_t> m_order;  // (N) this epoch's permutation
    int64_t m_epoch = 0;
    int64_t m_position = 0;
    float m_lut[256];  // byte -> normalised float
};

}  // namespace gradlab
