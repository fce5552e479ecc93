// gradlab-cli sweep: each run is a forked child that runs `run ...` in itself (its own process:
// runs share nothing, a failing one fails alone, and no child pays the program's start again: the
// dynamic loading of Qt and OpenCV is most of a short run), in its own process group so that
// Ctrl+C reaches the sweep only, which passes it on exactly once.
#include "app/cli/sweep.h"

#include <QCommandLineParser>
#include <QThread>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/cli/cli_common.h"
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/io/atomic_file.h"
#include "lessons/csv.h"
#include "lessons/lesson.h"

namespace gradlab::cli {
namespace {

// One varied parameter: its key and its values as written.
struct Axis {
    std::string key;
    std::vector<std::string> values;
};

struct SweepRun {
    std::string name;
    std::vector<std::pair<std::string, std::string>> settings;  // key, value as written
    uint64_t seed = 0;
    std::filesystem::path dir;
    std::string status = "not run";  // running, done, failed, stopped
    nlohmann::json summary;
    pid_t pid = -1;
    int waitStatus = 0;
};

// "adam.lr=0.001,0.01": values split at commas; a set parameter's values hold commas themselves
// ("racers=adam,sgd"), so its alternatives are split at '|' ("racers=adam,sgd|adam,momentum").
std::vector<Axis> parseAxes(const LessonSpec& l, const QStringList& sets) {
    std::vector<Axis> axes;
    std::set<std::string> seen;
    for (const QString& s : sets) {
        const std::string text = argBytes(s);
        const auto eq = text.find('=');
        if (eq == std::string::npos) throw UsageError("--set expects key=value1,value2,..., got '" + text + "'");
        Axis a{text.substr(0, eq), {}};
        const ParamSpec* p = l.find(a.key);
        const char sep = p && p->kind == ParamKind::Set ? '|' : ',';
        std::string rest = text.substr(eq + 1);
        for (std::size_t start = 0;;) {
            const std::size_t end = rest.find(sep, start);
            a.values.push_back(rest.substr(start, end == std::string::npos ? std::string::npos : end - start));
            if (end == std::string::npos) break;
            start = end + 1;
        }
        for (const std::string& v : a.values) {
            try {
                l.parse(a.key + "=" + v);  // unknown keys and bad values say so here
            } catch (const Error& e) {
                throw UsageError(e.what());
            }
        }
        if (!seen.insert(a.key).second) throw UsageError("--set " + a.key + " is given twice");
        axes.push_back(std::move(a));
    }
    return axes;
}

// A folder name from a run's settings: "adam.lr=0.01_seed=2"; a set's commas become '+'
// ("racers=adam+sgd"), other characters a file name should not carry '_'.
std::string runName(const std::vector<std::pair<std::string, std::string>>& settings, uint64_t seed) {
    std::string n;
    for (const auto& [k, v] : settings) n += k + "=" + v + "_";
    n += "seed=" + std::to_string(seed);
    for (char& c : n)
        if (c == ',') c = '+';
        else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '=' || c == '_' || c == '-' || c == '+'))
            c = '_';
    return n;
}

std::vector<SweepRun> grid(const std::vector<Axis>& axes, int64_t seeds, const std::filesystem::path& out) {
    std::vector<SweepRun> runs;
    std::vector<std::size_t> at(axes.size(), 0);
    for (;;) {
        for (int64_t s = 0; s < seeds; ++s) {
            SweepRun r;
            for (std::size_t i = 0; i < axes.size(); ++i) r.settings.emplace_back(axes[i].key, axes[i].values[at[i]]);
            r.seed = uint64_t(s);
            r.name = runName(r.settings, r.seed);
            r.dir = out / r.name;
            runs.push_back(std::move(r));
        }
        // The next combination, the last axis fastest.
        std::size_t i = axes.size();
        while (i > 0 && ++at[i - 1] == axes[i - 1].values.size()) at[--i] = 0;
        if (i == 0) break;
    }
    return runs;
}

