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
 * window maxima with their argmax, a vector of windows at a time (each tap a contiguous load, or a gather through
 * the windows' origins, a compare, and two blends: the values and, in an int vector of as many lanes, the plane
 * indices), the fused passes
 * of batch/layer/group normalization (y = x·a + b, dx = α·g + β·x + c, one fused multiply-add per product as in the
 * reference) and the sum of squared deviations of the variance (float lanes flushed into a double every block, as
 * the SIMD sum does). Tails run under a mask, or (max pooling) as a last whole vector overlapping the one before.
 * Generated with its twin from {@code SimdPoolNorm-X.java.template}.
 */
final class SimdPoolNormF32 {
    private static final VectorSpecies<Float> S = SimdSpecies.F;
    private static final int L = S.length();
    /** Ints in as many lanes as S: the argmax of each lane. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(L * 32));
    private static final ScalarElementwise REF_EW = new ScalarElementwise();
    private static final ScalarReductions REF_RED = new ScalarReductions();

    /** Elements per block of the sum of squares: 4 accumulators × 32 vectors, ≤ 32 terms a lane. */
    private static final int SQ_BLOCK = 128 * L;

    private SimdPoolNormF32() {
    }

    // ------------------------------------------------------------------------------------------------ max pooling

    static void maxTaps(float[] x, int xOff, int base, int[] origin, int originOff, int[] src, int taps,
                        float[] y, int yOff, int[] idx, int idxOff, int len) {
        if (len < L || taps == 0) {                                         // fewer windows than lanes
            REF_RED.maxTaps(x, xOff, base, origin, originOff, src, taps, y, yOff, idx, idxOff, len);
            return;
        }
        // whole vectors of windows; the last chunk ends at len and overlaps the one before (recomputing the same
        // values and indices), so there is no masked tail
        for (int t = 0; t < len; t += L) {
            int c = Math.min(t, len - L);
            maxChunk(x, xOff, base, origin, originOff + c, src, taps, y, yOff + c, idx, idxOff + c);
        }
    }

    /** L windows: contiguous loads when their origins are consecutive (column stride 1), else one gather a tap. */
    private static void maxChunk(float[] x, int xOff, int base, int[] origin, int oo, int[] src, int taps,
                                 float[] y, int yo, int[] idx, int io) {
        IntVector o = IntVector.fromArray(I, origin, oo);
        int o0 = origin[oo];
        // origins o0, o0 + 1, …: the windows' taps are contiguous runs
        if (o.sub(o0).compare(VectorOperators.EQ, IntVector.zero(I).addIndex(1)).allTrue()) {
            maxContiguous(x, xOff + base + o0, o.add(base), src, taps, y, yo, idx, io);
        } else {
            maxGathered(x, xOff + base, origin, oo, o.add(base), src, taps, y, yo, idx, io);
        }
    }

    // Each loop is its own small method, so C2 inlines every vector operation. Per tap: a larger value or a NaN
    // replaces the lane's best (the first maximum wins a tie, the last NaN wins), its plane index blended in alike.

    private static void maxContiguous(float[] x, int at0, IntVector lane, int[] src, int taps, float[] y, int yo,
                                      int[] idx, int io) {
        FloatVector best = FloatVector.fromArray(S, x, at0 + src[0]);
        IntVector at = lane.add(src[0]);
        for (int k = 1; k < taps; k++) {
            FloatVector v = FloatVector.fromArray(S, x, at0 + src[k]);
            VectorMask<Float> m = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
            best = best.blend(v, m);
            at = at.blend(lane.add(src[k]), m.cast(I));
        }
        best.intoArray(y, yo);
        at.intoArray(idx, io);
    }

    private static void maxGathered(float[] x, int xb, int[] origin, int oo, IntVector lane, int[] src, int taps,
                                    float[] y, int yo, int[] idx, int io) {
        FloatVector best = FloatVector.fromArray(S, x, xb + src[0], origin, oo);
        IntVector at = lane.add(src[0]);
        for (int k = 1; k < taps; k++) {
            FloatVector v = FloatVector.fromArray(S, x, xb + src[k], origin, oo);
            VectorMask<Float> m = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
            best = best.blend(v, m);
            at = at.blend(lane.add(src[k]), m.cast(I));
        }
        best.intoArray(y, yo);
        at.intoArray(idx, io);
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
