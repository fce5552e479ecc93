// Axes, ticks, legend, theme and export shared by all charts.
#include "app/bridge/plot_item.h"
#include "app/bridge/file_urls.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHoverEvent>
#include <QKeyEvent>
#include <QImage>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <utility>

namespace gradlab {
namespace {

constexpr double kRight = 14, kBottom = 40;

double safeLog(double v) { return v > 0 ? std::log10(v) : -300.0; }

}  // namespace

std::vector<double> niceTicks(double lo, double hi, int target, bool whole) {
    std::vector<double> t;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return t;
    double raw = (hi - lo) / std::max(1, target);
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = whole ? 1.0 : mag;  // whole numbers: never closer than 1
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        const double s = whole ? std::floor(m * mag) : m * mag;  // whole numbers: 2 where 2.5 would do
        if (m * mag >= raw && s > 0) {
            step = s;
            break;
        }
    }
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) t.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    return t;
}

QString tickLabel(double v, double step) {
    if (v == 0) return "0";
    double a = std::fabs(v);
    if (a >= 1e6 || a < 1e-3) return shownNumber(v, 'g', 3);
    // As many decimals as the step needs (2.5 needs one, 0.25 two), so no two ticks read alike.
    int decimals = 0;
    for (double scaled = step; decimals < 6 && std::fabs(scaled - std::round(scaled)) > 1e-6 * scaled; scaled *= 10)
        ++decimals;
    return shownNumber(v, 'f', decimals);
}

PlotItem::PlotItem(QQuickItem* parent) : QQuickPaintedItem(parent) {
    setAntialiasing(true);
    setOpaquePainting(true);
    connect(this, &PlotItem::appearanceChanged, this, [this] { update(); });
    setActiveFocusOnTab(true);  // every chart has a read-out (hoverTextAt), for the keys too
    // Once a zoom is drawn, the keys' read-out goes to where its step now is, and says it again.
    connect(this, &PlotItem::painted, this, [this] {
        const std::optional<double> x = std::exchange(m_readOutAt, std::nullopt);
        if (!x || !m_keyReadOut) return;
        // Where it still says what it said, if a pixel or two aside (a step's x rounds either way).
        const QPointF near = readOutSnap({std::clamp(mapX(*x), m_plot.left(), m_plot.right()), m_hoverPoint.y()});
        QPointF at = near;
        for (double d : {0.0, -1.0, 1.0, -2.0, 2.0})
            if (const QPointF there = readOutSnap(near + QPointF(d, 0)); hoverTextAt(there) == m_hoverText) {
                at = there;
                break;
            }
        setHover(hoverTextAt(at), at);
    }, Qt::QueuedConnection);
}

void PlotItem::setBoard(Board* b) {
    if (m_board == b) return;
    if (m_board) disconnect(m_board, nullptr, this, nullptr);
    m_board = b;
    m_signature = ~0ull;
    if (m_board)
        connect(m_board, &Board::changed, this, [this] {
            boardUpdated();
            if (m_keyReadOut) setHover(hoverTextAt(m_hoverPoint), m_hoverPoint);  // the pointer's is sent again by Qt
        });
    emit boardChanged();
    emit appearanceChanged();  // declaredOutput reads the board's lesson
    boardUpdated();
}

void PlotItem::boardUpdated() {
    // A stretch that lies past the end of the data is let go: the run was reset (or another,
    // shorter one is shown), and its new steps would stay out of view until it got there.
    if (m_zoom && m_board)
        if (const Bounds b = dataBounds(); b.valid && m_zoom->first >= b.x1) zoomOut();  // repaints
    // The first step changes what an empty chart says (see emptyText), though its data did not.
    const bool waiting = m_board && m_emptyText.isEmpty() && m_board->lastStep() > 0 && !hasData();
    const quint64 sig = mix(dataSignature(), waiting ? 1 : 0);
    if (sig == m_signature) return;
    m_signature = sig;
    update();
}

// Qt Quick sends a still pointer's hover again on each frame, so the text follows a map that
// changes under it. The pointer's first place on the chart says it too, before it moves.
void PlotItem::hoverEnterEvent(QHoverEvent* e) { hoverMoveEvent(e); }

