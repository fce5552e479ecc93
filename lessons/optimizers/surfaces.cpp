// Surface formulas. All are shifted so their global minimum is 0, so losses can be shown on a log
// scale and "distance to the optimum" reads the same on every surface.
#include "lessons/optimizers/surfaces.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/ops/ops.h"

namespace gradlab::lessons {
namespace {

constexpr double kSqrtHalf = 0.70710678118654752440;
constexpr double kTilt = 0.05;  // saddle: a slight slope that decides which way the ball rolls off

// Saddle in rotated coordinates u = (x - y)/sqrt2, v = (x + y)/sqrt2:
// g = u^2/2 - v^2/2 + v^4/4 + tilt v: a saddle at the origin, minima near v = -1.02 and v = 0.97.
double saddleV(double v) { return -0.5 * v * v + 0.25 * v * v * v * v + kTilt * v; }

double saddleMinV() {
    double v = -1.0;  // Newton on g'(v) = -v + v^3 + tilt from the deeper (negative) side
    for (int i = 0; i < 50; ++i) v -= (-v + v * v * v + kTilt) / (-1.0 + 3.0 * v * v);
    return v;
}

}  // namespace

const std::vector<std::string>& Surface::ids() {
    static const std::vector<std::string> v = {"rosenbrock", "beale", "himmelblau", "quadratic", "saddle"};
    return v;
}

Surface::Surface(std::string id, SurfaceParams p) : m_id(std::move(id)), m_p(p) {
    bool known = false;
    for (const auto& s : ids()) known = known || s == m_id;
    GL_CHECK(known, "unknown surface '", m_id, "'");
    if (m_id == "saddle") m_offset = -saddleV(saddleMinV());
}

Tensor Surface::operator()(const Tensor& x, const Tensor& y) const {
    const float a = float(m_p.a), b = float(m_p.b);
    if (m_id == "rosenbrock") return add(pow(rsub(a, x), 2.0f), mul(pow(sub(y, pow(x, 2.0f)), 2.0f), b));
    if (m_id == "beale") {
        Tensor t1 = add(rsub(1.5f, x), mul(x, y));
        Tensor t2 = add(rsub(2.25f, x), mul(x, pow(y, 2.0f)));
        Tensor t3 = add(rsub(2.625f, x), mul(x, pow(y, 3.0f)));
        return add(add(pow(t1, 2.0f), pow(t2, 2.0f)), pow(t3, 2.0f));
    }
    if (m_id == "himmelblau")
        return add(pow(sub(add(pow(x, 2.0f), y), 11.0f), 2.0f), pow(sub(add(x, pow(y, 2.0f)), 7.0f), 2.0f));
    if (m_id == "quadratic") return mul(add(pow(x, 2.0f), mul(pow(y, 2.0f), float(m_p.condition))), 0.5f);
    // saddle
    const float s = float(kSqrtHalf);
    Tensor u = mul(sub(x, y), s), v = mul(add(x, y), s);
    Tensor g = add(sub(mul(pow(u, 2.0f), 0.5f), mul(pow(v, 2.0f), 0.5f)), mul(pow(v, 4.0f), 0.25f));
    return add(add(g, mul(v, float(kTilt))), float(m_offset));
}

double Surface::eval(double x, double y) const {
    if (m_id == "rosenbrock") return (m_p.a - x) * (m_p.a - x) + m_p.b * (y - x * x) * (y - x * x);
    if (m_id == "beale") {
        double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y * y * y;
        return t1 * t1 + t2 * t2 + t3 * t3;
    }
    if (m_id == "himmelblau") {
        double t1 = x * x + y - 11, t2 = x + y * y - 7;
        return t1 * t1 + t2 * t2;
    }
    if (m_id == "quadratic") return 0.5 * (x * x + m_p.condition * y * y);
    double u = (x - y) * kSqrtHalf, v = (x + y) * kSqrtHalf;
    return 0.5 * u * u + saddleV(v) + m_offset;
}

std::vector<double> Surface::extent() const {
    // 4:3 views where the interesting part allows (they fill a wide chart better)
    if (m_id == "rosenbrock") return {-2.0, 2.0, -0.75, 2.25};
    if (m_id == "beale") return {-4.5, 4.5, -3.0, 3.75};
    if (m_id == "himmelblau") return {-5.5, 5.5, -4.5, 4.5};
    return {-2.0, 2.0, -1.5, 1.5};
}

std::vector<std::pair<double, double>> Surface::minima() const {
    if (m_id == "rosenbrock") return {{m_p.a, m_p.a * m_p.a}};
    if (m_id == "beale") return {{3.0, 0.5}};
    if (m_id == "himmelblau")
        return {{3.0, 2.0}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
    if (m_id == "quadratic") return {{0.0, 0.0}};
    double v = saddleMinV();
    return {{v * kSqrtHalf, v * kSqrtHalf}};
}

std::string Surface::formula() const {
    if (m_id == "rosenbrock") return "(a - x)^2 + b (y - x^2)^2";
    if (m_id == "beale") return "(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2";
    if (m_id == "himmelblau") return "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";
    if (m_id == "quadratic") return "(x^2 + condition * y^2) / 2";
    return "u^2/2 - v^2/2 + v^4/4 + 0.05 v + c, u = (x - y)/sqrt 2, v = (x + y)/sqrt 2";
}

}  // namespace gradlab::lessons
