// The capture harness of the gradlab executable (screenshots, documentation, benchmarks): with
// --steps N it waits until the lesson has taken N steps (or finished) and the last frame is drawn,
// then saves the window as PNG (--screenshot) and/or writes frame-interval statistics and training
// speed as JSON (--frame-stats), and quits.
#pragma once

#include <QString>

class QQuickWindow;

namespace gradlab {

class LabController;

struct CaptureOptions {
    qint64 steps = -1;       // < 0: no step target
    QString screenshotFile;  // empty: none
    QString statsFile;       // empty: none
    int seeds = 0;           // > 1: after the steps, repeat the run with this many seeds (the runs tab shows them)
    int tab = -1;            // >= 0: show this tab of the lesson's page before the screenshot
};

// Starts the lesson (when steps > 0) and arranges the capture; the application exits 0 when it
// is written, 1 when it cannot be. Call once, before the event loop starts.
void installCapture(QQuickWindow* window, LabController* lab, const CaptureOptions& options);

}  // namespace gradlab
