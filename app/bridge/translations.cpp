#include "app/bridge/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace gradlab {

bool Translations::use(const QString& code) {
    QCoreApplication::removeTranslator(&m_ours);
    QCoreApplication::removeTranslator(&m_qt);
    if (code == "en") return false;
    if (m_ours.load(QString(":/i18n/gradlab_%1.qm").arg(code))) QCoreApplication::installTranslator(&m_ours);
    const bool qt = m_qt.load("qt_" + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (qt) QCoreApplication::installTranslator(&m_qt);
    return qt;
}

}  // namespace gradlab
