#!/usr/bin/python3
"""Exports the models of org.vecgrad.bench.onnx.OnnxServeBench and of the `onnx` example from PyTorch to ONNX.

Run with Debian's python3-torch (no `onnx` package needed), from the repository root:
    /usr/bin/python3 bench/pytorch/onnx_serve_models.py
Writes (committed; neither `mvn verify` nor the benchmark runs Python):
    bench/src/main/resources/org/vecgrad/bench/onnx/mlp.onnx       784-256-128-10 ReLU MLP
    bench/src/main/resources/org/vecgrad/bench/onnx/lenet5.onnx    LeNet-5 on [N, 1, 28, 28]
    examples/src/main/resources/org/vecgrad/examples/onnx/lenet5.onnx and lenet5.safetensors (F32 tensors
        input [8, 1, 28, 28] and output [8, 10]: PyTorch's outputs, which the example compares against)
Both graphs have a dynamic batch axis named "batch", opset 13, constant folding on (as a user would export them).
Weights are PyTorch's default initialisation under a fixed seed: the benchmark times arithmetic, not accuracy.
"""
import os
import sys

import torch
import torch.nn as nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "onnx", "src", "test", "fixtures"))
from make_fixtures import save_safetensors  # noqa: E402 (the fixtures' minimal F32 safetensors writer)
BENCH = os.path.join(ROOT, "bench", "src", "main", "resources", "org", "vecgrad", "bench", "onnx")
EXAMPLES = os.path.join(ROOT, "examples", "src", "main", "resources", "org", "vecgrad", "examples", "onnx")


def mlp():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def export(model, example, path):
    model.eval()
    torch.onnx.export(model, (example,), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13,
                      do_constant_folding=True)
    print(os.path.relpath(path, ROOT), os.path.getsize(path), "bytes")


def main():
    os.makedirs(BENCH, exist_ok=True)
    os.makedirs(EXAMPLES, exist_ok=True)
    torch.manual_seed(19)
    export(mlp(), torch.randn(1, 784), os.path.join(BENCH, "mlp.onnx"))
    torch.manual_seed(5)
    net = lenet5().eval()
    export(net, torch.randn(1, 1, 28, 28), os.path.join(BENCH, "lenet5.onnx"))
    export(net, torch.randn(1, 1, 28, 28), os.path.join(EXAMPLES, "lenet5.onnx"))
    x = torch.rand(8, 1, 28, 28)
    with torch.no_grad():
        save_safetensors(os.path.join(EXAMPLES, "lenet5.safetensors"), {"input": x, "output": net(x)})


if __name__ == "__main__":
    main()
