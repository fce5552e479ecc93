// When training blows up. A DivergenceWatch watches the parts of a run (racers, networks) for a
// loss that is no longer a finite number, or beyond a bound the lesson names. The first time a
// part's loss is, it says so in a note (which part, at which step, its loss, the likely cause: the
// learning rate, gradient clipping turned off, or starting weights that overflow; what to do) and marks the part stopped: the
// lesson skips that part's training from then on, and a run whose every part has stopped is
// finished (Run::finished), so that the run ends on the note instead of charting NaN for ever. The
// student lowers the rate (or turns clipping on) and presses Reset, or goes back on the timeline
// to a step before the divergence and goes on from there.
//
// The watch is not saved: a diverged network's weights are NaN, and a checkpoint holding them is
// refused on load anyway.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "lessons/frame.h"

namespace gradlab::lessons {

// The note for part `part` ("SGD", "LSTM"; empty: "The network") whose loss became `loss` at
// step `step` with learning rate `lr`; `others` says whether other parts of the run train on.
// `clippingOff`: the lesson clips gradients and the student has turned it off. Then one large
// gradient is enough to throw the weights out (a recurrent net started with large weights does
// so at any learning rate), and the note names clipping before the rate. `atStart`: the loss is
// that of the starting weights, before any update (the run's first step), so no rate or
// clipping made it: the note says the starting weights are too large.
Note divergedNote(const std::string& part, int64_t step, double loss, double lr, bool others, bool clippingOff = false,
                  bool atStart = false);

// A loss beyond a million is diverged: the lessons' cross-entropies start near ln(classes) and
// their squared errors near 1, and no network gets there by learning (the residual stack of the
// deep lesson starts near a thousand).
inline constexpr double kDivergedLoss = 1e6;

// Whether a loss says its network has diverged.
inline bool diverged(double loss, double bound = kDivergedLoss) { return !std::isfinite(loss) || loss > bound; }

class DivergenceWatch {
public:
    // `parts` names the parts as the student reads them ("LSTM", "The plain network"); one empty
    // name: the run's only network.
    explicit DivergenceWatch(std::vector<std::string> parts = {std::string()});

    // Whether part `i` is stopped after this step's `loss`: the first time the loss is not finite
    // (or above `bound`) the part's note goes into `f`. The first loss a part reports is that of
    // its weights before any update, which no learning rate made: only a number that is not
    // finite counts there (a recurrent net started with a large weight scale may begin above the
    // bound and still train, with clipping).
    bool check(std::size_t i, double loss, int64_t step, double lr, Frame& f, double bound = kDivergedLoss);
    // For a lesson that clips gradients: the norm they are clipped at now (0: off), which the
    // note's advice follows. A lesson that never calls this has no clipping to suggest.
    void setClipping(double maxNorm) { m_clippingOff = maxNorm <= 0; }
    bool stopped(std::size_t i) const { return m_stopped.at(i); }
    // Whether a part that has not diverged trains on; one that rests (its epochs done, halted by
    // early stopping) does not count among "the others go on". Every part trains at first.
    void setTraining(std::size_t i, bool training) { m_training.at(i) = training; }
    bool anyRunning() const;  // whether any part trains and has not diverged

private:
    std::vector<std::string> m_parts;
    std::vector<bool> m_stopped, m_training, m_started;
    bool m_clippingOff = false;
    // The notes of this step's frame, kept to be rewritten when a later part of the same step
    // stops the last one running: the earlier ones said "the others go on".
    struct Told {
        std::size_t note, part;
        double loss, lr;
        bool atStart;
    };
    const Frame* m_toldIn = nullptr;
    int64_t m_toldAt = -1;  // the step of m_told
    std::vector<Told> m_told;
};

}  // namespace gradlab::lessons
