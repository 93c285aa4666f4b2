// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/SimdPoolNorm-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;
import org.vecgrad.engine.kernel.scalar.ScalarReductions;

/**
 * The F64 kernels of pooling and normalization (their contracts are in
 * {@link org.vecgrad.engine.kernel.ElementwiseKernels} and {@link org.vecgrad.engine.kernel.ReductionKernels}):
 * window maxima with their argmax, a vector of windows at a time (each tap a contiguous load; at column stride 2,
 * two contiguous loads and a shuffle that keeps their even lanes; else a gather through the windows' origins; then
 * a compare and two blends: the values and, in an int vector of as many lanes, the plane indices), the fused passes
 * of batch/layer/group normalization (y = x·a + b, dx = α·g + β·x + c, one fused multiply-add per product as in the
 * reference) and the sum of squared deviations of the variance (float lanes flushed into a double every block, as
 * the SIMD sum does). Tails run under a mask, or (max pooling) as a last whole vector overlapping the one before.
 * Generated with its twin from {@code SimdPoolNorm-X.java.template}.
 */
final class SimdPoolNormF64 {
    private static final VectorSpecies<Double> S = SimdSpecies.D;
    private static final int L = S.length();
    /** Ints in as many lanes as S: the argmax of each lane. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(L * 32));
    private static final ScalarElementwise REF_EW = new ScalarElementwise();
    private static final ScalarReductions REF_RED = new ScalarReductions();
    /** Lanes 0, 2, 4, … of two vectors side by side (indices ≥ L are the second vector's lanes), for selectFrom. */
    private static final DoubleVector EVEN = DoubleVector.zero(S).addIndex(2);
    /** Lanes 1, 3, 5, … of two vectors side by side, for selectFrom. */
    private static final DoubleVector ODD = EVEN.add((double) 1);
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);
    private static final IntVector IOTA2 = IntVector.zero(I).addIndex(2);

    /** Elements per block of the sum of squares: 4 accumulators × 32 vectors, ≤ 32 terms a lane. */
    private static final int SQ_BLOCK = 128 * L;

    private SimdPoolNormF64() {
    }

    // ------------------------------------------------------------------------------------------------ max pooling

    static void maxTaps(double[] x, int xOff, int base, int[] origin, int originOff, int[] src, int taps,
                        double[] y, int yOff, int[] idx, int idxOff, int len) {
        if (len < L || taps == 0) {                                         // fewer windows than lanes
            REF_RED.maxTaps(x, xOff, base, origin, originOff, src, taps, y, yOff, idx, idxOff, len);
            return;
        }
        // a stride-2 vector of windows at origin o reads x up to (excluded) o + reach: its loads need no mask
        int reach = xOff + base + largest(src, taps) + 2 * L;
        // vectors of windows, each as many as its kind takes (a whole vector, or a run of stride-2 origins such as
        // one output row of a 2×2 pool); the last chunk ends at len and may overlap the one before (recomputing the
        // same values and indices), so there is no masked tail
        for (int t = 0; t < len; ) {
            int c = Math.min(t, len - L);
            t = c + maxChunk(x, xOff, base, origin, originOff + c, src, taps, y, yOff + c, idx, idxOff + c, reach,
                    t - c);
        }
    }

    /**
     * Windows from origin[oo] on, returning how many were done (more than {@code done}, the ones already written):
     * L with contiguous loads when their origins are consecutive (column stride 1); the leading run of origins 2
     * apart, if it fills at least half the vector, with two loads and a shuffle a tap; else L with one gather a tap.
     */
    private static int maxChunk(double[] x, int xOff, int base, int[] origin, int oo, int[] src, int taps,
                                double[] y, int yo, int[] idx, int io, int reach, int done) {
        IntVector o = IntVector.fromArray(I, origin, oo);
        int o0 = origin[oo];
        IntVector rel = o.sub(o0);
        // origins o0, o0 + 1, …: the windows' taps are contiguous runs
        if (rel.compare(VectorOperators.EQ, IOTA).allTrue()) {
            maxContiguous(x, xOff + base + o0, base + o0, src, taps, y, yo, idx, io);
            return L;
        }
        int run = rel.compare(VectorOperators.EQ, IOTA2).not().firstTrue();     // origins o0, o0 + 2, …
        if (run > done && 2 * run >= L && o0 + reach <= x.length) {
            maxStride2(x, xOff + base + o0, base + o0, src, taps, y, yo, idx, io, run);
            return run;
        }
        maxGathered(x, xOff + base, base, origin, oo, src, taps, y, yo, idx, io);
        return L;
    }

    // Each loop is its own small method taking scalar arguments only, so no vector crosses a call C2 might not
    // inline (a vector argument or result of a call left out of line is boxed). Per tap: a larger value or a NaN
    // replaces the lane's best (the first maximum wins a tie, the last NaN wins), its plane index blended in alike.

    /** L windows at consecutive origins, window 0's taps at x[at0 + src[k]], plane index o0 + src[k]. */
    private static void maxContiguous(double[] x, int at0, int o0, int[] src, int taps, double[] y, int yo,
                                      int[] idx, int io) {
        IntVector lane = IOTA.add(o0);
        DoubleVector best = DoubleVector.fromArray(S, x, at0 + src[0]);
        IntVector at = lane.add(src[0]);
        for (int k = 1; k < taps; k++) {
            DoubleVector v = DoubleVector.fromArray(S, x, at0 + src[k]);
            VectorMask<Double> m = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
            best = best.blend(v, m);
            at = at.blend(lane.add(src[k]), m.cast(I));
        }
        best.intoArray(y, yo);
        at.intoArray(idx, io);
    }

    /**
     * The first n ≤ L windows of origins 2 apart (a row of a 2×2 pool at stride 2), window 0's taps at
     * x[at0 + src[k]], plane index o0 + src[k]: a tap's values for the L windows are the even lanes of the 2L
     * elements from window 0's, two contiguous loads and one shuffle instead of a gather (the caller checks that
     * they lie in x).
     */
    private static void maxStride2(double[] x, int at0, int o0, int[] src, int taps, double[] y, int yo,
                                   int[] idx, int io, int n) {
        IntVector lane = IOTA2.add(o0);
        int p = at0 + src[0];
        DoubleVector best = EVEN.selectFrom(DoubleVector.fromArray(S, x, p), DoubleVector.fromArray(S, x, p + L));
        IntVector at = lane.add(src[0]);
        for (int k = 1; k < taps; k++) {
            p = at0 + src[k];
            DoubleVector v = EVEN.selectFrom(DoubleVector.fromArray(S, x, p), DoubleVector.fromArray(S, x, p + L));
            VectorMask<Double> m = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
            best = best.blend(v, m);
            at = at.blend(lane.add(src[k]), m.cast(I));
        }
        if (n == L) {
            best.intoArray(y, yo);
            at.intoArray(idx, io);
        } else {                                                            // a short row: lanes n… are not ours
            best.intoArray(y, yo, S.indexInRange(0, n));
            at.intoArray(idx, io, I.indexInRange(0, n));
        }
    }

    /** The largest tap offset (≥ 0 in practice; the maximum keeps the bound check right for any order). */
    private static int largest(int[] src, int taps) {
        int m = src[0];
        for (int k = 1; k < taps; k++) {
            m = Math.max(m, src[k]);
        }
        return m;
    }

    /** L windows at origins origin[oo…], each tap a gather at x[xb + origin + src[k]], plane index base + origin + src[k]. */
    private static void maxGathered(double[] x, int xb, int base, int[] origin, int oo, int[] src, int taps,
                                    double[] y, int yo, int[] idx, int io) {
        IntVector lane = IntVector.fromArray(I, origin, oo).add(base);
        DoubleVector best = DoubleVector.fromArray(S, x, xb + src[0], origin, oo);
        IntVector at = lane.add(src[0]);
        for (int k = 1; k < taps; k++) {
            DoubleVector v = DoubleVector.fromArray(S, x, xb + src[k], origin, oo);
            VectorMask<Double> m = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
            best = best.blend(v, m);
            at = at.blend(lane.add(src[k]), m.cast(I));
        }
        best.intoArray(y, yo);
        at.intoArray(idx, io);
    }

    /**
     * 2×2 windows at stride 2, values only: a vector of L windows of an output row reads its two input rows as two
     * whole vectors each, splits each pair into its even and odd lanes (one two-vector permute each: the windows'
     * left and right taps) and folds the four taps in order, left then right of the top row, left then right of the
     * bottom row, then top then bottom (the rule "the first maximum, the last NaN" is associative, so that is the
     * reference's sequence of taps). Rows longer than a vector run in vectors along the row, the last overlapping
     * the one before; a row of at most L windows is one vector stored whole, its lanes past the row landing on the
     * next rows, which are written after it. The rows whose loads would leave x, or whose whole store would pass
     * the output's end, run in the reference (no masked load or store).
     */
    static void maxPool2x2(double[] x, int xOff, int hw, int w, int planes, int outH, int outW, double[] y,
                           int yOff) {
        if (outW > L) {
            for (int p = 0, r = 0; p < planes; p++) {
                for (int oh = 0; oh < outH; oh++, r++) {
                    maxPool2x2Row(x, xOff + p * hw + 2 * oh * w, w, outW, y, yOff + r * outW);
                }
            }
            return;
        }
        int end = yOff + planes * outH * outW;
        for (int p = 0, r = 0; p < planes; p++) {
            int o = xOff + p * hw;
            for (int oh = 0; oh < outH; oh++, r++, o += 2 * w) {
                int yo = yOff + r * outW;
                if (o + w + 2 * L > x.length || yo + L > end) {             // the last rows: in the reference
                    REF_RED.maxPool2x2(x, o, hw, w, 1, outH - oh, outW, y, yo);
                    REF_RED.maxPool2x2(x, xOff + (p + 1) * hw, hw, w, planes - p - 1, outH, outW, y,
                            yo + (outH - oh) * outW);
                    return;
                }
                maxPool2x2Vector(x, o, w, y, yo);
            }
        }
    }

    /** The outW ≥ L windows of one output row whose top-left tap is x[o]: vectors along it, the last overlapping. */
    private static void maxPool2x2Row(double[] x, int o, int w, int outW, double[] y, int yo) {
        for (int t = 0; t < outW; t += L) {
            int c = Math.min(t, outW - L);
            maxPool2x2Vector(x, o + 2 * c, w, y, yo + c);
        }
    }

    /** L windows whose first has its top-left tap at x[o]: y[yo…yo + L) (reads x[o, o + 2L) and x[o + w, o + w + 2L)). */
    private static void maxPool2x2Vector(double[] x, int o, int w, double[] y, int yo) {
        DoubleVector a0 = DoubleVector.fromArray(S, x, o);
        DoubleVector a1 = DoubleVector.fromArray(S, x, o + L);
        DoubleVector b0 = DoubleVector.fromArray(S, x, o + w);
        DoubleVector b1 = DoubleVector.fromArray(S, x, o + w + L);
        DoubleVector left = EVEN.selectFrom(a0, a1);
        DoubleVector right = ODD.selectFrom(a0, a1);
        DoubleVector top = left.blend(right, right.compare(VectorOperators.GT, left)
                .or(right.compare(VectorOperators.NE, right)));
        left = EVEN.selectFrom(b0, b1);
        right = ODD.selectFrom(b0, b1);
        DoubleVector bottom = left.blend(right, right.compare(VectorOperators.GT, left)
                .or(right.compare(VectorOperators.NE, right)));
        top.blend(bottom, bottom.compare(VectorOperators.GT, top).or(bottom.compare(VectorOperators.NE, bottom)))
                .intoArray(y, yo);
    }

    // -------------------------------------------------------------------------------------------- normalization

    static double sumSquaredDeviations(double[] x, int off, int n, double mean) {
        // vector partial sums flushed into a double every SQ_BLOCK elements: the error is capped by the block
        // length, and the block layout depends on n only (deterministic)
        DoubleVector mu = DoubleVector.broadcast(S, mean);
        double total = 0;
        int i = 0;
        int n4 = n - n % (4 * L);
        while (i < n4) {
            int end = Math.min(i + SQ_BLOCK, n4);
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            // four independent accumulators hide the FMA latency
            for (; i < end; i += 4 * L) {
                DoubleVector d0 = DoubleVector.fromArray(S, x, off + i).sub(mu);
                DoubleVector d1 = DoubleVector.fromArray(S, x, off + i + L).sub(mu);
                DoubleVector d2 = DoubleVector.fromArray(S, x, off + i + 2 * L).sub(mu);
                DoubleVector d3 = DoubleVector.fromArray(S, x, off + i + 3 * L).sub(mu);
                a0 = d0.fma(d0, a0);
                a1 = d1.fma(d1, a1);
                a2 = d2.fma(d2, a2);
                a3 = d3.fma(d3, a3);
            }
            total += ReduceSimdF64.sumLanes(a0.add(a1).add(a2.add(a3)));
        }
        if (i < n) {
            total += squaresTail(x, off + i, n - i, mu);
        }
        return total;
    }

    /** Fewer than 4 vectors: whole vectors, then the last under a mask. */
    private static double squaresTail(double[] x, int off, int n, DoubleVector mu) {
        DoubleVector a = DoubleVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            DoubleVector d = DoubleVector.fromArray(S, x, off + i).sub(mu);
            a = d.fma(d, a);
        }
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector d = DoubleVector.fromArray(S, x, off + i, m).sub(mu, m);     // masked-off lanes stay 0
            a = d.fma(d, a);
        }
        return ReduceSimdF64.sumLanes(a);
    }

    static void scaleShift(double[] x, int xOff, double a, double b, double[] y, int yOff, int n) {
        DoubleVector va = DoubleVector.broadcast(S, a);
        DoubleVector vb = DoubleVector.broadcast(S, b);
        int bound = S.loopBound(n);
        // one fma per element: bit-identical to Math.fma(x, a, b) in the reference
        for (int i = 0; i < bound; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).fma(va, vb).intoArray(y, yOff + i);
        }
        REF_EW.scaleShift(x, xOff + bound, a, b, y, yOff + bound, n - bound);
    }

    static void combine(double alpha, double[] g, int gOff, double beta, double[] x, int xOff, double c,
                        double[] out, int outOff, int n) {
        DoubleVector va = DoubleVector.broadcast(S, alpha);
        DoubleVector vb = DoubleVector.broadcast(S, beta);
        DoubleVector vc = DoubleVector.broadcast(S, c);
        int bound = S.loopBound(n);
        // α·g + (β·x + c), two fmas in the reference's order: the same bits
        for (int i = 0; i < bound; i += L) {
            DoubleVector bx = DoubleVector.fromArray(S, x, xOff + i).fma(vb, vc);
            DoubleVector.fromArray(S, g, gOff + i).fma(va, bx).intoArray(out, outOff + i);
        }
        REF_EW.combine(alpha, g, gOff + bound, beta, x, xOff + bound, c, out, outOff + bound, n - bound);
    }
}
