#!/usr/bin/env python3
"""Statistics shared by the paired-benchmark reports (bench/mlp-overhead-report.py, bench/gemm-paired-report.py).

A paired JMH benchmark times two versions in every call and adds each version's nanoseconds to @AuxCounters; JMH's
JSON keeps each counter's value per measured iteration in secondaryMetrics[name].rawData (one list per fork).
raw() flattens those; mean_ci() gives the mean over iterations with a two-sided 99.9% Student-t half-width (as JMH
prints its errors): mean ± t_0.9995(n-1) · s / sqrt(n).

Run this file to check the statistics on hand-computed values: python3 bench/paired_stats.py
"""
import math

# two-sided 99.9% Student t quantiles (t_0.9995) by degrees of freedom
T999 = {1: 636.62, 2: 31.599, 3: 12.924, 4: 8.610, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041, 9: 4.781, 10: 4.587,
        11: 4.437, 12: 4.318, 13: 4.221, 14: 4.140, 15: 4.073, 16: 4.015, 17: 3.965, 18: 3.922, 19: 3.883,
        20: 3.850, 21: 3.819, 22: 3.792, 23: 3.768, 24: 3.745, 25: 3.725, 26: 3.707, 27: 3.690, 28: 3.674,
        29: 3.659, 30: 3.646, 40: 3.551, 60: 3.460, 120: 3.373}


def t999(df):
    """t_0.9995 with df degrees of freedom; between tabulated df the next smaller one (a slightly wider interval)."""
    if df in T999:
        return T999[df]
    for k in sorted(T999):
        if k > df:
            break
        last = k
    return T999[last] if df < 1000 else 3.291


def mean_ci(xs):
    """(mean, 99.9% half-width) of xs; the half-width is nan for fewer than two values."""
    n = len(xs)
    m = sum(xs) / n
    if n < 2:
        return m, float("nan")
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    return m, t999(n - 1) * sd / math.sqrt(n)


def raw(metric):
    """A JMH metric's per-iteration values, all forks in order."""
    return [v for fork in metric.get("rawData", []) for v in fork]


def _self_test():
    assert t999(9) == 4.781 and t999(35) == 3.646 and t999(500) == 3.373 and t999(5000) == 3.291
    m, h = mean_ci([1.0, 2.0, 3.0, 4.0])     # s = sqrt(5/3), h = t(3) · s / 2
    assert m == 2.5 and abs(h - 12.924 * math.sqrt(5 / 3) / 2) < 1e-12, h
    m, h = mean_ci([0.9])
    assert m == 0.9 and math.isnan(h)
    assert mean_ci([0.8] * 5) == (0.8, 0.0)
    assert raw({"rawData": [[1, 2], [3]]}) == [1, 2, 3] and raw({}) == []
    print("paired_stats: self-test passed")


if __name__ == "__main__":
    _self_test()
