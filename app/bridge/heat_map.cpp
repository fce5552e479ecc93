// HeatMap drawing: tiles coloured through the shared colour maps, labels, values, overlays.
#include "app/bridge/heat_map.h"
#include "app/bridge/models.h"

#include <cmath>

#include "lessons/csv.h"

#include "lessons/colormap.h"

namespace gradlab {

namespace {
// The colour scale: its gap from the picture, its width and the gap before its labels, in pixels.
constexpr double kBarGap = 8, kBarWidth = 10, kLabelGap = 4;
// The colour of u in [0, 1] (lowest to highest value) in the map drawn.
Rgb colourAt(double u, bool diverging, bool gray) { return diverging ? gradlab::diverging(u) : gray ? gradlab::gray(u) : viridis(u); }
}  // namespace

HeatMap::HeatMap(QQuickItem* parent) : PlotItem(parent) { setAcceptHoverEvents(true); }

const gradlab::Image* HeatMap::find(const QString& name) const {
    if (!board() || name.isEmpty()) return nullptr;
    const auto& images = board()->data().images();
    auto it = images.find(name.toStdString());
    if (it == images.end() || !it->second.values.defined()) return nullptr;
    const int d = int(it->second.values.dim());
    return d == 2 || d == 3 ? &it->second : nullptr;
}

bool HeatMap::hasData() const { return find(m_image) != nullptr; }

PlotItem::Bounds HeatMap::dataBounds() const { return {0, 1, 0, 1, true}; }

HeatMap::Layout HeatMap::layout(const gradlab::Image& img, const QRectF& area, const QFontMetricsF& fm) const {
    Layout L;
    const Tensor& v = img.values;
    L.n = v.dim() == 3 ? int(v.size(0)) : 1;
    L.h = int(v.size(-2));
    L.w = int(v.size(-1));
    L.cols = m_columns > 0 ? std::min(m_columns, L.n) : std::max(1, int(std::ceil(std::sqrt(double(L.n)))));
    L.rows = (L.n + L.cols - 1) / L.cols;
    L.gap = L.n > 1 ? 4 : 0;
    const bool labels = m_showLabels && L.n == 1;
    if (labels && !img.rowLabels.empty()) {
        for (const auto& s : img.rowLabels) L.labelW = std::max(L.labelW, fm.horizontalAdvance(trClass(s)));
        L.labelW += 6;
    }
    // Column labels only where they leave the picture room (a short map in a small window is all picture).
    if (labels && !img.colLabels.empty() && area.height() > 3 * fm.height()) L.labelH = fm.height() + 4;
    const double tileLabelH = m_tileLabels.isEmpty() ? 0 : fm.height();
    auto fit = [&] {
        const double availW = area.width() - L.labelW - (L.cols - 1) * L.gap;
        const double availH = area.height() - L.labelH - (L.rows - 1) * L.gap - L.rows * tileLabelH;
        L.cellW = std::max(0.5, availW / (L.cols * L.w));
        L.cellH = std::max(0.5, availH / (L.rows * L.h));
        if (!m_stretch) L.cellW = L.cellH = std::min(L.cellW, L.cellH);  // square cells
    };
    fit();
    // Column names run into each other in small cells: every k-th is drawn. Where not even two
    // fit (a confusion matrix in a small card), the axis's name stands above instead ("predicted"),
    // or nothing, and the picture takes the room.
    if (L.labelH > 0) {
        double widest = 0;
        for (const auto& c : img.colLabels) widest = std::max(widest, fm.horizontalAdvance(trClass(c)));
        L.colEvery = int(std::max(1.0, std::ceil((widest + 4) / L.cellW)));
        if (L.w > 1 && L.colEvery >= L.w) {
            L.colEvery = 0;
            if (xLabel().isEmpty()) {
                L.labelH = 0;
                fit();
            }
        }
    }
    const double usedW = L.labelW + L.cols * L.w * L.cellW + (L.cols - 1) * L.gap;
    const double usedH = L.labelH + L.rows * (L.h * L.cellH + tileLabelH) + (L.rows - 1) * L.gap;
    L.origin = QPointF(area.left() + (area.width() - usedW) / 2 + L.labelW, area.top() + (area.height() - usedH) / 2 + L.labelH);
    return L;
}

QImage HeatMap::colourise(const gradlab::Image& img, int tile, double lo, double hi, bool diverging, bool gray) const {
    const Tensor t = img.values.dim() == 3 ? img.values.select(0, tile) : img.values;
    const int h = int(t.size(0)), w = int(t.size(1));
    std::vector<float> v = t.toVector();
    QImage out(w, h, QImage::Format_RGB32);
    // A value that is not a number (a diverged network's) is left blank: in the map's colours it
    // would read as the smallest value (viridis) or as zero (the diverging map).
    const QRgb blank = backgroundColor().rgb();
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double val = v[std::size_t(y * w + x)];
            if (!std::isfinite(val)) {
                out.setPixel(x, y, blank);
                continue;
            }
            double u = hi > lo ? (val - lo) / (hi - lo) : 0.5;
            const Rgb c = colourAt(u, diverging, gray);
            out.setPixel(x, y, qRgb(c.r, c.g, c.b));
        }
    return out;
}

