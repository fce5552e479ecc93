// Recorder: history of a run's frames and its CSV form.
#include "lessons/recorder.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "lessons/csv.h"

namespace gradlab {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

void writeText(const std::filesystem::path& path, const std::string& text) {
    writeFileAtomic(path, std::span<const char>(text.data(), text.size()));
}

// Writing: a series of a text column "text" by "step", also written as <name>.txt to read.
bool writtenAsText(const Series& s) {
    return s.textColumns == std::vector<std::string>{"text"} && !s.numberColumns.empty() && s.numberColumns[0] == "step";
}

// A series' CSV header line, and its rows' lines.
void appendSeriesHeader(std::string& out, const Series& s) {
    bool first = true;
    for (const auto* cols : {&s.textColumns, &s.numberColumns})
        for (const auto& c : *cols) {
            if (!first) out += ',';
            out += csvField(c);
            first = false;
        }
    out += '\n';
}
void appendSeriesRows(std::string& out, const Series& s) {
    const std::size_t nt = s.textColumns.size(), nn = s.numberColumns.size();
    const std::size_t rows = nn ? s.numbers.size() / nn : (nt ? s.text.size() / nt : 0);
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < nt; ++c) {
            if (c) out += ',';
            out += csvField(s.text[r * nt + c]);
        }
        for (std::size_t c = 0; c < nn; ++c) {
            if (c || nt) out += ',';
            out += csvNumber(s.numbers[r * nn + c]);
        }
        out += '\n';
    }
}

void writeAll(AtomicFileWriter& w, std::string& text) {
    w.write(std::span<const char>(text.data(), text.size()));
    text.clear();
}

// An unnamed temporary file (gone with the process, however it ends): in `dir` when its file
// system supports O_TMPFILE, else in the system's temporary folder.
std::FILE* unnamedTemporary(const std::filesystem::path& dir) {
    const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) {
        if (std::FILE* f = ::fdopen(fd, "w+b")) return f;
        ::close(fd);
    }
    std::FILE* f = std::tmpfile();
    if (!f) GL_FAIL("cannot create a temporary file for the run's history (in ", dir.string(), " or the temporary folder): ", std::strerror(errno));
    return f;
}

}  // namespace

struct Recorder::Spool {
    std::filesystem::path dir;
    std::map<std::string, std::FILE*> points;                        // scalar: its (step, value) pairs as doubles
    std::map<std::string, std::unique_ptr<AtomicFileWriter>> files;  // appended series: its <name>.csv
    ~Spool() {
        for (auto& [name, f] : points) std::fclose(f);
    }
};

void Recorder::spool(const std::filesystem::path& dir) {
    GL_CHECK(!m_spool, "the recorder spools already");
    m_spool = std::make_shared<Spool>();
    m_spool->dir = dir;
    for (auto& [name, t] : m_scalars) spoolScalar(name, t);
    for (auto& [name, s] : m_series)
        if (s.mode == Series::Mode::Append) spoolSeries(s);
}

// Every point but the newest to the scalar's temporary file.
void Recorder::spoolScalar(const std::string& name, ScalarTrace& t) {
    if (t.steps.size() < 2) return;
    auto it = m_spool->points.find(name);
    if (it == m_spool->points.end()) it = m_spool->points.emplace(name, unnamedTemporary(m_spool->dir)).first;
    for (std::size_t i = 0; i + 1 < t.steps.size(); ++i) {
        const double point[2] = {t.steps[i], t.values[i]};
        if (std::fwrite(point, sizeof point, 1, it->second) != 1)
            GL_FAIL("writing the run's history to a temporary file failed: ", std::strerror(errno));
    }
    t.steps.erase(t.steps.begin(), t.steps.end() - 1);
    t.values.erase(t.values.begin(), t.values.end() - 1);
}

