#!/usr/bin/python3
"""Take a Gradient Lab checkpoint to PyTorch: load it into the matching torch module, evaluate it,
export it to ONNX.

A checkpoint (`gradlab-cli run LESSON --save FILE`, or Save in the app) is a safetensors file: F32
tensors named like a PyTorch state_dict under a prefix ("model.c1.weight"), and metadata with the
lesson's id and a JSON document "meta" (the run's parameters, seed, step, ...). This script reads
it with numpy alone (no safetensors package needed), builds the lesson's network from
gradlab_models.py with the saved parameters, and calls load_state_dict(strict=True).

    /usr/bin/python3 tools/pytorch/gradlab_to_torch.py load runs/lenet.safetensors --eval
    /usr/bin/python3 tools/pytorch/gradlab_to_torch.py load runs/vit.safetensors --onnx vit.onnx

Lessons: cnn (LeNet5), vit (TinyViT), attention (SequenceTransformer), activations (one
ActivationMLP per activation); optimizers has no network (its racers' positions are printed);
init saves no network at all.

--eval: cnn and vit on the test images of their data set (Fashion-MNIST from Debian's
dataset-fashion-mnist, MNIST from the build's data/ folder, found as Gradient Lab finds them),
preprocessed as our engine does; attention on fresh random sequences of its task; activations on
the two spirals the lesson trained on (kept in the checkpoint).

Needs PyTorch (Debian: apt-get install python3-torch; run with /usr/bin/python3) and numpy.
Exit status: 0 done, 1 an error (one line on stderr), 2 bad usage.
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
from dataclasses import dataclass, field

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # gradlab_models.py, imported where torch is needed
CHECKPOINT_FORMAT, CHECKPOINT_VERSION = "gradlab-checkpoint", "1"
MAX_HEADER_BYTES = 100_000_000  # as engine/io/safetensors.h
NO_NETWORK = {
    "init": "the init lesson saves no network (only its statistics): there is nothing to load into PyTorch",
}


class GradlabError(Exception):
    """Anything wrong with the input: reported as one line, exit status 1."""


# ---- the checkpoint file ----

@dataclass
class Checkpoint:
    path: str
    lesson: str
    meta: dict
    tensors: dict = field(default_factory=dict)  # name -> float32 numpy array, in file order

    def param(self, key, default=None):
        return self.meta.get("params", {}).get(key, default)


def read_checkpoint(path):
    """Reads and checks a Gradient Lab checkpoint (the safetensors container, then our metadata)."""
    try:
        with open(path, "rb") as f:
            blob = f.read()
    except OSError as e:
        raise GradlabError(f"cannot read '{path}': {e.strerror or e}") from None
    if len(blob) < 8:
        raise GradlabError(f"'{path}' is not a safetensors file ({len(blob)} bytes, too short for a header)")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > MAX_HEADER_BYTES or n > len(blob) - 8:
        raise GradlabError(f"'{path}' is not a safetensors file (its header length {n} runs past the file)")
    try:
        header = json.loads(blob[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise GradlabError(f"'{path}' is not a safetensors file (its header is not JSON: {e})") from None
    if not isinstance(header, dict):
        raise GradlabError(f"'{path}' is not a safetensors file (its header is not a JSON object)")
    md = header.pop("__metadata__", None) or {}
    if not isinstance(md, dict) or md.get("format") != CHECKPOINT_FORMAT:
        raise GradlabError(f"'{path}' is a safetensors file but not a Gradient Lab checkpoint "
                           f"(its metadata has no format \"{CHECKPOINT_FORMAT}\")")
    if md.get("version") != CHECKPOINT_VERSION:
        raise GradlabError(f"'{path}' is a checkpoint of version {md.get('version')!r}; "
                           f"this script reads version {CHECKPOINT_VERSION}")
    try:
        meta = json.loads(md.get("meta", "{}"))
    except (TypeError, json.JSONDecodeError) as e:
        raise GradlabError(f"'{path}': the checkpoint's meta is not JSON ({e})") from None
    if not isinstance(meta, dict) or not isinstance(md.get("lesson"), str):
        raise GradlabError(f"'{path}': the checkpoint names no lesson or its meta is not a JSON object")
    data = memoryview(blob)[8 + n:]
    ck = Checkpoint(path, md["lesson"], meta)
    for name, e in sorted(header.items(), key=lambda kv: _offsets(path, kv)[0]):
        begin, end = _offsets(path, (name, e))
        shape = e.get("shape")
        if e.get("dtype") != "F32":
            raise GradlabError(f"'{path}': tensor {name} has dtype {e.get('dtype')}, checkpoints hold F32 only")
        if not isinstance(shape, list) or not all(isinstance(d, int) and d >= 0 for d in shape):
            raise GradlabError(f"'{path}': tensor {name} has no valid shape")
        if end > len(data) or end - begin != 4 * math.prod(shape):
            raise GradlabError(f"'{path}': tensor {name} (shape {tuple(shape)}) does not fit its data "
                               f"[{begin}, {end}) in {len(data)} bytes: the file is truncated or corrupt")
        ck.tensors[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(shape).copy()
    return ck


def _offsets(path, item):
    name, e = item
    off = e.get("data_offsets") if isinstance(e, dict) else None
    if not (isinstance(off, list) and len(off) == 2 and all(isinstance(o, int) for o in off) and 0 <= off[0] <= off[1]):
        raise GradlabError(f"'{path}': tensor {name} has no valid data_offsets")
    return off


# ---- data: the IDX files, found and preprocessed as engine/data does ----

def data_roots(data_dir):
    """Where data sets are looked for (engine/data/dataset.h dataSearchRoots): --data-dir,
    $GRADLAB_DATA_DIR, the build's data/ folder next to this checkout, /usr/share/datasets."""
    roots = [data_dir, os.environ.get("GRADLAB_DATA_DIR"), os.path.join(HERE, "..", "..", "build", "data"),
             "/usr/share/datasets"]
    return [os.path.normpath(r) for r in roots if r]


