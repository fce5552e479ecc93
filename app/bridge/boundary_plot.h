// BoundaryPlot: a classifier's probability over the plane (an (H, W) Image with extent, a
// probability per cell, drawn blue for class 0 through white to red for class 1) with its 0.5
// contour, the decision boundary, and labelled points on it (a series with a text column telling
// training from validation points, and numbers x, y, label). Clicks report the point in plane
// coordinates and the mouse button, so a page can add or remove points.
#pragma once

#include <QImage>
#include <QLineF>

#include "app/bridge/plot_item.h"

namespace gradlab {

class BoundaryPlot : public PlotItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString image MEMBER m_image NOTIFY appearanceChanged)        // the probability field
    Q_PROPERTY(QString points MEMBER m_points NOTIFY appearanceChanged)      // series: set, x, y, label
    Q_PROPERTY(bool showValidation MEMBER m_showValidation NOTIFY appearanceChanged)

public:
    explicit BoundaryPlot(QQuickItem* parent = nullptr);
    QString csv() const override;

signals:
    // button: 1 left, 2 right (Qt::MouseButton); modifiers: Qt::KeyboardModifiers as an int
    void clicked(double x, double y, int button, int modifiers);

protected:
    Bounds dataBounds() const override;
    void drawContent(QPainter& p, const QRectF& plot) override;
    std::vector<std::pair<QString, QColor>> legend() const override;
    std::vector<std::pair<std::string, OutputKind>> boundOutputs() const override {
        return {{m_image.toStdString(), OutputKind::Image}, {m_points.toStdString(), OutputKind::Series}};
    }
    bool equalAspect() const override { return true; }
    double padX() const override { return 0.0; }
    double padY() const override { return 0.0; }
    void mousePressEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    // The clicks from the keyboard, at the read-out's point (Tab, then the arrows): Enter as a
    // left click (Shift+Enter: with Shift), Delete or Backspace as a right click.
    void keyPressEvent(QKeyEvent* e) override;
    QString hoverTextAt(QPointF at) const override;

private:
    const gradlab::Image* field() const;
    void rebuild();  // the colour image and the 0.5 contour, when the field changed
    double probabilityAt(double x, double y) const;
    QColor classColor(int label) const;

    QString m_image = "boundary", m_points = "points";
    bool m_showValidation = true;
    int m_fieldRevision = -1;
    quint64 m_fieldGeneration = ~0ull;
    QImage m_colours;            // one pixel per cell
    std::vector<QLineF> m_contour;  // in plane coordinates
    std::vector<double> m_extent;
};

}  // namespace gradlab
