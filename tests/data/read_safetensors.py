#!/usr/bin/python3
# A minimal, independent safetensors reader (struct + json + numpy, torch if present) that applies
# the reference reader's checks, used by hand to confirm that files written by Gradient Lab open
# elsewhere: /usr/bin/python3 tests/data/read_safetensors.py FILE
# Prints the metadata and, for each tensor, its shape, sum and first values; exits 1 if invalid.
import json
import struct
import sys

import numpy as np

MAX_HEADER = 100_000_000
SIZES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key in header")
    return dict(pairs)


def read(path):
    buf = open(path, "rb").read()
    if len(buf) < 8:
        raise ValueError("too short")
    (n,) = struct.unpack("<Q", buf[:8])
    if n > MAX_HEADER or 8 + n > len(buf):
        raise ValueError("bad header length %d" % n)
    text = buf[8:8 + n].decode("utf-8")
    if not text.startswith("{"):
        raise ValueError("header does not start with '{'")
    header = json.loads(text, object_pairs_hook=no_duplicates)
    metadata = header.pop("__metadata__", None) or {}
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise ValueError("metadata must map strings to strings")
    data = buf[8 + n:]
    entries = sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"]))
    start = 0
    tensors = {}
    for name, info in entries:
        begin, end = info["data_offsets"]
        shape = info["shape"]
        if begin != start or end < begin:
            raise ValueError("invalid offsets for %s" % name)
        if int(np.prod(shape, dtype=np.int64)) * SIZES[info["dtype"]] != end - begin:
            raise ValueError("shape and offsets disagree for %s" % name)
        if info["dtype"] != "F32":
            raise ValueError("this checker reads F32 only")
        tensors[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(shape)
        start = end
    if start != len(data):
        raise ValueError("data is not fully covered by the tensors")
    if (8 + n) % 8 != 0:
        print("note: data does not start 8-byte aligned")
    return tensors, metadata


def main():
    tensors, metadata = read(sys.argv[1])
    try:
        import torch
        tensors = {k: torch.from_numpy(v.copy()) for k, v in tensors.items()}
        print("loaded with torch", torch.__version__)
    except ImportError:
        print("torch not available: numpy arrays")
    for k, v in sorted(metadata.items()):
        print("metadata %s = %s" % (k, v))
    for name, t in tensors.items():
        flat = np.asarray(t).reshape(-1)
        print("%s %s sum=%r first=%s" % (name, list(t.shape), float(flat.sum()), [float(x) for x in flat[:4]]))

if __name__ == "__main__":
    try:
        main()
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
        print("invalid safetensors file:", e)
        sys.exit(1)
