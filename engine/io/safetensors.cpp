// safetensors writing (the reference writer's layout and key order) and reading (everything in the
// header is checked against the file before a single tensor is allocated).
#include "engine/io/safetensors.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>
#include <tuple>
#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/io/atomic_file.h"
#include "engine/io/json_strict.h"

namespace gradlab {
namespace fs = std::filesystem;

// Both the file format and our float storage are little-endian; bytes are copied as they are.
static_assert(std::endian::native == std::endian::little, "Gradient Lab reads and writes safetensors on "
                                                          "little-endian machines only");

namespace {

constexpr const char* kMetadataKey = "__metadata__";

// Why a file cannot be read, in the kinds a student can act on (the three below). `why` names the
// byte or the tensor: what() (and so the CLI) says it after the kind; the GUI says the kind alone,
// in the student's language.

// Not a safetensors file at all: its first bytes are not the header's length and brace.
[[noreturn]] void notSafetensors(const fs::path& path, const std::string& why) {
    throwSaid(QT_TRANSLATE_NOOP("errors", "%1 is not a valid safetensors file: it does not begin like one "
                                          "(is it a picture, a text or another kind of file?)"),
              {quoted(path)}, __FILE__, __LINE__, why);
}

// Shorter than its header says: a copy or a download that did not finish.
[[noreturn]] void cutShort(const fs::path& path, const std::string& why) {
    throwSaid(QT_TRANSLATE_NOOP("errors", "%1 is not a valid safetensors file: it ends before the data its header "
                                          "announces (was it cut short while being copied or downloaded?)"),
              {quoted(path)}, __FILE__, __LINE__, why);
}

// A header that does not describe the data after it.
[[noreturn]] void invalid(const fs::path& path, const std::string& why) {
    throwSaid(QT_TRANSLATE_NOOP("errors", "%1 is not a valid safetensors file: its header does not describe its data "
                                          "(the file is damaged)"),
              {quoted(path)}, __FILE__, __LINE__, why);
}

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

// One tensor as the header describes it.
struct Entry {
    std::string name;
    std::vector<int64_t> shape;
    uint64_t begin = 0, end = 0;
};

// Checks one header entry and returns what it describes; throws naming the tensor otherwise.
Entry parseEntry(const fs::path& path, const std::string& name, const nlohmann::json& v) {
    const std::string who = "tensor \"" + name + "\"";
    if (!v.is_object()) invalid(path, who + " is described by " + v.type_name() + ", not an object");
    for (const char* key : {"dtype", "shape", "data_offsets"})
        if (!v.contains(key)) invalid(path, who + " has no \"" + key + "\"");
    for (const auto& [key, _] : v.items())
        if (key != "dtype" && key != "shape" && key != "data_offsets")
            invalid(path, who + " has an unexpected key \"" + key + "\"");

    const nlohmann::json& dtype = v["dtype"];
    if (!dtype.is_string()) invalid(path, who + ": \"dtype\" is not a string");
    if (dtype.get<std::string>() != "F32")  // a valid file, from another program
        GL_FAIL_SAID(QT_TRANSLATE_NOOP("errors", "%1 holds tensors of type %2 (tensor \"%3\"): the lab reads float32 "
                                                 "(F32) tensors only"),
                     quoted(path), dtype.get<std::string>(), name);

    Entry e;
    e.name = name;
    const nlohmann::json& shape = v["shape"];
    if (!shape.is_array()) invalid(path, who + ": \"shape\" is not a list");
    if (shape.size() > kSafetensorsMaxRank)
        invalid(path, who + " has " + std::to_string(shape.size()) + " dimensions, more than " +
                          std::to_string(kSafetensorsMaxRank));
    uint64_t nonzeroProduct = 1;  // bounded so that every stride of the tensor fits in int64
    bool hasZero = false;
    for (const nlohmann::json& d : shape) {
        if (!d.is_number_unsigned())
            invalid(path, who + ": shape " + shape.dump() + " has a dimension that is not a non-negative integer");
        uint64_t n = d.get<uint64_t>();
        if (n == 0) {
            hasZero = true;
        } else if (__builtin_mul_overflow(nonzeroProduct, n, &nonzeroProduct) ||
                   nonzeroProduct > uint64_t(INT64_MAX) / sizeof(float)) {
            invalid(path, who + ": shape " + shape.dump() + " has too many elements");
        }
        e.shape.push_back(int64_t(n));
    }
    const uint64_t bytes = hasZero ? 0 : nonzeroProduct * sizeof(float);

    const nlohmann::json& off = v["data_offsets"];
    if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() || !off[1].is_number_unsigned())
        invalid(path, who + ": \"data_offsets\" " + off.dump() + " is not a pair of non-negative integers");
    e.begin = off[0].get<uint64_t>();
    e.end = off[1].get<uint64_t>();
    if (e.end < e.begin)
        invalid(path, who + ": data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) +
                          "] end before they begin");
    if (e.end - e.begin != bytes)
        invalid(path, who + " has shape " + shapeText(e.shape) + " (" + std::to_string(bytes) +
                          " bytes of F32) but data_offsets [" + std::to_string(e.begin) + ", " +
                          std::to_string(e.end) + "] span " + std::to_string(e.end - e.begin) + " bytes");
    return e;
}

}  // namespace

const Tensor& SafetensorsFile::tensor(const std::string& name) const {
    for (const auto& [n, t] : tensors)
        if (n == name) return t;
    GL_FAIL("the file has no tensor named \"", name, "\"");
}

bool SafetensorsFile::has(const std::string& name) const {
    return std::any_of(tensors.begin(), tensors.end(), [&](const auto& nt) { return nt.first == name; });
}

