// Sinusoidal and learned positional encodings.
#include "engine/nn/positional_encoding.h"

#include <cmath>
#include <vector>

#include "engine/core/error.h"
#include "engine/init/init.h"
#include "engine/ops/ops.h"

namespace gradlab {
namespace {

// x: (B, T, d) or (T, d) with T <= maxLen.
void checkTokens(const char* who, const Tensor& x, int64_t d, int64_t maxLen) {
    GL_CHECK(x.defined() && (x.dim() == 2 || x.dim() == 3) && x.size(-1) == d, who, ": expected input of shape (B, T, ", d,
             ") or (T, ", d, "), got ", x.defined() ? shapeStr(x.shape()) : std::string("undefined"));
    GL_CHECK(x.size(-2) <= maxLen, who, ": sequence of ", x.size(-2), " positions is longer than max_len ", maxLen);
}

}  // namespace

SinusoidalPositionalEncoding::SinusoidalPositionalEncoding(int64_t dModel, int64_t maxLen) : m_d(dModel), m_maxLen(maxLen) {
    GL_CHECK(dModel > 0 && maxLen > 0, "SinusoidalPositionalEncoding: d_model and max_len must be positive, got ", dModel,
             " and ", maxLen);
    // Float32 steps in the tutorial's order, so the table equals torch's to the last bits that
    // the sin/exp implementations allow.
    const float c = float(-std::log(10000.0) / double(dModel));
    std::vector<float> div;
    for (int64_t i = 0; i < dModel; i += 2) div.push_back(std::exp(float(i) * c));
    std::vector<float> pe(std::size_t(maxLen * dModel));
    for (int64_t pos = 0; pos < maxLen; ++pos)
        for (int64_t j = 0; j < dModel; ++j) {
            const float arg = float(pos) * div[std::size_t(j / 2)];
            pe[std::size_t(pos * dModel + j)] = j % 2 == 0 ? std::sin(arg) : std::cos(arg);
        }
    m_pe = registerBuffer("pe", fromData(pe, {maxLen, dModel}));
}

Tensor SinusoidalPositionalEncoding::forward(const Tensor& x) {
    checkTokens("SinusoidalPositionalEncoding", x, m_d, m_maxLen);
    return add(x, m_pe.narrow(0, 0, x.size(-2)));
}

LearnedPositionalEmbedding::LearnedPositionalEmbedding(int64_t maxLen, int64_t dModel, Generator& gen, double std)
    : m_d(dModel), m_maxLen(maxLen) {
    GL_CHECK(dModel > 0 && maxLen > 0, "LearnedPositionalEmbedding: max_len and d_model must be positive, got ", maxLen,
             " and ", dModel);
    Tensor w = empty({maxLen, dModel});
    init::normal_(w, gen, 0.0, std);
    m_weight = registerParameter("weight", w);
}

Tensor LearnedPositionalEmbedding::forward(const Tensor& x) {
    checkTokens("LearnedPositionalEmbedding", x, m_d, m_maxLen);
    return add(x, m_weight.narrow(0, 0, x.size(-2)));
}

}  // namespace gradlab
