#!/usr/bin/env python3
"""PyTorch counterpart of org.vecgrad.bench.conv.LeNetTrainBench: one training step of LeNet-5 (conv 5x5 1->6
padding 2, ReLU, max pool 2, conv 5x5 6->16, ReLU, max pool 2, 400 -> 120 -> 84 -> 10) on 1x28x28 images, batch 64,
float32, CrossEntropyLoss from logits, Adam lr 1e-3, in samples per second at each requested thread count, each in
a fresh child process (OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set before torch loads).

As in the JMH benchmark: 8 random N(0, 1) input batches used in turn, fresh random labels every step, gradients
cleared to None before each step. Timing as conv_bench.py (warm-up, ROUNDS rounds of about SECONDS s).

usage: lenet_train.py [--threads 1,2] [--rounds 5] [--seconds 1] [--warmup-seconds 2]
"""
import argparse
import os
import statistics
import subprocess
import sys

from conv_bench import rate, torch

BATCH = 64
POOL = 8


def make_step():
    nn = torch.nn
    model = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84),
                          nn.ReLU(), nn.Linear(84, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(7)
    xs = [torch.randn(BATCH, 1, 28, 28, generator=g) for _ in range(POOL)]
    state = {"next": 0}

    def step():
        x = xs[state["next"] % POOL]
        state["next"] += 1
        y = torch.randint(0, 10, (BATCH,), generator=g)
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    return step


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
        torch.set_num_threads(threads)
        torch.manual_seed(1)
        med, best = rate(make_step(), a.rounds, a.seconds, a.warmup_seconds)
        print(f"pytorch lenet_train threads={threads}: median {med * BATCH:.0f} samples/s, best {best * BATCH:.0f}",
              flush=True)
        return
    print(f"torch {torch.__version__}, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
          f" ({os.cpu_count()} CPUs)", flush=True)
    for t in a.threads.split(","):
        env = dict(os.environ, OMP_NUM_THREADS=t, OPENBLAS_NUM_THREADS=t)
        subprocess.run([sys.executable, os.path.abspath(__file__), "--child", "--threads", t, "--rounds",
                        str(a.rounds), "--seconds", str(a.seconds), "--warmup-seconds", str(a.warmup_seconds)],
                       env=env, check=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