void PlotItem::hoverMoveEvent(QHoverEvent* e) {
    // A pointer resting on the chart (sent again each frame) leaves the keys' read-out alone; one
    // that moves takes over from it.
    if (m_keyReadOut && e->position() == m_pointerAt) return;
    m_pointerAt = e->position();
    if (std::exchange(m_keyReadOut, false)) update();  // without the keys' mark
    setHover(hoverTextAt(e->position()), e->position());
}

void PlotItem::hoverLeaveEvent(QHoverEvent*) {
    if (!m_keyReadOut) setHover({}, m_hoverPoint);
}

namespace {
bool isArrow(int key) { return key == Qt::Key_Left || key == Qt::Key_Right || key == Qt::Key_Up || key == Qt::Key_Down; }
// Plus (or = on keyboards where + takes Shift) zooms in, Minus out; not with Ctrl or Alt, which
// belong to the window's shortcuts.
int zoomKey(const QKeyEvent* e) {
    if (e->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) return 0;
    return e->key() == Qt::Key_Plus || e->key() == Qt::Key_Equal ? 1 : e->key() == Qt::Key_Minus ? -1 : 0;
}
}  // namespace

QSizeF PlotItem::readOutStep() const {
    if (readsAlongX()) return {1, 1};  // on to the next thing it says: the next step or bar
    return {std::max(1.0, m_plot.width() / 40), std::max(1.0, m_plot.height() / 20)};
}

// The arrows and Escape are the chart's while it has the focus, before the window's shortcuts
// (Right steps the run) see them, as a slider's are.
bool PlotItem::event(QEvent* e) {
    if (e->type() == QEvent::ShortcutOverride) {
        const auto* k = static_cast<QKeyEvent*>(e);
        const int key = k->key();
        if (isArrow(key) || (zoomsX() && zoomKey(k) != 0) || (key == Qt::Key_Escape && m_keyReadOut)) {
            e->accept();
            return true;
        }
    }
    return QQuickPaintedItem::event(e);
}

void PlotItem::keyPressEvent(QKeyEvent* e) {
    const int key = e->key();
    if (key == Qt::Key_Escape && m_keyReadOut) {
        endReadOut();
    } else if (zoomsX() && m_viewValid && zoomKey(e) > 0) {
        // Half the stretch in view, around the read-out's step (else the middle).
        const double at = m_vx0 + ((m_keyReadOut ? m_hoverPoint.x() : m_plot.center().x()) - m_plot.left()) / m_plot.width() * (m_vx1 - m_vx0);
        const double quarter = (m_vx1 - m_vx0) / 4;  // axis units (log10 on a log axis)
        auto data = [&](double v) { return m_logX ? std::pow(10.0, v) : v; };
        zoomTo(data(at - quarter), data(at + quarter));
    } else if (zoomsX() && zoomKey(e) < 0) {
        zoomOut();
    } else if (isArrow(key) && !m_keyReadOut && m_hoverText.isEmpty()) {
        startReadOut();
    } else if (isArrow(key)) {
        // On from where the read-out stands: the keys' own, or the pointer's, which they take over.
        if (!std::exchange(m_keyReadOut, true)) update();
        for (int i = e->modifiers() & Qt::ShiftModifier ? 5 : 1; i > 0; --i)
            moveReadOut((key == Qt::Key_Right) - (key == Qt::Key_Left), (key == Qt::Key_Down) - (key == Qt::Key_Up));
    } else {
        e->ignore();
    }
}

void PlotItem::zoomTo(double x0, double x1) {
    const double all = m_allX1 - m_allX0;
    x0 = std::max(x0, m_allX0), x1 = std::min(x1, m_allX1);
    if (m_wholeX) x0 = std::floor(x0), x1 = std::ceil(x1);  // steps: whole ones, two at the least
    const double least = m_wholeX ? 2.0 : all * 1e-6;
    if (x1 - x0 < least) {
        const double mid = (x0 + x1) / 2;
        x0 = std::max(m_allX0, mid - least / 2), x1 = std::min(m_allX1, x0 + least);
    }
    const bool wasZoomed = m_zoom.has_value();
    if (!(all > 0) || x1 - x0 >= all) m_zoom.reset();
    else m_zoom = std::pair{x0, x1};
    m_zoomFollows = m_zoom && x1 >= m_allX1;
    if (m_zoom.has_value() || wasZoomed) emit zoomChanged();
    if (m_keyReadOut) m_readOutAt = unmapX(m_hoverPoint.x());  // the keys' read-out stays on its step
    update();
}

