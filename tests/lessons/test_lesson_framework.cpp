// The lesson framework itself: declared outputs (patterns, the check a frame passes, colour maps
// filled in), every registered lesson emitting only what it declares and everything it declares,
// the ParamSpec builders, describe(), and the RunDriver (start, resume, changes, save).
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "common/lesson_run.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "lessons/common/divergence.h"
#include "lessons/common/training_checkpoint.h"
#include "lessons/lesson.h"
#include "lessons/recorder.h"
#include "lessons/run_driver.h"
#include "lessons/snapshots.h"

using namespace gradlab;

namespace {

LessonSpec fakeLesson() {
    LessonSpec s;
    s.id = "fake";
    s.outputs = {
        OutputSpec::scalar("loss.*", "loss"),
        OutputSpec::scalar("accuracy", "accuracy"),
        OutputSpec::series("table", "a table"),
        OutputSpec::image("maps/*", "maps", ColorMap::Diverging),
        OutputSpec::heatMap("table", "the same table as a heat map", ColorMap::Gray),
        OutputSpec::image("free", "its map chosen per frame", std::nullopt),
        OutputSpec::markers("epochs", "epoch"),
    };
    return s;
}

Frame frameWith(std::function<void(Frame&)> fill) {
    Frame f;
    fill(f);
    return f;
}

// The concrete names a recorder holds for one output kind.
std::set<std::string> namesOf(const Recorder& r, OutputKind kind) {
    std::set<std::string> out;
    if (kind == OutputKind::Scalar)
        for (const auto& n : r.scalarNames()) out.insert(n);
    if (kind == OutputKind::Series)
        for (const auto& n : r.seriesNames()) out.insert(n);
    if (kind == OutputKind::Image || kind == OutputKind::HeatMap)
        for (const auto& [n, img] : r.images()) out.insert(n);
    if (kind == OutputKind::Markers)
        for (const auto& m : r.markers()) out.insert(m.name);
    return out;
}

}  // namespace

class TestLessonFramework : public QObject {
    Q_OBJECT
private slots:
    // Snapshots: every step early on, sparser as the run grows; within the budget, the newest
    // kept and the old thinned; nearest() finds the one at or before a step; upTo() shares them.
    void snapshotsStayWithinTheirBudget() {
        auto make = [] {
            Checkpoint ck;
            ck.lesson = "optimizers";
            ck.tensors.emplace_back("w", zeros({256}));  // 1 KiB
            return ck;
        };
        SnapshotStore store(40 * 1024);
        for (int64_t step = 0; step <= 100000; ++step) {
            store.offer(step, make);
            QVERIFY(store.bytes() <= store.budget() + 2048);
        }
        QVERIFY(store.count() >= 20);
        int64_t at = -1;
        QVERIFY(store.nearest(100000, &at));
        QVERIFY(at > 100000 - 2048);  // the newest stays (spacing 2048 at this length)
        QVERIFY(store.nearest(0, &at));
        QCOMPARE(at, int64_t(0));        // and the first
        QVERIFY(store.nearest(97000, &at) && at <= 97000 && at > 90000);  // dense near the end
        QVERIFY(store.nearest(2000, &at) && at <= 2000);
        const std::size_t before = store.count();
        auto early = store.upTo(50000);
        QVERIFY(early->count() < before);
        QVERIFY(early->nearest(100000, &at) && at <= 50000);
        // A snapshot is a copy: the tensor it was made from may change afterwards.
        Tensor live = zeros({4});
        SnapshotStore copies;
        copies.offer(0, [&] {
            Checkpoint ck;
            ck.tensors.emplace_back("w", live);
            return ck;
        });
        live.fill_(1.0f);
        QCOMPARE(copies.nearest(0)->tensors[0].second.toVector()[0], 0.0f);
    }

