#include "lessons/common/evaluate.h"

#include <algorithm>
#include <vector>

#include "engine/autograd/autograd.h"
#include "engine/ops/ops.h"

namespace gradlab::lessons {

Evaluation evaluate(Module& net, const ImageDataset& ds, const Preprocess& pre, Device device, int64_t chunk) {
    NoGradGuard ng;
    net.eval();
    double lossSum = 0;
    int64_t right = 0;
    for (int64_t i = 0; i < ds.size(); i += chunk) {
        const int64_t n = std::min(chunk, ds.size() - i);
        Batch b = makeBatch(ds, i, n, pre);
        Tensor logits = net(b.images.to(device));
        lossSum += double(crossEntropy(logits, b.labels.to(device)).item()) * double(n);
        std::vector<float> pred = argmax(logits, 1).toVector(), y = b.labels.toVector();
        for (int64_t k = 0; k < n; ++k) right += pred[std::size_t(k)] == y[std::size_t(k)];
    }
    return {lossSum / double(ds.size()), double(right) / double(ds.size())};
}

}  // namespace gradlab::lessons
