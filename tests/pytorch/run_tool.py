"""Runs tools/pytorch/gradlab_to_torch.py's `load` for several command lines in one Python process,
for test_torch_roundtrip: torch is imported once instead of once per checkpoint.

Usage: /usr/bin/python3 run_tool.py TOOL_DIR JSON_LIST_OF_ARGUMENT_LISTS
Prints one JSON list: per command line {"exit": 0, "result": <the --json result>} or
{"exit": 1, "error": "<the one-line message>"}. Exits 77 when torch cannot be imported.
"""
import json
import sys

sys.path.insert(0, sys.argv[1])
try:
    import torch  # noqa: F401
except ImportError:
    sys.exit(77)
import gradlab_to_torch as tool  # noqa: E402

out = []
for argv in json.loads(sys.argv[2]):
    try:
        out.append({"exit": 0, "result": tool.load(tool.parse_args(["load"] + argv + ["--json"]))})
    except tool.GradlabError as e:
        out.append({"exit": 1, "error": str(e)})
print(json.dumps(out))
