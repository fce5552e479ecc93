// The op-test table: the test cases of every op of engine/ops/op_table.h, keyed by OpId. It drives
// three tests, each of which fails for an op that has no row in it:
//   test_gradcheck    every case's backward against finite differences (opCases, kGradcheck)
//   test_cuda_parity  every case on CUDA against the CPU, forward and gradients (opCases, kParity)
//   test_ops_golden   PyTorch's values from tests/data/*_golden.json, through goldenCalls(); an op
//                     counts as compared when a golden case's graph shows it
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "engine/core/rng.h"
#include "engine/ops/op_table.h"
#include "engine/tensor/tensor.h"

namespace gradlab::test {

// ---------------------------------------------------------------- how an input is drawn
enum class Domain {
    Normal,         // N(0, 1) * hi
    Uniform,        // U[lo, hi]
    SignedUniform,  // random sign * U[lo, hi]: keeps |x| >= lo (away from kinks at 0)
    Grid,           // distinct values lo + k * hi, shuffled: no ties for max/min, gaps of hi
    Index,          // integers in [0, hi) (not differentiable)
    Mask,           // 0 or 1 (not differentiable)
};
enum class Layout { Contiguous, Transposed, Strided };

struct In {
    Shape shape;
    Domain domain = Domain::Normal;
    float lo = 0.0f, hi = 1.0f;
    Layout layout = Layout::Contiguous;
    bool diff = true;                                // a leaf that requires grad
    std::vector<float> avoid;                        // kinks: values are pushed >= 0.05 away from them
    std::function<void(std::vector<float>&)> tweak;  // last edit of the values (e.g. exact zeros)

    In transposed() &&;  // the same values stored with the last two dims swapped (rank >= 2)
    In strided() &&;     // every other element of a buffer twice as long in the last dim
    In noGrad() &&;
    In avoiding(std::vector<float> kinks) &&;
    In edited(std::function<void(std::vector<float>&)> f) &&;
};

In normal(Shape s, float scale = 1.0f);
In uniform(Shape s, float lo, float hi);
In awayFromZero(Shape s, float lo = 0.2f, float hi = 1.5f);
In grid(Shape s, float offset = 0.0f, float gap = 0.1f);
In index(Shape s, int64_t n);
In mask(Shape s);

// The values of `in` drawn from gen (on the CPU, so every device gets the same numbers), laid out
// as asked on `device`: a leaf, requiring grad when in.diff.
Tensor makeInput(const In& in, Generator& gen, Device device = Device::CPU);

// ---------------------------------------------------------------- cases
// A case's function makes every tensor it needs on its inputs' device, so it runs on any device.
using CaseFn = std::function<Tensor(const std::vector<Tensor>&)>;

enum CaseUse : unsigned { kGradcheck = 1, kParity = 2, kBoth = kGradcheck | kParity };

struct OpCase {
    std::string name;
    OpId op;  // the op the case covers: its graph must show it
    std::vector<In> inputs;
    CaseFn fn;
    unsigned use = kBoth;  // parity only: sizes too large for finite differences
    // to_device onto the tensor's own device is the identity and records nothing.
    bool identity = false;
};

// Small cases (broadcasting, transposed and strided inputs, odd sizes, options) for both tests,
// and larger ones (several CUDA blocks, the CPU's vectorised and threaded paths) for parity only.
const std::vector<OpCase>& opCases();

// ---------------------------------------------------------------- PyTorch goldens
// A golden file's case names a function ("fn") and gives its inputs and arguments ("args"); the
// call returns the outputs the file has values for, in its order. Which ops a golden case covers is
// read from the graph of those outputs, so a function needs no op of its own.
using GoldenFn = std::function<std::vector<Tensor>(const std::vector<Tensor>&, const nlohmann::json&)>;
const std::map<std::string, GoldenFn>& goldenCalls();
// The ops that cannot be compared with PyTorch, and why.
const std::map<OpId, std::string>& opsWithoutGolden();

// ---------------------------------------------------------------- coverage
// Every op recorded in the graph that produced t.
std::set<OpId> opsIn(const Tensor& t);
// The names of the ops of the table that are not in `covered`, comma separated ("" when none).
std::string missingOps(const std::set<OpId>& covered);

}  // namespace gradlab::test
