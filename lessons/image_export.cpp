// Colour-mapping and a minimal PNG encoder (8-bit RGB, zlib-compressed, no filtering).
#include "lessons/image_export.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "lessons/colormap.h"

namespace gradlab {
namespace {

void put32(std::vector<char>& out, uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(char((v >> s) & 0xff));
}

void chunk(std::vector<char>& out, const char* type, const std::vector<char>& data) {
    put32(out, uint32_t(data.size()));
    std::size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(out.data() + start), uInt(out.size() - start));
    put32(out, uint32_t(crc));
}

}  // namespace

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
                if (img.colorMap == ColorMap::Diverging) c = diverging(m > 0 ? 0.5 + 0.5 * val / m : 0.5);
                else {
                    double t = hi > lo ? (val - lo) / (hi - lo) : 0.5;
                    c = img.colorMap == ColorMap::Gray ? gray(t) : viridis(t);
                }
                uint8_t* p = &out.rgb[(std::size_t(oy + y) * std::size_t(out.width) + std::size_t(ox + x)) * 3];
                p[0] = c.r, p[1] = c.g, p[2] = c.b;
            }
    }
    return out;
}

std::vector<char> encodePng(const RgbImage& img) {
    std::vector<char> raw;
    raw.reserve(std::size_t(img.height) * (std::size_t(img.width) * 3 + 1));
    for (int y = 0; y < img.height; ++y) {
        raw.push_back(0);  // filter: none
        auto row = img.rgb.begin() + std::ptrdiff_t(y) * img.width * 3;
        raw.insert(raw.end(), row, row + img.width * 3);
    }
    uLongf zlen = compressBound(uLong(raw.size()));
    std::vector<char> z(zlen);
    GL_CHECK(compress2(reinterpret_cast<Bytef*>(z.data()), &zlen, reinterpret_cast<const Bytef*>(raw.data()),
                       uLong(raw.size()), 6) == Z_OK,
             "PNG: compression failed");
    z.resize(zlen);
    std::vector<char> out = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n'};
    std::vector<char> ihdr;
    put32(ihdr, uint32_t(img.width));
    put32(ihdr, uint32_t(img.height));
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});  // 8-bit, RGB, deflate, no filter, no interlace
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z);
    chunk(out, "IEND", {});
    return out;
}

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
        writeFileAtomic(dir / (name + ".png"), encodePng(renderImage(img)));
    }
    for (const auto& [group, parts] : groups) {
        GL_CHECK(!images.contains(group), "image '", group, "' and images '", group, "/...' would share ", group, ".png");
        writeFileAtomic(dir / (group + ".png"), encodePng(stackImages(parts, 8)));
    }
}

}  // namespace gradlab
