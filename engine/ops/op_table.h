// The table of every differentiable op of the engine: its name and how many tensor inputs it takes
// (-1: a list; optional inputs such as bce_with_logits' pos_weight count). Every op records an
// autograd node carrying its OpId (for error messages and graph printing). The op tests walk this
// table (tests/engine/op_cases.h), so that no op escapes the gradient check, the PyTorch comparison
// and CUDA parity. How to add one: docs/extending.md.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

// X(name, arity)
#define GRADLAB_OPS(X)                                                                       \
    /* elementwise, broadcasting */                                                          \
    X(add, 2) X(sub, 2) X(mul, 2) X(div, 2) X(pow, 2) X(maximum, 2) X(minimum, 2)            \
    X(neg, 1) X(exp, 1) X(log, 1) X(sqrt, 1) X(abs, 1) X(clamp, 1) X(pow_scalar, 1)         \
    X(add_scalar, 1) X(mul_scalar, 1) X(div_scalar, 1) X(rsub_scalar, 1) X(rdiv_scalar, 1)  \
    X(where, 3)                                                                              \
    /* activations */                                                                        \
    X(sigmoid, 1) X(tanh, 1) X(relu, 1) X(leaky_relu, 1) X(elu, 1) X(gelu, 1)               \
    X(gelu_tanh, 1) X(softplus, 1) X(silu, 1) X(softmax, 1) X(log_softmax, 1)               \
    X(dropout, 1)                                                                            \
    /* reductions */                                                                         \
    X(sum, 1) X(mean, 1) X(max, 1) X(min, 1) X(var, 1)                                       \
    /* linear algebra */                                                                     \
    X(matmul, 2)                                                                             \
    /* shape and indexing */                                                                 \
    X(reshape, 1) X(transpose, 1) X(permute, 1) X(expand, 1) X(slice, 1) X(select, 1)       \
    X(concat, -1) X(copy, 1) X(to_device, 1) X(index_select, 1) X(gather, 1)                \
    /* losses */                                                                             \
    X(mse_loss, 2) X(l1_loss, 2) X(binary_cross_entropy, 2) X(bce_with_logits, 3)            \
    X(cross_entropy, 1) X(nll_loss, 1)                                                       \
    /* convolution, pooling, normalisation (nn_ops.h) */                                     \
    X(conv2d, 3) X(max_pool2d, 1) X(avg_pool2d, 1) X(adaptive_avg_pool2d, 1) X(batch_norm, 3) \
    /* transformers (engine/ops/transformer_ops.h); attention_weights is the weights output  \
       of scaled_dot_product_attention */                                                    \
    X(layer_norm, 3) X(embedding, 2) X(scaled_dot_product_attention, 3)                      \
    X(attention_weights, 2)                                                                  \
    /* recurrent cells (engine/ops/rnn_ops.h): one time step's gate math, fused */           \
    X(rnn_cell, 4) X(lstm_cell, 5) X(gru_cell, 5)

namespace gradlab {

enum class OpId : uint16_t {
#define GRADLAB_OP_ENUM(name, arity) name,
    GRADLAB_OPS(GRADLAB_OP_ENUM)
#undef GRADLAB_OP_ENUM
};

struct OpInfo {
    std::string_view name;
    int arity;  // tensor inputs; -1 for a list
};

inline constexpr std::array kOpTable = {
#define GRADLAB_OP_INFO(name, arity) OpInfo{#name, arity},
    GRADLAB_OPS(GRADLAB_OP_INFO)
#undef GRADLAB_OP_INFO
};

inline constexpr std::size_t kOpCount = kOpTable.size();

constexpr std::string_view opName(OpId op) { return kOpTable[std::size_t(op)].name; }

}  // namespace gradlab
