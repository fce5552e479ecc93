// HeatMap: draws an Image of the board (an (H, W) field or a stack (N, H, W) as a grid of tiles)
// through a colour map: filters, feature maps, attention weights with token labels, confusion
// matrices, a picture with a heat overlay (the ViT's CLS attention) and a patch grid over it.
#pragma once

#include <QImage>
#include <QStringList>

#include <optional>

#include "app/bridge/plot_item.h"

namespace gradlab {

class HeatMap : public PlotItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString image MEMBER m_image NOTIFY appearanceChanged)          // the board image to draw
    Q_PROPERTY(QString colorMap MEMBER m_colorMap NOTIFY appearanceChanged)    // "" (the image's own), viridis, diverging, gray
    Q_PROPERTY(QString overlay MEMBER m_overlay NOTIFY appearanceChanged)      // optional image drawn over it, translucent
    Q_PROPERTY(double overlayOpacity MEMBER m_overlayOpacity NOTIFY appearanceChanged)
    Q_PROPERTY(int gridCells MEMBER m_gridCells NOTIFY appearanceChanged)      // > 0: lines cutting it into n x n patches
    Q_PROPERTY(bool showValues MEMBER m_showValues NOTIFY appearanceChanged)   // print each value in its cell
    Q_PROPERTY(bool showLabels MEMBER m_showLabels NOTIFY appearanceChanged)   // row/column labels (tokens, classes)
    Q_PROPERTY(int columns MEMBER m_columns NOTIFY appearanceChanged)          // tiles per row for stacks (0: square-ish)
    Q_PROPERTY(QStringList tileLabels MEMBER m_tileLabels NOTIFY appearanceChanged)
    Q_PROPERTY(bool symmetric MEMBER m_symmetric NOTIFY appearanceChanged)     // diverging maps around 0 (default)
    Q_PROPERTY(bool stretch MEMBER m_stretch NOTIFY appearanceChanged)         // cells fill the area (not square): a time x step map
    Q_PROPERTY(bool colorBar MEMBER m_colorBar NOTIFY appearanceChanged)       // a scale at the right: which colour is which value

public:
    explicit HeatMap(QQuickItem* parent = nullptr);
    QString csv() const override;

protected:
    Bounds dataBounds() const override;
    void drawContent(QPainter& p, const QRectF& plot) override;
    bool hasData() const override;
    std::vector<std::pair<std::string, OutputKind>> boundOutputs() const override {
        std::vector<std::pair<std::string, OutputKind>> out{{m_image.toStdString(), OutputKind::Image}};
        if (!m_overlay.isEmpty()) out.emplace_back(m_overlay.toStdString(), OutputKind::Image);
        return out;
    }
    bool drawsAxes() const override { return false; }
    QString hoverTextAt(QPointF at) const override;
    QSizeF readOutStep() const override;  // a cell
    QPointF readOutSnap(QPointF at) const override;
    void drawReadOutMark(QPainter& p, QPointF at) const override;  // the cell's outline

private:
    const gradlab::Image* find(const QString& name) const;
    struct Layout {
        int n = 0, h = 0, w = 0, cols = 1, rows = 1;
        double cellW = 1, cellH = 1, gap = 0;  // a cell's size (square unless `stretch`)
        QPointF origin;
        double labelW = 0, labelH = 0;
        int colEvery = 0;  // every how many columns a name is drawn; 0: none (the axis's name instead)
    };
    Layout layout(const gradlab::Image& img, const QRectF& area, const QFontMetricsF& fm) const;
    // The cell at `at` (item coordinates) as it was last drawn: its image, tile k and place (y, x).
    struct Cell {
        const gradlab::Image* img;
        int k, y, x;
        QRectF rect;
    };
    std::optional<Cell> cellAt(QPointF at) const;
    QImage colourise(const gradlab::Image& img, int tile, double lo, double hi, bool diverging, bool gray) const;
    // The scale beside a picture block (`block`: its tiles' bounding box): the colours from `hi`
    // (top) to `lo`, labelled at both ends (and 0 in the middle of a symmetric diverging map).
    void drawColorBar(QPainter& p, const QRectF& block, double lo, double hi, bool diverging, bool gray, const QFontMetricsF& fm) const;
    static QString scaleLabel(double v) { return shownNumber(v, 'g', 3); }

    QString m_image, m_colorMap, m_overlay;
    double m_overlayOpacity = 0.55;
    int m_gridCells = 0, m_columns = 0;
    bool m_showValues = false, m_showLabels = true, m_symmetric = true, m_stretch = false, m_colorBar = false;
    QStringList m_tileLabels;
    QRectF m_lastArea;
};

}  // namespace gradlab
