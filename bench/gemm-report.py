#!/usr/bin/env python3
"""Turns JMH JSON from GemmBench / FmaPeakBench into a GFLOP/s table: % of the measured FMA peak, ratio to OpenBLAS.

Usage: gemm-report.py [--f32-lanes N] [--peak F32=G,F64=G] result.json... (as written by bench/run-gemm.sh). GFLOP/s = 2mnk / time.
--f32-lanes: F32 lanes of the JVM's preferred vector (8 on AVX2, 16 on AVX-512; F64 has half), default 8.
"""
import json
import sys

args = sys.argv[1:]
f32_lanes = 8
peak_override = {}
while args[:1] and args[0].startswith("--"):
    if args[0] == "--f32-lanes":
        f32_lanes = int(args[1])
    elif args[0] == "--peak":  # e.g. F32=88,F64=44: one-thread GFLOP/s when the measured peak is not trusted
        for kv in args[1].split(","):
            dt, v = kv.split("=")
            peak_override[(dt, 1)] = float(v)
            peak_override[(dt, 2)] = 2 * float(v)
    args = args[2:]

rows = []
peak = {}  # (dtype, threads) -> GFLOP/s
for path in args:
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        print("skipping %s: %s" % (path, e), file=sys.stderr)
        continue
    for r in data:
        name = r["benchmark"].rsplit(".", 2)
        score_us = r["primaryMetric"]["score"]  # microseconds per op
        if r["benchmark"].startswith("org.vecgrad.bench.gemm.FmaPeakBench."):  # not ceiling.FmaPeakBench (ops/s)
            dt = "F32" if name[-1] == "f32" else "F64"
            lanes = f32_lanes if dt == "F32" else f32_lanes // 2  # one op: 100000 steps x 12 FMAs x lanes x 2 flops
            per_thread = 2.0 * 12 * 100000 * lanes / (score_us * 1e3)
            sec = r.get("secondaryMetrics", {})
            if "cpuNanos" in sec and sec.get("calls", {}).get("score"):  # per-thread CPU time: immune to descheduling
                per_thread = 2.0 * 12 * 100000 * lanes / (sec["cpuNanos"]["score"] / sec["calls"]["score"])
            peak[(dt, r["threads"])] = per_thread * r["threads"]  # 2 threads: assumes 2 free cores
            continue
        p = r["params"]
        mnk, tt = (p["shape"].split(":") + ["nn"])[:2]
        m, n, k = map(int, mnk.split("x"))
        gf = 2.0 * m * n * k / (score_us * 1e3)
        sec = r.get("secondaryMetrics", {})
        cpu_gf = None
        if int(p["threads"]) == 1 and "cpuNanos" in sec and sec.get("calls", {}).get("score"):
            ns = sec["cpuNanos"]["score"] / sec["calls"]["score"]
            cpu_gf = 2.0 * m * n * k / ns
        rows.append((p["shape"], p["dtype"], int(p["threads"]), p["impl"], gf, cpu_gf))

peak.update(peak_override)
if peak:
    print("FMA peak (Java Vector API 12-chain loop, or --peak): " + ", ".join(
        "%s %d thr %.1f GFLOP/s" % (dt, t, v) for (dt, t), v in sorted(peak.items())))
ob = {(s, d, t): (g, c) for s, d, t, i, g, c in rows if i == "openblas"}
print("wall = JMH wall-clock GFLOP/s; cpu = GFLOP/s over the benchmark thread's CPU time (1 thread only: immune to")
print("being descheduled on a shared machine). Ratios to OpenBLAS are taken on cpu when both have it, else on wall.")
print("%-20s %-4s %-4s %-9s %8s %8s %7s %10s" % ("shape", "dt", "thr", "impl", "wall", "cpu", "%peak", "x OpenBLAS"))
for s, d, t, i, g, c in sorted(rows, key=lambda x: (x[1], x[2], x[0], x[3])):
    tt = 2 if t == 0 else t
    pk = peak.get((d, tt))
    o = ob.get((s, d, t))
    best = c if c else g
    ratio = "-"
    if o:
        ratio = "%.2f" % ((c / o[1]) if (c and o[1]) else (g / o[0]))
    print("%-20s %-4s %-4s %-9s %8.1f %8s %7s %10s" % (s, d, t if t else "all", i, g, "%.1f" % c if c else "-",
          "%.0f%%" % (100 * best / pk) if pk else "-", ratio))