    // A part's first loss blames its starting weights only at the run's first step: a run resumed
    // at step 500 (a loaded or branched run; the watch is not saved) starts from weights it trained,
    // and its rate is the likely cause.
    void aDivergenceAtTheStartBlamesTheStartingWeights() {
        auto said = [](int64_t step) {
            lessons::DivergenceWatch watch;
            Frame f{.step = step};
            return watch.check(0, std::nan(""), step, 0.1, f) ? f.notes.at(0).english() : std::string("not stopped");
        };
        QVERIFY2(said(1).find("before any update") != std::string::npos, said(1).c_str());
        QVERIFY2(said(1).find("0.1") == std::string::npos, said(1).c_str());
        QVERIFY2(said(501).find("diverged at step 501 (loss NaN); the learning rate 0.1 is likely too high") != std::string::npos,
                 said(501).c_str());
    }

    void patterns() {
        OutputSpec loss = OutputSpec::scalar("loss.*", "");
        QVERIFY(loss.matches("loss.adam"));
        QVERIFY(!loss.matches("loss."));      // '*' is at least one character
        QVERIFY(!loss.matches("loss.a/b"));   // ... and never '/'
        QVERIFY(!loss.matches("val_loss.adam"));
        OutputSpec heads = OutputSpec::heatMap("attention_l*_h*", "", ColorMap::Sequential);
        QVERIFY(heads.matches("attention_l0_h3"));
        QVERIFY(heads.matches("attention_l12_h10"));
        QVERIFY(!heads.matches("attention_l0"));
        // Which one of a pattern's outputs a name is: what each '*' matched (the compare dialog
        // names a picture by it).
        QCOMPARE(heads.instance("attention_l12_h10"), (std::vector<std::string>{"12", "10"}));
        QCOMPARE(OutputSpec::heatMap("gates/*/*", "", {}).instance("gates/lstm/forget"), (std::vector<std::string>{"lstm", "forget"}));
        QVERIFY(heads.instance("attention_l0").empty());
        QVERIFY(OutputSpec::scalar("loss", "").instance("loss").empty());
        QVERIFY(OutputSpec::scalar("loss", "").matches("loss"));
        QVERIFY(!OutputSpec::scalar("loss", "").matches("loss.adam"));
        // Exact names win over patterns, and a kind picks among outputs of one name.
        LessonSpec l = fakeLesson();
        QCOMPARE(findOutput(l.outputs, "table", OutputKind::Image)->kind, OutputKind::HeatMap);
        QCOMPARE(findOutput(l.outputs, "table", OutputKind::Series)->kind, OutputKind::Series);
        QVERIFY(findOutput(l.outputs, "nope") == nullptr);
    }

    void recorderRefusesUndeclaredNames() {
        LessonSpec l = fakeLesson();
        Recorder r(&l);
        r.push(frameWith([](Frame& f) {
            f.scalar("loss.adam", 1);
            f.scalar("accuracy", 0.5);
            f.series.push_back({"table", {}, {"x"}, {}, {1.0}});
            f.images.push_back({"maps/conv1", zeros({2, 2})});
            f.images.push_back({"free", zeros({2, 2}), ColorMap::Gray});
            f.markers.push_back({"epochs", 0, "1"});
        }));
        QCOMPARE(r.images().at("maps/conv1").colorMap, ColorMap::Diverging);  // the declared map filled in
        QCOMPARE(r.images().at("free").colorMap, ColorMap::Gray);              // the frame's own kept
        auto refused = [&](std::function<void(Frame&)> fill, const char* expect) {
            try {
                r.push(frameWith(std::move(fill)));
            } catch (const Error& e) {
                QVERIFY2(QString(e.what()).contains(expect), e.what());
                QVERIFY2(QString(e.what()).contains("fake"), e.what());  // names the lesson
                return;
            }
            QFAIL(qPrintable(QString("accepted a frame that should fail with '%1'").arg(expect)));
        };
        refused([](Frame& f) { f.scalar("acuracy", 1); }, "does not declare");
        refused([](Frame& f) { f.scalar("loss.", 1); }, "does not declare");
        refused([](Frame& f) { f.series.push_back({"accuracy", {}, {"x"}, {}, {1.0}}); }, "declares it as a scalar");
        refused([](Frame& f) { f.images.push_back({"accuracy", zeros({1, 1})}); }, "declares it as a scalar");
        refused([](Frame& f) { f.images.push_back({"free", zeros({1, 1})}); }, "without a colour map");
        refused([](Frame& f) { f.markers.push_back({"epoch", 3, ""}); }, "does not declare");
        // A plain recorder checks nothing (tools that merge foreign frames).
        Recorder plain;
        plain.push(frameWith([](Frame& f) { f.scalar("anything", 1); }));
        QCOMPARE(plain.scalarNames().size(), std::size_t(1));
    }

