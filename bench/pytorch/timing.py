"""The timing loop the PyTorch side-by-side scripts share: a warm-up, then timed rounds of about `seconds` each."""
import time


def timed_rounds(fn, rounds, seconds, warmup_seconds, calls_per_check=1):
    """Calls fn for warmup_seconds, then `rounds` times for at least `seconds`; returns (calls, elapsed s) per round.

    The clock is read once every calls_per_check calls, so a call much shorter than the clock's own cost is not
    timed with it."""
    end = time.perf_counter() + warmup_seconds
    while time.perf_counter() < end:
        fn()
    out = []
    for _ in range(rounds):
        n = 0
        t0 = time.perf_counter()
        while True:
            for _ in range(calls_per_check):
                fn()
            n += calls_per_check
            dt = time.perf_counter() - t0
            if dt >= seconds:
                break
        out.append((n, dt))
    return out


def round_args(doc, seconds, warmup_seconds):
    """The command line of a side-by-side script: --rounds (5), --seconds and --warmup-seconds (these defaults)."""
    import argparse
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=seconds)
    ap.add_argument("--warmup-seconds", type=float, default=warmup_seconds)
    return ap.parse_args()


def torch_one_thread(script):
    """torch with one thread: OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set to 1 before it loads (Debian's torch calls
    the system OpenBLAS, whose pool torch.set_num_threads does not size), then torch.set_num_threads(1). Exits with
    status 3, naming the script, when torch is not installed."""
    import os
    import sys
    os.environ["OMP_NUM_THREADS"] = "1"
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        import torch
    except ImportError:
        print(f"{script}: torch is not installed (Debian: apt-get install python3-torch, run with /usr/bin/python3)",
              file=sys.stderr)
        sys.exit(3)
    torch.set_num_threads(1)
    return torch


def load_average():
    """The 1-, 5- and 15-minute load averages and the CPU count, for the lines before and after a run."""
    import os
    return f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)"
