// Hand-made filters and pooling through the engine's own conv2d / pooling ops (what LeNet-5 uses).
#include "lessons/cnn/handmade.h"

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/ops/ops.h"

namespace gradlab::cnn {

Tensor handmadeFilters() {
    return fromData({-1, -1, -1, 0, 0, 0, 1, 1, 1,                                  // horizontal edges
                     -1, 0, 1, -1, 0, 1, -1, 0, 1,                                  // vertical edges
                     1 / 16.f, 2 / 16.f, 1 / 16.f, 2 / 16.f, 4 / 16.f, 2 / 16.f, 1 / 16.f, 2 / 16.f, 1 / 16.f,  // blur
                     0, -1, 0, -1, 5, -1, 0, -1, 0},                                // sharpen
                    {4, 3, 3});
}

const std::vector<std::string>& handmadeFilterNames() {
    static const std::vector<std::string> names = {"horizontal edges", "vertical edges", "blur", "sharpen"};
    return names;
}

Tensor applyHandmadeFilters(const Tensor& image) {
    GL_CHECK(image.dim() == 2, "applyHandmadeFilters: expected an (H, W) image, got ", image.dim(), " dimensions");
    NoGradGuard ng;
    Tensor x = image.contiguous().view({1, 1, image.size(0), image.size(1)});
    return conv2d(x, handmadeFilters().view({4, 1, 3, 3}).to(image.device()), Tensor(), 1, 1).squeeze(0).contiguous();
}

Tensor poolingGrid() {
    // Each 2x2 block has a different story: one strong value among small ones (max keeps it,
    // average dilutes it), an even block (both agree), a block of zeros but one.
    return fromData({1, 3, 2, 0, 5, 1,  //
                     4, 8, 1, 2, 0, 2,  //
                     0, 2, 9, 1, 3, 3,  //
                     1, 0, 2, 4, 6, 0,  //
                     7, 1, 0, 0, 2, 2,  //
                     2, 2, 0, 5, 2, 2},
                    {6, 6});
}

Tensor maxPool2x2(const Tensor& grid) {
    GL_CHECK(grid.dim() == 2, "maxPool2x2: expected an (H, W) grid");
    NoGradGuard ng;
    return maxPool2d(grid.contiguous().view({1, 1, grid.size(0), grid.size(1)}), 2).squeeze(0).squeeze(0).contiguous();
}

Tensor avgPool2x2(const Tensor& grid) {
    GL_CHECK(grid.dim() == 2, "avgPool2x2: expected an (H, W) grid");
    NoGradGuard ng;
    return avgPool2d(grid.contiguous().view({1, 1, grid.size(0), grid.size(1)}), 2).squeeze(0).squeeze(0).contiguous();
}

}  // namespace gradlab::cnn