    // Every registered lesson: what it emits is declared (the driver checks each frame and
    // throws), what it declares is emitted (no stale declaration), its outputs and parameters are
    // described for `gradlab-cli list --json`, and a spooling recorder writes its files the same.
    void everyLessonEmitsExactlyWhatItDeclares() {
        for (const LessonSpec& lesson : allLessons()) {
            const LessonSpec* l = &lesson;
            const char* id = l->id.c_str();
            Params p = l->defaults();
            for (const auto& s : l->smoke.sets) {
                auto [k, v] = l->parse(s);
                p.assign(k, v);
            }
            // Beside it, a recorder that spools (from after the first frame on, as the CLI's
            // does): its files must be the same, byte for byte, and nothing else is left behind.
            Recorder rec(l), spooled(l);
            test::Tee both(rec, spooled);
            QTemporaryDir kept, spool;
            auto run = RunDriver::start(*l, p, 0, Device::CPU, both);
            spooled.spool(spool.path().toStdString());
            for (int64_t i = 0; i < l->smoke.steps && !run->finished(); ++i) run->step(both);
            rec.writeCsvFiles(kept.path().toStdString());
            spooled.writeCsvFiles(spool.path().toStdString());
            const auto want = test::filesIn(kept.path().toStdString()), got = test::filesIn(spool.path().toStdString());
            QVERIFY2(!want.empty() && want.size() == got.size(), id);
            for (const auto& [name, bytes] : want) QVERIFY2(got.count(name) && got.at(name) == bytes, qPrintable(QString("%1: %2").arg(id, QString::fromStdString(name))));
            // A run that ends by itself ends at the step it planned (progress and time left rely on it).
            if (run->finished()) QCOMPARE(run->stepCount(), run->plannedSteps());
            else QVERIFY2(run->plannedSteps() < 0 || run->plannedSteps() > run->stepCount(), id);
            for (const OutputSpec& o : l->outputs) {
                bool seen = false;
                for (const std::string& n : namesOf(rec, o.kind))
                    seen = seen || (o.matches(n) && findOutput(l->outputs, n, o.kind == OutputKind::HeatMap ? OutputKind::Image : o.kind) == &o);
                QVERIFY2(seen, qPrintable(QString("%1 declares the %2 '%3' but never emitted it in its smoke run")
                                              .arg(id, QString::fromStdString(outputKindName(o.kind)),
                                                   QString::fromStdString(o.name))));
            }
        }
    }

    void describeListsParamsAndOutputs() {
        for (const LessonSpec& l : allLessons()) {
            const nlohmann::json d = l.describe();
            QCOMPARE(d.at("id").get<std::string>(), l.id);
            QCOMPARE(d.at("params").size(), l.params.size());
            using Words = std::map<std::string, std::string>;
            for (std::size_t i = 0; i < l.params.size(); ++i)  // the words a choice shows, by key
                if (!l.params[i].choiceLabels.empty()) QCOMPARE(d.at("params")[i].at("choice_labels").get<Words>(), l.params[i].choiceLabels);
            QCOMPARE(d.at("outputs").size(), l.outputs.size());
            QVERIFY2(!l.outputs.empty(), l.id.c_str());
            for (const auto& o : d.at("outputs")) {
                QVERIFY(!o.at("title").get<std::string>().empty());
                QVERIFY(o.at("kind").is_string());
            }
            QVERIFY2(l.output(l.headline), qPrintable("the headline of " + QString::fromStdString(l.id) + " is not declared"));
            // The status line names it in words, not by its output's name ("loss.val").
            QVERIFY2(!l.headlineTitle.empty() && l.headlineTitle != l.headline, l.id.c_str());
        }
        std::string shown;  // as `gradlab-cli list --json` gives it
        const nlohmann::json deep = findLesson("deep")->describe();
        for (const auto& p : deep.at("params"))
            if (p.at("key") == "schedule") shown = p.at("choice_labels").at("warmup_cosine").get<std::string>();
        QCOMPARE(shown, std::string("warm-up + cosine"));
    }

