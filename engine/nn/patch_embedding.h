// PatchEmbedding (the front of a Vision Transformer): cuts an image into non-overlapping P x P
// patches and maps each flattened patch to a token by a Linear layer ("proj").
#pragma once

#include <memory>

#include "engine/core/rng.h"
#include "engine/nn/linear.h"

namespace gradlab {

// x: (N, C, H, W) -> (N, (H / P) * (W / P), C * P * P): the non-overlapping P x P patches in
// row-major order, each flattened as (C, P, P) (for C = 1 exactly torch's
// x.unfold(2, P, P).unfold(3, P, P).reshape(N, -1, P * P)). Rows and columns past the last whole
// patch are dropped, as unfold does. Differentiable (reshape, permute and one copy).
Tensor extractPatches(const Tensor& x, int64_t patchSize);

class PatchEmbedding : public Module {
public:
    // proj: Linear(inChannels * P * P -> dim) with Linear's initialisation.
    PatchEmbedding(int64_t patchSize, int64_t inChannels, int64_t dim, Generator& gen);

    // x: (N, C, H, W) -> (N, (H / P) * (W / P), dim): proj(extractPatches(x, P))
    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "PatchEmbedding"; }
    int64_t patchSize() const { return m_patch; }
    Linear& proj() const { return *m_proj; }

private:
    int64_t m_patch, m_channels;
    std::shared_ptr<Linear> m_proj;
};

}  // namespace gradlab
