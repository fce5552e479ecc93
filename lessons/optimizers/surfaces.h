// The loss surfaces of the optimizer race: each as differentiable engine ops (for the racers'
// gradients) and in double precision (for the contour grid), with its minima and a good view.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/tensor/tensor.h"

namespace gradlab::lessons {

struct SurfaceParams {
    double a = 1.0, b = 100.0;   // rosenbrock: (a - x)^2 + b (y - x^2)^2
    double condition = 25.0;     // quadratic: (x^2 + condition * y^2) / 2
};

class Surface {
public:
    Surface(std::string id, SurfaceParams p);
    // f(x, y) for 0-dim tensors x, y, built from differentiable ops (the same op sequence as the
    // PyTorch reference for Rosenbrock, so the gradients agree bit for bit).
    Tensor operator()(const Tensor& x, const Tensor& y) const;
    double eval(double x, double y) const;
    const std::string& id() const { return m_id; }
    // {x0, x1, y0, y1}: the part of the plane shown by the contour map.
    std::vector<double> extent() const;
    std::vector<std::pair<double, double>> minima() const;
    // The formula, for the lesson text and the CSV summary.
    std::string formula() const;

    static const std::vector<std::string>& ids();

private:
    std::string m_id;
    SurfaceParams m_p;
    double m_offset = 0.0;  // saddle: shifts f so that its minimum is 0 like the others
};

}  // namespace gradlab::lessons
