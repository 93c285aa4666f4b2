#!/usr/bin/env python3
"""PyTorch counterpart of org.vecgrad.bench.conv.ConvBench: conv2d in float32, forward (y = conv(x, w) + b) and
forward + backward (x, w and b all requiring gradients, a fixed random output gradient), for the same shapes, in
GFLOP/s at each requested thread count (torch.set_num_threads), each in a fresh child process.

FLOPs as in ConvBench: a forward is 2*N*O*OH*OW*(C/groups)*kH*kW (the bias not counted); forward + backward counts
three times that (input and weight gradients cost as much as the forward each). Warm-up, then ROUNDS timed rounds
of about SECONDS s; prints the median and best round per shape.

usage: conv_bench.py [--threads 1,2] [--rounds 5] [--seconds 0.5] [--warmup-seconds 0.5]
"""
import argparse
import os
import statistics
import subprocess
import sys
from timing import timed_rounds

try:
    import torch
except ImportError:
    print("conv_bench.py: torch is not installed (Debian: apt-get install python3-torch, run with /usr/bin/python3)",
          file=sys.stderr)
    sys.exit(3)

# name: (batch, in, out, side, kernel, stride, padding, groups) -- ConvBench.SHAPES
SHAPES = {
    "3x3_64-64_56_b1": (1, 64, 64, 56, 3, 1, 1, 1),
    "3x3_64-64_56_b8": (8, 64, 64, 56, 3, 1, 1, 1),
    "1x1_256-64_56_b1": (1, 256, 64, 56, 1, 1, 0, 1),
    "3x3s2_128-256_28_b1": (1, 128, 256, 28, 3, 2, 1, 1),
    "dw3x3_32_112_b1": (1, 32, 32, 112, 3, 1, 1, 32),
    "lenet1_1-6_28_b64": (64, 1, 6, 28, 5, 1, 2, 1),
    "lenet2_6-16_14_b64": (64, 6, 16, 14, 5, 1, 0, 1),
}


def flop(n, c, o, side, k, stride, pad, groups):
    os_ = (side + 2 * pad - k) // stride + 1
    return 2 * n * o * os_ * os_ * (c // groups) * k * k


def rate(fn, rounds, seconds, warmup_seconds):
    """Calls per second of fn: median and best of the timed rounds."""
    rates = [n / dt for n, dt in timed_rounds(fn, rounds, seconds, warmup_seconds)]
    return statistics.median(rates), max(rates)


def child(threads, rounds, seconds, warmup_seconds):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    for name, (n, c, o, side, k, stride, pad, groups) in SHAPES.items():
        conv = torch.nn.Conv2d(c, o, k, stride=stride, padding=pad, groups=groups)
        x = torch.randn(n, c, side, side, requires_grad=True)
        with torch.no_grad():
            gy = torch.randn_like(conv(x))

        def forward():
            with torch.no_grad():
                return conv(x)

        def forward_backward():
            x.grad = None
            conv.weight.grad = None
            conv.bias.grad = None
            conv(x).backward(gy)

        f = flop(n, c, o, side, k, stride, pad, groups)
        for what, fn, mult in (("forward", forward, 1), ("forwardBackward", forward_backward, 3)):
            med, best = rate(fn, rounds, seconds, warmup_seconds)
            print(f"pytorch conv2d {name:20s} {what:15s} threads={threads}: median {med * mult * f / 1e9:7.1f}"
                  f" GFLOP/s, best {best * mult * f / 1e9:7.1f} ({med:.1f} calls/s)", flush=True)


def arguments(doc, seconds, warmup_seconds):
    """The scripts' shared command line: --threads, --rounds, --seconds, --warmup-seconds (and the hidden --child)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=seconds)
    ap.add_argument("--warmup-seconds", type=float, default=warmup_seconds)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args()


def run_children(script, a):
    """Runs script --child once per thread count, each in a fresh process with OMP/OpenBLAS sized before torch loads."""
    print(f"torch {torch.__version__}, mkldnn {torch.backends.mkldnn.is_available()},"
          f" load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)",
          flush=True)
    for t in a.threads.split(","):
        env = dict(os.environ, OMP_NUM_THREADS=t, OPENBLAS_NUM_THREADS=t)
        subprocess.run([sys.executable, os.path.abspath(script), "--child", "--threads", t, "--rounds",
                        str(a.rounds), "--seconds", str(a.seconds), "--warmup-seconds", str(a.warmup_seconds)],
                       env=env, check=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main():
    a = arguments(__doc__, 0.5, 0.5)
    if a.child:
        child(int(a.threads), a.rounds, a.seconds, a.warmup_seconds)
    else:
        run_children(__file__, a)


if __name__ == "__main__":
    main()