    void paramBuilders() {
        ParamSpec lr = ParamSpec::number("lr", "learning rate", 1e-5, 1, 1e-3).log().about("step size");
        QCOMPARE(lr.kind, ParamKind::Number);
        QVERIFY(lr.logScale && lr.live);
        QCOMPARE(lr.help, std::string("step size"));
        // Each parameter takes its section's title, in the order declared.
        const std::vector<ParamSpec> all = grouped({{"Data", {ParamSpec::flag("a", "a", false), ParamSpec::flag("b", "b", false)}},
                                                    {"Net", {lr}}});
        QCOMPARE(int(all.size()), 3);
        QCOMPARE(all[0].key + all[0].group + all[1].key + all[1].group, std::string("aDatabData"));
        QCOMPARE(all[2].key + all[2].group, std::string("lrNet"));
        ParamSpec depth = ParamSpec::integer("depth", "layers", 1, 50, 12).onReset();
        QCOMPARE(depth.kind, ParamKind::Integer);
        QVERIFY(!depth.live);
        QCOMPARE(depth.def, 12.0);
        ParamSpec flag = ParamSpec::flag("f", "f", true);
        QCOMPARE(flag.kind, ParamKind::Flag);
        QCOMPARE(flag.def, 1.0);
        QCOMPARE(flag.max, 1.0);
        ParamSpec set = ParamSpec::subset("racers", "racers", {"a", "b"}, "a,b");
        QCOMPARE(set.kind, ParamKind::Set);
        QVERIFY(set.isText());
        QCOMPARE(ParamSpec::file("image", "image").kind, ParamKind::File);
        // A set with an empty entry is a slip the student hears about (issue 18).
        const LessonSpec* opt = findLesson("optimizers");
        QCOMPARE(opt->parse("racers=adam, sgd").second.text, opt->parse("racers=sgd,adam").second.text);  // in choice order
        QVERIFY_THROWS_EXCEPTION(Error, opt->parse("racers=adam,,sgd"));
        QVERIFY_THROWS_EXCEPTION(Error, opt->parse("racers=adam,sgd,"));
        QVERIFY_THROWS_EXCEPTION(Error, opt->parse("racers=,adam"));
    }

    // An action (a button, an edit the page makes) is done each time it is asked, even with the
    // same text, and logged each time; its parameter keeps no value; the CLI takes it only with --at.
    void actionsAreDoneNotKept() {
        ParamSpec a = ParamSpec::action("restore", "Restore");
        QCOMPARE(a.kind, ParamKind::Action);
        QVERIFY(a.isAction() && a.isText() && a.live && a.inPanel);
        QVERIFY(!ParamSpec::action("point", "edit").fromPage().inPanel);
        QCOMPARE(kindName(ParamKind::Action), std::string("action"));
        const LessonSpec& l = *findLesson("generalization");
        QCOMPARE(l.parse("point=add 0.1 0.2 1").second.text, std::string("add 0.1 0.2 1"));
        QVERIFY_THROWS_EXCEPTION(Error, l.parse("point=" + std::string(300, 'x')));  // too long
        struct Frames : Sink {
            void push(Frame&&) override {}
        } sink;
        auto run = RunDriver::start(l, l.defaults(), 1, Device::CPU, sink);
        run->step(sink);
        run->set("restore_best", {0, ""}, sink);
        run->set("restore_best", {0, ""}, sink);
        run->set("point", {0, "add 0.1 0.2 1"}, sink);
        QCOMPARE(run->edits().size(), std::size_t(3));
        QCOMPARE(run->params().text("point"), std::string());
        // The log survives the JSON round trip of a checkpoint or summary.json.
        QCOMPARE(RunDriver::editsFromJson(l, RunDriver::editsToJson(l, run->edits())), run->edits());
        const nlohmann::json d = l.describe();
        bool described = false;
        for (const auto& p : d.at("params"))
            if (p.at("key") == "point") described = p.at("kind") == "action" && p.at("in_panel") == false;
        QVERIFY(described);
    }

