// What a lesson hands out of its run (frame images, checkpoint tensors) must be on the CPU and
// must not change when training goes on: weights are updated in place, so a view of them would.
#pragma once

#include "engine/tensor/tensor.h"

namespace gradlab::lessons {

// A CPU tensor with t's values that shares no storage with t (and carries no graph): a clone on
// the CPU, a device-to-host copy from any other device (which is one already).
inline Tensor cpuCopy(const Tensor& t) {
    Tensor d = t.detach();
    return d.device() == Device::CPU ? d.clone() : d.to(Device::CPU);
}

}  // namespace gradlab::lessons