void HeatMap::drawContent(QPainter& p, const QRectF& area) {
    const gradlab::Image* img = find(m_image);
    if (!img) return;
    QFontMetricsF fm(p.font());
    const bool diverging = m_colorMap.isEmpty() ? img->colorMap == ColorMap::Diverging : m_colorMap == "diverging";
    const bool gray = m_colorMap.isEmpty() ? img->colorMap == ColorMap::Gray : m_colorMap == "gray";
    std::vector<float> all = img->values.toVector();
    double lo = INFINITY, hi = -INFINITY;
    for (float x : all)
        if (std::isfinite(x)) lo = std::min(lo, double(x)), hi = std::max(hi, double(x));
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    if (diverging && m_symmetric) {
        double m = std::max(std::fabs(lo), std::fabs(hi));
        lo = -m, hi = m;
    }
    // The scale takes its room at the right; the picture is laid out in what is left.
    const double scaleRoom =
        m_colorBar ? kBarGap + kBarWidth + kLabelGap + std::max(fm.horizontalAdvance(scaleLabel(lo)), fm.horizontalAdvance(scaleLabel(hi))) + 2 : 0;
    m_lastArea = area.adjusted(0, 0, -scaleRoom, 0);
    const Layout L = layout(*img, m_lastArea, fm);
    const double tileLabelH = m_tileLabels.isEmpty() ? 0 : fm.height();
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (int k = 0; k < L.n; ++k) {
        const int r = k / L.cols, c = k % L.cols;
        const QRectF cell(L.origin.x() + c * (L.w * L.cellW + L.gap),
                          L.origin.y() + r * (L.h * L.cellH + L.gap + tileLabelH) + tileLabelH, L.w * L.cellW, L.h * L.cellH);
        p.drawImage(cell, colourise(*img, k, lo, hi, diverging, gray));
        if (k < m_tileLabels.size()) {
            p.setPen(textColor());
            p.drawText(QRectF(cell.left(), cell.top() - tileLabelH, cell.width(), tileLabelH), Qt::AlignCenter,
                       fm.elidedText(m_tileLabels[k], Qt::ElideRight, cell.width()));
        }
        if (k == 0 && !m_overlay.isEmpty()) {
            if (const gradlab::Image* ov = find(m_overlay)) {
                std::vector<float> ovv = ov->values.toVector();
                double olo = INFINITY, ohi = -INFINITY;
                for (float x : ovv)
                    if (std::isfinite(x)) olo = std::min(olo, double(x)), ohi = std::max(ohi, double(x));
                QImage heat = colourise(*ov, 0, olo, ohi, false, false);
                p.save();
                p.setOpacity(m_overlayOpacity);
                p.setRenderHint(QPainter::SmoothPixmapTransform, true);
                p.drawImage(cell, heat);
                p.restore();
            }
        }
        if (k == 0 && m_gridCells > 0) {
            p.setPen(QPen(QColor(255, 255, 255, 200), 1));
            for (int g = 1; g < m_gridCells; ++g) {
                double x = cell.left() + cell.width() * g / m_gridCells, y = cell.top() + cell.height() * g / m_gridCells;
                p.drawLine(QPointF(x, cell.top()), QPointF(x, cell.bottom()));
                p.drawLine(QPointF(cell.left(), y), QPointF(cell.right(), y));
            }
        }
        if (m_showValues && std::min(L.cellW, L.cellH) >= 18) {
            QFont small = p.font();
            small.setPixelSize(std::clamp(int(std::min(L.cellW, L.cellH) * 0.32), 8, 13));
            p.setFont(small);
            for (int y = 0; y < L.h; ++y)
                for (int x = 0; x < L.w; ++x) {
                    double v = all[std::size_t((k * L.h + y) * L.w + x)];  // tile k of a stack
                    double u = hi > lo ? (v - lo) / (hi - lo) : 0.5;
                    bool light = diverging ? std::fabs(u - 0.5) < 0.3 : u > 0.6;
                    p.setPen(light ? QColor("#111111") : QColor("#FFFFFF"));
                    const double a = std::fabs(v);
                    QString s = a == std::floor(a) && a < 1e5 ? QString::number(v, 'f', 0) : shownNumber(v, 'f', a < 10 ? 2 : 1);
                    p.drawText(QRectF(cell.left() + x * L.cellW, cell.top() + y * L.cellH, L.cellW, L.cellH), Qt::AlignCenter, s);
                }
            p.setFont(QFont());
        }
        if (m_showLabels && L.n == 1) {
            p.setPen(textColor());
            // Labels that would run into each other (small cells) are drawn every k-th.
            const std::size_t rowEvery = std::size_t(std::max(1.0, std::ceil(fm.height() / L.cellH)));
            for (std::size_t y = 0; y < img->rowLabels.size() && int(y) < L.h; y += rowEvery)
                p.drawText(QRectF(area.left(), cell.top() + (double(y) + 0.5) * L.cellH - fm.height() / 2, cell.left() - area.left() - 6,
                                  fm.height()),  // a line high, centred on its row (rows may be thinner than text)
                           Qt::AlignRight | Qt::AlignVCenter, trClass(img->rowLabels[y]));
            const double labelTop = cell.top() - fm.height() - 3;
            if (L.labelH > 0 && L.colEvery == 0)
                p.drawText(QRectF(cell.left(), labelTop, cell.width(), fm.height()), Qt::AlignCenter,
                           fm.elidedText(xLabel(), Qt::ElideRight, cell.width()));
            // Each name centred on its column, in the room of the colEvery columns it stands for.
            const double slot = std::max(L.cellW + 40, L.colEvery * L.cellW);
            for (int x = 0; L.labelH > 0 && L.colEvery > 0 && x < int(img->colLabels.size()) && x < L.w; x += L.colEvery)
                p.drawText(QRectF(cell.left() + (x + 0.5) * L.cellW - slot / 2, labelTop, slot, fm.height()), Qt::AlignCenter,
                           trClass(img->colLabels[std::size_t(x)]));
        }
    }
    if (m_colorBar) {
        const QRectF block(L.origin.x(), L.origin.y(), L.cols * L.w * L.cellW + (L.cols - 1) * L.gap,
                           L.rows * (L.h * L.cellH + tileLabelH) + (L.rows - 1) * L.gap);
        drawColorBar(p, block, lo, hi, diverging, gray, fm);
    }
}

