"""For test_torch_rnn: loads the state dicts that the engine's RNN, LSTM and GRU saved (safetensors)
into torch.nn.RNN / LSTM / GRU with load_state_dict(strict=True), runs torch's forward on the input
saved beside them and compares with our output and final states.

Usage: /usr/bin/python3 load_rnn_state.py JSON_LIST
  each entry: {"name", "mode" (rnn_tanh, rnn_relu, lstm, gru), "input_size", "hidden", "layers",
               "bias", "batch_first", "params": FILE, "io": FILE (x, output, h_n, c_n; h0, c0 optional)}
Prints one JSON object: per name {"max_diff": largest |torch - ours|} or {"error": "<message>"}.
Exits 77 when torch cannot be imported.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
try:
    import torch
except ImportError:
    sys.exit(77)
from read_safetensors import read  # noqa: E402

CLASSES = {"rnn_tanh": torch.nn.RNN, "rnn_relu": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def check(e):
    kw = {"nonlinearity": "relu"} if e["mode"] == "rnn_relu" else {}
    m = CLASSES[e["mode"]](e["input_size"], e["hidden"], e["layers"], bias=e["bias"], batch_first=e["batch_first"], **kw)
    state = {k: torch.from_numpy(v.copy()) for k, v in read(e["params"])[0].items()}
    m.load_state_dict(state, strict=True)
    io = {k: torch.from_numpy(v.copy()) for k, v in read(e["io"])[0].items()}
    hx = None
    if "h0" in io:
        hx = (io["h0"], io["c0"]) if e["mode"] == "lstm" else io["h0"]
    with torch.no_grad():
        out, state = m(io["x"], hx)
    got = {"output": out, "h_n": state[0] if e["mode"] == "lstm" else state}
    if e["mode"] == "lstm":
        got["c_n"] = state[1]
    return {"max_diff": max(float((got[k] - io[k]).abs().max()) for k in got)}


result = {}
for entry in json.loads(sys.argv[1]):
    try:
        result[entry["name"]] = check(entry)
    except Exception as ex:  # noqa: BLE001 (the test prints torch's message)
        result[entry["name"]] = {"error": f"{type(ex).__name__}: {ex}"}
print(json.dumps(result))
