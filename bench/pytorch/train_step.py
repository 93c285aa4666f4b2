#!/usr/bin/env python3
"""PyTorch counterpart of org.vecgrad.bench.train.TrainStepBench: one training step of an MLP
784 -> 256 -> 128 -> 10 (ReLU, CrossEntropyLoss from logits, Adam lr 1e-3, batch 128, float32, random data),
in samples per second, at each requested thread count (torch.set_num_threads).

As in the JMH benchmark: nn.Linear's default init (U(+-1/sqrt(fan_in)), as vecgrad's Linear), 8 random N(0, 1)
input batches used in turn, fresh random labels every step (so the net never fits them and the gradients stay of
order 1), gradients cleared to None before each step (vecgrad's zeroGrad; PyTorch 1.13's default is zeros), Adam
with PyTorch's defaults (single-tensor path on CPU in 1.13). Warm-up, then ROUNDS timed rounds of about SECONDS s;
prints every round and the median and best.

Each thread count runs in a fresh child process with OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set to it: Debian's
torch calls the system BLAS (OpenBLAS through libblas.so.3), whose own thread pool torch.set_num_threads does not
size, and which can only be sized before the library loads.

usage: train_step.py [--threads 1,2] [--rounds 5] [--seconds 1] [--warmup-seconds 2]
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
    print("train_step.py: torch is not installed (Debian: apt-get install python3-torch, run with /usr/bin/python3)",
          file=sys.stderr)
    sys.exit(3)

BATCH = 128
POOL = 8


def make_step(threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(7)
    xs = [torch.randn(BATCH, 784, generator=g) for _ in range(POOL)]
    state = {"next": 0}

    def step():
        x = xs[state["next"] % POOL]
        state["next"] += 1
        y = torch.randint(0, 10, (BATCH,), generator=g)
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss

    return step


def samples_per_second(step, rounds, seconds, warmup_seconds):
    return [n * BATCH / dt for n, dt in timed_rounds(step, rounds, seconds, warmup_seconds, calls_per_check=10)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--warmup-seconds", type=float, default=2.0)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        threads = int(a.threads)
        rates = samples_per_second(make_step(threads), a.rounds, a.seconds, a.warmup_seconds)
        print(f"pytorch train_step threads={threads}: median {statistics.median(rates):.0f} samples/s, "
              f"best {max(rates):.0f}, rounds [{', '.join(f'{r:.0f}' for r in rates)}]", flush=True)
        return
    print(f"torch {torch.__version__} ({torch.__file__}), {torch.__config__.parallel_info().splitlines()[-1].strip()},"
          f" OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset (GNU OpenMP spins)')}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)",
          flush=True)
    for t in a.threads.split(","):
        env = dict(os.environ, OMP_NUM_THREADS=t, OPENBLAS_NUM_THREADS=t)
        subprocess.run([sys.executable, os.path.abspath(__file__), "--child", "--threads", t, "--rounds",
                        str(a.rounds), "--seconds", str(a.seconds), "--warmup-seconds", str(a.warmup_seconds)],
                       env=env, check=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
