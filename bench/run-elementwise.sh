#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar, runs the elementwise suite (unary activations, add, softmax, copy ceiling)
# with -prof gc, writes the JMH JSON and log under bench/target/results/, and prints Report's table.
#
# usage: bench/run-elementwise.sh [quick|full] [--ceilings] [--only REGEX] [--no-build] [extra JMH args...]
#   quick       (default) 1 fork, 3×1 s warm-up, 3×1 s measurement: about 7 minutes for the suite on a quiet machine
#   full        2 forks, 3×2 s warm-up, 5×2 s measurement: about 30 minutes
#   --ceilings  also run org.vecgrad.bench.ceiling (FMA peak F32/F64, memory copy/triad on 256 MiB arrays)
#   --only RE   run only benchmarks matching RE (e.g. 'UnaryBench|CopyBench') instead of the whole suite
#   --no-build  reuse the existing jar
#   extra args go to JMH and override the mode's settings, e.g. -t 2 (two threads), -p size=16777216,
#               -p op=relu,exp, -i 10
# Environment: JAVA (a JDK >= 25 java binary), otherwise JAVA_HOME if it is >= 25, otherwise /usr/lib/jvm/*25*.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=quick
ceilings=0
build=1
only=
jmh_extra=()
while (( $# )); do
  case "$1" in
    quick|full) mode="$1" ;;
    --ceilings) ceilings=1 ;;
    --no-build) build=0 ;;
    --only) only="${2:?--only needs a regex}"; shift ;;
    *) jmh_extra+=("$1") ;;
  esac
  shift
done

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
if [[ -z "${JAVA:-}" ]]; then
  for cand in "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*/bin/java; do
    if [[ -x "$cand" ]] && (( $(java_major "$cand") >= 25 )); then JAVA="$cand"; break; fi
  done
fi
[[ -n "${JAVA:-}" ]] || { echo "run-elementwise.sh: no JDK >= 25 found; set JAVA=/path/to/java" >&2; exit 1; }

if (( build )); then
  # Maven itself must run on JDK >= 25 for 'package': maven-jar-plugin reads the engine's module-info.class
  # (class file 69) with the running JDK's jar tool, and JDK 17 rejects it.
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" mvn -q -pl bench -am package -DskipTests
fi
jar=bench/target/benchmarks.jar
[[ -f "$jar" ]] || { echo "run-elementwise.sh: $jar missing (run without --no-build)" >&2; exit 1; }

if [[ "$mode" == quick ]]; then
  defaults=(-f 1 -wi 3 -w 1s -i 3 -r 1s)
else
  defaults=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
fi
# JMH refuses an option given twice: drop a default that the extra arguments set.
settings=()
for ((k = 0; k < ${#defaults[@]}; k += 2)); do
  opt=${defaults[k]}
  given=0
  for a in ${jmh_extra[@]+"${jmh_extra[@]}"}; do [[ "$a" == "$opt" ]] && given=1; done
  (( given )) || settings+=("$opt" "${defaults[k + 1]}")
done
include='org\.vecgrad\.bench\.elementwise\.'
(( ceilings )) && include="($include|org\\.vecgrad\\.bench\\.ceiling\\.)"
[[ -n "$only" ]] && include="$only"

mkdir -p bench/target/results
stamp=$(date -u +%Y%m%d-%H%M%S)
out="bench/target/results/elementwise-$mode-$stamp"
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
echo "java: $JAVA; mode: $mode; JMH log: $out.log; load average before: $(loadavg) ($(nproc) CPUs)"
# -bm thrpt: Report reads the 'bytes'/'flop' counters, which are rates only in throughput mode.
"$JAVA" -jar "$jar" "$include" "${settings[@]}" -bm thrpt -prof gc -rf json -rff "$out.json" \
  ${jmh_extra[@]+"${jmh_extra[@]}"} 2>&1 | tee "$out.log" | grep -E '^# Benchmark:|^# Parameters:|ERROR|Exception' || true
echo "load average after: $(loadavg) (if above the CPU count, absolute numbers below are diluted: compare ratios only)"
echo
"$JAVA" -cp "$jar" org.vecgrad.bench.elementwise.Report "$out.json" | tee "$out.md"
echo
echo "results: $out.json, table: $out.md"
