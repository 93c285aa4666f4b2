/**
 * GEMM benchmarks: {@link org.vecgrad.bench.gemm.GemmBench} (JMH; vecgrad SIMD and scalar paths, a naive loop,
 * EJML, OpenBLAS through FFM), {@link org.vecgrad.bench.gemm.FmaPeakBench} (the FMA ceiling in Java) and
 * {@link org.vecgrad.bench.gemm.GemmCompare} (an interleaved vecgrad/OpenBLAS A/B for tuning on a busy machine).
 * Run {@code bench/run-gemm.sh}; {@code bench/gemm-report.py} turns the JSON into GFLOP/s, % of peak and ratios.
 */
package org.vecgrad.bench.gemm;
