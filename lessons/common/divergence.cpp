#include "lessons/common/divergence.h"

#include <cmath>
#include <cstdio>

#include "lessons/params.h"  // QT_TRANSLATE_NOOP

namespace gradlab::lessons {

namespace {

std::string shortNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

}  // namespace

Note divergedNote(const std::string& part, int64_t step, double loss, double lr, bool others, bool clippingOff,
                  bool atStart) {
    // The loss as the student would read it: NaN, ∞, or the number beyond the lesson's bound.
    const std::string l = std::isnan(loss) ? "NaN" : std::isinf(loss) ? "∞" : shortNumber(loss);
    // The part's name is an argument the GUI translates in the lesson's context (or "lessons").
    std::vector<std::string> args = {part.empty() ? QT_TRANSLATE_NOOP("lessons", "The network") : part,
                                     std::to_string(step), l, shortNumber(lr)};
    const char* text =
        atStart ? (others ? QT_TRANSLATE_NOOP("lessons",
                                              "%1 had the loss %3 at step %2, before any update: its starting weights "
                                              "already make the output overflow, so no learning rate is to blame. It "
                                              "stopped, the others go on: start with smaller weights (a smaller weight "
                                              "scale or another initialisation) and press Reset.")
                          : QT_TRANSLATE_NOOP("lessons",
                                              "%1 had the loss %3 at step %2, before any update: its starting weights "
                                              "already make the output overflow, so no learning rate is to blame. "
                                              "Training stopped: start with smaller weights (a smaller weight scale or "
                                              "another initialisation) and press Reset."))
        : clippingOff ? (others ? QT_TRANSLATE_NOOP("lessons",
                                                  "%1 diverged at step %2 (loss %3). Gradient clipping is off, so one "
                                                  "large gradient can throw the weights far out. It stopped, the others go "
                                                  "on: turn clipping on (1 is a good start) or lower the learning rate %4, "
                                                  "then press Reset or go back on the timeline to before step %2.")
                              : QT_TRANSLATE_NOOP("lessons",
                                                  "%1 diverged at step %2 (loss %3). Gradient clipping is off, so one "
                                                  "large gradient can throw the weights far out. Training stopped: turn "
                                                  "clipping on (1 is a good start) or lower the learning rate %4, then "
                                                  "press Reset or go back on the timeline to before step %2."))
        : others ? QT_TRANSLATE_NOOP("lessons",
                                     "%1 diverged at step %2 (loss %3); its learning rate %4 is likely too high. "
                                     "It stopped, the others go on: lower the rate and press Reset, or go back "
                                     "on the timeline to before step %2.")
                 : QT_TRANSLATE_NOOP("lessons",
                                     "%1 diverged at step %2 (loss %3); the learning rate %4 is likely too high. "
                                     "Training stopped: lower the rate and press Reset, or go back on the "
                                     "timeline to before step %2.");
    Note n(text, std::move(args));
    n.level = Note::Level::Warn;
    return n;
}

DivergenceWatch::DivergenceWatch(std::vector<std::string> parts)
    : m_parts(std::move(parts)), m_stopped(m_parts.size(), false), m_training(m_parts.size(), true),
      m_started(m_parts.size(), false) {}

bool DivergenceWatch::check(std::size_t i, double loss, int64_t step, double lr, Frame& f, double bound) {
    if (m_stopped.at(i)) return true;
    const bool first = !m_started.at(i);
    m_started[i] = true;
    if (!diverged(loss, first ? HUGE_VAL : bound)) return false;
    m_stopped[i] = true;
    if (m_toldIn != &f || m_toldAt != step) m_told.clear();
    m_toldIn = &f;
    m_toldAt = step;
    const bool atStart = first && step <= 1;  // a run resumed later starts from weights it trained
    m_told.push_back({f.notes.size(), i, loss, lr, atStart});
    f.notes.push_back(divergedNote(m_parts[i], step, loss, lr, anyRunning(), m_clippingOff, atStart));
    if (!anyRunning())  // the parts that stopped before in this step stopped the run with it
        for (const Told& t : m_told)
            if (t.note < f.notes.size())
                f.notes[t.note] = divergedNote(m_parts[t.part], step, t.loss, t.lr, false, m_clippingOff, t.atStart);
    return true;
}

bool DivergenceWatch::anyRunning() const {
    for (std::size_t i = 0; i < m_parts.size(); ++i)
        if (m_training[i] && !m_stopped[i]) return true;
    return false;
}

}  // namespace gradlab::lessons
