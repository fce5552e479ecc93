#include "window_place.h"

#include <algorithm>

namespace gradlab {

namespace {
// How much of the window's top strip must show for the student to reach it.
constexpr int kGrabWidth = 120, kGrabHeight = 24;

QRect fitted(QRect r, const QRect& screen) {
    r.setSize(r.size().boundedTo(screen.size()));
    r.moveLeft(std::clamp(r.left(), screen.left(), screen.right() + 1 - r.width()));
    r.moveTop(std::clamp(r.top(), screen.top(), screen.bottom() + 1 - r.height()));
    return r;
}
}  // namespace

QRect visiblePlace(const QRect& remembered, const QList<QRect>& screens, int primary) {
    if (screens.isEmpty()) return remembered;
    const QRect strip(remembered.topLeft(), QSize(remembered.width(), kGrabHeight));
    for (const QRect& s : screens) {
        const QRect shown = strip & s;
        if (shown.width() >= std::min(kGrabWidth, remembered.width()) && shown.height() >= kGrabHeight)
            return remembered.width() <= s.width() && remembered.height() <= s.height() ? remembered : fitted(remembered, s);
    }
    const QRect home = screens[std::clamp(primary, 0, int(screens.size()) - 1)];
    QRect r(QPoint(), remembered.size().boundedTo(home.size()));
    r.moveCenter(home.center());
    return fitted(r, home);
}

}  // namespace gradlab
