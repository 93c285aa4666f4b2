// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/SimdPoolNorm-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;
import org.vecgrad.engine.kernel.scalar.ScalarReductions;

/**
 * The F32 kernels of pooling and normalization (their contracts are in
 * {@link org.vecgrad.engine.kernel.ElementwiseKernels} and {@link org.vecgrad.engine.kernel.ReductionKernels}):
 * window maxima with their argmax, a vector of output columns at a time (each tap a contiguous or gathered load, a
 * compare, and two blends: the values and, in an int vector of as many lanes, the plane indices), the fused passes
 * of batch/layer/group normalization (y = x·a + b, dx = α·g + β·x + c, one fused multiply-add per product as in the
 * reference) and the sum of squared deviations of the variance (float lanes flushed into a double every block, as
 * the SIMD sum does). Tails run under a mask. Generated with its twin from {@code SimdPoolNorm-X.java.template}.
 */
final class SimdPoolNormF32 {
    private static final VectorSpecies<Float> S = SimdSpecies.F;
    private static final int L = S.length();
    /** Ints in as many lanes as S: the argmax of each lane. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(L * 32));
    private static final ScalarElementwise REF_EW = new ScalarElementwise();
    private static final ScalarReductions REF_RED = new ScalarReductions();

    /** The widest column stride read by a gather; wider ones run the reference. */
    static final int MAX_GATHER_STRIDE = 4;
    /** Elements per block of the sum of squares: 4 accumulators × 32 vectors, ≤ 32 terms a lane. */
    private static final int SQ_BLOCK = 128 * L;

    /**
     * MAPS[cs][n] = {0, cs, …, (n−1)·cs, 0, …}: lane offsets of a gather of n elements at column stride cs (the unused
     * lanes of a tail read element 0, then are masked off).
     */
    private static final int[][][] MAPS = new int[MAX_GATHER_STRIDE + 1][L + 1][L];

    static {
        for (int cs = 1; cs <= MAX_GATHER_STRIDE; cs++) {
            for (int n = 0; n <= L; n++) {
                for (int i = 0; i < n; i++) {
                    MAPS[cs][n][i] = i * cs;
                }
            }
        }
    }

    private SimdPoolNormF32() {
    }

    // ------------------------------------------------------------------------------------------------ max pooling

    static void maxTaps(float[] x, int xOff, int first, int cs, int[] src, int taps, float[] y, int yOff,
                        int[] idx, int idxOff, int len) {
        if (cs > MAX_GATHER_STRIDE || taps == 0) {
            REF_RED.maxTaps(x, xOff, first, cs, src, taps, y, yOff, idx, idxOff, len);
            return;
        }
        int[] map = MAPS[cs][L];
        int t = 0;
        for (; t + L <= len; t += L) {
            if (cs == 1) {
                maxContiguous(x, xOff, first + t, src, taps, y, yOff + t, idx, idxOff + t);
            } else {
                maxGathered(x, xOff, first + t * cs, map, src, taps, y, yOff + t, idx, idxOff + t);
            }
        }
        if (t < len) {
            maxTail(x, xOff, first + t * cs, cs, src, taps, y, yOff + t, idx, idxOff + t, len - t);
        }
    }

    // Each loop is its own small method creating its masks itself, so C2 inlines every vector operation (a mask
    // passed into a method that is not inlined reaches the loads boxed, and they fall back to Java code).

