// Checkpoints and bare safetensors files: the container, its JSON header, the metadata.
#include "engine/io/checkpoint.h"
#include "engine/io/safetensors.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto path = gradlab::fuzz::asFile("input.safetensors", data, size);
    gradlab::fuzz::refusedOrAccepted([&] { gradlab::loadSafetensors(path); });
    gradlab::fuzz::refusedOrAccepted([&] {
        const gradlab::Checkpoint ck = gradlab::loadCheckpoint(path);
        if (ck.meta.contains("rng")) gradlab::generatorStateFromJson(ck.meta.at("rng"));
    });
    return 0;
}
