#!/usr/bin/env bash
# GEMM part of the performance report: FMA/memory ceilings and GemmBench (vecgrad SIMD / scalar, naive loop, EJML,
# OpenBLAS via FFM), written to bench/target/gemm-report/README.md (GFLOP/s, % of the FMA peak, ratio to OpenBLAS)
# so the committed bench/report/ is left alone. A thin wrapper over bench/report.sh (which unsets
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE and builds the jar).
#
# Usage: bench/run-gemm.sh [quick|full] [report.sh options, e.g. --no-build]
set -euo pipefail
mode="${1:-quick}"
shift || true
exec "$(dirname "$0")/report.sh" "$mode" --only ceilings,gemm --out bench/target/gemm-report "$@"
