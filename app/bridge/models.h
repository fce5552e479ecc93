// List models for QML: the lessons (for the lesson list), the current lesson's parameters (for
// the generated parameter panel) and its runs (for the runs panel). Labels come from the
// LessonSpec, translated here.
#pragma once

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include "lessons/lesson.h"

namespace gradlab {

class Error;

// Translation of a string marked with QT_TRANSLATE_NOOP in the lessons (context first, then
// the shared "lessons" context).
QString trLesson(const std::string& context, const std::string& text);
// The word the panel shows for one of a parameter's choices, in the interface's language
// (ParamSpec::shownChoice, translated in the lesson's context).
QString trChoice(const std::string& lesson, const ParamSpec& p, const std::string& choice);
// A lesson's note as the interface says it: its text translated in the lesson's context,
// then its arguments filled in, each translated in the lesson's context where it has a translation
// (a network's name) and numbers written as the interface's language writes them.
QString trNote(const std::string& lesson, const Note& note);
// An error as the student reads it: its words (Error::said) in the interface's language, else its
// English text (an error nobody gave words, the JSON library's, the file system's).
QString trError(const std::exception& e, const std::string& lesson = {});
// A number as the interface's language writes it: the digits of C's QString::number (no group
// separators, "1e-05" as it is) with the language's decimal point, "0,05" in German
// (LabController::setLanguage sets the default QLocale). Files (CSV, JSON, the CLI's output)
// keep C's "0.05"; a number typed into the panel may use either.
QString shownNumber(double v, char format = 'g', int precision = 6);
QString shownNumber(QString cNumber);  // the same for a number C already wrote
// A data set's class name as the interface shows it (context "classes"; digits and unknown names
// stay as they are). The engine names the classes; models.cpp lists them for the translators.
QString trClass(const std::string& name);

class LessonListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the LabController")
public:
    enum Role { IdRole = Qt::UserRole + 1, TitleRole, SummaryRole, IconRole };
    explicit LessonListModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}
    int rowCount(const QModelIndex& = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE int indexOf(const QString& id) const;
    Q_INVOKABLE QString idAt(int row) const;  // "" when out of range
    void retranslate();  // after a language change
};

class ParamModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the LabController")
    Q_PROPERTY(bool pendingReset READ pendingReset NOTIFY pendingResetChanged)
    // Every value by key (numbers, or text for choices, sets and files), for bindings that must
    // follow changes: `values` as the panel shows them, `applied` as the running lesson has them
    // (a page lays out what it shows by these: heads, layers, the surface).
    Q_PROPERTY(QVariantMap values READ valuesMap NOTIFY valuesChanged)
    Q_PROPERTY(QVariantMap applied READ appliedMap NOTIFY valuesChanged)
public:
    enum Role {
        KeyRole = Qt::UserRole + 1, LabelRole, HelpRole, KindRole, MinRole, MaxRole, ValueRole, TextRole,
        ChoicesRole, ChoiceLabelsRole, LogScaleRole, LiveRole, UnitRole, GroupRole, PendingRole
    };
    explicit ParamModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}

    void setLesson(const LessonSpec* lesson, const Params& values) { setLesson(lesson, values, values); }
    void setLesson(const LessonSpec* lesson, const Params& values, const Params& applied);
    const LessonSpec* lesson() const { return m_lesson; }
    // The values the panel shows (running values plus changes that wait for a reset).
    const Params& values() const { return m_values; }
    // The values the running session was started with, updated by live changes.
    const Params& applied() const { return m_applied; }
    void markApplied();  // after a reset: the shown values are the running ones
    bool pendingReset() const;

    // Validates and stores a change; returns an error message (empty when accepted).
    // `live` tells whether it can go to the running lesson now, `changed` whether the value differs
    // from the one it had (the same value again changes nothing).
    QString change(const QString& key, const QVariant& value, bool* live, ParamValue* parsed, bool* changed);

    int rowCount(const QModelIndex& = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE int indexOf(const QString& key) const;
    Q_INVOKABLE QVariant value(const QString& key) const;  // number, or text for choices/sets
    // What a link to parameter `key` in the lesson's text says on hover (or, byKeyboard, when Tab
    // reached it): its label, and where the panel has it (or with which setting it appears);
    // empty for a key the panel does not have.
    Q_INVOKABLE QString hint(const QString& key, bool byKeyboard = false) const;
    // The row a link to `key` leads to: the parameter's own, or while the panel does not show it,
    // that of the parameter it appears with (a schedule's factor: the schedule); -1 for none.
    Q_INVOKABLE int rowFor(const QString& key) const;
    // The word the panel shows for `choice` of the choice or set `key`, in the student's language
    // (the choice itself where the lesson gives none): for a page that names a value in a title.
    Q_INVOKABLE QString word(const QString& key, const QString& choice) const;
    // The choices of the choice or set `key`, in the lesson's order (empty for another key).
    Q_INVOKABLE QStringList choices(const QString& key) const;
    QVariantMap valuesMap() const { return toMap(m_values); }
    QVariantMap appliedMap() const { return toMap(m_applied); }
    void retranslate();

signals:
    void pendingResetChanged();
    void valuesChanged();

private:
    QVariantMap toMap(const Params& p) const;
    const ParamSpec& spec(int row) const { return m_lesson->params[m_rows[std::size_t(row)]]; }
    // The rows: the lesson's parameters that matter with the values shown (see ParamSpec::onlyWhen).
    std::vector<std::size_t> relevantRows() const;
    // Shows `rows` (relevantRows()) by removing and inserting only the rows that differ: the
    // others keep their delegates, so the panel keeps its place and a control in use keeps the
    // keyboard (a reset made every row anew and scrolled the panel back to its top).
    void showRows(const std::vector<std::size_t>& rows);
    // Why `value` was refused, in the student's language where it can be said (a number out of range).
    QString refusal(const ParamSpec& p, const QVariant& value, const Error& e) const;
    std::vector<std::size_t> m_rows;

    const LessonSpec* m_lesson = nullptr;
    Params m_values, m_applied;
};

// The runs panel: one row per run of the lesson on screen, as the controller describes them
// (keys: runId, name, changes, seed, metric, status, shown, current, seeds). setRows() changes
// rows in place while the runs stay the same, so a name being edited keeps its field.
class RunListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The runs belong to the LabController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setRows(QList<QVariantMap> rows);
    Q_INVOKABLE QVariantMap get(int row) const { return row >= 0 && row < m_rows.size() ? m_rows[row] : QVariantMap(); }

signals:
    void countChanged();

private:
    static const QList<QByteArray>& keys();
    QList<QVariantMap> m_rows;
};

}  // namespace gradlab
