// PlotItem: the base of every chart (QQuickPaintedItem): axes with nice or logarithmic ticks,
// grid, title, legend, theme colours, and export of exactly what is drawn as PNG or SVG (same
// QPainter code) plus the underlying data as CSV. Subclasses provide bounds, content and CSV.
#pragma once

#include <optional>
#include <utility>

#include <QPainter>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include "app/bridge/board.h"
#include "app/bridge/models.h"  // shownNumber: the axes' and tips' numbers

namespace gradlab {

class PlotItem : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PlotItem is the base of the chart items")
    Q_PROPERTY(Board* board READ board WRITE setBoard NOTIFY boardChanged)
    Q_PROPERTY(QString title READ title WRITE setTitle NOTIFY appearanceChanged)
    Q_PROPERTY(QString xLabel MEMBER m_xLabel NOTIFY appearanceChanged)
    Q_PROPERTY(QString yLabel MEMBER m_yLabel NOTIFY appearanceChanged)
    Q_PROPERTY(bool logX MEMBER m_logX NOTIFY appearanceChanged)
    Q_PROPERTY(bool logY MEMBER m_logY NOTIFY appearanceChanged)
    Q_PROPERTY(bool dark MEMBER m_dark NOTIFY appearanceChanged)
    // What the chart says while it has no data: the page's text, else a word on what to do. Read
    // again after each paint (it follows the run: "press Play" until it has stepped).
    Q_PROPERTY(QString emptyText READ emptyText WRITE setEmptyText NOTIFY painted)
    Q_PROPERTY(QVariantList yRange MEMBER m_yRange NOTIFY appearanceChanged)  // [min, max] or empty = auto
    Q_PROPERTY(QVariantList xRange MEMBER m_xRange NOTIFY appearanceChanged)
    Q_PROPERTY(int revision READ revision NOTIFY painted)
    // "always", "export" (only in exported images: the page shows its own key) or "never"
    Q_PROPERTY(QString legendMode MEMBER m_legendMode NOTIFY appearanceChanged)
    // Whether the chart has something to draw, and the names it binds that its lesson does not
    // declare ("scalar val_los"): both for the page test, which fails on an empty or misnamed chart.
    // The title an exported PNG or SVG carries when the chart itself shows none (its card's).
    Q_PROPERTY(QString exportTitle MEMBER m_exportTitle NOTIFY exportTitleChanged)  // not drawn on screen: no repaint
    // The one declared output the chart draws (traces of one series count as one), else "": a
    // card without a title of its own shows that output's declared title.
    Q_PROPERTY(QString declaredOutput READ declaredOutput NOTIFY appearanceChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY painted)
    Q_PROPERTY(QStringList undeclared READ undeclared NOTIFY painted)
    // What the chart says of the point under the pointer (a heat map's cell: "query 3, key 5:
    // 0.21"), "" elsewhere, and where the pointer is (item coordinates): ChartCard shows it there.
    Q_PROPERTY(QString hoverText READ hoverText NOTIFY hoverChanged)
    Q_PROPERTY(QPointF hoverPoint READ hoverPoint NOTIFY hoverChanged)
    // Zoom along x, on a chart whose zoomsX() is true (the line charts): drag across the plot to
    // see only that stretch, its y axis fitted to what is in view; Plus (with the focus on the
    // chart) halves the stretch around the read-out. Double-click, Minus or zoomOut() show it all.
    // A stretch up to the last step moves on with the run: the newest steps stay in view.
    Q_PROPERTY(bool zoomed READ zoomed NOTIFY zoomChanged)

public:
    explicit PlotItem(QQuickItem* parent = nullptr);

    Board* board() const { return m_board; }
    void setBoard(Board* b);
    QString title() const { return m_title; }
    void setTitle(const QString& t);
    int revision() const { return m_paints; }
    QString hoverText() const { return m_hoverText; }
    QPointF hoverPoint() const { return m_hoverPoint; }
    bool zoomed() const { return m_zoom.has_value(); }
    Q_INVOKABLE void zoomOut();

