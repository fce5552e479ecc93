// Embedding (torch.nn.Embedding): a table of learned vectors looked up by integer index.
#pragma once

#include <optional>

#include "engine/core/rng.h"
#include "engine/nn/module.h"

namespace gradlab {

class Embedding : public Module {
public:
    // weight: (numEmbeddings, embeddingDim) ~ N(0, 1), the row paddingIdx (if any) zero; that row
    // gets no gradient. A negative paddingIdx counts from the end, like torch.
    Embedding(int64_t numEmbeddings, int64_t embeddingDim, Generator& gen,
              std::optional<int64_t> paddingIdx = std::nullopt);

    // indices: any shape of integers (as floats) in [0, numEmbeddings) -> (*indices.shape, embeddingDim)
    Tensor forward(const Tensor& indices) override;
    std::string_view typeName() const override { return "Embedding"; }

    int64_t numEmbeddings() const { return m_num; }
    int64_t embeddingDim() const { return m_dim; }
    std::optional<int64_t> paddingIdx() const { return m_pad; }  // normalised to [0, numEmbeddings)
    const Tensor& weight() const { return m_weight; }

private:
    int64_t m_num, m_dim;
    std::optional<int64_t> m_pad;
    Tensor m_weight;
};

}  // namespace gradlab
