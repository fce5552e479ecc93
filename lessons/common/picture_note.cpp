#include "lessons/common/picture_note.h"

#include "lessons/params.h"  // QT_TRANSLATE_NOOP

namespace gradlab::lessons {

Note unusablePictureNote(const std::string& reason) {
    Note n(QT_TRANSLATE_NOOP("lessons", "Your picture cannot be used, so the test picture is shown: %1"), {reason});
    n.warning = true;
    return n;
}

}  // namespace gradlab::lessons