    void paint(QPainter* p) override;
    // Writes a PNG (2x resolution) or an SVG, by the file's extension, the chart drawn at least
    // 480 x 300. Returns "" or an error.
    Q_INVOKABLE QString exportImage(const QUrl& file);
    Q_INVOKABLE QString exportCsv(const QUrl& file);
    // The font an empty chart's message takes in `box`: `usual`, or smaller (down to 70 %) where the
    // message, wrapped at words (kMessageFlags), does not fit (measured for `device`, if given).
    static QFont messageFont(const QFont& usual, const QRectF& box, const QString& text, const QPaintDevice* device = nullptr);
    static constexpr int kMessageFlags = Qt::AlignCenter | Qt::TextWordWrap;
    // The data behind the chart, as CSV text.
    virtual QString csv() const = 0;
    // Whether there is anything to draw. Default: the data have bounds (dataBounds().valid). A chart
    // whose bounds are fixed (a heat map) or cover more than its own data (a line chart's other
    // runs) says it itself.
    virtual bool hasData() const { return dataBounds().valid; }
    QStringList undeclared() const;
    QString declaredOutput() const;
    QString emptyText() const;
    void setEmptyText(const QString& t);

signals:
    void boardChanged();
    void appearanceChanged();
    void exportTitleChanged();
    void painted();
    void hoverChanged();
    void zoomChanged();

protected:
    struct Bounds {
        double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
        bool valid = false;
        bool wholeX = false;  // every x is a whole number (steps, blocks, layers): no tick between two
    };
    // The data range to show (before log transform and padding). While zoomed, x still spans all
    // the data and y only what lies in the stretch xZoom() (with the lines that cross its edges).
    virtual Bounds dataBounds() const = 0;
    // Draws the content inside `plot` (pixels) with the axis maps mapX/mapY.
    virtual void drawContent(QPainter& p, const QRectF& plot) = 0;
    // Legend entries (label, colour); drawn as a row above the plot.
    virtual std::vector<std::pair<QString, QColor>> legend() const { return {}; }
    // The board outputs this chart reads (name and kind), checked against the lesson's declaration.
    virtual std::vector<std::pair<std::string, OutputKind>> boundOutputs() const = 0;
    virtual bool equalAspect() const { return false; }  // contour maps: one unit is as long on x and y
    virtual bool drawsAxes() const { return true; }     // false: the content fills the area (heat maps)
    virtual double padX() const { return 0.02; }  // margin around the data, as a fraction of its range
    virtual double padY() const { return 0.05; }
    // True: the view range is snapped outwards to round values (live traces; see snapRange).
    virtual bool snapsView() const { return false; }
    virtual bool zoomsX() const { return false; }  // the student may zoom along x (see zoomed)
    // The stretch of x in view while zoomed (data units, first < second).
    const std::optional<std::pair<double, double>>& xZoom() const { return m_zoom; }

