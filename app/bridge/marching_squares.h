// Marching squares: the line segments where a field sampled on a grid crosses one level, for the
// contour plot's level lines and the boundary plot's 0.5 line.
#pragma once

#include <QLineF>

#include <vector>

namespace gradlab {

// z: h rows of w values (row 0 first). px(j) and py(i) map fractional column and row indices to
// the coordinates the segments are wanted in. Appends the segments to `out`.
template <class Px, class Py>
void contourSegments(const std::vector<float>& z, int w, int h, double level, Px px, Py py, std::vector<QLineF>& out) {
    const double L = level;
    for (int i = 0; i + 1 < h; ++i)
        for (int j = 0; j + 1 < w; ++j) {
            const double a = z[std::size_t(i * w + j)], b = z[std::size_t(i * w + j + 1)];
            const double c = z[std::size_t((i + 1) * w + j + 1)], d = z[std::size_t((i + 1) * w + j)];
            const int idx = (a > L) | (b > L) << 1 | (c > L) << 2 | (d > L) << 3;
            if (idx == 0 || idx == 15) continue;
            auto t = [&](double va, double vb) { return (L - va) / (vb - va); };
            const QPointF top(px(j + t(a, b)), py(i)), right(px(j + 1), py(i + t(b, c)));
            const QPointF bot(px(j + t(d, c)), py(i + 1)), left(px(j), py(i + t(a, d)));
            auto seg = [&](QPointF p, QPointF q) { out.emplace_back(p, q); };
            switch (idx) {
                case 1: case 14: seg(left, top); break;
                case 2: case 13: seg(top, right); break;
                case 3: case 12: seg(left, right); break;
                case 4: case 11: seg(right, bot); break;
                case 6: case 9: seg(top, bot); break;
                case 7: case 8: seg(left, bot); break;
                case 5: seg(left, top), seg(right, bot); break;
                case 10: seg(top, right), seg(left, bot); break;
            }
        }
}

}  // namespace gradlab
