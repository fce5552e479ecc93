// Where the main window opens: where the student left it, if that is still on a screen.
#pragma once

#include <QList>
#include <QRect>

namespace gradlab {

// `remembered` (the window's frame as the settings hold it) kept where its top strip (the part a
// student grabs to move it) still shows on one of `screens` (their available areas) and shrunk to
// fit that screen; otherwise, as when a monitor has been unplugged, the same size (shrunk to fit)
// in the middle of `screens[primary]`. No screens: `remembered` unchanged.
QRect visiblePlace(const QRect& remembered, const QList<QRect>& screens, int primary = 0);

}  // namespace gradlab
