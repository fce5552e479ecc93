// LineChart: lines from scalar traces ("loss.adam" over steps) or from series columns
// (activations.csv's x vs sigmoid), optional log axes, parameter-change markers, and a
// per-pixel min/max reduction so a million points draw as fast as a thousand.
#pragma once

#include <QVariantList>

#include "app/bridge/plot_item.h"

namespace gradlab {

class LineChart : public PlotItem {
    Q_OBJECT
    QML_ELEMENT
    // Each trace: {scalar: name} or {series: name, x: column, y: column, key: first-column filter},
    // plus label, color, dashed (bool), width (px), visible (bool).
    Q_PROPERTY(QVariantList traces READ traces WRITE setTraces NOTIFY tracesChanged)
    Q_PROPERTY(bool showMarkers MEMBER m_showMarkers NOTIFY appearanceChanged)
    // Markers of parameters whose key starts with one of these are not drawn ("demo.": the worked
    // example's knobs on the training chart).
    Q_PROPERTY(QStringList hideMarkers MEMBER m_hideMarkers NOTIFY appearanceChanged)
    Q_PROPERTY(bool showLegend MEMBER m_showLegend NOTIFY appearanceChanged)
    Q_PROPERTY(bool points MEMBER m_points NOTIFY appearanceChanged)  // draw a dot at each value

public:
    explicit LineChart(QQuickItem* parent = nullptr) : PlotItem(parent) {
        setAcceptHoverEvents(true);
        setAcceptedMouseButtons(Qt::LeftButton);  // a drag zooms (PlotItem)
    }
    QVariantList traces() const { return m_traces; }
    void setTraces(const QVariantList& t);
    QString csv() const override;

signals:
    void tracesChanged();

protected:
    Bounds dataBounds() const override;
    void drawContent(QPainter& p, const QRectF& plot) override;
    std::vector<std::pair<QString, QColor>> legend() const override;
    bool hasData() const override;
    std::vector<std::pair<std::string, OutputKind>> boundOutputs() const override {
        std::vector<std::pair<std::string, OutputKind>> out;
        for (const TraceSpec& t : m_specs)
            out.emplace_back(t.scalar.empty() ? t.series : t.scalar, t.scalar.empty() ? OutputKind::Series : OutputKind::Scalar);
        return out;
    }
    bool snapsView() const override { return true; }
    bool zoomsX() const override { return true; }
    quint64 dataSignature() const override;
    // The traces' values nearest the pointer's x: "step 300", then "loss: 0.4213" a line.
    QString hoverTextAt(QPointF at) const override;
    bool readsAlongX() const override { return true; }

private:
    // One entry of `traces`, read once when it is set (a frame must not re-read QVariantMaps).
    struct TraceSpec {
        QString label;
        QColor color;  // invalid: the palette's, by position
        bool dashed = false, visible = true;
        double width = 2.0;
        std::string scalar, series, x, y, key;  // a scalar trace, or a series' columns
    };
    struct Trace {
        QString label;
        QColor color;
        bool dashed = false, visible = true;
        double width = 2.0;
        std::vector<double> xs, ys;
        const std::vector<double>* x = nullptr;  // points into the board (scalars) or xs
        const std::vector<double>* y = nullptr;
        const Envelope* envelope = nullptr;      // scalars: their min/max pyramid
        bool bySteps = false;                    // a scalar: x holds its steps, rising
    };
    std::vector<Trace> collect() const { return collect(board()); }
    std::vector<Trace> collect(const Board* from) const;  // the traces as `from` holds them
    void drawTrace(QPainter& p, const QRectF& plot, const Trace& t) const;
    void drawSeedBand(QPainter& p, const QRectF& plot, const Board::Band& band) const;
    // Draws one band per pixel column (x0, x1 in data units; lo, hi in pixels).
    struct Column {
        double x0, x1, lo, hi;
    };
    void drawBand(QPainter& p, const std::vector<Column>& cols, const QColor& color, double width) const;

    QVariantList m_traces;
    std::vector<TraceSpec> m_specs;  // m_traces, read
    bool m_showMarkers = false, m_showLegend = true, m_points = false;
    QStringList m_hideMarkers;
};

}  // namespace gradlab