void HeatMap::drawColorBar(QPainter& p, const QRectF& block, double lo, double hi, bool diverging, bool gray, const QFontMetricsF& fm) const {
    const QRectF bar(block.right() + kBarGap, block.top(), kBarWidth, block.height());
    QImage ramp(1, 256, QImage::Format_RGB32);
    for (int y = 0; y < 256; ++y) {
        const double u = 1.0 - y / 255.0;  // the highest value on top
        const Rgb c = colourAt(u, diverging, gray);
        ramp.setPixel(0, y, qRgb(c.r, c.g, c.b));
    }
    p.save();
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    p.drawImage(bar, ramp);
    p.setPen(QPen(gridColor(), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);
    if (bar.height() >= 2 * fm.height()) {  // a map a line high has only its colours
        p.setPen(textColor());
        const QRectF labels(bar.right() + kLabelGap, bar.top(), fm.horizontalAdvance(scaleLabel(lo)) + fm.horizontalAdvance(scaleLabel(hi)), bar.height());
        p.drawText(labels, Qt::AlignLeft | Qt::AlignTop, scaleLabel(hi));
        p.drawText(labels, Qt::AlignLeft | Qt::AlignBottom, scaleLabel(lo));
        if (diverging && m_symmetric && bar.height() >= 3 * fm.height()) p.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, "0");
    }
    p.restore();
}

