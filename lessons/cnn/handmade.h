// The cnn lesson's first tab: four classic 3x3 filters (course part 3.1) applied to a picture by
// convolution, and 2x2 max and average pooling of a small grid. Plain functions so that tests can
// check them against the definitions.
#pragma once

#include <string>
#include <vector>

#include "engine/tensor/tensor.h"

namespace gradlab::cnn {

// (4, 3, 3) in this order:
//   horizontal edges [-1 -1 -1; 0 0 0; 1 1 1]   (positive where it gets brighter downwards)
//   vertical edges   [-1 0 1; -1 0 1; -1 0 1]   (positive where it gets brighter to the right)
//   blur             [1 2 1; 2 4 2; 1 2 1] / 16 (a small Gaussian)
//   sharpen          [0 -1 0; -1 5 -1; 0 -1 0]  (the picture plus 1 x its negative Laplacian)
Tensor handmadeFilters();
const std::vector<std::string>& handmadeFilterNames();  // "horizontal edges", ...

// image: (H, W) -> (4, H, W): out[k, y, x] = sum_{i,j} filter[k, i, j] image[y + i - 1, x + j - 1]
// (cross-correlation with zero padding 1, as torch's conv2d(padding=1)).
// On the image's device, as are the poolings below.
Tensor applyHandmadeFilters(const Tensor& image);

// The 6 x 6 grid of the pooling demo (small integers) and its 2x2 / stride 2 poolings (3, 3).
Tensor poolingGrid();
Tensor maxPool2x2(const Tensor& grid);  // (H, W) -> (H / 2, W / 2)
Tensor avgPool2x2(const Tensor& grid);

}  // namespace gradlab::cnn
