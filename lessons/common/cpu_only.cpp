#include "lessons/common/cpu_only.h"

#include "engine/io/checkpoint.h"

namespace gradlab::lessons {
namespace {

// Forwards everything to the wrapped run; start() and resync() add the note.
class CpuOnlyRun final : public Run {
public:
    CpuOnlyRun(std::unique_ptr<Run> inner, Device asked) : m_inner(std::move(inner)), m_asked(asked) {}
    void start(Sink& sink) override { withNote(sink, [&](Sink& s) { m_inner->start(s); }); }
    void step(Sink& sink) override { m_inner->step(sink); }
    int64_t stepCount() const override { return m_inner->stepCount(); }
    bool finished() const override { return m_inner->finished(); }
    void set(const std::string& key, const ParamValue& value, Sink& sink) override { m_inner->set(key, value, sink); }
    void save(Checkpoint& ck) const override { m_inner->save(ck); }
    void load(const Checkpoint& ck) override { m_inner->load(ck); }
    void resync(Sink& sink) override { withNote(sink, [&](Sink& s) { m_inner->resync(s); }); }
    nlohmann::json summary() const override { return m_inner->summary(); }

private:
    // Passes the frames through; the first one carries the note.
    template <class F>
    void withNote(Sink& sink, F&& emit) {
        struct Tap : Sink {
            Sink& out;
            std::string note;
            bool noted = false;
            Tap(Sink& o, std::string n) : out(o), note(std::move(n)) {}
            void push(Frame&& f) override {
                if (!noted) f.notes.push_back(note), noted = true;
                out.push(std::move(f));
            }
        } tap(sink, std::string("This lesson runs on the CPU: its network has no ") + deviceName(m_asked) +
                        " path yet (the optimizers lesson has one).");
        emit(tap);
        if (!tap.noted) {
            Frame f;
            f.step = m_inner->stepCount();
            f.notes.push_back(tap.note);
            sink.push(std::move(f));
        }
    }

    std::unique_ptr<Run> m_inner;
    Device m_asked;
};

}  // namespace

std::unique_ptr<Run> onCpu(std::unique_ptr<Run> run, Device asked) {
    if (asked == Device::CPU) return run;
    return std::make_unique<CpuOnlyRun>(std::move(run), asked);
}

}  // namespace gradlab::lessons
