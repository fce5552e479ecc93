// IDX reading and writing. The header is validated before any allocation; the data is then read
// through one byte source that is either the raw file or a zlib inflate stream over it.
#include "engine/data/idx.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"

namespace gradlab {
namespace fs = std::filesystem;
namespace {


// Sequential bytes of an IDX file: the file itself, or what a gzip stream in it inflates to
// (several concatenated gzip members are allowed, as gzip itself allows them).
class IdxSource {
public:
    explicit IdxSource(const fs::path& path) : m_path(path) {
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) {
            int err = errno;
            GL_FAIL("cannot open IDX file ", quoted(path), ": ", std::strerror(err));
        }
        struct stat st {};
        if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            bool dir = S_ISDIR(st.st_mode);
            ::close(m_fd);
            m_fd = -1;
            GL_FAIL(quoted(path), dir ? " is a directory, not an IDX file" : " is not a regular file");
        }
        m_fileSize = uint64_t(st.st_size);
        try {
            fillInput();
            m_gzip = m_inLen >= 2 && m_in[0] == 0x1f && m_in[1] == 0x8b;
            if (m_gzip && inflateInit2(&m_z, 15 + 16) != Z_OK)
                GL_FAIL("cannot start decompressing ", quoted(path), ": out of memory");
        } catch (...) {
            ::close(m_fd);  // the destructor does not run for a constructor that throws
            throw;
        }
        m_zOpen = m_gzip;
    }
    ~IdxSource() {
        if (m_zOpen) inflateEnd(&m_z);
        if (m_fd >= 0) ::close(m_fd);
    }
    IdxSource(const IdxSource&) = delete;
    IdxSource& operator=(const IdxSource&) = delete;

    bool gzip() const { return m_gzip; }
    // Bytes of IDX content not read yet, when known without reading them (raw files).
    bool knowsRemaining() const { return !m_gzip; }
    uint64_t remaining() const { return m_fileSize - m_consumed; }
    // True when a gzip file ended in the middle of its stream (the last read came up short).
    bool streamCut() const { return m_streamCut; }

    // Reads up to n bytes; fewer only at the end of the content. Throws on a corrupt gzip stream
    // or an I/O error.
    size_t read(uint8_t* dst, size_t n) {
        return m_gzip ? inflateSome(dst, n) : readRaw(dst, n);
    }

private:
    void fillInput() {
        m_inPos = 0;
        m_inLen = 0;
        while (true) {
            ssize_t r = ::read(m_fd, m_in.data(), m_in.size());
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) {
                int err = errno;
                GL_FAIL("cannot read ", quoted(m_path), ": ", std::strerror(err));
            }
            m_inLen = size_t(r);
            return;
        }
    }

    size_t readRaw(uint8_t* dst, size_t n) {
        size_t done = 0;
        while (done < n) {
            if (m_inPos == m_inLen) {
                fillInput();
                if (m_inLen == 0) break;
            }
            size_t k = std::min(n - done, m_inLen - m_inPos);
            std::memcpy(dst + done, m_in.data() + m_inPos, k);
            m_inPos += k;
            done += k;
        }
        m_consumed += done;
        return done;
    }

    size_t inflateSome(uint8_t* dst, size_t n) {
        size_t done = 0;
        while (done < n) {
            if (m_inPos == m_inLen) {
                fillInput();
                if (m_inLen == 0) {
                    // End of file: clean only between gzip members.
                    if (!m_memberEnded) m_streamCut = true;
                    break;
                }
            }
            if (m_memberEnded) {
                // Another gzip member may follow; anything else is junk after the stream.
                if (m_in[m_inPos] != 0x1f || (m_inLen - m_inPos >= 2 && m_in[m_inPos + 1] != 0x8b))
                    GL_FAIL("file ", quoted(m_path), " has unexpected bytes after the end of its gzip stream");
                inflateReset(&m_z);
                m_memberEnded = false;
            }
            m_z.next_in = m_in.data() + m_inPos;
            m_z.avail_in = uInt(m_inLen - m_inPos);
            m_z.next_out = dst + done;
            m_z.avail_out = uInt(std::min<size_t>(n - done, 1u << 30));
            int ret = inflate(&m_z, Z_NO_FLUSH);
            size_t produced = size_t(m_z.next_out - (dst + done));
            done += produced;
            m_inPos = size_t(m_z.next_in - m_in.data());
            if (ret == Z_STREAM_END) {
                m_memberEnded = true;
            } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
                GL_FAIL("file ", quoted(m_path), " is not a valid gzip stream (",
                        m_z.msg ? m_z.msg : "zlib error " + std::to_string(ret), ")");
            }
        }
        return done;
    }

    fs::path m_path;
    int m_fd = -1;
    uint64_t m_fileSize = 0;
    uint64_t m_consumed = 0;  // raw: bytes handed out
    bool m_gzip = false;
    bool m_zOpen = false;
    bool m_memberEnded = false;
    bool m_streamCut = false;
    z_stream m_z{};
    std::array<uint8_t, 1 << 16> m_in{};
    size_t m_inPos = 0, m_inLen = 0;
};

