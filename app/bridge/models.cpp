// The lesson list and parameter models.
#include "app/bridge/models.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"

namespace gradlab {

namespace {
// The class names of engine/data/dataset.cpp, for lupdate (the engine has no Qt).
[[maybe_unused]] const char* const kClassNames[] = {
    QT_TRANSLATE_NOOP("classes", "T-shirt/top"), QT_TRANSLATE_NOOP("classes", "Trouser"),
    QT_TRANSLATE_NOOP("classes", "Pullover"),    QT_TRANSLATE_NOOP("classes", "Dress"),
    QT_TRANSLATE_NOOP("classes", "Coat"),        QT_TRANSLATE_NOOP("classes", "Sandal"),
    QT_TRANSLATE_NOOP("classes", "Shirt"),       QT_TRANSLATE_NOOP("classes", "Sneaker"),
    QT_TRANSLATE_NOOP("classes", "Bag"),         QT_TRANSLATE_NOOP("classes", "Ankle boot"),
    QT_TRANSLATE_NOOP("classes", "horizontal bar"), QT_TRANSLATE_NOOP("classes", "vertical bar"),
    QT_TRANSLATE_NOOP("classes", "diagonal bar"),   QT_TRANSLATE_NOOP("classes", "disc"),
    QT_TRANSLATE_NOOP("classes", "ring"),           QT_TRANSLATE_NOOP("classes", "square"),
    QT_TRANSLATE_NOOP("classes", "plus"),           QT_TRANSLATE_NOOP("classes", "triangle"),
    QT_TRANSLATE_NOOP("classes", "two dots"),       QT_TRANSLATE_NOOP("classes", "X")};
}  // namespace

QString trClass(const std::string& name) { return QCoreApplication::translate("classes", name.c_str()); }

QString trLesson(const std::string& context, const std::string& text) {
    if (text.empty()) return {};
    const QString english = QString::fromStdString(text);
    QString t = QCoreApplication::translate(context.c_str(), text.c_str());
    if (t == english) t = QCoreApplication::translate("lessons", text.c_str());
    if (t == english) t = QCoreApplication::translate("errors", text.c_str());  // an error's words (Said)
    return t;
}

QString trChoice(const std::string& lesson, const ParamSpec& p, const std::string& choice) {
    return trLesson(lesson, p.shownChoice(choice));
}

QString trNote(const std::string& lesson, const Note& note) {
    static const QRegularExpression number(QStringLiteral("^[-+]?[0-9]+\\.[0-9]+(e[-+]?[0-9]+)?$"));
    QString t = trLesson(lesson, note.text);
    for (std::size_t i = 0; i < note.args.size() && i < 9; ++i) {
        const QString arg = QString::fromStdString(note.args[i]);
        t.replace(QLatin1Char('%') + QChar(char16_t(u'1' + i)),
                  number.match(arg).hasMatch() ? shownNumber(arg) : trLesson(lesson, note.args[i]));
    }
    return t;
}

QString trError(const std::exception& e, const std::string& lesson) {
    if (const auto* err = dynamic_cast<const Error*>(&e); err && err->said())
        return trNote(lesson, Note(err->said()->text, err->said()->args));
    return QString::fromUtf8(e.what());
}

QString shownNumber(double v, char format, int precision) { return shownNumber(QString::number(v, format, precision)); }

QString shownNumber(QString cNumber) {
    const QString point = QLocale().decimalPoint();
    return point == QLatin1String(".") ? cNumber : cNumber.replace(QLatin1Char('.'), point);
}

// ---------------------------------------------------------------- lessons
int LessonListModel::rowCount(const QModelIndex&) const { return int(allLessons().size()); }

QVariant LessonListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const LessonSpec& l = allLessons()[std::size_t(index.row())];
    switch (role) {
        case IdRole: return QString::fromStdString(l.id);
        case TitleRole: return trLesson("lessons", l.title);
        case SummaryRole: return trLesson("lessons", l.summary);
        case IconRole: {  // resources/icons/<id>.svg, or the lab's own icon for a lesson without one
            const QString id = QString::fromStdString(l.id);
            return QFile::exists(":/icons/" + id + ".svg") ? id : QStringLiteral("gradlab");
        }
    }
    return {};
}

