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
        cpu = []
        for _ in range(5):
            n = 0
            t0 = time.perf_counter()
            c0 = time.thread_time()
            while time.perf_counter() - t0 < 1.0:
                f()
                n += 1
            best.append((time.perf_counter() - t0) / n * 1e3)
            cpu.append((time.thread_time() - c0) / n * 1e3)
        # thread CPU time beside wall time: on a shared machine it is not inflated by descheduling (LstmBench's
        # cpuNanos / calls is the same figure)
        print(f"hidden {hidden} {name}: {min(best):.2f} ms (median {sorted(best)[2]:.2f}),"
              f" thread CPU {min(cpu):.2f} ms (median {sorted(cpu)[2]:.2f})")
