// Checkpoint save/load on top of the safetensors container: the format tag, version, lesson id
// and meta JSON live in "__metadata__"; everything is validated before a Checkpoint is returned.
#include "engine/io/checkpoint.h"

#include <charconv>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"  // quoted
#include "engine/io/json_strict.h"

namespace gradlab {
namespace fs = std::filesystem;
namespace {

// Meta is free-form but must stay shallow enough that copying or printing it cannot exhaust the
// stack (nlohmann copies and dumps recursively).
constexpr int kMetaMaxDepth = 128;


uint64_t parseU64(const nlohmann::json& j, const char* key) {
    GL_CHECK(j.contains(key), "generator state has no \"", key, "\"");
    const nlohmann::json& v = j[key];
    GL_CHECK(v.is_string(), "generator state \"", key, "\" must be a decimal string, got ", v.dump());
    const std::string& s = v.get_ref<const std::string&>();
    uint64_t out = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    GL_CHECK(!s.empty() && ec == std::errc() && end == s.data() + s.size(),
             "generator state \"", key, "\" is not an unsigned 64-bit decimal: \"", s, "\"");
    return out;
}

}  // namespace

bool Checkpoint::has(const std::string& name) const {
    for (const auto& [n, t] : tensors)
        if (n == name) return true;
    return false;
}

const Tensor& Checkpoint::tensor(const std::string& name) const {
    for (const auto& [n, t] : tensors)
        if (n == name) return t;
    GL_FAIL("the checkpoint has no tensor \"", name, "\"");
}

const Tensor& Checkpoint::tensor(const std::string& name, const Shape& expected) const {
    const Tensor& t = tensor(name);
    GL_CHECK(t.shape() == expected, "checkpoint tensor \"", name, "\" has shape ", shapeStr(t.shape()),
             ", expected ", shapeStr(expected));
    return t;
}

void saveCheckpoint(const fs::path& path, const Checkpoint& ckpt) {
    GL_CHECK(!ckpt.lesson.empty(), "cannot save checkpoint ", quoted(path), ": the lesson id is empty");
    // A string that is not UTF-8 (a path given in another encoding) is kept with U+FFFD for its
    // odd bytes: JSON holds only Unicode, and the run is worth more than the name's exact bytes.
    const std::string meta = ckpt.meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::map<std::string, std::string> metadata{
        {"format", kCheckpointFormat}, {"version", kCheckpointVersion}, {"lesson", ckpt.lesson}, {"meta", meta}};
    saveSafetensors(path, ckpt.tensors, metadata);
}

Checkpoint loadCheckpoint(const fs::path& path, const std::string& expectedLesson) {
    SafetensorsFile file = loadSafetensors(path);
    auto field = [&](const char* key) -> const std::string& {
        auto it = file.metadata.find(key);
        if (it == file.metadata.end())
            GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "%1 is not a Gradient Lab checkpoint: its metadata has no \"%2\""), quoted(path), key);
        return it->second;
    };
    const std::string& format = field("format");
    GL_CHECK_SAID(format == kCheckpointFormat,
                  QT_TRANSLATE_NOOP("errors", "%1 is not a Gradient Lab checkpoint: its format is \"%2\", expected \"%3\""), quoted(path),
                  format, kCheckpointFormat);
    const std::string& version = field("version");
    GL_CHECK_SAID(version == kCheckpointVersion,
                  QT_TRANSLATE_NOOP("errors", "checkpoint %1 has version \"%2\"; this build reads version %3"), quoted(path), version,
                  kCheckpointVersion);
    Checkpoint ckpt;
    ckpt.lesson = field("lesson");
    GL_CHECK_SAID(!ckpt.lesson.empty(), QT_TRANSLATE_NOOP("errors", "%1 is not a Gradient Lab checkpoint: it names no lesson"),
                  quoted(path));
    GL_CHECK_SAID(expectedLesson.empty() || ckpt.lesson == expectedLesson,
                  QT_TRANSLATE_NOOP("errors", "checkpoint %1 is for lesson \"%2\", not \"%3\""), quoted(path), ckpt.lesson,
                  expectedLesson);
    try {
        ckpt.meta = parseJsonStrict(field("meta"), kMetaMaxDepth);
    } catch (const Error& e) {  // the student hears that much; what() says where the JSON broke
        throwSaid(QT_TRANSLATE_NOOP("errors", "checkpoint %1 is damaged: its settings cannot be read"), {quoted(path)},
                  __FILE__, __LINE__, std::string("unreadable meta data: ") + e.what());
    }
    ckpt.tensors = std::move(file.tensors);
    return ckpt;
}

nlohmann::json generatorStateToJson(const Generator::State& state) {
    return {{"seed", std::to_string(state.seed)}, {"counter", std::to_string(state.counter)}, {"used", state.used}};
}

Generator::State generatorStateFromJson(const nlohmann::json& j) {
    GL_CHECK(j.is_object(), "generator state must be a JSON object, got ", j.dump());
    Generator::State s;
    s.seed = parseU64(j, "seed");
    s.counter = parseU64(j, "counter");
    // is_number_integer: parsed JSON holds 3 as unsigned, a json built in C++ from an int as signed.
    const bool usedOk = j.contains("used") && j["used"].is_number_integer() &&
                        (j["used"].is_number_unsigned() ? j["used"].get<uint64_t>() <= 4
                                                        : j["used"].get<int64_t>() >= 0 && j["used"].get<int64_t>() <= 4);
    GL_CHECK(usedOk, "generator state \"used\" must be an integer from 0 to 4");
    s.used = uint32_t(j["used"].get<uint64_t>());
    // A partly used block (used < 4) was drawn by a refill, which counted it.
    GL_CHECK(s.used == 4 || s.counter > 0, "generator state is inconsistent: used ", s.used, " with counter 0");
    return s;
}

}  // namespace gradlab
