// Atomic replace-on-write, bounded file reads and the writable-directory check, on POSIX calls
// (open/write/fsync/rename) so that every failure can be reported with its errno.
#include "engine/io/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

#include "engine/core/error.h"

namespace gradlab {
namespace fs = std::filesystem;
namespace {

// What a student reads when the system refuses a file (%1 the file, %2 why: reasonSaid).
constexpr const char* kCannotRead = QT_TRANSLATE_NOOP("errors", "cannot read %1: %2");
constexpr const char* kCannotWrite = QT_TRANSLATE_NOOP("errors", "cannot write %1: %2");
constexpr const char* kCannotReplace = QT_TRANSLATE_NOOP("errors", "cannot write %1: %2 (the old file is unchanged)");

std::string osReason(int err) { return std::strerror(err); }


// Why the system refused, in words a student can act on (the GUI translates them); the system's
// own words stay in the error's detail. An errno without such words is said by strerror alone.
std::string reasonSaid(int err) {
    switch (err) {
        case EACCES:
        case EPERM: return QT_TRANSLATE_NOOP("errors", "the system does not allow it (permissions)");
        case ENOSPC:
        case EDQUOT: return QT_TRANSLATE_NOOP("errors", "the disk is full");
        case EROFS: return QT_TRANSLATE_NOOP("errors", "the disk is read-only");
        case ENOENT: return QT_TRANSLATE_NOOP("errors", "no such file or folder");
        case ENOTDIR: return QT_TRANSLATE_NOOP("errors", "a part of the path is not a folder");
        case ENAMETOOLONG: return QT_TRANSLATE_NOOP("errors", "the name is too long");
        case EFBIG: return QT_TRANSLATE_NOOP("errors", "the file would be too large");
        case EIO: return QT_TRANSLATE_NOOP("errors", "the disk reported an error");
        default: return osReason(err);
    }
}

// Throws `text` ("cannot write %1: %2") for `path`, its %2 the reason for `err`; what() adds
// `detail` (which call failed) and the system's words.
[[noreturn]] void failOn(const char* text, const fs::path& path, int err, const std::string& detail, int line) {
    throwSaid(text, {quoted(path), reasonSaid(err)}, __FILE__, line, detail.empty() ? osReason(err) : detail + ": " + osReason(err));
}

// The directory a file lives in, "." for a bare file name.
fs::path directoryOf(const fs::path& p) {
    fs::path dir = p.parent_path();
    return dir.empty() ? fs::path(".") : dir;
}

// Removes the temporary files that writers of `target` which no longer run left behind (a kill
// or a power cut during a save): ".<base>.tmp-<pid>-<n>" whose pid is no process. A pid that is
// alive (perhaps reused by another program) keeps its file: removing too little is harmless.
void removeStaleTempFiles(const fs::path& dir, const std::string& base) {
    const std::string prefix = "." + base + ".tmp-";
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string rest = name.substr(prefix.size());  // "<pid>-<n>"
        const std::size_t dash = rest.find('-');
        if (dash == 0 || dash == std::string::npos || rest.find_first_not_of("0123456789-") != std::string::npos) continue;
        const long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
        if (pid <= 0 || pid == long(::getpid())) continue;
        if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH) {
            std::error_code rm;
            fs::remove(it->path(), rm);
        }
    }
}

// Opens a new file next to `target` that no other writer can be using (O_EXCL on a fresh name).
int createTempFile(const fs::path& target, fs::path& tempPath, int& err) {
    static std::atomic<uint64_t> counter{0};
    const fs::path dir = directoryOf(target);
    std::string base = target.filename().string();
    if (base.size() > 200) base.resize(200);  // stay under NAME_MAX (255) with the suffix
    removeStaleTempFiles(dir, base);
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string name = str(".", base, ".tmp-", ::getpid(), "-", counter++);
        tempPath = dir / name;
        int fd = ::open(tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) return fd;
        err = errno;
        if (err != EEXIST) return -1;
    }
    return -1;
}

void syncDirectory(const fs::path& dir, const fs::path& written) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int err = fd < 0 ? errno : 0;
    if (fd >= 0) {
        if (::fsync(fd) != 0) err = errno;
        ::close(fd);
    }
    // Some file systems cannot sync a directory at all; the rename itself has happened.
    if (err != 0 && err != EINVAL && err != ENOTSUP)
        GL_FAIL(quoted(written), " was written, but its directory ", quoted(dir),
                " could not be synced to disk: ", osReason(err));
}

}  // namespace

std::string quoted(const fs::path& p) { return str("'", p.string(), "'"); }

// ---------------------------------------------------------------- AtomicFileWriter

