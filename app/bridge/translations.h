// The interface's language: our own catalogue (compiled in, :/i18n/gradlab_<code>.qm) and Qt's
// (a dialog's Close and Cancel, the file dialog), read from Qt's translations folder, which
// Debian's qt6-translations-l10n fills; without that package Qt's few words stay English.
#pragma once

#include <QString>
#include <QTranslator>

namespace gradlab {

class Translations {
public:
    // `ours`: the folder of our catalogues (the tests read the ones the build compiled).
    explicit Translations(QString ours = QStringLiteral(":/i18n")) : m_oursFolder(std::move(ours)) {}
    // Installs the catalogues of `code` ("de", "zh_CN") in place of the ones before; "en" (the
    // source language) installs none. Returns whether Qt's own catalogue was found.
    bool use(const QString& code);

private:
    QString m_oursFolder;
    QTranslator m_ours, m_qt;
};

}  // namespace gradlab
