"""PyTorch definitions of Gradient Lab's networks, with the parameter names of our checkpoints.

The one home of these definitions: gradlab_to_torch.py loads lesson checkpoints into them, and the
benchmarks in tests/bench/pytorch time them against our engine. Every class builds the same
computation as the C++ module named in its docstring, and its state_dict() keys are the
checkpoint's tensor names after the lesson's prefix ("model." for cnn, vit and attention,
"net.<activation>." for activations), so `load_state_dict(..., strict=True)` takes them as they are.

    LeNet5              cnn lesson            lessons/cnn/lenet5.h
    TinyViT             vit lesson            engine/nn/vision_transformer.h
    SequenceTransformer attention lesson      lessons/attention/attention_lesson.cpp
    ActivationMLP       activations lesson    lessons/activations/activations_lesson.cpp
    MLP                 benchmarks only       tests/bench/bench_models.cpp

LeNet5, MLP and TinyViT are those of the project's reference benchmarks
(../shared/reference/pytorch/models_def.py), unchanged but for argument checks and TinyViT's
image size: built under the same torch seed they draw the same initial weights.

Needs only torch (Debian: python3-torch, run with /usr/bin/python3).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet5(nn.Module):
    """Classic LeNet-5 on 1x32x32: conv(1->6,5) tanh avgpool2 conv(6->16,5) tanh avgpool2
    conv(16->120,5) tanh fc(120->84) tanh fc(84->10).  act/pool switchable for the ReLU/maxpool variant.

    The cnn lesson's variants: relu_maxpool = LeNet5("relu", "max"), tanh_avgpool = LeNet5("tanh", "avg").
    """
    def __init__(self, act="tanh", pool="avg"):
        super().__init__()
        if act not in ("tanh", "relu") or pool not in ("avg", "max"):
            raise ValueError(f"LeNet5: act must be tanh or relu and pool avg or max, got {act!r}, {pool!r}")
        self.c1 = nn.Conv2d(1, 6, 5); self.c3 = nn.Conv2d(6, 16, 5); self.c5 = nn.Conv2d(16, 120, 5)
        self.f6 = nn.Linear(120, 84); self.out = nn.Linear(84, 10)
        self.act = torch.tanh if act == "tanh" else F.relu
        self.pool = (lambda x: F.avg_pool2d(x, 2)) if pool == "avg" else (lambda x: F.max_pool2d(x, 2))

    def forward(self, x):  # x: (N, 1, 32, 32) -> logits (N, 10)
        x = self.pool(self.act(self.c1(x)))
        x = self.pool(self.act(self.c3(x)))
        x = self.act(self.c5(x)).flatten(1)
        x = self.act(self.f6(x))
        return self.out(x)


class MLP(nn.Module):
    """784-256-128-10 with ReLU: a benchmark model (bench_models), not a lesson's."""
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))

    def forward(self, x):
        return self.net(x)


