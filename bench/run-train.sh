#!/usr/bin/env bash
# The training-step benchmark side by side with PyTorch on this machine: JMH TrainStepBench (vecgrad, MLP
# 784-256-128-10, ReLU, cross-entropy, Adam, batch 128, F32) at 1 and 2 threads, then bench/pytorch/train_step.py
# (the same step in PyTorch) at 1 and 2 threads, back to back, and a table of samples/s and the ratio.
# With --autodiff also the per-op autodiff overhead: JMH AutodiffOverheadBench and bench/pytorch/autodiff_overhead.py.
# When torch cannot be imported the PyTorch side is skipped with a note (vecgrad's rows are still printed).
#
# usage: bench/run-train.sh [--no-build] [--rounds N] [--parts] [--autodiff] [extra JMH args...]
#   --no-build  reuse the jar (bench/target/benchmarks.jar, or $JAR)
#   --rounds N  alternate vecgrad and PyTorch N times (default 1) and report the median ratio: on a shared machine
#               the load drifts within minutes, and alternating short runs lets both sides see the same drift
#   --threads L thread counts for both sides, comma-separated (default 1,2)
#   --parts     also TrainStepBench.forwardBackward, forwardNoGrad, adamStep and gemmOnly (where the step's time goes)
#   --autodiff  also the per-op autodiff overhead, vecgrad and PyTorch
#   extra args go to JMH and override the defaults (-f 1 -wi 6 -w 2s -i 5 -r 1s; under load C2 needs ~10 s to compile the Vector API code), e.g. -i 10 -p threads=1
# Environment: JAVA (a JDK >= 25 java, default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java); PYTHON (the python
# with torch, used alone when set; default: /usr/bin/python3, Debian's, which sees the python3-torch package, else
# python3 on PATH); JAR (the benchmarks jar, default bench/target/benchmarks.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
build=1; parts=0; autodiff=0; rounds=1; threads=1,2; jmh_extra=()
while (( $# )); do
  case "$1" in
    --no-build) build=0 ;;
    --parts) parts=1 ;;
    --autodiff) autodiff=1 ;;
    --threads) threads="${2:?--threads needs a list}"; shift ;;
    --rounds) rounds="${2:?--rounds needs a number}"; shift ;;
    *) jmh_extra+=("$1") ;;
  esac
  shift
done

if (( build )); then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" mvn -q -pl bench -am package -DskipTests
fi
jar="${JAR:-bench/target/benchmarks.jar}"
[[ -f "$jar" ]] || { echo "run-train.sh: $jar missing (run without --no-build)" >&2; exit 1; }

# JMH refuses an option given twice: drop a default that the extra arguments set.
defaults=(-f 1 -wi 6 -w 2s -i 5 -r 1s)
settings=()
for ((k = 0; k < ${#defaults[@]}; k += 2)); do
  given=0
  for a in ${jmh_extra[@]+"${jmh_extra[@]}"}; do [[ "$a" == "${defaults[k]}" ]] && given=1; done
  (( given )) || settings+=("${defaults[k]}" "${defaults[k + 1]}")
done

py=
cands=(/usr/bin/python3 python3)
[[ -n "${PYTHON:-}" ]] && cands=("$PYTHON")   # PYTHON set: only that one
for cand in "${cands[@]}"; do
  command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import torch' 2>/dev/null && { py="$cand"; break; }
done
summary_py=$(command -v /usr/bin/python3 || command -v python3 || true)

mkdir -p bench/target/results
stamp=$(date -u +%Y%m%d-%H%M%S)
out="bench/target/results/train-$stamp"
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
echo "load average before: $(loadavg) ($(nproc) CPUs); results: $out.*"

include='org\.vecgrad\.bench\.train\.TrainStepBench\.step$'
(( parts )) && include='org\.vecgrad\.bench\.train\.TrainStepBench\.'
for ((r = 1; r <= rounds; r++)); do
  (( rounds > 1 )) && echo "--- round $r of $rounds"
  "$JAVA" -Djmh.ignoreLock=true -jar "$jar" "$include" "${settings[@]}" -p threads="$threads" -prof gc -rf json -rff "$out-vecgrad-r$r.json" \
    ${jmh_extra[@]+"${jmh_extra[@]}"} > "$out-vecgrad-r$r.log" 2>&1 \
    || { echo "run-train.sh: JMH failed, see $out-vecgrad-r$r.log" >&2; tail -20 "$out-vecgrad-r$r.log" >&2; exit 1; }
  grep -E '^Benchmark|TrainStepBench\.[A-Za-z]+(:gc\.alloc\.rate\.norm)? ' "$out-vecgrad-r$r.log" || true
  echo "load average after vecgrad: $(loadavg)"
  if [[ -n "$py" ]]; then
    "$py" bench/pytorch/train_step.py --threads "$threads" | tee "$out-pytorch-r$r.txt"
  else
    echo "PyTorch: skipped, torch cannot be imported by ${cands[*]}." \
         "Install it with 'apt-get install python3-torch' (Debian; run with /usr/bin/python3) to get the ratio." \
      | tee "$out-pytorch-r$r.txt"
  fi
done

if (( autodiff )); then
  "$JAVA" -Djmh.ignoreLock=true -jar "$jar" 'org\.vecgrad\.bench\.autodiff\.AutodiffOverheadBench' "${settings[@]}" -rf json \
    -rff "$out-autodiff.json" ${jmh_extra[@]+"${jmh_extra[@]}"} > "$out-autodiff.log" 2>&1 \
    || { echo "run-train.sh: JMH autodiff failed, see $out-autodiff.log" >&2; exit 1; }
  grep -E '^Benchmark|AutodiffOverheadBench\.[A-Za-z]+ ' "$out-autodiff.log" || true
  [[ -n "$py" ]] && "$py" bench/pytorch/autodiff_overhead.py | tee "$out-pytorch-autodiff.txt"
fi
echo "load average after: $(loadavg)"

[[ -n "$summary_py" ]] || exit 0
"$summary_py" - "$out" "$rounds" <<'PYEOF'
import json, re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
print()
print("| round | threads | vecgrad step samples/s | ± | PyTorch samples/s (median) | vecgrad / PyTorch |")
print("|---|---|---|---|---|---|")
ratios = {}
for r in range(1, rounds + 1):
    torch = {}
    for line in open(f"{out}-pytorch-r{r}.txt"):
        m = re.match(r"pytorch train_step threads=(\d+): median (\d+)", line)
        if m:
            torch[int(m.group(1))] = float(m.group(2))
    for row in json.load(open(f"{out}-vecgrad-r{r}.json")):
        if not row["benchmark"].endswith(".step"):
            continue
        t = int(row["params"]["threads"])
        s, e = row["primaryMetric"]["score"], row["primaryMetric"]["scoreError"]
        p = torch.get(t)
        if p:
            ratios.setdefault(t, []).append(s / p)
        e = f"{e:,.0f}" if isinstance(e, (int, float)) and e == e else "-"   # "NaN" with one iteration
        print(f"| {r} | {t} | {s:,.0f} | {e} | {f'{p:,.0f}' if p else 'not measured'} | "
              f"{f'{s / p:.2f}x' if p else '-'} |")
for t, v in sorted(ratios.items()):
    print(f"threads={t}: median ratio vecgrad/PyTorch over {len(v)} round(s): {statistics.median(v):.2f}x")
PYEOF
