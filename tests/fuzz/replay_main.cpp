// A fuzz target as an ordinary program (ctest: fuzz_replay_<name>): runs LLVMFuzzerTestOneInput on
// every file named or inside the folders named (the seed corpus and tests/fuzz/regressions, every
// finding kept as a file), so that the normal and the sanitizer builds check them all without
// libFuzzer. A finding that comes back crashes or traps this program, and the test fails. A
// folder given as accept:DIR (the seed corpus) holds valid inputs: each must be accepted by at
// least one of the target's readers (an IDX file is images or labels), except those whose name
// starts with "bad-" (seeds that show the fuzzer a refusal).
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
    int files = 0, wronglyRefused = 0;
    auto one = [&](const std::filesystem::path& p, bool mustAccept) {
        std::ifstream in(p, std::ios::binary);
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const int before = gradlab::fuzz::acceptances();
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        ++files;
        if (mustAccept && gradlab::fuzz::acceptances() == before && p.filename().string().rfind("bad-", 0) != 0) {
            std::fprintf(stderr, "a valid seed was refused: %s\n", p.c_str());
            ++wronglyRefused;
        }
    };
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        const bool mustAccept = a.rfind("accept:", 0) == 0;
        const std::filesystem::path arg = mustAccept ? a.substr(7) : a;
        if (std::filesystem::is_directory(arg)) {
            for (const auto& e : std::filesystem::recursive_directory_iterator(arg))
                if (e.is_regular_file()) one(e.path(), mustAccept);
        } else if (std::filesystem::exists(arg)) {
            one(arg, mustAccept);
        }
    }
    std::printf("%d inputs: each accepted or refused with a one-line gradlab::Error (%d readings accepted, %d refused)\n",
                files, gradlab::fuzz::acceptances(), gradlab::fuzz::refusals());
    return files > 0 && wronglyRefused == 0 ? 0 : 1;
}
