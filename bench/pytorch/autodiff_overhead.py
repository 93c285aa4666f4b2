#!/usr/bin/env python3
"""PyTorch counterpart of org.vecgrad.bench.autodiff.AutodiffOverheadBench: the fixed cost of recording and
differentiating one op. A graph of 10 000 ops on 0-dimensional float64 tensors (y = tanh(y * c + d) + x, i.e. mul,
add, tanh, add, repeated 2 500 times), forward and backward, in nanoseconds per op; and the same forward under
torch.no_grad() (what dispatch and allocation alone cost). One intra-op thread (torch.set_num_threads(1)).

usage: autodiff_overhead.py [--rounds 5] [--seconds 1] [--warmup-seconds 2]
"""
import argparse
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import statistics
import sys
from timing import timed_rounds

try:
    import torch
except ImportError:
    print("autodiff_overhead.py: torch is not installed (Debian: apt-get install python3-torch, run with "
          "/usr/bin/python3)", file=sys.stderr)
    sys.exit(3)

OPS = 10_000
c = torch.tensor(0.999, dtype=torch.float64)
d = torch.tensor(0.001, dtype=torch.float64)


def forward_backward():
    x = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    y = x
    for _ in range(OPS // 4):
        y = torch.tanh(y * c + d) + x
    y.backward()
    return x.grad.item()


def forward_no_grad():
    x = torch.tensor(0.5, dtype=torch.float64)
    y = x
    with torch.no_grad():
        for _ in range(OPS // 4):
            y = torch.tanh(y * c + d) + x
    return y.item()


def ns_per_op(fn, rounds, seconds, warmup_seconds):
    return [dt / (n * OPS) * 1e9 for n, dt in timed_rounds(fn, rounds, seconds, warmup_seconds)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--warmup-seconds", type=float, default=2.0)
    a = ap.parse_args()
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, fn in (("forwardBackwardPerOp", forward_backward), ("forwardOnlyNoGradPerOp", forward_no_grad)):
        r = ns_per_op(fn, a.rounds, a.seconds, a.warmup_seconds)
        print(f"pytorch autodiff {name}: median {statistics.median(r):.0f} ns/op, best {min(r):.0f}, "
              f"rounds [{', '.join(f'{x:.0f}' for x in r)}]")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
