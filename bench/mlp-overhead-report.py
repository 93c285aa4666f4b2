#!/usr/bin/env python3
"""Tensor vs hand-written engine MLP step, from a JMH JSON result of autodiff.MlpOverheadBench.

For the `paired` benchmark (both versions in every call), each measured iteration gives, per clock (wall, thread
CPU, process CPU), the microseconds per call of each version and their ratio tensor / engine. The ratio is averaged
over all iterations of all forks, with a 99.9% confidence interval (Student t, as JMH prints its errors); the
"min" rows compare the fastest single call of each version per iteration (the least disturbed on a loaded machine). The
standalone `engine` / `tensor` rows (run one after the other) are printed as JMH scored them, with B/op when the run
used -prof gc.

usage: python3 bench/mlp-overhead-report.py result.json
"""
import json
import math
import sys

# two-sided 99.9% Student t quantiles (t_0.9995) by degrees of freedom
T999 = {1: 636.62, 2: 31.599, 3: 12.924, 4: 8.610, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041, 9: 4.781, 10: 4.587,
        11: 4.437, 12: 4.318, 13: 4.221, 14: 4.140, 15: 4.073, 16: 4.015, 17: 3.965, 18: 3.922, 19: 3.883,
        20: 3.850, 21: 3.819, 22: 3.792, 23: 3.768, 24: 3.745, 25: 3.725, 26: 3.707, 27: 3.690, 28: 3.674,
        29: 3.659, 30: 3.646, 40: 3.551, 60: 3.460, 120: 3.373}


def t999(df):
    if df in T999:
        return T999[df]
    for k in sorted(T999):          # the next smaller tabulated df: a slightly wider interval
        if k > df:
            break
        last = k
    return T999[last] if df < 1000 else 3.291


def mean_ci(xs):
    n = len(xs)
    m = sum(xs) / n
    if n < 2:
        return m, float("nan")
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    return m, t999(n - 1) * sd / math.sqrt(n)


def raw(metric):
    return [v for fork in metric.get("rawData", []) for v in fork]


def main(paths):
    rows = []
    for p in paths:
        with open(p) as f:
            rows += [r for r in json.load(f) if ".MlpOverheadBench." in r["benchmark"]]
    for r in rows:
        name = r["benchmark"].rsplit(".", 1)[1]
        params = " ".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()) if k != "threads")
        sec = r.get("secondaryMetrics", {})
        if name != "paired":
            pm = r["primaryMetric"]
            bop = sec.get("gc.alloc.rate.norm")
            print(f"{name:8s} {params} {pm['score']:10.1f} ± {pm['scoreError']:8.1f} {pm['scoreUnit']}"
                  + (f"   {bop['score']:12.0f} B/op" if bop else ""))
            continue
        pairs = raw(sec["pairs"])
        print(f"paired {params}: {len(pairs)} iterations, {sum(pairs):.0f} calls of each version"
              + (f"; B/op of one call (both versions) {sec['gc.alloc.rate.norm']['score']:.0f}"
                 if "gc.alloc.rate.norm" in sec else ""))
        print(f"  {'clock':8s} {'engine us':>18s} {'tensor us':>18s} {'tensor/engine':>18s}")
        for clock, key in (("wall", "WallNs"), ("thread", "CpuNs"), ("process", "ProcNs")):
            e = [a / n / 1e3 for a, n in zip(raw(sec["engine" + key]), pairs)]
            t = [a / n / 1e3 for a, n in zip(raw(sec["tensor" + key]), pairs)]
            ratio = [b / a for a, b in zip(e, t)]
            (em, ee), (tm, te), (rm, re) = mean_ci(e), mean_ci(t), mean_ci(ratio)
            print(f"  {clock:8s} {em:9.1f} ± {ee:6.1f} {tm:9.1f} ± {te:6.1f} {rm:9.4f} ± {re:6.4f}")
        for clock, key in (("min wall", "MinWallNs"), ("min thr", "MinCpuNs")):
            if "engine" + key not in sec:
                continue
            e = [a / 1e3 for a in raw(sec["engine" + key])]
            t = [a / 1e3 for a in raw(sec["tensor" + key])]
            ratio = [b / a for a, b in zip(e, t)]
            (em, ee), (tm, te), (rm, re) = mean_ci(e), mean_ci(t), mean_ci(ratio)
            print(f"  {clock:8s} {em:9.1f} ± {ee:6.1f} {tm:9.1f} ± {te:6.1f} {rm:9.4f} ± {re:6.4f}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
