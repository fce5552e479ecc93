// Dropout (torch.nn.Dropout): in training, zeroes each element with probability p and scales the
// others by 1 / (1 - p); in eval mode it is the identity.
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/module.h"

namespace gradlab {

class Dropout : public Module {
public:
    // gen: the run's generator; it must outlive the module.
    explicit Dropout(double p, Generator& gen);

    Tensor forward(const Tensor& x) override;  // x: any shape -> same shape
    std::string_view typeName() const override { return "Dropout"; }
    double p() const { return m_p; }
    void setP(double p);  // live changes (a slider); must be in [0, 1]

private:
    double m_p;
    Generator* m_gen;
};

}  // namespace gradlab
