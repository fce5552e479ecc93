// File I/O with clear errors: replace-on-write (atomic) saving, bounded reads of regular files,
// and a check that an output directory can be written before any work starts. POSIX only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace gradlab {

// A path as the errors name it: in single quotes ('/home/ana/run.safetensors').
std::string quoted(const std::filesystem::path& p);

// Writes a file so that a reader (or a crash) sees either the old content or the complete new
// one, never a mix. The bytes go to a hidden temporary file in the target's directory
// (".<name>.tmp-<pid>-<n>"); commit() fsyncs it, renames it over the target and fsyncs the
// directory. Until the rename succeeds the target is untouched; on any failure, or when the writer
// is destroyed without commit(), the temporary file is removed; temporary files of the same
// target left by a writer that no longer runs (killed during a save) are removed before writing. Errors name the path and the OS
// reason (strerror). A target that is a symbolic link is followed (the file it names is replaced);
// a replaced file keeps its permission bits.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(const std::filesystem::path& path);  // creates the temporary file
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(std::span<const char> bytes);  // appends; throws (and discards everything) on failure
    void commit();                            // makes the new content the target's, durably
    const std::filesystem::path& path() const { return m_path; }
    const std::filesystem::path& tempPath() const { return m_tempPath; }

private:
    void discard() noexcept;  // closes and removes the temporary file

    std::filesystem::path m_path;      // as the caller named it (for messages)
    std::filesystem::path m_target;    // the file that is replaced (symlinks resolved)
    std::filesystem::path m_tempPath;
    int m_fd = -1;
    bool m_done = false;
};

// The whole of `bytes` as the new content of `path`, atomically (see AtomicFileWriter).
void writeFileAtomic(const std::filesystem::path& path, std::span<const char> bytes);

// Sequential reads from a regular file. Opening fails clearly when the path is missing, is a
// directory or another non-regular file, or cannot be read; read() fails on a short file.
class FileReader {
public:
    explicit FileReader(const std::filesystem::path& path);
    ~FileReader();
    FileReader(const FileReader&) = delete;
    FileReader& operator=(const FileReader&) = delete;

    uint64_t size() const { return m_size; }         // bytes, when it was opened
    uint64_t position() const { return m_position; }  // bytes read so far
    void read(std::span<char> out);                   // exactly out.size() bytes, or throws
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
    int m_fd = -1;
    uint64_t m_size = 0;
    uint64_t m_position = 0;
};

// The whole content of a regular file; throws when it is larger than maxBytes (before reading).
std::vector<char> readFile(const std::filesystem::path& path, uint64_t maxBytes);

// Makes sure `dir` is a directory we can create files in: creates it (and its parents) when it
// is missing, then creates and removes a probe file. Throws a clear Error otherwise.
void checkWritableDirectory(const std::filesystem::path& dir);

}  // namespace gradlab
