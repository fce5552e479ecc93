// A student's picture: our header check, then OpenCV's decoder, then the MNIST-like preparation.
#include "engine/data/image_io.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto path = gradlab::fuzz::asFile("input-image", data, size);
    gradlab::fuzz::refusedOrAccepted([&] { gradlab::loadImageLikeDataset(path); });
    return 0;
}
