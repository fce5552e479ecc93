// Patches by reshape + permute (one copy), and PatchEmbedding: patches, then the Linear projection.
#include "engine/nn/patch_embedding.h"

#include "engine/core/error.h"

namespace gradlab {

PatchEmbedding::PatchEmbedding(int64_t patchSize, int64_t inChannels, int64_t dim, Generator& gen)
    : m_patch(patchSize), m_channels(inChannels) {
    GL_CHECK(patchSize > 0 && inChannels > 0 && dim > 0, "PatchEmbedding: patch size, channels and dim must be positive, got ",
             patchSize, ", ", inChannels, ", ", dim);
    m_proj = registerModule("proj", std::make_shared<Linear>(inChannels * patchSize * patchSize, dim, true, gen));
}

Tensor extractPatches(const Tensor& x, int64_t P) {
    GL_CHECK(P > 0, "patches: the patch size must be positive, got ", P);
    GL_CHECK(x.defined() && x.dim() == 4, "patches: expected an image batch (N, C, H, W), got ",
             x.defined() ? shapeStr(x.shape()) : std::string("undefined"));
    const int64_t N = x.size(0), C = x.size(1), nh = x.size(2) / P, nw = x.size(3) / P;
    GL_CHECK(nh > 0 && nw > 0, "patches: the image (", x.size(2), " x ", x.size(3), ") is smaller than one ", P, " x ", P,
             " patch");
    Tensor t = x;
    if (nh * P != x.size(2)) t = t.narrow(2, 0, nh * P);
    if (nw * P != x.size(3)) t = t.narrow(3, 0, nw * P);
    // (N, C, nh, P, nw, P) -> (N, nh, nw, C, P, P) -> (N, nh * nw, C * P * P)
    return t.reshape({N, C, nh, P, nw, P}).permute({0, 2, 4, 1, 3, 5}).reshape({N, nh * nw, C * P * P});
}

Tensor PatchEmbedding::forward(const Tensor& x) {
    GL_CHECK(x.defined() && x.dim() == 4 && x.size(1) == m_channels, "PatchEmbedding: expected input of shape (N, ",
             m_channels, ", H, W), got ", x.defined() ? shapeStr(x.shape()) : std::string("undefined"));
    return (*m_proj)(extractPatches(x, m_patch));
}

}  // namespace gradlab