// The series' rows to its file (opened, with its header, the first time).
void Recorder::spoolSeries(Series& s) {
    if (writtenAsText(s)) return;
    std::string text;
    auto it = m_spool->files.find(s.name);
    if (it == m_spool->files.end()) {
        it = m_spool->files.emplace(s.name, std::make_unique<AtomicFileWriter>(m_spool->dir / (s.name + ".csv"))).first;
        appendSeriesHeader(text, s);
    }
    appendSeriesRows(text, s);
    writeAll(*it->second, text);
    s.text.clear();
    s.numbers.clear();
}

Recorder::Recorder(const LessonSpec* lesson)
    : m_check(lesson ? std::make_shared<OutputCheck>(lesson->id, lesson->outputs) : nullptr) {}

void Recorder::push(Frame&& f) {
    if (m_check) m_check->apply(f);
    m_lastStep = f.step;
    for (const Scalar& sc : f.scalars) {
        auto it = m_scalars.find(sc.name);
        if (it == m_scalars.end()) {
            it = m_scalars.emplace(sc.name, ScalarTrace{}).first;
            m_columns.push_back(sc.name);
        }
        ScalarTrace& t = it->second;
        const double step = double(f.stepOf(sc));
        if (!t.steps.empty() && t.steps.back() == step) {
            t.values.back() = sc.value;  // reported twice in one step: the newer value wins
        } else {
            t.steps.push_back(step);
            t.values.push_back(sc.value);
            if (m_spool) spoolScalar(sc.name, t);
        }
    }
    for (Series& s : f.series) {
        const bool appended = s.mode == Series::Mode::Append;
        auto it = m_series.find(s.name);
        if (it == m_series.end()) {
            m_seriesOrder.push_back(s.name);
            it = m_series.emplace(s.name, std::move(s)).first;
        } else if (s.mode == Series::Mode::Replace || it->second.numberColumns != s.numberColumns ||
                   it->second.textColumns != s.textColumns) {
            if (m_spool) m_spool->files.erase(s.name);  // what was written is void: its temporary goes
            it->second = std::move(s);
        } else {
            Series& have = it->second;
            have.text.insert(have.text.end(), s.text.begin(), s.text.end());
            have.numbers.insert(have.numbers.end(), s.numbers.begin(), s.numbers.end());
        }
        if (m_spool && appended) spoolSeries(it->second);
    }
    for (Image& img : f.images) m_images[img.name] = std::move(img);
    for (Marker& m : f.markers) m_markers.push_back(std::move(m));
    for (const Note& n : f.notes) m_notes.push_back(n.english());
}

namespace {

// One scalar's points in step order: those spooled to its file, then those in memory.
class PointCursor {
public:
    PointCursor(std::FILE* file, const Recorder::ScalarTrace& mem) : m_file(file), m_mem(mem) {
        if (m_file && (std::fflush(m_file) != 0 || std::fseek(m_file, 0, SEEK_SET) != 0))
            GL_FAIL("reading the run's history back failed: ", std::strerror(errno));
        next();
    }
    ~PointCursor() {
        if (m_file) std::fseek(m_file, 0, SEEK_END);  // later points are appended
    }
    bool has() const { return m_has; }
    double step() const { return m_point[0]; }
    double value() const { return m_point[1]; }
    void next() {
        if (m_file && !m_fileDone) {
            if (std::fread(m_point, sizeof m_point, 1, m_file) == 1) return;
            if (std::ferror(m_file)) GL_FAIL("reading the run's history back failed: ", std::strerror(errno));
            m_fileDone = true;
        }
        m_has = m_i < m_mem.steps.size();
        if (m_has) m_point[0] = m_mem.steps[m_i], m_point[1] = m_mem.values[m_i], ++m_i;
    }

private:
    std::FILE* m_file;
    const Recorder::ScalarTrace& m_mem;
    bool m_fileDone = false, m_has = true;
    std::size_t m_i = 0;
    double m_point[2] = {0, 0};
};

}  // namespace