uint32_t bigEndian32(const uint8_t* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

const char* dataName(int rank) { return rank == 1 ? "label data" : rank == 3 ? "pixel data" : "data"; }
const char* kindName(int rank) { return rank == 1 ? "an IDX label file" : rank == 3 ? "an IDX image file" : "an IDX file"; }

std::string hex32(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", v);
    return buf;
}

std::string hex8(uint8_t v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", unsigned(v));
    return buf;
}

std::string dimsText(const std::vector<int64_t>& dims) {
    std::string s;
    for (size_t i = 0; i < dims.size(); ++i) s += (i ? " x " : "") + std::to_string(dims[i]);
    return s;
}

}  // namespace

IdxArray readIdx(const fs::path& path, int rank) {
    GL_CHECK(rank >= 1 && rank <= 255, "readIdx: rank must be in 1..255, got ", rank);
    IdxSource src(path);
    auto how = [&] { return src.streamCut() ? " (its gzip stream ends early)" : ""; };

    // ---- header: magic, then the sizes ----
    uint8_t magic[4];
    size_t got = src.read(magic, 4);
    if (got < 4) {
        GL_FAIL("file ", quoted(path), " is truncated: expected a ", 4 + 4 * rank, "-byte IDX header, found ", got,
                " bytes", how());
    }
    const uint32_t magicValue = bigEndian32(magic);
    const uint32_t expectedMagic = 0x800u | uint32_t(rank);
    if (magic[0] != 0 || magic[1] != 0)
        GL_FAIL("file ", quoted(path), " is not ", kindName(rank), ": magic number ", hex32(magicValue), ", expected ",
                hex32(expectedMagic));
    if (magic[2] != 0x08)
        GL_FAIL("file ", quoted(path), ": IDX data type ", hex8(magic[2]), " is not supported (magic ", hex32(magicValue),
                "); only 0x08, unsigned bytes, is");
    if (magic[3] != rank)
        GL_FAIL("file ", quoted(path), " holds a ", int(magic[3]), "-dimensional IDX array (magic ", hex32(magicValue),
                "), expected ", rank, rank == 1 ? " dimension (" : " dimensions (", kindName(rank), ", magic ", hex32(expectedMagic), ")");

    std::vector<uint8_t> sizeBytes(size_t(4 * rank));
    got = src.read(sizeBytes.data(), sizeBytes.size());
    if (got < sizeBytes.size())
        GL_FAIL("file ", quoted(path), " is truncated: expected a ", 4 + 4 * rank, "-byte IDX header, found ", 4 + got,
                " bytes", how());
    IdxArray out;
    out.dims.resize(size_t(rank));
    int64_t total = 1;
    for (int d = 0; d < rank; ++d) {
        out.dims[size_t(d)] = bigEndian32(&sizeBytes[size_t(4 * d)]);
        if (out.dims[size_t(d)] == 0)
            GL_FAIL("file ", quoted(path), ": IDX size ", d, " is 0 (sizes ", dimsText(out.dims), ")");
    }
    for (int d = 0; d < rank; ++d) {
        total *= out.dims[size_t(d)];  // <= 1e8 * (2^32 - 1): no overflow before the check
        if (total > kIdxMaxElements)
            GL_FAIL("file ", quoted(path), ": IDX sizes ", dimsText(out.dims), " give more than ", kIdxMaxElements,
                    " elements, the most we read");
    }

    // ---- data: exactly `total` bytes, then nothing ----
    const uint64_t expected = uint64_t(total);
    if (src.knowsRemaining()) {
        // Raw file: its size tells truncation and trailing bytes before anything is allocated.
        if (src.remaining() < expected)
            GL_FAIL("file ", quoted(path), " is truncated: expected ", expected, " bytes of ", dataName(rank),
                    " (", dimsText(out.dims), "), found ", src.remaining());
        if (src.remaining() > expected)
            GL_FAIL("file ", quoted(path), " has ", src.remaining() - expected, " unexpected bytes after its ", expected,
                    " bytes of ", dataName(rank), " (", dimsText(out.dims), ")");
    }
    // Grow with the data actually read, so that a short gzip stream with a large header costs little.
    size_t have = 0;
    while (have < expected) {
        size_t next = size_t(std::min<uint64_t>(expected, std::max<uint64_t>(uint64_t(have) * 2, 1u << 20)));
        out.data.resize(next);
        size_t r = src.read(out.data.data() + have, next - have);
        have += r;
        if (have < next) break;
    }
    if (have < expected)
        GL_FAIL("file ", quoted(path), " is truncated: expected ", expected, " bytes of ", dataName(rank), " (",
                dimsText(out.dims), "), found ", have, how());
    uint8_t extra;
    if (src.read(&extra, 1) != 0)
        GL_FAIL("file ", quoted(path), " has unexpected data after its ", expected, " bytes of ", dataName(rank), " (",
                dimsText(out.dims), ")");
    if (src.streamCut())
        GL_FAIL("file ", quoted(path), " is truncated: its gzip stream ends before the end marker and checksum");
    return out;
}

