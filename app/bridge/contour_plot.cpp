// Contour plot: marching squares on the surface grid, paths and interaction.
#include "app/bridge/contour_plot.h"

#include <QMouseEvent>

#include <cmath>
#include <map>
#include <ranges>
#include <utility>

#include "app/bridge/marching_squares.h"
#include "lessons/colormap.h"

namespace gradlab {

ContourPlot::ContourPlot(QQuickItem* parent) : PlotItem(parent) {
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        m_redrawWhole = true;
        update();
    });
    // Painting may happen on the render thread: the timer is started here, on the item's own.
    connect(this, &PlotItem::painted, this, [this] {
        if (std::exchange(m_pieced, false)) m_settle.start();
    }, Qt::QueuedConnection);
}

const gradlab::Image* ContourPlot::surface() const {
    if (!board()) return nullptr;
    auto it = board()->data().images().find(m_image.toStdString());
    return it == board()->data().images().end() || it->second.extent.size() != 4 ? nullptr : &it->second;
}

PlotItem::Bounds ContourPlot::dataBounds() const {
    const gradlab::Image* s = surface();
    if (!s) return {};
    return {s->extent[0], s->extent[1], s->extent[2], s->extent[3], true};
}

void ContourPlot::boardUpdated() {
    if (board() && board()->imageRevision(m_image.toStdString()) != m_fieldRevision) rebuildField();
    PlotItem::boardUpdated();
}

quint64 ContourPlot::dataSignature() const {
    return board() ? mix(PlotItem::dataSignature(), quint64(board()->markerRevision())) : 0;
}

void ContourPlot::rebuildField() {
    const gradlab::Image* s = surface();
    m_fieldRevision = board() ? board()->imageRevision(m_image.toStdString()) : -1;
    m_contours.clear();
    m_field = QImage();
    if (!s) return;
    m_extent = s->extent;
    const int h = int(s->values.size(0)), w = int(s->values.size(1));
    std::vector<float> z = s->values.toVector();
    // The field is shown on a log scale of f - min (surfaces are shifted to min 0).
    double lo = INFINITY, hi = -INFINITY;
    for (float v : z)
        if (std::isfinite(v)) lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
    const double floor = std::max(hi * 1e-6, 1e-12);
    auto t = [&](double v) { return (std::log(std::max(v - lo, 0.0) + floor) - std::log(floor)) / (std::log(hi - lo + floor) - std::log(floor)); };
    m_field = QImage(w, h, QImage::Format_RGB32);
    for (int i = 0; i < h; ++i)
        for (int j = 0; j < w; ++j) {
            Rgb c = viridis(t(z[std::size_t(i * w + j)]));
            m_field.setPixel(j, i, qRgb(c.r, c.g, c.b));
        }
    // Log-spaced levels between a small fraction of the range and its top.
    std::vector<double> levels;
    const double top = hi - lo, bottom = std::max(top * 2e-5, 1e-9);
    for (int k = 0; k < m_levels; ++k) levels.push_back(lo + bottom * std::pow(top / bottom, (k + 0.5) / m_levels));
    const double x0 = s->extent[0], x1 = s->extent[1], y0 = s->extent[2], y1 = s->extent[3];
    auto px = [&](double j) { return x0 + (x1 - x0) * j / (w - 1); };
    auto py = [&](double i) { return y1 - (y1 - y0) * i / (h - 1); };  // row 0 is the top (y1)
    m_contours.resize(levels.size());
    for (std::size_t k = 0; k < levels.size(); ++k) contourSegments(z, w, h, levels[k], px, py, m_contours[k]);
}

double ContourPlot::surfaceAt(double x, double y) const {
    const gradlab::Image* s = surface();
    if (!s) return NAN;
    const int h = int(s->values.size(0)), w = int(s->values.size(1));
    double fj = (x - s->extent[0]) / (s->extent[1] - s->extent[0]) * (w - 1);
    double fi = (s->extent[3] - y) / (s->extent[3] - s->extent[2]) * (h - 1);
    if (fj < 0 || fi < 0 || fj > w - 1 || fi > h - 1) return NAN;
    return s->values.at({int64_t(std::lround(fi)), int64_t(std::lround(fj))});
}

QColor ContourPlot::keyColor(const QString& key) const {
    int i = int(m_keyOrder.indexOf(key));
    return Board::paletteColor(i < 0 ? 0 : i, dark());
}

