// Board: the GUI thread's copy of what the running lesson has produced (scalar traces, series,
// newest images, notes) plus the markers of parameter changes. Charts read it when they paint;
// it emits changed() at most once per GUI frame.
#pragma once

#include <QColor>
#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <map>
#include <vector>

#include "app/bridge/envelope.h"
#include "lessons/recorder.h"

namespace gradlab {

class Board : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The board belongs to the LabController")
    Q_PROPERTY(int revision READ revision NOTIFY changed)
    Q_PROPERTY(QStringList notes READ notes NOTIFY changed)
    Q_PROPERTY(int markerCount READ markerCount NOTIFY changed)

public:
    struct Marker {
        double step;
        QString key;    // parameter key ("adam.lr")
        QString label;  // "adam.lr = 0.05"
        qint64 wallMs = 0;  // when it was added (a dragged slider makes one marker, not fifty)
    };

    explicit Board(QObject* parent = nullptr) : QObject(parent) { m_clock.start(); }

    void apply(std::vector<Frame>&& frames);  // then emits changed()
    void clear();
    void restore(const nlohmann::json& history);  // from a checkpoint; throws Error if damaged
    nlohmann::json save() const;
    void addMarker(double step, const QString& key, const QString& label);

    const Recorder& data() const { return m_rec; }
    // Min/max pyramid of a scalar trace (covers every value ever reported, also thinned ones).
    const Envelope* envelope(const std::string& scalar) const;
    const std::vector<Marker>& markers() const { return m_markers; }
    int revision() const { return m_revision; }
    // Increments when the history starts over (cleared, or restored from a checkpoint); charts
    // that extend their own caches with new rows rebuild them then.
    int generation() const { return m_generation; }
    int markerCount() const { return int(m_markers.size()); }
    int markerRevision() const { return m_markerRevision; }  // increments when a marker is added or relabelled
    // Increments whenever an image of that name was replaced.
    int imageRevision(const std::string& name) const;
    // Increments whenever rows of that series arrived (appended or replaced).
    int seriesRevision(const std::string& name) const;
    QStringList notes() const;

    Q_INVOKABLE double latest(const QString& scalar) const;  // NaN if never reported
    // Distinct values of the first text column of a series, in first-seen order.
    Q_INVOKABLE QStringList keys(const QString& series) const;
    // One column of a series (optionally only rows whose first text column is `key`).
    Q_INVOKABLE QVariantList column(const QString& series, const QString& column, const QString& key = {}) const;

    // The colour-blind-safe palette (Okabe & Ito) used for every multi-line chart.
    Q_INVOKABLE static QColor paletteColor(int index, bool dark = false);

signals:
    void changed();

private:
    void rebuildEnvelopes();

    Recorder m_rec;
    std::map<std::string, Envelope> m_envelopes;
    std::map<std::string, int> m_imageRevisions, m_seriesRevisions;
    std::vector<Marker> m_markers;
    QElapsedTimer m_clock;
    int m_revision = 0, m_generation = 0, m_markerRevision = 0;
};

}  // namespace gradlab
