#!/usr/bin/env python3
"""PyTorch counterpart of org.vecgrad.bench.attention.MhaBench: nn.MultiheadAttention(256, 8, batch_first=True)
self-attention on x [16, 128, 256], float32, one thread: forward (no graph) and forward+backward (the output's sum,
gradients into the parameters and x), in milliseconds per call. need_weights is PyTorch's default (True: the
head-averaged weights are computed, as vecgrad's MultiheadAttention always returns them). Warm-up, then ROUNDS timed
rounds of about SECONDS s; prints the median and best.

One thread: timing.torch_one_thread.

usage: /usr/bin/python3 bench/pytorch/mha.py [--rounds 5] [--seconds 2] [--warmup-seconds 4]
"""
import statistics

from timing import load_average, round_args, timed_rounds, torch_one_thread

torch = torch_one_thread("mha.py")

BATCH, TOKENS, EMBED, HEADS = 16, 128, 256, 8


def main():
    a = round_args(__doc__, 2.0, 4.0)
    torch.manual_seed(1)
    print(f"torch {torch.__version__}; load average before: {load_average()}", flush=True)
    m = torch.nn.MultiheadAttention(EMBED, HEADS, batch_first=True)
    x = torch.randn(BATCH, TOKENS, EMBED, requires_grad=True)

    def forward():
        with torch.no_grad():
            return m(x, x, x)

    def forward_backward():
        m.zero_grad(set_to_none=True)
        x.grad = None
        m(x, x, x)[0].sum().backward()

    for name, fn in (("forward", forward), ("forwardBackward", forward_backward)):
        ms = [dt / n * 1e3 for n, dt in timed_rounds(fn, a.rounds, a.seconds, a.warmup_seconds)]
        print(f"pytorch mha {name} (batch {BATCH} x {TOKENS} tokens x {EMBED} dims x {HEADS} heads, 1 thread):"
              f" median {statistics.median(ms):.2f} ms, best {min(ms):.2f}, rounds [{', '.join(f'{v:.2f}' for v in ms)}]",
              flush=True)
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