void PlotItem::zoomOut() {
    if (m_zoom) zoomTo(m_allX0, m_allX1);
}

void PlotItem::mousePressEvent(QMouseEvent* e) {
    const bool drag = zoomsX() && e->button() == Qt::LeftButton && m_viewValid && m_plot.contains(e->position());
    e->setAccepted(drag);
    if (drag) m_dragFrom = m_dragTo = e->position().x();
}

void PlotItem::mouseMoveEvent(QMouseEvent* e) {
    if (!m_dragFrom) return e->ignore();
    m_dragTo = std::clamp(e->position().x(), m_plot.left(), m_plot.right());
    update();
}

// A drag of a few pixels is a click, which zooms nothing.
void PlotItem::mouseReleaseEvent(QMouseEvent* e) {
    if (!m_dragFrom) return e->ignore();
    const double a = std::min(*m_dragFrom, m_dragTo), b = std::max(*m_dragFrom, m_dragTo);
    m_dragFrom.reset();
    if (b - a >= 6) zoomTo(unmapX(a), unmapX(b));
    update();
}

void PlotItem::mouseDoubleClickEvent(QMouseEvent* e) {
    if (!zoomsX() || !m_zoom) return e->ignore();
    zoomOut();
}

void PlotItem::focusInEvent(QFocusEvent* e) {
    QQuickPaintedItem::focusInEvent(e);
    if (e->reason() == Qt::TabFocusReason || e->reason() == Qt::BacktabFocusReason) startReadOut();
}

void PlotItem::focusOutEvent(QFocusEvent* e) {
    QQuickPaintedItem::focusOutEvent(e);
    if (m_keyReadOut) endReadOut();
}

void PlotItem::endReadOut() {
    m_keyReadOut = false;
    setHover({}, m_hoverPoint);
    update();  // without its mark
}

// The middle of the plot, or (a map's gap there) the first place from the top left, on a grid of
// 40 x 20, that says something. Nothing (no data, not drawn yet): the next arrow tries again.
void PlotItem::startReadOut() {
    QPointF at = readOutSnap(m_plot.center());
    QString text = hoverTextAt(at);
    const double dx = std::max(1.0, m_plot.width() / 40), dy = std::max(1.0, m_plot.height() / 20);
    for (double y = m_plot.top() + dy / 2; text.isEmpty() && y < m_plot.bottom(); y += dy)
        for (double x = m_plot.left() + dx / 2; text.isEmpty() && x < m_plot.right(); x += dx)
            if (const QPointF there = readOutSnap({x, y}); !(text = hoverTextAt(there)).isEmpty()) at = there;
    m_keyReadOut = !text.isEmpty();
    setHover(text, at);
}

// A step right, left, down or up (dx, dy: -1, 0 or 1), and further until it says something new:
// over a gap between a stack's tiles, or to a line chart's next recorded step. At the edge it stays.
void PlotItem::moveReadOut(int dx, int dy) {
    if (dy != 0 && readsAlongX()) return;  // the same text all the way up
    const QSizeF step = readOutStep();
    const QRectF inside(0, 0, width(), height());
    for (QPointF at = m_hoverPoint + QPointF(dx * step.width(), dy * step.height()); inside.contains(at);
         at += QPointF(dx, dy) * std::max(1.0, std::min(step.width(), step.height()) / 2)) {
        const QPointF snapped = readOutSnap(at);
        if (const QString text = hoverTextAt(snapped); !text.isEmpty() && text != m_hoverText) {
            setHover(text, snapped);
            return;
        }
    }
}

void PlotItem::setHover(const QString& text, QPointF at) {
    if (text == m_hoverText && (text.isEmpty() || at == m_hoverPoint)) return;
    m_hoverText = text;
    m_hoverPoint = at;
    if (m_keyReadOut) update();  // the keyboard's mark moves
    emit hoverChanged();
}

void PlotItem::drawReadOutMark(QPainter& p, QPointF at) const {
    QColor c = textColor();
    c.setAlphaF(0.6f);
    p.setPen(QPen(c, 1, Qt::DashLine));
    p.drawLine(QPointF(at.x(), m_plot.top()), QPointF(at.x(), m_plot.bottom()));
    if (!readsAlongX()) p.drawLine(QPointF(m_plot.left(), at.y()), QPointF(m_plot.right(), at.y()));
}

