#!/usr/bin/env python3
"""vecgrad vs another GEMM measured in the same calls, from JMH JSON results of gemm.GemmPairedBench.

Each measured iteration holds `pairs` calls, each of which ran one product on each side (alternating which first),
and per side the summed wall and thread-CPU nanoseconds and the fastest single call. Per iteration:
  GFLOP/s of a side = 2·M·N·K · pairs / its wall ns;
  ratio             = other's wall ns / vecgrad's wall ns = vecgrad GFLOP/s / other GFLOP/s (> 1: vecgrad faster);
  min-call ratio    = other's fastest call / vecgrad's fastest call (the least disturbed call of each);
  thread-CPU ratio  = the same with thread CPU ns (threads = 1 only: with more threads pools do part of the work).
Each is averaged over all iterations of all forks of a row, with a 99.9% Student-t interval (bench/paired_stats.py).
One line per row (shape, dtype, threads, against, and any -Dvecgrad.* fork flags), ready to paste.

usage: python3 bench/gemm-paired-report.py result.json...
       python3 bench/gemm-paired-report.py --self-test
"""
import json
import sys

from paired_stats import mean_ci, raw     # bench/paired_stats.py, next to this script

BENCH = ".GemmPairedBench.paired"


def flops(shape):
    """2·M·N·K of a shape "MxNxK[:tt]"."""
    m, n, k = (int(d) for d in shape.split(":")[0].split("x"))
    return 2.0 * m * n * k


def side_label(params):
    """' side=X' when the first side is not vecgrad's simd (results from before the side parameter have none)."""
    side = params.get("side", "simd")
    return "" if side == "simd" else f" side={side}"


def summarize(row):
    """The figures of one JMH result row of GemmPairedBench.paired, as a dict (see the module doc)."""
    p = row["params"]
    sec = row["secondaryMetrics"]
    pairs = raw(sec["pairs"])
    fl = flops(p["shape"])

    def per_iteration(f, key):
        return [f(v, o, n) for v, o, n in zip(raw(sec["vecgrad" + key]), raw(sec["other" + key]), pairs)]

    s = {
        "label": f"{p['shape']} {p['dtype']} t={p['threads']}" + side_label(p) + f" vs {p['against']}",
        "side": p.get("side", "simd"),
        "flags": [a for a in row.get("jvmArgs", []) if a.startswith("-Dvecgrad.")],
        "against": p["against"],
        "threads": p["threads"],
        "iterations": len(pairs),
        "calls": int(sum(pairs)),
        "vecgrad": mean_ci(per_iteration(lambda v, o, n: fl * n / v, "WallNs")),
        "other": mean_ci(per_iteration(lambda v, o, n: fl * n / o, "WallNs")),
        "ratio": mean_ci(per_iteration(lambda v, o, n: o / v, "WallNs")),
        "min": mean_ci(per_iteration(lambda v, o, n: o / v, "MinWallNs")),
        "cpu": mean_ci(per_iteration(lambda v, o, n: o / v, "CpuNs")) if str(p["threads"]) == "1" else None,
    }
    return s


def line(s):
    def ci(mh):
        return f"{mh[0]:.3f} ± {mh[1]:.3f}" if mh[1] == mh[1] else f"{mh[0]:.3f} ± n/a"
    flags = (" " + " ".join(s["flags"])) if s["flags"] else ""
    first = "vecgrad" if s["side"] == "simd" else s["side"]
    return (f"{s['label']}{flags}: {first} {s['vecgrad'][0]:.1f} GFLOP/s, {s['against']} {s['other'][0]:.1f}; "
            f"{first}/{s['against']} {ci(s['ratio'])} (99.9%), min-call {ci(s['min'])}"
            + (f", thread-CPU {ci(s['cpu'])}" if s["cpu"] else "")
            + f"; {s['iterations']} it, {s['calls']} calls")


def main(paths):
    rows = []
    for path in paths:
        with open(path) as f:
            rows += [r for r in json.load(f) if r["benchmark"].endswith(BENCH)]
    if not rows:
        sys.exit("no GemmPairedBench.paired rows in " + " ".join(paths))
    for r in rows:
        print(line(summarize(r)))


def _self_test():
    # Two forks x 2 iterations, 2x2x2 (16 flop per product). Iteration i: vecgrad v ns, other o ns over n pairs.
    its = [(1000, 800, 10), (2000, 1800, 20), (500, 500, 5), (1500, 1200, 10)]
    mins = [(90, 81), (95, 90), (100, 100), (140, 112)]

    def metric(vals):
        return {"rawData": [vals[:2], vals[2:]]}
    row = {"benchmark": "org.vecgrad.bench.gemm" + BENCH, "jvmArgs": ["-Dvecgrad.gemm.kc=256", "-Xmx1g"],
           "params": {"shape": "2x2x2:nn", "dtype": "F64", "threads": "1", "against": "openblas"},
           "secondaryMetrics": {"pairs": metric([n for _, _, n in its]),
                                "vecgradWallNs": metric([v for v, _, _ in its]),
                                "otherWallNs": metric([o for _, o, _ in its]),
                                "vecgradCpuNs": metric([v for v, _, _ in its]),
                                "otherCpuNs": metric([o / 2 for _, o, _ in its]),
                                "vecgradMinWallNs": metric([v for v, _ in mins]),
                                "otherMinWallNs": metric([o for _, o in mins])}}
    s = summarize(row)
    ratios = [0.8, 0.9, 1.0, 0.8]
    expect_ratio = mean_ci(ratios)
    assert abs(s["ratio"][0] - 0.875) < 1e-12 and s["ratio"] == expect_ratio, s["ratio"]
    assert abs(s["min"][0] - (0.9 + 90 / 95 + 1.0 + 0.8) / 4) < 1e-12, s["min"]
    assert abs(s["cpu"][0] - 0.4375) < 1e-12, s["cpu"]
    assert abs(s["vecgrad"][0] - (16 * 10 / 1000 + 16 * 20 / 2000 + 16 * 5 / 500 + 16 * 10 / 1500) / 4) < 1e-12
    assert abs(s["other"][0] - (16 * 10 / 800 + 16 * 20 / 1800 + 16 * 5 / 500 + 16 * 10 / 1200) / 4) < 1e-12
    assert (s["iterations"], s["calls"], s["flags"]) == (4, 45, ["-Dvecgrad.gemm.kc=256"])
    text = line(s)
    assert text.startswith("2x2x2:nn F64 t=1 vs openblas -Dvecgrad.gemm.kc=256: ") and "0.875 ± " in text, text
    row["params"]["threads"] = "0"
    assert summarize(row)["cpu"] is None and "thread-CPU" not in line(summarize(row))
    assert flops("1024x1024x1024:nn") == 2.0 * 1024 ** 3 and flops("128x784x256") == 2.0 * 128 * 784 * 256
    print("gemm-paired-report: self-test passed")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == "--self-test":
        _self_test()
    else:
        main(sys.argv[1:])