// metrics.csv, handed to `out` in pieces (each call may take the text and leave it empty).
template <class Out>
void Recorder::mergeMetrics(Out&& out) const {
    // Merge the traces by step: each is sorted, so walk them side by side.
    std::vector<std::unique_ptr<PointCursor>> cursors;
    for (const auto& c : m_columns) {
        std::FILE* file = nullptr;
        if (m_spool)
            if (auto it = m_spool->points.find(c); it != m_spool->points.end()) file = it->second;
        cursors.push_back(std::make_unique<PointCursor>(file, m_scalars.at(c)));
    }
    std::string text = "step";
    for (const auto& c : m_columns) {
        text += ',';
        text += csvField(c);
    }
    text += '\n';
    for (;;) {
        double next = std::numeric_limits<double>::infinity();
        for (const auto& p : cursors)
            if (p->has()) next = std::min(next, p->step());
        if (std::isinf(next)) break;
        text += csvNumber(next);
        for (const auto& p : cursors) {
            text += ",";
            if (p->has() && p->step() == next) {
                text += csvNumber(p->value());
                p->next();
            }
        }
        text += "\n";
        if (text.size() > (1 << 20)) out(text);
    }
    out(text);
}

std::string Recorder::metricsCsv() const {
    std::string all;
    mergeMetrics([&](std::string& piece) { all += piece, piece.clear(); });
    return all;
}

std::string Recorder::seriesCsv(const std::string& name) const {
    const Series* s = series(name);
    GL_CHECK(s != nullptr, "no series named '", name, "'");
    GL_CHECK(!(m_spool && m_spool->files.count(name)), "series '", name, "' is spooled to its file");
    std::string out;
    appendSeriesHeader(out, *s);
    appendSeriesRows(out, *s);
    return out;
}

std::vector<std::string> Recorder::seriesNames() const { return m_seriesOrder; }

const Series* Recorder::series(const std::string& name) const {
    auto it = m_series.find(name);
    return it == m_series.end() ? nullptr : &it->second;
}

std::map<std::string, double> Recorder::lastScalars() const {
    std::map<std::string, double> out;
    for (const auto& [name, t] : m_scalars)
        if (!t.values.empty()) out[name] = t.values.back();
    return out;
}

const Recorder::ScalarTrace* Recorder::scalar(const std::string& name) const {
    auto it = m_scalars.find(name);
    return it == m_scalars.end() ? nullptr : &it->second;
}

void Recorder::thin(std::size_t maxPoints) {
    GL_CHECK(!m_spool, "a spooling recorder keeps its history on disk, not thinned");
    auto halve = [](auto& v, std::size_t width) {  // keeps rows 0, 2, 4, ... and the last one
        const std::size_t rows = width ? v.size() / width : 0;
        std::size_t w = 0;
        for (std::size_t r = 0; r < rows; ++r)
            if (r % 2 == 0 || r + 1 == rows)
                for (std::size_t k = 0; k < width; ++k) v[w++] = v[r * width + k];
        v.resize(w);
    };
    for (auto& [name, t] : m_scalars)
        if (t.steps.size() > maxPoints) halve(t.steps, 1), halve(t.values, 1);
    for (auto& [name, s] : m_series) {
        const std::size_t nt = s.textColumns.size(), nn = s.numberColumns.size();
        if (nn == 0 || s.rows() <= maxPoints) continue;
        // Thin each key (first text column) on its own so interleaved racers stay whole. In place,
        // rows moved down, keys found by a short linear search (a handful of racers): the GUI
        // thins on its own thread, so this must take milliseconds, not a frame.
        const std::size_t rows = s.rows();
        std::vector<std::string> keys;
        std::vector<uint32_t> keyOf(rows);
        for (std::size_t r = 0; r < rows; ++r) {
            const std::string* key = nt ? &s.text[r * nt] : nullptr;
            std::size_t k = 0;
            if (key) {
                while (k < keys.size() && keys[k] != *key) ++k;
                if (k == keys.size()) keys.push_back(*key);
            }
            keyOf[r] = uint32_t(k);
        }
        std::vector<std::size_t> seen(std::max<std::size_t>(keys.size(), 1), 0), total(seen.size(), 0);
        for (std::size_t r = 0; r < rows; ++r) ++total[keyOf[r]];
        std::size_t w = 0;
        for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t i = seen[keyOf[r]]++;
            if (i % 2 != 0 && i + 1 != total[keyOf[r]]) continue;
            if (w != r) {
                for (std::size_t c = 0; c < nt; ++c) s.text[w * nt + c] = std::move(s.text[r * nt + c]);
                for (std::size_t c = 0; c < nn; ++c) s.numbers[w * nn + c] = s.numbers[r * nn + c];
            }
            ++w;
        }
        s.text.resize(w * nt);
        s.numbers.resize(w * nn);
    }
}

