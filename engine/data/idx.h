// IDX files, the format of MNIST and Fashion-MNIST: reading (raw or gzip, told apart by the gzip
// magic 1f 8b) with strict validation, and writing. Only the unsigned-byte type (0x08) is supported.
//
// Layout: 2 zero bytes, a type byte (0x08), the number of dimensions k, then k big-endian uint32
// sizes, then the product of the sizes in bytes, row-major. Images: k = 3 (N, H, W), magic
// 0x00000803; labels: k = 1 (N), magic 0x00000801.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace gradlab {

// The most elements an IDX file may hold (the whole of Fashion-MNIST's training set is 47 million);
// checked against the header before anything is allocated.
inline constexpr int64_t kIdxMaxElements = 100'000'000;

struct IdxArray {
    std::vector<int64_t> dims;  // e.g. {60000, 28, 28}; every size >= 1
    std::vector<uint8_t> data;  // product(dims) bytes, row-major
};

// Reads an IDX file of unsigned bytes with `rank` dimensions. Every problem is a gradlab::Error
// whose message names the file: missing or unreadable file, wrong magic or type byte, wrong
// number of dimensions, a zero or too large size, truncation ("file 'x' is truncated: expected
// 47040000 bytes of pixel data, found 1234"), bytes after the data, a corrupt gzip stream.
IdxArray readIdx(const std::filesystem::path& path, int rank);
// Images: rank 3 (N, H, W).
IdxArray readIdxImages(const std::filesystem::path& path);
// Labels: rank 1 (N); also checks that every label is < numClasses.
IdxArray readIdxLabels(const std::filesystem::path& path, int numClasses);

// Writes `array` as an IDX file (type 0x08), gzip-compressed when `gzip` is true, atomically.
// Throws when dims are empty or hold a size < 1 or > 2^32 - 1, or data.size() != product(dims).
void writeIdx(const std::filesystem::path& path, const IdxArray& array, bool gzip);

}  // namespace gradlab
