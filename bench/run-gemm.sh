#!/usr/bin/env bash
# GEMM benchmarks: vecgrad SIMD / scalar, naive loop, EJML, OpenBLAS (FFM), plus the FMA peak, then a table of
# GFLOP/s, % of peak and ratio to OpenBLAS (gemm-report.py).
#
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, when exported on a machine, force OpenBLAS onto a slower kernel; a JMH
# @Fork cannot unset environment variables, so this script starts java without them (env -u ...), and the forks
# inherit that environment.
#
# Usage: bench/run-gemm.sh [quick|full] [extra JMH args...]   (build first: mvn -q -pl bench -am package -DskipTests)
#   quick (default): 1 thread, square 128/1024/2048 + MLP shapes, vecgrad simd vs OpenBLAS, plus naive/EJML at 1024
#   full: every shape x impl x dtype x {1, all} threads (long: about an hour)
set -euo pipefail
cd "$(dirname "$0")"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JAR=target/benchmarks.jar
MODE="${1:-quick}"; shift || true
OUT="${OUT:-target/gemm}"
mkdir -p "$OUT"
JMH=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$JAVA" -Djmh.ignoreLock=true -jar "$JAR")
COMMON=(-wi 4 -i 5 -w 1 -r 1 -f 1)

"${JMH[@]}" 'gemm\.FmaPeakBench' -t 1 "${COMMON[@]}" -rf json -rff "$OUT/peak1.json" "$@"
"${JMH[@]}" 'gemm\.FmaPeakBench' -t 2 "${COMMON[@]}" -rf json -rff "$OUT/peak2.json" "$@"

MLP="128x256x784:nn,784x256x128:tn,128x784x256:nt,128x128x256:nn,256x128x128:tn,128x256x128:nt"
case "$MODE" in
  quick)
    "${JMH[@]}" GemmBench "${COMMON[@]}" -p impl=simd,openblas -p dtype=F32,F64 -p threads=1 \
        -p shape="64x64x64:nn,128x128x128:nn,256x256x256:nn,512x512x512:nn,1024x1024x1024:nn,2048x2048x2048:nn,$MLP" \
        -rf json -rff "$OUT/gemm-main.json" "$@"
    "${JMH[@]}" GemmBench "${COMMON[@]}" -p impl=simd,openblas -p dtype=F32,F64 -p threads=0 \
        -p shape="1024x1024x1024:nn,2048x2048x2048:nn,128x256x784:nn" -rf json -rff "$OUT/gemm-threads.json" "$@"
    "${JMH[@]}" GemmBench -wi 1 -i 3 -w 1 -r 1 -f 1 -p impl=naive,ejml,scalar -p dtype=F32,F64 -p threads=1 \
        -p shape="128x128x128:nn,1024x1024x1024:nn,128x256x784:nn" -rf json -rff "$OUT/gemm-peers.json" "$@"
    ;;
  full)
    "${JMH[@]}" GemmBench "${COMMON[@]}" -rf json -rff "$OUT/gemm-full.json" "$@"
    ;;
  *) echo "usage: $0 [quick|full] [JMH args]" >&2; exit 2 ;;
esac
LANES=8; grep -q avx512f /proc/cpuinfo 2>/dev/null && LANES=16
python3 gemm-report.py --f32-lanes "$LANES" "$OUT"/*.json
