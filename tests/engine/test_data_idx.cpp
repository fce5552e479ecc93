// IDX files: the format checked against hand-made bytes, round trips (raw and gzip, also gzip made
// by zlib's own gz* writer and multi-member streams), and every kind of broken file failing with
// an Error that names it: bad magic, type byte, rank, sizes, truncation at every length, trailing
// bytes, corrupt gzip, out-of-range labels, and seeded random byte flips.
#include <QtTest>

#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/idx.h"

using namespace gradlab;
namespace fs = std::filesystem;

namespace {

std::string readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const fs::path& p, const std::string& bytes) {
    // A new file each time: ext4 flushes a file truncated and rewritten in place to disk on close.
    fs::remove(p);
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

// gzip-compresses with zlib's gz* file API (not our writer); mode "wb" or "ab" (appends a member).
void gzipFile(const fs::path& p, const std::string& bytes, const char* mode = "wb") {
    gzFile f = gzopen(p.c_str(), mode);
    QVERIFY(f != nullptr);
    QCOMPARE(gzwrite(f, bytes.data(), unsigned(bytes.size())), int(bytes.size()));
    QCOMPARE(gzclose(f), Z_OK);
}

std::string gunzip(const fs::path& p) {
    gzFile f = gzopen(p.c_str(), "rb");
    std::string out;
    char buf[4096];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, size_t(n));
    gzclose(f);
    return out;
}

std::string be32(uint32_t v) {
    return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}

// A 3x4x5 image file: header + 60 bytes 0, 4, 8, ...
std::string smallImages() {
    std::string s = std::string("\0\0\x08\x03", 4) + be32(3) + be32(4) + be32(5);
    for (int i = 0; i < 60; ++i) s += char(uint8_t(i * 4));
    return s;
}

std::string smallLabels(std::vector<uint8_t> labels) {
    std::string s = std::string("\0\0\x08\x01", 4) + be32(uint32_t(labels.size()));
    for (uint8_t l : labels) s += char(l);
    return s;
}

// QVERIFY that `expr` throws gradlab::Error naming `file` and containing `part`.
#define VERIFY_IDX_ERROR(expr, file, part)                                                                 \
    do {                                                                                                   \
        try {                                                                                              \
            (void)(expr);                                                                                  \
            QFAIL("no error from " #expr);                                                                 \
        } catch (const Error& e) {                                                                         \
            const QString msg = QString::fromStdString(e.what());                                          \
            QVERIFY2(msg.contains(QString::fromStdString(fs::path(file).filename().string())), qPrintable(msg)); \
            QVERIFY2(msg.contains(part), qPrintable(msg));                                                 \
        }                                                                                                  \
    } while (0)

}  // namespace

class TestDataIdx : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path path(const char* name) const { return fs::path(m_tmp.path().toStdString()) / name; }

