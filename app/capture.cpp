// The capture harness: screenshots and frame statistics of a lesson after N steps.
#include "app/capture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickWindow>
#include <QSaveFile>
#include <QQuickItem>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

#include "app/bridge/lab_controller.h"

namespace gradlab {
namespace {

// Frame intervals measured on the render thread.
struct FrameClock {
    std::mutex mutex;
    QElapsedTimer clock;
    std::vector<double> stampsMs;
    bool recording = false;
    void swapped() {
        std::lock_guard lock(mutex);
        if (recording) stampsMs.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
};

// Training speed is the training thread's own account (steps over the seconds it spent stepping,
// its share of streaming included), comparable with gradlab-cli's steps_per_second, which also
// times the stepping loop only; the wall-clock rate from pressing play to the end is given beside it.
QJsonObject frameStats(FrameClock& fc, const LabController& lab, double wallSeconds) {
    std::vector<double> d;
    {
        std::lock_guard lock(fc.mutex);
        for (std::size_t i = 1; i < fc.stampsMs.size(); ++i) d.push_back(fc.stampsMs[i] - fc.stampsMs[i - 1]);
    }
    std::sort(d.begin(), d.end());
    auto q = [&](double p) { return d.empty() ? 0.0 : d[std::min(d.size() - 1, std::size_t(p * double(d.size() - 1) + 0.5))]; };
    int over = int(std::count_if(d.begin(), d.end(), [](double v) { return v > 1000.0 / 60.0; }));
    return {{"frames", int(d.size()) + 1},
            {"frame_interval_median_ms", q(0.5)},
            {"frame_interval_p99_ms", q(0.99)},
            {"frame_interval_max_ms", d.empty() ? 0.0 : d.back()},
            {"frames_over_16_7ms", over},
            {"training_steps", double(lab.steppedSteps())},
            {"training_seconds", lab.steppedSeconds()},
            {"training_steps_per_second", lab.steppedSeconds() > 0 ? double(lab.steppedSteps()) / lab.steppedSeconds() : 0.0},
            {"wall_seconds", wallSeconds},
            {"wall_steps_per_second", wallSeconds > 0 ? lab.step() / wallSeconds : 0.0}};
}

}  // namespace

void installCapture(QQuickWindow* window, LabController* lab, const CaptureOptions& o) {
    auto clock = std::make_shared<FrameClock>();
    FrameClock& frames = *clock;
    frames.clock.start();
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [clock] { clock->swapped(); }, Qt::DirectConnection);
    // While measuring, the window draws on every tick of the frame clock, as it would under an
    // animation or a dragged slider: the intervals then say how fast the interface can draw
    // while the lesson trains, not how often a slow lesson (a ViT step takes ~20 ms) has news.
    if (!o.statsFile.isEmpty())
        QObject::connect(lab, &LabController::ticked, window, [window, clock] {
            std::lock_guard lock(clock->mutex);
            if (clock->recording) window->update();
        });
    auto runClock = std::make_shared<QElapsedTimer>();
    const qint64 steps = o.steps;
    if (steps > 0) {
        {
            std::lock_guard lock(frames.mutex);
            frames.recording = true;
        }
        runClock->start();
        lab->play();
    }

    // With --screenshot / --frame-stats: wait until the steps are done and drawn, then finish.
    const QString screenshotFile = o.screenshotFile, statsFile = o.statsFile;
    if (!screenshotFile.isEmpty() || !statsFile.isEmpty()) {
        auto* poll = new QTimer(window);
        auto settled = std::make_shared<int>(0);
        auto repeated = std::make_shared<bool>(false);
        auto deadline = std::make_shared<QElapsedTimer>();
        deadline->start();
        QObject::connect(poll, &QTimer::timeout, window, [=]() {
            FrameClock& frames = *clock;
            // A run that finishes early (the cnn lesson after its epochs) is done as well.
            const bool done = lab->ready() && !lab->running() &&
                              (steps <= 0 || lab->step() >= double(steps) || lab->finished());
            if (deadline->elapsed() > 600000) {
                std::fprintf(stderr, "gradlab: timed out waiting for %lld steps\n", (long long)steps);
                QCoreApplication::exit(1);
                return;
            }
            if (!done) return;
            // --seeds: the run repeated with other seeds, the runs tab open, until they arrive.
            if (o.seeds > 1 && !*repeated) {
                *repeated = true;
                const QString err = lab->repeatWithSeeds(o.seeds);
                if (!err.isEmpty()) std::fprintf(stderr, "gradlab: %s\n", qPrintable(err));
                if (QObject* tabs = window->findChild<QObject*>("sideTabs")) tabs->setProperty("currentIndex", 1);
                return;
            }
            if (lab->seedsTraining()) return;
            if (o.tab >= 0 && *settled == 0)
                if (QObject* page = window->findChild<QObject*>("lessonPage"))
                    if (QQuickItem* item = page->property("item").value<QQuickItem*>()) item->setProperty("currentTab", o.tab);
            const double seconds = runClock->isValid() ? runClock->elapsed() / 1000.0 : 0.0;
            {
                std::lock_guard lock(frames.mutex);
                frames.recording = false;
            }
            // Let the last drained frame reach the screen, and charts that draw again once a run
            // rests (ContourPlot, after 250 ms) do so: a second more.
            if (++*settled < 20) {
                window->update();
                return;
            }
            poll->stop();
            if (!statsFile.isEmpty()) {
                QJsonObject o = frameStats(frames, *lab, seconds);
                o["lesson"] = lab->lessonId();
                QSaveFile f(statsFile);
                if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit()) {
                    std::fprintf(stderr, "gradlab: cannot write %s\n", qPrintable(statsFile));
                    QCoreApplication::exit(1);
                    return;
                }
            }
            if (!screenshotFile.isEmpty()) {
                QImage img = window->grabWindow();
                if (img.isNull() || !img.save(screenshotFile, "PNG")) {
                    std::fprintf(stderr, "gradlab: cannot write %s\n", qPrintable(screenshotFile));
                    QCoreApplication::exit(1);
                    return;
                }
            }
            QCoreApplication::exit(0);
        });
        poll->start(50);
    }

}

}  // namespace gradlab