IdxArray readIdxImages(const fs::path& path) { return readIdx(path, 3); }

IdxArray readIdxLabels(const fs::path& path, int numClasses) {
    GL_CHECK(numClasses >= 1 && numClasses <= 256, "readIdxLabels: numClasses must be in 1..256, got ", numClasses);
    IdxArray a = readIdx(path, 1);
    for (size_t i = 0; i < a.data.size(); ++i) {
        if (a.data[i] >= numClasses)
            GL_FAIL("file ", quoted(path), ": label ", int(a.data[i]), " of item ", i, " is not a class index (0..",
                    numClasses - 1, ")");
    }
    return a;
}

void writeIdx(const fs::path& path, const IdxArray& array, bool gzip) {
    GL_CHECK(!array.dims.empty() && array.dims.size() <= 255, "writeIdx: an IDX array needs 1..255 dimensions, got ",
             array.dims.size());
    uint64_t total = 1;
    for (int64_t d : array.dims) {
        GL_CHECK(d >= 1 && d <= int64_t(0xFFFFFFFFu), "writeIdx: size ", d, " cannot be stored in IDX (1..2^32-1)");
        total *= uint64_t(d);
        GL_CHECK(total <= uint64_t(kIdxMaxElements), "writeIdx: more than ", kIdxMaxElements, " elements");
    }
    GL_CHECK(total == array.data.size(), "writeIdx: sizes ", dimsText(array.dims), " need ", total,
             " bytes of data, got ", array.data.size());

    std::vector<uint8_t> bytes;
    bytes.reserve(4 + 4 * array.dims.size() + array.data.size());
    bytes.insert(bytes.end(), {0, 0, 0x08, uint8_t(array.dims.size())});
    for (int64_t d : array.dims)
        bytes.insert(bytes.end(), {uint8_t(d >> 24), uint8_t(d >> 16), uint8_t(d >> 8), uint8_t(d)});
    bytes.insert(bytes.end(), array.data.begin(), array.data.end());

    if (!gzip) {
        writeFileAtomic(path, std::span<const char>(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        return;
    }
    z_stream z{};
    GL_CHECK(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK,
             "cannot start compressing ", quoted(path), ": out of memory");
    std::vector<uint8_t> packed(deflateBound(&z, uLong(bytes.size())));
    z.next_in = bytes.data();
    z.avail_in = uInt(bytes.size());
    z.next_out = packed.data();
    z.avail_out = uInt(packed.size());
    int ret = deflate(&z, Z_FINISH);
    size_t packedSize = packed.size() - z.avail_out;
    deflateEnd(&z);
    GL_CHECK(ret == Z_STREAM_END, "compressing ", quoted(path), " failed (zlib error ", ret, ")");
    writeFileAtomic(path, std::span<const char>(reinterpret_cast<const char*>(packed.data()), packedSize));
}

}  // namespace gradlab