std::string Recorder::imageCsv(const std::string& name) const {
    auto it = m_images.find(name);
    GL_CHECK(it != m_images.end(), "no image named '", name, "'");
    GL_CHECK(it->second.values.dim() == 2, "image '", name, "' is not a matrix");
    return gradlab::imageCsv(it->second);
}

void Recorder::writeCsvFiles(const std::filesystem::path& dir) const {
    if (m_spool) {
        GL_CHECK(dir == m_spool->dir, "the recorder spools to ", m_spool->dir.string(), ", not to ", dir.string());
        AtomicFileWriter metrics(dir / "metrics.csv");
        mergeMetrics([&](std::string& piece) { writeAll(metrics, piece); });
        metrics.commit();
    } else {
        writeText(dir / "metrics.csv", metricsCsv());
    }
    for (const auto& name : m_seriesOrder) {
        if (m_spool) {
            if (auto it = m_spool->files.find(name); it != m_spool->files.end()) {
                it->second->commit();
                m_spool->files.erase(it);  // in place now
                continue;
            }
        }
        writeText(dir / (name + ".csv"), seriesCsv(name));
        const Series& s = m_series.at(name);
        if (writtenAsText(s)) {
            std::string txt;
            const std::size_t nn = s.numberColumns.size();
            for (std::size_t r = 0; r < s.rows(); ++r)
                txt += "=== step " + std::to_string(int64_t(s.numbers[r * nn])) + " ===\n" + s.text[r] + "\n\n";
            writeText(dir / (name + ".txt"), txt);
        }
    }
    for (const auto& [name, img] : m_images)
        if (!img.rowLabels.empty() && img.values.dim() == 2 && !series(name)) {  // a series of that name is the CSV
            std::filesystem::create_directories((dir / name).parent_path());
            writeText(dir / (name + ".csv"), imageCsv(name));
        }
}

nlohmann::json Recorder::toJson() const {
    GL_CHECK(!m_spool, "a spooling recorder's history is on disk");
    auto finite = [](const std::vector<double>& v) {
        nlohmann::json a = nlohmann::json::array();
        for (double x : v) a.push_back(std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr));
        return a;
    };
    nlohmann::json j;
    nlohmann::json scalars = nlohmann::json::array();
    for (const auto& name : m_columns) {
        const ScalarTrace& t = m_scalars.at(name);
        scalars.push_back({{"name", name}, {"steps", t.steps}, {"values", finite(t.values)}});
    }
    j["scalars"] = std::move(scalars);
    nlohmann::json series = nlohmann::json::array();
    for (const auto& name : m_seriesOrder) {
        const Series& s = m_series.at(name);
        nlohmann::json nums = nlohmann::json::array();
        for (double v : s.numbers) nums.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
        series.push_back({{"name", s.name}, {"text_columns", s.textColumns}, {"number_columns", s.numberColumns},
                          {"text", s.text}, {"numbers", std::move(nums)}});
    }
    j["series"] = std::move(series);
    nlohmann::json markers = nlohmann::json::array();
    for (const Marker& m : m_markers) markers.push_back({{"name", m.name}, {"step", m.step}, {"label", m.label}});
    j["markers"] = std::move(markers);
    j["notes"] = m_notes;
    j["last_step"] = m_lastStep;
    return j;
}

