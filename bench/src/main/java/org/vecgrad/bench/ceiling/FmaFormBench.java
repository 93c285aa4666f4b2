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
 * Why {@link FmaPeakBench} keeps its chains in the addend: the same FMA-peak loop with the chain as the
 * <em>multiplicand</em>, a ← a·m + c, and variants that do not fix it.
 * Compare with {@code FmaPeakBench.f32/.f64} (a ← x·y + a) in one JMH run:
 * {@code java -jar bench/target/benchmarks.jar 'FmaPeakBench|FmaFormBench' -f 1 -wi 3 -w 1 -i 5 -r 1}.
 *
 * <p>What C2 (JDK 25, AVX2) emits for the multiplicand form: its x86 FMA rule writes the result over the addend
 * ({@code vfmadd231ps}), so each step is {@code vmovdqu c → t; vfmadd231ps m, a, t} and t becomes the new a; the
 * loop is unrolled 4× with each chain's 4 steps back to back, and 9 of the 12 chains live on the stack (a load
 * and a store per 4 steps). Measured on the AVX2 machine at load average 7-9 on 2 CPUs, best of 2000 bursts of one
 * call, interleaved with the native C loop: 64-86 GFLOP/s F32 against 102 for the addend form and 103 for gcc's loop
 * ({@code vfmadd132ps} in place, all chains in registers). Fewer chains (10), a long loop counter, or more warm-up
 * do not remove the copies; only putting the chain in the addend does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaFormBench {
    /** Steps of every chain per call (as in FmaPeakBench). */
    static final int ITERS = FmaPeakBench.ITERS;

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final VectorSpecies<Double> D = SimdSpecies.D;

    // Fields, not constants, so C2 cannot fold the arithmetic away.
    private float mulF = 0.999f;
    private float addF = 1e-3f;
    private double mulD = 0.999;
    private double addD = 1e-3;
    private float[] seedF;
    private double[] seedD;

    @Setup
    public void setup() {
        seedF = new float[F.length() * 14];
        seedD = new double[D.length() * 14];
        for (int i = 0; i < seedF.length; i++) {
            seedF[i] = 1f + i * 1e-3f;
        }
        for (int i = 0; i < seedD.length; i++) {
            seedD[i] = 1 + i * 1e-3;
        }
    }

    /** 12 chains a ← a·m + c: the multiplicand form of FmaPeakBench.f32. */
    @Benchmark
    public float f32Multiplicand(FlopCounter counter) {
        int l = F.length();
        FloatVector m = FloatVector.broadcast(F, mulF);
        FloatVector c = FloatVector.broadcast(F, addF);
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
        for (int i = 0; i < ITERS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        counter.flop += 2L * l * 12 * ITERS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** 12 chains a ← a·m + c: the multiplicand form of FmaPeakBench.f64. */
    @Benchmark
    public double f64Multiplicand(FlopCounter counter) {
        int l = D.length();
        DoubleVector m = DoubleVector.broadcast(D, mulD);
        DoubleVector c = DoubleVector.broadcast(D, addD);
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
        for (int i = 0; i < ITERS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        counter.flop += 2L * l * 12 * ITERS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** 10 chains a ← a·m + c: fewer registers for the chains, the copies stay. */
    @Benchmark
    public float f32Multiplicand10(FlopCounter counter) {
        int l = F.length();
        FloatVector m = FloatVector.broadcast(F, mulF);
        FloatVector c = FloatVector.broadcast(F, addF);
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
        for (int i = 0; i < ITERS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
        }
        counter.flop += 2L * l * 10 * ITERS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9)
                .reduceLanes(VectorOperators.ADD);
    }

    /** 12 chains a ← a·m + c with a long loop counter (no strip-mined int loop). */
    @Benchmark
    public float f32MultiplicandLong(FlopCounter counter) {
        int l = F.length();
        FloatVector m = FloatVector.broadcast(F, mulF);
        FloatVector c = FloatVector.broadcast(F, addF);
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
        for (long i = 0; i < ITERS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        counter.flop += 2L * l * 12 * ITERS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** 14 chains a ← m·c + a: the addend form with two more chains (16 registers in all). */
    @Benchmark
    public float f32Addend14(FlopCounter counter) {
        int l = F.length();
        FloatVector m = FloatVector.broadcast(F, mulF);
        FloatVector c = FloatVector.broadcast(F, addF);
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
        FloatVector a12 = FloatVector.fromArray(F, seedF, 12 * l);
        FloatVector a13 = FloatVector.fromArray(F, seedF, 13 * l);
        for (int i = 0; i < ITERS; i++) {
            a0 = m.fma(c, a0);
            a1 = m.fma(c, a1);
            a2 = m.fma(c, a2);
            a3 = m.fma(c, a3);
            a4 = m.fma(c, a4);
            a5 = m.fma(c, a5);
            a6 = m.fma(c, a6);
            a7 = m.fma(c, a7);
            a8 = m.fma(c, a8);
            a9 = m.fma(c, a9);
            a10 = m.fma(c, a10);
            a11 = m.fma(c, a11);
            a12 = m.fma(c, a12);
            a13 = m.fma(c, a13);
        }
        counter.flop += 2L * l * 14 * ITERS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13)
                .reduceLanes(VectorOperators.ADD);
    }
}
