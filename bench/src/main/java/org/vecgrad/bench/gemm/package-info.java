/**
 * GEMM benchmarks: {@link org.vecgrad.bench.gemm.GemmBench} (JMH; vecgrad SIMD and scalar paths, a naive loop,
 * EJML, OpenBLAS through FFM) and {@link org.vecgrad.bench.gemm.GemmCompare} (an interleaved vecgrad/OpenBLAS A/B
 * for tuning on a busy machine), {@link org.vecgrad.bench.gemm.GemmPairedBench} (JMH; vecgrad and one other
 * implementation timed back to back in every call, for ratios with confidence intervals from
 * {@code bench/gemm-paired-report.py}). The FMA ceiling is {@link org.vecgrad.bench.ceiling.FmaPeakBench}. Run
 * {@code bench/report.sh} (or {@code bench/run-gemm.sh}, its GEMM part); {@link org.vecgrad.bench.report.ReportGenerator}
 * turns the JSON into GFLOP/s, % of peak and ratios.
 */
package org.vecgrad.bench.gemm;
