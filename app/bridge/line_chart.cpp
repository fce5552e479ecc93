// LineChart drawing.
#include "app/bridge/line_chart.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "lessons/csv.h"

namespace gradlab {

void LineChart::setTraces(const QVariantList& t) {
    m_traces = t;
    m_specs.clear();
    for (const QVariant& v : t) {
        const QVariantMap m = v.toMap();
        TraceSpec spec;
        spec.label = m.value("label").toString();
        if (m.contains("color")) spec.color = QColor(m.value("color").toString());
        spec.dashed = m.value("dashed").toBool();
        spec.visible = m.value("visible", true).toBool();
        spec.width = m.value("width", 2.0).toDouble();
        spec.scalar = m.value("scalar").toString().toStdString();
        spec.series = m.value("series").toString().toStdString();
        spec.x = m.value("x").toString().toStdString();
        spec.y = m.value("y").toString().toStdString();
        spec.key = m.value("key").toString().toStdString();
        m_specs.push_back(std::move(spec));
    }
    emit tracesChanged();
    emit appearanceChanged();  // repaints; declaredOutput may have changed
}

std::vector<LineChart::Trace> LineChart::collect(const Board* from) const {
    std::vector<Trace> out;
    if (!from) return out;
    const Recorder& rec = from->data();
    out.reserve(m_specs.size());  // traces point into themselves: no reallocation
    int index = 0;
    for (const TraceSpec& spec : m_specs) {
        Trace t;
        t.label = spec.label;
        t.color = spec.color.isValid() ? spec.color : Board::paletteColor(index, dark());
        t.dashed = spec.dashed;
        t.visible = spec.visible;
        t.width = spec.width;
        ++index;
        if (!spec.scalar.empty()) {
            const Recorder::ScalarTrace* s = rec.scalar(spec.scalar);
            if (s) t.x = &s->steps, t.y = &s->values;
            t.envelope = from->envelope(spec.scalar);
            t.bySteps = true;
        } else if (const Series* s = spec.series.empty() ? nullptr : rec.series(spec.series)) {
            int xi = -1, yi = -1;
            for (std::size_t c = 0; c < s->numberColumns.size(); ++c) {
                if (s->numberColumns[c] == spec.x) xi = int(c);
                if (s->numberColumns[c] == spec.y) yi = int(c);
            }
            const std::size_t nt = s->textColumns.size(), nn = s->numberColumns.size();
            if (xi >= 0 && yi >= 0)
                for (std::size_t r = 0; r < s->rows(); ++r) {
                    if (!spec.key.empty() && (nt == 0 || s->text[r * nt] != spec.key)) continue;
                    t.xs.push_back(s->numbers[r * nn + std::size_t(xi)]);
                    t.ys.push_back(s->numbers[r * nn + std::size_t(yi)]);
                }
        }
        out.push_back(std::move(t));
        Trace& b = out.back();
        if (!b.x) b.x = &b.xs, b.y = &b.ys;  // after the move: point at our own vectors
    }
    return out;
}

quint64 LineChart::dataSignature() const {
    if (!board()) return 0;
    quint64 h = mix(PlotItem::dataSignature(), m_showMarkers ? quint64(board()->markerRevision()) : 0);
    h = mix(h, board()->othersSignature());
    return mix(h, quint64(board()->cursor() + 2));
}

bool LineChart::hasData() const {
    for (const Trace& t : collect())
        if (t.visible && !t.x->empty()) return true;
    return false;
}

PlotItem::Bounds LineChart::dataBounds() const {
    // x over everything; y over everything, and apart over what is in view while zoomed: the
    // points in the stretch, and the lines that cross its edges where they cross them.
    struct Range {
        double lo = 0, hi = 0;
        bool valid = false;
        void add(double a, double b) {
            lo = valid ? std::min(lo, a) : a, hi = valid ? std::max(hi, b) : b;
            valid = true;
        }
    } x, y, yInView;
    const std::optional<std::pair<double, double>>& zoom = xZoom();
    auto inView = [&](double a, double b) { return zoom && b >= zoom->first && a <= zoom->second; };
    // The part of the line from p to q inside the stretch: its ends' y (a line that crosses an
    // edge is in view there, not at its far end).
    auto addCut = [&](QPointF p, QPointF q) {
        if (p.x() > q.x()) std::swap(p, q);
        const double lo = std::max(p.x(), zoom->first), hi = std::min(q.x(), zoom->second);
        if (!(q.x() > p.x()) || lo > hi) return;
        auto axis = [&](double v) { return logY() ? std::log10(v) : v; };
        for (double e : {lo, hi}) {
            const double v = axis(p.y()) + (axis(q.y()) - axis(p.y())) * (e - p.x()) / (q.x() - p.x());
            const double yAt = logY() ? std::pow(10.0, v) : v;
            yInView.add(yAt, yAt);
        }
    };
    bool whole = true;  // scalars are drawn over steps; a series' x is looked at
    auto cover = [&](const std::vector<Trace>& traces) {
        for (const Trace& t : traces) {
            if (!t.visible) continue;
            if (t.envelope && t.envelope->size() > 64 && !logX()) {
                // One bucket for it all; zoomed, buckets fine enough for the stretch's y.
                for (const Envelope::Bucket& e : t.envelope->level(zoom ? 4096 : 1)) {
                    double lo = logY() ? e.loPositive : e.lo;
                    if (!std::isfinite(lo) || !std::isfinite(e.hi) || (logY() && e.hi <= 0)) continue;
                    x.add(e.x0, e.x1), y.add(lo, e.hi);
                    if (inView(e.x0, e.x1)) yInView.add(lo, e.hi);
                }
                continue;
            }
            std::optional<QPointF> before;  // the last usable point
            for (std::size_t i = 0; i < t.x->size(); ++i) {
                const QPointF at((*t.x)[i], (*t.y)[i]);
                if (!std::isfinite(at.x()) || !std::isfinite(at.y()) || (logX() && at.x() <= 0) || (logY() && at.y() <= 0)) continue;
                whole = whole && at.x() == std::floor(at.x());
                x.add(at.x(), at.x()), y.add(at.y(), at.y());
                if (inView(at.x(), at.x())) yInView.add(at.y(), at.y());
                if (before && zoom) addCut(*before, at);
                before = at;
            }
        }
    };
    cover(collect());
    if (board()) {
        for (const Board* g : board()->ghosts()) cover(collect(g));  // earlier runs are in view too
        for (const Board::Band& band : board()->bands())
            for (const QPointer<const Board>& m : band.members) cover(collect(m.data()));
    }
    if (!x.valid) return {};
    const Range& shownY = yInView.valid ? yInView : y;
    return {x.lo, x.hi, shownY.lo, shownY.hi, true, whole};
}

void LineChart::drawContent(QPainter& p, const QRectF& plot) {
    if (m_showMarkers && board()) {
        QFontMetricsF fm(p.font());
        QColor mc = textColor();
        mc.setAlpha(110);
        double lastRight = -1e9;  // of the last label drawn
        for (const Board::Marker& m : board()->markers()) {
            if (std::any_of(m_hideMarkers.begin(), m_hideMarkers.end(), [&](const QString& k) { return m.key.startsWith(k); }))
                continue;
            double x = mapX(m.step);
            if (x < plot.left() || x > plot.right()) continue;
            p.setPen(QPen(mc, 1, Qt::DashLine));
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            const double w = fm.horizontalAdvance(m.label);
            // Right of the line, or left of it where it would run past the plot; skipped where it
            // would overlap the label before.
            const double left = x + 3 + w > plot.right() ? x - 3 - w : x + 3;
            if (left > lastRight + 5) {
                p.setPen(mc);
                p.drawText(QPointF(left, plot.bottom() - 4), m.label);
                lastRight = left + w;
            }
        }
    }
    const std::vector<Trace> now = collect();  // this run's traces, drawn last
    if (board()) {
        // Seed groups first (a band and its mean), then earlier runs, faded and thinner, under
        // this run's lines. Each earlier run is labelled with its name at the end of the line
        // that ends farthest from this run's (where the two runs differ most).
        for (const Board::Band& band : board()->bands()) drawSeedBand(p, plot, band);
        auto end = [&](const Trace& t) -> std::optional<QPointF> {
            if (!t.visible || t.x->empty()) return std::nullopt;
            const QPointF q(mapX(t.x->back()), mapY(t.y->back()));
            if (!std::isfinite(q.y()) || q.y() < plot.top() || q.y() > plot.bottom()) return std::nullopt;
            return q;
        };
        QFontMetricsF fm(p.font());
        std::vector<QRectF> labels;
        for (const Board* g : board()->ghosts()) {
            std::optional<QPointF> at;
            double farthest = -1;
            const std::vector<Trace> traces = collect(g);
            for (std::size_t i = 0; i < traces.size(); ++i) {
                Trace t = traces[i];  // its x and y still point into the board's trace
                t.color.setAlphaF(dark() ? 0.35 : 0.3);
                t.width = std::max(1.0, t.width * 0.75);
                drawTrace(p, plot, t);
                const std::optional<QPointF> e = end(t), mine = i < now.size() ? end(now[i]) : std::nullopt;
                const double d = !e ? -1 : mine ? QLineF(*e, *mine).length() : 1e9;
                if (e && d > farthest) farthest = d, at = e;
            }
            if (!at || g->name().isEmpty()) continue;
            QRectF r(0, 0, fm.horizontalAdvance(g->name()) + 4, fm.height());
            r.moveBottomRight(QPointF(std::min(at->x(), plot.right()) - 2, at->y() - 2));
            if (r.left() < plot.left()) r.moveLeft(plot.left() + 2);
            if (r.top() < plot.top()) r.moveTop(at->y() + 2);
            if (std::any_of(labels.begin(), labels.end(), [&](const QRectF& o) { return o.intersects(r); })) continue;
            QColor c = textColor();
            c.setAlphaF(0.6);
            p.setPen(c);
            p.drawText(r, Qt::AlignCenter, g->name());
            labels.push_back(r);
        }
    }
    for (const Trace& t : now) drawTrace(p, plot, t);
    // The step the student is about to go back to, over everything.
    if (board() && board()->cursor() >= 0 && !(logX() && board()->cursor() <= 0)) {
        const double x = mapX(board()->cursor());
        if (x >= plot.left() && x <= plot.right()) {
            const QColor accent = dark() ? QColor("#6CB4EE") : QColor("#0B6BCB");  // Theme.accent
            p.setPen(QPen(accent, 2));
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            const QString label = tr("step %1").arg(board()->cursor());
            QFontMetricsF fm(p.font());
            const double w = fm.horizontalAdvance(label);
            p.drawText(QPointF(x + 4 + w > plot.right() ? x - 4 - w : x + 4, plot.top() + fm.ascent() + 2), label);
        }
    }
}

// Each pixel column's value in every member (the mean of the member's points in that column),
// then the columns' mean as a line in the band from the smallest to the largest member.
void LineChart::drawSeedBand(QPainter& p, const QRectF& plot, const Board::Band& band) const {
    std::vector<std::vector<Trace>> members;
    for (const QPointer<const Board>& m : band.members)
        if (m) members.push_back(collect(m.data()));
    if (members.empty()) return;
    const int width = int(std::ceil(plot.width())) + 1, left = int(std::floor(plot.left()));
    for (std::size_t ti = 0; ti < m_specs.size(); ++ti) {
        const Trace& first = members.front()[ti];
        if (!first.visible) continue;
        struct Acc {
            double sum = 0, lo = INFINITY, hi = -INFINITY;
            int n = 0;
        };
        std::vector<Acc> cols(static_cast<std::size_t>(width));
        for (const std::vector<Trace>& traces : members) {
            const Trace& t = traces[ti];
            std::vector<double> sum(static_cast<std::size_t>(width), 0.0);
            std::vector<int> count(static_cast<std::size_t>(width), 0);
            for (std::size_t i = 0; i < t.x->size(); ++i) {
                const double x = (*t.x)[i], y = (*t.y)[i];
                if (!std::isfinite(x) || !std::isfinite(y) || (logX() && x <= 0) || (logY() && y <= 0)) continue;
                const double at = std::floor(mapX(x)) - left;  // compared before the cast: a far-off x overflows an int
                if (!(at >= 0 && at < width)) continue;
                const int c = int(at);
                sum[std::size_t(c)] += y, ++count[std::size_t(c)];
            }
            for (int c = 0; c < width; ++c) {
                if (!count[std::size_t(c)]) continue;
                const double v = sum[std::size_t(c)] / count[std::size_t(c)];
                Acc& a = cols[std::size_t(c)];
                a.sum += v, a.lo = std::min(a.lo, v), a.hi = std::max(a.hi, v), ++a.n;
            }
        }
        QPolygonF top, bottom, mean;
        auto flush = [&] {
            if (top.size() > 1) {
                QPolygonF area = top;
                for (qsizetype i = bottom.size(); i-- > 0;) area << bottom[i];
                QColor fill = first.color;
                fill.setAlphaF(dark() ? 0.28 : 0.22);
                p.setPen(Qt::NoPen);
                p.setBrush(fill);
                p.drawPolygon(area);
                p.setBrush(Qt::NoBrush);
                QPen pen(first.color, 1.5, Qt::DashLine);
                p.setPen(pen);
                p.drawPolyline(mean);
            }
            top.clear(), bottom.clear(), mean.clear();
        };
        for (int c = 0; c < width; ++c) {
            const Acc& a = cols[std::size_t(c)];
            if (!a.n) continue;  // a gap in every member (not yet reached) ends nothing: columns join
            const double x = left + c + 0.5;
            top << QPointF(x, mapY(a.hi));
            bottom << QPointF(x, mapY(a.lo));
            mean << QPointF(x, mapY(a.sum / a.n));
        }
        flush();
    }
}

void LineChart::drawTrace(QPainter& p, const QRectF& plot, const Trace& t) const {
    if (!t.visible || t.x->empty()) return;
    const std::size_t n = t.x->size();
    auto valid = [&](double x, double y) {
        return std::isfinite(x) && std::isfinite(y) && !(logX() && x <= 0) && !(logY() && y <= 0);
    };
    if (double(n) > 3 * plot.width() && !t.dashed) {
        // One band per pixel column: from the envelope of a long scalar trace, else from the points.
        std::vector<Column> cols;
        auto add = [&](double x0, double x1, double lo, double hi) {
            if (!(lo <= hi) || (logY() && hi <= 0)) return;
            if (logY() && lo <= 0) lo = hi;
            double a = mapY(hi), b = mapY(lo);  // pixels grow downwards
            if (!cols.empty() && int(mapX(x0)) == int(mapX(cols.back().x0))) {
                cols.back().x1 = x1, cols.back().lo = std::min(cols.back().lo, a), cols.back().hi = std::max(cols.back().hi, b);
            } else {
                cols.push_back({x0, x1, a, b});
            }
        };
        // The envelope saw every point ever appended: after the board thinned old history, or
        // when a step reported a value twice, it holds more than the trace, never less.
        if (t.envelope && !logX() && t.envelope->size() >= n) {
            for (const Envelope::Bucket& e : t.envelope->level(std::size_t(plot.width() * 2)))
                add(e.x0, e.x1, logY() ? e.loPositive : e.lo, e.hi);
        } else {
            for (std::size_t i = 0; i < n; ++i)
                if (valid((*t.x)[i], (*t.y)[i])) add((*t.x)[i], (*t.x)[i], (*t.y)[i], (*t.y)[i]);
        }
        drawBand(p, cols, t.color, t.width);
    } else {
        QPen pen(t.color, t.width, t.dashed ? Qt::DashLine : Qt::SolidLine);
        pen.setCapStyle(t.dashed ? Qt::FlatCap : Qt::SquareCap);
        pen.setJoinStyle(Qt::BevelJoin);
        p.setPen(pen);
        // A solid line is stroked segment by segment, each with square caps that cover the
        // joints: the same picture as one polyline at a fifteenth of the cost (the raster
        // engine fills a long self-crossing polyline outline slowly: ~5 ms for 450 points). A
        // dashed one stays a polyline so its dashes run on across the points.
        // A lone value (one epoch's validation result, the last before a NaN) is drawn as a dot.
        auto draw = [&](const QPolygonF& line) {
            if (line.size() == 1) {
                p.save();
                p.setBrush(t.color);
                p.setPen(Qt::NoPen);
                p.drawEllipse(line[0], 3.5, 3.5);
                p.restore();
                return;
            }
            if (line.isEmpty()) return;
            if (t.dashed) return p.drawPolyline(line);
            QVector<QLineF> segments;
            segments.reserve(line.size() - 1);
            for (qsizetype i = 1; i < line.size(); ++i) segments.append(QLineF(line[i - 1], line[i]));
            p.drawLines(segments);
        };
        // Points closer than 2 px to the last one drawn are passed over (the run's last point
        // always ends it): overlapping caps of sub-pixel segments would thicken the line.
        QPolygonF line;
        line.reserve(int(n));
        std::optional<QPointF> passed;
        auto endRun = [&] {
            if (passed) line << *passed;
            passed.reset();
        };
        for (std::size_t i = 0; i < n; ++i) {
            double x = (*t.x)[i], y = (*t.y)[i];
            if (!valid(x, y)) {
                endRun();
                draw(line);
                line.clear();
                continue;
            }
            const QPointF q(mapX(x), std::clamp(mapY(y), plot.top() - 1e4, plot.bottom() + 1e4));
            if (!line.isEmpty() && std::fabs(q.x() - line.back().x()) + std::fabs(q.y() - line.back().y()) < 2.0) {
                passed = q;
                continue;
            }
            line << q;
            passed.reset();
        }
        endRun();
        draw(line);
    }
    if (m_points) {
        p.setBrush(t.color);
        p.setPen(Qt::NoPen);
        for (std::size_t i = 0; i < n; ++i)
            if (valid((*t.x)[i], (*t.y)[i])) p.drawEllipse(QPointF(mapX((*t.x)[i]), mapY((*t.y)[i])), 3, 3);
        p.setBrush(Qt::NoBrush);
    }
}

// More points than pixels: each pixel column holds a vertical run from the lowest to the highest
// value that fell into it (extended to meet its neighbours, thickened by the line width). One
// crisp 1-pixel vertical line per column looks like the stroked zig-zag and costs a fraction of it:
// antialiased thick strokes and polygons of dense zig-zags are slow in the raster engine.
void LineChart::drawBand(QPainter& p, const std::vector<Column>& cols, const QColor& color, double width) const {
    if (cols.empty()) return;
    const double half = std::max(0.6, width / 2);
    // Each pixel column's run, top to bottom; columns that share a pixel merge.
    struct Span {
        int x;
        double top, bottom;
    };
    std::vector<Span> spans;
    spans.reserve(cols.size() + 8);
    for (std::size_t i = 0; i < cols.size(); ++i) {
        double lo = cols[i].lo, hi = cols[i].hi;
        if (i > 0) lo = std::min(lo, cols[i - 1].hi), hi = std::max(hi, cols[i - 1].lo);  // join the previous column
        const int x0 = int(std::floor(mapX(cols[i].x0))), x1 = std::max(x0, int(std::floor(mapX(cols[i].x1))));
        for (int x = x0; x <= x1; ++x) {
            if (!spans.empty() && spans.back().x == x) {
                spans.back().top = std::min(spans.back().top, lo - half);
                spans.back().bottom = std::max(spans.back().bottom, hi + half);
            } else {
                spans.push_back({x, lo - half, hi + half});
            }
        }
    }
    // Neighbouring columns form one stepped outline (along the tops, back along the bottoms),
    // filled at once: a single scan of the rasteriser instead of a line per pixel column.
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    QPolygonF outline;
    for (std::size_t a = 0; a < spans.size();) {
        std::size_t b = a + 1;
        while (b < spans.size() && spans[b].x == spans[b - 1].x + 1) ++b;
        outline.clear();
        for (std::size_t i = a; i < b; ++i) outline << QPointF(spans[i].x, spans[i].top) << QPointF(spans[i].x + 1, spans[i].top);
        for (std::size_t i = b; i-- > a;) outline << QPointF(spans[i].x + 1, spans[i].bottom) << QPointF(spans[i].x, spans[i].bottom);
        p.drawPolygon(outline);
        a = b;
    }
    p.restore();
}

std::vector<std::pair<QString, QColor>> LineChart::legend() const {
    std::vector<std::pair<QString, QColor>> out;
    if (!m_showLegend) return out;
    for (const Trace& t : collect())
        if (t.visible && !t.label.isEmpty()) out.emplace_back(t.label, t.color);
    if (!board()) return out;
    const QColor faded = dark() ? QColor(255, 255, 255, 90) : QColor(0, 0, 0, 80);
    for (const Board* g : board()->ghosts()) out.emplace_back(tr("%1 (faded)").arg(g->name()), faded);
    for (const Board::Band& band : board()->bands()) out.emplace_back(tr("%1: mean and range").arg(band.name), faded);
    return out;
}

QString LineChart::csv() const {
    std::string out = "trace,x,y\n";
    for (const Trace& t : collect()) {
        const std::string label = csvField(t.label.toStdString());
        for (std::size_t i = 0; i < t.x->size(); ++i) out += label + "," + csvNumber((*t.x)[i]) + "," + csvNumber((*t.y)[i]) + "\n";
    }
    return QString::fromStdString(out);
}

QString LineChart::hoverTextAt(QPointF at) const {
    if (!plotRect().contains(at)) return {};
    const double x = unmapX(at.x());
    const QString xName = xLabel().isEmpty() ? QStringLiteral("x") : xLabel();
    QStringList lines;  // none: no trace has data
    std::optional<double> shownX;  // this run's first trace's point: the text's first line
    // A line a trace: its value at its point nearest the pointer's x, under `run`'s name where
    // earlier runs are drawn too ("Run 1 · loss: 0.41"), at most a dozen lines.
    auto say = [&](const std::vector<Trace>& traces, const QString& run) {
        for (const Trace& t : traces) {
            const std::vector<double>&xs = *t.x, &ys = *t.y;
            if (!t.visible || xs.empty() || lines.size() >= 12) continue;
            // By halving along a scalar's steps (up to 2^17 of them, read again every frame the
            // pointer rests); a series' x in one pass.
            std::size_t i = 0;
            if (t.bySteps) {
                i = std::size_t(std::lower_bound(xs.begin(), xs.end(), x) - xs.begin());
                if (i == xs.size() || (i > 0 && x - xs[i - 1] < xs[i] - x)) --i;
            } else {
                for (std::size_t k = 1; k < xs.size(); ++k)
                    if (std::fabs(xs[k] - x) < std::fabs(xs[i] - x)) i = k;
            }
            if (!shownX) shownX = xs[i];
            QStringList name;
            if (!run.isEmpty()) name << run;
            if (!t.label.isEmpty()) name << t.label;
            QString line = shownNumber(ys[i], 'g', 4);
            if (!name.isEmpty()) line = name.join(QStringLiteral(" · ")) + ": " + line;
            if (xs[i] != *shownX) line += QStringLiteral(" (%1 %2)").arg(xName, shownNumber(xs[i], 'g', 6));
            lines << line;
        }
    };
    const std::vector<const Board*> ghosts = board() ? board()->ghosts() : std::vector<const Board*>{};
    say(collect(), ghosts.empty() ? QString() : board()->name());
    for (const Board* g : ghosts) say(collect(g), g->name());
    if (lines.isEmpty()) return {};
    lines.prepend(xName + " " + shownNumber(*shownX, 'g', 6));
    return lines.join('\n');
}

}  // namespace gradlab
