// Colour-mapping of images and their PNG files (encoded by the engine, with OpenCV).
#include "lessons/image_export.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/data/image_io.h"
#include "engine/io/atomic_file.h"
#include "lessons/colormap.h"

namespace gradlab {

RgbImage renderImage(const Image& img, int minCell) {
    GL_CHECK(img.values.defined() && (img.values.dim() == 2 || img.values.dim() == 3),
             "image '", img.name, "' must be (H, W) or (N, H, W)");
    Tensor v = img.values.dim() == 2 ? img.values.unsqueeze(0) : img.values;
    const int n = int(v.size(0)), h = int(v.size(1)), w = int(v.size(2));
    std::vector<float> data = v.toVector();
    float lo = 0, hi = 0, m = 0;
    bool first = true;
    for (float x : data) {
        if (!std::isfinite(x)) continue;
        lo = first ? x : std::min(lo, x);
        hi = first ? x : std::max(hi, x);
        m = std::max(m, std::fabs(x));
        first = false;
    }
    const bool fixed = img.range.size() == 2 && img.range[1] > img.range[0];
    if (fixed) lo = float(img.range[0]), hi = float(img.range[1]);
    const double mid = fixed ? (double(lo) + hi) / 2 : 0.0, half = fixed ? (double(hi) - lo) / 2 : double(m);
    const int cols = std::max(1, int(std::ceil(std::sqrt(double(n))))), rows = (n + cols - 1) / cols;
    const int scale = std::max(1, (minCell + std::max(h, w) - 1) / std::max(1, std::max(h, w)));
    const int gap = n > 1 ? 1 : 0;
    RgbImage out;
    out.width = cols * w * scale + (cols - 1) * gap;
    out.height = rows * h * scale + (rows - 1) * gap;
    out.rgb.assign(std::size_t(out.width) * std::size_t(out.height) * 3, 255);
    for (int k = 0; k < n; ++k) {
        const int ox = (k % cols) * (w * scale + gap), oy = (k / cols) * (h * scale + gap);
        for (int y = 0; y < h * scale; ++y)
            for (int x = 0; x < w * scale; ++x) {
                float val = data[std::size_t((k * h + y / scale) * w + x / scale)];
                Rgb c;
                if (img.colorMap == ColorMap::Diverging) {
                    c = diverging(half > 0 ? std::clamp(0.5 + 0.5 * (val - mid) / half, 0.0, 1.0) : 0.5);
                } else {
                    double t = hi > lo ? std::clamp((double(val) - lo) / (double(hi) - lo), 0.0, 1.0) : 0.5;
                    c = img.colorMap == ColorMap::Gray ? gray(t) : viridis(t);
                }
                uint8_t* p = &out.rgb[(std::size_t(oy + y) * std::size_t(out.width) + std::size_t(ox + x)) * 3];
                p[0] = c.r, p[1] = c.g, p[2] = c.b;
            }
    }
    return out;
}

std::vector<char> encodePng(const RgbImage& img) { return encodeRgbPng(img.rgb, img.width, img.height); }

RgbImage stackImages(const std::vector<RgbImage>& parts, int gap) {
    RgbImage out;
    for (const RgbImage& p : parts) {
        out.width = std::max(out.width, p.width);
        out.height += p.height;
    }
    if (!parts.empty()) out.height += gap * int(parts.size() - 1);
    out.rgb.assign(std::size_t(out.width) * std::size_t(out.height) * 3, 255);
    int y0 = 0;
    for (const RgbImage& p : parts) {
        for (int y = 0; y < p.height; ++y)
            std::copy_n(p.rgb.begin() + std::ptrdiff_t(y) * p.width * 3, std::size_t(p.width) * 3,
                        out.rgb.begin() + (std::ptrdiff_t(y0 + y) * out.width) * 3);
        y0 += p.height + gap;
    }
    return out;
}

void writePngImages(const std::map<std::string, Image>& images, const std::filesystem::path& dir) {
    // "<group>/<part>" images go into one <group>.png, parts in name order (the map's order).
    std::map<std::string, std::vector<RgbImage>> groups;
    for (const auto& [name, img] : images) {
        const auto slash = name.find('/');
        if (slash != std::string::npos) {
            groups[name.substr(0, slash)].push_back(renderImage(img));
            continue;
        }
        // A field over the plane (a surface, a decision boundary) gets at least 256 pixels a side.
        writeFileAtomic(dir / (name + ".png"), encodePng(renderImage(img, img.extent.size() == 4 ? 256 : 64)));
    }
    for (const auto& [group, parts] : groups) {
        GL_CHECK(!images.contains(group), "image '", group, "' and images '", group, "/...' would share ", group, ".png");
        writeFileAtomic(dir / (group + ".png"), encodePng(stackImages(parts, 8)));
    }
}

}  // namespace gradlab
