// Checkpoints: the whole state of a lesson's run (what it was, free-form settings and counters,
// and named tensors) in one safetensors file that PyTorch's safetensors reader can also open.
//
// On disk (see safetensors.h for the container): every tensor is an F32 entry under its own name
// (e.g. "model.fc1.weight", "optim.exp_avg.fc1.weight"), and "__metadata__" holds four strings:
//   "format":  "gradlab-checkpoint"
//   "version": "1"
//   "lesson":  the lesson id, e.g. "optimizers"
//   "meta":    one compact JSON document (parameters, seed, step, optimizer scalars, generator
//              state, chart history...): numbers keep their exact values (integers up to 64 bits,
//              doubles printed with 17 digits), but JSON has no NaN or infinity: those become null.
// Other metadata keys are ignored when reading. Writing is atomic (see atomic_file.h).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/core/rng.h"
#include "engine/io/safetensors.h"

namespace gradlab {

inline constexpr const char* kCheckpointFormat = "gradlab-checkpoint";
inline constexpr const char* kCheckpointVersion = "1";

struct Checkpoint {
    std::string lesson;                           // lesson id
    nlohmann::json meta = nlohmann::json::object();
    NamedTensors tensors;                         // loaded: CPU tensors in file order (= name order)

    bool has(const std::string& name) const;
    // The tensor called `name`; throws an Error naming it when missing or, when `expected` is
    // given, when its shape differs ("checkpoint tensor "w" has shape (2, 3), expected (3, 3)").
    const Tensor& tensor(const std::string& name) const;
    const Tensor& tensor(const std::string& name, const Shape& expected) const;
};

// Writes `ckpt` to `path` atomically: the old file stays intact if anything fails.
void saveCheckpoint(const std::filesystem::path& path, const Checkpoint& ckpt);

// Reads and validates a checkpoint completely (container, format tag, version, lesson id when
// `expectedLesson` is not empty, meta JSON) and only then returns it: it has no side effects,
// so a caller can apply it knowing that the file was good. Throws a clear Error otherwise,
// e.g. "checkpoint 'run.safetensors' is for lesson "mlp", not "optimizers"".
Checkpoint loadCheckpoint(const std::filesystem::path& path, const std::string& expectedLesson = {});

// A generator's state as JSON, exactly: {"seed": "<decimal>", "counter": "<decimal>", "used": k}.
// The 64-bit values are decimal strings so that readers with double-only numbers (JavaScript,
// some JSON tools) cannot round them.
nlohmann::json generatorStateToJson(const Generator::State& state);
// The inverse; throws an Error for anything that is not such an object or not a state a
// generator can be in (used > 4, or a block in use before any was drawn).
Generator::State generatorStateFromJson(const nlohmann::json& j);

}  // namespace gradlab