    double mapX(double x) const;  // data -> pixels (valid during drawContent)
    double mapY(double y) const;
    double unmapX(double px) const;
    double unmapY(double py) const;
    bool exporting() const { return m_exporting; }  // rendering for a file: no screen caches
    bool logX() const { return m_logX; }
    bool logY() const { return m_logY; }
    bool dark() const { return m_dark; }
    QColor textColor() const;
    QColor gridColor() const;
    QColor backgroundColor() const;
    QRectF plotRect() const { return m_plot; }
    // The axis labels drawn: the page's own, else those the lesson declares for the first output shown.
    QString xLabel() const { return m_xLabel.isEmpty() ? declaredLabel(true) : m_xLabel; }
    QString yLabel() const { return m_yLabel.isEmpty() ? declaredLabel(false) : m_yLabel; }
    // Called when the board changed: repaints when what the chart shows changed (see dataSignature).
    virtual void boardUpdated();
    // The hover text at `at` (item coordinates), "" where there is nothing to say. A chart that
    // has one says so with setAcceptHoverEvents(true); the events are handled here.
    virtual QString hoverTextAt(QPointF) const { return {}; }
    void hoverEnterEvent(QHoverEvent* e) override;
    void hoverMoveEvent(QHoverEvent* e) override;
    void hoverLeaveEvent(QHoverEvent* e) override;
    // The same read-out from the keyboard: Tab to a chart, then the arrow keys move a point over
    // it by readOutStep() (Shift: five times as far); the chart says what is there as it does for
    // the pointer. It starts where readOutSnap() puts the middle of the plot, and ends with
    // Escape or when the focus leaves.
    virtual QSizeF readOutStep() const;
    virtual QPointF readOutSnap(QPointF at) const { return at; }  // a heat map: the middle of the cell
    // Where the keyboard's read-out is, drawn over the chart on screen (not in exports): lines
    // through `at` across the plot (the vertical one only, where it reads along x).
    virtual void drawReadOutMark(QPainter& p, QPointF at) const;
    // True where the read-out depends on x alone (a step of the curves, a bar): the arrows then go
    // to the next step or bar, and Up and Down do nothing.
    virtual bool readsAlongX() const { return false; }
    bool keyReadOut() const { return m_keyReadOut; }  // the keys' read-out is on, at hoverPoint()
    bool event(QEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void focusInEvent(QFocusEvent* e) override;
    void focusOutEvent(QFocusEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;  // a chart that zooms: the drag that picks a stretch
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    // A number that changes whenever the board data this chart shows does. Default: the revisions
    // of its boundOutputs() and the board's generation, so a chart repaints when what it reads
    // changed and costs nothing per frame otherwise. A chart that also draws something else (the
    // markers, other runs) mixes that in.
    virtual quint64 dataSignature() const;
    static quint64 mix(quint64 h, quint64 v) { return (h ^ (v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2))) * 0x100000001B3ull; }

private:
    struct Tick {
        double value;  // in axis space (log10 of the value on log axes)
        QString label;
    };
    static std::vector<Tick> ticks(double lo, double hi, bool log, int target, bool whole = false);
    void render(QPainter& p, const QSizeF& size);
    // Background, title, legend, axes; sets m_plot. False when there is nothing to plot (the
    // empty-chart text was drawn instead).
    bool drawDecorations(QPainter& p, const QSizeF& size, const std::vector<std::pair<QString, QColor>>& entries, bool has);
    void drawAxes(QPainter& p, const QRectF& plot, double yLabelX);  // yLabelX: the y label's centre
    void setHover(const QString& text, QPointF at);
    void startReadOut();
    void moveReadOut(int dx, int dy);
    void endReadOut();
    // Shows x0 to x1 (data units), kept inside the data; a stretch that holds all of it is no zoom.
    void zoomTo(double x0, double x1);
    static void drawMessage(QPainter& p, const QRectF& box, const QString& text);
    QString declaredLabel(bool x) const;

    QPointer<Board> m_board;
    QString m_title, m_xLabel, m_yLabel, m_emptyText, m_exportTitle;
    QVariantList m_yRange, m_xRange;
    QString m_legendMode = "always";
    QString m_hoverText;
    QPointF m_hoverPoint;
    bool m_keyReadOut = false;  // the read-out is the keyboard's (its point stays while the data change)
    std::optional<std::pair<double, double>> m_zoom;
    bool m_zoomFollows = false;          // the stretch reaches the last step: it moves on as the run trains
    QPointF m_pointerAt{-1, -1};         // where the pointer last moved to on the chart
    std::optional<double> m_readOutAt;   // x of the keys' read-out, to be put back there once a zoom is drawn
    double m_allX0 = 0, m_allX1 = 1;     // the x range of the whole chart when last drawn (data units)
    std::optional<double> m_dragFrom;    // pixels: where a zooming drag began
    double m_dragTo = 0;
    bool m_logX = false, m_logY = false, m_dark = false, m_exporting = false;
    int m_paints = 0;
    // current axis transform
    QRectF m_plot;
    double m_vx0 = 0, m_vx1 = 1, m_vy0 = 0, m_vy1 = 1;  // view range (log10 where log)
    bool m_viewValid = false;
    bool m_wholeX = false;  // the data's x are whole numbers (Bounds::wholeX)
    quint64 m_signature = ~0ull;  // dataSignature() when last asked to repaint
    // The decorations as last drawn on screen, and what they were drawn for.
    QImage m_decor;
    QString m_decorKey;
    QRectF m_decorPlot;
    bool m_decorDrawsData = false;
};

// "Nice" tick positions covering [lo, hi] (about `target` of them), and their labels. `whole`:
// on whole numbers only (a block 2.5 or a layer 1.5 does not exist).
std::vector<double> niceTicks(double lo, double hi, int target, bool whole = false);
std::pair<double, double> snapRange(double lo, double hi, bool log);
QString tickLabel(double v, double step);

}  // namespace gradlab
