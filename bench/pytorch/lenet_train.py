#!/usr/bin/env python3
"""PyTorch counterpart of org.vecgrad.bench.conv.LeNetTrainBench: one training step of LeNet-5 (conv 5x5 1->6
padding 2, ReLU, max pool 2, conv 5x5 6->16, ReLU, max pool 2, 400 -> 120 -> 84 -> 10) on 1x28x28 images, batch 64,
float32, CrossEntropyLoss from logits, Adam lr 1e-3, in samples per second at each requested thread count, each in
a fresh child process (OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set before torch loads).

As in the JMH benchmark: 8 random N(0, 1) input batches used in turn, fresh random labels every step, gradients
cleared to None before each step. Timing as conv_bench.py (warm-up, ROUNDS rounds of about SECONDS s).

usage: lenet_train.py [--threads 1,2] [--rounds 5] [--seconds 1] [--warmup-seconds 2]
"""
from conv_bench import arguments, rate, run_children, torch

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
    a = arguments(__doc__, 1.0, 2.0)
    if not a.child:
        run_children(__file__, a)
        return
    threads = int(a.threads)
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    med, best = rate(make_step(), a.rounds, a.seconds, a.warmup_seconds)
    print(f"pytorch lenet_train threads={threads}: median {med * BATCH:.0f} samples/s, best {best * BATCH:.0f}",
          flush=True)


if __name__ == "__main__":
    main()
