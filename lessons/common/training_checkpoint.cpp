#include "lessons/common/training_checkpoint.h"

#include <cmath>

#include "engine/core/error.h"
#include "lessons/common/cpu_copy.h"

namespace gradlab::lessons {

void saveModelAndOptimizer(Checkpoint& ck, const Module& model, const Optimizer& opt) {
    for (const auto& [name, t] : model.stateDict()) ck.tensors.emplace_back("model." + name, cpuCopy(t));
    for (const auto& [name, t] : opt.stateTensors()) ck.tensors.emplace_back("optim." + name, cpuCopy(t));
    ck.meta["optimizer"] = opt.stateScalars();
}

SavedTraining readModelAndOptimizer(const Checkpoint& ck, const Module& model) {
    SavedTraining s;
    for (const auto& [name, t] : model.stateDict()) {
        const Tensor& saved = ck.tensor("model." + name, t.shape());
        // A network with NaN or infinite weights cannot train on (every loss would be NaN).
        for (float v : saved.toVector())
            GL_CHECK(std::isfinite(v), ck.lesson, ": the checkpoint's tensor model.", name,
                     " holds NaN or infinite values (the run it saved had diverged, or the file was changed); start a fresh run");
        s.model[name] = saved;
    }
    for (const auto& [name, t] : ck.tensors)
        if (name.rfind("optim.", 0) == 0) s.optim.emplace_back(name.substr(6), t);
    return s;
}

void applyTraining(const SavedTraining& saved, const Checkpoint& ck, Module& model, Optimizer& opt) {
    // Both copy into tensors on the parameters' device, wherever the saved ones are: the optimizer
    // makes its buffers beside its parameters, loadStateDict copies into the parameters in place.
    opt.loadState(saved.optim, ck.meta.at("optimizer"));  // checks before it changes anything
    model.loadStateDict(saved.model);
}

void saveInputDescription(Checkpoint& ck, const std::string& dataset, const Preprocess& pre) {
    ck.meta["data"] = {{"dataset", dataset}, {"mean", pre.mean}, {"std", pre.std}, {"pad", pre.pad}};
}

int64_t savedStep(const Checkpoint& ck, const std::string& lesson) {
    const nlohmann::json* s = ck.meta.contains("step") ? &ck.meta.at("step") : nullptr;
    GL_CHECK(s && (s->is_number_integer() || s->is_number_unsigned()), lesson,
             ": the checkpoint's \"step\" is missing or not a whole number");
    const bool unsignedFits = !s->is_number_unsigned() || s->get<uint64_t>() <= uint64_t(kMaxSavedStep);
    GL_CHECK(unsignedFits && s->get<int64_t>() >= 0 && s->get<int64_t>() <= kMaxSavedStep, lesson, ": the checkpoint's \"step\" (",
             s->dump(), ") is not between 0 and ", kMaxSavedStep);
    return s->get<int64_t>();
}

}  // namespace gradlab::lessons
