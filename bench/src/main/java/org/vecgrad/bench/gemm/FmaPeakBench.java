package org.vecgrad.bench.gemm;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The FMA ceiling of one thread in Java: 12 independent vector FMA chains (enough to cover latency × ports on AVX2
 * and AVX-512), no memory traffic. One op = {@link #STEPS} steps × 12 FMAs × lanes × 2 flops; run with
 * {@code -t 2} for both cores. {@code gemm-report.py} divides GEMM GFLOP/s by this.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class FmaPeakBench {
    /** FMA steps per op (each step: 12 vector FMAs). */
    public static final int STEPS = 100_000;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /** Lanes of the vectors this benchmark uses. */
    public static int lanes(boolean f32) {
        return f32 ? F.length() : D.length();
    }

    public float mf = 0.999999f;
    public float af = 1e-7f;
    public double md = 0.999999;
    public double adPart = 1e-7;

    private static final java.lang.management.ThreadMXBean MX =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Per-thread CPU time of each call, as in {@link GemmBench.Cpu}: wall time lies on a busy machine. */
    @Benchmark
    public float f32(GemmBench.Cpu cpu) {
        long t0 = MX.getCurrentThreadCpuTime();
        float r = f32Body();
        cpu.cpuNanos += MX.getCurrentThreadCpuTime() - t0;
        cpu.calls++;
        return r;
    }

    @Benchmark
    public double f64(GemmBench.Cpu cpu) {
        long t0 = MX.getCurrentThreadCpuTime();
        double r = f64Body();
        cpu.cpuNanos += MX.getCurrentThreadCpuTime() - t0;
        cpu.calls++;
        return r;
    }

    /** 12 independent F32 FMA chains. */
    public float f32Body() {
        FloatVector m = FloatVector.broadcast(F, mf);
        FloatVector a = FloatVector.broadcast(F, af);
        FloatVector x0 = a, x1 = a, x2 = a, x3 = a, x4 = a, x5 = a, x6 = a, x7 = a, x8 = a, x9 = a, x10 = a, x11 = a;
        for (int i = 0; i < STEPS; i++) {
            x0 = x0.fma(m, a); x1 = x1.fma(m, a); x2 = x2.fma(m, a); x3 = x3.fma(m, a);
            x4 = x4.fma(m, a); x5 = x5.fma(m, a); x6 = x6.fma(m, a); x7 = x7.fma(m, a);
            x8 = x8.fma(m, a); x9 = x9.fma(m, a); x10 = x10.fma(m, a); x11 = x11.fma(m, a);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).add(x8).add(x9).add(x10).add(x11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** 12 independent F64 FMA chains. */
    public double f64Body() {
        DoubleVector m = DoubleVector.broadcast(D, md);
        DoubleVector a = DoubleVector.broadcast(D, adPart);
        DoubleVector x0 = a, x1 = a, x2 = a, x3 = a, x4 = a, x5 = a, x6 = a, x7 = a, x8 = a, x9 = a, x10 = a, x11 = a;
        for (int i = 0; i < STEPS; i++) {
            x0 = x0.fma(m, a); x1 = x1.fma(m, a); x2 = x2.fma(m, a); x3 = x3.fma(m, a);
            x4 = x4.fma(m, a); x5 = x5.fma(m, a); x6 = x6.fma(m, a); x7 = x7.fma(m, a);
            x8 = x8.fma(m, a); x9 = x9.fma(m, a); x10 = x10.fma(m, a); x11 = x11.fma(m, a);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).add(x8).add(x9).add(x10).add(x11)
                .reduceLanes(VectorOperators.ADD);
    }
}
