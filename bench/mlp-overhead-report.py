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
import sys

from paired_stats import mean_ci, raw     # bench/paired_stats.py, next to this script


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
