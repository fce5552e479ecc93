// The lesson parameter parser: the first byte picks a lesson; the rest is a --set assignment
// ("key=value") and, read as JSON, a saved parameter set (what checkpoints and summaries hold).
#include "engine/io/json_strict.h"
#include "lessons/lesson.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const auto& lessons = gradlab::allLessons();
    const gradlab::LessonSpec& lesson = lessons[data[0] % lessons.size()];
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    gradlab::fuzz::refusedOrAccepted([&] { lesson.parse(text); });
    gradlab::fuzz::refusedOrAccepted([&] { lesson.fromJson(gradlab::parseJsonStrict(text, 8)); });
    return 0;
}