QString PlotItem::declaredLabel(bool x) const {
    if (!m_board) return {};
    const auto bound = boundOutputs();
    if (bound.empty()) return {};
    const QVariantMap o = m_board->lesson() && m_board->lesson()->output(bound.front().first) ? m_board->output(QString::fromStdString(bound.front().first)) : QVariantMap();
    return o.value(x ? "xLabel" : "yLabel").toString();
}

QString PlotItem::declaredOutput() const {
    const auto bound = boundOutputs();
    if (!m_board || !m_board->lesson() || bound.empty()) return {};
    for (const auto& [name, kind] : bound)
        if (name != bound.front().first) return {};
    return m_board->lesson()->output(bound.front().first) ? QString::fromStdString(bound.front().first) : QString();
}

QStringList PlotItem::undeclared() const {
    QStringList out;
    if (!m_board) return out;
    for (const auto& [name, kind] : boundOutputs())
        if (!m_board->declares(name, kind)) out << QString::fromStdString(outputKindName(kind) + " " + name);
    return out;
}

quint64 PlotItem::dataSignature() const {
    if (!m_board) return 0;
    quint64 h = quint64(m_board->generation());
    for (const auto& [name, kind] : boundOutputs()) h = mix(h, quint64(m_board->outputRevision(name, kind)));
    return h;
}

void PlotItem::setTitle(const QString& t) {
    if (t == m_title) return;
    m_title = t;
    emit appearanceChanged();
}

QColor PlotItem::textColor() const { return m_dark ? QColor("#E6E6E6") : QColor("#1F2328"); }
QColor PlotItem::gridColor() const { return m_dark ? QColor(255, 255, 255, 28) : QColor(0, 0, 0, 22); }
QColor PlotItem::backgroundColor() const { return m_dark ? QColor("#1E2227") : QColor("#FFFFFF"); }

double PlotItem::mapX(double x) const {
    double v = m_logX ? safeLog(x) : x;
    return m_plot.left() + (v - m_vx0) / (m_vx1 - m_vx0) * m_plot.width();
}
double PlotItem::mapY(double y) const {
    double v = m_logY ? safeLog(y) : y;
    return m_plot.bottom() - (v - m_vy0) / (m_vy1 - m_vy0) * m_plot.height();
}
double PlotItem::unmapX(double px) const {
    double v = m_vx0 + (px - m_plot.left()) / m_plot.width() * (m_vx1 - m_vx0);
    return m_logX ? std::pow(10.0, v) : v;
}
double PlotItem::unmapY(double py) const {
    double v = m_vy0 + (m_plot.bottom() - py) / m_plot.height() * (m_vy1 - m_vy0);
    return m_logY ? std::pow(10.0, v) : v;
}

void PlotItem::paint(QPainter* p) {
    static const bool timing = qEnvironmentVariableIsSet("GRADLAB_PAINT_TIMING");  // a developer's aid
    QElapsedTimer t;
    if (timing) t.start();
    undeclared();  // warns (once) about a bound name the lesson does not declare
    render(*p, size());
    if (m_keyReadOut && !m_hoverText.isEmpty()) drawReadOutMark(*p, m_hoverPoint);
    if (m_dragFrom) {  // the stretch a zooming drag picks
        QColor band = m_dark ? QColor(86, 180, 233) : QColor(0, 114, 178);
        band.setAlphaF(0.18f);
        p->fillRect(QRectF(QPointF(std::min(*m_dragFrom, m_dragTo), m_plot.top()), QPointF(std::max(*m_dragFrom, m_dragTo), m_plot.bottom())), band);
    }
    if (timing)
        qInfo("paint %s %s: %.2f ms", metaObject()->className(), qPrintable(m_title), double(t.nsecsElapsed()) / 1e6);
    ++m_paints;
    emit painted();
}

