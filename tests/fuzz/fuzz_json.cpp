// The strict JSON reader (duplicate keys, depth, trailing bytes) at the depths its callers use.
#include "engine/io/json_strict.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (int depth : {3, 4, 16}) gradlab::fuzz::refusedOrAccepted([&] { gradlab::parseJsonStrict(text, depth); });
    return 0;
}
