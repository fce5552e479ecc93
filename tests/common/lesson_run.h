// A lesson's run driven as the CLI drives it (RunDriver: every frame checked against the declared
// outputs) with its frames recorded, and parameters from "key=value" settings: for lesson tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/recorder.h"
#include "lessons/run_driver.h"

namespace gradlab::test {

// The lesson's defaults with the settings applied (as --set would).
inline Params paramsWith(const LessonSpec& lesson, const std::vector<std::string>& sets) {
    Params p = lesson.defaults();
    for (const auto& s : sets) {
        auto [k, v] = lesson.parse(s);
        p.assign(k, v);
    }
    return p;
}
inline Params paramsWith(const LessonSpec& lesson, std::initializer_list<std::string> sets) {
    return paramsWith(lesson, std::vector<std::string>(sets));
}

// A fresh run of `steps` steps.
struct RecordedRun {
    Recorder rec;
    std::unique_ptr<RunDriver> run;
    RecordedRun(const LessonSpec& lesson, const Params& p, uint64_t seed, int64_t steps) : rec(&lesson) {
        run = RunDriver::start(lesson, p, seed, Device::CPU, rec);
        for (int64_t i = 0; i < steps; ++i) run->step(rec);
    }
    nlohmann::json summary() const { return run->summary(rec); }
};

// Every frame to two recorders (e.g. one that keeps everything and one that spools to disk).
struct Tee : Sink {
    Recorder& first;
    Recorder& second;
    Tee(Recorder& a, Recorder& b) : first(a), second(b) {}
    void push(Frame&& f) override {
        second.push(Frame(f));
        first.push(std::move(f));
    }
};

// Every regular file under dir (hidden ones too), by its name relative to dir, with its bytes.
inline std::map<std::string, std::string> filesIn(const std::filesystem::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        out[std::filesystem::relative(e.path(), dir).string()] =
            std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return out;
}

}  // namespace gradlab::test