// Snaps a view range outwards to round values, so that a growing trace moves its axes only now
// and then (the decorations are then drawn once and reused, and tick labels do not crawl).
// Linear: to multiples of a fine nice step; log (given as log10): to 1, 2, 5 x 10^k, or to whole
// decades when it spans more than two.
std::pair<double, double> snapRange(double lo, double hi, bool log) {
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {lo, hi};
    if (!log) {
        std::vector<double> t = niceTicks(lo, hi, 10);  // fine steps: at most ~10% left empty
        const double step = t.size() > 1 ? t[1] - t[0] : hi - lo;
        return {std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step};
    }
    if (hi - lo > 2) return {std::floor(lo + 1e-9), std::ceil(hi - 1e-9)};
    static const double marks[] = {0.0, std::log10(2.0), std::log10(5.0), 1.0};
    const double kl = std::floor(lo), kh = std::floor(hi);
    double l = kl, h = kh + 1;
    for (double m : marks)
        if (kl + m <= lo + 1e-9) l = kl + m;
    for (auto it = std::rbegin(marks); it != std::rend(marks); ++it)
        if (kh + *it >= hi - 1e-9) h = kh + *it;
    return {l, h};
}

void PlotItem::render(QPainter& p, const QSizeF& size) {
    p.setRenderHint(QPainter::Antialiasing, true);
    const bool showLegend = m_legendMode == "always" || (m_legendMode == "export" && m_exporting);
    const bool has = hasData();
    const auto entries = has && showLegend ? legend() : std::vector<std::pair<QString, QColor>>{};
    // The view: the data's range (or the one given), snapped where the chart follows live data,
    // then padded. Without data the last view stays.
    if (drawsAxes()) {
        Bounds b = has ? dataBounds() : Bounds{};
        if (b.valid && m_zoom && m_zoomFollows && b.x1 > m_zoom->second) {
            // A stretch that reached the last step follows the run as it trains, as wide as it was.
            m_zoom = std::pair{b.x1 - (m_zoom->second - m_zoom->first), b.x1};
            const Bounds moved = dataBounds();  // y of the stretch now in view
            b.y0 = moved.y0, b.y1 = moved.y1;
        }
        if (m_xRange.size() == 2) b.x0 = m_xRange[0].toDouble(), b.x1 = m_xRange[1].toDouble(), b.valid = true;
        if (m_yRange.size() == 2) b.y0 = m_yRange[0].toDouble(), b.y1 = m_yRange[1].toDouble();
        if (b.valid) m_allX0 = b.x0, m_allX1 = b.x1;
        const bool zoomed = b.valid && m_zoom;
        if (zoomed) b.x0 = m_zoom->first, b.x1 = m_zoom->second;
        auto range = [&](double lo, double hi, bool log, double pad, bool fixed) {
            if (log) lo = safeLog(lo), hi = safeLog(hi);
            if (!(hi > lo)) {  // a flat line: show a band around it
                double d = log ? 0.5 : (std::fabs(lo) > 0 ? std::fabs(lo) * 0.1 : 1.0);
                lo -= d, hi += d;
            }
            if (!fixed && snapsView()) std::tie(lo, hi) = snapRange(lo, hi, log);
            double span = hi - lo;
            return std::pair{lo - span * pad, hi + span * pad};
        };
        m_viewValid = b.valid && has;
        m_wholeX = m_viewValid && b.wholeX && !m_logX;
        if (m_viewValid) {
            const bool fx = m_xRange.size() == 2 || zoomed, fy = m_yRange.size() == 2;
            std::tie(m_vx0, m_vx1) = range(b.x0, b.x1, m_logX, fx ? 0.0 : padX(), fx);
            std::tie(m_vy0, m_vy1) = range(b.y0, b.y1, m_logY, fy ? 0.0 : padY(), fy);
        }
    }
    // Background, title, legend and axes: on screen drawn once into a picture and reused while
    // nothing they show changes (most frames of a live chart change only its content).
    bool drawData = false;
    if (m_exporting) {
        drawData = drawDecorations(p, size, entries, has);
    } else {
        const qreal dpr = p.device()->devicePixelRatioF();
        QString key = QStringLiteral("%1x%2@%3 %4 %5|%6|%7|%8|%9|").arg(size.width()).arg(size.height()).arg(dpr)
                          .arg(int(m_dark) | int(m_logX) << 1 | int(m_logY) << 2 | int(has) << 3 | int(m_viewValid) << 4 | int(m_wholeX) << 5)
                          .arg(p.font().toString(), m_title, xLabel(), yLabel(), emptyText());
        for (double v : {m_vx0, m_vx1, m_vy0, m_vy1}) key += QString::number(v, 'g', 17) + ' ';
        for (const auto& [label, c] : entries) key += label + c.name() + '|';
        if (key != m_decorKey || m_decor.isNull()) {
            m_decor = QImage((size * dpr).toSize(), QImage::Format_RGB32);
            m_decor.setDevicePixelRatio(dpr);
            QPainter dp(&m_decor);
            dp.setRenderHint(QPainter::Antialiasing, true);
            dp.setFont(p.font());
            m_decorDrawsData = drawDecorations(dp, size, entries, has);
            m_decorPlot = m_plot;
            m_decorKey = key;
        }
        p.drawImage(QPointF(0, 0), m_decor);
        m_plot = m_decorPlot;
        drawData = m_decorDrawsData;
    }
    if (!drawData) return;
    if (!drawsAxes()) {
        drawContent(p, m_plot);
        return;
    }
    p.save();
    p.setClipRect(m_plot.adjusted(-1, -1, 1, 1));
    drawContent(p, m_plot);
    p.restore();
}

