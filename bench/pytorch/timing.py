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