QHash<int, QByteArray> LessonListModel::roleNames() const {
    return {{IdRole, "lessonId"}, {TitleRole, "title"}, {SummaryRole, "summary"}, {IconRole, "iconName"}};
}

int LessonListModel::indexOf(const QString& id) const {
    for (int i = 0; i < rowCount(); ++i)
        if (allLessons()[std::size_t(i)].id == id.toStdString()) return i;
    return -1;
}

QString LessonListModel::idAt(int row) const {
    return row >= 0 && row < rowCount() ? QString::fromStdString(allLessons()[std::size_t(row)].id) : QString();
}

void LessonListModel::retranslate() { emit dataChanged(index(0), index(rowCount() - 1)); }

// ---------------------------------------------------------------- parameters
void ParamModel::setLesson(const LessonSpec* lesson, const Params& values, const Params& applied) {
    beginResetModel();
    m_lesson = lesson;
    m_values = values;
    m_applied = applied;
    m_rows = relevantRows();
    endResetModel();
    emit pendingResetChanged();
    emit valuesChanged();
}

void ParamModel::markApplied() {
    m_applied = m_values;
    emit valuesChanged();
    if (rowCount() > 0) emit dataChanged(index(0), index(rowCount() - 1), {PendingRole});
    emit pendingResetChanged();
}

bool ParamModel::pendingReset() const {
    if (!m_lesson) return false;
    for (const ParamSpec& p : m_lesson->params)
        if (!p.live && !(m_values.value(p.key) == m_applied.value(p.key))) return true;
    return false;
}

QString ParamModel::change(const QString& key, const QVariant& value, bool* live, ParamValue* parsed, bool* changed) {
    if (!m_lesson) return tr("No lesson is open.");
    const ParamSpec* p = m_lesson->find(key.toStdString());
    if (!p) return tr("Unknown parameter %1.").arg(key);
    try {
        ParamValue v;
        if (p->isText()) {
            QString text = value.toString();
            if (p->kind == ParamKind::File && text.startsWith("file:")) text = QUrl(text).toLocalFile();
            v = m_lesson->parseValue(*p, text.toStdString());
        } else if (value.typeId() == QMetaType::Bool) {
            v.number = value.toBool() ? 1 : 0;
            m_lesson->validate(*p, v);
        } else if (value.typeId() == QMetaType::QString) {
            v = m_lesson->parseValue(*p, value.toString().toStdString());
        } else {
            bool ok = false;
            v.number = value.toDouble(&ok);
            if (!ok) return tr("%1 expects a number.").arg(trLesson(m_lesson->id, p->label));
            if (p->kind == ParamKind::Integer) v.number = std::round(v.number);
            m_lesson->validate(*p, v);
        }
        *live = p->live;
        *parsed = v;
        *changed = p->isAction() || !(m_values.value(p->key) == v);
        if (p->isAction()) return {};  // done, not kept: the parameter still reads ""
        if (!*changed) return {};
        bool wasPending = pendingReset();
        m_values.assign(p->key, v);
        if (p->live) m_applied.assign(p->key, v);
        if (int row = indexOf(key); row >= 0) emit dataChanged(index(row), index(row));
        showRows(relevantRows());  // the change may show or hide others (a new surface and its own knobs)
        if (wasPending != pendingReset()) emit pendingResetChanged();
        emit valuesChanged();
        return {};
    } catch (const Error& e) {
        return refusal(*p, value, e);
    }
}