def read_idx(path, dims):
    """An IDX file of unsigned bytes (raw or gzip) with `dims` dimensions, as a numpy array."""
    try:
        with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as e:
        raise GradlabError(f"cannot read '{path}': {e}") from None
    if len(raw) < 4 + 4 * dims or raw[:4] != bytes([0, 0, 8, dims]):
        raise GradlabError(f"'{path}' is not an IDX file of {dims}-dimensional unsigned bytes")
    shape = struct.unpack(f">{dims}I", raw[4:4 + 4 * dims])
    body = raw[4 + 4 * dims:]
    if len(body) != math.prod(shape):
        raise GradlabError(f"'{path}': {len(body)} bytes of data for the shape {shape}")
    return np.frombuffer(body, np.uint8).reshape(shape)


def load_split(folder, prefix):
    def find(base):
        for p in (os.path.join(folder, base + ".gz"), os.path.join(folder, base)):
            if os.path.isfile(p):
                return p
        raise GradlabError(f"{base}[.gz] not found in '{folder}'")
    images = read_idx(find(f"{prefix}-images-idx3-ubyte"), 3)
    labels = read_idx(find(f"{prefix}-labels-idx1-ubyte"), 1)
    if len(images) != len(labels):
        raise GradlabError(f"'{folder}': {len(images)} {prefix} images but {len(labels)} labels")
    return images, labels.astype(np.int64)


def find_dataset(name, data_dir):
    if name == "shapes":
        raise GradlabError("this run trained on the synthetic shapes set, which Gradient Lab draws itself: "
                           "evaluate it there (gradlab-cli run ... --load)")
    tried = []
    for root in data_roots(data_dir):
        folder = os.path.join(root, name)
        if os.path.isdir(folder):
            return folder
        tried.append(folder)
    hint = "apt-get install dataset-fashion-mnist" if name == "fashion-mnist" else "./lab.sh build imports it"
    raise GradlabError(f"data set {name} not found (looked in {', '.join(tried)}; {hint}, or give --data-dir)")


def pixel_mean_std(images):
    """engine/data/dataset.cpp pixelMeanStd: mean and population std in [0, 1] units, in double."""
    hist = np.bincount(images.reshape(-1), minlength=256).astype(np.float64)
    v = np.arange(256) / 255.0
    n = hist.sum()
    mean = float((hist * v).sum() / n)
    return mean, math.sqrt(float((hist * (v - mean) ** 2).sum() / n))


