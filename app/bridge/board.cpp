// Board: frames in, charts out.
#include "app/bridge/board.h"

#include <QRegularExpression>
#include <QTimer>
#include <QtDebug>

#include <cmath>
#include <limits>

#include "app/bridge/models.h"

namespace gradlab {
namespace {
constexpr std::size_t kMaxPoints = 1 << 17;  // per trace; older history is thinned beyond this

int revisionIn(const std::map<std::string, int>& revisions, const std::string& name) {
    auto it = revisions.find(name);
    return it == revisions.end() ? 0 : it->second;
}
}  // namespace

void Board::setLesson(const LessonSpec* lesson) {
    if (lesson == m_lesson) return;
    m_lesson = lesson;
    m_checked.clear();
    if (!m_undeclared.isEmpty()) {
        m_undeclared.clear();
        emit undeclaredChanged();
    }
}

bool Board::declares(const std::string& name, OutputKind kind) const {
    if (!m_lesson || name.empty()) return true;  // nothing to check against
    if (m_checked.count({name, int(kind)})) return true;
    if (findOutput(m_lesson->outputs, name, kind)) {
        m_checked.insert({name, int(kind)});
        return true;
    }
    const QString entry = QString::fromStdString(outputKindName(kind) + " " + name);
    if (!m_undeclared.contains(entry)) {
        qWarning().noquote() << QStringLiteral("Board: the lesson '%1' declares no %2")
                                    .arg(QString::fromStdString(m_lesson->id), entry);
        m_undeclared << entry;
        // Asked from a binding or a paint: tell QML after it, not in the middle of it.
        QTimer::singleShot(0, const_cast<Board*>(this), &Board::undeclaredChanged);
    }
    return false;
}

QString Board::instanceOf(const OutputSpec& o, const QString& name) {
    // The lessons name a head's map "..l<layer>_h<head>" and a layer's "..layer<layer>", from 0.
    static const QRegularExpression head(QStringLiteral("l(\\d+)_h(\\d+)$")), layer(QStringLiteral("layer(\\d+)$"));
    if (const auto m = head.match(name); m.hasMatch())
        return tr("layer %1, head %2").arg(m.captured(1).toInt() + 1).arg(m.captured(2).toInt() + 1);
    if (const auto m = layer.match(name); m.hasMatch()) return tr("layer %1").arg(m.captured(1).toInt() + 1);
    if (name.endsWith(QLatin1String("/rollout"))) return tr("rollout (all layers)");  // attention rolled out through the layers
    QStringList parts;
    for (const std::string& part : o.instance(name.toStdString())) parts << QString::fromStdString(part);
    return parts.join(QStringLiteral(" / "));
}

QVariantMap Board::output(const QString& name) const {
    const OutputSpec* o = m_lesson ? m_lesson->output(name.toStdString()) : nullptr;
    if (!o) {
        declares(name.toStdString(), OutputKind::Scalar);  // warns and lists it
        return {};
    }
    auto tr = [&](const std::string& t) { return t.empty() ? QString() : trLesson(m_lesson->id, t); };
    return {{"name", name}, {"kind", QString::fromStdString(outputKindName(o->kind))}, {"title", tr(o->title)},
            {"instance", instanceOf(*o, name)}, {"xLabel", tr(o->xLabel)}, {"yLabel", tr(o->yLabel)},
            {"unit", QString::fromStdString(o->unit)}};
}

void Board::apply(std::vector<Frame>&& frames) {
    if (frames.empty()) return;
    for (Frame& f : frames) {
        // The lesson's markers join the parameter-change markers: "<title> <label>" ("epoch 2").
        for (const gradlab::Marker& m : f.markers) {
            const OutputSpec* o = m_lesson ? m_lesson->output(m.name) : nullptr;
            const QString title = o ? trLesson(m_lesson->id, o->title) : QString::fromStdString(m.name);
            m_markers.push_back({double(m.step), QString::fromStdString(m.name),
                                 m.label.empty() ? title : title + " " + QString::fromStdString(m.label), 0});
            ++m_markerRevision;
        }
        f.markers.clear();
        // What the frame's notes say in the status line, together; a warning among them makes all a warning.
        QStringList said;
        bool warns = false;
        for (const Note& n : f.notes)
            if (n.level != Note::Level::Record) {
                said << trNote(m_lesson ? m_lesson->id : std::string(), n);
                warns = warns || n.level == Note::Level::Warn;
            }
        if (!said.isEmpty()) m_said = said.join(' '), m_saidWarns = warns, m_saidStep = f.step, ++m_saidRevision;
        for (const Image& img : f.images) ++m_imageRevisions[img.name];
        for (const Series& se : f.series) ++m_seriesRevisions[se.name];
        for (const Scalar& sc : f.scalars) {
            m_envelopes[sc.name].append(double(f.stepOf(sc)), sc.value);
            ++m_scalarRevisions[sc.name];
        }
        m_rec.push(std::move(f));
    }
    m_rec.thin(kMaxPoints);
    ++m_revision;
    emit changed();
}

const Envelope* Board::envelope(const std::string& scalar) const {
    auto it = m_envelopes.find(scalar);
    return it == m_envelopes.end() ? nullptr : &it->second;
}

void Board::rebuildEnvelopes() {
    m_envelopes.clear();
    for (const std::string& name : m_rec.scalarNames()) {
        const Recorder::ScalarTrace* t = m_rec.scalar(name);
        Envelope& e = m_envelopes[name];
        for (std::size_t i = 0; i < t->steps.size(); ++i) e.append(t->steps[i], t->values[i]);
    }
}

void Board::setName(const QString& name) {
    if (name == m_name) return;
    m_name = name;
    ++m_revision;
    emit changed();
}

void Board::setOthers(const std::vector<const Board*>& ghosts, std::vector<Band> bands) {
    m_ghosts.assign(ghosts.begin(), ghosts.end());
    m_bands = std::move(bands);
    ++m_revision;
    emit changed();
}

void Board::setCursor(double step) {
    if (step < 0) step = -1;
    if (step == m_cursor) return;
    m_cursor = step;
    ++m_revision;
    emit changed();
}

void Board::othersMoved() {
    ++m_revision;
    emit changed();
}

std::vector<const Board*> Board::ghosts() const {
    std::vector<const Board*> out;
    for (const QPointer<const Board>& g : m_ghosts)
        if (g) out.push_back(g.data());
    return out;
}

quint64 Board::othersSignature() const {
    // FNV-style mixing of who is drawn and how far each has got.
    quint64 h = 1469598103934665603ull;
    auto mix = [&](quint64 v) { h = (h ^ v) * 1099511628211ull; };
    for (const QPointer<const Board>& g : m_ghosts) mix(quintptr(g.data())), mix(g ? quint64(g->revision()) : 0);
    for (const Band& b : m_bands)
        for (const QPointer<const Board>& m : b.members) mix(quintptr(m.data())), mix(m ? quint64(m->revision()) : 0);
    return h;
}

QStringList Board::imageNames() const {
    QStringList out;
    for (const auto& [name, image] : m_rec.images()) out << QString::fromStdString(name);
    return out;
}

void Board::copyUpTo(const Board& from, int64_t step) {
    m_rec = from.m_rec.upTo(step);
    m_markers = from.m_markers;
    std::erase_if(m_markers, [&](const Marker& m) { return m.step > double(step); });
    reviseAll();
    rebuildEnvelopes();
    ++m_markerRevision;
    ++m_revision;
    ++m_generation;
    emit changed();
}

void Board::clear() {
    m_rec.clear();
    m_envelopes.clear();
    m_markers.clear();
    reviseAll();
    ++m_revision;
    ++m_generation;
    emit changed();
}

void Board::restore(const nlohmann::json& history) {
    Recorder r = Recorder::fromJson(history.at("recorder"));
    std::vector<Marker> markers;
    for (const auto& m : history.at("markers"))
        markers.push_back({m.at("step").get<double>(), QString::fromStdString(m.at("key").get<std::string>()),
                           QString::fromStdString(m.at("label").get<std::string>())});
    // Images are not kept in checkpoints: the run re-sends them after loading.
    std::map<std::string, Image> images = m_rec.images();
    m_rec = std::move(r);
    for (auto& [name, img] : images) {
        Frame f{.step = m_rec.lastStep()};
        f.images.push_back(img);
        m_rec.push(std::move(f));
    }
    m_markers = std::move(markers);
    rebuildEnvelopes();
    reviseAll();
    ++m_revision;
    ++m_generation;
    emit changed();
}

nlohmann::json Board::save(std::size_t maxPoints) const {
    nlohmann::json markers = nlohmann::json::array();
    for (const Marker& m : m_markers)
        markers.push_back({{"step", m.step}, {"key", m.key.toStdString()}, {"label", m.label.toStdString()}});
    if (maxPoints == 0) return {{"recorder", m_rec.toJson()}, {"markers", std::move(markers)}};
    Recorder thinned = m_rec;
    for (int halvings = 0; halvings < 32; ++halvings) thinned.thin(maxPoints);  // each halves what is longer
    return {{"recorder", thinned.toJson()}, {"markers", std::move(markers)}};
}

void Board::addMarker(double step, const QString& key, const QString& label) {
    // Changes of one key less than 0.4 s apart (a dragged slider) make one marker: the first
    // step of the gesture, the final value.
    const qint64 now = m_clock.elapsed();
    if (!m_markers.empty() && m_markers.back().key == key && now - m_markers.back().wallMs < 400) {
        m_markers.back().label = label;
        m_markers.back().wallMs = now;
    } else {
        m_markers.push_back({step, key, label, now});
    }
    ++m_markerRevision;
    ++m_revision;
    emit changed();
}

void Board::reviseAll() {
    for (auto* revisions : {&m_scalarRevisions, &m_imageRevisions, &m_seriesRevisions})
        for (auto& [name, rev] : *revisions) ++rev;
}

int Board::outputRevision(const std::string& name, OutputKind kind) const {
    switch (kind) {
        case OutputKind::Scalar: return revisionIn(m_scalarRevisions, name);
        case OutputKind::Series: return seriesRevision(name);
        case OutputKind::Image:
        case OutputKind::HeatMap: return imageRevision(name);
        case OutputKind::Markers: return m_markerRevision;
    }
    return 0;
}

int Board::imageRevision(const std::string& name) const { return revisionIn(m_imageRevisions, name); }

int Board::seriesRevision(const std::string& name) const { return revisionIn(m_seriesRevisions, name); }

QStringList Board::notes() const {
    QStringList out;
    for (const auto& n : m_rec.notes()) out << QString::fromStdString(n);
    return out;
}

double Board::latest(const QString& scalar) const {
    declares(scalar.toStdString(), OutputKind::Scalar);
    const Recorder::ScalarTrace* t = m_rec.scalar(scalar.toStdString());
    return t && !t->values.empty() ? t->values.back() : std::numeric_limits<double>::quiet_NaN();
}

QStringList Board::keys(const QString& series) const {
    declares(series.toStdString(), OutputKind::Series);
    QStringList out;
    const Series* s = m_rec.series(series.toStdString());
    if (!s || s->textColumns.empty()) return out;
    const std::size_t nt = s->textColumns.size();
    for (std::size_t r = 0; r < s->rows(); ++r) {
        QString k = QString::fromStdString(s->text[r * nt]);
        if (!out.contains(k)) out << k;
    }
    return out;
}

QVariantList Board::column(const QString& series, const QString& column, const QString& key) const {
    declares(series.toStdString(), OutputKind::Series);
    QVariantList out;
    const Series* s = m_rec.series(series.toStdString());
    if (!s) return out;
    const std::string col = column.toStdString(), k = key.toStdString();
    const std::size_t nt = s->textColumns.size(), nn = s->numberColumns.size();
    for (std::size_t c = 0; c < nn; ++c) {
        if (s->numberColumns[c] != col) continue;
        for (std::size_t r = 0; r < s->rows(); ++r)
            if (k.empty() || (nt > 0 && s->text[r * nt] == k)) out << s->numbers[r * nn + c];
        return out;
    }
    for (std::size_t c = 0; c < nt; ++c) {
        if (s->textColumns[c] != col) continue;
        for (std::size_t r = 0; r < s->rows(); ++r)
            if (k.empty() || s->text[r * nt] == k) out << QString::fromStdString(s->text[r * nt + c]);
    }
    return out;
}

QColor Board::paletteColor(int index, bool dark) {
    static const QColor light[] = {QColor("#E69F00"), QColor("#56B4E9"), QColor("#009E73"), QColor("#D55E00"),
                                   QColor("#0072B2"), QColor("#CC79A7"), QColor("#B8A200"), QColor("#000000")};
    static const QColor darkPal[] = {QColor("#E69F00"), QColor("#56B4E9"), QColor("#009E73"), QColor("#D55E00"),
                                     QColor("#3D9BE0"), QColor("#CC79A7"), QColor("#F0E442"), QColor("#E0E0E0")};
    int i = ((index % 8) + 8) % 8;
    return dark ? darkPal[i] : light[i];
}

}  // namespace gradlab