    /** L output columns at column stride 1: every tap one contiguous load. */
    private static void maxContiguous(float[] x, int xOff, int base, int[] src, int taps, float[] y, int yo,
                                      int[] idx, int io) {
        IntVector lane = IntVector.fromArray(I, MAPS[1][L], 0).add(base);          // plane index of lane's tap 0
        FloatVector best = FloatVector.fromArray(S, x, xOff + base + src[0]);
        IntVector at = lane.add(src[0]);
        for (int k = 1; k < taps; k++) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + base + src[k]);
            // a larger value or a NaN replaces: the first maximum wins a tie, the last NaN wins
            VectorMask<Float> m = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
            best = best.blend(v, m);
            at = at.blend(lane.add(src[k]), m.cast(I));
        }
        best.intoArray(y, yo);
        at.intoArray(idx, io);
    }

    /** L output columns at column stride cs ≥ 2: every tap one gather. */
    private static void maxGathered(float[] x, int xOff, int base, int[] map, int[] src, int taps, float[] y,
                                    int yo, int[] idx, int io) {
        IntVector lane = IntVector.fromArray(I, map, 0).add(base);
        FloatVector best = FloatVector.fromArray(S, x, xOff + base + src[0], map, 0);
        IntVector at = lane.add(src[0]);
        for (int k = 1; k < taps; k++) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + base + src[k], map, 0);
            VectorMask<Float> m = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
            best = best.blend(v, m);
            at = at.blend(lane.add(src[k]), m.cast(I));
        }
        best.intoArray(y, yo);
        at.intoArray(idx, io);
    }

    /** The first n &lt; L output columns under a mask. */
    private static void maxTail(float[] x, int xOff, int base, int cs, int[] src, int taps, float[] y, int yo,
                                int[] idx, int io, int n) {
        VectorMask<Float> in = S.indexInRange(0, n);
        int[] map = MAPS[cs][n];
        IntVector lane = IntVector.fromArray(I, map, 0).add(base);
        FloatVector best = cs == 1 ? FloatVector.fromArray(S, x, xOff + base + src[0], in)
                : FloatVector.fromArray(S, x, xOff + base + src[0], map, 0, in);
        IntVector at = lane.add(src[0]);
        for (int k = 1; k < taps; k++) {
            FloatVector v = cs == 1 ? FloatVector.fromArray(S, x, xOff + base + src[k], in)
                    : FloatVector.fromArray(S, x, xOff + base + src[k], map, 0, in);
            VectorMask<Float> m = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
            best = best.blend(v, m);
            at = at.blend(lane.add(src[k]), m.cast(I));
        }
        best.intoArray(y, yo, in);
        at.intoArray(idx, io, in.cast(I));
    }

    // -------------------------------------------------------------------------------------------- normalization

    static double sumSquaredDeviations(float[] x, int off, int n, float mean) {
        // vector partial sums flushed into a double every SQ_BLOCK elements: the error is capped by the block
        // length, and the block layout depends on n only (deterministic)
        FloatVector mu = FloatVector.broadcast(S, mean);
        double total = 0;
        int i = 0;
        int n4 = n - n % (4 * L);
        while (i < n4) {
            int end = Math.min(i + SQ_BLOCK, n4);
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            // four independent accumulators hide the FMA latency
            for (; i < end; i += 4 * L) {
                FloatVector d0 = FloatVector.fromArray(S, x, off + i).sub(mu);
                FloatVector d1 = FloatVector.fromArray(S, x, off + i + L).sub(mu);
                FloatVector d2 = FloatVector.fromArray(S, x, off + i + 2 * L).sub(mu);
                FloatVector d3 = FloatVector.fromArray(S, x, off + i + 3 * L).sub(mu);
                a0 = d0.fma(d0, a0);
                a1 = d1.fma(d1, a1);
                a2 = d2.fma(d2, a2);
                a3 = d3.fma(d3, a3);
            }
            total += ReduceSimdF32.sumLanes(a0.add(a1).add(a2.add(a3)));
        }
        if (i < n) {
            total += squaresTail(x, off + i, n - i, mu);
        }
        return total;
    }

    /** Fewer than 4 vectors: whole vectors, then the last under a mask. */
    private static double squaresTail(float[] x, int off, int n, FloatVector mu) {
        FloatVector a = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector d = FloatVector.fromArray(S, x, off + i).sub(mu);
            a = d.fma(d, a);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = FloatVector.fromArray(S, x, off + i, m).sub(mu, m);     // masked-off lanes stay 0
            a = d.fma(d, a);
        }
        return ReduceSimdF32.sumLanes(a);
    }

    static void scaleShift(float[] x, int xOff, float a, float b, float[] y, int yOff, int n) {
        FloatVector va = FloatVector.broadcast(S, a);
        FloatVector vb = FloatVector.broadcast(S, b);
        int bound = S.loopBound(n);
        // one fma per element: bit-identical to Math.fma(x, a, b) in the reference
        for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(va, vb).intoArray(y, yOff + i);
        }
        REF_EW.scaleShift(x, xOff + bound, a, b, y, yOff + bound, n - bound);
    }

    static void combine(float alpha, float[] g, int gOff, float beta, float[] x, int xOff, float c,
                        float[] out, int outOff, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        FloatVector vc = FloatVector.broadcast(S, c);
        int bound = S.loopBound(n);
        // α·g + (β·x + c), two fmas in the reference's order: the same bits
        for (int i = 0; i < bound; i += L) {
            FloatVector bx = FloatVector.fromArray(S, x, xOff + i).fma(vb, vc);
            FloatVector.fromArray(S, g, gOff + i).fma(va, bx).intoArray(out, outOff + i);
        }
        REF_EW.combine(alpha, g, gOff + bound, beta, x, xOff + bound, c, out, outOff + bound, n - bound);
    }
}
