// IDX files, raw and gzip: images (rank 3) and labels (rank 1, 10 classes).
#include "engine/data/idx.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const bool gz = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    const auto path = gradlab::fuzz::asFile(gz ? "input-idx.gz" : "input-idx", data, size);
    gradlab::fuzz::refusedOrAccepted([&] { gradlab::readIdxImages(path); });
    gradlab::fuzz::refusedOrAccepted([&] { gradlab::readIdxLabels(path, 10); });
    return 0;
}