// ---------------------------------------------------------------- writing

void saveSafetensors(const fs::path& path, const NamedTensors& tensors,
                     const std::map<std::string, std::string>& metadata) {
    // The reference writer orders the data by name (after dtype alignment, which is one for us);
    // std::string compares bytes as unsigned, like Rust's String.
    std::vector<std::size_t> order(tensors.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return tensors[a].first < tensors[b].first; });
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto& [name, t] = tensors[order[k]];
        GL_CHECK(name != kMetadataKey, "cannot save '", path.string(), "': \"", kMetadataKey,
                 "\" is reserved and cannot name a tensor");
        GL_CHECK(k == 0 || tensors[order[k - 1]].first != name, "cannot save '", path.string(),
                 "': two tensors are named \"", name, "\"");
        GL_CHECK(t.defined(), "cannot save '", path.string(), "': tensor \"", name, "\" is undefined");
    }

    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) header[kMetadataKey] = metadata;
    uint64_t offset = 0;
    for (std::size_t i : order) {
        const auto& [name, t] = tensors[i];
        nlohmann::ordered_json shape = nlohmann::ordered_json::array();
        for (int64_t d : t.shape()) shape.push_back(d);
        uint64_t bytes = uint64_t(t.numel()) * sizeof(float);
        nlohmann::ordered_json entry = nlohmann::ordered_json::object();
        entry["dtype"] = "F32";
        entry["shape"] = std::move(shape);
        entry["data_offsets"] = nlohmann::ordered_json::array({offset, offset + bytes});
        header[name] = std::move(entry);
        offset += bytes;
    }
    std::string text;
    try {
        text = header.dump();  // compact, UTF-8 kept as is: what serde_json writes
    } catch (const nlohmann::json::exception&) {
        GL_FAIL("cannot save '", path.string(), "': tensor names and metadata must be valid UTF-8");
    }
    // Spaces up to a multiple of 8, so that the data (at 8 + N) is 8-byte aligned.
    text.append((8 - text.size() % 8) % 8, ' ');

    AtomicFileWriter out(path);
    const uint64_t n = text.size();
    char len[8];
    std::memcpy(len, &n, sizeof len);
    out.write(len);
    out.write(text);
    for (std::size_t i : order) {
        std::vector<float> values = tensors[i].second.toVector();
        out.write({reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)});
    }
    out.commit();
}

// ---------------------------------------------------------------- reading

SafetensorsFile loadSafetensors(const fs::path& path) {
    FileReader in(path);
    const uint64_t fileSize = in.size();
    if (fileSize < 8)
        notSafetensors(path, "it is " + std::to_string(fileSize) + " bytes long, too short for the 8-byte header length");
    char len[8];
    in.read(len);
    uint64_t n = 0;
    std::memcpy(&n, len, sizeof n);
    if (n > kSafetensorsMaxHeaderBytes)
        notSafetensors(path, "the header length " + std::to_string(n) + " is above the limit of " +
                                 std::to_string(kSafetensorsMaxHeaderBytes) + " bytes");
    if (n > fileSize - 8)
        cutShort(path, "the header length " + std::to_string(n) + " runs past the end of the file (" +
                           std::to_string(fileSize) + " bytes)");
    std::string text(std::size_t(n), '\0');
    in.read(text);
    if (text.empty() || text[0] != '{') notSafetensors(path, "the header does not start with '{'");

    nlohmann::json header;
    try {
        // Top object, a tensor's object, its shape list: nothing nests deeper.
        header = parseJsonStrict(text, 3);
    } catch (const Error& e) {
        invalid(path, std::string("the header is not usable: ") + e.what());
    }
    if (!header.is_object()) invalid(path, "the header is not a JSON object");

    SafetensorsFile file;
    std::vector<Entry> entries;
    for (const auto& [key, value] : header.items()) {
        if (key == kMetadataKey) {
            if (value.is_null()) continue;  // the reference reader accepts null for "no metadata"
            if (!value.is_object()) invalid(path, "\"__metadata__\" is not an object");
            for (const auto& [mk, mv] : value.items()) {
                if (!mv.is_string()) invalid(path, "metadata \"" + mk + "\" is not a string");
                file.metadata.emplace(mk, mv.get<std::string>());
            }
            continue;
        }
        entries.push_back(parseEntry(path, key, value));
    }

    // The data regions, in file order, must tile [0, data size) exactly.
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
    });
    const uint64_t dataSize = fileSize - 8 - n;
    uint64_t covered = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        if (e.begin < covered)
            invalid(path, "the data of tensors \"" + entries[i - 1].name + "\" and \"" + e.name + "\" overlap");
        if (e.begin > covered)
            invalid(path, "data bytes " + std::to_string(covered) + " to " + std::to_string(e.begin) +
                              " belong to no tensor (a gap before \"" + e.name + "\")");
        if (e.end > dataSize)
            cutShort(path, "tensor \"" + e.name + "\" ends at data byte " + std::to_string(e.end) +
                               " but the file holds only " + std::to_string(dataSize) + " bytes of data (truncated?)");
        covered = e.end;
    }
    if (covered != dataSize)
        invalid(path, std::to_string(dataSize - covered) + " bytes follow the last tensor's data");

    // Everything is consistent with the file's size: the allocations below are bounded by it.
    for (const Entry& e : entries) {
        Tensor t = empty(Shape(e.shape.begin(), e.shape.end()));
        in.read({reinterpret_cast<char*>(t.data()), std::size_t(e.end - e.begin)});
        file.tensors.emplace_back(e.name, std::move(t));
    }
    return file;
}

}  // namespace gradlab