def test_images(ck, data_dir, pad, log):
    """The lesson's test set as network inputs: x = (p / 255 - mean) / std in float32 (the engine's
    lookup table, loader.cpp fillLut), then `pad` background pixels on every side."""
    saved = ck.meta.get("data")
    if isinstance(saved, dict) and {"dataset", "mean", "std"} <= saved.keys():
        name, mean, std = saved["dataset"], saved["mean"], saved["std"]
        folder = find_dataset(name, data_dir)
    else:  # checkpoints written before meta "data": the requested set, the train set's statistics
        name = ck.param("dataset", "fashion-mnist")
        folder = find_dataset(name, data_dir)
        mean, std = pixel_mean_std(load_split(folder, "train")[0])
        log(f"  (an older checkpoint without its data statistics: assuming {name} as requested, "
            f"mean {mean:.4f}, std {std:.4f} of its training images)")
    images, labels = load_split(folder, "t10k")
    lut = (np.arange(256, dtype=np.float32) / np.float32(255) - np.float32(mean)) / np.float32(std)
    x = lut[images]
    if pad:
        x = np.pad(x, ((0, 0), (pad, pad), (pad, pad)), constant_values=lut[0])
    return name, folder, x[:, None], labels


# ---- loading into torch ----

def load_into(module, ck, prefix, rename=lambda n: n):
    """Copies the checkpoint's tensors under `prefix` (prefix stripped, then `rename`d) into
    `module` with load_state_dict(strict=True), after a check that names the first bad tensor."""
    import torch
    state = {rename(name[len(prefix):]): t for name, t in ck.tensors.items() if name.startswith(prefix)}
    own = module.state_dict()
    for key, t in own.items():
        if key not in state:
            raise GradlabError(f"'{ck.path}': the {ck.lesson} checkpoint has no tensor {prefix}{key} "
                               f"that {type(module).__name__} needs")
        if tuple(state[key].shape) != tuple(t.shape):
            raise GradlabError(f"'{ck.path}': tensor {prefix}{key} has shape {tuple(state[key].shape)}, "
                               f"{type(module).__name__} expects {tuple(t.shape)} (parameters {ck.meta.get('params')})")
    extra = sorted(set(state) - set(own))
    if extra:
        raise GradlabError(f"'{ck.path}': tensor {prefix}{extra[0]} has no place in {type(module).__name__}"
                           + (f" (and {len(extra) - 1} more)" if len(extra) > 1 else ""))
    module.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()}, strict=True)
    module.eval()
    return module


def integer(ck, key):
    v = ck.param(key)
    try:
        return int(v)
    except (TypeError, ValueError):
        raise GradlabError(f"'{ck.path}': the checkpoint's parameter {key} is {v!r}, not an integer") from None


@dataclass
class Net:
    name: str          # "" for a lesson's one network, else e.g. the activation
    module: object     # the torch module, loaded, in eval mode
    example: object    # an input for tracing (ONNX): a torch tensor of batch 1
    input_name: str


def build_cnn(ck):
    import torch
    from gradlab_models import LeNet5
    variant = ck.param("variant", "relu_maxpool")
    if variant not in ("relu_maxpool", "tanh_avgpool"):
        raise GradlabError(f"'{ck.path}': unknown LeNet-5 variant {variant!r}")
    m = LeNet5("relu", "max") if variant == "relu_maxpool" else LeNet5("tanh", "avg")
    return [Net("", load_into(m, ck, "model."), torch.zeros(1, 1, 32, 32), "images")]


def build_vit(ck):
    import torch
    from gradlab_models import TinyViT
    m = TinyViT(d=64, layers=integer(ck, "layers"), heads=integer(ck, "heads"), dff=256, patch=integer(ck, "patch"))
    return [Net("", load_into(m, ck, "model."), torch.zeros(1, 1, 28, 28), "images")]


def attention_name(name):
    """Checkpoints written before the encoder layers became a ModuleList-like container named
    them layers_<i>.*; today (and in PyTorch) they are layers.<i>.*."""
    head, _, rest = name.partition(".")
    if head.startswith("layers_") and head[7:].isdigit():
        return f"layers.{head[7:]}.{rest}"
    return name


def build_attention(ck):
    import torch
    from gradlab_models import SequenceTransformer
    length = integer(ck, "length")
    m = SequenceTransformer(length, layers=integer(ck, "layers"), heads=integer(ck, "heads"),
                            learned_positions=ck.param("positions", "learned") == "learned")
    return [Net("", load_into(m, ck, "model.", attention_name), torch.zeros(1, length, dtype=torch.long), "tokens")]


