// ContourPlot: a 2-D loss surface as a colour field with log-spaced contour lines (marching
// squares), its minima, and paths drawn over it (the optimizer race). A click reports the
// point in surface coordinates; hovering shows the coordinates and f there.
#pragma once

#include <QImage>
#include <QTimer>

#include <map>
#include <unordered_set>
#include <QStringList>
#include <QVariantMap>

#include "app/bridge/plot_item.h"

namespace gradlab {

class ContourPlot : public PlotItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString image MEMBER m_image NOTIFY appearanceChanged)        // the surface: an (H, W) Image with extent
    Q_PROPERTY(QString paths MEMBER m_paths NOTIFY appearanceChanged)        // series: key, step, x, y, ...
    Q_PROPERTY(QString minima MEMBER m_minima NOTIFY appearanceChanged)      // series with x, y
    Q_PROPERTY(QStringList keyOrder MEMBER m_keyOrder NOTIFY appearanceChanged)  // fixes each key's colour
    Q_PROPERTY(QStringList visibleKeys MEMBER m_visibleKeys NOTIFY appearanceChanged)  // empty: all
    Q_PROPERTY(QVariantMap keyLabels MEMBER m_keyLabels NOTIFY appearanceChanged)
    Q_PROPERTY(int levels MEMBER m_levels NOTIFY appearanceChanged)

public:
    explicit ContourPlot(QQuickItem* parent = nullptr);
    QString csv() const override;

signals:
    void clicked(double x, double y);

protected:
    Bounds dataBounds() const override;
    void drawContent(QPainter& p, const QRectF& plot) override;
    std::vector<std::pair<QString, QColor>> legend() const override;
    // The paths of the earlier run (a branch's parent), faded and thin, onto the picture.
    void drawGhostPaths(QPainter& p) const;  // every earlier run's paths, dashed and faded
    void drawGhostPaths(QPainter& p, const Board& ghost) const;
    QString ghostKey() const;  // which earlier runs are drawn, and how far each got
    std::vector<std::pair<std::string, OutputKind>> boundOutputs() const override {
        return {{m_image.toStdString(), OutputKind::Image},
                {m_paths.toStdString(), OutputKind::Series},
                {m_minima.toStdString(), OutputKind::Series}};
    }
    bool equalAspect() const override { return true; }
    double padX() const override { return 0.0; }
    double padY() const override { return 0.0; }
    void boardUpdated() override;
    quint64 dataSignature() const override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    QString hoverTextAt(QPointF at) const override;

private:
    const gradlab::Image* surface() const;
    void rebuildField();  // colour image and contour segments, when the surface changed
    QColor keyColor(const QString& key) const;
    double surfaceAt(double x, double y) const;
    void drawSurface(QPainter& p);  // the colour field and the contour lines
    bool pathVisible(const QString& key) const { return m_visibleKeys.isEmpty() || m_visibleKeys.contains(key); }
    QPen pathPen(const QString& key) const;
    // Takes the rows of steps not seen yet into the paths (all of them after a new run or resize).
    void extendPaths(const Series& s, const QRectF& plot);
    // The first row whose step is >= step (rows are in step order).
    static std::size_t firstRowFrom(const Series& s, double step);
    // A segment between two screen points, rounded to whole pixels, the same in either direction.
    static uint64_t segmentKey(QPointF a, QPointF b);

    QString m_image = "surface", m_paths = "trajectory", m_minima = "minima";
    QStringList m_keyOrder, m_visibleKeys;
    QVariantMap m_keyLabels;
    int m_levels = 14;
    int m_fieldRevision = -1;
    QImage m_field;                                     // colour field, one pixel per grid cell
    // Paths in surface coordinates, thinned to points at least ~1.5 px apart, extended with the
    // rows of new steps only (so long races cost the same per frame as short ones).
    std::map<std::string, std::vector<QPointF>> m_pathPoints;  // kept points
    std::map<std::string, QPointF> m_pathLatest;                // the newest point of each path
    double m_pathLastStep = -1;                                 // the last step taken into the paths
    double m_pathTolerance = 0;
    int m_pathGeneration = -1;                                  // the board's history they were built from
    // The surface with the kept part of every path on it, at screen size (see drawContent).
    QImage m_picture;
    QString m_pictureKey;                               // size, theme, colours and visibility it was drawn for
    struct PathInk {
        std::size_t drawn = 0;                  // kept points of the path already in the picture
        std::unordered_set<uint64_t> segments;  // the segments stroked, to the pixel (segmentKey)
    };
    std::map<std::string, PathInk> m_pathInk;
    // Pieces stroked frame by frame overlap where they meet, so the picture depends a little on how
    // the steps came in frames. Once the paths stop growing (kSettleMs without a piece), the
    // picture is drawn again with every path in one stroke: a paused race, and a screenshot of
    // it, look the same however fast the steps came.
    static constexpr int kSettleMs = 250;
    bool m_pieced = false;  // pieces were stroked onto the picture since it was drawn whole
    bool m_redrawWhole = false;
    QTimer m_settle;
    std::vector<std::vector<QLineF>> m_contours;        // per level, in surface coordinates
    std::vector<double> m_extent;
};

}  // namespace gradlab