void start(SweepRun& r, const LessonSpec& l, const QCommandLineParser& cli, int jobs, const RunInProcess& run) {
    std::filesystem::create_directories(r.dir);
    QStringList args{"run", QString::fromStdString(l.id), "--seed", QString::number(r.seed), "--out", argString(r.dir.string())};
    for (const auto& [k, v] : r.settings) args << "--set" << argString(k + "=" + v);
    if (cli.isSet("steps")) args << "--steps" << cli.value("steps");
    const int log = ::open((r.dir / "log.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    GL_CHECK(log >= 0, "cannot write ", (r.dir / "log.txt").string());
    std::fflush(nullptr);  // nothing buffered twice
    const pid_t pid = ::fork();
    if (pid == 0) {  // the run
        ::setpgid(0, 0);  // Ctrl+C reaches the sweep only
        ::dup2(log, STDERR_FILENO);
        if (const int null = ::open("/dev/null", O_WRONLY); null >= 0) ::dup2(null, STDOUT_FILENO);
        // Runs side by side each take one core: several kernel threads per run would only contend.
        if (jobs > 1) setKernelThreads(1);
        const int code = run(args);
        std::fflush(nullptr);
        ::_exit(code);
    }
    ::close(log);
    GL_CHECK(pid > 0, "cannot start a run (fork failed)");
    r.pid = pid;
    r.status = "running";
}

// A finished run's status and summary.json.
void collect(SweepRun& r, bool stopping) {
    const bool exited = WIFEXITED(r.waitStatus);
    const int code = exited ? WEXITSTATUS(r.waitStatus) : -1;
    const bool ok = exited && code == 0;
    const bool stopped = exited && (code == 128 + SIGINT || code == 128 + SIGTERM);
    r.status = ok ? "done" : stopped || stopping ? "stopped" : "failed";
    std::ifstream in(r.dir / "summary.json");
    if (in) {
        try {
            r.summary = nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception&) {
            r.summary = nullptr;
        }
    }
    r.pid = -1;
}

void writeResults(const std::filesystem::path& out, const LessonSpec& l, const std::vector<Axis>& axes, int64_t seeds,
                  int jobs, const std::vector<SweepRun>& runs, double wall, int stoppedBy) {
    std::set<std::string> finals;
    for (const SweepRun& r : runs)
        if (r.summary.is_object() && r.summary.contains("final"))
            for (auto& [k, v] : r.summary["final"].items()) finals.insert(k);
    // Built by appending: `"," + field` trips GCC 12's false -Wrestrict warning.
    std::string csv = "run,status";
    for (const Axis& a : axes) (csv += ',') += csvField(a.key);
    csv += ",seed,steps";
    for (const std::string& k : finals) (csv += ',') += csvField(k);
    csv += "\n";
    nlohmann::json list = nlohmann::json::array();
    for (const SweepRun& r : runs) {
        if (r.status == "not run") continue;
        ((csv += csvField(r.name)) += ',') += r.status;
        nlohmann::json settings = nlohmann::json::object();
        for (const auto& [k, v] : r.settings) {
            (csv += ',') += csvField(v);
            settings[k] = v;
        }
        const bool has = r.summary.is_object();
        ((csv += ',') += std::to_string(r.seed)) += ',';
        if (has && r.summary.contains("steps")) csv += r.summary["steps"].dump();
        for (const std::string& k : finals) {
            csv += ",";
            if (has && r.summary.contains("final") && r.summary["final"].contains(k) && r.summary["final"][k].is_number())
                csv += csvNumber(r.summary["final"][k].get<double>());
        }
        csv += "\n";
        list.push_back({{"name", r.name}, {"status", r.status}, {"settings", settings}, {"seed", r.seed},
                        {"steps", has ? r.summary.value("steps", nlohmann::json()) : nlohmann::json()},
                        {"final", has ? r.summary.value("final", nlohmann::json::object()) : nlohmann::json::object()}});
    }
    writeFileAtomic(out / "runs.csv", std::span<const char>(csv.data(), csv.size()));
    nlohmann::json axesJson = nlohmann::json::object();
    for (const Axis& a : axes) axesJson[a.key] = a.values;
    nlohmann::json j = {{"lesson", l.id}, {"varied", axesJson}, {"seeds", seeds}, {"jobs", jobs},
                        {"wall_time_s", wall}, {"runs", list}};
    if (stoppedBy) j["stopped_by"] = stoppedBy == SIGINT ? "SIGINT" : "SIGTERM";
    const std::string text = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // as a run's summary
    writeFileAtomic(out / "summary.json", std::span<const char>(text.data(), text.size()));
}

}  // namespace

int sweepCommand(const LessonSpec& l, const QCommandLineParser& cli, const RunInProcess& run) {
    // ---- everything the user typed is checked before any run starts ----
    const std::vector<Axis> axes = parseAxes(l, cli.values("set"));
    const int64_t seeds = cli.isSet("seeds") ? parseCount(cli.value("seeds"), "--seeds", 1) : 1;
    const int jobs = int(cli.isSet("jobs") ? parseCount(cli.value("jobs"), "--jobs", 1) : std::max(1, QThread::idealThreadCount()));
    if (cli.isSet("steps")) parseCount(cli.value("steps"), "--steps", 0);
    if (!cli.isSet("out")) throw UsageError("sweep needs --out DIR (a folder for the runs, runs.csv and summary.json)");
    const std::filesystem::path out = argBytes(cli.value("out"));
    checkWritableDirectory(out);
    std::vector<SweepRun> runs = grid(axes, seeds, out);

    // ---- the runs, `jobs` at a time ----
    installStopHandlers();
    const auto t0 = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    std::deque<std::size_t> queue;
    for (std::size_t i = 0; i < runs.size(); ++i) queue.push_back(i);
    std::vector<std::size_t> running;
    std::size_t done = 0, failed = 0;
    bool passedOn = false;
    double lastReport = -10;
    while (!running.empty() || (!queue.empty() && g_stopSignal == 0)) {
        while (g_stopSignal == 0 && int(running.size()) < jobs && !queue.empty()) {
            start(runs[queue.front()], l, cli, jobs, run);
            running.push_back(queue.front());
            queue.pop_front();
        }
        if (g_stopSignal != 0 && !passedOn) {  // each run stops at its current step and writes what it did
            for (std::size_t i : running) ::kill(runs[i].pid, SIGINT);
            passedOn = true;
        }
        // Sleeps until a run ends or a signal arrives (the handlers do not restart waitpid).
        int status = 0;
        const pid_t ended = running.empty() ? -1 : ::waitpid(-1, &status, 0);
        for (auto it = running.begin(); ended > 0 && it != running.end(); ++it) {
            SweepRun& r = runs[*it];
            if (r.pid != ended) continue;
            r.waitStatus = status;
            collect(r, g_stopSignal != 0);
            ++done;
            if (r.status == "failed") {
                ++failed;
                std::fprintf(stderr, "sweep: run %s failed; its log: %s\n", r.name.c_str(), (r.dir / "log.txt").c_str());
            }
            running.erase(it);
            break;
        }
        const double now = seconds();
        if (ended > 0 || now - lastReport >= 2 || (running.empty() && queue.empty())) {
            lastReport = now;
            const std::size_t left = queue.size() + running.size();
            std::fprintf(stderr, "sweep %s: %zu of %zu runs done, %zu running%s\n", l.id.c_str(), done, runs.size(),
                         running.size(),
                         done > 0 && left > 0 ? (", about " + duration(now / double(done) * double(left)) + " left").c_str() : "");
        }
    }
    const int stopped = g_stopSignal;
    const double wall = seconds();
    writeResults(out, l, axes, seeds, jobs, runs, wall, stopped);
    std::fprintf(stderr, "sweep %s: %zu runs in %.1f s (%d at a time)%s; results in %s\n", l.id.c_str(), done, wall, jobs,
                 stopped ? ", stopped early" : "", (out / "runs.csv").c_str());
    if (stopped) return 128 + stopped;
    return failed ? kRunFailed : kOk;
}

}  // namespace gradlab::cli