QString PlotItem::emptyText() const {
    if (!m_emptyText.isEmpty()) return m_emptyText;
    // Once the run has stepped, Play has been pressed: a chart still empty waits for an
    // evaluation that comes every so many steps (deep's accuracy: every 100).
    return m_board && m_board->lastStep() > 0 ? tr("No data yet: it comes as the run trains on.")
                                              : tr("No data yet: press Play or Step.");
}

void PlotItem::setEmptyText(const QString& t) {
    if (t == m_emptyText) return;
    m_emptyText = t;
    emit appearanceChanged();
}

bool PlotItem::drawDecorations(QPainter& p, const QSizeF& size, const std::vector<std::pair<QString, QColor>>& entries,
                               bool has) {
    p.fillRect(QRectF(QPointF(0, 0), size), backgroundColor());
    QFont f = p.font();
    QFontMetricsF fm(f);
    double top = 6;
    if (!m_title.isEmpty()) {
        QFont titleFont = f;
        titleFont.setBold(true);
        p.setFont(titleFont);
        p.setPen(textColor());
        p.drawText(QRectF(6, top, size.width() - 12, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(titleFont).elidedText(m_title, Qt::ElideRight, size.width() - 12));
        p.setFont(f);
        top += fm.height() + 4;
    }
    // The legend: a wrapped row of entries above the plot, so it never hides data.
    if (!entries.empty()) {
        double x = 8, rowH = fm.height() + 2;
        for (auto& [label, c] : entries) {
            double w = 22 + fm.horizontalAdvance(label) + 12;
            if (x + w > size.width() - 4 && x > 8) x = 8, top += rowH;
            p.setPen(QPen(c, 2.5));
            p.drawLine(QPointF(x, top + rowH / 2), QPointF(x + 16, top + rowH / 2));
            p.setPen(textColor());
            p.drawText(QRectF(x + 20, top, w - 20, rowH), Qt::AlignLeft | Qt::AlignVCenter, label);
            x += w;
        }
        top += rowH + 4;
    }
    const QString empty = emptyText();
    if (!drawsAxes()) {
        m_plot = QRectF(4, top, std::max(10.0, size.width() - 8), std::max(10.0, size.height() - top - 4));
        if (!has) {
            p.setPen(textColor());
            drawMessage(p, m_plot.adjusted(6, 6, -6, -6), empty);
            return false;
        }
        return true;
    }
    // Room for the y tick labels: as wide as the widest one.
    double labelW = 0;
    const double plotH = std::max(10.0, size.height() - top - kBottom);
    for (const Tick& t : ticks(m_vy0, m_vy1, m_logY, std::max(3, int(plotH / 36)))) labelW = std::max(labelW, fm.horizontalAdvance(t.label));
    const double left = std::max(34.0, labelW + 10 + (yLabel().isEmpty() ? 0 : fm.height() + 4));  // room kept either way
    const double bottom = xLabel().isEmpty() ? fm.height() + 8 : kBottom;
    m_plot = QRectF(left, top, std::max(10.0, size.width() - left - kRight), std::max(10.0, size.height() - top - bottom));
    if (!m_viewValid) {
        p.setPen(textColor());
        p.drawRect(m_plot);
        drawMessage(p, m_plot.adjusted(6, 6, -6, -6), empty);
        return false;
    }
    if (equalAspect()) {  // shrink one axis so a unit has the same length on both
        double sx = m_plot.width() / (m_vx1 - m_vx0), sy = m_plot.height() / (m_vy1 - m_vy0);
        if (sx > sy) {
            double w = m_plot.height() / (m_vy1 - m_vy0) * (m_vx1 - m_vx0);
            m_plot.setX(m_plot.x() + (m_plot.width() - w) / 2), m_plot.setWidth(w);
        } else {
            double h = m_plot.width() / (m_vx1 - m_vx0) * (m_vy1 - m_vy0);
            m_plot.setY(m_plot.y() + (m_plot.height() - h) / 2), m_plot.setHeight(h);
        }
    }
    // The y axis's label keeps beside its tick labels where a plot of equal units is narrower
    // than its room (it stood at the card's edge, far from its axis, in a wide card).
    drawAxes(p, m_plot, fm.height() / 2 + 2 + (m_plot.left() - left));
    return true;
}

// An empty chart's message, centred in `box` and wrapped at words; in a smaller font where it does
// not fit (deep's accuracy card at 1024 x 640 in German cut its six lines at the frame's top and
// bottom), and at the last clipped to the box, never drawn over its frame.
QFont PlotItem::messageFont(const QFont& usual, const QRectF& box, const QString& text, const QPaintDevice* device) {
    QFont f = usual;
    for (double scale : {1.0, 0.9, 0.8, 0.7}) {
        if (usual.pointSizeF() > 0) f.setPointSizeF(usual.pointSizeF() * scale);
        else f.setPixelSize(std::max(1, int(std::lround(usual.pixelSize() * scale))));
        const QRectF need = (device ? QFontMetricsF(f, device) : QFontMetricsF(f)).boundingRect(box, kMessageFlags, text);
        if (need.height() <= box.height() && need.width() <= box.width()) break;
    }
    return f;
}

void PlotItem::drawMessage(QPainter& p, const QRectF& box, const QString& text) {
    p.save();
    p.setFont(messageFont(p.font(), box, text, p.device()));
    p.setClipRect(box, Qt::IntersectClip);
    p.drawText(box, kMessageFlags, text);
    p.restore();
}

std::vector<PlotItem::Tick> PlotItem::ticks(double lo, double hi, bool log, int target, bool whole) {
    std::vector<Tick> out;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return out;
    if (!log) {
        std::vector<double> v = niceTicks(lo, hi, target, whole);
        double step = v.size() > 1 ? v[1] - v[0] : 1;
        for (double x : v) out.push_back({x, tickLabel(x, step)});
        return out;
    }
    // Log axes: whole decades, and 2x / 5x (or every integer multiple) when few decades show.
    const double span = hi - lo;
    std::vector<int> mult = span > target * 0.9 ? std::vector<int>{1} : span > target * 0.35 ? std::vector<int>{1, 3}
                          : span > target * 0.2 ? std::vector<int>{1, 2, 5} : std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9};
    const double every = std::max(1.0, std::ceil(span / std::max(1, target)));
    for (double e = std::floor(lo); e <= std::ceil(hi); e += 1.0) {
        if (mult.size() == 1 && std::fmod(e - std::floor(lo), every) != 0) continue;
        for (int m : mult) {
            double v = e + std::log10(double(m));
            if (v < lo - 1e-9 || v > hi + 1e-9) continue;
            double value = std::pow(10.0, v);
            int ie = int(e);
            QString label = ie >= -3 && ie <= 4 ? shownNumber(value, 'g', 6)
                                                : (m == 1 ? QStringLiteral("1e%1").arg(ie) : QStringLiteral("%1e%2").arg(m).arg(ie));
            out.push_back({v, label});
        }
    }
    return out;
}

