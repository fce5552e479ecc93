// Tensors stored in the PyTorch golden files (tests/data/gen_*_golden.py): a spec is a JSON object
// with "shape" and the values, listed ("data") or encoded ("periodic", "rotated", "hash"; see
// gen_ops_golden.py), with "nan", "inf" and "-inf" as strings.
#pragma once

#include <QtTest>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/tensor/tensor.h"

namespace gradlab::test {

inline float decodeValue(const nlohmann::json& v) {
    if (v.is_number()) return v.get<float>();
    const std::string s = v.get<std::string>();
    if (s == "nan") return std::numeric_limits<float>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<float>::infinity();
    if (s == "-inf") return -std::numeric_limits<float>::infinity();
    qFatal("golden data: bad value %s", s.c_str());
}

inline Shape shapeOf(const nlohmann::json& spec) {
    Shape s;
    for (const nlohmann::json& d : spec.at("shape")) s.push_back(d.get<int64_t>());
    return s;
}

// All values of a stored tensor in row-major order.
inline std::vector<float> valuesOf(const nlohmann::json& spec) {
    const Shape shape = shapeOf(spec);
    const std::size_t n = std::size_t(numelOf(shape));
    std::vector<float> v(n);
    if (spec.contains("data")) {
        const nlohmann::json& d = spec.at("data");
        if (d.size() != n) qFatal("golden data: %zu values for %zu elements", d.size(), n);
        for (std::size_t i = 0; i < n; ++i) v[i] = decodeValue(d[i]);
    } else if (spec.contains("periodic")) {
        const nlohmann::json& p = spec.at("periodic");
        for (std::size_t i = 0; i < n; ++i) v[i] = decodeValue(p[i % p.size()]);
    } else if (spec.contains("rotated")) {
        const nlohmann::json& row = spec.at("rotated");
        const std::size_t cols = std::size_t(shape.back()), shift = spec.at("shift").get<std::size_t>();
        for (std::size_t i = 0; i < n; ++i) v[i] = decodeValue(row[(i % cols + shift * (i / cols)) % cols]);
    } else if (spec.contains("hash")) {
        const uint64_t seed = spec.at("hash")[0].get<uint64_t>();
        const double lo = spec.at("hash")[1].get<double>(), hi = spec.at("hash")[2].get<double>();
        for (std::size_t i = 0; i < n; ++i) {
            const uint64_t h = (uint64_t(i) * 2654435761ull + seed) & 0xFFFFFFFFull;
            v[i] = float(lo + (hi - lo) * (double(h) / 4294967296.0));
        }
    } else {
        qFatal("golden data: a tensor without values");
    }
    return v;
}

inline std::vector<double> expectedOf(const nlohmann::json& spec) {
    std::vector<float> f = valuesOf(spec);
    return std::vector<double>(f.begin(), f.end());
}

inline Tensor tensorOf(const nlohmann::json& spec) { return fromData(valuesOf(spec), shapeOf(spec)); }

// An input leaf (undefined for null): the stored values, laid out as asked ("layout": "transposed"
// makes a non-contiguous leaf with the same logical values), requiring grad unless "grad" is false.
inline Tensor leafOf(const nlohmann::json& spec) {
    if (spec.is_null()) return Tensor();
    Tensor t = tensorOf(spec);
    if (spec.value("layout", std::string("contiguous")) == "transposed") {
        Tensor stored = t.transpose(-1, -2).contiguous();
        t = stored.transpose(-1, -2).detach();
    }
    if (spec.value("grad", true)) t.setRequiresGrad();
    return t;
}

}  // namespace gradlab::test