def build_activations(ck):
    import torch
    from gradlab_models import ACTIVATIONS, ActivationMLP
    nets = []
    for act in ACTIVATIONS:
        m = ActivationMLP(act, integer(ck, "depth"), integer(ck, "width"), slope=float(ck.param("leaky_relu.slope", 0.01)),
                          alpha=float(ck.param("elu.alpha", 1.0)), beta=float(ck.param("softplus.beta", 1.0)),
                          gelu_approximate=ck.param("gelu.approximate", "none"))
        nets.append(Net(act, load_into(m, ck, f"net.{act}."), torch.zeros(1, 2), "points"))
    return nets


BUILDERS = {"cnn": build_cnn, "vit": build_vit, "attention": build_attention, "activations": build_activations}


# ---- evaluation ----

def eval_images(ck, nets, args, log, pad):
    import torch
    name, folder, x, y = test_images(ck, args.data_dir, pad, log)
    m = nets[0].module
    correct, loss = 0, 0.0
    with torch.no_grad():
        for i in range(0, len(y), 1000):
            logits = m(torch.from_numpy(x[i:i + 1000]))
            target = torch.from_numpy(y[i:i + 1000])
            correct += int((logits.argmax(1) == target).sum())
            loss += float(torch.nn.functional.cross_entropy(logits, target, reduction="sum"))
    res = {"dataset": name, "data_dir": folder, "images": int(len(y)), "accuracy": correct / len(y), "loss": loss / len(y)}
    ours = gradlab_test_accuracy(ck)
    note = f" (Gradient Lab measured {ours:.4f} at this step)" if ours is not None else ""
    log(f"  test accuracy on {name} ({len(y)} images from {folder}): {res['accuracy']:.4f}, "
        f"loss {res['loss']:.4f}{note}")
    if ours is not None:
        res["gradlab_accuracy"] = ours
    return res


def gradlab_test_accuracy(ck):
    """Our own test accuracy of these weights, when the checkpoint has one of its step."""
    step = ck.meta.get("step")
    for key, step_key in (("evaluation", "step"), ("summary", "test_step")):  # cnn, vit
        e = ck.meta.get(key)
        if isinstance(e, dict) and e.get(step_key) == step and isinstance(e.get("test_accuracy"), (int, float)):
            return float(e["test_accuracy"])
    return None


def task_target(task, seqs):
    if task == "reverse":
        return seqs[:, ::-1]
    if task == "sort":
        return np.sort(seqs, axis=1)
    if task == "copy-shift":
        return np.roll(seqs, 1, axis=1)
    raise GradlabError(f"unknown attention task {task!r}")


def parse_tokens(text, length):
    digits = [c for c in text if c.isdigit()]
    if not digits or len(digits) > length or any(not (c.isdigit() or c in " ,") for c in text):
        raise GradlabError(f"--tokens wants 1 to {length} digits (e.g. 31415926), got {text!r}")
    return np.array([[int(c) for c in digits]], dtype=np.int64)


def eval_attention(ck, nets, args, log):
    import torch
    m, task, length = nets[0].module, ck.param("task", "reverse"), integer(ck, "length")
    rng = np.random.default_rng(args.data_seed)
    seqs = rng.integers(0, 10, size=(args.samples, length))
    target = task_target(task, seqs)
    with torch.no_grad():
        pred = m(torch.from_numpy(seqs)).argmax(-1).numpy()
    right = pred == target
    res = {"task": task, "sequences": args.samples, "token_accuracy": float(right.mean()),
           "sequence_accuracy": float(right.all(1).mean())}
    ours = ck.meta.get("summary", {}).get("token_accuracy")
    note = f" (Gradient Lab: {ours:.4f} on its 256 sequences)" if isinstance(ours, (int, float)) else ""
    log(f"  {task} on {args.samples} random sequences (numpy seed {args.data_seed}): tokens right "
        f"{res['token_accuracy']:.4f}{note}, sequences right {res['sequence_accuracy']:.4f}")
    return res


def run_tokens(ck, nets, args, log):
    """The prediction and every head's attention for one sequence given with --tokens."""
    import torch
    m, length = nets[0].module, integer(ck, "length")
    seq = parse_tokens(args.tokens, length)
    with torch.no_grad():
        pred = m(torch.from_numpy(seq)).argmax(-1)[0].tolist()
        weights = [w[0].tolist() for w in m.attention(torch.from_numpy(seq))]
    target = task_target(ck.param("task", "reverse"), seq)[0].tolist()
    log(f"  input {''.join(map(str, seq[0]))} -> prediction {''.join(map(str, pred))} "
        f"(target {''.join(map(str, target))})")
    return {"input": seq[0].tolist(), "prediction": pred, "target": target, "attention": weights}