void PlotItem::drawAxes(QPainter& p, const QRectF& plot, double yLabelX) {
    QFontMetricsF fm(p.font());
    p.setBrush(Qt::NoBrush);
    // Hairlines: one device pixel wide at any scale, drawn by the raster engine's fast line
    // path (a 1-unit pen that scales goes through the general stroker: ~10x slower).
    QPen gridPen(gridColor(), 1);
    gridPen.setCosmetic(true);
    // A tick label that would touch the one before it is left out (its grid line stays): small
    // charts keep readable axes.
    double lastRight = -1e9;
    for (const Tick& t : ticks(m_vx0, m_vx1, m_logX, std::max(3, int(plot.width() / 70)), m_wholeX)) {
        double x = plot.left() + (t.value - m_vx0) / (m_vx1 - m_vx0) * plot.width();
        p.setPen(gridPen);
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const double w = fm.horizontalAdvance(t.label);
        if (x - w / 2 < lastRight + 4) continue;
        lastRight = x + w / 2;
        p.setPen(textColor());
        p.drawText(QRectF(x - 45, plot.bottom() + 3, 90, fm.height()), Qt::AlignHCenter | Qt::AlignTop, t.label);
    }
    double lastTop = 1e9;
    for (const Tick& t : ticks(m_vy0, m_vy1, m_logY, std::max(3, int(plot.height() / 36)))) {
        double y = plot.bottom() - (t.value - m_vy0) / (m_vy1 - m_vy0) * plot.height();
        p.setPen(gridPen);
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        if (y + fm.height() / 2 > lastTop) continue;
        lastTop = y - fm.height() / 2;
        p.setPen(textColor());
        p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter, t.label);
    }
    p.setPen(QPen(textColor(), 1));
    p.drawRect(plot);
    const QString xText = xLabel(), yText = yLabel();
    if (!xText.isEmpty())
        p.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 4, plot.width(), fm.height()), Qt::AlignHCenter,
                   xText);
    // A label longer than a small chart is high is left out (the card's title names the quantity).
    if (!yText.isEmpty() && fm.horizontalAdvance(yText) <= plot.height()) {
        p.save();
        p.translate(yLabelX, plot.center().y());
        p.rotate(-90);
        p.drawText(QRectF(-plot.height() / 2, -fm.height() / 2, plot.height(), fm.height()), Qt::AlignCenter, yText);
        p.restore();
    }
}

