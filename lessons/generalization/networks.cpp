#include "lessons/generalization/networks.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/error.h"
#include "engine/nn/activation.h"
#include "engine/nn/conv.h"
#include "engine/nn/linear.h"
#include "engine/nn/pooling.h"
#include "engine/ops/ops.h"
#include "lessons/common/cpu_copy.h"
#include "lessons/common/norms.h"
#include "lessons/common/training_checkpoint.h"

namespace gradlab::generalization {
namespace {

std::unique_ptr<Optimizer> adam(const Net& n, double lr, const Regularisation& r) {
    return makeOptimizer("adam", n.body->parameters(), {{"lr", lr}, {"weight_decay", r.weightDecay}});
}

}  // namespace

void Net::setRegularisation(const Regularisation& r) {
    for (auto& d : dropouts) d->setP(r.dropout);
    opt->setOption("weight_decay", r.weightDecay);
}

double Net::trainStep(const Tensor& x, const Tensor& y, double l1) {
    body->train();
    Tensor loss = crossEntropy((*body)(x), y);
    const double plain = loss.item();
    if (l1 > 0) {
        Tensor penalty;
        for (const auto& [name, w] : weights) penalty = penalty.defined() ? penalty + sum(abs(w)) : sum(abs(w));
        loss = loss + penalty * float(l1);
    }
    opt->zeroGrad();
    loss.backward();
    opt->step();
    return plain;
}

std::vector<double> Net::weightNorms() const {
    std::vector<double> out;
    for (const auto& [name, w] : weights) {
        double s = 0;
        for (float v : w.contiguous().toVector()) s += double(v) * v;
        out.push_back(std::sqrt(s));
    }
    return out;
}

Net planeMlp(int64_t depth, int64_t width, double lr, const Regularisation& r, Generator& init, Generator& dropout) {
    Net n;
    n.body = std::make_shared<Sequential>();
    int64_t in = 2;
    for (int64_t i = 0; i < depth; ++i) {
        auto lin = std::make_shared<Linear>(in, width, true, init);
        n.weights.emplace_back("hidden " + std::to_string(i + 1), lin->weight());
        n.body->add(lin);
        n.body->add(std::make_shared<ReLU>());
        n.dropouts.push_back(std::make_shared<Dropout>(r.dropout, dropout));
        n.body->add(n.dropouts.back());
        in = width;
    }
    auto out = std::make_shared<Linear>(in, 2, true, init);
    n.weights.emplace_back("output", out->weight());
    n.body->add(out);
    n.opt = adam(n, lr, r);
    return n;
}

Net imageNet(const std::string& kind, const std::string& norm, double lr, const Regularisation& r, Generator& init,
             Generator& dropout) {
    Net n;
    n.body = std::make_shared<Sequential>();
    auto drop = [&] {
        n.dropouts.push_back(std::make_shared<Dropout>(r.dropout, dropout));
        return n.dropouts.back();
    };
    if (kind == "cnn") {
        int64_t in = 1;
        int i = 1;
        for (int64_t c : {16, 32}) {
            auto conv = std::make_shared<Conv2d>(in, c, 3, init, Conv2dOptions{.padding = 1});
            n.weights.emplace_back("conv " + std::to_string(i++), conv->weight());
            n.body->add(conv);
            if (auto m = lessons::makeNorm2d(norm, c)) n.body->add(m);
            n.body->add(std::make_shared<ReLU>());
            n.body->add(std::make_shared<MaxPool2d>(2));
            in = c;
        }
        n.body->add(std::make_shared<Flatten>());
        n.body->add(drop());
        auto fc = std::make_shared<Linear>(32 * 7 * 7, 128, true, init);
        n.weights.emplace_back("dense", fc->weight());
        n.body->add(fc);
        n.body->add(std::make_shared<ReLU>());
        n.body->add(drop());
        auto out = std::make_shared<Linear>(128, 10, true, init);
        n.weights.emplace_back("output", out->weight());
        n.body->add(out);
    } else {
        GL_CHECK(kind == "mlp", "generalization: unknown model '", kind, "'");
        n.body->add(std::make_shared<Flatten>());
        int64_t in = 28 * 28;
        for (int i = 1; i <= 2; ++i) {
            auto lin = std::make_shared<Linear>(in, 256, true, init);
            n.weights.emplace_back("hidden " + std::to_string(i), lin->weight());
            n.body->add(lin);
            if (auto m = lessons::makeNorm1d(norm, 256)) n.body->add(m);
            n.body->add(std::make_shared<ReLU>());
            n.body->add(drop());
            in = 256;
        }
        auto out = std::make_shared<Linear>(in, 10, true, init);
        n.weights.emplace_back("output", out->weight());
        n.body->add(out);
    }
    n.opt = adam(n, lr, r);
    return n;
}

bool EarlyStop::observe(double loss, int64_t step, int64_t at, int64_t patience, const Net& net) {
    improvedLast = false;
    if (bestStep < 0 || loss < best) {
        best = loss, bestStep = step, bestAt = at;
        improvedLast = true;
        bestWeights.clear();
        for (const auto& [name, t] : net.body->stateDict()) bestWeights[name] = lessons::cpuCopy(t);
    }
    if (stopStep < 0 && at - bestAt >= patience) {
        stopStep = step, stopAt = at;
        return true;
    }
    return false;
}

nlohmann::json EarlyStop::toJson() const {
    return {{"best", best}, {"best_step", bestStep}, {"best_at", bestAt},
            {"stop_step", stopStep}, {"stop_at", stopAt}, {"halted", halted}};
}

void EarlyStop::fromJson(const nlohmann::json& j, const std::string& what) {
    auto integer = [&](const char* key) {  // a step, or -1 for none
        GL_CHECK(j.contains(key), "generalization: the checkpoint's ", what, ".", key, " is missing");
        return lessons::wholeNumber(j.at(key), -1, lessons::kMaxSavedStep, "generalization: the checkpoint's " + what + "." + key);
    };
    GL_CHECK(j.is_object() && j.contains("best") && j.at("best").is_number() && j.contains("halted") &&
                 j.at("halted").is_boolean(),
             "generalization: the checkpoint's ", what, " is damaged");
    EarlyStop e;
    e.best = j.at("best").get<double>();
    e.bestStep = integer("best_step"), e.bestAt = integer("best_at");
    e.stopStep = integer("stop_step"), e.stopAt = integer("stop_at");
    e.halted = j.at("halted").get<bool>();
    GL_CHECK(std::isfinite(e.best), "generalization: the checkpoint's ", what, ".best is not finite");
    e.bestWeights = std::move(bestWeights);
    *this = std::move(e);
}

Augmentation Augmentation::fromSet(const std::vector<std::string>& items) {
    Augmentation a;
    for (const auto& s : items) {
        a.shift = a.shift || s == "shift";
        a.flip = a.flip || s == "flip";
        a.rotate = a.rotate || s == "rotate";
    }
    return a;
}

void augment(Tensor& x, const Augmentation& a, float background, Generator& gen) {
    if (!a.any()) return;
    const int64_t n = x.shape()[0], h = x.shape()[2], w = x.shape()[3];
    float* data = x.data();
    std::vector<float> src(std::size_t(h * w));
    const double cy = (double(h) - 1) / 2, cx = (double(w) - 1) / 2;
    for (int64_t i = 0; i < n; ++i) {
        float* img = data + i * h * w;
        std::copy(img, img + h * w, src.begin());
        // Every draw is made whether or not it changes the picture, so that one setting's
        // random stream does not depend on the pictures.
        const int64_t dx = a.shift ? int64_t(gen.below(5)) - 2 : 0, dy = a.shift ? int64_t(gen.below(5)) - 2 : 0;
        const bool mirror = a.flip && gen.below(2) == 1;
        const double angle = a.rotate ? (gen.uniformDouble() * 20.0 - 10.0) * M_PI / 180.0 : 0.0;
        const double c = std::cos(angle), s = std::sin(angle);
        auto at = [&](int64_t yy, int64_t xx) {
            return yy < 0 || yy >= h || xx < 0 || xx >= w ? background : src[std::size_t(yy * w + xx)];
        };
        for (int64_t y = 0; y < h; ++y)
            for (int64_t xq = 0; xq < w; ++xq) {
                // Where the output pixel comes from: undo the shift, the mirror and the turn.
                double sx = double(xq - dx), sy = double(y - dy);
                if (mirror) sx = double(w - 1) - sx;
                float v;
                if (angle != 0.0) {
                    const double rx = c * (sx - cx) + s * (sy - cy) + cx, ry = -s * (sx - cx) + c * (sy - cy) + cy;
                    const double fx = std::floor(rx), fy = std::floor(ry), tx = rx - fx, ty = ry - fy;
                    const int64_t x0 = int64_t(fx), y0 = int64_t(fy);
                    v = float((1 - ty) * ((1 - tx) * at(y0, x0) + tx * at(y0, x0 + 1)) +
                              ty * ((1 - tx) * at(y0 + 1, x0) + tx * at(y0 + 1, x0 + 1)));
                } else {
                    v = at(int64_t(sy), int64_t(sx));
                }
                img[y * w + xq] = v;
            }
    }
}

}  // namespace gradlab::generalization
