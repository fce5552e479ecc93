#include "lessons/common/norms.h"

#include "engine/core/error.h"
#include "engine/nn/batch_norm.h"
#include "engine/nn/layer_norm.h"
#include "engine/ops/ops.h"

namespace gradlab::lessons {
namespace {

// LayerNorm over the channels of each pixel of an (N, C, H, W) map.
class ChannelLayerNorm final : public Module {
public:
    explicit ChannelLayerNorm(int64_t channels) : m_norm(registerModule("norm", std::make_shared<LayerNorm>(channels))) {}
    Tensor forward(const Tensor& x) override { return permute((*m_norm)(permute(x, {0, 2, 3, 1})), {0, 3, 1, 2}); }
    std::string_view typeName() const override { return "ChannelLayerNorm"; }

private:
    std::shared_ptr<LayerNorm> m_norm;
};

}  // namespace

std::shared_ptr<Module> makeNorm1d(const std::string& norm, int64_t features) {
    if (norm == "batch") return std::make_shared<BatchNorm1d>(features);
    if (norm == "layer") return std::make_shared<LayerNorm>(features);
    GL_CHECK(norm == "none", "unknown normalisation '", norm, "'");
    return nullptr;
}

std::shared_ptr<Module> makeNorm2d(const std::string& norm, int64_t channels) {
    if (norm == "batch") return std::make_shared<BatchNorm2d>(channels);
    if (norm == "layer") return std::make_shared<ChannelLayerNorm>(channels);
    GL_CHECK(norm == "none", "unknown normalisation '", norm, "'");
    return nullptr;
}

}  // namespace gradlab::lessons
