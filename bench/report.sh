#!/usr/bin/env bash
# The performance report in one command: builds bench/target/benchmarks.jar, runs the JMH plan
# (org.vecgrad.bench.report.Suite) with JSON output and writes bench/report/: README.md (machine, ceilings, GEMM vs
# OpenBLAS, vector width, micro-kernel/KC, elementwise, convolution/pooling/batch norm vs PyTorch, training/autodiff),
# PNG charts, machine.json and the raw results/*.json; prints the headline table at the end.
#
# usage: bench/report.sh [quick|full] [--no-build] [--out DIR] [--only SECTIONS] [--report-only]
#   quick        (default) fewer sizes, 1 fork, 2x0.5 s warm-up + 3x0.5 s measured: about 6 min on a quiet machine
#   full         every size 64..2048, 1 and all threads, 2 forks, 3x1 s + 5x1 s: about 1.5-2 hours
#   --only S     comma-separated sections: ceilings,gemm,width,microkernel,elementwise,conv,train (other results in DIR
#                are kept, so a section can be re-run alone)
#   --out DIR    default bench/report
#   --report-only  regenerate README.md and the charts from DIR's results without running anything
#   --no-build   reuse the existing jar
# JMH's console output goes to bench/target/report-logs/<run>.log. At the end it prints bench/gemm-paired-report.py's
# lines for DIR/results/gemm-paired.json (GemmPairedBench: vecgrad and OpenBLAS in the same calls, 1024^3 in quick).
# The ceilings section also compiles bench/native/fma_peak.c with $CC (else gcc) into bench/target/native/ and runs it
# with 1 and all threads, right after the Java FMA runs: the native FMA peak every "% of peak" divides by. Without a
# compiler the report says "native ceiling not measured: gcc absent" and falls back to the Java figure.
# Environment: JAVA (a JDK >= 25 java binary), otherwise JAVA_HOME if it is >= 25, otherwise /usr/lib/jvm/*25*.
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE would force OpenBLAS onto a slower kernel: java starts without them
# (a JMH @Fork cannot unset variables; the forks inherit this environment).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
out=bench/report
args=()
while (( $# )); do
  case "$1" in
    --no-build) build=0 ;;
    --out) args+=("$1" "${2:?--out needs a directory}"); out="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
[[ " ${args[*]-} " == *" quick "* || " ${args[*]-} " == *" full "* ]] || args=(quick ${args[@]+"${args[@]}"})

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
if [[ -z "${JAVA:-}" ]]; then
  for cand in "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*/bin/java; do
    if [[ -x "$cand" ]] && (( $(java_major "$cand") >= 25 )); then JAVA="$cand"; break; fi
  done
fi
[[ -n "${JAVA:-}" ]] || { echo "report.sh: no JDK >= 25 found; set JAVA=/path/to/java" >&2; exit 1; }

if (( build )); then
  # Maven on JDK >= 25, so the jar plugin can read the engine's release-25 module-info.class.
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" mvn -q -pl bench -am package -DskipTests
fi
jar=bench/target/benchmarks.jar
[[ -f "$jar" ]] || { echo "report.sh: $jar missing (run without --no-build)" >&2; exit 1; }

start=$(date +%s)
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$JAVA" --add-modules=jdk.incubator.vector \
  --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -cp "$jar" org.vecgrad.bench.report.RunSuite "${args[@]}"
# GemmPairedBench (vecgrad and OpenBLAS in the same calls): per-iteration ratios with 99.9 % intervals
paired="$out/results/gemm-paired.json"
if [[ -f "$paired" ]]; then
  py=/usr/bin/python3; [[ -x "$py" ]] || py=python3
  echo; echo "GEMM vecgrad/OpenBLAS timed in the same calls (bench/gemm-paired-report.py $paired):"
  if lines=$("$py" bench/gemm-paired-report.py "$paired"); then
    echo "$lines"
    # and into the report: RunSuite (re)writes README.md, so this section is appended once per run
    { echo; echo "## GEMM vs OpenBLAS, timed in the same calls"; echo
      echo "\`gemm.GemmPairedBench\`: every call times one vecgrad product and one OpenBLAS product back to back"
      echo "(alternating which goes first), so both see the same machine; ratio = OpenBLAS time / vecgrad time per"
      echo "iteration, mean ± 99.9 % interval (\`bench/gemm-paired-report.py results/gemm-paired.json\`). The GEMM"
      echo "tables above time each implementation in its own JMH run, so their ratios also carry the load's drift."
      echo; echo '```'; echo "$lines"; echo '```'; } >> "$out/README.md"
  else
    echo "report.sh: gemm-paired-report.py failed on $paired" >&2
  fi
fi
echo "report.sh: $(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s"
