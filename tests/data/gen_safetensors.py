#!/usr/bin/python3
# Writes reference.safetensors (a safetensors file built byte by byte from the format's spec, the
# way the reference Rust writer lays it out) and reference_safetensors.json (what it holds: names,
# shapes and the float32 bit patterns of every value, so NaN and -0.0 compare exactly).
# Run: /usr/bin/python3 tests/data/gen_safetensors.py   (numpy only)
#
# Layout, as the reference writer (safetensors/src/tensor.rs, `prepare`) makes it:
#   u64 little-endian N | N bytes of header JSON | data
# - tensors sorted by name (after dtype alignment, which is equal here), data back to back in
#   that order, offsets relative to the start of the data;
# - header: compact JSON (serde_json::to_string), "__metadata__" first, then each tensor as
#   {"dtype", "shape", "data_offsets"} in that key order; non-ASCII written as UTF-8;
#   metadata keys come from a HashMap (any order): we sort them;
# - the header is padded with spaces to a multiple of 8 bytes.
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

rng = np.random.default_rng(1234)
tensors = {
    "weight": rng.standard_normal((2, 3)).astype(np.float32),
    "bias": np.array([-1.5, 0.0, 2.25], dtype=np.float32),
    "scalar": np.array(np.pi, dtype=np.float32),  # shape ()
    "empty": np.zeros((0, 4), dtype=np.float32),
    "special": np.array([np.inf, -np.inf, -0.0, np.nan, 1e-45, 3.4028235e38], dtype=np.float32),
    "layer.0.w": (np.arange(24, dtype=np.float32) / 7).reshape(2, 3, 4),
    "\u00fcnicode.\u03b8": np.array([42.0], dtype=np.float32),
}
metadata = {
    "format": "pt",
    "note": "quote \" backslash \\ newline \n tab \t accent \u00e9 control \u0001",
}


def header_json(tensors, metadata):
    parts = []
    if metadata:
        parts.append('"__metadata__":' + json.dumps(dict(sorted(metadata.items())),
                                                    ensure_ascii=False, separators=(",", ":")))
    offset = 0
    for name in sorted(tensors, key=lambda s: s.encode("utf-8")):
        a = tensors[name]
        entry = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        parts.append(json.dumps(name, ensure_ascii=False) + ":" +
                     json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        offset += a.nbytes
    return "{" + ",".join(parts) + "}"


def serialize(tensors, metadata):
    header = header_json(tensors, metadata).encode("utf-8")
    header += b" " * ((8 - len(header) % 8) % 8)
    data = b"".join(tensors[n].astype("<f4").tobytes(order="C")
                    for n in sorted(tensors, key=lambda s: s.encode("utf-8")))
    return struct.pack("<Q", len(header)) + header + data


def bits(a):
    return [int(b) for b in a.astype("<f4").reshape(-1).view("<u4")]


with open(os.path.join(HERE, "reference.safetensors"), "wb") as f:
    f.write(serialize(tensors, metadata))

golden = {
    "metadata": metadata,
    "order": sorted(tensors, key=lambda s: s.encode("utf-8")),
    "tensors": {n: {"shape": list(a.shape), "bits": bits(a)} for n, a in tensors.items()},
}
with open(os.path.join(HERE, "reference_safetensors.json"), "w", encoding="utf-8") as f:
    json.dump(golden, f, ensure_ascii=False, indent=1)
    f.write("\n")
