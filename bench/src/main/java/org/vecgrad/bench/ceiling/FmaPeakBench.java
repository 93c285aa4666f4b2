package org.vecgrad.bench.ceiling;

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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.engine.kernel.simd.SimdSpecies;

/**
 * FMA peak of one core (per JMH thread): {@value #CHAINS} independent chains a ← x·y + a on vectors of the
 * kernels' species ({@code SimdSpecies.F} / {@code .D}), held in locals, {@value #ITERS} steps per call.
 * FLOP per call = 2 · lanes · CHAINS · ITERS, published as the {@code flop} secondary metric (FLOP/s).
 *
 * <p>Why 12 chains: an FMA has a latency of 4-5 cycles and a core issues 2 per cycle, so at least 8-10 chains
 * must be in flight to fill both pipes; 12 (+2 operands) still fits AVX2's 16 vector registers.
 *
 * <p>Why the chain is the addend (the GEMM micro-kernel's form, acc ← a·b + acc): C2's x86 FMA instruction
 * ({@code vfmadd231ps}) overwrites its addend. With the chain as the multiplicand (a ← a·m + c, measured by
 * {@link FmaFormBench}) every FMA first needs a register copy of the shared c, and C2 (JDK 25) also spills 9 of the
 * 12 chains to the stack: on the AVX2 machine it reads 64-86 GFLOP/s F32 where the native C loop
 * ({@code bench/native/fma_peak.c}, gcc's in-place {@code vfmadd132ps}) reads 99-103. In this form C2 emits one
 * {@code vfmadd231ps} per step with every chain in a register, and measures what the native loop measures (102 vs
 * 103 F32, 51.0 vs 51.6 F64, best 25 µs bursts interleaved in one window: {@link FmaBursts}).
 * Each call restarts from the seeds, so a grows by ITERS · x · y ≈ 4 per call: no overflow, no subnormals.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaPeakBench {
    /** Independent accumulator chains (unrolled by hand below). */
    public static final int CHAINS = 12;
    /** Steps of every chain per benchmark call. */
    public static final int ITERS = 4096;

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final VectorSpecies<Double> D = SimdSpecies.D;

    // Fields, not constants, so C2 cannot fold the arithmetic away.
    private float xF = 0.999f;
    private float yF = 1e-3f;
    private double xD = 0.999;
    private double yD = 1e-3;
    private float[] seedF;
    private double[] seedD;

    @Setup
    public void setup() {
        seedF = new float[F.length() * CHAINS];
        seedD = new double[D.length() * CHAINS];
        for (int i = 0; i < seedF.length; i++) {
            seedF[i] = 1f + i * 1e-3f;
        }
        for (int i = 0; i < seedD.length; i++) {
            seedD[i] = 1 + i * 1e-3;
        }
    }

    @Benchmark
    public float f32(FlopCounter counter) {
        int l = F.length();
        FloatVector x = FloatVector.broadcast(F, xF);
        FloatVector y = FloatVector.broadcast(F, yF);
        FloatVector a0 = FloatVector.fromArray(F, seedF, 0);
        FloatVector a1 = FloatVector.fromArray(F, seedF, l);
        FloatVector a2 = FloatVector.fromArray(F, seedF, 2 * l);
        FloatVector a3 = FloatVector.fromArray(F, seedF, 3 * l);
        FloatVector a4 = FloatVector.fromArray(F, seedF, 4 * l);
        FloatVector a5 = FloatVector.fromArray(F, seedF, 5 * l);
        FloatVector a6 = FloatVector.fromArray(F, seedF, 6 * l);
        FloatVector a7 = FloatVector.fromArray(F, seedF, 7 * l);
        FloatVector a8 = FloatVector.fromArray(F, seedF, 8 * l);
        FloatVector a9 = FloatVector.fromArray(F, seedF, 9 * l);
        FloatVector a10 = FloatVector.fromArray(F, seedF, 10 * l);
        FloatVector a11 = FloatVector.fromArray(F, seedF, 11 * l);
        for (int i = 0; i < ITERS; i++) { // the chain is the addend: one in-place FMA per step
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        counter.flop += 2L * l * CHAINS * ITERS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    public double f64(FlopCounter counter) {
        int l = D.length();
        DoubleVector x = DoubleVector.broadcast(D, xD);
        DoubleVector y = DoubleVector.broadcast(D, yD);
        DoubleVector a0 = DoubleVector.fromArray(D, seedD, 0);
        DoubleVector a1 = DoubleVector.fromArray(D, seedD, l);
        DoubleVector a2 = DoubleVector.fromArray(D, seedD, 2 * l);
        DoubleVector a3 = DoubleVector.fromArray(D, seedD, 3 * l);
        DoubleVector a4 = DoubleVector.fromArray(D, seedD, 4 * l);
        DoubleVector a5 = DoubleVector.fromArray(D, seedD, 5 * l);
        DoubleVector a6 = DoubleVector.fromArray(D, seedD, 6 * l);
        DoubleVector a7 = DoubleVector.fromArray(D, seedD, 7 * l);
        DoubleVector a8 = DoubleVector.fromArray(D, seedD, 8 * l);
        DoubleVector a9 = DoubleVector.fromArray(D, seedD, 9 * l);
        DoubleVector a10 = DoubleVector.fromArray(D, seedD, 10 * l);
        DoubleVector a11 = DoubleVector.fromArray(D, seedD, 11 * l);
        for (int i = 0; i < ITERS; i++) { // the chain is the addend: one in-place FMA per step
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        counter.flop += 2L * l * CHAINS * ITERS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
