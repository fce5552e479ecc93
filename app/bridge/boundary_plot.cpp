// Boundary plot: the probability field, its 0.5 contour (marching squares) and the points.
#include "app/bridge/boundary_plot.h"

#include <QKeyEvent>
#include <QMouseEvent>

#include <cmath>

#include "app/bridge/marching_squares.h"
#include "lessons/colormap.h"

namespace gradlab {

BoundaryPlot::BoundaryPlot(QQuickItem* parent) : PlotItem(parent) {
    setAcceptedMouseButtons(Qt::LeftButton | Qt::RightButton);
    setAcceptHoverEvents(true);
}

const gradlab::Image* BoundaryPlot::field() const {
    if (!board()) return nullptr;
    auto it = board()->data().images().find(m_image.toStdString());
    if (it == board()->data().images().end()) return nullptr;
    const gradlab::Image& img = it->second;
    return img.extent.size() == 4 && img.values.defined() && img.values.dim() == 2 ? &img : nullptr;
}

PlotItem::Bounds BoundaryPlot::dataBounds() const {
    const gradlab::Image* f = field();
    if (!f) return {};
    return {f->extent[0], f->extent[1], f->extent[2], f->extent[3], true};
}


QColor BoundaryPlot::classColor(int label) const {
    const Rgb c = diverging(label == 0 ? 0.1 : 0.9);
    return QColor(c.r, c.g, c.b);
}

void BoundaryPlot::rebuild() {
    const gradlab::Image* f = field();
    m_fieldRevision = board() ? board()->imageRevision(m_image.toStdString()) : -1;
    m_fieldGeneration = board() ? quint64(board()->generation()) : ~0ull;
    m_contour.clear();
    m_colours = QImage();
    if (!f) return;
    m_extent = f->extent;
    const int h = int(f->values.size(0)), w = int(f->values.size(1));
    const std::vector<float> z = f->values.contiguous().toVector();
    m_colours = QImage(w, h, QImage::Format_RGB32);
    for (int i = 0; i < h; ++i)
        for (int j = 0; j < w; ++j) {
            const float v = z[std::size_t(i * w + j)];
            // Softened towards the middle so that the points on top stay readable.
            const Rgb c = diverging(std::isfinite(v) ? 0.5 + 0.26 * (double(v) - 0.5) * 2 : 0.5);
            m_colours.setPixel(j, i, qRgb(c.r, c.g, c.b));
        }
    // Cell centres: column j at x0 + (j + 0.5) dx, row i at y1 - (i + 0.5) dy (row 0 at the top).
    const double x0 = m_extent[0], x1 = m_extent[1], y0 = m_extent[2], y1 = m_extent[3];
    auto px = [&](double j) { return x0 + (x1 - x0) * (j + 0.5) / w; };
    auto py = [&](double i) { return y1 - (y1 - y0) * (i + 0.5) / h; };
    contourSegments(z, w, h, 0.5, px, py, m_contour);
}

void BoundaryPlot::drawContent(QPainter& p, const QRectF& plot) {
    Q_UNUSED(plot);
    if (!board()) return;
    if (board()->imageRevision(m_image.toStdString()) != m_fieldRevision || quint64(board()->generation()) != m_fieldGeneration)
        rebuild();
    if (m_colours.isNull()) return;
    p.save();
    const QRectF world(QPointF(mapX(m_extent[0]), mapY(m_extent[3])), QPointF(mapX(m_extent[1]), mapY(m_extent[2])));
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    p.drawImage(world, m_colours);
    p.setRenderHint(QPainter::Antialiasing, true);
    QVector<QLineF> lines;
    lines.reserve(qsizetype(m_contour.size()));
    for (const QLineF& l : m_contour) lines.append(QLineF(mapX(l.x1()), mapY(l.y1()), mapX(l.x2()), mapY(l.y2())));
    p.setPen(QPen(QColor(30, 30, 30, 200), 2.0));
    p.drawLines(lines);
    if (const Series* s = board()->data().series(m_points.toStdString());
        s && s->textColumns.size() == 1 && s->numberColumns.size() >= 3) {
        const std::size_t nn = s->numberColumns.size();
        // Validation points first, small and hollow; the training points over them, filled.
        for (int pass = 0; pass < 2; ++pass) {
            const bool training = pass == 1;
            if (!training && !m_showValidation) continue;
            for (std::size_t r = 0; r < s->rows(); ++r) {
                if ((s->text[r] == "train") != training) continue;
                const QPointF c(mapX(s->numbers[r * nn]), mapY(s->numbers[r * nn + 1]));
                const QColor col = classColor(int(s->numbers[r * nn + 2]));
                if (training) {
                    p.setPen(QPen(QColor(20, 20, 20), 1.4));
                    p.setBrush(col);
                    p.drawEllipse(c, 5.5, 5.5);
                } else {
                    QColor faint = col;
                    faint.setAlphaF(0.8);
                    p.setPen(QPen(faint, 1.1));
                    p.setBrush(Qt::NoBrush);
                    p.drawEllipse(c, 2.4, 2.4);
                }
            }
        }
    }
    p.restore();
}

std::vector<std::pair<QString, QColor>> BoundaryPlot::legend() const {
    return {{tr("class 0"), classColor(0)}, {tr("class 1"), classColor(1)}};
}

double BoundaryPlot::probabilityAt(double x, double y) const {
    const gradlab::Image* f = field();
    if (!f) return NAN;
    const int h = int(f->values.size(0)), w = int(f->values.size(1));
    const int j = int(std::floor((x - f->extent[0]) / (f->extent[1] - f->extent[0]) * w));
    const int i = int(std::floor((f->extent[3] - y) / (f->extent[3] - f->extent[2]) * h));
    if (i < 0 || j < 0 || i >= h || j >= w) return NAN;
    return f->values.at({int64_t(i), int64_t(j)});
}

QString BoundaryPlot::csv() const {
    const gradlab::Image* f = field();
    if (!f) return {};
    QString out = QStringLiteral("x,y,p_class1\n");
    const int h = int(f->values.size(0)), w = int(f->values.size(1));
    const std::vector<float> z = f->values.contiguous().toVector();
    for (int i = 0; i < h; ++i)
        for (int j = 0; j < w; ++j)
            out += QStringLiteral("%1,%2,%3\n")
                       .arg(f->extent[0] + (f->extent[1] - f->extent[0]) * (j + 0.5) / w, 0, 'g', 6)
                       .arg(f->extent[3] - (f->extent[3] - f->extent[2]) * (i + 0.5) / h, 0, 'g', 6)
                       .arg(double(z[std::size_t(i * w + j)]), 0, 'g', 6);
    return out;
}

void BoundaryPlot::mousePressEvent(QMouseEvent* e) { e->setAccepted(plotRect().contains(e->position()) && hasData()); }

void BoundaryPlot::mouseReleaseEvent(QMouseEvent* e) {
    if (plotRect().contains(e->position()) && hasData())
        emit clicked(unmapX(e->position().x()), unmapY(e->position().y()), int(e->button()), int(e->modifiers()));
}

void BoundaryPlot::keyPressEvent(QKeyEvent* e) {
    const int key = e->key();
    const bool add = key == Qt::Key_Return || key == Qt::Key_Enter, remove = key == Qt::Key_Delete || key == Qt::Key_Backspace;
    if (!(add || remove) || !keyReadOut() || !hasData()) return PlotItem::keyPressEvent(e);
    emit clicked(unmapX(hoverPoint().x()), unmapY(hoverPoint().y()), int(add ? Qt::LeftButton : Qt::RightButton), int(e->modifiers()));
}

QString BoundaryPlot::hoverTextAt(QPointF at) const {
    if (!plotRect().contains(at) || !hasData()) return {};
    const double x = unmapX(at.x()), y = unmapY(at.y());
    return tr("x = %1   y = %2   P(class 1) = %3").arg(shownNumber(x, 'f', 2), shownNumber(y, 'f', 2), shownNumber(probabilityAt(x, y), 'f', 2));
}

}  // namespace gradlab
