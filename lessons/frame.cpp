// mergeFrame: many steps' frames as one (the GUI's session sends one per batch of steps).
#include "lessons/frame.h"

#include <iterator>

#include "engine/core/error.h"

namespace gradlab {

std::string Note::english() const { return Said{text, args}.english(); }

void mergeFrame(Frame& into, Frame&& later) {
    for (std::size_t i = into.scalarsWithStep; i < into.scalars.size(); ++i)
        if (into.scalars[i].step < 0) into.scalars[i].step = into.step;
    for (Scalar& sc : later.scalars) {
        if (sc.step < 0) sc.step = later.step;
        into.scalars.push_back(std::move(sc));
    }
    into.scalarsWithStep = into.scalars.size();
    for (Series& s : later.series) {
        Series* have = nullptr;
        for (Series& h : into.series)
            if (h.name == s.name) have = &h;
        if (have && s.mode == Series::Mode::Append && have->mode == Series::Mode::Append &&
            have->numberColumns == s.numberColumns && have->textColumns == s.textColumns) {
            have->text.insert(have->text.end(), std::make_move_iterator(s.text.begin()), std::make_move_iterator(s.text.end()));
            have->numbers.insert(have->numbers.end(), s.numbers.begin(), s.numbers.end());
        } else if (have && s.mode == Series::Mode::Replace) {
            *have = std::move(s);
        } else {
            into.series.push_back(std::move(s));  // a replace followed by appends stays in order
        }
    }
    for (Image& img : later.images) {
        bool replaced = false;
        for (Image& h : into.images)
            if (h.name == img.name) h = std::move(img), replaced = true;
        if (!replaced) into.images.push_back(std::move(img));
    }
    for (Marker& m : later.markers) into.markers.push_back(std::move(m));
    for (Note& n : later.notes) into.notes.push_back(std::move(n));
    into.step = later.step;
}

}  // namespace gradlab
