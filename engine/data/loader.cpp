// DataLoader: per-epoch permutations, batch assembly through a 256-entry lookup table (one table
// read per pixel), augmentation as a per-image shift and mirror, and the JSON state.
#include "engine/data/loader.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/core/error.h"
#include "engine/io/checkpoint.h"

namespace gradlab {
namespace {

void checkPreprocess(const Preprocess& pre) {
    GL_CHECK(pre.pad >= 0 && pre.pad <= 64, "padding must be in 0..64, got ", pre.pad);
    GL_CHECK(std::isfinite(pre.mean) && std::isfinite(pre.std) && pre.std > 0,
             "normalisation needs a finite mean and a std > 0, got mean ", pre.mean, ", std ", pre.std);
}

void fillLut(float lut[256], const Preprocess& pre) {
    // float32 arithmetic in torchvision's order: ToTensor divides by 255, Normalize subtracts and divides.
    for (int v = 0; v < 256; ++v) lut[v] = (float(v) / 255.0f - pre.mean) / pre.std;
}

// One output image (Ho, Wo): out(y, x) = src(y + sy, x' + sx) with x' = x, or Wo - 1 - x when
// mirrored; pixels outside the source are the background lut[0].
void fillImage(float* out, const uint8_t* src, int64_t H, int64_t W, int64_t Ho, int64_t Wo, int64_t sy, int64_t sx,
               bool flip, const float* lut) {
    const float bg = lut[0];
    for (int64_t y = 0; y < Ho; ++y) {
        float* row = out + y * Wo;
        const int64_t srcY = y + sy;
        if (srcY < 0 || srcY >= H) {
            std::fill(row, row + Wo, bg);
            continue;
        }
        const uint8_t* srow = src + srcY * W;
        if (!flip) {
            const int64_t x0 = std::clamp<int64_t>(-sx, 0, Wo), x1 = std::clamp<int64_t>(W - sx, x0, Wo);
            std::fill(row, row + x0, bg);
            for (int64_t x = x0; x < x1; ++x) row[x] = lut[srow[x + sx]];
            std::fill(row + x1, row + Wo, bg);
        } else {
            // srcX = Wo - 1 - x + sx lies in [0, W) for x in [Wo - W + sx, Wo - 1 + sx].
            const int64_t x0 = std::clamp<int64_t>(Wo - W + sx, 0, Wo), x1 = std::clamp<int64_t>(Wo + sx, x0, Wo);
            std::fill(row, row + x0, bg);
            for (int64_t x = x0; x < x1; ++x) row[x] = lut[srow[Wo - 1 - x + sx]];
            std::fill(row + x1, row + Wo, bg);
        }
    }
}

template <class T>
T field(const nlohmann::json& j, const char* key) {
    if (!j.contains(key)) GL_FAIL("data loader state has no \"", key, "\"");
    try {
        return j.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        GL_FAIL("data loader state: \"", key, "\" has the wrong type");
    }
}

}  // namespace

Batch makeBatch(const ImageDataset& ds, std::span<const int64_t> indices, const Preprocess& pre) {
    checkPreprocess(pre);
    float lut[256];
    fillLut(lut, pre);
    const int64_t B = int64_t(indices.size()), H = ds.height, W = ds.width, P = pre.pad;
    const int64_t Ho = H + 2 * P, Wo = W + 2 * P;
    Batch b;
    b.images = empty({B, 1, Ho, Wo});
    b.labels = empty({B});
    b.indices.assign(indices.begin(), indices.end());
    float* img = b.images.data();
    float* lab = b.labels.data();
    for (int64_t k = 0; k < B; ++k) {
        const int64_t i = indices[size_t(k)];
        GL_CHECK(i >= 0 && i < ds.size(), "makeBatch: index ", i, " is out of range for ", ds.size(), " images");
        fillImage(img + k * Ho * Wo, ds.pixels.data() + i * H * W, H, W, Ho, Wo, -P, -P, false, lut);
        lab[k] = float(ds.labels[size_t(i)]);
    }
    return b;
}

Batch makeBatch(const ImageDataset& ds, int64_t begin, int64_t count, const Preprocess& pre) {
    GL_CHECK(begin >= 0 && count >= 0 && begin <= ds.size() && count <= ds.size() - begin, "makeBatch: images [", begin,
             ", ", begin + count, ") are out of range for ", ds.size(), " images");
    std::vector<int64_t> idx(static_cast<size_t>(count));
    std::iota(idx.begin(), idx.end(), begin);
    return makeBatch(ds, idx, pre);
}

DataLoader::DataLoader(std::shared_ptr<const ImageDataset> dataset, LoaderOptions options, uint64_t seed)
    : m_data(std::move(dataset)), m_options(options), m_gen(seed) {
    GL_CHECK(m_data, "DataLoader: no data set");
    GL_CHECK(m_options.batchSize >= 1, "batch size must be at least 1, got ", m_options.batchSize);
    checkPreprocess(m_options.preprocess);
    GL_CHECK(m_options.augment.cropPadding >= 0 && m_options.augment.cropPadding <= 64,
             "crop padding must be in 0..64, got ", m_options.augment.cropPadding);
    GL_CHECK(m_data->size() > 0, "DataLoader: the data set '", m_data->name, "' has no images");
    GL_CHECK(int64_t(m_data->pixels.size()) == m_data->size() * m_data->height * m_data->width,
             "DataLoader: the data set '", m_data->name, "' has ", m_data->pixels.size(), " pixels for ", m_data->size(),
             " images of ", m_data->height, "x", m_data->width);
    GL_CHECK(!m_options.dropLast || m_data->size() >= m_options.batchSize, "batch size ", m_options.batchSize,
             " with drop_last leaves no batch from ", m_data->size(), " images");
    fillLut(m_lut, m_options.preprocess);
    m_order.resize(size_t(m_data->size()));
    beginEpoch();
}

void DataLoader::beginEpoch() {
    std::iota(m_order.begin(), m_order.end(), int64_t(0));
    if (m_options.shuffle) {
        // Fisher-Yates from the back, as torch.randperm's CPU loop does.
        for (int64_t i = int64_t(m_order.size()) - 1; i > 0; --i)
            std::swap(m_order[size_t(i)], m_order[size_t(m_gen.below(uint64_t(i) + 1))]);
    }
    m_position = 0;
}

bool DataLoader::epochFinished() const {
    const int64_t left = m_data->size() - m_position;
    return m_options.dropLast ? left < m_options.batchSize : left == 0;
}

int64_t DataLoader::batchesPerEpoch() const {
    const int64_t n = m_data->size(), b = m_options.batchSize;
    return m_options.dropLast ? n / b : (n + b - 1) / b;
}

Batch DataLoader::next() {
    if (epochFinished()) {
        ++m_epoch;
        beginEpoch();
    }
    const ImageDataset& ds = *m_data;
    const int64_t B = std::min(m_options.batchSize, ds.size() - m_position);
    const int64_t H = ds.height, W = ds.width, P = m_options.preprocess.pad, C = m_options.augment.cropPadding;
    const int64_t Ho = H + 2 * P, Wo = W + 2 * P;
    Batch b;
    b.epoch = m_epoch;
    b.batchInEpoch = m_position / m_options.batchSize;
    b.images = empty({B, 1, Ho, Wo});
    b.labels = empty({B});
    b.indices.assign(m_order.begin() + m_position, m_order.begin() + m_position + B);
    float* img = b.images.data();
    float* lab = b.labels.data();
    for (int64_t k = 0; k < B; ++k) {
        const int64_t i = b.indices[size_t(k)];
        // Crop offset (dy, dx) in [0, 2C] of the image padded by C more: out(y, x) = src(y + dy - C - P, ...).
        int64_t sy = -P, sx = -P;
        if (C > 0) {
            sy += int64_t(m_gen.below(uint64_t(2 * C + 1))) - C;
            sx += int64_t(m_gen.below(uint64_t(2 * C + 1))) - C;
        }
        const bool flip = m_options.augment.hflip && (m_gen.nextU32() >> 31) != 0;
        fillImage(img + k * Ho * Wo, ds.pixels.data() + i * H * W, H, W, Ho, Wo, sy, sx, flip, m_lut);
        lab[k] = float(ds.labels[size_t(i)]);
    }
    m_position += B;
    return b;
}

nlohmann::json DataLoader::state() const {
    nlohmann::json j;
    j["format"] = "gradlab-dataloader";
    j["version"] = 1;
    j["size"] = m_data->size();
    j["epoch"] = m_epoch;
    j["position"] = m_position;
    j["permutation"] = m_order;
    j["generator"] = generatorStateToJson(m_gen.state());
    return j;
}

void DataLoader::restore(const nlohmann::json& j) {
    GL_CHECK(j.is_object(), "data loader state must be a JSON object");
    GL_CHECK(field<std::string>(j, "format") == "gradlab-dataloader", "not a data loader state (format \"",
             field<std::string>(j, "format"), "\")");
    GL_CHECK(field<int64_t>(j, "version") == 1, "data loader state version ", field<int64_t>(j, "version"),
             " is not supported (1 is)");
    const int64_t n = m_data->size();
    const int64_t size = field<int64_t>(j, "size");
    GL_CHECK(size == n, "data loader state is for a data set of ", size, " images, this one has ", n);
    const int64_t epoch = field<int64_t>(j, "epoch");
    const int64_t position = field<int64_t>(j, "position");
    GL_CHECK(epoch >= 0, "data loader state: epoch ", epoch, " is negative");
    GL_CHECK(position >= 0 && position <= n, "data loader state: position ", position, " is outside 0..", n);
    const nlohmann::json& perm = j.contains("permutation") ? j.at("permutation") : nlohmann::json();
    GL_CHECK(perm.is_array() && int64_t(perm.size()) == n, "data loader state: \"permutation\" must be an array of ", n,
             " indices");
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::vector<char> seen(size_t(n), 0);
    for (int64_t k = 0; k < n; ++k) {
        const nlohmann::json& v = perm[size_t(k)];
        GL_CHECK(v.is_number_integer(), "data loader state: permutation entry ", k, " is not an integer");
        const int64_t i = v.get<int64_t>();
        GL_CHECK(i >= 0 && i < n && !seen[size_t(i)], "data loader state: the permutation is not one of 0..", n - 1,
                 " (entry ", k, " is ", i, ")");
        seen[size_t(i)] = 1;
        order[size_t(k)] = i;
    }
    GL_CHECK(j.contains("generator"), "data loader state has no \"generator\"");
    const Generator::State gs = generatorStateFromJson(j.at("generator"));
    // All checked: apply.
    m_order = std::move(order);
    m_epoch = epoch;
    m_position = position;
    m_gen.setState(gs);
}

}  // namespace gradlab
