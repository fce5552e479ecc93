// Checkpoint I/O: bit-exact round trips, atomic replacement, every kind of bad file (truncated,
// corrupted, malformed, wrong lesson) failing with a clear Error, and the safetensors format
// checked against files built from the spec (tests/data/gen_safetensors.py).
#include <QtTest>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

#include "common/check.h"
#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/io/checkpoint.h"
#include "engine/io/safetensors.h"

using namespace gradlab;
namespace fs = std::filesystem;

namespace {

std::string readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

std::vector<std::string> listDir(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<uint32_t> bitsOf(const Tensor& t) {
    std::vector<float> v = t.toVector();
    std::vector<uint32_t> bits(v.size());
    if (!v.empty()) std::memcpy(bits.data(), v.data(), v.size() * sizeof(float));
    return bits;
}

Tensor fromBits(const std::vector<uint32_t>& bits, const Shape& shape) {
    std::vector<float> v(bits.size());
    if (!v.empty()) std::memcpy(v.data(), bits.data(), bits.size() * sizeof(float));
    return fromData(v, shape);
}

// A safetensors file from a header text and `dataBytes` bytes of data (0x3f each); the header is
// padded with spaces to a multiple of 8 unless told otherwise.
std::string rawFile(std::string header, std::size_t dataBytes, bool pad = true) {
    if (pad) header.append((8 - header.size() % 8) % 8, ' ');
    uint64_t n = header.size();
    std::string out(8, '\0');
    std::memcpy(out.data(), &n, 8);
    return out + header + std::string(dataBytes, '\x3f');
}

// The error message of f(), or "no error" / "other exception: ..." so that QCOMPARE shows it.
template <class F>
std::string errorOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("other exception: ") + e.what();
    }
    return "no error";
}

#define EXPECT_ERROR(expr, needle)                                                                        \
    do {                                                                                                  \
        std::string msg_ = errorOf([&] { (void)(expr); });                                                \
        QVERIFY2(msg_.find(needle) != std::string::npos && msg_.rfind("other exception", 0) != 0,        \
                 ("expected an Error containing \"" + std::string(needle) + "\", got: " + msg_).c_str()); \
    } while (0)