    // A checkpoint that is a sound file but does not fit the lesson (a tensor renamed, as a later
    // version of the lab might; a parameter of the wrong kind) is said as that, in words a student
    // reads in their language; what() keeps which tensor or field (it said "Adagrad.loadState: the
    // state tensor '0.sum' is missing" and nothing else).
    void aCheckpointThatDoesNotFitIsSaidSo() {
        const LessonSpec* l = findLesson("optimizers");
        Recorder rec(l);
        auto run = RunDriver::start(*l, l->defaults(), 0, Device::CPU, rec);
        run->step(rec);
        const std::string fits = "optimizers: the checkpoint does not fit this lesson (it may come from another "
                                 "version of the lab, or have been changed)";
        auto refusal = [&](Checkpoint ck) -> std::pair<std::string, std::string> {
            Recorder r(l);
            try {
                RunDriver::resume(std::move(ck), Device::CPU, r, {l, {}, {}});
            } catch (const Error& e) {
                return {e.said() ? e.said()->english() : "(nothing said)", e.what()};
            }
            return {"(resumed)", ""};
        };
        QCOMPARE(refusal(run->checkpoint()).first, std::string("(resumed)"));
        Checkpoint renamed = run->checkpoint();
        for (auto& [name, t] : renamed.tensors)
            if (name == "racer.adam.opt.0.exp_avg") name = "racer.adam.opt.0.first_moment";
        const auto [saidRenamed, whatRenamed] = refusal(renamed);
        QCOMPARE(saidRenamed, fits);
        QVERIFY2(whatRenamed.rfind(fits + ": ", 0) == 0 && whatRenamed.find("first_moment") != std::string::npos, whatRenamed.c_str());
        Checkpoint wrongKind = run->checkpoint();
        wrongKind.meta["params"]["adam.lr"] = "fast";
        QCOMPARE(refusal(wrongKind).first, fits);
        Checkpoint noSeed = run->checkpoint();
        noSeed.meta.erase("seed");
        const auto [saidNoSeed, whatNoSeed] = refusal(noSeed);
        QCOMPARE(saidNoSeed, fits);
        QVERIFY2(whatNoSeed.find("lacks its parameters or seed") != std::string::npos, whatNoSeed.c_str());
        Checkpoint badSeed = run->checkpoint();
        badSeed.meta["seed"] = -1;
        QCOMPARE(refusal(badSeed).first, fits);
    }

