// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/ReduceSimd-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 Vector API reductions (see {@link SimdReductions} for the numerical contract). Every loop keeps its vectors
 * in locals and uses only intrinsified operations, so nothing is allocated once C2 has compiled it. Generated with
 * its twin from {@code ReduceSimd-X.java.template}: the dtypes differ in how block totals are accumulated (F32 in a
 * double, F64 with TwoSum into a compensated pair) and in the exp polynomial; the loops are shared.
 */
final class ReduceSimdF64 {
    private static final VectorSpecies<Double> S = SimdSpecies.D;
    private static final int L = S.length();

    /**
     * Σ of the lanes of {@code v}, added in lane order 0, 1, …, L−1. Not {@code reduceLanes(ADD)}: it leaves
     * the order to the implementation, and C2 adds in a tree while the interpreter adds left to right, so one sum
     * rounded differently before and after JIT compilation, and a fresh JVM trained to other bits.
     */
    static double sumLanes(DoubleVector v) {
        double s = v.lane(0);
        for (int i = 1; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }
    /** Elements per block of sum/dot: 4 accumulators × 16 vectors each, so each lane adds ≤ 16 terms. */
    private static final int SUM_BLOCK = 64 * L;
    /** Elements per block of an exp-sum (softmax family); one accumulator, ≤ 16 terms a lane. */
    private static final int EXP_BLOCK = 16 * L;
    /** Elements per block of argmax/argmin: the block max is compared with the best so far once per block. */
    private static final int ARG_BLOCK = 64 * L;

    private ReduceSimdF64() {
    }

    /** The rounding error of {@code s + v} (TwoSum: exact, with no branch on |s| ≥ |v|). */
    private static double twoSumError(double s, double v) {
        double t = s + v;
        double z = t - s;
        return (s - (t - z)) + (v - z);
    }

    // ------------------------------------------------------------------------------------------------- sum, dot

    static double sum(double[] x, int off, int n) {
        // vector partial sums over blocks of SUM_BLOCK elements, each block total added to (s, c) with TwoSum:
        // the error is bounded by the block length, not n (the reference is compensated too); the block layout
        // depends on n only, so the result is deterministic
        double s = 0;
        double c = 0;
        int i = 0;
        int n4 = n - n % (4 * L);
        while (i < n4) {
            int end = Math.min(i + SUM_BLOCK, n4);
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            // four independent accumulators hide the add latency
            for (; i < end; i += 4 * L) {
                a0 = a0.add(DoubleVector.fromArray(S, x, off + i));
                a1 = a1.add(DoubleVector.fromArray(S, x, off + i + L));
                a2 = a2.add(DoubleVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.add(DoubleVector.fromArray(S, x, off + i + 3 * L));
            }
            double v = sumLanes(a0.add(a1).add(a2.add(a3)));
            c += twoSumError(s, v);
            s += v;
        }
        // the rest (< 4 vectors and < L scalars) is one more block
        int n1 = S.loopBound(n);
        double v = 0;
        if (i < n1) {
            DoubleVector a = DoubleVector.fromArray(S, x, off + i);
            for (i += L; i < n1; i += L) {
                a = a.add(DoubleVector.fromArray(S, x, off + i));
            }
            v = sumLanes(a);
        }
        for (; i < n; i++) {
            v += x[off + i];
        }
        c += twoSumError(s, v);
        s += v;
        return Double.isFinite(s) ? s + c : s;
    }

    static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double s = 0;
        double c = 0;
        int i = 0;
        int n4 = n - n % (4 * L);
        while (i < n4) {
            int end = Math.min(i + SUM_BLOCK, n4);
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (; i < end; i += 4 * L) {
                a0 = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), a0);
                a1 = DoubleVector.fromArray(S, a, aOff + i + L).fma(DoubleVector.fromArray(S, b, bOff + i + L), a1);
                a2 = DoubleVector.fromArray(S, a, aOff + i + 2 * L)
                        .fma(DoubleVector.fromArray(S, b, bOff + i + 2 * L), a2);
                a3 = DoubleVector.fromArray(S, a, aOff + i + 3 * L)
                        .fma(DoubleVector.fromArray(S, b, bOff + i + 3 * L), a3);
            }
            double v = sumLanes(a0.add(a1).add(a2.add(a3)));
            c += twoSumError(s, v);
            s += v;
        }
        int n1 = S.loopBound(n);
        double v = 0;
        if (i < n1) {
            DoubleVector acc = DoubleVector.zero(S);
            for (; i < n1; i += L) {
                acc = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), acc);
            }
            v = sumLanes(acc);
        }
        for (; i < n; i++) {
            v = Math.fma(a[aOff + i], b[bOff + i], v);
        }
        c += twoSumError(s, v);
        s += v;
        return Double.isFinite(s) ? s + c : s;
    }

    // -------------------------------------------------------------------------------------------------- max, min

    static double max(double[] x, int off, int n) {
        if (n < L) {
            double m = x[off];
            for (int i = 1; i < n; i++) {
                m = Math.max(m, x[off + i]);
            }
            return m;
        }
        // lanewise MAX has Math.max semantics (NaN wins, +0 > −0), so NaN propagates with no extra test
        DoubleVector a0 = DoubleVector.fromArray(S, x, off);
        int i = L;
        if (n >= 4 * L) {
            DoubleVector a1 = DoubleVector.fromArray(S, x, off + L);
            DoubleVector a2 = DoubleVector.fromArray(S, x, off + 2 * L);
            DoubleVector a3 = DoubleVector.fromArray(S, x, off + 3 * L);
            // four chains: the AVX2 Math.max sequence (blend/max/unordered-compare) has a long latency
            for (i = 4 * L; i <= n - 4 * L; i += 4 * L) {
                a0 = a0.lanewise(MAX, DoubleVector.fromArray(S, x, off + i));
                a1 = a1.lanewise(MAX, DoubleVector.fromArray(S, x, off + i + L));
                a2 = a2.lanewise(MAX, DoubleVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.lanewise(MAX, DoubleVector.fromArray(S, x, off + i + 3 * L));
            }
            a0 = a0.lanewise(MAX, a1).lanewise(MAX, a2.lanewise(MAX, a3));
        }
        for (; i <= n - L; i += L) {
            a0 = a0.lanewise(MAX, DoubleVector.fromArray(S, x, off + i));
        }
        double m = a0.reduceLanes(MAX);
        for (; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    static double min(double[] x, int off, int n) {
        if (n < L) {
            double m = x[off];
            for (int i = 1; i < n; i++) {
                m = Math.min(m, x[off + i]);
            }
            return m;
        }
        DoubleVector a0 = DoubleVector.fromArray(S, x, off);
        int i = L;
        if (n >= 4 * L) {
            DoubleVector a1 = DoubleVector.fromArray(S, x, off + L);
            DoubleVector a2 = DoubleVector.fromArray(S, x, off + 2 * L);
            DoubleVector a3 = DoubleVector.fromArray(S, x, off + 3 * L);
            for (i = 4 * L; i <= n - 4 * L; i += 4 * L) {
                a0 = a0.lanewise(MIN, DoubleVector.fromArray(S, x, off + i));
                a1 = a1.lanewise(MIN, DoubleVector.fromArray(S, x, off + i + L));
                a2 = a2.lanewise(MIN, DoubleVector.fromArray(S, x, off + i + 2 * L));
                a3 = a3.lanewise(MIN, DoubleVector.fromArray(S, x, off + i + 3 * L));
            }
            a0 = a0.lanewise(MIN, a1).lanewise(MIN, a2.lanewise(MIN, a3));
        }
        for (; i <= n - L; i += L) {
            a0 = a0.lanewise(MIN, DoubleVector.fromArray(S, x, off + i));
        }
        double m = a0.reduceLanes(MIN);
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

    static int argmax(double[] x, int off, int n) {
        double best = x[off];
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
            DoubleVector a0 = DoubleVector.fromArray(S, x, off + i);
            i += L;
            if (i < end) {
                DoubleVector a1 = DoubleVector.fromArray(S, x, off + i);
                for (i += L; i + L < end; i += 2 * L) {
                    a0 = a0.lanewise(MAX, DoubleVector.fromArray(S, x, off + i));
                    a1 = a1.lanewise(MAX, DoubleVector.fromArray(S, x, off + i + L));
                }
                if (i < end) {
                    a0 = a0.lanewise(MAX, DoubleVector.fromArray(S, x, off + i));
                    i += L;
                }
                a0 = a0.lanewise(MAX, a1);
            }
            double bm = a0.reduceLanes(MAX);
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
            double v = x[off + i];
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

    static int argmin(double[] x, int off, int n) {
        double best = x[off];
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
            DoubleVector a0 = DoubleVector.fromArray(S, x, off + i);
            i += L;
            if (i < end) {
                DoubleVector a1 = DoubleVector.fromArray(S, x, off + i);
                for (i += L; i + L < end; i += 2 * L) {
                    a0 = a0.lanewise(MIN, DoubleVector.fromArray(S, x, off + i));
                    a1 = a1.lanewise(MIN, DoubleVector.fromArray(S, x, off + i + L));
                }
                if (i < end) {
                    a0 = a0.lanewise(MIN, DoubleVector.fromArray(S, x, off + i));
                    i += L;
                }
                a0 = a0.lanewise(MIN, a1);
            }
            double bm = a0.reduceLanes(MIN);
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
            double v = x[off + i];
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
    private static int firstEqual(double[] x, int base, int len, double v) {
        int j = 0;
        for (int n1 = S.loopBound(len); j < n1; j += L) {
            VectorMask<Double> eq = DoubleVector.fromArray(S, x, base + j).eq(v);
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
    private static int firstNaN(double[] x, int base, int len) {
        int j = 0;
        for (int n1 = S.loopBound(len); j < n1; j += L) {
            DoubleVector v = DoubleVector.fromArray(S, x, base + j);
            VectorMask<Double> nan = v.compare(NE, v);
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

    /** 1.5·2⁵² + 1023: adding it rounds x·log₂e to an integer k and leaves k + 1023 in the low mantissa bits. */
    private static final double EXP_MAGIC = 6755399441055744.0 + 1023.0;
    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split Cody–Waite style (fdlibm): LN2_HI has 32 trailing zero bits, so k·LN2_HI is exact. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** ln 2⁻¹⁰²²: below it the result would be subnormal; it is returned as 0 (an error ≤ 2.3e-308). */
    private static final double EXP_UNDERFLOW = -708.3964185322641;

    /*
     * The exp of the softmax family, written out in the loops of expStoreSum and expSum: e^x for x ≤ 0 or NaN (the
     * softmax family only ever needs e^(x − max)): e^x = 2^k·e^r with k = round(x·log₂e), |r| ≤ ln2/2, e^r by its
     * Taylor polynomial to degree 13, in Estrin form (truncation &lt; 5e-18; ≤ 1 ulp measured against Math.exp over
     * [−708, 0]), 2^k built in the exponent bits. e^−Inf = 0, e^NaN = NaN; positive x is outside the domain.
     *
     * Why not VectorOperators.EXP: on x64 it calls Intel SVML, which measured the same speed as this polynomial
     * for F64 (and 13-15x slower for F32 once lanes underflow), and on platforms without a vector math library it
     * falls back to Math.exp per lane.
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
     * y[i], so x == y is fine). Vector partial sums, each EXP_BLOCK block total added with
     * TwoSum (so the sum's error does not grow with n); the tail (< L elements) is scalar.
     */
    static double expStoreSum(double[] x, int xo, double[] y, int yo, int n, double m) {
        DoubleVector mv = DoubleVector.broadcast(S, m);
        double s = 0;
        double c = 0;
        int i = 0;
        int n1 = S.loopBound(n);
        while (i < n1) {
            int end = Math.min(i + EXP_BLOCK, n1);
            DoubleVector acc = DoubleVector.zero(S);
            for (; i < end; i += L) {
                DoubleVector xs = DoubleVector.fromArray(S, x, xo + i).sub(mv);
                DoubleVector t = xs.fma(LOG2E, EXP_MAGIC);
                DoubleVector k = t.sub(EXP_MAGIC);
                DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), xs);
                r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
                // Estrin's scheme, dependency depth 6 instead of Horner's 13: e^r = 1 + r + r²·Σ_j r^j/(j+2)!
                DoubleVector r2 = r.mul(r);
                DoubleVector r4 = r2.mul(r2);
                DoubleVector q0 = r.fma(1.0 / 6.0, 1.0 / 2.0);
                DoubleVector q1 = r.fma(1.0 / 120.0, 1.0 / 24.0);
                DoubleVector q2 = r.fma(1.0 / 5040.0, 1.0 / 720.0);
                DoubleVector q3 = r.fma(1.0 / 362880.0, 1.0 / 40320.0);
                DoubleVector q4 = r.fma(1.0 / 39916800.0, 1.0 / 3628800.0);
                DoubleVector q5 = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0);
                DoubleVector p = q1.fma(r2, q0);
                p = q3.fma(r2, q2).fma(r4, p);
                p = q5.fma(r2, q4).fma(r4.mul(r4), p);
                p = p.fma(r2, r).add(1.0);
                DoubleVector pow2k = t.reinterpretAsLongs().lanewise(LSHL, 52).reinterpretAsDoubles();
                DoubleVector e = p.mul(pow2k).blend(0.0, xs.compare(LT, EXP_UNDERFLOW));
                e.intoArray(y, yo + i);
                acc = acc.add(e);
            }
            double v = sumLanes(acc);
            c += twoSumError(s, v);
            s += v;
        }
        // the scalar tail is one more block
        double v = 0;
        for (; i < n; i++) {
            double e = Math.exp(x[xo + i] - m);
            y[yo + i] = e;
            v += e;
        }
        c += twoSumError(s, v);
        s += v;
        return Double.isFinite(s) ? s + c : s;
    }

    /**
     * Σ exp(x[i] − m) over x[xo, xo+n). Vector partial sums, each EXP_BLOCK block total added with
     * TwoSum (so the sum's error does not grow with n); the tail (< L elements) is scalar.
     */
    private static double expSum(double[] x, int xo, int n, double m) {
        DoubleVector mv = DoubleVector.broadcast(S, m);
        double s = 0;
        double c = 0;
        int i = 0;
        int n1 = S.loopBound(n);
        while (i < n1) {
            int end = Math.min(i + EXP_BLOCK, n1);
            DoubleVector acc = DoubleVector.zero(S);
            for (; i < end; i += L) {
                DoubleVector xs = DoubleVector.fromArray(S, x, xo + i).sub(mv);
                DoubleVector t = xs.fma(LOG2E, EXP_MAGIC);
                DoubleVector k = t.sub(EXP_MAGIC);
                DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), xs);
                r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
                // Estrin's scheme, dependency depth 6 instead of Horner's 13: e^r = 1 + r + r²·Σ_j r^j/(j+2)!
                DoubleVector r2 = r.mul(r);
                DoubleVector r4 = r2.mul(r2);
                DoubleVector q0 = r.fma(1.0 / 6.0, 1.0 / 2.0);
                DoubleVector q1 = r.fma(1.0 / 120.0, 1.0 / 24.0);
                DoubleVector q2 = r.fma(1.0 / 5040.0, 1.0 / 720.0);
                DoubleVector q3 = r.fma(1.0 / 362880.0, 1.0 / 40320.0);
                DoubleVector q4 = r.fma(1.0 / 39916800.0, 1.0 / 3628800.0);
                DoubleVector q5 = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0);
                DoubleVector p = q1.fma(r2, q0);
                p = q3.fma(r2, q2).fma(r4, p);
                p = q5.fma(r2, q4).fma(r4.mul(r4), p);
                p = p.fma(r2, r).add(1.0);
                DoubleVector pow2k = t.reinterpretAsLongs().lanewise(LSHL, 52).reinterpretAsDoubles();
                DoubleVector e = p.mul(pow2k).blend(0.0, xs.compare(LT, EXP_UNDERFLOW));
                acc = acc.add(e);
            }
            double v = sumLanes(acc);
            c += twoSumError(s, v);
            s += v;
        }
        double v = 0;
        for (; i < n; i++) {
            v += Math.exp(x[xo + i] - m);
        }
        c += twoSumError(s, v);
        s += v;
        return Double.isFinite(s) ? s + c : s;
    }

    static void softmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            double m = max(x, xo, cols);
            // pass 2 writes exp(x − m) to y and sums it; pass 3 scales y in place (the row is still in cache)
            double s = expStoreSum(x, xo, y, yo, cols, m);
            double inv = (1.0 / s);
            int i = 0;
            for (int n1 = S.loopBound(cols); i < n1; i += L) {
                DoubleVector.fromArray(S, y, yo + i).mul(inv).intoArray(y, yo + i);
            }
            for (; i < cols; i++) {
                y[yo + i] *= inv;
            }
        }
    }

    static void logSoftmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            double m = max(x, xo, cols);
            double ls = Math.log(expSum(x, xo, cols, m));
            // (x − m) − ln s, in that order: x − m is exact near the max, where y is small
            DoubleVector mv = DoubleVector.broadcast(S, m);
            DoubleVector lv = DoubleVector.broadcast(S, ls);
            int i = 0;
            for (int n1 = S.loopBound(cols); i < n1; i += L) {
                DoubleVector.fromArray(S, x, xo + i).sub(mv).sub(lv).intoArray(y, yo + i);
            }
            for (; i < cols; i++) {
                y[yo + i] = (x[xo + i] - m) - ls;
            }
        }
    }

    static void logSumExpRows(double[] x, int xOff, double[] out, int outOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            double m = max(x, xo, cols);
            // a non-finite max is the answer itself (the exact limit; avoids −Inf − −Inf = NaN)
            out[outOff + r] = Double.isFinite(m) ? (m + Math.log(expSum(x, xo, cols, m))) : m;
        }
    }
}
