// gradlab-cli sweep: a grid of runs of one lesson, several at a time.
#pragma once

#include <QStringList>

#include <functional>

class QCommandLineParser;

namespace gradlab {
struct LessonSpec;
}

namespace gradlab::cli {

// sweep <lesson> --set k=v1,v2,... [--set ...] [--seeds N] [--steps S] [--jobs J] --out DIR: every
// combination of the values (and seeds 0..N-1) as its own `gradlab-cli run` in DIR/<run>/, J at
// a time (default: the cores), then DIR/runs.csv (a row per run: status, the varied parameters,
// seed, steps and every final scalar) and DIR/summary.json. Ctrl+C stops the runs in flight at
// their current step (they write what they did), starts no more, and writes both files.
// `run` runs `gradlab-cli run ...` arguments in the calling process and returns the exit code;
// each run is a forked child that calls it.
using RunInProcess = std::function<int(const QStringList& args)>;
int sweepCommand(const LessonSpec& lesson, const QCommandLineParser& cli, const RunInProcess& run);

}  // namespace gradlab::cli
