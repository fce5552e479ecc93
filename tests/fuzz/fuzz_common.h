// Shared by the libFuzzer targets: a scratch file per process for loaders that read a path, and
// the rule every target checks: input is refused with gradlab::Error (our one clear message) or
// accepted; any other exception (a library's words, std::bad_alloc, ...) escapes and libFuzzer
// reports it as a finding, as it does a crash, a leak or a sanitizer report.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/core/error.h"

namespace gradlab::fuzz {

// A folder of this process's own, in memory where /dev/shm exists; removed at exit.
inline const std::filesystem::path& scratchDir() {
    struct Scratch {
        std::filesystem::path dir;
        Scratch() {
            const std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
            dir = base / ("gradlab-fuzz-" + std::to_string(::getpid()));
            std::filesystem::create_directories(dir);
        }
        ~Scratch() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    };
    static const Scratch scratch;
    return scratch.dir;
}

// The input as the file `name` in the scratch folder.
inline std::filesystem::path asFile(const std::string& name, const uint8_t* data, size_t size) {
    const auto path = scratchDir() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path;
}

// How many calls have accepted their input so far, and how many refused it (replay_main checks
// that every valid seed is accepted by at least one of its target's readers).
inline int& acceptances() {
    static int n = 0;
    return n;
}
inline int& refusals() {
    static int n = 0;
    return n;
}

// Runs f; a gradlab::Error is a clean refusal. Its message must be one line (what the CLI and the
// app print); anything else escapes.
template <class F>
void refusedOrAccepted(F&& f) {
    try {
        f();
        ++acceptances();
    } catch (const gradlab::Error& e) {
        ++refusals();
        const std::string what = e.what();
        if (what.empty() || what.find('\n') != std::string::npos) {
            std::fprintf(stderr, "refusal is not one line: [%s]\n", what.c_str());
            __builtin_trap();
        }
    }
}

}  // namespace gradlab::fuzz
