// Embedding module over gradlab::embedding, with torch's initialisation.
#include "engine/nn/embedding.h"

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/ops/transformer_ops.h"

namespace gradlab {

Embedding::Embedding(int64_t numEmbeddings, int64_t embeddingDim, Generator& gen, std::optional<int64_t> paddingIdx)
    : m_num(numEmbeddings), m_dim(embeddingDim) {
    GL_CHECK(numEmbeddings >= 0 && embeddingDim >= 0, "Embedding: sizes must be non-negative, got ", numEmbeddings,
             " x ", embeddingDim);
    if (paddingIdx) {
        GL_CHECK(*paddingIdx < numEmbeddings && *paddingIdx >= -numEmbeddings, "Embedding: padding_idx ", *paddingIdx,
                 " must be within num_embeddings (", numEmbeddings, ")");
        m_pad = *paddingIdx < 0 ? *paddingIdx + numEmbeddings : *paddingIdx;
    }
    Tensor w = empty({numEmbeddings, embeddingDim});
    init::normal_(w, gen);
    if (m_pad) w.narrow(0, *m_pad, 1).zero_();
    m_weight = registerParameter("weight", w);
}

Tensor Embedding::forward(const Tensor& indices) { return embedding(indices, m_weight, m_pad); }

}  // namespace gradlab
