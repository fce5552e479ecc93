# Golden data for tests/engine/test_transformer_ops.cpp: PyTorch 1.13's layer_norm, embedding,
# _scaled_dot_product_attention (the 1.13 name of F.scaled_dot_product_attention), MultiheadAttention,
# TransformerEncoderLayer (pre/post norm, relu/gelu), the tutorial's sinusoidal positional encoding,
# a ViT patch embedding and the state_dict names. Forward values and every gradient of
# loss = sum(output * r) (+ sum(weights * r2) where weights are returned).
# Run with Debian's torch: /usr/bin/python3 tests/data/gen_transformer_golden.py  (writes transformer_golden.json)
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(1234)


def flat(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def leaf(*shape, scale=1.0):
    return (torch.randn(*shape) * scale).requires_grad_()


out = {"torch": torch.__version__}

# ---- layer_norm
ln = []
for shape, norm, affine, eps in [((2, 3, 5), (5,), True, 1e-5), ((2, 3, 4), (3, 4), True, 1e-3),
                                 ((4, 6), (6,), False, 1e-5), ((3, 64), (64,), True, 1e-5)]:
    x = leaf(*shape, scale=2.0)
    with torch.no_grad():
        x += 0.5  # a non-zero mean
    w = leaf(*norm) if affine else None
    b = leaf(*norm) if affine else None
    y = F.layer_norm(x, norm, w, b, eps)
    r = torch.randn(*shape)
    (y * r).sum().backward()
    case = {"shape": list(shape), "normalized_shape": list(norm), "eps": eps, "affine": affine, "x": flat(x), "r": flat(r),
            "y": flat(y), "dx": flat(x.grad)}
    if affine:
        case.update({"weight": flat(w), "bias": flat(b), "dweight": flat(w.grad), "dbias": flat(b.grad)})
    ln.append(case)
out["layer_norm"] = ln

# ---- embedding
emb = []
for pad in [None, 2, -1]:
    w = leaf(7, 4)
    idx = torch.tensor([[0, 2, 6, 2], [5, 1, 2, 6], [3, 3, 0, 4]])
    y = F.embedding(idx, w, padding_idx=pad)
    r = torch.randn(*y.shape)
    (y * r).sum().backward()
    emb.append({"padding_idx": pad, "weight": flat(w), "indices": flat(idx.float()), "indices_shape": list(idx.shape),
                "r": flat(r), "y": flat(y), "dweight": flat(w.grad)})
out["embedding"] = emb


# ---- scaled dot-product attention
def sdpa_case(name, qs, ks, vs, mask=None, mask_kind=None, causal=False, scale=None):
    q, k, v = leaf(*qs), leaf(*ks), leaf(*vs)
    if scale is None:
        o, w = F._scaled_dot_product_attention(q, k, v, mask, 0.0, True, causal)
    else:  # 1.13's function has no scale argument: the same composite with the scale applied to q
        s = torch.matmul(q * scale, k.transpose(-2, -1))
        if mask is not None:
            s = s + mask
        w = torch.softmax(s, -1)
        o = torch.matmul(w, v)
    r, r2 = torch.randn(*o.shape), torch.randn(*w.shape)
    ((o * r).sum() + (w * r2).sum()).backward()
    c = {"name": name, "q_shape": list(qs), "k_shape": list(ks), "v_shape": list(vs), "q": flat(q), "k": flat(k),
         "v": flat(v), "causal": causal, "scale": scale, "r": flat(r), "r2": flat(r2), "out": flat(o), "weights": flat(w),
         "out_shape": list(o.shape), "weights_shape": list(w.shape), "dq": flat(q.grad), "dk": flat(k.grad),
         "dv": flat(v.grad)}
    if mask is not None:
        c.update({"mask": flat(mask.float()), "mask_shape": list(mask.shape), "mask_kind": mask_kind})
    return c


keep = torch.rand(3, 5) > 0.4
keep[:, 0] = True  # every query sees at least one key
sd = [sdpa_case("plain", (2, 3, 4), (2, 5, 4), (2, 5, 6)),
      sdpa_case("4-D heads", (2, 2, 4, 3), (2, 2, 4, 3), (2, 2, 4, 3)),
      sdpa_case("keep mask (Tq, Tk)", (2, 3, 4), (2, 5, 4), (2, 5, 2), keep, "keep"),
      sdpa_case("additive mask (B, 1, Tq, Tk)", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 4), torch.randn(2, 1, 3, 5), "additive"),
      sdpa_case("causal", (2, 4, 4), (2, 4, 4), (2, 4, 3), causal=True),
      sdpa_case("causal Tq < Tk", (1, 3, 2), (1, 5, 2), (1, 5, 2), causal=True),
      sdpa_case("scale 0.3", (2, 3, 4), (2, 3, 4), (2, 3, 4), scale=0.3),
      sdpa_case("broadcast key/value batch", (2, 3, 4), (1, 5, 4), (1, 5, 4))]
