// BarChart drawing.
#include "app/bridge/bar_chart.h"

#include <cmath>

#include "lessons/csv.h"

namespace gradlab {

BarChart::Data BarChart::collect() const {
    Data d;
    if (!board()) return d;
    const Series* s = board()->data().series(m_series.toStdString());
    if (!s) return d;
    int xi = -1, yi = -1, ci = -1;
    for (std::size_t c = 0; c < s->numberColumns.size(); ++c) {
        QString n = QString::fromStdString(s->numberColumns[c]);
        if (n == m_x) xi = int(c);
        if (n == m_y) yi = int(c);
        if (!m_curve.isEmpty() && n == m_curve) ci = int(c);
    }
    if (xi < 0 || yi < 0) return d;
    const std::size_t nt = s->textColumns.size(), nn = s->numberColumns.size();
    const std::string key = m_key.toStdString();
    for (std::size_t r = 0; r < s->rows(); ++r) {
        if (!key.empty() && (nt == 0 || s->text[r * nt] != key)) continue;
        d.x.push_back(s->numbers[r * nn + std::size_t(xi)]);
        d.y.push_back(s->numbers[r * nn + std::size_t(yi)]);
        d.c.push_back(ci >= 0 ? s->numbers[r * nn + std::size_t(ci)] : NAN);
    }
    return d;
}

PlotItem::Bounds BarChart::dataBounds() const {
    Data d = collect();
    Bounds b;
    if (d.x.empty()) return b;
    const double half = d.half();
    b = {d.x.front() - half, d.x.back() + half, 0.0, 0.0, true};
    for (std::size_t i = 0; i < d.x.size(); ++i) {
        if (std::isfinite(d.y[i])) b.y1 = std::max(b.y1, d.y[i]);
        if (std::isfinite(d.c[i])) b.y1 = std::max(b.y1, d.c[i]);
    }
    if (b.y1 <= 0) b.y1 = 1;
    return b;
}

void BarChart::drawContent(QPainter& p, const QRectF&) {
    Data d = collect();
    if (d.x.empty()) return;
    const double half = d.half();
    QColor fill = m_color;
    fill.setAlpha(150);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    // A hairline gap between bars where they are wide enough to spare it; narrow bars (a small
    // card, many bins) touch, or they would vanish.
    const double gap = std::abs(mapX(d.x.front() + half) - mapX(d.x.front() - half)) > 4 ? 0.5 : 0.0;
    for (std::size_t i = 0; i < d.x.size(); ++i) {
        if (!std::isfinite(d.y[i])) continue;
        QRectF r(QPointF(mapX(d.x[i] - half), mapY(d.y[i])), QPointF(mapX(d.x[i] + half), mapY(0)));
        p.drawRect(r.normalized().adjusted(gap, 0, -gap, 0));
    }
    QPolygonF line;
    for (std::size_t i = 0; i < d.x.size(); ++i)
        if (std::isfinite(d.c[i])) line << QPointF(mapX(d.x[i]), mapY(d.c[i]));
    if (line.size() > 1) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(dark() ? QColor("#F0E442") : QColor("#D55E00"), 2));
        p.drawPolyline(line);
    }
}

std::vector<std::pair<QString, QColor>> BarChart::legend() const {
    std::vector<std::pair<QString, QColor>> out;
    if (!m_barLabel.isEmpty()) out.emplace_back(m_barLabel, m_color);
    if (!m_curveLabel.isEmpty()) out.emplace_back(m_curveLabel, dark() ? QColor("#F0E442") : QColor("#D55E00"));
    return out;
}

QString BarChart::csv() const {
    Data d = collect();
    // Built by appending: `a + "," + b` trips GCC 12's false -Wrestrict warning here.
    std::string out = csvField(m_x.toStdString());
    out += ',';
    out += csvField(m_y.toStdString());
    if (!m_curve.isEmpty()) (out += ',') += csvField(m_curve.toStdString());
    out += '\n';
    for (std::size_t i = 0; i < d.x.size(); ++i) {
        ((out += csvNumber(d.x[i])) += ',') += csvNumber(d.y[i]);
        if (!m_curve.isEmpty()) (out += ',') += csvNumber(d.c[i]);
        out += '\n';
    }
    return QString::fromStdString(out);
}

QString BarChart::hoverTextAt(QPointF at) const {
    if (!plotRect().contains(at)) return {};
    const Data d = collect();
    if (d.x.empty()) return {};
    const double x = unmapX(at.x()), half = d.half();
    for (std::size_t i = 0; i < d.x.size(); ++i) {
        if (std::fabs(x - d.x[i]) > half) continue;
        const QString xName = xLabel().isEmpty() ? QStringLiteral("x") : xLabel();
        QStringList lines{xName + " " + shownNumber(d.x[i], 'g', 4),
                          (m_barLabel.isEmpty() ? QString() : m_barLabel + ": ") + shownNumber(d.y[i], 'g', 4)};
        if (std::isfinite(d.c[i])) lines << (m_curveLabel.isEmpty() ? QString() : m_curveLabel + ": ") + shownNumber(d.c[i], 'g', 4);
        return lines.join('\n');
    }
    return {};
}

}  // namespace gradlab