Recorder Recorder::fromJson(const nlohmann::json& j) {
    Recorder r;
    try {
        for (const auto& sj : j.at("scalars")) {
            std::string name = sj.at("name").get<std::string>();
            ScalarTrace t;
            t.steps = sj.at("steps").get<std::vector<double>>();
            for (const auto& x : sj.at("values")) t.values.push_back(x.is_null() ? kMissing : x.get<double>());
            GL_CHECK(t.steps.size() == t.values.size(), "history: scalar ", name, " has ", t.steps.size(), " steps but ",
                     t.values.size(), " values");
            GL_CHECK(r.m_scalars.emplace(name, std::move(t)).second, "history: scalar ", name, " appears twice");
            r.m_columns.push_back(name);
        }
        for (const auto& sj : j.at("series")) {
            Series s;
            s.name = sj.at("name").get<std::string>();
            s.textColumns = sj.at("text_columns").get<std::vector<std::string>>();
            s.numberColumns = sj.at("number_columns").get<std::vector<std::string>>();
            s.text = sj.at("text").get<std::vector<std::string>>();
            for (const auto& x : sj.at("numbers")) s.numbers.push_back(x.is_null() ? kMissing : x.get<double>());
            const std::size_t nn = s.numberColumns.size(), nt = s.textColumns.size();
            GL_CHECK(nn == 0 || s.numbers.size() % nn == 0, "history: series ", s.name, " is ragged");
            GL_CHECK(nn == 0 || s.text.size() == s.numbers.size() / nn * nt, "history: series ", s.name, " is ragged");
            s.mode = Series::Mode::Replace;
            r.m_seriesOrder.push_back(s.name);
            r.m_series.emplace(s.name, std::move(s));
        }
        if (j.contains("markers"))  // histories saved before markers existed have none
            for (const auto& mj : j.at("markers")) {
                GL_CHECK(mj.at("step").is_number_integer(), "the saved chart history is damaged (a marker's step is not a whole number)");
                r.m_markers.push_back({mj.at("name").get<std::string>(), mj.at("step").get<int64_t>(),
                                       mj.at("label").get<std::string>()});
            }
        r.m_notes = j.at("notes").get<std::vector<std::string>>();
        GL_CHECK(j.at("last_step").is_number_integer(), "the saved chart history is damaged (its last step is not a whole number)");
        r.m_lastStep = j.at("last_step").get<int64_t>();
    } catch (const nlohmann::json::exception&) {
        GL_FAIL("the saved chart history is damaged (a field has the wrong kind or shape)");
    }
    return r;
}

Recorder Recorder::upTo(int64_t step) const {
    GL_CHECK(!m_spool, "a spooling recorder's history is on disk");
    Recorder r = *this;
    for (auto& [name, t] : r.m_scalars) {
        std::size_t n = 0;
        while (n < t.steps.size() && t.steps[n] <= double(step)) ++n;
        t.steps.resize(n);
        t.values.resize(n);
    }
    for (auto& [name, s] : r.m_series) {
        if (s.mode != Series::Mode::Append) continue;
        const auto col = std::find(s.numberColumns.begin(), s.numberColumns.end(), "step");
        if (col == s.numberColumns.end()) continue;
        const std::size_t c = std::size_t(col - s.numberColumns.begin()), nn = s.numberColumns.size(), nt = s.textColumns.size();
        Series kept = s;
        kept.text.clear();
        kept.numbers.clear();
        for (std::size_t row = 0; row < s.rows(); ++row) {
            if (s.numbers[row * nn + c] > double(step)) continue;
            kept.text.insert(kept.text.end(), s.text.begin() + std::ptrdiff_t(row * nt), s.text.begin() + std::ptrdiff_t((row + 1) * nt));
            kept.numbers.insert(kept.numbers.end(), s.numbers.begin() + std::ptrdiff_t(row * nn), s.numbers.begin() + std::ptrdiff_t((row + 1) * nn));
        }
        s = std::move(kept);
    }
    std::erase_if(r.m_markers, [&](const Marker& m) { return m.step > step; });
    r.m_lastStep = std::min(r.m_lastStep, step);
    return r;
}

}  // namespace gradlab