QString ParamModel::refusal(const ParamSpec& p, const QVariant& value, const Error& e) const {
    // A number outside what the parameter takes, said in the student's language with its label
    // (the engine's own words, "cnn: lr = 1000000000 is out of range [1e-05, 1]", are English
    // and name the key).
    if (p.kind == ParamKind::Number || p.kind == ParamKind::Integer) {
        const QString label = trLesson(m_lesson->id, p.label);
        bool ok = false;
        const double v = value.typeId() == QMetaType::QString ? value.toString().trimmed().toDouble(&ok) : value.toDouble(&ok);
        if (!ok || !std::isfinite(v)) return tr("%1 expects a number.").arg(label);
        if (v < p.min || v > p.max)
            return tr("%1 must lie between %2 and %3.").arg(label, shownNumber(p.min, 'g', 6), shownNumber(p.max, 'g', 6));
        if (p.kind == ParamKind::Integer && v != std::floor(v)) return tr("%1 must be a whole number.").arg(label);
    }
    return trError(e, m_lesson->id);
}

int ParamModel::rowCount(const QModelIndex&) const { return m_lesson ? int(m_rows.size()) : 0; }

std::vector<std::size_t> ParamModel::relevantRows() const {
    std::vector<std::size_t> rows;
    if (!m_lesson) return rows;
    for (std::size_t i = 0; i < m_lesson->params.size(); ++i)
        if (m_lesson->params[i].inPanel && m_lesson->params[i].relevant(m_values)) rows.push_back(i);
    return rows;
}

void ParamModel::showRows(const std::vector<std::size_t>& rows) {
    // Both lists are in the lesson's order. Rows that go are removed, from the last; what is
    // left is then in `rows` in the same order, and the rows that come are inserted where they go.
    for (std::size_t r = m_rows.size(); r-- > 0;)
        if (!std::binary_search(rows.begin(), rows.end(), m_rows[r])) {
            beginRemoveRows({}, int(r), int(r));
            m_rows.erase(m_rows.begin() + std::ptrdiff_t(r));
            endRemoveRows();
        }
    for (std::size_t r = 0; r < rows.size(); ++r)
        if (r >= m_rows.size() || m_rows[r] != rows[r]) {
            beginInsertRows({}, int(r), int(r));
            m_rows.insert(m_rows.begin() + std::ptrdiff_t(r), rows[r]);
            endInsertRows();
        }
}

QVariant ParamModel::data(const QModelIndex& index, int role) const {
    if (!m_lesson || !index.isValid() || index.row() >= rowCount()) return {};
    const ParamSpec& p = spec(index.row());
    const ParamValue& v = m_values.value(p.key);
    switch (role) {
        case KeyRole: return QString::fromStdString(p.key);
        case LabelRole: return trLesson(m_lesson->id, p.label);
        case HelpRole: return trLesson(m_lesson->id, p.help);
        case KindRole: return QString::fromStdString(kindName(p.kind));
        case MinRole: return p.min;
        case MaxRole: return p.max;
        case ValueRole: return v.number;
        case TextRole: return QString::fromStdString(v.text);
        case ChoicesRole: {
            QStringList c;
            for (const auto& s : p.choices) c << QString::fromStdString(s);
            return c;
        }
        case ChoiceLabelsRole: {  // what the panel shows for each choice, in the lesson's language
            QStringList c;
            for (const auto& s : p.choices) c << trChoice(m_lesson->id, p, s);
            return c;
        }
        case LogScaleRole: return p.logScale;
        case LiveRole: return p.live;
        case UnitRole: return p.unit.empty() ? QString() : trLesson(m_lesson->id, p.unit);
        case GroupRole: return trLesson(m_lesson->id, p.group);
        case PendingRole: return !p.live && !(v == m_applied.value(p.key));
    }
    return {};
}

QHash<int, QByteArray> ParamModel::roleNames() const {
    return {{KeyRole, "key"},          {LabelRole, "label"},     {HelpRole, "help"},
            {KindRole, "kind"},        {MinRole, "minimum"},     {MaxRole, "maximum"},
            {ValueRole, "number"},     {TextRole, "text"},       {ChoicesRole, "choices"},
            {ChoiceLabelsRole, "choiceLabels"},                  {LogScaleRole, "logScale"},
            {LiveRole, "live"},        {UnitRole, "unit"},       {GroupRole, "group"},
            {PendingRole, "pending"}};
}

