// The safetensors file format (github.com/huggingface/safetensors), float32 only: writing (atomic)
// and strictly validated reading, so that PyTorch can open our files and we can open theirs.
//
// Layout: u64 little-endian N | N bytes of UTF-8 JSON header, padded with spaces so that the data
// starts at a multiple of 8 | the raw little-endian, row-major data of every tensor, back to back.
// Header: {"__metadata__": {string: string}, "<name>": {"dtype": "F32", "shape": [d0, ...],
//          "data_offsets": [begin, end]}, ...}, offsets relative to the start of the data.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/tensor/tensor.h"

namespace gradlab {

using NamedTensors = std::vector<std::pair<std::string, Tensor>>;

struct SafetensorsFile {
    NamedTensors tensors;  // CPU tensors, in the order of their data in the file
    std::map<std::string, std::string> metadata;

    // The tensor called `name`; throws an Error naming it when the file has none.
    const Tensor& tensor(const std::string& name) const;
    bool has(const std::string& name) const;
};

// The largest header we read (the reference implementation's limit too).
inline constexpr uint64_t kSafetensorsMaxHeaderBytes = 100'000'000;
// The most dimensions a tensor in a file may have.
inline constexpr std::size_t kSafetensorsMaxRank = 64;

// Writes the tensors (from any device; copied to the host one at a time) as F32, atomically.
// Like the reference writer, the data is laid out in name order and the header lists
// "__metadata__" first (left out when `metadata` is empty), then the tensors in that order, as
// compact JSON. Names must be unique, defined and not "__metadata__"; strings must be UTF-8.
void saveSafetensors(const std::filesystem::path& path, const NamedTensors& tensors,
                     const std::map<std::string, std::string>& metadata = {});

// Reads and fully validates a file before any tensor is allocated. Throws a clear Error (the
// path and what is wrong) for: a missing/unreadable file, a header length past the end of the
// file or above kSafetensorsMaxHeaderBytes, a header that is not UTF-8 JSON starting with '{',
// duplicate keys, missing or unexpected keys, a dtype other than F32 (named), shapes that are
// not lists of non-negative integers, offsets that disagree with the shape, run past the data,
// overlap or leave gaps, and bytes after the last tensor.
SafetensorsFile loadSafetensors(const std::filesystem::path& path);

}  // namespace gradlab
