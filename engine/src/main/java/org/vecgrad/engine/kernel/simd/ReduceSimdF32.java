// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/ReduceSimd-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 Vector API reductions (see {@link SimdReductions} for the numerical contract). Every loop keeps its vectors
 * in locals and uses only intrinsified operations, so nothing is allocated once C2 has compiled it. Generated with
 * its twin from {@code ReduceSimd-X.java.template}: the dtypes differ in how block totals are accumulated (F32 in a
 * double, F64 with TwoSum into a compensated pair) and in the exp polynomial; the loops are shared.
 */
final class ReduceSimdF32 {
    private static final VectorSpecies<Float> S = SimdSpecies.F;
    private static final int L = S.length();

    /**
     * Σ of the lanes of {@code v}, added in lane order 0, 1, …, L−1. Not {@code reduceLanes(ADD)}: it leaves
     * the order to the implementation, and C2 adds in a tree while the interpreter adds left to right, so one sum
     * rounded differently before and after JIT compilation, and a fresh JVM trained to other bits.
     */
    static float sumLanes(FloatVector v) {
        float s = v.lane(0);
        for (int i = 1; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }
    /** Elements per block of sum/dot: 4 accumulators × 32 vectors each, so each float lane adds ≤ 32 terms. */
    private static final int SUM_BLOCK = 128 * L;
    /** Elements per block of an exp-sum (softmax family); one accumulator, ≤ 16 terms a lane. */
    private static final int EXP_BLOCK = 16 * L;
    /** Elements per block of argmax/argmin: the block max is compared with the best so far once per block. */
    private static final int ARG_BLOCK = 64 * L;

    private ReduceSimdF32() {
    }

    // ------------------------------------------------------------------------------------------------- sum, dot

    static float sum(float[] x, int off, int n) {
        // float vector partial sums, flushed into a double every SUM_BLOCK elements: float speed, error capped by
        // the block length instead of growing with n; the block layout depends on n only (deterministic)
        double total = 0;
        int i = 0;
        int n4 = n - n % (4 * L);
        while (i < n4) {
            int end = Math.min(i + SUM_BLOCK, n4);
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            // four independent accumulators hide the add latency
            for (; i < end; i += 4 * L) {
                a0 = a0.add(FloatVector.fromArray(S, x, off + i));
                a1 = a1.add(FloatVector.fromArray(S, x, off + i + L));
                a2 = a2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
            }
            total += sumLanes(a0.add(a1).add(a2.add(a3)));
        }
        int n1 = S.loopBound(n);
        if (i < n1) {
            FloatVector a = FloatVector.fromArray(S, x, off + i);
            for (i += L; i < n1; i += L) {
                a = a.add(FloatVector.fromArray(S, x, off + i));
            }
            total += sumLanes(a);
        }
        for (; i < n; i++) {
            total += x[off + i];
        }
        return (float) total;
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double total = 0;
        int i = 0;
        int n4 = n - n % (4 * L);
        while (i < n4) {
            int end = Math.min(i + SUM_BLOCK, n4);
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (; i < end; i += 4 * L) {
                a0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), a0);
                a1 = FloatVector.fromArray(S, a, aOff + i + L).fma(FloatVector.fromArray(S, b, bOff + i + L), a1);
                a2 = FloatVector.fromArray(S, a, aOff + i + 2 * L)
                        .fma(FloatVector.fromArray(S, b, bOff + i + 2 * L), a2);
                a3 = FloatVector.fromArray(S, a, aOff + i + 3 * L)
                        .fma(FloatVector.fromArray(S, b, bOff + i + 3 * L), a3);
            }
            total += sumLanes(a0.add(a1).add(a2.add(a3)));
        }
        int n1 = S.loopBound(n);
        if (i < n1) {
            FloatVector acc = FloatVector.zero(S);
            for (; i < n1; i += L) {
                acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
            }
            total += sumLanes(acc);
        }
        for (; i < n; i++) {
            total += (double) a[aOff + i] * b[bOff + i];
        }
        return (float) total;
    }

    // -------------------------------------------------------------------------------------------------- max, min

    static float max(float[] x, int off, int n) {
        if (n < L) {
            float m = x[off];
            for (int i = 1; i < n; i++) {
                m = Math.max(m, x[off + i]);
            }
            return m;
        }
        // lanewise MAX has Math.max semantics (NaN wins, +0 > −0), so NaN propagates with no extra test
        FloatVector a0 = FloatVector.fromArray(S, x, off);
        int i = L;
        if (n >= 4 * L) {
            FloatVector a1 = FloatVector.fromArray(S, x, off + L);
            FloatVector a2 = FloatVector.fromArray(S, x, off + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, x, off + 3 * L);
            // four chains: the AVX2 Math.max sequence (blend/max/unordered-compare) has a long latency
            for (i = 4 * L; i <= n - 4 * L; i += 4 * L) {
                a0 = a0.lanewise(MAX, FloatVector.fromArray(S, x, off + i));
                a1 = a1.lanewise(MAX, FloatVector.fromArray(S, x, off + i + L));
                a2 = a2.lanewise(MAX, FloatVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.lanewise(MAX, FloatVector.fromArray(S, x, off + i + 3 * L));
            }
            a0 = a0.lanewise(MAX, a1).lanewise(MAX, a2.lanewise(MAX, a3));
        }
        for (; i <= n - L; i += L) {
            a0 = a0.lanewise(MAX, FloatVector.fromArray(S, x, off + i));
        }
        float m = a0.reduceLanes(MAX);
        for (; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    static float min(float[] x, int off, int n) {
        if (n < L) {
            float m = x[off];
            for (int i = 1; i < n; i++) {
                m = Math.min(m, x[off + i]);
            }
            return m;
        }
        FloatVector a0 = FloatVector.fromArray(S, x, off);
        int i = L;
        if (n >= 4 * L) {
            FloatVector a1 = FloatVector.fromArray(S, x, off + L);
            FloatVector a2 = FloatVector.fromArray(S, x, off + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, x, off + 3 * L);
            for (i = 4 * L; i <= n - 4 * L; i += 4 * L) {
                a0 = a0.lanewise(MIN, FloatVector.fromArray(S, x, off + i));
                a1 = a1.lanewise(MIN, FloatVector.fromArray(S, x, off + i + L));
                a2 = a2.lanewise(MIN, FloatVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.lanewise(MIN, FloatVector.fromArray(S, x, off + i + 3 * L));
            }
            a0 = a0.lanewise(MIN, a1).lanewise(MIN, a2.lanewise(MIN, a3));
        }
        for (; i <= n - L; i += L) {
            a0 = a0.lanewise(MIN, FloatVector.fromArray(S, x, off + i));
        }
        float m = a0.reduceLanes(MIN);
        for (; i < n; i++) {
            m = Math.min(m, x[off + i]);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- argmax, argmin

    /*
     * One pass over blocks of ARG_BLOCK elements: the block's max (Math.max semantics, so a NaN shows as a NaN
     * block max) is compared with the best so far; the first block that strictly beats it holds the first
     * occurrence of its value. A second, short pass finds the first equal (or NaN) element in that one block.
     */

    static int argmax(float[] x, int off, int n) {
        float best = x[off];
        if (best != best) {
            return 0;
        }
        int lo = 0;
        int hi = 1;
        int i = 0;
        int n1 = S.loopBound(n);
        while (i < n1) {
            int start = i;
            int end = Math.min(i + ARG_BLOCK, n1);
            FloatVector a0 = FloatVector.fromArray(S, x, off + i);
            i += L;
            if (i < end) {
                FloatVector a1 = FloatVector.fromArray(S, x, off + i);
                for (i += L; i + L < end; i += 2 * L) {
                    a0 = a0.lanewise(MAX, FloatVector.fromArray(S, x, off + i));
                    a1 = a1.lanewise(MAX, FloatVector.fromArray(S, x, off + i + L));
                }
                if (i < end) {
                    a0 = a0.lanewise(MAX, FloatVector.fromArray(S, x, off + i));
                    i += L;
                }
                a0 = a0.lanewise(MAX, a1);
            }
            float bm = a0.reduceLanes(MAX);
            if (bm != bm) {
                return start + firstNaN(x, off + start, end - start);
            }
            if (bm > best) {
                best = bm;
                lo = start;
                hi = end;
            }
        }
        for (; i < n; i++) {
            float v = x[off + i];
            if (v != v) {
                return i;
            }
            if (v > best) {
                best = v;
                lo = i;
                hi = i + 1;
            }
        }
        return lo + firstEqual(x, off + lo, hi - lo, best);
    }

    static int argmin(float[] x, int off, int n) {
        float best = x[off];
        if (best != best) {
            return 0;
        }
        int lo = 0;
        int hi = 1;
        int i = 0;
        int n1 = S.loopBound(n);
        while (i < n1) {
            int start = i;
            int end = Math.min(i + ARG_BLOCK, n1);
            FloatVector a0 = FloatVector.fromArray(S, x, off + i);
            i += L;
            if (i < end) {
                FloatVector a1 = FloatVector.fromArray(S, x, off + i);
                for (i += L; i + L < end; i += 2 * L) {
                    a0 = a0.lanewise(MIN, FloatVector.fromArray(S, x, off + i));
                    a1 = a1.lanewise(MIN, FloatVector.fromArray(S, x, off + i + L));
                }
                if (i < end) {
                    a0 = a0.lanewise(MIN, FloatVector.fromArray(S, x, off + i));
                    i += L;
                }
                a0 = a0.lanewise(MIN, a1);
            }
            float bm = a0.reduceLanes(MIN);
            if (bm != bm) {
                return start + firstNaN(x, off + start, end - start);
            }
            if (bm < best) {
                best = bm;
                lo = start;
                hi = end;
            }
        }
        for (; i < n; i++) {
            float v = x[off + i];
            if (v != v) {
                return i;
            }
            if (v < best) {
                best = v;
                lo = i;
                hi = i + 1;
            }
        }
        return lo + firstEqual(x, off + lo, hi - lo, best);
    }

    /** Index (from base) of the first element == v in x[base, base+len); one exists by construction. */
    private static int firstEqual(float[] x, int base, int len, float v) {
        int j = 0;
        for (int n1 = S.loopBound(len); j < n1; j += L) {
            VectorMask<Float> eq = FloatVector.fromArray(S, x, base + j).eq(v);
            if (eq.anyTrue()) {
                return j + eq.firstTrue();
            }
        }
        for (; j < len; j++) {
            if (x[base + j] == v) {
                return j;
            }
        }
        throw new IllegalStateException("argmax/argmin: value " + v + " vanished from its block");
    }

    /** Index (from base) of the first NaN in x[base, base+len); one exists by construction. */
    private static int firstNaN(float[] x, int base, int len) {
        int j = 0;
        for (int n1 = S.loopBound(len); j < n1; j += L) {
            FloatVector v = FloatVector.fromArray(S, x, base + j);
            VectorMask<Float> nan = v.compare(NE, v);
            if (nan.anyTrue()) {
                return j + nan.firstTrue();
            }
        }
        for (; j < len; j++) {
            if (x[base + j] != x[base + j]) {
                return j;
            }
        }
        throw new IllegalStateException("argmax/argmin: NaN vanished from its block");
    }

    // ------------------------------------------------------------------------------ softmax, log-softmax, LSE

    /** 1.5·2²³ + 127: adding it rounds x·log₂e to an integer k and leaves k + 127 in the low mantissa bits. */
    private static final float EXP_MAGIC = 12582912f + 127f;
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split Cody–Waite style: k·LN2_HI is exact for the k that occur here. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** ln 2⁻¹²⁶: below it the result would be subnormal; it is returned as 0 (an error ≤ 1.2e-38). */
    private static final float EXP_UNDERFLOW = -87.33654f;

    /*
     * The exp of the softmax family, written out in the loops of expStoreSum and expSum: e^x for x ≤ 0 or NaN (the
     * softmax family only ever needs e^(x − max)): e^x = 2^k·e^r with k = round(x·log₂e), |r| ≤ ln2/2, e^r by the
     * Cephes expf polynomial (≤ 0.7 ulp measured against Math.exp over [−87, 0]), 2^k built in the exponent bits.
     * e^−Inf = 0, e^NaN = NaN (NaN·2^k); positive x is outside the domain.
     *
     * Why not VectorOperators.EXP: on x64 it calls Intel SVML, which measured the same speed as this polynomial
     * for x in [−20, 0] but 13-15x slower (F32) once some lanes underflow (x − max < −87, common with wide logits),
     * and on platforms without a vector math library it falls back to Math.exp per lane.
     *
     * Why written out twice rather than a helper taking and returning vectors: with such helpers (exp, and a one-line
     * load), running rows of 10 first and rows of 4096 afterwards left the 4096 loop allocating 64 B per vector for
     * good; removing the helpers cured it. The likely cause: C2 does not inline a call site it has never seen run, and
     * a vector crossing a call that is not inlined is boxed; Vector API methods are @ForceInline, so plain API code is
     * safe. Hence no method in this class takes or returns a vector. The tails are scalar: a masked vector tail meant
     * a second copy of the polynomial, and the row drivers then hit C2's NodeCountInliningCutoff.
     */

    /**
     * Σ exp(x[i] − m) over x[xo, xo+n); also stores each exp(x[i] − m) to y[yo + i] (reading x[i] before writing
     * y[i], so x == y is fine). Float exps and float partial sums, flushed into a double every
     * EXP_BLOCK elements; the tail (< L elements) is scalar.
     */
    static double expStoreSum(float[] x, int xo, float[] y, int yo, int n, float m) {
        FloatVector mv = FloatVector.broadcast(S, m);
        double total = 0;
        int i = 0;
        int n1 = S.loopBound(n);
        while (i < n1) {
            int end = Math.min(i + EXP_BLOCK, n1);
            FloatVector acc = FloatVector.zero(S);
            for (; i < end; i += L) {
                FloatVector xs = FloatVector.fromArray(S, x, xo + i).sub(mv);
                FloatVector t = xs.fma(LOG2E, EXP_MAGIC);
                FloatVector k = t.sub(EXP_MAGIC);
                FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), xs);
                r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
                FloatVector p = r.fma(1.9875691500E-4f, 1.3981999507E-3f);
                p = p.fma(r, FloatVector.broadcast(S, 8.3334519073E-3f));
                p = p.fma(r, FloatVector.broadcast(S, 4.1665795894E-2f));
                p = p.fma(r, FloatVector.broadcast(S, 1.6666665459E-1f));
                p = p.fma(r, FloatVector.broadcast(S, 5.0000001201E-1f));
                p = p.fma(r.mul(r), r).add(1f);
                FloatVector pow2k = t.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
                FloatVector e = p.mul(pow2k).blend(0f, xs.compare(LT, EXP_UNDERFLOW));
                e.intoArray(y, yo + i);
                acc = acc.add(e);
            }
            total += sumLanes(acc);
        }
        for (; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - m);
            y[yo + i] = e;
            total += e;
        }
        return total;
    }

    /**
     * Σ exp(x[i] − m) over x[xo, xo+n). Float exps and float partial sums, flushed into a double every
     * EXP_BLOCK elements; the tail (< L elements) is scalar.
     */
    private static double expSum(float[] x, int xo, int n, float m) {
        FloatVector mv = FloatVector.broadcast(S, m);
        double total = 0;
        int i = 0;
        int n1 = S.loopBound(n);
        while (i < n1) {
            int end = Math.min(i + EXP_BLOCK, n1);
            FloatVector acc = FloatVector.zero(S);
            for (; i < end; i += L) {
                FloatVector xs = FloatVector.fromArray(S, x, xo + i).sub(mv);
                FloatVector t = xs.fma(LOG2E, EXP_MAGIC);
                FloatVector k = t.sub(EXP_MAGIC);
                FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), xs);
                r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
                FloatVector p = r.fma(1.9875691500E-4f, 1.3981999507E-3f);
                p = p.fma(r, FloatVector.broadcast(S, 8.3334519073E-3f));
                p = p.fma(r, FloatVector.broadcast(S, 4.1665795894E-2f));
                p = p.fma(r, FloatVector.broadcast(S, 1.6666665459E-1f));
                p = p.fma(r, FloatVector.broadcast(S, 5.0000001201E-1f));
                p = p.fma(r.mul(r), r).add(1f);
                FloatVector pow2k = t.reinterpretAsInts().lanewise(LSHL, 23).reinterpretAsFloats();
                FloatVector e = p.mul(pow2k).blend(0f, xs.compare(LT, EXP_UNDERFLOW));
                acc = acc.add(e);
            }
            total += sumLanes(acc);
        }
        for (; i < n; i++) {
            total += (float) Math.exp(x[xo + i] - m);
        }
        return total;
    }

    static void softmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            float m = max(x, xo, cols);
            // pass 2 writes exp(x − m) to y and sums it; pass 3 scales y in place (the row is still in cache)
            double s = expStoreSum(x, xo, y, yo, cols, m);
            float inv = (float) (1.0 / s);
            int i = 0;
            for (int n1 = S.loopBound(cols); i < n1; i += L) {
                FloatVector.fromArray(S, y, yo + i).mul(inv).intoArray(y, yo + i);
            }
            for (; i < cols; i++) {
                y[yo + i] *= inv;
            }
        }
    }

    static void logSoftmaxRows(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            float m = max(x, xo, cols);
            float ls = (float) Math.log(expSum(x, xo, cols, m));
            // (x − m) − ln s, in that order: x − m is exact near the max, where y is small
            FloatVector mv = FloatVector.broadcast(S, m);
            FloatVector lv = FloatVector.broadcast(S, ls);
            int i = 0;
            for (int n1 = S.loopBound(cols); i < n1; i += L) {
                FloatVector.fromArray(S, x, xo + i).sub(mv).sub(lv).intoArray(y, yo + i);
            }
            for (; i < cols; i++) {
                y[yo + i] = (x[xo + i] - m) - ls;
            }
        }
    }

    static void logSumExpRows(float[] x, int xOff, float[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            float m = max(x, xo, cols);
            // a non-finite max is the answer itself (the exact limit; avoids −Inf − −Inf = NaN)
            out[outOff + r] = Float.isFinite(m) ? (float) (m + Math.log(expSum(x, xo, cols, m))) : m;
        }
    }
}
