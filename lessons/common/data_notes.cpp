#include "lessons/common/data_notes.h"

#include "lessons/params.h"  // QT_TRANSLATE_NOOP

namespace gradlab::lessons {

namespace {

std::optional<Note> fallbackNote(const FoundDataset& found) {
    if (!found.fallback) return std::nullopt;
    if (found.data.train.synthetic)
        return Note(QT_TRANSLATE_NOOP("lessons", "%1 was not found: the pictures are the synthetic shapes instead "
                                                 "(generated, not real data)."),
                    {found.requested}, Note::Level::Tell);
    return Note(QT_TRANSLATE_NOOP("lessons", "%1 was not found: the pictures come from %2 instead."),
                {found.requested, found.used}, Note::Level::Tell);
}

}  // namespace

DataNotes::DataNotes(const FoundDataset& found)
    : m_report(found.report), m_fallback(fallbackNote(found)), m_synthetic(found.data.train.synthetic) {}

void DataNotes::push(Frame& f) const {
    f.notes.push_back(m_report);
    if (m_fallback) f.notes.push_back(*m_fallback);
}

std::vector<Note> unusablePictureNotes(const Error& e) {
    // Two notes, said one after the other: the reason in the student's language where the error has its words.
    return {Note(QT_TRANSLATE_NOOP("lessons", "Your picture cannot be used, so the test picture is shown:"), {}, Note::Level::Warn),
            e.said() ? Note(e.said()->text, e.said()->args, Note::Level::Warn) : Note("%1", {e.what()}, Note::Level::Warn)};
}

}  // namespace gradlab::lessons
