// The part of a checkpoint every lesson that trains a network writes the same way: the model's
// tensors as "model.<name>", the optimizer's state tensors as "optim.<name>" and its scalars as
// meta "optimizer". Lessons add their own meta (step, RNG, data loader, results) beside it.
#pragma once

#include <map>
#include <string>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/dataset.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/module.h"
#include "engine/optim/optimizer.h"

namespace gradlab::lessons {

// Copies (never views: the run goes on training) of the tensors, on the CPU whatever the run's
// device, so that a checkpoint saved on one device loads on any other.
// `prefix` tells apart several networks of one lesson ("plane." gives "plane.model.<name>").
void saveModelAndOptimizer(Checkpoint& ck, const Module& model, const Optimizer& opt, const std::string& prefix = "");

struct SavedTraining {
    std::map<std::string, Tensor> model;  // every tensor of the model's state dict, shape-checked
    Optimizer::NamedTensors optim;        // as saved; Optimizer::loadState checks them
};
// Reads what saveModelAndOptimizer wrote, throwing Error for a missing or misshapen model tensor,
// or one holding NaN or infinity.
// Changes nothing: apply it with applyTraining once the rest of the checkpoint is checked too.
SavedTraining readModelAndOptimizer(const Checkpoint& ck, const Module& model, const std::string& prefix = "");
// Loads the optimizer state (checked before anything changes) and then the model's tensors, onto
// the device the model is on now (the saved tensors may be on any device).
void applyTraining(const SavedTraining& saved, const Checkpoint& ck, Module& model, Optimizer& opt,
                   const std::string& prefix = "");

// The step a checkpoint was saved at (meta "step", an integer in [0, kMaxSavedStep]: a trillion
// steps is beyond any real run, and the bound keeps step + 1 and progress sums from overflowing);
// throws Error naming the lesson and the field otherwise.
inline constexpr int64_t kMaxSavedStep = 1'000'000'000'000;
int64_t savedStep(const Checkpoint& ck, const std::string& lesson);
// Meta `key`, a whole number in [lo, hi]; throws Error naming the lesson and the field otherwise.
int64_t savedInteger(const Checkpoint& ck, const std::string& lesson, const std::string& key, int64_t lo, int64_t hi);
// `v` as a whole number in [lo, hi]: a JSON integer (not 3.5 nor 1e300, whose conversion would be
// undefined); throws Error "<what> (<v>) is not a whole number from lo to hi" otherwise.
int64_t wholeNumber(const nlohmann::json& v, int64_t lo, int64_t hi, const std::string& what);

// The progress a lesson that trains saves beside its networks: meta "step", "rng" (the state of
// its random stream) and, where it keeps one, "summary" (what it has measured: an object of
// numbers, NaN and infinity saved as null).
struct SavedProgress {
    int64_t step = 0;
    Generator::State rng;
    nlohmann::json summary = nlohmann::json::object();  // a null read back as NaN; {} when none was saved
};
void saveProgress(Checkpoint& ck, int64_t step, const Generator& gen);
void saveProgress(Checkpoint& ck, int64_t step, const Generator& gen, const nlohmann::json& summary);
// Reads and checks them (an Error naming the lesson and the field otherwise); changes nothing.
SavedProgress readProgress(const Checkpoint& ck, const std::string& lesson);

// Meta `key` read by `read`: a missing field, or one whose value is not of the kind or shape
// `read` expects (the JSON library's exception), is an Error naming the lesson and the field.
template <class Read>
auto readSaved(const Checkpoint& ck, const std::string& lesson, const std::string& key, Read&& read) -> decltype(read(ck.meta)) {
    const auto it = ck.meta.find(key);
    GL_CHECK(it != ck.meta.end(), lesson, ": the checkpoint has no \"", key, "\" (the file is damaged or from another program)");
    try {
        return read(*it);
    } catch (const nlohmann::json::exception&) {
        GL_FAIL(lesson, ": the checkpoint's \"", key, "\" is not what ", lesson,
                " saves there (the file is damaged or from another program)");
    }
}

// Meta "data": what an image network's inputs are, {"dataset", "mean", "std", "pad"} (x = (p / 255 -
// mean) / std, padded by pad pixels of the background), for readers outside the lab
// (tools/pytorch); the lessons do not read it back.
void saveInputDescription(Checkpoint& ck, const std::string& dataset, const Preprocess& pre);

}  // namespace gradlab::lessons
