// LineChart drawing.
#include "app/bridge/line_chart.h"

#include <cmath>

namespace gradlab {

void LineChart::setTraces(const QVariantList& t) {
    m_traces = t;
    emit tracesChanged();
    update();
}

std::vector<LineChart::Trace> LineChart::collect() const {
    std::vector<Trace> out;
    if (!board()) return out;
    const Recorder& rec = board()->data();
    out.reserve(std::size_t(m_traces.size()));  // traces point into themselves: no reallocation
    int index = 0;
    for (const QVariant& v : m_traces) {
        const QVariantMap m = v.toMap();
        Trace t;
        t.label = m.value("label").toString();
        t.color = m.contains("color") ? QColor(m.value("color").toString()) : Board::paletteColor(index, dark());
        t.dashed = m.value("dashed").toBool();
        t.visible = m.value("visible", true).toBool();
        t.width = m.value("width", 2.0).toDouble();
        ++index;
        if (m.contains("scalar")) {
            const Recorder::ScalarTrace* s = rec.scalar(m.value("scalar").toString().toStdString());
            if (s) t.x = &s->steps, t.y = &s->values;
        } else if (m.contains("series")) {
            const Series* s = rec.series(m.value("series").toString().toStdString());
            if (s) {
                const std::string xc = m.value("x").toString().toStdString(), yc = m.value("y").toString().toStdString();
                const std::string key = m.value("key").toString().toStdString();
                int xi = -1, yi = -1;
                for (std::size_t c = 0; c < s->numberColumns.size(); ++c) {
                    if (s->numberColumns[c] == xc) xi = int(c);
                    if (s->numberColumns[c] == yc) yi = int(c);
                }
                const std::size_t nt = s->textColumns.size(), nn = s->numberColumns.size();
                if (xi >= 0 && yi >= 0)
                    for (std::size_t r = 0; r < s->rows(); ++r) {
                        if (!key.empty() && (nt == 0 || s->text[r * nt] != key)) continue;
                        t.xs.push_back(s->numbers[r * nn + std::size_t(xi)]);
                        t.ys.push_back(s->numbers[r * nn + std::size_t(yi)]);
                    }
            }
        }
        out.push_back(std::move(t));
        Trace& b = out.back();
        if (!b.x) b.x = &b.xs, b.y = &b.ys;  // after the move: point at our own vectors
    }
    return out;
}

bool LineChart::hasData() const {
    for (const Trace& t : collect())
        if (t.visible && !t.x->empty()) return true;
    return false;
}

PlotItem::Bounds LineChart::dataBounds() const {
    Bounds b;
    for (const Trace& t : collect()) {
        if (!t.visible) continue;
        for (std::size_t i = 0; i < t.x->size(); ++i) {
            double x = (*t.x)[i], y = (*t.y)[i];
            if (!std::isfinite(x) || !std::isfinite(y) || (logX() && x <= 0) || (logY() && y <= 0)) continue;
            if (!b.valid) b = {x, x, y, y, true};
            b.x0 = std::min(b.x0, x), b.x1 = std::max(b.x1, x);
            b.y0 = std::min(b.y0, y), b.y1 = std::max(b.y1, y);
        }
    }
    return b;
}

void LineChart::drawContent(QPainter& p, const QRectF& plot) {
    if (m_showMarkers && board()) {
        QFontMetricsF fm(p.font());
        QColor mc = textColor();
        mc.setAlpha(110);
        double lastX = -1e9;
        for (const Board::Marker& m : board()->markers()) {
            double x = mapX(m.step);
            if (x < plot.left() || x > plot.right()) continue;
            p.setPen(QPen(mc, 1, Qt::DashLine));
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            if (x - lastX > fm.horizontalAdvance(m.label) + 8) {  // skip labels that would overlap
                p.setPen(mc);
                p.drawText(QPointF(x + 3, plot.bottom() - 4), m.label);
                lastX = x;
            }
        }
    }
    for (const Trace& t : collect()) {
        if (!t.visible || t.x->empty()) continue;
        QPen pen(t.color, t.width, t.dashed ? Qt::DashLine : Qt::SolidLine);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        p.setPen(pen);
        const std::size_t n = t.x->size();
        QPolygonF line;
        line.reserve(int(std::min<std::size_t>(n, std::size_t(plot.width() * 4) + 8)));
        auto flush = [&] {
            if (line.size() > 1) p.drawPolyline(line);
            else if (line.size() == 1) p.drawPoint(line[0]);
            line.clear();
        };
        // Per pixel column keep first, min, max and last: the line looks exactly the same.
        int col = INT32_MIN;
        double cmin = 0, cmax = 0, clast = 0;
        auto emitColumn = [&] {
            if (col == INT32_MIN) return;
            if (cmin != clast || cmax != clast) {
                line << QPointF(col, cmin) << QPointF(col, cmax);
            }
            line << QPointF(col, clast);
        };
        const bool dense = double(n) > plot.width() * 3;
        for (std::size_t i = 0; i < n; ++i) {
            double x = (*t.x)[i], y = (*t.y)[i];
            if (!std::isfinite(x) || !std::isfinite(y) || (logX() && x <= 0) || (logY() && y <= 0)) {
                emitColumn();
                col = INT32_MIN;
                flush();
                continue;
            }
            double px = mapX(x), py = std::clamp(mapY(y), plot.top() - 1e4, plot.bottom() + 1e4);
            if (!dense) {
                line << QPointF(px, py);
                continue;
            }
            int c = int(std::floor(px));
            if (c != col) {
                emitColumn();
                col = c;
                cmin = cmax = clast = py;
                line << QPointF(px, py);
            } else {
                cmin = std::min(cmin, py), cmax = std::max(cmax, py), clast = py;
            }
        }
        emitColumn();
        flush();
        if (m_points) {
            p.setBrush(t.color);
            p.setPen(Qt::NoPen);
            for (std::size_t i = 0; i < n; ++i)
                if (std::isfinite((*t.y)[i])) p.drawEllipse(QPointF(mapX((*t.x)[i]), mapY((*t.y)[i])), 3, 3);
            p.setBrush(Qt::NoBrush);
        }
    }
}

std::vector<std::pair<QString, QColor>> LineChart::legend() const {
    std::vector<std::pair<QString, QColor>> out;
    if (!m_showLegend) return out;
    for (const Trace& t : collect())
        if (t.visible && !t.label.isEmpty()) out.emplace_back(t.label, t.color);
    return out;
}

QString LineChart::csv() const {
    QString out = "trace,x,y\n";
    for (const Trace& t : collect()) {
        QString label = t.label;
        label.replace(',', ' ');
        for (std::size_t i = 0; i < t.x->size(); ++i)
            out += QStringLiteral("%1,%2,%3\n").arg(label, QString::number((*t.x)[i], 'g', 9), QString::number((*t.y)[i], 'g', 9));
    }
    return out;
}

}  // namespace gradlab
