"""PyTorch 1.13 reference of LstmBench: one LSTM layer, batch 32 x 50 steps x input 128, F32, one thread.

    /usr/bin/python3 bench/pytorch/lstm.py
"""
import time

import torch

torch.set_num_threads(1)
for hidden in (256, 64):
    m = torch.nn.LSTM(128, hidden)
    x = torch.randn(50, 32, 128, requires_grad=True)

    def fwd():
        with torch.no_grad():
            m(x)

    def fwd_bwd():
        m.zero_grad()
        x.grad = None
        m(x)[0].sum().backward()

    for name, f in (("forward", fwd), ("forwardBackward", fwd_bwd)):
        for _ in range(5):
            f()
        best = []
        for _ in range(5):
            n = 0
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < 1.0:
                f()
                n += 1
            best.append((time.perf_counter() - t0) / n * 1e3)
        print(f"hidden {hidden} {name}: {min(best):.2f} ms (median {sorted(best)[2]:.2f})")