AtomicFileWriter::AtomicFileWriter(const fs::path& path) : m_path(path), m_target(path) {
    GL_CHECK(!path.empty(), "cannot write a file: the path is empty");
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        std::error_code ec;
        m_target = fs::canonical(path, ec);
        if (ec) GL_FAIL("cannot write ", quoted(path), ": it is a symbolic link that cannot be followed (",
                        ec.message(), ")");
    }
    bool exists = ::stat(m_target.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "cannot write %1: it is a directory"), quoted(path));
    if (exists && !S_ISREG(st.st_mode))
        GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "cannot write %1: it is not a regular file"), quoted(path));

    int err = 0;
    m_fd = createTempFile(m_target, m_tempPath, err);
    if (m_fd < 0)
        failOn(kCannotWrite, path, err, "cannot create a temporary file in " + quoted(directoryOf(m_target)), __LINE__);
    // The replacement keeps the permissions of the file it replaces.
    if (exists && ::fchmod(m_fd, st.st_mode & 07777) != 0) {
        err = errno;
        discard();
        GL_FAIL("cannot write ", quoted(path), ": cannot set the permissions of ", quoted(m_tempPath), ": ",
                osReason(err));
    }
}

AtomicFileWriter::~AtomicFileWriter() {
    if (!m_done) discard();
}

void AtomicFileWriter::discard() noexcept {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    if (!m_tempPath.empty()) ::unlink(m_tempPath.c_str());
    m_done = true;
}

void AtomicFileWriter::write(std::span<const char> bytes) {
    GL_CHECK(!m_done, "write to ", quoted(m_path), " after it was committed or abandoned");
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            discard();
            failOn(kCannotReplace, m_path, err, {}, __LINE__);
        }
        p += n;
        left -= std::size_t(n);
    }
}

void AtomicFileWriter::commit() {
    GL_CHECK(!m_done, "commit of ", quoted(m_path), " after it was committed or abandoned");
    auto fail = [&](const char* what, int err) {
        discard();
        failOn(kCannotReplace, m_path, err, what, __LINE__);
    };
    if (::fsync(m_fd) != 0) fail("fsync failed", errno);
    // close() can report a deferred write error (NFS, quotas): it must be checked too.
    int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) fail("close failed", errno);
    if (::rename(m_tempPath.c_str(), m_target.c_str()) != 0) fail("rename failed", errno);
    m_done = true;
    syncDirectory(directoryOf(m_target), m_path);
}

void writeFileAtomic(const fs::path& path, std::span<const char> bytes) {
    AtomicFileWriter w(path);
    w.write(bytes);
    w.commit();
}

// ---------------------------------------------------------------- FileReader

FileReader::FileReader(const fs::path& path) : m_path(path) {
    GL_CHECK(!path.empty(), "cannot read a file: the path is empty");
    // O_NONBLOCK: opening a FIFO must not hang; it is refused below as not a regular file.
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (m_fd < 0) failOn(kCannotRead, path, errno, "open failed", __LINE__);
    struct stat st {};
    if (::fstat(m_fd, &st) != 0) {
        int err = errno;
        ::close(m_fd);
        GL_FAIL("cannot read ", quoted(path), ": ", osReason(err));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(m_fd);
        if (S_ISDIR(st.st_mode)) GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "cannot read %1: it is a directory"), quoted(path));
        GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "cannot read %1: it is not a regular file"), quoted(path));
    }
    m_size = uint64_t(st.st_size);
}

FileReader::~FileReader() {
    if (m_fd >= 0) ::close(m_fd);
}

void FileReader::read(std::span<char> out) {
    char* p = out.data();
    std::size_t left = out.size();
    while (left > 0) {
        ssize_t n = ::read(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            failOn(kCannotRead, m_path, errno, str("at byte ", m_position), __LINE__);
        }
        if (n == 0)
            throwSaid(QT_TRANSLATE_NOOP("errors", "cannot read %1: it became shorter while it was read (did something change it?)"),
                      {quoted(m_path)}, __FILE__, __LINE__, str("the file ends at byte ", m_position, ", ", left, " bytes short"));
        p += n;
        left -= std::size_t(n);
        m_position += uint64_t(n);
    }
}

std::vector<char> readFile(const fs::path& path, uint64_t maxBytes) {
    FileReader r(path);
    if (r.size() > maxBytes)
        GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "cannot read %1: it is %2 bytes, more than the limit of %3"), quoted(path),
                     r.size(), maxBytes);
    std::vector<char> bytes(std::size_t(r.size()));
    r.read(bytes);
    return bytes;
}

// ---------------------------------------------------------------- checkWritableDirectory

void checkWritableDirectory(const fs::path& dir) {
    GL_CHECK(!dir.empty(), "the output directory path is empty");
    std::error_code ec;
    fs::file_status s = fs::status(dir, ec);
    if (fs::exists(s) && !fs::is_directory(s)) GL_FAIL("output directory ", quoted(dir), " exists and is not a directory");
    if (!fs::exists(s)) {
        fs::create_directories(dir, ec);
        if (ec) GL_FAIL("cannot create the output directory ", quoted(dir), ": ", ec.message());
    }
    // Permission bits do not tell the whole story (read-only mounts, ACLs, root): really try.
    fs::path probe;
    int err = 0;
    int fd = createTempFile(dir / "write-probe", probe, err);
    if (fd < 0) failOn(QT_TRANSLATE_NOOP("errors", "the folder %1 is not writable: %2"), dir, err, {}, __LINE__);
    ::close(fd);
    ::unlink(probe.c_str());
}

}  // namespace gradlab