int ParamModel::indexOf(const QString& key) const {
    if (!m_lesson) return -1;
    for (std::size_t r = 0; r < m_rows.size(); ++r)
        if (m_lesson->params[m_rows[r]].key == key.toStdString()) return int(r);
    return -1;
}

QString ParamModel::hint(const QString& key, bool byKeyboard) const {
    const ParamSpec* p = m_lesson ? m_lesson->find(key.toStdString()) : nullptr;
    if (!p || !p->inPanel) return {};
    const QString label = trLesson(m_lesson->id, p->label);
    if (indexOf(key) >= 0)
        return (byKeyboard ? tr("%1: Enter takes you to it among the parameters") : tr("%1: click to show it among the parameters")).arg(label);
    const ParamSpec* on = m_lesson->find(p->onlyWhenKey);
    if (!on) return label;
    QStringList values;
    for (const std::string& v : p->onlyWhenValues) values << trChoice(m_lesson->id, *on, v);
    return tr("%1: among the parameters when %2 is %3").arg(label, trLesson(m_lesson->id, on->label), values.join(" / "));
}

int ParamModel::rowFor(const QString& key) const {
    const ParamSpec* p = m_lesson ? m_lesson->find(key.toStdString()) : nullptr;
    if (!p || !p->inPanel) return -1;
    const int own = indexOf(key);
    return own >= 0 || p->onlyWhenKey.empty() ? own : indexOf(QString::fromStdString(p->onlyWhenKey));
}

QString ParamModel::word(const QString& key, const QString& choice) const {
    const ParamSpec* p = m_lesson ? m_lesson->find(key.toStdString()) : nullptr;
    return p ? trChoice(m_lesson->id, *p, choice.toStdString()) : choice;
}

QStringList ParamModel::choices(const QString& key) const {
    const ParamSpec* p = m_lesson ? m_lesson->find(key.toStdString()) : nullptr;
    QStringList c;
    if (p && (p->kind == ParamKind::Choice || p->kind == ParamKind::Set))
        for (const std::string& s : p->choices) c << QString::fromStdString(s);
    return c;
}

QVariantMap ParamModel::toMap(const Params& p) const {
    QVariantMap m;
    if (!m_lesson) return m;
    for (const ParamSpec& s : m_lesson->params) {
        const ParamValue& v = p.value(s.key);
        m.insert(QString::fromStdString(s.key), s.isText() ? QVariant(QString::fromStdString(v.text)) : QVariant(v.number));
    }
    return m;
}

QVariant ParamModel::value(const QString& key) const {
    if (!m_lesson) return {};
    const ParamSpec* p = m_lesson->find(key.toStdString());
    if (!p) return {};
    const ParamValue& v = m_values.value(p->key);
    if (p->isText()) return QString::fromStdString(v.text);
    return v.number;
}

void ParamModel::retranslate() {
    if (rowCount() > 0) emit dataChanged(index(0), index(rowCount() - 1));
}

const QList<QByteArray>& RunListModel::keys() {
    static const QList<QByteArray> k{"runId", "name", "changes", "seed", "metric", "status", "shown", "current", "seeds"};
    return k;
}

QHash<int, QByteArray> RunListModel::roleNames() const {
    QHash<int, QByteArray> r;
    for (int i = 0; i < keys().size(); ++i) r[Qt::UserRole + 1 + i] = keys()[i];
    return r;
}

QVariant RunListModel::data(const QModelIndex& index, int role) const {
    const int k = role - Qt::UserRole - 1;
    if (!index.isValid() || index.row() >= m_rows.size() || k < 0 || k >= keys().size()) return {};
    return m_rows[index.row()].value(QString::fromLatin1(keys()[k]));
}

void RunListModel::setRows(QList<QVariantMap> rows) {
    bool same = rows.size() == m_rows.size();
    for (qsizetype i = 0; same && i < rows.size(); ++i) same = rows[i].value("runId") == m_rows[i].value("runId");
    if (!same) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        emit countChanged();
        return;
    }
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows[i] == m_rows[i]) continue;
        m_rows[i] = std::move(rows[i]);
        emit dataChanged(index(int(i)), index(int(i)));
    }
}

}  // namespace gradlab
