#include "lessons/common/training_checkpoint.h"

#include <cmath>

#include "engine/core/error.h"
#include "lessons/common/cpu_copy.h"

namespace gradlab::lessons {

void saveModelAndOptimizer(Checkpoint& ck, const Module& model, const Optimizer& opt, const std::string& prefix) {
    for (const auto& [name, t] : model.stateDict()) ck.tensors.emplace_back(prefix + "model." + name, cpuCopy(t));
    for (const auto& [name, t] : opt.stateTensors()) ck.tensors.emplace_back(prefix + "optim." + name, cpuCopy(t));
    ck.meta[prefix + "optimizer"] = opt.stateScalars();
}

SavedTraining readModelAndOptimizer(const Checkpoint& ck, const Module& model, const std::string& prefix) {
    SavedTraining s;
    for (const auto& [name, t] : model.stateDict()) {
        const Tensor& saved = ck.tensor(prefix + "model." + name, t.shape());
        // A network with NaN or infinite weights cannot train on (every loss would be NaN).
        for (float v : saved.toVector())
            GL_CHECK(std::isfinite(v), ck.lesson, ": the checkpoint's tensor ", prefix, "model.", name,
                     " holds NaN or infinite values (the run it saved had diverged, or the file was changed); start a fresh run");
        s.model[name] = saved;
    }
    const std::string optim = prefix + "optim.";
    for (const auto& [name, t] : ck.tensors)
        if (name.rfind(optim, 0) == 0) s.optim.emplace_back(name.substr(optim.size()), t);
    return s;
}

void applyTraining(const SavedTraining& saved, const Checkpoint& ck, Module& model, Optimizer& opt,
                   const std::string& prefix) {
    // Both copy into tensors on the parameters' device, wherever the saved ones are: the optimizer
    // makes its buffers beside its parameters, loadStateDict copies into the parameters in place.
    const std::string key = prefix + "optimizer";
    GL_CHECK(ck.meta.contains(key), ck.lesson, ": the checkpoint has no \"", key, "\" state");
    opt.loadState(saved.optim, ck.meta.at(key));  // checks before it changes anything
    model.loadStateDict(saved.model);
}

void saveInputDescription(Checkpoint& ck, const std::string& dataset, const Preprocess& pre) {
    ck.meta["data"] = {{"dataset", dataset}, {"mean", pre.mean}, {"std", pre.std}, {"pad", pre.pad}};
}

int64_t savedInteger(const Checkpoint& ck, const std::string& lesson, const std::string& key, int64_t lo, int64_t hi) {
    GL_CHECK(ck.meta.contains(key), lesson, ": the checkpoint's \"", key, "\" is missing or not a whole number");
    return wholeNumber(ck.meta.at(key), lo, hi, lesson + ": the checkpoint's \"" + key + "\"");
}

int64_t wholeNumber(const nlohmann::json& v, int64_t lo, int64_t hi, const std::string& what) {
    const bool fits = v.is_number_unsigned() ? hi >= 0 && v.get<uint64_t>() <= uint64_t(hi)
                                             : v.is_number_integer() && v.get<int64_t>() <= hi;
    GL_CHECK(fits && v.get<int64_t>() >= lo, what, " (", v.dump(), ") is not a whole number from ", lo, " to ", hi);
    return v.get<int64_t>();
}

int64_t savedStep(const Checkpoint& ck, const std::string& lesson) { return savedInteger(ck, lesson, "step", 0, kMaxSavedStep); }

void saveProgress(Checkpoint& ck, int64_t step, const Generator& gen) {
    ck.meta["step"] = step;
    ck.meta["rng"] = generatorStateToJson(gen.state());
}

void saveProgress(Checkpoint& ck, int64_t step, const Generator& gen, const nlohmann::json& summary) {
    saveProgress(ck, step, gen);
    ck.meta["summary"] = summary;
}

SavedProgress readProgress(const Checkpoint& ck, const std::string& lesson) {
    SavedProgress p;
    p.step = savedStep(ck, lesson);
    GL_CHECK(ck.meta.contains("rng"), lesson, ": the checkpoint has no \"rng\" (the file is damaged or from another program)");
    try {
        p.rng = generatorStateFromJson(ck.meta.at("rng"));
    } catch (const Error& e) {
        GL_FAIL(lesson, ": the checkpoint's \"rng\" is damaged (", e.what(), ")");
    }
    if (const auto it = ck.meta.find("summary"); it != ck.meta.end()) {
        GL_CHECK(it->is_object(), lesson, ": the checkpoint's \"summary\" is not an object of numbers");
        for (const auto& [key, value] : it->items()) {
            GL_CHECK(value.is_number() || value.is_null(), lesson, ": the checkpoint's \"summary\" holds \"", key,
                     "\", which is not a number");
            p.summary[key] = value.is_null() ? nlohmann::json(std::nan("")) : value;
        }
    }
    return p;
}

}  // namespace gradlab::lessons
