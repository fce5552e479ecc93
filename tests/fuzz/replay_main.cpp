// A fuzz target as an ordinary program (ctest: fuzz_replay_<name>): runs LLVMFuzzerTestOneInput on
// every file named or inside the folders named (the seed corpus and tests/fuzz/regressions, every
// finding kept as a file), so that the normal and the sanitizer builds check them all without
// libFuzzer. A finding that comes back crashes or traps this program, and the test fails.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
    int files = 0;
    auto one = [&](const std::filesystem::path& p) {
        std::ifstream in(p, std::ios::binary);
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        ++files;
    };
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg = argv[i];
        if (std::filesystem::is_directory(arg)) {
            for (const auto& e : std::filesystem::recursive_directory_iterator(arg))
                if (e.is_regular_file()) one(e.path());
        } else if (std::filesystem::exists(arg)) {
            one(arg);
        }
    }
    std::printf("%d inputs: each accepted or refused with a one-line gradlab::Error\n", files);
    return files > 0 ? 0 : 1;
}