    // Resuming: an unchanged reset-only value is no change; a changed one is refused; a live
    // change applies; the envelope comes back; a checkpoint of another lesson is refused.
    void driverResume() {
        QTemporaryDir dir;
        const std::string ck = dir.filePath("race.safetensors").toStdString();
        const LessonSpec* l = findLesson("optimizers");
        Params p = l->defaults();
        p.assign("racers", l->parse("racers=adam,sgd").second);
        Recorder rec(l);
        auto run = RunDriver::start(*l, p, 7, Device::CPU, rec);
        for (int i = 0; i < 20; ++i) run->step(rec);
        run->save(ck, nlohmann::json{{"history", 1}});

        Recorder r2(l);
        auto same = RunDriver::resume(ck, Device::CPU, r2, {l, {l->parse("racers=adam,sgd")}, {}});
        QCOMPARE(same->stepCount(), int64_t(20));
        QCOMPARE(same->seed(), uint64_t(7));
        QCOMPARE(same->params(), run->params());
        QCOMPARE(same->loadedExtra().at("history").get<int>(), 1);
        QCOMPARE(r2.lastScalars(), rec.lastScalars());  // resync re-emits the state

        Recorder r3(l);
        QVERIFY_THROWS_EXCEPTION(ResumeError, RunDriver::resume(ck, Device::CPU, r3, {l, {l->parse("racers=adam")}, {}}));
        auto faster = RunDriver::resume(ck, Device::CPU, r3, {l, {l->parse("adam.lr=0.05")}, 3});
        QCOMPARE(faster->params().number("adam.lr"), 0.05);
        QCOMPARE(faster->seed(), uint64_t(3));
        QVERIFY_THROWS_EXCEPTION(Error, RunDriver::resume(ck, Device::CPU, r3, {findLesson("init"), {}, {}}));

        // A reset-only key cannot change a running run; a live one can.
        QVERIFY_THROWS_EXCEPTION(Error, run->set("surface", l->parse("surface=beale").second, rec));
        run->set("adam.lr", l->parse("adam.lr=0.02").second, rec);
        QCOMPARE(run->params().number("adam.lr"), 0.02);
        QCOMPARE(run->checkpoint().meta.at("params").at("adam.lr").get<double>(), 0.02);
    }

    // A branch's changes: a different start value, then only the edits where the logs part.
    void changesBetweenNamesWhatABranchDidOtherwise() {
        const LessonSpec* l = findLesson("optimizers");
        Params a = l->defaults(), b = l->defaults();
        b.assign("surface", l->parse("surface=beale").second);
        auto edit = [&](int64_t step, const std::string& kv) {
            auto [key, value] = l->parse(kv);
            return Edit{step, key, value};
        };
        const std::vector<Edit> parent = {edit(100, "adam.lr=0.05"), edit(300, "adam.lr=0.2")};
        const std::vector<Edit> child = {edit(100, "adam.lr=0.05"), edit(200, "adam.lr=0.01"), edit(250, "sgd.lr=0.1")};
        const std::vector<RunDifference> want = {
            {"surface", "rosenbrock", "beale"}, {"adam.lr", "0.05", "0.01", 200}, {"sgd.lr", "0.001", "0.1", 250}};
        QCOMPARE(changesBetween(*l, a, parent, b, child), want);
        QVERIFY(changesBetween(*l, a, parent, a, parent).empty());  // the same run: nothing differs
        QVERIFY(changesBetween(*l, a, parent, a, {parent[0]}).empty());  // a branch before the second change
        // An empty set is written empty: it read "0" ("augment 0 → shift"), like a number.
        const LessonSpec* g = findLesson("generalization");
        Params shifted = g->defaults();
        shifted.assign("augment", g->parse("augment=shift").second);
        QCOMPARE(changesBetween(*g, g->defaults(), {}, shifted, {}), (std::vector<RunDifference>{{"augment", "", "shift"}}));
    }

    // A whole number read from a checkpoint: a JSON integer within its bounds, nothing else (a
    // float such as 1e300 would convert with undefined behaviour).
    void wholeNumbersFromCheckpoints() {
        using lessons::wholeNumber;
        QCOMPARE(wholeNumber(nlohmann::json::parse("3"), 0, 10, "n"), int64_t(3));  // parsed: unsigned
        QCOMPARE(wholeNumber(nlohmann::json(int64_t(-1)), -1, 10, "n"), int64_t(-1));
        QCOMPARE(wholeNumber(nlohmann::json::parse("1000000000000"), 0, lessons::kMaxSavedStep, "n"), lessons::kMaxSavedStep);
        for (const char* bad : {"3.5", "1e300", "-2", "11", "\"3\"", "null", "[3]", "18446744073709551615", "-9223372036854775808"}) {
            try {
                wholeNumber(nlohmann::json::parse(bad), -1, 10, "the test's n");
                QFAIL(bad);
            } catch (const Error& e) {
                QCOMPARE(QString(e.what()), QString("the test's n (%1) is not a whole number from -1 to 10").arg(nlohmann::json::parse(bad).dump().c_str()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestLessonFramework)
#include "test_lesson_framework.moc"
