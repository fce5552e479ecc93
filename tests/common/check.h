// Helpers for tests: tensor comparison with a relative/absolute tolerance that reports the worst
// element, loading JSON reference data from tests/data, writing a small file (a text file that is
// not a picture, a broken checkpoint), and checking that an expression refuses with our Error.
#pragma once

#include <QString>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.h"
#include "engine/tensor/tensor.h"

namespace gradlab::test {

inline nlohmann::json loadJson(const std::string& name) {
    std::ifstream in(std::string(GRADLAB_TEST_DATA) + "/" + name);
    if (!in) qFatal("missing test data file %s", name.c_str());
    return nlohmann::json::parse(in);
}

// |a - b| <= atol + rtol * |b| for every element; the message names the worst one.
inline bool allClose(const std::vector<float>& a, const std::vector<double>& b, double rtol, double atol,
                     std::string* why = nullptr) {
    if (a.size() != b.size()) {
        if (why) *why = "size " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
        return false;
    }
    double worst = 0;
    std::size_t at = 0;
    bool ok = true;
    for (std::size_t i = 0; i < a.size(); ++i) {
        double err = std::fabs(double(a[i]) - b[i]);
        double lim = atol + rtol * std::fabs(b[i]);
        bool bad = !(err <= lim) && !(std::isnan(a[i]) && std::isnan(b[i])) &&
                   !(std::isinf(a[i]) && double(a[i]) == b[i]);
        if (bad && (ok || err / std::max(lim, 1e-300) > worst)) {
            worst = err / std::max(lim, 1e-300);
            at = i;
            ok = false;
        }
    }
    if (!ok && why)
        *why = "element " + std::to_string(at) + ": got " + std::to_string(a[at]) + ", expected " +
               std::to_string(b[at]);
    return ok;
}

inline bool allClose(const Tensor& t, const std::vector<double>& b, double rtol, double atol, std::string* why = nullptr) {
    return allClose(t.toVector(), b, rtol, atol, why);
}

// Writes `bytes` to `path`, replacing what was there; false when it could not.
inline bool writeFile(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    return bool(out.flush());
}
inline bool writeFile(const QString& path, std::string_view bytes) {
    return writeFile(std::filesystem::path(path.toStdString()), bytes);
}

}  // namespace gradlab::test

// QVERIFY-style: compares a tensor with expected values and prints the worst element on failure.
#define GL_COMPARE_CLOSE(tensor, expected, rtol, atol)                                        \
    do {                                                                                   \
        std::string why_;                                                                  \
        QVERIFY2(::gradlab::test::allClose((tensor), (expected), (rtol), (atol), &why_), why_.c_str()); \
    } while (0)

// QVERIFY-style: `expr` throws gradlab::Error, and its message contains `part`.
#define GL_VERIFY_ERROR(expr, part)                                                                   \
    do {                                                                                          \
        try {                                                                                     \
            (void)(expr);                                                                         \
            QFAIL("no error from " #expr);                                                        \
        } catch (const ::gradlab::Error& e) {                                                     \
            QVERIFY2(QString(e.what()).contains(part), qPrintable(QString("message: ") + e.what())); \
        }                                                                                         \
    } while (0)