out["sdpa"] = sd


# ---- MultiheadAttention
def params(m):
    return {n: flat(p) for n, p in m.named_parameters()}


def grads(m):
    return {n: flat(p.grad) for n, p in m.named_parameters()}


mha = []
for name, E, H, B, Tq, Tk, self_attn, kpm, am, avg, bias, batch_first in [
        ("self, no masks, averaged", 8, 2, 2, 5, 5, True, None, None, True, True, True),
        ("cross, key padding (bool) + float attn mask, per head", 8, 2, 2, 3, 4, False, "bool", "float", False, True, True),
        ("cross, bool attn mask 3-D, no bias", 6, 3, 2, 4, 3, False, None, "bool3", True, False, True),
        ("self, float key padding, seq first", 8, 4, 3, 4, 4, True, "float", None, True, True, False)]:
    m = nn.MultiheadAttention(E, H, bias=bias, batch_first=batch_first)
    with torch.no_grad():  # non-zero biases, so that bias gradients and values are exercised
        for n, p in m.named_parameters():
            if "bias" in n:
                p.normal_()
    shp = (lambda T: (B, T, E)) if batch_first else (lambda T: (T, B, E))
    q = leaf(*shp(Tq))
    if self_attn:
        k = v = q
    else:
        k, v = leaf(*shp(Tk)), leaf(*shp(Tk))
    kpm_t = None
    if kpm == "bool":
        kpm_t = torch.zeros(B, Tk, dtype=torch.bool)
        kpm_t[0, -1] = True
        kpm_t[1, 1] = True
    elif kpm == "float":
        kpm_t = torch.randn(B, Tk)
    am_t = None
    if am == "float":
        am_t = torch.randn(Tq, Tk)
    elif am == "bool3":
        am_t = torch.rand(B * H, Tq, Tk) > 0.6
        am_t[:, :, 0] = False  # key 0 always allowed
    o, w = m(q, k, v, key_padding_mask=kpm_t, attn_mask=am_t, need_weights=True, average_attn_weights=avg)
    r, r2 = torch.randn(*o.shape), torch.randn(*w.shape)
    ((o * r).sum() + (w * r2).sum()).backward()
    c = {"name": name, "E": E, "H": H, "B": B, "Tq": Tq, "Tk": Tk, "self": self_attn, "average": avg, "bias": bias,
         "batch_first": batch_first, "params": params(m), "grads": grads(m), "q": flat(q), "r": flat(r), "r2": flat(r2),
         "out": flat(o), "weights": flat(w), "weights_shape": list(w.shape), "dq": flat(q.grad),
         "state_dict_keys": list(m.state_dict().keys())}
    if not self_attn:
        c.update({"k": flat(k), "v": flat(v), "dk": flat(k.grad), "dv": flat(v.grad)})
    if kpm_t is not None:
        c.update({"key_padding_mask": flat(kpm_t.float()), "key_padding_mask_kind": kpm})
    if am_t is not None:
        c.update({"attn_mask": flat(am_t.float()), "attn_mask_shape": list(am_t.shape),
                  "attn_mask_kind": "bool" if am == "bool3" else "float"})
    mha.append(c)
out["mha"] = mha

