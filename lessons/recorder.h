// Recorder: a Sink that keeps a run's history (every scalar of every step, every series, the
// newest image of each name) and writes it as CSV: metrics.csv (step + one column per scalar) and
// <series>.csv. The CLI writes its output files from it (spooling the long history to disk, so
// that its memory stays flat however many steps run); the GUI keeps its charts' data in one
// (thinned to a bounded size) and saves it in checkpoints.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lessons/csv.h"
#include "lessons/lesson.h"

namespace gradlab {

class Recorder : public Sink {
public:
    Recorder() = default;
    // A recorder that refuses (Error) any frame carrying a name `lesson` does not declare.
    explicit Recorder(const LessonSpec* lesson);
    void push(Frame&& frame) override;

    // metrics.csv text: "step,<scalar>,..." in first-seen column order; empty cells where a
    // scalar was not reported at a step.
    std::string metricsCsv() const;
    std::string seriesCsv(const std::string& name) const;
    std::vector<std::string> seriesNames() const;
    const Series* series(const std::string& name) const;
    // The newest value of every scalar.
    std::map<std::string, double> lastScalars() const;
    struct ScalarTrace {
        std::vector<double> steps, values;
    };
    const ScalarTrace* scalar(const std::string& name) const;
    const std::vector<std::string>& scalarNames() const { return m_columns; }
    // Bounds memory for endless runs: a scalar trace or an appended series (per key of its first
    // text column) longer than maxPoints keeps every other point (the newest always stays).
    void thin(std::size_t maxPoints);
    // Long runs: from now on the long history goes to disk as it comes instead of staying in
    // memory. Every scalar point but each scalar's newest goes to an unnamed temporary file (in
    // `dir` where its file system allows, else in the system's temporary folder), every row of an
    // appended series straight into the hidden temporary of its <name>.csv in `dir` (see
    // AtomicFileWriter); what is already recorded goes the same way now. writeCsvFiles(dir) then
    // merges metrics.csv from the temporaries and puts every file in place: the files are byte for
    // byte those of a recorder that kept everything. While spooling, scalar() and series() hold
    // only what is not on disk yet (lastScalars() is whole), and thin(), upTo() and toJson() are
    // refused. A recorder destroyed (or cleared) before writing leaves nothing behind in `dir`.
    // Series that are written out as text (writing, see writeCsvFiles) stay in memory: they are
    // small. A copy of a spooling recorder shares its spool.
    void spool(const std::filesystem::path& dir);
    bool spooling() const { return m_spool != nullptr; }

    void clear() {  // forgets the history, keeps the check
        auto check = std::move(m_check);
        *this = Recorder();
        m_check = std::move(check);
    }
    const std::vector<std::string>& notes() const { return m_notes; }
    const std::vector<Marker>& markers() const { return m_markers; }
    // The newest image of each name (the CLI writes some as PNG).
    const std::map<std::string, Image>& images() const { return m_images; }
    int64_t lastStep() const { return m_lastStep; }

    // A labelled matrix (a 2-D image with row labels, e.g. attention weights, rows = queries) as
    // CSV: a header "<corner>,<column labels...>", then one line per row, its label first.
    std::string imageCsv(const std::string& name) const;

    // Writes metrics.csv, every series as <name>.csv (writing, a text column "text" by "step", also
    // as <name>.txt to read) and every labelled 2-D image without a series of the same name as
    // <name>.csv into dir (each file atomically).
    void writeCsvFiles(const std::filesystem::path& dir) const;

    // The history as it stood after `step`: scalar points and rows of appended series with a
    // "step" column up to it, markers up to it; the newest images and replaced series as they are
    // (a run resumed there re-sends its own).
    Recorder upTo(int64_t step) const;

    // History as JSON (for checkpoints) and back; fromJson validates and throws Error.
    nlohmann::json toJson() const;
    static Recorder fromJson(const nlohmann::json& j);

private:
    struct Spool;
    void spoolScalar(const std::string& name, ScalarTrace& t);
    void spoolSeries(Series& s);
    template <class Out>
    void mergeMetrics(Out&& out) const;

    std::vector<std::string> m_columns;  // scalar names, first-seen order
    std::map<std::string, ScalarTrace> m_scalars;
    std::vector<std::string> m_seriesOrder;
    std::map<std::string, Series> m_series;
    std::map<std::string, Image> m_images;
    std::vector<Marker> m_markers;
    std::vector<std::string> m_notes;
    int64_t m_lastStep = 0;
    std::shared_ptr<OutputCheck> m_check;  // shared: a Recorder is copied and cleared by value
    std::shared_ptr<Spool> m_spool;        // set by spool()
};


}  // namespace gradlab
