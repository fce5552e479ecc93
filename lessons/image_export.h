// PNG export of a run's images without Qt (the CLI's filters_conv1.png, patches.png, ...):
// colour-mapped, small images scaled up with nearest neighbour, stacks laid out as a grid.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "lessons/lesson.h"

namespace gradlab {

// An 8-bit RGB raster.
struct RgbImage {
    int width = 0, height = 0;
    std::vector<uint8_t> rgb;  // height x width x 3
};

// Colour-maps an Image: (H, W) or a stack (N, H, W) laid out as a near-square grid with 1-pixel
// gaps. Sequential/Gray maps scale min..max; Diverging maps -m..m with m = max |value|.
// Each cell is enlarged to at least `minCell` pixels.
RgbImage renderImage(const Image& img, int minCell = 64);
std::vector<char> encodePng(const RgbImage& img);
// Stacks rasters top to bottom, left-aligned, `gap` white rows between them.
RgbImage stackImages(const std::vector<RgbImage>& parts, int gap);
// Writes each image as <dir>/<name>.png (atomically). Images named "<group>/<part>" (e.g.
// "feature_maps/conv1", "feature_maps/conv2") are rendered each on its own scale and stacked into
// one <dir>/<group>.png, parts in name order.
void writePngImages(const std::map<std::string, Image>& images, const std::filesystem::path& dir);

}  // namespace gradlab
