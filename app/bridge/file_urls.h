// What a file dialog returns, as the file the student meant.
#pragma once

#include <QUrl>

namespace gradlab {

// Qt's own (non-native) file dialog joins the folder it shows and a typed absolute path
// ("/home/me/Documents//tmp/x.png"): the absolute path wins. Other paths are cleaned
// ("a/./b" -> "a/b"); a non-file URL is read as a path.
QUrl cleanFileUrl(const QUrl& picked);
// The same as a local path ("" for an empty URL).
QString localPath(const QUrl& picked);

}  // namespace gradlab
