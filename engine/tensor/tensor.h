// Tensor: a float32 n-d array (shape + strides + offset over shared Storage) with autograd.
// Copying a Tensor copies a handle: both refer to the same data and graph node, as in PyTorch.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <span>
#include <vector>

#include "engine/core/device.h"
#include "engine/core/rng.h"
#include "engine/core/shape.h"

namespace gradlab {

struct Node;

struct TensorImpl {
    std::shared_ptr<Storage> storage;
    Shape shape;
    Strides strides;
    int64_t offset = 0;
    bool requiresGrad = false;
    bool retainsGrad = false;      // keep .grad on a non-leaf after backward
    std::shared_ptr<Node> gradFn;  // the op that made it; null for leaves
    std::shared_ptr<TensorImpl> grad;
};

class Tensor {
public:
    Tensor() = default;
    explicit Tensor(std::shared_ptr<TensorImpl> impl) : m_impl(std::move(impl)) {}

    bool defined() const { return m_impl != nullptr; }
    TensorImpl* impl() const { return m_impl.get(); }
    const std::shared_ptr<TensorImpl>& implPtr() const { return m_impl; }
    bool sameAs(const Tensor& o) const { return m_impl == o.m_impl; }

    // ---- layout (inline: every op reads these several times) ----
    const Shape& shape() const { return checked().shape; }
    const Strides& strides() const { return checked().strides; }
    int64_t offset() const { return checked().offset; }
    int64_t dim() const { return int64_t(shape().size()); }
    int64_t size(int64_t d) const;
    int64_t numel() const { return numelOf(shape()); }
    bool isContiguous() const;
    Device device() const { return checked().storage->device(); }
    const std::shared_ptr<Storage>& storage() const { return checked().storage; }

    // Pointer to element 0 (storage + offset). On CUDA this is a device pointer.
    float* data() const { return checked().storage->data() + m_impl->offset; }
    float item() const;                 // the value of a one-element tensor (copied to the host)
    std::vector<float> toVector() const;  // all elements in row-major order (copied to the host)
    float at(std::initializer_list<int64_t> index) const;

    // ---- autograd ----
    bool requiresGrad() const { return checked().requiresGrad; }
    // Marks a leaf as a parameter whose gradient is wanted. Throws on a non-leaf.
    Tensor& setRequiresGrad(bool on = true);
    bool isLeaf() const;
    Tensor grad() const;  // undefined until a backward pass reached it
    void setGrad(const Tensor& g);
    void zeroGrad();      // drops .grad (like PyTorch's set_to_none=True)
    void retainGrad();
    // Backpropagates from this tensor. Without `gradient` it must hold one element (d self = 1).
    void backward(bool retainGraph = false) const;
    void backward(const Tensor& gradient, bool retainGraph = false) const;
    // Same data, cut from the graph (shares storage; requires_grad false).
    Tensor detach() const;
    const std::shared_ptr<Node>& gradFn() const;

    // ---- conversions ----
    Tensor contiguous() const;  // itself when already contiguous, else a copy (differentiable)
    Tensor clone() const;       // always a fresh contiguous copy (differentiable)
    Tensor to(Device device) const;  // copy to another device (differentiable); itself if same

    // ---- views (no copy, differentiable; see ops/ops.h) ----
    Tensor reshape(const Shape& shape) const;
    Tensor view(const Shape& shape) const;
    Tensor flatten(int64_t startDim = 0, int64_t endDim = -1) const;
    Tensor transpose(int64_t d0, int64_t d1) const;
    Tensor t() const;  // transpose of a matrix
    Tensor permute(const Shape& dims) const;
    Tensor narrow(int64_t dim, int64_t start, int64_t length) const;
    Tensor slice(int64_t dim, int64_t start, int64_t end, int64_t step = 1) const;
    Tensor select(int64_t dim, int64_t index) const;  // drops the dimension
    Tensor unsqueeze(int64_t dim) const;
    Tensor squeeze(int64_t dim) const;
    Tensor squeeze() const;
    Tensor expand(const Shape& shape) const;  // -1 keeps a size

    // ---- in-place, outside autograd (initialisation, optimizer updates) ----
    Tensor& fill_(float value);
    Tensor& zero_() { return fill_(0.0f); }
    // Same numel (read in row-major order); src may be on another device or overlap this tensor.
    Tensor& copy_(const Tensor& src);

private:
    [[noreturn]] static void throwUndefined();
    const TensorImpl& checked() const {
        if (!m_impl) throwUndefined();
        return *m_impl;
    }
    std::shared_ptr<TensorImpl> m_impl;
};

// ---- creation ----
Tensor empty(const Shape& shape, Device device = Device::CPU);
Tensor zeros(const Shape& shape, Device device = Device::CPU);
Tensor ones(const Shape& shape, Device device = Device::CPU);
Tensor full(const Shape& shape, float value, Device device = Device::CPU);
Tensor zerosLike(const Tensor& t);
Tensor onesLike(const Tensor& t);
Tensor fullLike(const Tensor& t, float value);
Tensor scalarTensor(float value, Device device = Device::CPU);  // shape ()
// [start, end) in steps of `step`, like torch.arange.
Tensor arange(double start, double end, double step = 1.0, Device device = Device::CPU);
Tensor arange(double end, Device device = Device::CPU);
Tensor linspace(double start, double end, int64_t steps, Device device = Device::CPU);
Tensor rand(const Shape& shape, Generator& gen, Device device = Device::CPU);   // U[0, 1)
Tensor randn(const Shape& shape, Generator& gen, Device device = Device::CPU);  // N(0, 1)
// Copies `values` (row-major) into a new tensor of `shape`; numel must match.
Tensor fromData(std::span<const float> values, const Shape& shape, Device device = Device::CPU);
Tensor fromData(std::initializer_list<float> values, const Shape& shape, Device device = Device::CPU);
Tensor fromData(std::initializer_list<float> values);  // 1-D

// A view of `base`'s storage with the given geometry (no checks beyond bounds; used by view ops).
Tensor makeView(const Tensor& base, const Shape& shape, const Strides& strides, int64_t offset);

// Prints like PyTorch's default str(): tensor([[1., 2.], [3., 4.]], requires_grad=True), with its
// number formats, line wrapping and summary of large tensors; grad_fn shows our op's name
// (grad_fn=<LeakyReluBackward>, where PyTorch says LeakyReluBackward0).
std::ostream& operator<<(std::ostream& os, const Tensor& t);

}  // namespace gradlab
