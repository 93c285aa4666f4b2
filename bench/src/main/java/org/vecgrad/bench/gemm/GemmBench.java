package org.vecgrad.bench.gemm;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.engine.Blas;

/**
 * GEMM {@code C = A·B} (beta = 0) side by side: vecgrad SIMD ({@link Blas}), vecgrad's scalar reference path, a
 * naive i-k-j triple loop, EJML dense multiply, and OpenBLAS through FFM. Time per product; the report
 * ({@code bench/report.sh}) turns it into GFLOP/s = 2mnk / time, % of the FMA peak
 * ({@link org.vecgrad.bench.ceiling.FmaPeakBench}) and the ratio to OpenBLAS.
 *
 * <p>{@code shape} is {@code MxNxK:tt}: op(A) is M × K, op(B) K × N, t = n (stored as is) or t (stored
 * transposed) for A then B. The MLP 784→256→128 at batch 128 gives the non-square shapes: forward
 * {@code 128x256x784:nn}, weight gradient Xᵀ·dY {@code 784x256x128:tn}, input gradient dY·Wᵀ
 * {@code 128x784x256:nt}, and the same three for the 256→128 layer. {@code threads} 0 means all processors.
 * Run with {@code bench/report.sh} or {@code bench/run-gemm.sh} (they unset OPENBLAS_CORETYPE /
 * OPENBLAS_L2_SIZE, which would force a slower OpenBLAS kernel). Each implementation's set-up and call is in
 * {@link GemmImpl}, the data in {@link GemmProblem}. The implementations run as separate trials, minutes apart: on a
 * shared machine a ratio between two rows carries the change of load in between; {@link GemmPairedBench} times
 * vecgrad and another implementation in every call for ratios measured under the same load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {

    @Param({"64x64x64:nn", "128x128x128:nn", "256x256x256:nn", "512x512x512:nn", "1024x1024x1024:nn",
        "2048x2048x2048:nn", "128x256x784:nn", "784x256x128:tn", "128x784x256:nt", "128x128x256:nn",
        "256x128x128:tn", "128x256x128:nt"})
    public String shape;

    @Param({"simd", "scalar", "naive", "ejml", "openblas"})
    public String impl;

    @Param({"F32", "F64"})
    public String dtype;

    @Param({"1", "0"})
    public int threads;

    /** The implementation this trial times (set-up: problem data, native copies, thread counts). */
    GemmImpl target;

    @Setup(Level.Trial)
    public void setup() {
        target = new GemmImpl(impl, GemmProblem.of(shape, dtype), threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (target != null) {
            target.close();
        }
        Blas.shutdown();
    }

    private static final java.lang.management.ThreadMXBean MX =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * CPU time of the benchmark thread, next to JMH's wall time: on a shared machine the thread is often
     * descheduled, which inflates wall time but not CPU time. Meaningful for threads = 1 only (vecgrad and OpenBLAS
     * then compute on the calling thread); the report shows {@code 2mnk / (cpuNanos / calls)} next to wall-clock
     * GFLOP/s when threads = 1.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        /** Sum of thread CPU nanoseconds over the iteration's calls. */
        public long cpuNanos;
        /** Calls in the iteration. */
        public long calls;

        /** JMH does not clear the counters itself. */
        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            calls = 0;
        }
    }

    @Benchmark
    public Object gemm(Cpu cpu) {
        long t0 = MX.getCurrentThreadCpuTime();
        Object r = target.run();
        cpu.cpuNanos += MX.getCurrentThreadCpuTime() - t0;
        cpu.calls++;
        return r;
    }
}