def eval_activations(ck, nets, args, log):
    import torch
    if "data.x" not in ck.tensors or "data.y" not in ck.tensors:
        raise GradlabError(f"'{ck.path}' does not hold the lesson's spirals (saved by an older Gradient Lab): "
                           "nothing to evaluate on")
    x, y = torch.from_numpy(ck.tensors["data.x"]), torch.from_numpy(ck.tensors["data.y"]).long()
    failed = {a for a, s in ck.meta.get("nets", {}).items() if isinstance(s, dict) and s.get("failed")}
    res = {}
    with torch.no_grad():
        for n in nets:
            logits = n.module(x)
            r = {"loss": float(torch.nn.functional.cross_entropy(logits, y)),
                 "accuracy": float((logits.argmax(1) == y).float().mean()), "failed": n.name in failed}
            res[n.name] = r
            chance = abs(r["loss"] - math.log(2)) < 1e-3  # both logits almost equal: rounding picks the class
            log(f"  {n.name:10s} loss {r['loss']:.5f}  accuracy {r['accuracy']:.4f} on the {len(y)} training points"
                + ("  (it diverged in the lesson)" if r["failed"] else "")
                + ("  (at chance: its two logits are nearly equal, rounding decides its accuracy)" if chance else ""))
    return res


# ---- ONNX ----

