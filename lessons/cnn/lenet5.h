// LeNet-5 as the PyTorch reference defines it (tools/pytorch/gradlab_models.py): conv(1->6, 5) act
// pool2 conv(6->16, 5) act pool2 conv(16->120, 5) act fc(120->84) act fc(84->10) on 1x32x32, with
// children c1, c3, c5, f6, out so that parameter names match torch's state_dict. Used by the cnn
// lesson, the engine tests and the benchmarks (one home).
#pragma once

#include <memory>

#include "engine/nn/conv.h"
#include "engine/nn/linear.h"
#include "engine/ops/ops.h"

namespace gradlab {

class LeNet5 : public Module {
public:
    // What the convolutions saw, for drawing: the activations after each conv layer (before pooling).
    struct Features {
        Tensor conv1;  // (N, 6, 28, 28)
        Tensor conv2;  // (N, 16, 10, 10)
    };

    // relu: ReLU instead of tanh; maxPool: 2x2 max pooling instead of average.
    LeNet5(bool relu, bool maxPool, Generator& gen)
        : m_relu(relu),
          m_maxPool(maxPool),
          m_c1(registerModule("c1", std::make_shared<Conv2d>(1, 6, 5, gen))),
          m_c3(registerModule("c3", std::make_shared<Conv2d>(6, 16, 5, gen))),
          m_c5(registerModule("c5", std::make_shared<Conv2d>(16, 120, 5, gen))),
          m_f6(registerModule("f6", std::make_shared<Linear>(120, 84, true, gen))),
          m_out(registerModule("out", std::make_shared<Linear>(84, 10, true, gen))) {}

    // x: (N, 1, 32, 32) -> logits (N, 10)
    Tensor forward(const Tensor& x) override { return forward(x, nullptr); }
    // The same, also keeping the conv layers' activations in *features when it is not null.
    Tensor forward(const Tensor& x, Features* features) {
        Tensor a1 = act((*m_c1)(x));
        Tensor a3 = act((*m_c3)(pool(a1)));
        if (features) *features = {a1, a3};
        Tensor h = act((*m_c5)(pool(a3))).flatten(1);
        h = act((*m_f6)(h));
        return (*m_out)(h);
    }
    std::string_view typeName() const override { return "LeNet5"; }

    bool reluVariant() const { return m_relu; }
    bool maxPoolVariant() const { return m_maxPool; }
    Conv2d& conv1() { return *m_c1; }

private:
    Tensor act(const Tensor& x) const { return m_relu ? relu(x) : tanh(x); }
    Tensor pool(const Tensor& x) const { return m_maxPool ? maxPool2d(x, 2) : avgPool2d(x, 2); }

    bool m_relu, m_maxPool;
    std::shared_ptr<Conv2d> m_c1, m_c3, m_c5;
    std::shared_ptr<Linear> m_f6, m_out;
};

}  // namespace gradlab