class TinyViT(nn.Module):
    """28x28x1 -> 16 patches of 7x7 (flattened 49 -> linear 64), CLS token, learned pos-emb (17),
    2 pre-LN encoder layers (d=64, 4 heads, d_ff=256, GELU), final LN, head on CLS.

    The vit lesson sets patch (4, 7 or 14), layers and heads; d=64, dff=256 always.
    """
    def __init__(self, d=64, layers=2, heads=4, dff=256, patch=7, ncls=10, image=28):
        super().__init__()
        if image % patch:
            raise ValueError(f"TinyViT: the image side {image} is not a multiple of the patch size {patch}")
        self.patch = patch
        self.embed = nn.Linear(patch * patch, d)
        self.cls = nn.Parameter(torch.zeros(1, 1, d))
        self.pos = nn.Parameter(torch.randn(1, 1 + (image // patch) ** 2, d) * 0.02)
        self.enc = nn.ModuleList([nn.TransformerEncoderLayer(d, heads, dff, dropout=0.0, activation="gelu",
                                                             batch_first=True, norm_first=True)
                                  for _ in range(layers)])
        self.norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, ncls)

    def forward(self, x):  # x: B,1,28,28
        B, P = x.shape[0], self.patch
        x = x.unfold(2, P, P).unfold(3, P, P)            # B,1,4,4,7,7
        x = x.reshape(B, -1, P * P)                      # B,16,49
        x = self.embed(x)
        x = torch.cat([self.cls.expand(B, -1, -1), x], 1) + self.pos
        for layer in self.enc:
            x = layer(x)
        return self.head(self.norm(x[:, 0]))


class LearnedPositions(nn.Module):
    """x + weight[:T], weight: (max_len, d) (our LearnedPositionalEmbedding)."""
    def __init__(self, max_len, d):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(max_len, d) * 0.5)

    def forward(self, x):  # x: (B, T, d)
        return x + self.weight[: x.shape[-2]]


class SinusoidalPositions(nn.Module):
    """x + pe[:T] with the fixed table of "Attention Is All You Need" as the buffer "pe": (max_len, d)
    (our SinusoidalPositionalEncoding; the checkpoint holds the table too)."""
    def __init__(self, d, max_len):
        super().__init__()
        pos = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
        div = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
        pe = torch.zeros(max_len, d)
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.register_buffer("pe", pe)

    def forward(self, x):  # x: (B, T, d)
        return x + self.pe[: x.shape[-2]]


class SequenceTransformer(nn.Module):
    """The attention lesson's transformer: digit embedding + positions -> post-norm encoder layers
    (ReLU, dropout 0, batch first) -> a linear read-out per position. tokens (B, T) int64 -> (B, T, vocab)."""
    VOCAB, DIM, FEEDFORWARD = 10, 32, 64  # kVocab, kDim, kFeedForward in attention_lesson.cpp

    def __init__(self, length, layers=1, heads=2, learned_positions=True):
        super().__init__()
        d = self.DIM
        self.embed = nn.Embedding(self.VOCAB, d)
        self.pos = LearnedPositions(length, d) if learned_positions else SinusoidalPositions(d, length)
        self.layers = nn.ModuleList([nn.TransformerEncoderLayer(d, heads, self.FEEDFORWARD, dropout=0.0,
                                                                batch_first=True) for _ in range(layers)])
        self.head = nn.Linear(d, self.VOCAB)

    def forward(self, tokens):
        x = self.pos(self.embed(tokens))
        for layer in self.layers:
            x = layer(x)
        return self.head(x)

    def attention(self, tokens):
        """Every layer's per-head attention weights for `tokens`, as the lesson draws them:
        a list (one per layer) of (B, heads, T, T) tensors, rows = queries."""
        x = self.pos(self.embed(tokens))
        weights = []
        for layer in self.layers:  # post-norm: self-attention reads the layer's input as it is
            _, w = layer.self_attn(x, x, x, need_weights=True, average_attn_weights=False)
            weights.append(w)
            x = layer(x)
        return weights


ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "silu")


class ActivationMLP(nn.Module):
    """The activations lesson's deep MLP for one activation: 2 -> width -> ... (depth hidden layers)
    -> 2 classes, the activation after every hidden layer. Its Linear layers are the children
    "0" ... "depth", as the checkpoint's net.<activation>.<layer>.weight / .bias name them.
    The shape parameters are the lesson's: leaky_relu.slope, elu.alpha, softplus.beta, gelu.approximate."""
    def __init__(self, activation, depth, width, slope=0.01, alpha=1.0, beta=1.0, gelu_approximate="none"):
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(f"ActivationMLP: unknown activation {activation!r} (one of {', '.join(ACTIVATIONS)})")
        self.activation = activation
        self.slope, self.alpha, self.beta, self.gelu_approximate = slope, alpha, beta, gelu_approximate
        for i in range(depth + 1):
            self.add_module(str(i), nn.Linear(2 if i == 0 else width, 2 if i == depth else width))
        self.depth = depth

    def act(self, x):
        a = self.activation
        if a == "sigmoid":
            return torch.sigmoid(x)
        if a == "tanh":
            return torch.tanh(x)
        if a == "relu":
            return F.relu(x)
        if a == "leaky_relu":
            return F.leaky_relu(x, self.slope)
        if a == "elu":
            return F.elu(x, self.alpha)
        if a == "gelu":
            return F.gelu(x, approximate=self.gelu_approximate)
        if a == "softplus":
            return F.softplus(x, self.beta)
        return F.silu(x)

    def forward(self, x):  # x: (N, 2) -> logits (N, 2)
        for i in range(self.depth + 1):
            x = getattr(self, str(i))(x)
            if i < self.depth:
                x = self.act(x)
        return x
