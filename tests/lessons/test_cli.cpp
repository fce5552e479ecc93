// gradlab-cli end to end: commands, the optimizer race against PyTorch's trajectories, the
// required output files, checkpoint continuation (200 + 200 steps == 400), changes at a step and
// replays (bit for bit, every lesson) and every bad input.
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include "common/check.h"
#include "common/cli_runner.h"
#include "engine/data/image_io.h"

using namespace gradlab::test;

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void listAndParams() {
        ProcessResult r = runCli({"list"});
        QCOMPARE(r.exitCode, 0);
        for (const char* id : {"activations", "optimizers", "init"}) QVERIFY2(r.out.contains(id), qPrintable(r.out));
        r = runCli({"params", "optimizers"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("adam.lr"));
        QVERIFY(r.out.contains("momentum.momentum"));
        QVERIFY(r.out.contains("reset"));
        r = runCli({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--set"));
    }

    // The acceptance test of the optimizer race: 1000 steps from (-1, 1) on Rosenbrock follow
    // torch.optim's float32 trajectories within 1e-4 at every point.
    void optimizersMatchPyTorch() {
        QTemporaryDir dir;
        ProcessResult r = runCli({"run", "optimizers", "--steps", "1000", "--out", dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        Csv t = readCsv(dir.filePath("trajectory.csv"));
        QCOMPARE(t.header.join(','), QString("racer,step,x,y,loss"));
        auto golden = loadJson("rosenbrock_paths.json")["float32"];
        const std::map<QString, std::string> names = {{"sgd", "sgd_lr1e-3"},
                                                      {"momentum", "sgd_momentum0.9_lr1e-3"},
                                                      {"adam", "adam_lr1e-2"},
                                                      {"rmsprop", "rmsprop_lr1e-2"}};
        for (const auto& [racer, key] : names) {
            const auto& g = golden[key];
            int seen = 0;
            double worst = 0;
            for (const QStringList& row : t.rows) {
                if (row[0] != racer) continue;
                int step = row[1].toInt();
                QCOMPARE(step, seen);
                for (int c = 0; c < 2; ++c)
                    worst = std::max(worst, std::fabs(row[2 + c].toDouble() - g["path"][step][c].get<double>()));
                worst = std::max(worst, std::fabs(row[4].toDouble() - g["loss"][step].get<double>()) /
                                            std::max(1.0, std::fabs(g["loss"][step].get<double>())));
                ++seen;
            }
            QCOMPARE(seen, 1001);
            QVERIFY2(worst <= 1e-4, qPrintable(QString("%1 deviates from torch by %2").arg(racer).arg(worst)));
        }
        QVERIFY(QFile::exists(dir.filePath("metrics.csv")));
        QFile f(dir.filePath("summary.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject s = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(s["lesson"].toString(), QString("optimizers"));
        QCOMPARE(s["steps"].toInt(), 1000);
        QCOMPARE(s["device"].toString(), QString("cpu"));
        QVERIFY(s["final"].toObject()["loss.adam"].toDouble() < 1e-4);
    }

    // --save after 200 steps, --load and 200 more: bit for bit the same as 400 in one go.
    void checkpointContinuesExactly() {
        QTemporaryDir dir;
        const QString ck = dir.filePath("race.safetensors");
        const QStringList set = {"--set", "adam.lr=0.02", "--set", "racers=adam,rmsprop,nadam,momentum"};
        QCOMPARE(runCli(QStringList{"run", "optimizers", "--steps", "400", "--out", dir.filePath("full")} + set).exitCode, 0);
        QCOMPARE(runCli(QStringList{"run", "optimizers", "--steps", "200", "--save", ck} + set).exitCode, 0);
        ProcessResult r = runCli({"run", "optimizers", "--load", ck, "--steps", "200", "--out", dir.filePath("rest")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        Csv full = readCsv(dir.filePath("full/trajectory.csv")), rest = readCsv(dir.filePath("rest/trajectory.csv"));
        QVERIFY(!rest.rows.empty());
        QCOMPARE(rest.rows.front()[1], QString("200"));  // step numbers go on from the saved step
        std::map<QString, QString> lastFull, lastRest;
        for (const auto& row : full.rows) lastFull[row[0]] = row.join(',');
        for (const auto& row : rest.rows) lastRest[row[0]] = row.join(',');
        QCOMPARE(lastRest.size(), std::size_t(4));
        for (const auto& [racer, row] : lastFull) QCOMPARE(lastRest[racer], row);
        QVERIFY(lastFull["adam"].startsWith("adam,400,"));
    }

    void activationsFiles() {
        QTemporaryDir dir;
        ProcessResult r = runCli({"run", "activations", "--steps", "5", "--set", "points=101", "--out", dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        Csv a = readCsv(dir.filePath("activations.csv"));
        QCOMPARE(a.header.join(','),
                 QString("x,sigmoid,dsigmoid,tanh,dtanh,relu,drelu,leaky_relu,dleaky_relu,elu,delu,gelu,dgelu,softplus,"
                         "dsoftplus,silu,dsilu"));
        QCOMPARE(int(a.rows.size()), 101);
        const QStringList& mid = a.rows[50];  // x = 0 (7.45e-8 in float32, as torch.linspace gives)
        QVERIFY(std::fabs(mid[0].toDouble()) < 1e-7);
        QVERIFY(std::fabs(mid[a.column("sigmoid")].toDouble() - 0.5) < 1e-6);
        QVERIFY(std::fabs(mid[a.column("dsigmoid")].toDouble() - 0.25) < 1e-6);
        QVERIFY(std::fabs(mid[a.column("dtanh")].toDouble() - 1.0) < 1e-6);
        QVERIFY(std::fabs(mid[a.column("dsoftplus")].toDouble() - 0.5) < 1e-6);
        QCOMPARE(mid[a.column("drelu")].toDouble(), 1.0);  // x > 0 by a hair: slope 1
        Csv d = readCsv(dir.filePath("depth_gradients.csv"));
        QCOMPARE(d.header.join(','), QString("activation,layer,grad_norm"));
        QCOMPARE(int(d.rows.size()), 8 * 13);  // 8 activations x (12 hidden + output) layers
    }

    void initFiles() {
        QTemporaryDir dir;
        ProcessResult r = runCli({"run", "init", "--steps", "3", "--out", dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        Csv s = readCsv(dir.filePath("init_stats.csv"));
        QCOMPARE(s.header.join(','), QString("scheme,mean,std,expected_std"));
        QCOMPARE(int(s.rows.size()), 7);
        for (const auto& row : s.rows)  // 3 x 65536 samples: the std is within 1 % of the theory
            QVERIFY2(std::fabs(row[2].toDouble() / row[3].toDouble() - 1.0) < 0.01, qPrintable(row.join(',')));
        Csv l = readCsv(dir.filePath("layer_stats.csv"));
        QCOMPARE(l.header.join(','), QString("scheme,activation,layer,mean,std,saturated_fraction"));
        QCOMPARE(int(l.rows.size()), 7 * 10);
    }

    // list --json: every lesson with its parameters and declared outputs, as the specs say.
    void listJson() {
        ProcessResult r = runCli({"list", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
        QVERIFY2(doc.isArray(), qPrintable(r.out.left(200)));
        QStringList ids;
        for (const QJsonValue& v : doc.array()) {
            const QJsonObject o = v.toObject();
            ids << o["id"].toString();
            QVERIFY(!o["params"].toArray().isEmpty());
            QVERIFY(!o["outputs"].toArray().isEmpty());
            for (const QJsonValue& out : o["outputs"].toArray()) {
                QVERIFY(!out.toObject()["name"].toString().isEmpty());
                QVERIFY(QStringList({"scalar", "series", "image", "heat map", "markers"}).contains(out.toObject()["kind"].toString()));
            }
        }
        QCOMPARE(ids, (QStringList{"activations", "optimizers", "init", "cnn", "generalization", "deep", "rnn", "attention", "vit", "gpt"}));
        QCOMPARE(doc.array()[1].toObject()["params"].toArray()[0].toObject()["key"].toString(), QString("surface"));
    }

    // A change at a given step is the same as stopping there, saving, and continuing with the
    // change; and the run replays from its summary.json (and from its checkpoint) bit for bit:
    // the same CSV files, the same checkpoint. For every lesson, at small settings.
    void changeAtStepEqualsSaveAndContinue_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QStringList>("sets");
        QTest::addColumn<QString>("change");
        QTest::newRow("activations") << "activations" << QStringList{} << "lr=0.03";
        QTest::newRow("optimizers") << "optimizers" << QStringList{} << "adam.lr=0.05";
        QTest::newRow("init") << "init" << QStringList{} << "normal.std=0.5";
        QTest::newRow("cnn") << "cnn" << QStringList{"dataset=shapes", "validation=200"} << "lr=0.01";
        QTest::newRow("attention") << "attention" << QStringList{} << "lr=0.01";
        QTest::newRow("rnn") << "rnn" << QStringList{"length=10", "hidden=16"} << "clip=0.5";
        QTest::newRow("vit") << "vit" << QStringList{"dataset=shapes"} << "lr=0.003";
    }
    void changeAtStepEqualsSaveAndContinue() {
        QFETCH(QString, lesson);
        QFETCH(QStringList, sets);
        QFETCH(QString, change);
        QTemporaryDir dir;
        auto path = [&](const QString& name) { return dir.filePath(name); };
        QStringList setArgs;
        for (const QString& s : sets) setArgs << "--set" << s;
        auto ok = [](const ProcessResult& r) { return r.exitCode == 0 && !r.crashed; };
        // 6 steps with the change after step 3 ...
        ProcessResult a = runCli(QStringList{"run", lesson, "--steps", "6", "--at", "3:" + change, "--out", path("a"),
                                             "--save", path("a.safetensors")} + setArgs);
        QVERIFY2(ok(a), qPrintable(a.err));
        // ... equals 3 steps, a checkpoint, and 3 more with the change.
        ProcessResult b1 = runCli(QStringList{"run", lesson, "--steps", "3", "--save", path("b1.safetensors")} + setArgs);
        QVERIFY2(ok(b1), qPrintable(b1.err));
        ProcessResult b2 = runCli({"run", lesson, "--load", path("b1.safetensors"), "--set", change, "--steps", "3",
                                   "--out", path("b"), "--save", path("b.safetensors")});
        QVERIFY2(ok(b2), qPrintable(b2.err));
        QCOMPARE(fileBytes(path("b.safetensors")), fileBytes(path("a.safetensors")));
        const Csv ma = readCsv(path("a/metrics.csv")), mb = readCsv(path("b/metrics.csv"));
        QVERIFY(!ma.rows.empty() && !mb.rows.empty());
        QCOMPARE(mb.rows.back(), ma.rows.back());
        // The summary records the change where it happened.
        const QJsonObject summary = QJsonDocument::fromJson(fileBytes(path("a/summary.json"))).object();
        const QJsonArray edits = summary["edits"].toArray();
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits[0].toObject()["step"].toInt(), 3);
        QCOMPARE(edits[0].toObject()["key"].toString(), change.section('=', 0, 0));
        // Replays: from the summary and from the checkpoint, every file as in the original run.
        for (const QString& from : {path("a/summary.json"), path("a.safetensors")}) {
            const QString out = path(from.endsWith(".json") ? "replay-summary" : "replay-checkpoint");
            ProcessResult r = runCli({"replay", from, "--out", out, "--save", out + ".safetensors"});
            QVERIFY2(ok(r), qPrintable(r.err));
            QCOMPARE(fileBytes(out + ".safetensors"), fileBytes(path("a.safetensors")));
            const QStringList files = QDir(path("a")).entryList({"*.csv", "*.png"}, QDir::Files);
            QVERIFY(files.contains("metrics.csv"));
            for (const QString& f : files) QVERIFY2(fileBytes(out + "/" + f) == fileBytes(path("a/" + f)), qPrintable(f));
            if (from.endsWith(".json")) QVERIFY2(r.err.contains("every final value is as recorded"), qPrintable(r.err));
        }
    }

    // A sweep runs the grid (values x seeds) and tabulates it: a row per run with the varied
    // value, the seed and every final scalar, each the same as the one run on its own gives.
    void sweepRunsTheGrid() {
        QTemporaryDir dir;
        ProcessResult r = runCli({"sweep", "optimizers", "--set", "adam.lr=0.001,0.01,0.1", "--set", "racers=adam|sgd",
                                  "--seeds", "2", "--steps", "50", "--jobs", "2", "--out", dir.filePath("sweep")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Csv runs = readCsv(dir.filePath("sweep/runs.csv"));
        QCOMPARE(runs.rows.size(), std::size_t(12));
        const int lr = runs.column("adam.lr"), seed = runs.column("seed"), adam = runs.column("loss.adam"), status = runs.column("status");
        QVERIFY(lr >= 0 && seed >= 0 && adam >= 0 && status >= 0 && runs.column("racers") >= 0 && runs.column("steps") >= 0);
        for (const QStringList& row : runs.rows) QCOMPARE(row[status], QString("done"));
        // The row of adam.lr=0.1, racers=adam, seed 1 against that run on its own.
        ProcessResult one = runCli({"run", "optimizers", "--set", "adam.lr=0.1", "--set", "racers=adam", "--seed", "1",
                                    "--steps", "50", "--out", dir.filePath("one")});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        const Csv single = readCsv(dir.filePath("one/metrics.csv"));
        bool found = false;
        for (const QStringList& row : runs.rows)
            if (row[lr] == "0.1" && row[runs.column("racers")] == "adam" && row[seed] == "1") {
                found = true;
                QCOMPARE(row[adam], single.rows.back()[single.column("loss.adam")]);
            }
        QVERIFY(found);
        const QJsonObject summary = QJsonDocument::fromJson(fileBytes(dir.filePath("sweep/summary.json"))).object();
        QCOMPARE(summary["runs"].toArray().size(), 12);
        QVERIFY(QFile::exists(dir.filePath("sweep/adam.lr=0.1_racers=adam_seed=1/metrics.csv")));
        // Bad sweeps say why before any run starts.
        QCOMPARE(runCli({"sweep", "optimizers", "--set", "adam.lr=0.01,fast", "--out", dir.filePath("bad")}).exitCode, 2);
        QCOMPARE(runCli({"sweep", "optimizers", "--set", "adam.lr=0.01"}).exitCode, 2);
        QVERIFY(!QFile::exists(dir.filePath("bad/runs.csv")));
    }

    // What cannot be replayed or scheduled says why.
    void replayAndAtRefuseBadInput() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath("junk.json"), "{\"lesson\": \"optimizers\"}"));
        ProcessResult r = runCli({"replay", dir.filePath("junk.json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("does not record how its run began"), qPrintable(r.err));
        r = runCli({"run", "optimizers", "--steps", "5", "--at", "2:surface=beale"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("applies only to a fresh run"), qPrintable(r.err));
        r = runCli({"run", "optimizers", "--steps", "5", "--at", "two:adam.lr=0.1"});
        QCOMPARE(r.exitCode, 2);
        r = runCli({"run", "optimizers", "--steps", "5", "--at", "9:adam.lr=0.1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("was not applied: the run ended at step 5"), qPrintable(r.err));
        // A picture that is not one (a text file, a folder, nothing) is a usage error, not a
        // run with the test picture instead.
        QVERIFY(writeFile(dir.filePath("notes.txt"), "not a picture\n"));
        for (const QString& bad : {dir.filePath("notes.txt"), dir.path(), dir.filePath("missing.png")}) {
            r = runCli({"run", "vit", "--steps", "1", "--set", "dataset=shapes", "--set", "image=" + bad, "--out", dir.filePath("pic")});
            QVERIFY2(r.exitCode == 2, qPrintable(bad + ": " + r.err));
            QVERIFY2(r.err.contains("cannot use"), qPrintable(r.err));
            QVERIFY(!QFileInfo::exists(dir.filePath("pic")));
        }
        // An action (a button in the app) is no setting: --at runs it at a step, --set says so.
        r = runCli({"run", "generalization", "--steps", "5", "--set", "point=add 0 0 1"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("is an action, not a setting"), qPrintable(r.err));
        r = runCli({"run", "generalization", "--steps", "12", "--set", "epochs=1", "--set", "train_images=100",
                    "--at", "3:point=add 0 0 1", "--at", "4:point=add 0.5 0 1", "--out", dir.filePath("edited")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile summary(dir.filePath("edited/summary.json"));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(summary.readAll()).object()["training_points"].toInt(), 32);
    }

    // A path that is not UTF-8 (a Latin-1 "é", the byte 0xE9, as older systems name files) is
    // written and read under its own bytes: not renamed with U+FFFD, not "not found". QProcess
    // cannot pass such bytes, so the CLI is started with posix_spawn.
    void nonUtf8PathsKeepTheirBytes() {
        QTemporaryDir dir;
        const std::string base = dir.path().toStdString(), out = base + "/r\xe9sultats", ck = base + "/caf\xe9.safetensors";
        const std::string image = base + "/\xe9t\xe9.png";
        std::vector<float> px(32 * 32, 1.0f);  // a dark square on white paper
        for (int y = 6; y < 26; ++y)
            for (int x = 8; x < 24; ++x) px[std::size_t(y * 32 + x)] = 0.0f;
        gradlab::writeGrayPng(image, px, 32, 32);
        auto run = [](std::vector<std::string> args) {
            args.insert(args.begin(), cliPath().toStdString());
            std::vector<char*> argv;
            for (std::string& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            pid_t pid = 0;
            if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return -1;
            int status = 0;
            waitpid(pid, &status, 0);
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        };
        QCOMPARE(run({"run", "optimizers", "--steps", "5", "--out", out, "--save", ck}), 0);
        QVERIFY(std::filesystem::exists(out + "/trajectory.csv"));
        QVERIFY(std::filesystem::exists(ck));
        QCOMPARE(run({"run", "optimizers", "--steps", "3", "--load", ck, "--save", ck}), 0);
        QCOMPARE(run({"run", "vit", "--steps", "1", "--set", "dataset=shapes", "--set", "image=" + image, "--out", out + "/vit"}), 0);
        QVERIFY(std::filesystem::exists(out + "/vit/summary.json"));
        // Nothing was written under a replacement character's name.
        for (const auto& e : std::filesystem::recursive_directory_iterator(base))
            QVERIFY2(e.path().string().find("\xef\xbf\xbd") == std::string::npos, e.path().c_str());
    }

    // Ctrl+C (SIGINT) or SIGTERM during a run: the step in progress finishes, the files and the
    // checkpoint of the steps done are written, the exit code says which signal it was, and the
    // checkpoint continues the run.
    void signalStopsCleanly_data() {
        QTest::addColumn<int>("signal");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("SIGINT") << int(SIGINT) << 130;
        QTest::newRow("SIGTERM") << int(SIGTERM) << 143;
    }
    void signalStopsCleanly() {
        QFETCH(int, signal);
        QFETCH(int, exitCode);
        QTemporaryDir dir;
        const QString ck = dir.filePath("stopped.safetensors");
        QProcess p;
        p.start(cliPath(), {"run", "optimizers", "--steps", "100000000", "--out", dir.filePath("out"), "--save", ck});
        QVERIFY(p.waitForStarted());
        // It is stepping once it reports progress (every 2 s without a terminal): however busy the
        // machine, the signal then arrives during the run.
        QString err;
        p.setReadChannel(QProcess::StandardError);
        while (!err.contains("optimizers: step") && p.state() == QProcess::Running && p.waitForReadyRead(30000))
            err += QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains("optimizers: step"), qPrintable(err));
        ::kill(pid_t(p.processId()), signal);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), exitCode);
        err += QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains("writing what is done"), qPrintable(err));
        QFile f(dir.filePath("out/summary.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject summary = QJsonDocument::fromJson(f.readAll()).object();
        const qint64 steps = summary["steps"].toInteger();
        QVERIFY2(steps > 0 && steps < 100000000, qPrintable(QString::number(steps)));
        QCOMPARE(summary["stopped_by"].toString(), QString(signal == SIGINT ? "SIGINT" : "SIGTERM"));
        Csv t = readCsv(dir.filePath("out/trajectory.csv"));
        QCOMPARE(qint64(t.rows.size()), 8 * (steps + 1));  // every racer, step 0 to the last one done
        ProcessResult r = runCli({"run", "optimizers", "--load", ck, "--steps", "5", "--out", dir.filePath("more")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile g(dir.filePath("more/summary.json"));
        QVERIFY(g.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(g.readAll()).object()["steps"].toInteger(), steps + 5);
    }

    // --load with a reset-only parameter given exactly as saved is no change; a different value is.
    void loadWithUnchangedResetValue() {
        QTemporaryDir dir;
        const QString ck = dir.filePath("race.safetensors");
        QCOMPARE(runCli({"run", "optimizers", "--steps", "10", "--set", "racers=adam", "--save", ck}).exitCode, 0);
        ProcessResult same = runCli({"run", "optimizers", "--load", ck, "--set", "racers=adam", "--steps", "5"});
        QVERIFY2(same.exitCode == 0, qPrintable(same.err));
        ProcessResult other = runCli({"run", "optimizers", "--load", ck, "--set", "racers=sgd", "--steps", "5"});
        QCOMPARE(other.exitCode, 2);
        QVERIFY2(other.err.contains("cannot change"), qPrintable(other.err));
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << 2 << "no command";
        QTest::newRow("unknown command") << QStringList{"fly"} << 2 << "unknown command";
        QTest::newRow("unknown lesson") << QStringList{"run", "nope"} << 2 << "unknown lesson";
        QTest::newRow("unknown key") << QStringList{"run", "optimizers", "--set", "adam.lrr=1"} << 2 << "unknown parameter";
        QTest::newRow("no equals") << QStringList{"run", "optimizers", "--set", "adam.lr"} << 2 << "key=value";
        QTest::newRow("not a number") << QStringList{"run", "optimizers", "--set", "adam.lr=fast"} << 2 << "expects a number";
        QTest::newRow("nan") << QStringList{"run", "optimizers", "--set", "adam.lr=nan"} << 2 << "finite";
        QTest::newRow("out of range") << QStringList{"run", "optimizers", "--set", "adam.lr=1e9"} << 2 << "out of range";
        QTest::newRow("bad choice") << QStringList{"run", "optimizers", "--set", "surface=moon"} << 2 << "must be one of";
        QTest::newRow("bad racer") << QStringList{"run", "optimizers", "--set", "racers=adam,lbfgs"} << 2 << "lbfgs";
        QTest::newRow("empty racer") << QStringList{"run", "optimizers", "--set", "racers=adam,,sgd"} << 2 << "empty entry";
        QTest::newRow("not an integer") << QStringList{"run", "activations", "--set", "depth=2.5"} << 2 << "integer";
        QTest::newRow("negative steps") << QStringList{"run", "optimizers", "--steps", "-3"} << 2 << "--steps";
        QTest::newRow("bad seed") << QStringList{"run", "optimizers", "--seed", "x"} << 2 << "--seed";
        QTest::newRow("bad device") << QStringList{"run", "optimizers", "--device", "tpu"} << 2 << "unknown device";
        QTest::newRow("unknown option") << QStringList{"run", "optimizers", "--speed"} << 2 << "speed";
        QTest::newRow("option of another command") << QStringList{"list", "--steps", "5"} << 2 << "not an option of list";
        QTest::newRow("run option on params") << QStringList{"params", "cnn", "--out", "/tmp/x"} << 2 << "not an option of params";
        QTest::newRow("save into a directory") << QStringList{"run", "optimizers", "--save", "/tmp"} << 2 << "is a directory";
        QTest::newRow("missing checkpoint") << QStringList{"run", "optimizers", "--load", "/nonexistent/x.safetensors"} << 1
                                            << "x.safetensors";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        ProcessResult r = runCli(args);
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);  // one clear line
    }

    void nonWritableOutWritesNothing() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath("file"), ""));
        ProcessResult r = runCli({"run", "optimizers", "--steps", "10", "--out", dir.filePath("file/sub")});
        QVERIFY(r.exitCode == 1 || r.exitCode == 2);
        QVERIFY(!r.crashed);
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{"file"});
    }

    // A run the lesson refuses (no racers) leaves no --out folder that it created itself; one that
    // existed stays.
    void refusedRunLeavesNoEmptyOut() {
        QTemporaryDir dir;
        ProcessResult r = runCli({"run", "optimizers", "--steps", "5", "--set", "racers=", "--out", dir.filePath("new/out")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("at least one racer"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir.filePath("new/out")));
        QVERIFY(QDir().mkpath(dir.filePath("mine")));
        QCOMPARE(runCli({"run", "optimizers", "--steps", "5", "--set", "racers=", "--out", dir.filePath("mine")}).exitCode, 1);
        QVERIFY(QFileInfo(dir.filePath("mine")).isDir());
    }

    void badCheckpoints() {
        QTemporaryDir dir;
        const QString garbage = dir.filePath("garbage.safetensors");
        QVERIFY(writeFile(garbage, "this is not a checkpoint at all"));
        ProcessResult r = runCli({"run", "optimizers", "--load", garbage, "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QDir(dir.filePath("o")).exists() || QDir(dir.filePath("o")).isEmpty());

        // A good checkpoint of another lesson, and a truncated one.
        const QString init = dir.filePath("init.safetensors");
        QCOMPARE(runCli({"run", "init", "--steps", "1", "--save", init}).exitCode, 0);
        r = runCli({"run", "optimizers", "--load", init});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("init"), qPrintable(r.err));
        const QString race = dir.filePath("race.safetensors");
        QCOMPARE(runCli({"run", "optimizers", "--steps", "5", "--save", race}).exitCode, 0);
        QFile full(race);
        QVERIFY(full.open(QIODevice::ReadOnly));
        QByteArray bytes = full.readAll();
        for (int cut : {0, 7, 8, 20, int(bytes.size()) / 2, int(bytes.size()) - 1}) {
            const QString cutFile = dir.filePath("cut.safetensors");
            QVERIFY(writeFile(cutFile, std::string_view(bytes.constData(), std::size_t(cut))));
            r = runCli({"run", "optimizers", "--load", cutFile});
            QVERIFY(!r.crashed);
            QVERIFY2(r.exitCode == 1, qPrintable(QString("cut at %1: %2").arg(cut).arg(r.err)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