// A checkpoint with tensors of every awkward kind and a generator state in its meta.
Checkpoint sampleCheckpoint(Generator& gen) {
    Checkpoint c;
    c.lesson = "optimizers";
    const std::vector<Shape> shapes = {{}, {0}, {3, 0, 2}, {1}, {7}, {4, 5}, {2, 3, 4}, {2, 1, 3, 1, 2}};
    for (std::size_t i = 0; i < shapes.size(); ++i)
        c.tensors.emplace_back("t" + std::to_string(i), randn(shapes[i], gen));
    // A non-contiguous view is saved in its logical (row-major) order.
    c.tensors.emplace_back("model.transposed", arange(0, 12).reshape({3, 4}).transpose(0, 1));
    const float inf = std::numeric_limits<float>::infinity();
    c.tensors.emplace_back("optim.special", fromData({inf, -inf, -0.0f, std::numeric_limits<float>::quiet_NaN(),
                                                      std::numeric_limits<float>::denorm_min(),
                                                      std::numeric_limits<float>::max()}));
    c.meta = {{"params", {{"lr", 0.1}, {"momentum", 0.9}, {"optimizer", "adam"}}},
              {"seed", std::numeric_limits<uint64_t>::max()},
              {"step", int64_t(-12345)},
              {"sum", 0.1 + 0.2},
              {"tiny", 4.9406564584124654e-324},
              {"history", {1.5, 2.25, 1e-300}},
              {"text", "caf\u00e9 \"quoted\"\n"}};
    return c;
}

}  // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path dir() const { return fs::path(m_tmp.path().toStdString()); }

    // A fresh empty directory for one test.
    fs::path freshDir(const std::string& name) {
        fs::path d = dir() / name;
        fs::remove_all(d);
        fs::create_directories(d);
        return d;
    }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    // ---------------------------------------------------------------- round trips

    void roundTripIsBitExact() {
        Generator gen(7);
        Checkpoint c = sampleCheckpoint(gen);
        const fs::path file = freshDir("roundtrip") / "run.safetensors";
        saveCheckpoint(file, c);
        Checkpoint back = loadCheckpoint(file, "optimizers");

        QCOMPARE(back.lesson, c.lesson);
        QVERIFY2(back.meta == c.meta, back.meta.dump().c_str());
        QCOMPARE(back.meta["seed"].get<uint64_t>(), std::numeric_limits<uint64_t>::max());
        QCOMPARE(back.meta["sum"].get<double>(), 0.1 + 0.2);
        QCOMPARE(back.tensors.size(), c.tensors.size());
        // Loaded in file order, which is name order.
        for (std::size_t i = 1; i < back.tensors.size(); ++i) QVERIFY(back.tensors[i - 1].first < back.tensors[i].first);
        for (const auto& [name, t] : c.tensors) {
            QVERIFY2(back.has(name), name.c_str());
            const Tensor& r = back.tensor(name, t.shape());
            QCOMPARE(r.device(), Device::CPU);
            QCOMPARE(r.dim(), t.dim());
            QVERIFY2(bitsOf(r) == bitsOf(t), name.c_str());
        }
        GL_COMPARE_CLOSE(back.tensor("model.transposed"), (std::vector<double>{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}), 0, 0);
        QCOMPARE(back.tensor("t0").item(), c.tensor("t0").item());  // the scalar
        EXPECT_ERROR(back.tensor("missing"), "no tensor \"missing\"");
        EXPECT_ERROR(back.tensor("t5", Shape{5, 4}), "has shape (4, 5), expected (5, 4)");
    }

    void nonFiniteMetaBecomesNull() {
        Checkpoint c;
        c.lesson = "mlp";
        c.meta = {{"loss", std::numeric_limits<double>::quiet_NaN()}};
        const fs::path file = freshDir("nan") / "c.safetensors";
        saveCheckpoint(file, c);
        QVERIFY(loadCheckpoint(file).meta["loss"].is_null());  // as documented: JSON has no NaN
    }

    void restoredGeneratorContinuesTheSame() {
        for (int drawn : {0, 1, 3, 4, 5, 1001}) {  // mid-block and block boundaries
            Generator g(0xDEADBEEFCAFEF00Dull);
            for (int i = 0; i < drawn; ++i) g.nextU32();
            Checkpoint c;
            c.lesson = "mlp";
            c.meta["rng"] = generatorStateToJson(g.state());
            const fs::path file = freshDir("rng") / "c.safetensors";
            saveCheckpoint(file, c);

            std::vector<uint32_t> expected;
            for (int i = 0; i < 37; ++i) expected.push_back(g.nextU32());
            const float expectedNormal = g.normal();

            Generator h(1);
            h.setState(generatorStateFromJson(loadCheckpoint(file, "mlp").meta["rng"]));
            std::vector<uint32_t> got;
            for (int i = 0; i < 37; ++i) got.push_back(h.nextU32());
            QVERIFY2(got == expected, std::to_string(drawn).c_str());
            QCOMPARE(h.normal(), expectedNormal);
        }
        // 64-bit values survive exactly, as strings.
        Generator::State s{std::numeric_limits<uint64_t>::max(), 0xFFFFFFFFFFFFFFFEull, 2};
        nlohmann::json j = generatorStateToJson(s);
        QCOMPARE(j["seed"].get<std::string>(), std::string("18446744073709551615"));
        Generator::State t = generatorStateFromJson(nlohmann::json::parse(j.dump()));
        QCOMPARE(t.seed, s.seed);
        QCOMPARE(t.counter, s.counter);
        QCOMPARE(t.used, s.used);
    }

    void badGeneratorStatesThrow() {
        using nlohmann::json;
        EXPECT_ERROR(generatorStateFromJson(json::array()), "must be a JSON object");
        EXPECT_ERROR(generatorStateFromJson(json{{"counter", "1"}, {"used", 4}}), "no \"seed\"");
        EXPECT_ERROR(generatorStateFromJson(json{{"seed", 5}, {"counter", "1"}, {"used", 4}}), "decimal string");
        EXPECT_ERROR(generatorStateFromJson(json{{"seed", "-5"}, {"counter", "1"}, {"used", 4}}), "not an unsigned 64-bit");
        EXPECT_ERROR(generatorStateFromJson(json{{"seed", "18446744073709551616"}, {"counter", "1"}, {"used", 4}}),
                     "not an unsigned 64-bit");
        EXPECT_ERROR(generatorStateFromJson(json{{"seed", "12x"}, {"counter", "1"}, {"used", 4}}), "not an unsigned 64-bit");
        EXPECT_ERROR(generatorStateFromJson(json{{"seed", ""}, {"counter", "1"}, {"used", 4}}), "not an unsigned 64-bit");
        EXPECT_ERROR(generatorStateFromJson(json{{"seed", "1"}, {"counter", "1"}, {"used", 5}}), "from 0 to 4");
        EXPECT_ERROR(generatorStateFromJson(json{{"seed", "1"}, {"counter", "1"}, {"used", -1}}), "from 0 to 4");
        EXPECT_ERROR(generatorStateFromJson(json::parse(R"({"seed":"1","counter":"1","used":2.0})")), "from 0 to 4");
        QCOMPARE(generatorStateFromJson(json::parse(R"({"seed":"1","counter":"1","used":3})")).used, 3u);
        QCOMPARE(generatorStateFromJson(json{{"seed", "1"}, {"counter", "1"}, {"used", 3}}).used, 3u);
        EXPECT_ERROR(generatorStateFromJson(json{{"seed", "1"}, {"counter", "1"}}), "from 0 to 4");
        EXPECT_ERROR(generatorStateFromJson(json{{"seed", "1"}, {"counter", "0"}, {"used", 2}}), "inconsistent");
    }

    void saveRejectsBadInput() {
        const fs::path d = freshDir("badsave");
        Checkpoint c;
        c.lesson = "mlp";
        c.tensors = {{"a", zeros({2})}, {"b", zeros({1})}, {"a", ones({2})}};
        EXPECT_ERROR(saveCheckpoint(d / "c.safetensors", c), "two tensors are named \"a\"");
        c.tensors = {{"a", Tensor()}};
        EXPECT_ERROR(saveCheckpoint(d / "c.safetensors", c), "tensor \"a\" is undefined");
        c.tensors = {{"__metadata__", zeros({1})}};
        EXPECT_ERROR(saveCheckpoint(d / "c.safetensors", c), "is reserved");
        c.tensors = {{"bad\xff", zeros({1})}};
        EXPECT_ERROR(saveCheckpoint(d / "c.safetensors", c), "valid UTF-8");
        c.tensors = {};
        c.lesson = "";
        EXPECT_ERROR(saveCheckpoint(d / "c.safetensors", c), "lesson id is empty");
        QCOMPARE(listDir(d), std::vector<std::string>{});  // nothing written, nothing left behind

        // A meta string that is not UTF-8 (a path given in another encoding) is saved with U+FFFD
        // for its odd byte: JSON holds only Unicode, and the run is not lost for a name.
        c.lesson = "mlp";
        c.meta = {{"k", "bad\xfe"}};
        saveCheckpoint(d / "m.safetensors", c);
        QCOMPARE(loadCheckpoint(d / "m.safetensors").meta.at("k").get<std::string>(), std::string("bad\xef\xbf\xbd"));
    }

    void savesFromCudaTensors() {
        if (!cudaAvailable()) QSKIP("no usable CUDA device in this build or machine");
        Generator gen(3);
        Tensor cpu = randn({5, 6}, gen);
        const fs::path file = freshDir("cuda") / "c.safetensors";
        saveSafetensors(file, {{"w", cpu.to(Device::CUDA)}});
        SafetensorsFile f = loadSafetensors(file);
        QCOMPARE(f.tensor("w").device(), Device::CPU);
        QVERIFY(bitsOf(f.tensor("w")) == bitsOf(cpu));
    }

    // ---------------------------------------------------------------- atomic replacement

    void savingOverAnExistingFileReplacesIt() {
        const fs::path d = freshDir("replace");
        const fs::path file = d / "run.safetensors";
        Checkpoint a;
        a.lesson = "mlp";
        a.tensors = {{"w", fromData({1, 2, 3})}};
        saveCheckpoint(file, a);
        ::chmod(file.c_str(), 0640);
        Checkpoint b;
        b.lesson = "cnn";
        b.meta = {{"step", 9}};
        b.tensors = {{"w", fromData({4, 5})}, {"v", zeros({2, 2})}};
        saveCheckpoint(file, b);
        Checkpoint back = loadCheckpoint(file);
        QCOMPARE(back.lesson, std::string("cnn"));
        QCOMPARE(back.meta["step"].get<int>(), 9);
        GL_COMPARE_CLOSE(back.tensor("w"), (std::vector<double>{4, 5}), 0, 0);
        QCOMPARE(listDir(d), std::vector<std::string>{"run.safetensors"});
        struct stat st {};
        QCOMPARE(::stat(file.c_str(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0640);  // the replacement keeps the old file's permissions
    }

    void failedSavesLeaveTheOldFileAlone() {
        const fs::path d = freshDir("failed");
        const fs::path file = d / "run.safetensors";
        Checkpoint old;
        old.lesson = "mlp";
        old.tensors = {{"w", fromData({1, 2, 3})}};
        saveCheckpoint(file, old);
        std::string oldBytes = readBytes(file);

        Generator gen(5);
        Checkpoint big;
        big.lesson = "mlp";
        big.tensors = {{"w", randn({64, 1024}, gen)}};  // 256 KiB

        // 1. The file system refuses the data part-way (EFBIG past RLIMIT_FSIZE; root is bound too).
        {
            struct rlimit saved {};
            QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
            auto oldHandler = ::signal(SIGXFSZ, SIG_IGN);
            struct rlimit small = saved;
            small.rlim_cur = 64 * 1024;
            QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
            std::string msg = errorOf([&] { saveCheckpoint(file, big); });
            ::setrlimit(RLIMIT_FSIZE, &saved);
            ::signal(SIGXFSZ, oldHandler);
            QVERIFY2(msg.find("cannot write '" + file.string() + "'") != std::string::npos, msg.c_str());
            QVERIFY2(msg.find(std::strerror(EFBIG)) != std::string::npos, msg.c_str());
            QVERIFY2(msg.find("the old file is unchanged") != std::string::npos, msg.c_str());
        }
        QVERIFY(readBytes(file) == oldBytes);
        QCOMPARE(listDir(d), std::vector<std::string>{"run.safetensors"});

        // 2. A writer abandoned half-way (an exception between two writes) removes its temporary.
        {
            AtomicFileWriter w(file);
            w.write(std::string_view("partial data"));
            QVERIFY(fs::exists(w.tempPath()));
            QCOMPARE(w.tempPath().parent_path(), d);
        }
        QVERIFY(readBytes(file) == oldBytes);
        QCOMPARE(listDir(d), std::vector<std::string>{"run.safetensors"});

        // 2b. Temporaries of this file left by a writer that was killed (its pid no longer runs)
        // go at the next save; a live writer's, another file's and a look-alike name stay.
        {
            const pid_t dead = [] {  // a child that has exited and been reaped: its pid runs no more
                const pid_t p = ::fork();
                if (p == 0) ::_exit(0);
                ::waitpid(p, nullptr, 0);
                return p;
            }();
            const std::string deadTmp = ".run.safetensors.tmp-" + std::to_string(dead) + "-0";
            const std::string liveTmp = ".run.safetensors.tmp-" + std::to_string(::getppid()) + "-3";
            const std::string otherTmp = ".other.safetensors.tmp-" + std::to_string(dead) + "-0";
            const std::string lookAlike = ".run.safetensors.tmp-notes";
            for (const std::string& n : {deadTmp, liveTmp, otherTmp, lookAlike}) std::ofstream(d / n) << "x";
            saveCheckpoint(file, big);
            QVERIFY(!fs::exists(d / deadTmp));
            QVERIFY(fs::exists(d / liveTmp) && fs::exists(d / otherTmp) && fs::exists(d / lookAlike));
            for (const std::string& n : {liveTmp, otherTmp, lookAlike}) fs::remove(d / n);
            oldBytes = readBytes(file);
        }

        // 3. The target is a directory.
        fs::create_directories(d / "sub.safetensors");
        EXPECT_ERROR(saveCheckpoint(d / "sub.safetensors", big), "is a directory");
        QVERIFY(fs::is_directory(d / "sub.safetensors"));
        QVERIFY(fs::is_empty(d / "sub.safetensors"));

        // 4. The directory is missing, or is a regular file.
        EXPECT_ERROR(saveCheckpoint(d / "missing" / "x.safetensors", big), "No such file or directory");
        EXPECT_ERROR(saveCheckpoint(file / "x.safetensors", big), std::strerror(ENOTDIR));
        QVERIFY(readBytes(file) == oldBytes);
        QCOMPARE(listDir(d), (std::vector<std::string>{"run.safetensors", "sub.safetensors"}));
    }

    void unwritableDirectoryKeepsOldFile() {
        if (::geteuid() == 0) QSKIP("running as root: permission bits do not stop root (covered by RLIMIT_FSIZE above)");
        const fs::path d = freshDir("readonly");
        const fs::path file = d / "run.safetensors";
        Checkpoint c;
        c.lesson = "mlp";
        c.tensors = {{"w", fromData({1, 2})}};
        saveCheckpoint(file, c);
        const std::string oldBytes = readBytes(file);
        ::chmod(d.c_str(), 0555);
        c.tensors = {{"w", fromData({3, 4})}};
        std::string msg = errorOf([&] { saveCheckpoint(file, c); });
        std::string msgDir = errorOf([&] { checkWritableDirectory(d); });
        ::chmod(d.c_str(), 0755);
        QVERIFY2(msg.find(std::strerror(EACCES)) != std::string::npos, msg.c_str());
        QVERIFY2(msgDir.find("is not writable") != std::string::npos, msgDir.c_str());
        QVERIFY(readBytes(file) == oldBytes);
        QCOMPARE(listDir(d), std::vector<std::string>{"run.safetensors"});
    }

    void symlinkTargetIsReplaced() {
        const fs::path d = freshDir("link");
        writeFileAtomic(d / "real.bin", std::string_view("old"));
        fs::create_symlink("real.bin", d / "link.bin");
        writeFileAtomic(d / "link.bin", std::string_view("new content"));
        QVERIFY(fs::is_symlink(d / "link.bin"));
        QCOMPARE(readBytes(d / "real.bin"), std::string("new content"));
        const std::string longName(250, 'x');  // the temporary's longer name must still fit NAME_MAX
        writeFileAtomic(d / longName, std::string_view("long"));
        QCOMPARE(readBytes(d / longName), std::string("long"));
        fs::remove(d / longName);
        fs::create_symlink("nowhere/none.bin", d / "dangling.bin");
        EXPECT_ERROR(writeFileAtomic(d / "dangling.bin", std::string_view("x")), "symbolic link");
        QCOMPARE(listDir(d), (std::vector<std::string>{"dangling.bin", "link.bin", "real.bin"}));
    }

    void checkWritableDirectoryCreatesOrRefuses() {
        const fs::path d = freshDir("outdirs");
        checkWritableDirectory(d / "a" / "b" / "c");
        QVERIFY(fs::is_directory(d / "a" / "b" / "c"));
        QVERIFY(fs::is_empty(d / "a" / "b" / "c"));  // the probe file is gone
        checkWritableDirectory(d);                     // existing is fine
        writeBytes(d / "plain", "x");
        EXPECT_ERROR(checkWritableDirectory(d / "plain"), "exists and is not a directory");
        EXPECT_ERROR(checkWritableDirectory(d / "plain" / "sub"), "cannot create the output directory");
        // /proc refuses new files even to root.
        EXPECT_ERROR(checkWritableDirectory("/proc"), "'/proc' is not writable");
    }

    void readFileErrors() {
        const fs::path d = freshDir("readfile");
        writeBytes(d / "f", "hello");
        std::vector<char> got = readFile(d / "f", 5);
        QCOMPARE(std::string(got.begin(), got.end()), std::string("hello"));
        EXPECT_ERROR(readFile(d / "f", 4), "5 bytes, more than the limit of 4");
        EXPECT_ERROR(readFile(d / "none", 100), "no such file");
        EXPECT_ERROR(readFile(d, 100), "is a directory");
        QCOMPARE(::mkfifo((d / "fifo").c_str(), 0600), 0);
        EXPECT_ERROR(readFile(d / "fifo", 100), "not a regular file");  // and does not hang
        writeBytes(d / "short", "abc");
        FileReader r(d / "short");
        char buf[8];
        EXPECT_ERROR(r.read(buf), "ends at byte 3");
    }

    // ---------------------------------------------------------------- bad files

    void missingAndEmptyFiles() {
        const fs::path d = freshDir("missing");
        EXPECT_ERROR(loadCheckpoint(d / "none.safetensors"), "no such file");
        EXPECT_ERROR(loadCheckpoint(d), "is a directory");
        writeBytes(d / "empty.safetensors", "");
        EXPECT_ERROR(loadCheckpoint(d / "empty.safetensors"), "0 bytes long, too short");
    }

    void everyTruncationThrows() {
        Generator gen(11);
        Checkpoint c;
        c.lesson = "mlp";
        c.meta = {{"step", 3}};
        c.tensors = {{"a", randn({3, 2}, gen)}, {"b", randn({}, gen)}, {"c", zeros({0, 2})}, {"d", randn({5}, gen)}};
        const fs::path d = freshDir("truncate");
        saveCheckpoint(d / "full.safetensors", c);
        const std::string full = readBytes(d / "full.safetensors");
        QVERIFY(full.size() > 100);
        for (std::size_t len = 0; len < full.size(); ++len) {
            writeBytes(d / "cut.safetensors", full.substr(0, len));
            std::string msg = errorOf([&] { loadCheckpoint(d / "cut.safetensors", "mlp"); });
            QVERIFY2(msg != "no error" && msg.rfind("other exception", 0) != 0,
                     ("length " + std::to_string(len) + ": " + msg).c_str());
            QVERIFY2(msg.find(d.string()) != std::string::npos, msg.c_str());  // names the file
        }
        // One byte too many is an error as well.
        writeBytes(d / "long.safetensors", full + "x");
        EXPECT_ERROR(loadCheckpoint(d / "long.safetensors"), "1 bytes follow the last tensor's data");
    }

    void randomCorruptionLoadsOrThrows() {
        Generator gen(2024);
        Checkpoint c;
        c.lesson = "mlp";
        c.meta = {{"step", 3}, {"params", {{"lr", 0.01}}}, {"rng", generatorStateToJson(gen.state())}};
        c.tensors = {{"fc.weight", randn({4, 3}, gen)}, {"fc.bias", randn({4}, gen)}, {"s", randn({}, gen)}};
        const fs::path d = freshDir("corrupt");
        saveCheckpoint(d / "good.safetensors", c);
        const std::string good = readBytes(d / "good.safetensors");
        uint64_t headerLen = 0;
        std::memcpy(&headerLen, good.data(), 8);
        const std::size_t dataStart = 8 + std::size_t(headerLen);

        std::mt19937_64 rng(12345);
        int loaded = 0, rejected = 0, dataOnlyLoaded = 0;
        for (int iter = 0; iter < 3000; ++iter) {
            std::string bad = good;
            // Header bytes (length field included) most of the time, data bytes otherwise.
            const bool inData = iter % 4 == 3;
            const int flips = 1 + int(rng() % 3);
            for (int k = 0; k < flips; ++k) {
                std::size_t pos = inData ? dataStart + rng() % (bad.size() - dataStart) : rng() % dataStart;
                char v = char(rng() & 0xFF);
                if (iter % 3 == 0) v = "{}[]\",:0123456789 -.e\\"[rng() % 22];  // JSON punctuation
                bad[pos] = v;
            }
            writeBytes(d / "bad.safetensors", bad);
            try {
                Checkpoint r = loadCheckpoint(d / "bad.safetensors", "mlp");
                ++loaded;
                if (inData) {
                    ++dataOnlyLoaded;
                    QCOMPARE(r.tensor("fc.weight").shape(), (Shape{4, 3}));  // the header was intact
                }
            } catch (const Error& e) {
                ++rejected;
                QVERIFY(std::string(e.what()).size() > 10);
            } catch (const std::exception& e) {
                QFAIL(("iteration " + std::to_string(iter) + ": not a gradlab::Error: " + e.what()).c_str());
            }
        }
        qInfo("random corruption: %d files loaded, %d rejected", loaded, rejected);
        // Corrupted data cannot be detected (no checksum in the format) and must load; most header
        // damage must be caught.
        QCOMPARE(dataOnlyLoaded, 750);
        QVERIFY2(rejected > 1900, std::to_string(rejected).c_str());
        QCOMPARE(loaded + rejected, 3000);
    }

    // A student is told what kind of trouble a file has, in words they can act on (and in their
    // language: Error::said carries no English detail); what() keeps the byte or tensor for the CLI.
    void aBadFileIsSaidByKind() {
        const fs::path d = freshDir("kinds");
        const fs::path file = d / "x.safetensors";
        const std::string full = rawFile(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 16);
        auto said = [&](const std::string& bytes) -> std::pair<std::string, std::string> {
            writeBytes(file, bytes);
            try {
                loadSafetensors(file);
            } catch (const Error& e) {
                if (!e.said()) return {"(nothing said)", e.what()};
                return {e.said()->english(), e.what()};
            }
            return {"(loaded)", ""};
        };
        const std::string q = "'" + file.string() + "'";
        const std::string notOne = q + " is not a valid safetensors file: it does not begin like one (is it a picture, a "
                                       "text or another kind of file?)";
        const std::string cut = q + " is not a valid safetensors file: it ends before the data its header announces "
                                    "(was it cut short while being copied or downloaded?)";
        const std::string damaged = q + " is not a valid safetensors file: its header does not describe its data (the "
                                        "file is damaged)";
        const auto png = said(std::string("\x89PNG\r\n\x1a\n") + "IHDR");  // a picture
        QCOMPARE(png.first, notOne);
        QVERIFY2(png.second == notOne + ": the header length 727905341920923785 is above the limit of 100000000 bytes",
                 png.second.c_str());
        QCOMPARE(said("{}").first, notOne);                         // too short for the header's length
        QCOMPARE(said(rawFile("[]", 0)).first, notOne);             // not a JSON object
        const auto lateData = said(full.substr(0, full.size() - 4));  // the last 4 bytes lost
        QCOMPARE(lateData.first, cut);
        QVERIFY2(lateData.second.find("ends at data byte 16 but the file holds only 12 bytes") != std::string::npos,
                 lateData.second.c_str());
        QCOMPARE(said(full.substr(0, 20)).first, cut);  // cut inside the header
        QCOMPARE(said(rawFile(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,12]}})", 12)).first, damaged);
        QCOMPARE(said(rawFile(R"({"w":)", 0)).first, damaged);  // JSON that stops
        // A valid file from another program: what it holds, not "damaged".
        const auto f16 = said(rawFile(R"({"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}})", 4));
        QCOMPARE(f16.first, q + " holds tensors of type F16 (tensor \"w\"): the lab reads float32 (F32) tensors only");
        QCOMPARE(f16.second, f16.first);
        QVERIFY(said(rawFile(R"({"w":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}})", 4)).first.find("type BF16") !=
                std::string::npos);
        QCOMPARE(said(full).first, std::string("(loaded)"));
    }

    void headerLengthLimits() {
        const fs::path d = freshDir("hdrlen");
        const std::string good = rawFile("{}", 0);  // the smallest valid file
        writeBytes(d / "ok.safetensors", good);
        QVERIFY(loadSafetensors(d / "ok.safetensors").tensors.empty());
        auto withLength = [&](uint64_t n) {
            std::string s = good;
            std::memcpy(s.data(), &n, 8);
            writeBytes(d / "bad.safetensors", s);
            return d / "bad.safetensors";
        };
        EXPECT_ERROR(loadSafetensors(withLength(~uint64_t(0))), "above the limit of 100000000 bytes");
        EXPECT_ERROR(loadSafetensors(withLength(uint64_t(1) << 63)), "above the limit");
        EXPECT_ERROR(loadSafetensors(withLength(100'000'001)), "above the limit");
        EXPECT_ERROR(loadSafetensors(withLength(100'000'000)), "runs past the end of the file (16 bytes)");
        EXPECT_ERROR(loadSafetensors(withLength(9)), "runs past the end");
        EXPECT_ERROR(loadSafetensors(withLength(0)), "does not start with '{'");
        EXPECT_ERROR(loadSafetensors(withLength(2)), "6 bytes follow the last tensor's data");
    }

    void malformedHeaders_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("dataBytes");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const std::string& header, int data, const char* expected) {
            QTest::newRow(name) << QByteArray::fromStdString(header) << data << QString(expected);
        };
        row("dtype not a string", R"({"w":{"dtype":32,"shape":[2],"data_offsets":[0,8]}})", 8, "\"dtype\" is not a string");
        row("size mismatch", R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}})", 20,
            "has shape [2, 3] (24 bytes of F32) but data_offsets [0, 20] span 20 bytes");
        row("offsets past the data", R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 4,
            "ends at data byte 8 but the file holds only 4 bytes of data");
        row("overlap", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                       R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12,
            "the data of tensors \"a\" and \"b\" overlap");
        row("same region twice", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                 R"("b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 8, "overlap");
        row("gap", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                   R"("b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}})", 20,
            "data bytes 8 to 12 belong to no tensor");
        row("not from 0", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12, "data bytes 0 to 4");
        row("trailing garbage", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 12,
            "4 bytes follow the last tensor's data");
        row("data but no tensor", R"({})", 8, "8 bytes follow");
        row("end before begin", R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", 8, "end before they begin");
        row("huge offsets", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,18446744073709551615]}})", 8, "span");
        row("negative dim", R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}})", 0, "not a non-negative integer");
        row("fractional dim", R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", 4, "not a non-negative integer");
        row("dim 2.0", R"({"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}})", 8, "not a non-negative integer");
        row("string dim", R"({"a":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}})", 8, "not a non-negative integer");
        row("shape not a list", R"({"a":{"dtype":"F32","shape":2,"data_offsets":[0,8]}})", 8, "\"shape\" is not a list");
        row("nested shape", R"({"a":{"dtype":"F32","shape":[[2]],"data_offsets":[0,8]}})", 8, "nested deeper than 3");
        row("overflowing shape", R"({"a":{"dtype":"F32","shape":[4611686018427387904,4611686018427387904,0],)"
                                 R"("data_offsets":[0,0]}})", 0, "too many elements");
        row("too many elements", R"({"a":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,0]}})", 0,
            "too many elements");
        row("missing dtype", R"({"a":{"shape":[2],"data_offsets":[0,8]}})", 8, "tensor \"a\" has no \"dtype\"");
        row("missing shape", R"({"a":{"dtype":"F32","data_offsets":[0,8]}})", 8, "has no \"shape\"");
        row("missing offsets", R"({"a":{"dtype":"F32","shape":[2]}})", 8, "has no \"data_offsets\"");
        row("unexpected key", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"x":1}})", 8,
            "unexpected key \"x\"");
        row("one offset", R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[0]}})", 0, "not a pair of non-negative");
        row("negative offset", R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[-4,-4]}})", 0, "not a pair");
        row("float offset", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8.0]}})", 8, "not a pair");
        row("entry not an object", R"({"a":[1,2]})", 0, "tensor \"a\" is described by array, not an object");
        row("duplicate tensor", R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                                R"("a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", 8, "duplicate key \"a\"");
        row("duplicate field", R"({"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}})", 4,
            "duplicate key \"dtype\"");
        row("metadata not an object", R"({"__metadata__":"x"})", 0, "\"__metadata__\" is not an object");
        row("metadata value not a string", R"({"__metadata__":{"k":1}})", 0, "metadata \"k\" is not a string");
        row("invalid JSON", R"({"a":)", 0, "the header is not usable: invalid JSON");
        row("leading space", R"( {})", 0, "does not start with '{'");
        row("array header", R"([])", 0, "does not start with '{'");
        row("invalid UTF-8", "{\"\xff\":{}}", 0, "invalid JSON");
        row("NUL padding", std::string("{}\0\0\0\0\0\0", 8), 0, "invalid JSON: a NUL byte at offset 2");
        row("NUL then garbage", std::string("{}\0{\"x\":[", 8), 0, "a NUL byte");
        row("two documents", R"({}{})", 0, "invalid JSON");
    }

    void malformedHeaders() {
        QFETCH(QByteArray, header);
        QFETCH(int, dataBytes);
        QFETCH(QString, expected);
        const fs::path d = freshDir("malformed");
        const fs::path file = d / "bad.safetensors";
        // Headers are padded with spaces to 8 bytes (the NUL-padded row already has 8).
        writeBytes(file, rawFile(std::string(header.constData(), std::size_t(header.size())), std::size_t(dataBytes)));
        std::string msg = errorOf([&] { loadSafetensors(file); });
        QVERIFY2(msg.find(expected.toStdString()) != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("'" + file.string() + "' is not a valid safetensors file") != std::string::npos, msg.c_str());
    }

    void deepMetaIsRefused() {
        const fs::path d = freshDir("deep");
        std::string deep = std::string(200, '[') + std::string(200, ']');
        saveSafetensors(d / "c.safetensors", {},
                        {{"format", "gradlab-checkpoint"}, {"version", "1"}, {"lesson", "mlp"}, {"meta", deep}});
        EXPECT_ERROR(loadCheckpoint(d / "c.safetensors"), "unreadable meta data: JSON nested deeper than 128");
        saveSafetensors(d / "c.safetensors", {},
                        {{"format", "gradlab-checkpoint"}, {"version", "1"}, {"lesson", "mlp"}, {"meta", "{\"a\":"}});
        EXPECT_ERROR(loadCheckpoint(d / "c.safetensors"), "unreadable meta data: invalid JSON");
        try {  // the student hears the kind, in their language; what() above says where the JSON broke
            loadCheckpoint(d / "c.safetensors");
            QFAIL("the damaged checkpoint loaded");
        } catch (const Error& e) {
            QVERIFY(e.said());
            QCOMPARE(e.said()->english(), "checkpoint '" + (d / "c.safetensors").string() + "' is damaged: its settings cannot be read");
        }
        saveSafetensors(d / "c.safetensors", {},
                        {{"format", "gradlab-checkpoint"}, {"version", "1"}, {"lesson", "mlp"}, {"meta", "{\"a\":1,\"a\":2}"}});
        EXPECT_ERROR(loadCheckpoint(d / "c.safetensors"), "duplicate key \"a\"");
    }

    void wrongLessonFormatOrVersion() {
        const fs::path d = freshDir("tags");
        Checkpoint c;
        c.lesson = "mlp";
        saveCheckpoint(d / "c.safetensors", c);
        EXPECT_ERROR(loadCheckpoint(d / "c.safetensors", "optimizers"),
                     "checkpoint '" + (d / "c.safetensors").string() + "' is for lesson \"mlp\", not \"optimizers\"");
        QCOMPARE(loadCheckpoint(d / "c.safetensors", "mlp").lesson, std::string("mlp"));

        auto withMetadata = [&](const std::map<std::string, std::string>& m) {
            saveSafetensors(d / "m.safetensors", {{"w", zeros({1})}}, m);
            return d / "m.safetensors";
        };
        EXPECT_ERROR(loadCheckpoint(withMetadata({})), "is not a Gradient Lab checkpoint: its metadata has no \"format\"");
        EXPECT_ERROR(loadCheckpoint(withMetadata({{"format", "pt"}})), "its format is \"pt\", expected \"gradlab-checkpoint\"");
        EXPECT_ERROR(loadCheckpoint(withMetadata({{"format", "gradlab-checkpoint"}})), "has no \"version\"");
        EXPECT_ERROR(loadCheckpoint(withMetadata({{"format", "gradlab-checkpoint"}, {"version", "2"}})),
                     "has version \"2\"; this build reads version 1");
        EXPECT_ERROR(loadCheckpoint(withMetadata({{"format", "gradlab-checkpoint"}, {"version", "1"}, {"meta", "{}"}})),
                     "has no \"lesson\"");
        EXPECT_ERROR(loadCheckpoint(withMetadata({{"format", "gradlab-checkpoint"}, {"version", "1"}, {"lesson", "mlp"}})),
                     "has no \"meta\"");
        // Extra metadata keys are ignored.
        Checkpoint ok = loadCheckpoint(withMetadata(
            {{"format", "gradlab-checkpoint"}, {"version", "1"}, {"lesson", "mlp"}, {"meta", "[1]"}, {"x", "y"}}), "mlp");
        QCOMPARE(ok.meta, nlohmann::json::array({1}));
        // The reference file is a valid safetensors file but no checkpoint.
        EXPECT_ERROR(loadCheckpoint(fs::path(GRADLAB_TEST_DATA) / "reference.safetensors"), "its format is \"pt\"");
    }

    // ---------------------------------------------------------------- format compatibility

    void readsTheReferenceFile() {
        nlohmann::json golden = test::loadJson("reference_safetensors.json");
        SafetensorsFile f = loadSafetensors(fs::path(GRADLAB_TEST_DATA) / "reference.safetensors");
        QCOMPARE(f.metadata.size(), golden["metadata"].size());
        for (const auto& [k, v] : golden["metadata"].items()) QCOMPARE(f.metadata.at(k), v.get<std::string>());
        QCOMPARE(f.tensors.size(), golden["order"].size());
        for (std::size_t i = 0; i < f.tensors.size(); ++i) {
            const std::string name = golden["order"][i].get<std::string>();
            QCOMPARE(f.tensors[i].first, name);
            const nlohmann::json& g = golden["tensors"][name];
            const Tensor& t = f.tensors[i].second;
            QCOMPARE(t.shape(), Shape(g["shape"].get<std::vector<int64_t>>()));
            QVERIFY2(bitsOf(t) == g["bits"].get<std::vector<uint32_t>>(), name.c_str());
        }
        QCOMPARE(f.tensor("scalar").dim(), 0);
        QCOMPARE(f.tensor("scalar").item(), 3.14159274f);
        QCOMPARE(f.tensor("empty").shape(), (Shape{0, 4}));
        QCOMPARE(f.tensor("bias").at({2}), 2.25f);
        QCOMPARE(f.tensor("layer.0.w").at({1, 2, 3}), 23.0f / 7.0f);
    }

    void writesTheReferenceBytes() {
        // The same tensors and metadata written by us give the reference file byte for byte.
        nlohmann::json golden = test::loadJson("reference_safetensors.json");
        NamedTensors tensors;
        for (const auto& [name, g] : golden["tensors"].items())
            tensors.emplace_back(name, fromBits(g["bits"].get<std::vector<uint32_t>>(),
                                                Shape(g["shape"].get<std::vector<int64_t>>())));
        std::map<std::string, std::string> metadata = golden["metadata"].get<std::map<std::string, std::string>>();
        const fs::path file = freshDir("refbytes") / "ours.safetensors";
        saveSafetensors(file, tensors, metadata);
        const std::string ours = readBytes(file), ref = readBytes(fs::path(GRADLAB_TEST_DATA) / "reference.safetensors");
        QCOMPARE(ours.size(), ref.size());
        QVERIFY(ours == ref);

        // The byte strings that the reference implementation's own unit tests expect
        // (safetensors/src/tensor.rs: test_serialization, test_serialization_forced_alignement, test_empty).
        auto check = [&](const NamedTensors& ts, const std::map<std::string, std::string>& md, uint64_t n,
                         const std::string& header) {
            saveSafetensors(file, ts, md);
            std::string bytes = readBytes(file);
            std::string expected(8, '\0');
            std::memcpy(expected.data(), &n, 8);
            expected += header;
            for (const auto& [name, t] : ts) {
                std::vector<float> v = t.toVector();
                expected.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float));
            }
            QCOMPARE(bytes, expected);
        };
        check({{"attn.0", arange(0, 6).reshape({1, 2, 3})}}, {}, 64,
              R"({"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}})");
        check({{"attn0", arange(0, 6).reshape({1, 1, 2, 3})}}, {}, 72,
              R"({"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}})" + std::string(7, ' '));
        check({}, {}, 8, "{}      ");
        check({}, {{"framework", "pt"}}, 40, R"({"__metadata__":{"framework":"pt"}})" + std::string(5, ' '));
    }

    void ownFilesFollowTheSpec() {
        // Re-parse a checkpoint's bytes by hand, as another reader would.
        Generator gen(99);
        Checkpoint c = sampleCheckpoint(gen);
        const fs::path file = freshDir("spec") / "c.safetensors";
        saveCheckpoint(file, c);
        const std::string bytes = readBytes(file);
        uint64_t n = 0;
        std::memcpy(&n, bytes.data(), 8);
        QCOMPARE((8 + n) % 8, uint64_t(0));  // the data starts 8-byte aligned
        QVERIFY(8 + n <= bytes.size());
        const std::string header = bytes.substr(8, std::size_t(n));
        QCOMPARE(header.front(), '{');
        const std::size_t last = header.find_last_not_of(' ');
        QCOMPARE(header[last], '}');  // only spaces pad it
        QVERIFY(header.size() - last - 1 < 8);
        auto h = nlohmann::ordered_json::parse(header);
        // "__metadata__" first, then the tensors in name order with contiguous offsets from 0.
        auto it = h.begin();
        QCOMPARE(it.key(), std::string("__metadata__"));
        const auto& md = it.value();
        QCOMPARE(md.size(), std::size_t(4));
        QCOMPARE(md["format"].get<std::string>(), std::string("gradlab-checkpoint"));
        QCOMPARE(md["version"].get<std::string>(), std::string("1"));
        QCOMPARE(md["lesson"].get<std::string>(), std::string("optimizers"));
        QVERIFY(nlohmann::json::parse(md["meta"].get<std::string>()) == c.meta);
        std::vector<std::string> names;
        uint64_t offset = 0;
        for (++it; it != h.end(); ++it) {
            names.push_back(it.key());
            const auto& e = it.value();
            QCOMPARE(e.size(), std::size_t(3));
            QCOMPARE(e["dtype"].get<std::string>(), std::string("F32"));
            const Tensor& t = c.tensor(it.key());
            QCOMPARE(Shape(e["shape"].get<std::vector<int64_t>>()), t.shape());
            const uint64_t begin = e["data_offsets"][0].get<uint64_t>(), end = e["data_offsets"][1].get<uint64_t>();
            QCOMPARE(begin, offset);
            QCOMPARE(end - begin, uint64_t(t.numel()) * 4);
            std::vector<uint32_t> stored(std::size_t(t.numel()));
            if (!stored.empty()) std::memcpy(stored.data(), bytes.data() + 8 + n + begin, std::size_t(end - begin));
            QVERIFY2(stored == bitsOf(t), it.key().c_str());  // little-endian, row-major
            offset = end;
        }
        QCOMPARE(8 + n + offset, uint64_t(bytes.size()));
        QCOMPARE(names.size(), c.tensors.size());
        QVERIFY(std::is_sorted(names.begin(), names.end()));
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "test_checkpoint.moc"
