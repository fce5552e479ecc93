// Board: the GUI thread's copy of what the running lesson has produced (scalar traces, series,
// newest images, notes) plus the markers (parameter changes, and the lesson's own such as epoch
// ends). Charts read it when they paint; it emits changed() at most once per GUI frame. It knows
// the lesson's declared outputs: charts and pages ask it for names, and a name the lesson does not
// declare is warned about once and listed in `undeclared` (the page test fails on it).
#pragma once

#include <QColor>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <map>
#include <set>
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
    Q_PROPERTY(QStringList undeclared READ undeclared NOTIFY undeclaredChanged)
    // Earlier runs drawn faded behind this one (the run a branch left, runs shown from the runs panel).
    Q_PROPERTY(bool hasGhost READ hasGhost NOTIFY changed)
    Q_PROPERTY(QString name READ name NOTIFY changed)  // the run's name in the runs panel
    // A run kept from an earlier session: its charts came back, its pictures were not kept.
    Q_PROPERTY(bool picturesLost READ picturesLost NOTIFY changed)
    // A step the line charts mark with a vertical line (the step "Go back" would go to); < 0: none.
    Q_PROPERTY(double cursor READ cursor WRITE setCursor NOTIFY changed)

public:
    struct Marker {
        double step;
        QString key;    // parameter key ("adam.lr")
        QString label;  // "adam.lr = 0.05"
        qint64 wallMs = 0;  // when it was added (a dragged slider makes one marker, not fifty)
    };

    explicit Board(QObject* parent = nullptr) : QObject(parent) { m_clock.start(); }

    // The lesson whose outputs this board holds (clears nothing; the controller clears).
    void setLesson(const LessonSpec* lesson);
    const LessonSpec* lesson() const { return m_lesson; }
    // True when the lesson declares `name` as an output of that kind (an image or a heat map for
    // OutputKind::Image). Otherwise warns (once per name) and adds it to undeclared().
    bool declares(const std::string& name, OutputKind kind) const;
    QStringList undeclared() const { return m_undeclared; }
    // The declaration of an output for QML: {name, kind, title, instance, xLabel, yLabel, unit}, texts in the
    // interface's language; empty (and a warning) for an undeclared name.
    Q_INVOKABLE QVariantMap output(const QString& name) const;
    // Which of a pattern's outputs `name` is, in words: "conv1" of "feature_maps/*", "layer 1, head 2"
    // of "attention_l*_h*" (the lessons count layers and heads from 0, the student from 1).
    static QString instanceOf(const OutputSpec& o, const QString& name);

    void apply(std::vector<Frame>&& frames);  // then emits changed()
    void clear();
    void restore(const nlohmann::json& history);  // from a checkpoint; throws Error if damaged
    // The history of `from` as it stood after `step` (a branch that resumes from a snapshot there).
    void copyUpTo(const Board& from, int64_t step);
    // The history (not the images: a loaded run sends its own again), every trace thinned to at
    // most `maxPoints` points where one is given (the runs kept beside the one training).
    nlohmann::json save(std::size_t maxPoints = 0) const;
    void addMarker(double step, const QString& key, const QString& label);
    QString name() const { return m_name; }
    bool picturesLost() const { return m_picturesLost; }
    void setPicturesLost(bool lost) { m_picturesLost = lost; }
    double cursor() const { return m_cursor; }
    void setCursor(double step);
    void setName(const QString& name);
    // Other runs the charts draw with this one (not owned; a deleted board drops out by itself):
    // earlier runs, faded and labelled with their names, and seed groups (the same run with other
    // seeds), as a mean line in a min-max band.
    struct Band {
        QString name;
        std::vector<QPointer<const Board>> members;
    };
    void setOthers(const std::vector<const Board*>& ghosts, std::vector<Band> bands);
    std::vector<const Board*> ghosts() const;
    // A run drawn with this one has more to show: the charts look again (emits changed()).
    void othersMoved();
    const std::vector<Band>& bands() const { return m_bands; }
    bool hasGhost() const { return !ghosts().empty(); }
    // Changes whenever a run drawn with this one changes (for the charts' data signatures).
    quint64 othersSignature() const;
    // The names of the images (and heat maps) the run holds now, sorted.
    Q_INVOKABLE QStringList imageNames() const;

    const Recorder& data() const { return m_rec; }
    // Min/max pyramid of a scalar trace (covers every value ever reported, also thinned ones).
    const Envelope* envelope(const std::string& scalar) const;
    const std::vector<Marker>& markers() const { return m_markers; }
    int revision() const { return m_revision; }
    // The step of the newest frame (0 before the first training step).
    int64_t lastStep() const { return m_rec.lastStep(); }
    // Increments when the history starts over (cleared, or restored from a checkpoint); charts
    // that extend their own caches with new rows rebuild them then.
    int generation() const { return m_generation; }
    int markerCount() const { return int(m_markers.size()); }
    int markerRevision() const { return m_markerRevision; }  // increments when a marker is added or relabelled
    // Increments whenever an image of that name was replaced.
    int imageRevision(const std::string& name) const;
    // Increments whenever rows of that series arrived (appended or replaced).
    int seriesRevision(const std::string& name) const;
    // Increments whenever that output changed: a scalar reported, rows of a series arrived, an image
    // or heat map replaced, a marker added or relabelled (any marker, whatever its name).
    int outputRevision(const std::string& name, OutputKind kind) const;
    QStringList notes() const;
    // What the newest frame with notes for the status line said (Note::Level Tell or Warn),
    // translated; whether it is a warning (a network diverged); the frame's step; the revision
    // increments with each.
    QString said() const { return m_said; }
    bool saidWarns() const { return m_saidWarns; }
    int64_t saidStep() const { return m_saidStep; }
    int saidRevision() const { return m_saidRevision; }

    Q_INVOKABLE double latest(const QString& scalar) const;  // NaN if never reported
    // Distinct values of the first text column of a series, in first-seen order.
    Q_INVOKABLE QStringList keys(const QString& series) const;
    // One column of a series (optionally only rows whose first text column is `key`).
    Q_INVOKABLE QVariantList column(const QString& series, const QString& column, const QString& key = {}) const;

    // The colour-blind-safe palette (Okabe & Ito) used for every multi-line chart.
    Q_INVOKABLE static QColor paletteColor(int index, bool dark = false);

signals:
    void changed();
    void undeclaredChanged();

private:
    void rebuildEnvelopes();

    const LessonSpec* m_lesson = nullptr;
    QString m_name;
    bool m_picturesLost = false;
    double m_cursor = -1;
    std::vector<QPointer<const Board>> m_ghosts;
    std::vector<Band> m_bands;
    mutable std::set<std::pair<std::string, int>> m_checked;  // (name, kind) found declared
    mutable QStringList m_undeclared;
    Recorder m_rec;
    std::map<std::string, Envelope> m_envelopes;
    std::map<std::string, int> m_scalarRevisions, m_imageRevisions, m_seriesRevisions;
    void reviseAll();  // every output's revision, for a history that started over
    std::vector<Marker> m_markers;
    QElapsedTimer m_clock;
    int m_revision = 0, m_generation = 0, m_markerRevision = 0, m_saidRevision = 0;
    QString m_said;
    bool m_saidWarns = false;
    int64_t m_saidStep = -1;
};

}  // namespace gradlab
