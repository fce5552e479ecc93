// File dialog results made into the paths they mean.
#include "app/bridge/file_urls.h"

#include <QDir>

namespace gradlab {

QUrl cleanFileUrl(const QUrl& picked) {
    QString path = picked.isLocalFile() ? picked.toLocalFile() : picked.toString();
    const qsizetype doubled = path.lastIndexOf("//");  // a clean path never has one
    if (doubled >= 0) path = path.mid(doubled + 1);
    return path.isEmpty() ? QUrl() : QUrl::fromLocalFile(QDir::cleanPath(path));
}

QString localPath(const QUrl& picked) { return cleanFileUrl(picked).toLocalFile(); }

}  // namespace gradlab