QString HeatMap::csv() const {
    const gradlab::Image* img = find(m_image);
    return img ? QString::fromStdString(imageCsv(*img)) : QString();
}

std::optional<HeatMap::Cell> HeatMap::cellAt(QPointF at) const {
    const gradlab::Image* img = find(m_image);
    if (!img || m_lastArea.isEmpty()) return std::nullopt;
    QFontMetricsF fm{QFont()};
    const Layout L = layout(*img, m_lastArea, fm);
    const double tileLabelH = m_tileLabels.isEmpty() ? 0 : fm.height();
    const QPointF pos = at - L.origin;
    const double tileW = L.w * L.cellW + L.gap, tileH = L.h * L.cellH + L.gap + tileLabelH;
    const int c = int(pos.x() / tileW), r = int(pos.y() / tileH);
    const int k = r * L.cols + c, x = int((pos.x() - c * tileW) / L.cellW), y = int((pos.y() - r * tileH - tileLabelH) / L.cellH);
    if (pos.x() < 0 || pos.y() < 0 || c >= L.cols || k >= L.n || x < 0 || y < 0 || x >= L.w || y >= L.h) return std::nullopt;
    const QPointF corner = L.origin + QPointF(c * tileW + x * L.cellW, r * tileH + tileLabelH + y * L.cellH);
    return Cell{img, k, y, x, QRectF(corner, QSizeF(L.cellW, L.cellH))};
}

QSizeF HeatMap::readOutStep() const {
    const std::optional<Cell> cell = cellAt(hoverPoint());  // where the read-out stands: on a cell
    return cell ? cell->rect.size().expandedTo({1, 1}) : PlotItem::readOutStep();
}

QPointF HeatMap::readOutSnap(QPointF at) const {
    const std::optional<Cell> cell = cellAt(at);
    return cell ? cell->rect.center() : at;
}

void HeatMap::drawReadOutMark(QPainter& p, QPointF at) const {
    const std::optional<Cell> cell = cellAt(at);
    if (!cell) return;
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(backgroundColor(), 3));  // a light and a dark ring: seen on any colour
    p.drawRect(cell->rect.adjusted(-1, -1, 1, 1));
    p.setPen(QPen(textColor(), 1.5));
    p.drawRect(cell->rect.adjusted(-1, -1, 1, 1));
}

QString HeatMap::hoverTextAt(QPointF at) const {
    const std::optional<Cell> cell = cellAt(at);
    if (!cell) return {};
    const gradlab::Image* img = cell->img;
    const int k = cell->k, y = cell->y, x = cell->x;
    const int n = img->values.dim() == 3 ? int(img->values.size(0)) : 1;
    // The cell by its row and column: their names where the map has them (tokens, classes), and
    // the axes' names where the lesson declares them ("true class Shirt, predicted T-shirt: 57").
    auto place = [&](const std::vector<std::string>& labels, int i, const QString& axis) {
        const QString v = std::size_t(i) < labels.size() ? trClass(labels[std::size_t(i)]) : QString::number(i);
        return axis.isEmpty() ? v : axis + " " + v;
    };
    const QString row = place(img->rowLabels, y, yLabel()), col = place(img->colLabels, x, xLabel());
    const float v = img->values.dim() == 3 ? img->values.at({k, y, x}) : img->values.at({y, x});
    QString t = xLabel().isEmpty() && yLabel().isEmpty() ? QStringLiteral("(%1, %2) = %3") : QStringLiteral("%1, %2: %3");
    t = t.arg(row, col, shownNumber(double(v), 'g', 4));
    if (n > 1) t = (k < m_tileLabels.size() ? m_tileLabels[k] : QStringLiteral("#%1").arg(k + 1)) + " · " + t;
    return t;
}

}  // namespace gradlab
