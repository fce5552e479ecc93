// BarChart: a histogram drawn from a series (bin centre and height columns, optionally only the
// rows of one key), with an optional curve over it (e.g. the theoretical density).
#pragma once

#include "app/bridge/plot_item.h"

namespace gradlab {

class BarChart : public PlotItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString series MEMBER m_series NOTIFY appearanceChanged)
    Q_PROPERTY(QString key MEMBER m_key NOTIFY appearanceChanged)
    Q_PROPERTY(QString xColumn MEMBER m_x NOTIFY appearanceChanged)
    Q_PROPERTY(QString yColumn MEMBER m_y NOTIFY appearanceChanged)
    Q_PROPERTY(QString curveColumn MEMBER m_curve NOTIFY appearanceChanged)  // optional, drawn as a line
    Q_PROPERTY(QString barLabel MEMBER m_barLabel NOTIFY appearanceChanged)
    Q_PROPERTY(QString curveLabel MEMBER m_curveLabel NOTIFY appearanceChanged)
    Q_PROPERTY(QColor color MEMBER m_color NOTIFY appearanceChanged)

public:
    explicit BarChart(QQuickItem* parent = nullptr) : PlotItem(parent) { setAcceptHoverEvents(true); }
    QString csv() const override;

protected:
    Bounds dataBounds() const override;
    void drawContent(QPainter& p, const QRectF& plot) override;
    std::vector<std::pair<QString, QColor>> legend() const override;
    std::vector<std::pair<std::string, OutputKind>> boundOutputs() const override {
        return {{m_series.toStdString(), OutputKind::Series}};
    }
    // The bar under the pointer: its bin ("x 0.25") and height, and the curve's value there.
    QString hoverTextAt(QPointF at) const override;
    bool readsAlongX() const override { return true; }

private:
    struct Data {
        std::vector<double> x, y, c;
        double half() const { return x.size() > 1 ? (x[1] - x[0]) / 2 : 0.5; }  // half a bar's width, in x
    };
    Data collect() const;
    QString m_series, m_key, m_x = "x", m_y = "density", m_curve, m_barLabel, m_curveLabel;
    QColor m_color = QColor("#0072B2");
};

}  // namespace gradlab