QPen ContourPlot::pathPen(const QString& key) const {
    QPen pen(keyColor(key), 2.0);
    pen.setJoinStyle(Qt::RoundJoin);
    pen.setCapStyle(Qt::RoundCap);  // pieces drawn in different frames meet without a notch
    return pen;
}

void ContourPlot::drawGhostPaths(QPainter& p) const {
    if (board())
        for (const Board* ghost : board()->ghosts()) drawGhostPaths(p, *ghost);
}

void ContourPlot::drawGhostPaths(QPainter& p, const Board& ghost) const {
    const Series* s = ghost.data().series(m_paths.toStdString());
    if (!s || s->textColumns.empty() || s->numberColumns.size() < 3) return;
    const std::size_t nt = s->textColumns.size(), nn = s->numberColumns.size();
    // Columns step, x, y (as the live paths read them); a point a pixel from the last is skipped.
    std::map<std::string, QPolygonF> lines;
    for (std::size_t r = 0; r < s->rows(); ++r) {
        const std::string& k = s->text[r * nt];
        if (!pathVisible(QString::fromStdString(k))) continue;
        const QPointF q(mapX(s->numbers[r * nn + 1]), mapY(s->numbers[r * nn + 2]));
        if (!std::isfinite(q.x()) || !std::isfinite(q.y())) continue;
        QPolygonF& line = lines[k];
        if (line.isEmpty() || std::abs(q.x() - line.back().x()) + std::abs(q.y() - line.back().y()) >= 1.0) line << q;
    }
    for (const auto& [k, line] : lines) {
        QColor c = keyColor(QString::fromStdString(k));
        c.setAlphaF(0.45);
        p.setPen(QPen(c, 1.2, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(line);
    }
}

QString ContourPlot::ghostKey() const {
    QString key;
    for (const Board* g : board()->ghosts()) key += QStringLiteral("|%1 %2").arg(quintptr(g)).arg(g->revision());
    return key;
}

void ContourPlot::drawSurface(QPainter& p) {
    const QRectF world(QPointF(mapX(m_extent[0]), mapY(m_extent[3])), QPointF(mapX(m_extent[1]), mapY(m_extent[2])));
    p.save();
    p.setOpacity(dark() ? 0.55 : 0.45);
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    p.drawImage(world, m_field);
    p.restore();
    QColor lc = dark() ? QColor(255, 255, 255, 90) : QColor(0, 0, 0, 70);
    p.setPen(QPen(lc, 1));
    for (const auto& level : m_contours) {
        QVector<QLineF> lines;
        lines.reserve(qsizetype(level.size()));
        for (const QLineF& l : level) lines.append(QLineF(mapX(l.x1()), mapY(l.y1()), mapX(l.x2()), mapY(l.y2())));
        p.drawLines(lines);
    }
}

void ContourPlot::drawContent(QPainter& p, const QRectF& plot) {
    if (board() && board()->imageRevision(m_image.toStdString()) != m_fieldRevision) rebuildField();
    if (m_field.isNull()) return;
    if (!board()) return;
    const Recorder& rec = board()->data();
    const Series* s = rec.series(m_paths.toStdString());
    const bool hasPaths = s && !s->textColumns.empty() && s->numberColumns.size() >= 3;
    const std::size_t nt = hasPaths ? s->textColumns.size() : 0, nn = hasPaths ? s->numberColumns.size() : 0;
    if (hasPaths) extendPaths(*s, plot);
    const auto toScreen = [&](const QPointF& q) { return QPointF(mapX(q.x()), mapY(q.y())); };
    if (exporting()) {  // a file gets the surface and every path stroked in one piece
        drawSurface(p);
        drawGhostPaths(p);
        for (const auto& [k, pts] : m_pathPoints) {
            const QString key = QString::fromStdString(k);
            if (!pathVisible(key) || pts.empty()) continue;
            QPolygonF poly;
            poly.reserve(qsizetype(pts.size()));
            for (const QPointF& q : pts) poly << toScreen(q);
            p.setPen(pathPen(key));
            p.setBrush(Qt::NoBrush);
            p.drawPolyline(poly);
        }
    } else {
        // One opaque picture at screen size: the surface (drawn when the size, theme or surface
        // changes) with the kept part of every path on it; a frame strokes only the segments
        // added since the last one and copies the picture (stroking thousands of wide, joined
        // segments per frame was most of the GUI thread's time in a long race).
        const qreal dpr = p.device()->devicePixelRatioF();
        const QString key = QStringLiteral("%1 %2 %3 %4 %5 %6 %7|%8|%9|%10")
                                .arg(plot.x()).arg(plot.y()).arg(plot.width()).arg(plot.height())
                                .arg(m_fieldRevision).arg(dark() ? 1 : 0).arg(dpr)
                                .arg(m_visibleKeys.join(','), m_keyOrder.join(','))
                                .arg(m_pathTolerance)
                            + ghostKey();
        if (key != m_pictureKey || std::exchange(m_redrawWhole, false)) {
            m_picture = QImage((plot.size() * dpr).toSize(), QImage::Format_RGB32);
            m_picture.setDevicePixelRatio(dpr);
            m_picture.fill(backgroundColor());
            QPainter bp(&m_picture);
            bp.setRenderHint(QPainter::Antialiasing, true);
            bp.translate(-plot.topLeft());
            drawSurface(bp);
            drawGhostPaths(bp);
            m_pathInk.clear();
            m_pictureKey = key;
        }
        QPainter lp(&m_picture);
        lp.setRenderHint(QPainter::Antialiasing, true);
        lp.translate(-plot.topLeft());
        for (const auto& [k, pts] : m_pathPoints) {
            const QString name = QString::fromStdString(k);
            PathInk& ink = m_pathInk[k];
            if (ink.drawn > pts.size()) ink = {};  // cannot happen without a rebuild; be safe
            if (!pathVisible(name) || pts.size() < 2 || ink.drawn >= pts.size()) continue;
            // From the last point already drawn, so the pieces join. A racer bouncing across a
            // valley retraces the same segments thousands of times: a segment already in the
            // picture (to the pixel, either direction) is not stroked again.
            lp.setPen(pathPen(name));
            QPolygonF run;
            auto flush = [&] {
                if (run.size() > 1) lp.drawPolyline(run);
                run.clear();
            };
            m_pieced = m_pieced || ink.drawn > 0;  // a piece joins what is drawn
            for (std::size_t i = ink.drawn == 0 ? 0 : ink.drawn - 1; i + 1 < pts.size(); ++i) {
                const QPointF a = toScreen(pts[i]), b = toScreen(pts[i + 1]);
                if (!ink.segments.insert(segmentKey(a, b)).second) {
                    flush();
                    continue;
                }
                if (run.isEmpty()) run << a;
                run << b;
            }
            flush();
            ink.drawn = pts.size();
        }
        lp.end();
        p.drawImage(plot.topLeft(), m_picture);
    }
    // Minima: stars.
    if (const Series* mins = rec.series(m_minima.toStdString())) {
        const std::size_t mn = mins->numberColumns.size();
        for (std::size_t r = 0; r < mins->rows(); ++r) {
            QPointF c(mapX(mins->numbers[r * mn]), mapY(mins->numbers[r * mn + 1]));
            QPolygonF star;
            for (int k = 0; k < 10; ++k) {
                double ang = -M_PI / 2 + k * M_PI / 5, rad = k % 2 ? 4.0 : 9.0;
                star << c + QPointF(rad * std::cos(ang), rad * std::sin(ang));
            }
            p.setPen(QPen(dark() ? QColor("#101010") : QColor("#202020"), 1.2));
            p.setBrush(QColor("#FFFFFF"));
            p.drawPolygon(star);
        }
    }
    if (!hasPaths) return;
    // The live end of each path (newest point, not yet kept), its start and where it is now.
    for (const auto& [k, pts] : m_pathPoints) {
        const QString key = QString::fromStdString(k);
        if (!pathVisible(key) || pts.empty()) continue;
        const QColor c = keyColor(key);
        const QPointF first = toScreen(pts.front()), last = toScreen(m_pathLatest[k]);
        if (!exporting() || m_pathLatest[k] != pts.back()) {
            p.setPen(pathPen(key));
            p.drawLine(toScreen(pts.back()), last);
        }
        p.setPen(QPen(c, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(first, 4, 4);  // start
        p.setPen(QPen(backgroundColor(), 1.5));
        p.setBrush(c);
        p.drawEllipse(last, 5.5, 5.5);  // where it is now
    }
    // Where a racer's hyperparameter was changed: a diamond on its path at that step (rows are in
    // step order: the first of the racer's rows from that step on).
    for (const Board::Marker& m : board()->markers()) {
        const QString key = m.key.section('.', 0, 0);
        if (!pathVisible(key)) continue;
        const std::string k = key.toStdString();
        for (std::size_t r = firstRowFrom(*s, m.step); r < s->rows(); ++r) {
            if (s->text[r * nt] != k) continue;
            QPointF q(mapX(s->numbers[r * nn + 1]), mapY(s->numbers[r * nn + 2]));
            QPolygonF d{q + QPointF(0, -6), q + QPointF(6, 0), q + QPointF(0, 6), q + QPointF(-6, 0)};
            p.setPen(QPen(backgroundColor(), 1.2));
            p.setBrush(keyColor(key));
            p.drawPolygon(d);
            break;
        }
    }
}

uint64_t ContourPlot::segmentKey(QPointF a, QPointF b) {
    auto pixel = [](double v) { return uint64_t(uint16_t(int16_t(std::clamp(std::lround(v), -32768L, 32767L)))); };
    uint64_t pa = pixel(a.x()) << 16 | pixel(a.y()), pb = pixel(b.x()) << 16 | pixel(b.y());
    if (pa > pb) std::swap(pa, pb);
    return pa << 32 | pb;
}

std::size_t ContourPlot::firstRowFrom(const Series& s, double step) {
    const std::size_t nn = s.numberColumns.size();
    const auto rows = std::views::iota(std::size_t(0), s.rows());
    return std::size_t(std::ranges::partition_point(rows, [&](std::size_t r) { return s.numbers[r * nn] < step; }) -
                       rows.begin());
}

void ContourPlot::extendPaths(const Series& s, const QRectF& plot) {
    const std::size_t nt = s.textColumns.size(), nn = s.numberColumns.size(), rows = s.rows();
    const double tol = 1.5 * (unmapX(plot.left() + 1) - unmapX(plot.left()));
    const int generation = board()->generation();
    if (generation != m_pathGeneration || tol != m_pathTolerance || (rows > 0 && s.numbers[(rows - 1) * nn] < m_pathLastStep)) {
        m_pathPoints.clear();  // a new run, a loaded one or a new size: start over from the history
        m_pathLatest.clear();
        m_pathLastStep = -INFINITY;
        m_pathTolerance = tol;
        m_pathGeneration = generation;
        m_pictureKey.clear();  // the paths are drawn again
    }
    // Rows arrive in step order, a step's rows all in one frame, and thinning the history keeps
    // that order: the new rows are those after the last step taken. (Counting rows instead would
    // start over whenever the board thins a long race's history.)
    for (std::size_t r = firstRowFrom(s, std::nextafter(m_pathLastStep, INFINITY)); r < rows; ++r) {
        double x = s.numbers[r * nn + 1], y = s.numbers[r * nn + 2];
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        const std::string& key = s.text[r * nt];
        std::vector<QPointF>& pts = m_pathPoints[key];
        QPointF pt(std::clamp(x, -1e6, 1e6), std::clamp(y, -1e6, 1e6));
        // A point joins the path once it is far enough from the last kept one; the newest is
        // always drawn as the path's end.
        if (pts.empty() || std::fabs(pt.x() - pts.back().x()) + std::fabs(pt.y() - pts.back().y()) > tol) pts.push_back(pt);
        m_pathLatest[key] = pt;
    }
    if (rows > 0) m_pathLastStep = std::max(m_pathLastStep, s.numbers[(rows - 1) * nn]);
}

std::vector<std::pair<QString, QColor>> ContourPlot::legend() const {
    std::vector<std::pair<QString, QColor>> out;
    if (!board()) return out;
    for (const QString& k : board()->keys(m_paths))
        if (m_visibleKeys.isEmpty() || m_visibleKeys.contains(k))
            out.emplace_back(m_keyLabels.value(k, k).toString(), keyColor(k));
    return out;
}

QString ContourPlot::csv() const {
    if (!board() || !board()->data().series(m_paths.toStdString())) return {};
    return QString::fromStdString(board()->data().seriesCsv(m_paths.toStdString()));
}

void ContourPlot::mousePressEvent(QMouseEvent* e) {
    e->setAccepted(plotRect().contains(e->position()) && hasData());
}

void ContourPlot::mouseReleaseEvent(QMouseEvent* e) {
    if (plotRect().contains(e->position()) && hasData())
        emit clicked(unmapX(e->position().x()), unmapY(e->position().y()));
}

QString ContourPlot::hoverTextAt(QPointF at) const {
    if (!plotRect().contains(at) || !hasData()) return {};
    const double x = unmapX(at.x()), y = unmapY(at.y());
    return QStringLiteral("x = %1   y = %2   f = %3")
        .arg(shownNumber(x, 'f', 3), shownNumber(y, 'f', 3), shownNumber(surfaceAt(x, y), 'g', 4));
}

}  // namespace gradlab