QString PlotItem::exportImage(const QUrl& file) {
    const QString path = localPath(file);
    if (path.isEmpty()) return tr("No file name given.");
    // At least 480 x 300, in the chart's proportions: a small card's chart (init's 130 x 80) made
    // a file with its title cut and its key squeezing the plot to a strip.
    QSizeF sz = size().isEmpty() ? QSizeF(800, 500) : size();
    sz *= std::max({1.0, 480 / sz.width(), 300 / sz.height()});
    // A file carries its title (on screen the card around the chart shows it).
    const QString screenTitle = m_title;
    if (m_title.isEmpty()) m_title = m_exportTitle;
    // Afterwards the screen's title, and a paint at the screen's size: the file's drawing left its
    // plot rectangle and axes, which the pointer's read-out maps through.
    struct Restore {
        PlotItem* item;
        QString kept;
        ~Restore() {
            item->m_title = kept;
            item->update();
        }
    } restore{this, screenTitle};
    m_decorKey.clear();  // the cached decorations were drawn without the title
    if (QFileInfo(path).suffix().compare("svg", Qt::CaseInsensitive) == 0) {
        QBuffer svg;  // written through a QSaveFile below: the old file stays until the new one is complete
        svg.open(QIODevice::WriteOnly);
        QSvgGenerator gen;
        gen.setOutputDevice(&svg);
        gen.setSize(sz.toSize());
        gen.setViewBox(QRectF(QPointF(0, 0), sz));
        gen.setTitle(m_title);
        gen.setDescription(tr("Exported from Gradient Lab"));
        {
            QPainter p;
            if (!p.begin(&gen)) return tr("Cannot write %1.").arg(path);
            m_exporting = true;
            render(p, sz);
            m_exporting = false;
        }
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(svg.data()) != svg.data().size() || !out.commit())
            return tr("Cannot write %1: %2").arg(path, out.errorString());
        return {};
    }
    QImage img((sz * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(2);
    {
        QPainter p(&img);
        m_exporting = true;
        render(p, sz);
        m_exporting = false;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || !img.save(&out, "PNG") || !out.commit())
        return tr("Cannot write %1: %2").arg(path, out.errorString());
    return {};
}

QString PlotItem::exportCsv(const QUrl& file) {
    const QString path = localPath(file);
    QSaveFile out(path);
    if (path.isEmpty() || !out.open(QIODevice::WriteOnly)) return tr("Cannot write %1.").arg(path);
    out.write(csv().toUtf8());
    if (!out.commit()) return tr("Cannot write %1: %2").arg(path, out.errorString());
    return {};
}

}  // namespace gradlab