# ---- TransformerEncoderLayer
enc = []
for norm_first in (False, True):
    for act in ("relu", "gelu"):
        d, nh, dff, B, T = 8, 2, 16, 2, 5
        layer = nn.TransformerEncoderLayer(d, nh, dff, dropout=0.0, activation=act, batch_first=True, norm_first=norm_first)
        with torch.no_grad():
            for n, p in layer.named_parameters():
                if "bias" in n or "norm" in n:
                    p.normal_()  # non-trivial LayerNorm affine and biases
        x = leaf(B, T, d)
        kpm = None
        if norm_first and act == "relu":
            kpm = torch.zeros(B, T, dtype=torch.bool)
            kpm[1, 3:] = True
        y = layer(x, src_key_padding_mask=kpm)
        r = torch.randn(*y.shape)
        (y * r).sum().backward()
        c = {"norm_first": norm_first, "activation": act, "d": d, "nhead": nh, "dff": dff, "B": B, "T": T,
             "params": params(layer), "grads": grads(layer), "x": flat(x), "r": flat(r), "y": flat(y), "dx": flat(x.grad),
             "state_dict_keys": list(layer.state_dict().keys())}
        if kpm is not None:
            c["key_padding_mask"] = flat(kpm.float())
        enc.append(c)
out["encoder_layer"] = enc


# ---- positional encodings: the PyTorch tutorial's table (float32)
def tutorial_pe(d, max_len):
    position = torch.arange(max_len).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
    pe = torch.zeros(max_len, d)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term[: d // 2])
    return pe


out["sinusoidal"] = [{"d": d, "max_len": L, "pe": flat(tutorial_pe(d, L))} for d, L in [(8, 50), (7, 20), (64, 17)]]

# ---- patch embedding: TinyViT's unfold + Linear for one channel; Conv2d(C, dim, P, stride P) for three
pe_cases = []
lin = nn.Linear(16, 5)
x = torch.randn(2, 1, 9, 8)  # 9 rows: the last row is dropped, as unfold does
P = 4
t = x.unfold(2, P, P).unfold(3, P, P).reshape(2, -1, P * P)
pe_cases.append({"C": 1, "P": P, "dim": 5, "x_shape": list(x.shape), "x": flat(x), "weight": flat(lin.weight),
                 "bias": flat(lin.bias), "y": flat(lin(t))})
conv = nn.Conv2d(3, 6, 2, stride=2)
x = torch.randn(2, 3, 4, 6)
y = conv(x).flatten(2).transpose(1, 2)
pe_cases.append({"C": 3, "P": 2, "dim": 6, "x_shape": list(x.shape), "x": flat(x), "weight": flat(conv.weight.reshape(6, -1)),
                 "bias": flat(conv.bias), "y": flat(y)})
out["patch_embedding"] = pe_cases



# ---- the tiny ViT of ../shared/reference/pytorch/models_def.py (copied in tools/pytorch/gradlab_models.py)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "pytorch"))
from gradlab_models import TinyViT  # noqa: E402

vit = TinyViT(d=16, layers=2, heads=4, dff=32)
with torch.no_grad():
    vit.cls.normal_()  # a non-zero CLS token
x = torch.randn(3, 1, 28, 28)
labels = torch.tensor([3, 0, 9])
logits = vit(x)
loss = F.cross_entropy(logits, labels)
loss.backward()
out["tiny_vit"] = {"d": 16, "layers": 2, "heads": 4, "dff": 32, "patch": 7, "params": params(vit), "grads": grads(vit),
                   "names": [n for n, _ in vit.named_parameters()], "x": flat(x), "labels": flat(labels.float()),
                   "logits": flat(logits), "loss": loss.item()}

out["state_dict_keys"] = {
    "LayerNorm": list(nn.LayerNorm(4).state_dict().keys()),
    "Embedding": list(nn.Embedding(3, 2).state_dict().keys()),
    "MultiheadAttention": list(nn.MultiheadAttention(4, 2).state_dict().keys()),
    "MultiheadAttention_nobias": list(nn.MultiheadAttention(4, 2, bias=False).state_dict().keys()),
    "TransformerEncoderLayer": list(nn.TransformerEncoderLayer(4, 2, 8).state_dict().keys()),
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "transformer_golden.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