private slots:
    void readsHandMadeFiles() {
        writeBytes(path("img.idx"), smallImages());
        IdxArray a = readIdxImages(path("img.idx"));
        QCOMPARE(a.dims, (std::vector<int64_t>{3, 4, 5}));
        QCOMPARE(a.data.size(), size_t(60));
        for (int i = 0; i < 60; ++i) QCOMPARE(int(a.data[size_t(i)]), (i * 4) % 256);

        gzipFile(path("img.idx.gz"), smallImages());
        IdxArray g = readIdx(path("img.idx.gz"), 3);
        QCOMPARE(g.dims, a.dims);
        QCOMPARE(g.data, a.data);

        writeBytes(path("lab.idx"), smallLabels({0, 9, 3, 3}));
        IdxArray l = readIdxLabels(path("lab.idx"), 10);
        QCOMPARE(l.dims, (std::vector<int64_t>{4}));
        QCOMPARE(l.data, (std::vector<uint8_t>{0, 9, 3, 3}));
    }

    void gzipWithSeveralMembers() {
        // gzip allows concatenated members; the content is their concatenation.
        const std::string whole = smallImages();
        gzipFile(path("multi.gz"), whole.substr(0, 21));
        gzipFile(path("multi.gz"), whole.substr(21), "ab");
        IdxArray a = readIdxImages(path("multi.gz"));
        QCOMPARE(a.data.size(), size_t(60));
        QCOMPARE(int(a.data[59]), (59 * 4) % 256);
    }

    void writerMatchesTheFormat() {
        IdxArray a{{3, 4, 5}, {}};
        for (int i = 0; i < 60; ++i) a.data.push_back(uint8_t(i * 4));
        writeIdx(path("w.idx"), a, false);
        QCOMPARE(readBytes(path("w.idx")), smallImages());
        writeIdx(path("w.idx.gz"), a, true);
        QCOMPARE(readBytes(path("w.idx.gz")).substr(0, 2), std::string("\x1f\x8b"));
        QCOMPARE(gunzip(path("w.idx.gz")), smallImages());  // zlib's reader, not ours
        IdxArray back = readIdxImages(path("w.idx.gz"));
        QCOMPARE(back.dims, a.dims);
        QCOMPARE(back.data, a.data);

        // A larger round trip through both paths.
        Generator gen(7);
        IdxArray big{{1000, 28, 28}, std::vector<uint8_t>(1000 * 784)};
        for (auto& b : big.data) b = uint8_t(gen.nextU32());
        for (bool gz : {false, true}) {
            writeIdx(path("big"), big, gz);
            IdxArray r = readIdxImages(path("big"));
            QCOMPARE(r.dims, big.dims);
            QVERIFY(r.data == big.data);
        }

        QVERIFY_THROWS_EXCEPTION(Error, writeIdx(path("x"), IdxArray{{}, {}}, false));
        QVERIFY_THROWS_EXCEPTION(Error, writeIdx(path("x"), IdxArray{{2, 0}, {}}, false));
        QVERIFY_THROWS_EXCEPTION(Error, writeIdx(path("x"), IdxArray{{2, 3}, {1, 2, 3}}, false));
    }

    void badHeaders() {
        const std::string good = smallImages();
        auto variant = [&](const char* name, size_t at, char value) {
            std::string s = good;
            s[at] = value;
            writeBytes(path(name), s);
            return path(name);
        };
        VERIFY_IDX_ERROR(readIdxImages(variant("magic0", 0, 1)), "magic0", "magic number 0x01000803, expected 0x00000803");
        VERIFY_IDX_ERROR(readIdxImages(variant("magic1", 1, 8)), "magic1", "is not an IDX image file");
        VERIFY_IDX_ERROR(readIdxImages(variant("type", 2, 0x0D)), "type", "data type 0x0D is not supported");
        VERIFY_IDX_ERROR(readIdxImages(variant("rank", 3, 2)), "rank", "2-dimensional");
        VERIFY_IDX_ERROR(readIdxImages(variant("zero", 7, 0)), "zero", "size 0 is 0");
        // Labels read as images and images read as labels.
        writeBytes(path("labels"), smallLabels({1, 2}));
        VERIFY_IDX_ERROR(readIdxImages(path("labels")), "labels", "1-dimensional IDX array (magic 0x00000801)");
        writeBytes(path("images"), good);
        VERIFY_IDX_ERROR(readIdxLabels(path("images"), 10), "images", "expected 1 dimension (an IDX label file");
        // Absurd sizes are refused from the header, before any allocation or reading.
        writeBytes(path("huge"), std::string("\0\0\x08\x03", 4) + be32(60000) + be32(28000) + be32(28));
        VERIFY_IDX_ERROR(readIdxImages(path("huge")), "huge", "more than 100000000 elements");
        writeBytes(path("huge2"), std::string("\0\0\x08\x03", 4) + be32(0xFFFFFFFF) + be32(0xFFFFFFFF) + be32(0xFFFFFFFF));
        VERIFY_IDX_ERROR(readIdxImages(path("huge2")), "huge2", "more than 100000000 elements");
    }

    void truncationAndTrailingBytes() {
        const std::string good = smallImages();
        writeBytes(path("empty"), "");
        VERIFY_IDX_ERROR(readIdxImages(path("empty")), "empty", "expected a 16-byte IDX header, found 0 bytes");
        writeBytes(path("short-header"), good.substr(0, 10));
        VERIFY_IDX_ERROR(readIdxImages(path("short-header")), "short-header", "expected a 16-byte IDX header, found 10");
        writeBytes(path("short-pixels"), good.substr(0, good.size() - 1));
        VERIFY_IDX_ERROR(readIdxImages(path("short-pixels")), "short-pixels",
                         "is truncated: expected 60 bytes of pixel data (3 x 4 x 5), found 59");
        writeBytes(path("short-labels"), smallLabels({1, 2, 3}).substr(0, 9));
        VERIFY_IDX_ERROR(readIdxLabels(path("short-labels"), 10), "short-labels",
                         "expected 3 bytes of label data (3), found 1");
        writeBytes(path("trailing"), good + "xy");
        VERIFY_IDX_ERROR(readIdxImages(path("trailing")), "trailing", "2 unexpected bytes after its 60 bytes of pixel data");

        gzipFile(path("gz-short.gz"), good.substr(0, 50));
        VERIFY_IDX_ERROR(readIdxImages(path("gz-short.gz")), "gz-short.gz", "expected 60 bytes of pixel data (3 x 4 x 5), found 34");
        gzipFile(path("gz-long.gz"), good + "z");
        VERIFY_IDX_ERROR(readIdxImages(path("gz-long.gz")), "gz-long.gz", "unexpected data after its 60 bytes");
        gzipFile(path("gz-junk.gz"), good);
        writeBytes(path("gz-junk.gz"), readBytes(path("gz-junk.gz")) + "junk");
        VERIFY_IDX_ERROR(readIdxImages(path("gz-junk.gz")), "gz-junk.gz", "unexpected bytes after the end of its gzip stream");

        // Every prefix of a raw and of a gzip file fails cleanly, naming the file.
        gzipFile(path("whole.gz"), good);
        for (const std::string& whole : {good, readBytes(path("whole.gz"))}) {
            for (size_t len = 0; len < whole.size(); ++len) {
                writeBytes(path("prefix"), whole.substr(0, len));
                try {
                    readIdxImages(path("prefix"));
                    QFAIL(qPrintable(QString("a %1-byte prefix was accepted").arg(len)));
                } catch (const Error& e) {
                    QVERIFY2(QString(e.what()).contains("'" + QString::fromStdString(path("prefix").string()) + "'"), e.what());
                }
            }
        }
        // The gzip trailer (checksum and length) cut off after complete data is still an error.
        const std::string gz = readBytes(path("whole.gz"));
        writeBytes(path("no-trailer.gz"), gz.substr(0, gz.size() - 8));
        VERIFY_IDX_ERROR(readIdxImages(path("no-trailer.gz")), "no-trailer.gz", "truncated");
    }

    void corruptGzip() {
        gzipFile(path("c.gz"), smallImages());
        std::string gz = readBytes(path("c.gz"));
        gz[gz.size() - 6] ^= 0x55;  // inside the CRC-32
        writeBytes(path("crc.gz"), gz);
        VERIFY_IDX_ERROR(readIdxImages(path("crc.gz")), "crc.gz", "not a valid gzip stream (incorrect data check)");
        std::string bad = readBytes(path("c.gz"));
        bad[3] = char(0xE0);  // reserved flag bits
        writeBytes(path("flags.gz"), bad);
        VERIFY_IDX_ERROR(readIdxImages(path("flags.gz")), "flags.gz", "not a valid gzip stream");
        writeBytes(path("notdeflate.gz"), std::string("\x1f\x8b", 2) + std::string(40, 'A'));
        VERIFY_IDX_ERROR(readIdxImages(path("notdeflate.gz")), "notdeflate.gz", "not a valid gzip stream");
    }

    void labelsOutOfRange() {
        writeBytes(path("lab"), smallLabels({0, 9, 10, 2}));
        VERIFY_IDX_ERROR(readIdxLabels(path("lab"), 10), "lab", "label 10 of item 2 is not a class index (0..9)");
        QCOMPARE(readIdxLabels(path("lab"), 11).data.size(), size_t(4));
    }

    void notAFile() {
        VERIFY_IDX_ERROR(readIdxImages(path("missing")), "missing", "cannot open IDX file");
        fs::create_directories(path("folder"));
        VERIFY_IDX_ERROR(readIdxImages(path("folder")), "folder", "is a directory, not an IDX file");
    }

    void randomByteFlipsNeverCrash() {
        // Seeded flips of 1-3 bytes in raw and gzip files: each read either succeeds with the
        // header's shape or fails with an Error naming the file; nothing else may happen.
        Generator gen(2024);
        IdxArray a{{4, 6, 7}, std::vector<uint8_t>(168)};
        for (auto& b : a.data) b = uint8_t(gen.nextU32() % 7 == 0 ? 255 : 0);
        int accepted = 0, rejected = 0;
        for (bool gz : {false, true}) {
            writeIdx(path("flip-src"), a, gz);
            const std::string src = readBytes(path("flip-src"));
            for (int trial = 0; trial < 1500; ++trial) {
                std::string s = src;
                const int flips = 1 + int(gen.below(3));
                for (int f = 0; f < flips; ++f) s[gen.below(s.size())] ^= char(1 + gen.below(255));
                writeBytes(path("flip"), s);
                try {
                    IdxArray r = readIdxImages(path("flip"));
                    QCOMPARE(int64_t(r.data.size()), r.dims[0] * r.dims[1] * r.dims[2]);
                    ++accepted;
                } catch (const Error& e) {
                    QVERIFY2(QString(e.what()).contains("flip"), e.what());
                    ++rejected;
                }
            }
        }
        // Flipped pixel bytes are valid files; flipped headers and gzip streams are not.
        QVERIFY(accepted > 100);
        QVERIFY(rejected > 100);
    }
};

QTEST_GUILESS_MAIN(TestDataIdx)
#include "test_data_idx.moc"
