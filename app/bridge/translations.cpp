#include "app/bridge/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace gradlab {
namespace {

// Qt's words that Debian's qt6-translations-l10n (Qt 6.4) lacks: the labels of Qt Quick's own
// file dialog (qsTr in its FileDialog.qml). Named here so that lupdate keeps them in our catalogue,
// which answers where Qt's has nothing.
[[maybe_unused]] constexpr const char* kQtWordsWeTranslate[] = {
    QT_TRANSLATE_NOOP("FileDialog", "File name"),
    QT_TRANSLATE_NOOP("FileDialog", "Filter"),
};

}  // namespace

bool Translations::use(const QString& code) {
    QCoreApplication::removeTranslator(&m_ours);
    QCoreApplication::removeTranslator(&m_qt);
    if (code == "en") return false;
    if (m_ours.load(QString("%1/gradlab_%2.qm").arg(m_oursFolder, code))) QCoreApplication::installTranslator(&m_ours);
    const bool qt = m_qt.load("qt_" + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (qt) QCoreApplication::installTranslator(&m_qt);
    return qt;
}

}  // namespace gradlab