def export_onnx(nets, out, log):
    import torch
    files = []
    stem, ext = os.path.splitext(out)
    for n in nets:
        path = out if len(nets) == 1 else f"{stem}.{n.name}{ext or '.onnx'}"
        try:
            torch.onnx.export(n.module, (n.example,), path, opset_version=14, input_names=[n.input_name],
                              output_names=["logits"], dynamic_axes={n.input_name: {0: "batch"}, "logits": {0: "batch"}})
        except Exception as e:  # torch raises many kinds here; one line says which
            raise GradlabError(f"torch.onnx.export failed for {type(n.module).__name__}: "
                               f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
        files.append(path)
        log(f"  ONNX: wrote {path} (opset 14, input \"{n.input_name}\" {tuple(n.example.shape)} with a free batch "
            f"size, output \"logits\"){check_onnx(path)}")
    return files


def check_onnx(path):
    try:
        import onnx
    except ImportError:
        return "; not checked: the onnx package is missing (apt-get install python3-onnx)"
    try:
        onnx.checker.check_model(onnx.load(path))
    except Exception as e:
        raise GradlabError(f"{path}: onnx.checker rejects the export: {e}") from None
    return "; onnx.checker accepts it"


# ---- the command ----

def describe_optimizers(ck, log):
    racers = {}
    for name, t in ck.tensors.items():
        if name.startswith("racer.") and name.endswith(".p") and t.shape == (2,):
            rid = name[len("racer."):-2]
            state = ck.meta.get("racers", {}).get(rid, {})
            racers[rid] = {"x": float(t[0]), "y": float(t[1]), "diverged": bool(state.get("diverged", False))}
            log(f"  {rid:10s} at ({t[0]: .6f}, {t[1]: .6f})" + ("  diverged" if racers[rid]["diverged"] else ""))
    return racers


def load(args):
    ck = read_checkpoint(args.checkpoint)
    result = {"lesson": ck.lesson, "step": ck.meta.get("step"), "seed": ck.meta.get("seed"),
              "params": ck.meta.get("params", {})}
    log = (lambda s: print(s, file=sys.stderr)) if args.json else print
    log(f"{ck.path}: lesson {ck.lesson}, step {ck.meta.get('step')}, seed {ck.meta.get('seed')}, "
        f"{len(ck.tensors)} tensors")
    if ck.lesson in NO_NETWORK:
        raise GradlabError(NO_NETWORK[ck.lesson])
    if ck.lesson == "optimizers":
        if args.eval or args.onnx or args.tokens:
            raise GradlabError("the optimizers lesson has no network, only racers on a surface: "
                               "nothing to evaluate or export")
        log(f"  no network: the racers are points (x, y) on the surface {ck.param('surface', '?')}; "
            f"their positions at step {ck.meta.get('step')}:")
        result["racers"] = describe_optimizers(ck, log)
        return result
    if ck.lesson not in BUILDERS:
        raise GradlabError(f"'{ck.path}' is a checkpoint of lesson {ck.lesson!r}, which this script does not know "
                           f"(it knows {', '.join(sorted(BUILDERS))}, optimizers and init)")
    if args.tokens and ck.lesson != "attention":
        raise GradlabError("--tokens is for attention checkpoints")
    try:
        import torch  # noqa: F401  (here, so that a missing torch is one clear line)
    except ImportError:
        raise GradlabError(f"{sys.executable} cannot import torch; on Debian: apt-get install python3-torch, "
                           "and run this script with /usr/bin/python3") from None
    try:
        nets = BUILDERS[ck.lesson](ck)
    except (ValueError, AssertionError, TypeError) as e:  # torch's and our constructors refuse bad sizes so
        raise GradlabError(f"'{ck.path}': cannot build the {ck.lesson} network from the checkpoint's parameters "
                           f"{ck.meta.get('params')}: {e}") from None
    result["nets"] = {}
    for n in nets:
        count = sum(p.numel() for p in n.module.parameters())
        result["nets"][n.name or ck.lesson] = {"class": type(n.module).__name__, "parameters": count,
                                                "tensors": len(n.module.state_dict())}
        log(f"  {(n.name + ': ') if n.name else ''}{type(n.module).__name__}, {count:,} parameters, "
            f"{len(n.module.state_dict())} tensors loaded with strict=True")
    if args.eval:
        if ck.lesson in ("cnn", "vit"):
            result["eval"] = eval_images(ck, nets, args, log, pad=2 if ck.lesson == "cnn" else 0)
        elif ck.lesson == "attention":
            result["eval"] = eval_attention(ck, nets, args, log)
        else:
            result["eval"] = eval_activations(ck, nets, args, log)
    if args.tokens:
        result["tokens"] = run_tokens(ck, nets, args, log)
    if args.onnx:
        result["onnx"] = export_onnx(nets, args.onnx, log)
    return result


def parse_args(argv=None):
    """The command line (argparse: --help, and exit status 2 for bad usage)."""
    ap = argparse.ArgumentParser(
        prog="gradlab_to_torch.py", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Load a Gradient Lab checkpoint into the matching PyTorch module (strict=True), "
                    "evaluate it, export it to ONNX.",
        epilog="examples:\n"
               "  gradlab-cli run cnn --set epochs=1 --save lenet.safetensors\n"
               "  /usr/bin/python3 tools/pytorch/gradlab_to_torch.py load lenet.safetensors --eval --onnx lenet.onnx\n"
               "  /usr/bin/python3 tools/pytorch/gradlab_to_torch.py load reverse.safetensors --tokens 31415926\n\n"
               "In Python: sys.path.insert(0, 'tools/pytorch'); from gradlab_to_torch import read_checkpoint;\n"
               "from gradlab_models import LeNet5 (see the README's \"Take it to PyTorch\").")
    sub = ap.add_subparsers(dest="command", required=True, metavar="load")
    lp = sub.add_parser("load", help="load a checkpoint into torch; optionally evaluate and export it",
                        description="Read CHECKPOINT, build the lesson's torch module from its saved parameters and "
                                    "load its tensors with strict=True; print what was loaded.")
    lp.add_argument("checkpoint", help="a .safetensors file written by gradlab-cli --save or the app")
    lp.add_argument("--eval", action="store_true",
                    help="evaluate: cnn/vit test accuracy on their data set, attention accuracy on random sequences, "
                         "activations on the lesson's spirals")
    lp.add_argument("--onnx", metavar="OUT", help="export to ONNX through torch.onnx.export (activations: one file "
                                                  "per activation, OUT's name + .<activation>)")
    lp.add_argument("--data-dir", metavar="DIR", help="a folder with <dataset>/ IDX folders, searched first "
                                                      "(then $GRADLAB_DATA_DIR, build/data, /usr/share/datasets)")
    lp.add_argument("--samples", type=int, default=2000, help="attention --eval: random sequences (default 2000)")
    lp.add_argument("--data-seed", type=int, default=0, help="attention --eval: numpy seed of the sequences (0)")
    lp.add_argument("--tokens", metavar="DIGITS", help="attention: predict this sequence and show its attention")
    lp.add_argument("--json", action="store_true", help="print the results as one JSON object on stdout "
                                                        "(the text goes to stderr)")
    args = ap.parse_args(argv)
    if args.samples < 1:
        ap.error("--samples must be at least 1")
    return args


def main(argv=None):
    args = parse_args(argv)
    try:
        result = load(args)
    except GradlabError as e:
        print(f"gradlab_to_torch.py: error: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
