// CSV cells and images as CSV.
#include "lessons/csv.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace gradlab {

std::string csvField(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csvNumber(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(int64_t(v));
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

std::string imageCsv(const Image& img) {
    const std::vector<float> v = img.values.contiguous().toVector();
    std::string out;
    if (img.values.dim() == 3) {
        const int64_t n = img.values.size(0), h = img.values.size(1), w = img.values.size(2);
        out = "tile,row,col,value\n";
        for (int64_t k = 0; k < n; ++k)
            for (int64_t y = 0; y < h; ++y)
                for (int64_t x = 0; x < w; ++x)
                    out += std::to_string(k) + ',' + std::to_string(y) + ',' + std::to_string(x) + ',' +
                           csvNumber(v[std::size_t((k * h + y) * w + x)]) + '\n';
        return out;
    }
    const int64_t h = img.values.dim() == 2 ? img.values.size(0) : 1, w = img.values.size(img.values.dim() - 1);
    auto label = [](const std::vector<std::string>& labels, int64_t i) {
        return std::size_t(i) < labels.size() ? csvField(labels[std::size_t(i)]) : std::to_string(i);
    };
    out = "row";
    for (int64_t x = 0; x < w; ++x) out += ',' + label(img.colLabels, x);
    out += '\n';
    for (int64_t y = 0; y < h; ++y) {
        out += label(img.rowLabels, y);
        for (int64_t x = 0; x < w; ++x) out += ',' + csvNumber(v[std::size_t(y * w + x)]);
        out += '\n';
    }
    return out;
}

}  // namespace gradlab
