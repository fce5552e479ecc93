// embedding (torch.nn.functional.embedding): rows of a weight matrix picked by integer indices,
// with a scatter-add backward into the weight; the padding row gets no gradient.
#include "engine/ops/op_utils.h"
#include "engine/ops/transformer_ops.h"

namespace gradlab {

Tensor embedding(const Tensor& indices, const Tensor& weight, std::optional<int64_t> paddingIdx) {
    const Device dev = detail::commonDevice("embedding", {&indices, &weight});
    GL_CHECK(weight.dim() == 2, "embedding: the weight must be 2-D (num_embeddings, embedding_dim), got shape ",
             shapeStr(weight.shape()));
    const int64_t num = weight.size(0), dim = weight.size(1);
    int64_t pad = -1;
    if (paddingIdx) {
        GL_CHECK(*paddingIdx < num && *paddingIdx >= -num, "embedding: padding_idx ", *paddingIdx,
                 " must be within num_embeddings (", num, ")");
        pad = *paddingIdx < 0 ? *paddingIdx + num : *paddingIdx;
    }
    detail::checkIndices(indices, num, "embedding");
    Shape outShape = indices.shape();
    outShape.push_back(dim);
    const Tensor idx = detail::raw(indices).reshape({indices.numel()});
    Tensor out = empty(outShape, dev);
    if (out.numel() > 0) GL_DISPATCH(dev, indexSelect, detail::contig(weight), 1, num, dim, idx, out);
    return record(OpId::embedding, out, {&indices, &weight}, [idx, num, dim, pad](const Tensor& dy, GradSlots& g) {
        if (!g.needs(1)) return;
        Tensor dw = zeros({num, dim}, dy.device());
        if (dy.numel() > 0) GL_DISPATCH(dy.device(), indexAdd, dw, 1, num, dim, idx, detail::contig(dy));
        if (pad >= 0) dw.narrow(0, pad, 1).zero_();
        g.set(1, std::move(dw));
    });
}

}  // namespace gradlab
