// The networks of the generalization lesson and what trains them: an MLP for points in the plane,
// an MLP and a small CNN for 28 x 28 pictures, each with optional dropout and normalisation; one
// training step with L1 and weight decay; early stopping's bookkeeping; augmentation of pictures.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/rng.h"
#include "engine/nn/dropout.h"
#include "engine/nn/sequential.h"
#include "engine/optim/optimizer.h"
#include "engine/tensor/tensor.h"

namespace gradlab::generalization {

// The regularisers, shared by both tabs and live.
struct Regularisation {
    double weightDecay = 0;  // Adam's own (coupled) weight decay: weight_decay * p added to each gradient
    double l1 = 0;           // l1 * sum |W| of the layers' weights (not biases, not norms) added to the loss
    double dropout = 0;      // after every hidden layer's activation
};

// A classifier with its optimizer: the layers, the dropout modules (their p changes live) and the
// weight matrices by layer name (for L1 and the weight norms).
struct Net {
    std::shared_ptr<Sequential> body;
    std::vector<std::shared_ptr<Dropout>> dropouts;
    std::vector<std::pair<std::string, Tensor>> weights;
    std::unique_ptr<Optimizer> opt;

    void setRegularisation(const Regularisation& r);
    // One Adam step on (x, y); returns the loss without the L1 term.
    double trainStep(const Tensor& x, const Tensor& y, double l1);
    // The Frobenius norm of each layer's weights.
    std::vector<double> weightNorms() const;
};

// depth hidden layers of `width` units (Linear, ReLU, Dropout), then 2 scores.
Net planeMlp(int64_t depth, int64_t width, double lr, const Regularisation& r, Generator& init, Generator& dropout);

// For 1 x 28 x 28 pictures and 10 classes. norm: "none", "batch" or "layer".
//   mlp: 784 -> 256 -> 256 -> 10, each hidden Linear followed by [norm], ReLU, Dropout;
//   cnn: conv 3x3 (16) [norm] ReLU maxpool 2, conv 3x3 (32) [norm] ReLU maxpool 2, Dropout,
//        Linear 1568 -> 128, ReLU, Dropout, Linear 128 -> 10. The CNN's layer norm normalises the
//        channels of each pixel (as ConvNeXt does).
Net imageNet(const std::string& kind, const std::string& norm, double lr, const Regularisation& r, Generator& init,
             Generator& dropout);

// Early stopping's bookkeeping for one validation curve: the best loss so far, where it was, and
// whether the patience has run out since (the step where a run with early stopping would stop).
struct EarlyStop {
    double best = 0;
    int64_t bestStep = -1, bestAt = -1;  // the lesson step and the tab's own count (step or epoch)
    int64_t stopStep = -1, stopAt = -1;  // where the patience ran out; -1: not yet
    bool halted = false;                 // stop_early stopped the training here
    std::map<std::string, Tensor> bestWeights;  // CPU copies of the state at the best loss

    // Records a validation loss measured at (step, at); returns true when the patience (in units
    // of `at`) has just run out.
    bool observe(double loss, int64_t step, int64_t at, int64_t patience, const Net& net);
    bool improvedLast = false;  // the last observe() found a new best

    nlohmann::json toJson() const;  // without the weights (saved as tensors)
    void fromJson(const nlohmann::json& j, const std::string& what);
};

// Picture augmentation, drawn from `gen` for each picture: `shift` moves it by up to 2 pixels in
// each direction (the uncovered border takes `background`), `flip` mirrors it left-right with
// probability 1/2, `rotate` turns it by an angle in [-10, 10] degrees about its centre (bilinear).
struct Augmentation {
    bool shift = false, flip = false, rotate = false;
    bool any() const { return shift || flip || rotate; }
    static Augmentation fromSet(const std::vector<std::string>& items);
};
// x: (N, 1, H, W) float on the CPU, changed in place (a fresh batch, not shared).
void augment(Tensor& x, const Augmentation& a, float background, Generator& gen);

}  // namespace gradlab::generalization
