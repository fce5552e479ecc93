#include "lessons/common/train_step.h"

namespace gradlab::lessons {

TrainedStep trainOn(const Tensor& loss, Optimizer& opt, int64_t& step, DivergenceWatch& watch, double lr) {
    opt.zeroGrad();
    loss.backward();
    opt.step();
    ++step;
    TrainedStep out{.frame = Frame{.step = step}};
    const double l = loss.item();
    out.frame.scalar("loss", l);
    out.diverged = watch.check(0, l, step, lr, out.frame);
    return out;
}

}  // namespace gradlab::lessons
