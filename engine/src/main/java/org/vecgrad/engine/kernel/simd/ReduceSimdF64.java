package org.vecgrad.engine.kernel.simd;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 Vector API reductions (see {@link SimdReductions} for the numerical contract). Every loop keeps its vectors
 * in locals and uses only intrinsified operations, so nothing is allocated once C2 has compiled it.
 */
final class ReduceSimdF64 {
    private static final VectorSpecies<Double> S = SimdSpecies.D;
    private static final int L = S.length();
    /** Elements per block of sum/dot: 4 accumulators × 32 vectors each, so each double lane adds ≤ 32 terms. */
    private static final int SUM_BLOCK = 128 * L;
    /** Elements per block of an exp-sum (softmax family); one accumulator, ≤ 16 terms a lane. */
    private static final int EXP_BLOCK = 16 * L;
    /** Elements per block of argmax/argmin: the block max is compared with the best so far once per block. */
    private static final int ARG_BLOCK = 64 * L;

    private ReduceSimdF64() {
    }

    private static DoubleVector load(double[] a, int i) {
        return DoubleVector.fromArray(S, a, i);
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
                a0 = a0.add(load(x, off + i));
                a1 = a1.add(load(x, off + i + L));
                a2 = a2.add(load(x, off + i + 2 * L));
                a3 = a3.add(load(x, off + i + 3 * L));
            }
            double v = a0.add(a1).add(a2.add(a3)).reduceLanes(ADD);
            double t = s + v;
            double z = t - s;
            c += (s - (t - z)) + (v - z);
            s = t;
        }
        // the rest (< 4 vectors and < L scalars) is one more block
        int n1 = S.loopBound(n);
        double v = 0;
        if (i < n1) {
            DoubleVector a = load(x, off + i);
            for (i += L; i < n1; i += L) {
                a = a.add(load(x, off + i));
            }
            v = a.reduceLanes(ADD);
        }
        for (; i < n; i++) {
            v += x[off + i];
        }
        double t = s + v;
        double z = t - s;
        c += (s - (t - z)) + (v - z);
        s = t;
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
                a0 = load(a, aOff + i).fma(load(b, bOff + i), a0);
                a1 = load(a, aOff + i + L).fma(load(b, bOff + i + L), a1);
                a2 = load(a, aOff + i + 2 * L).fma(load(b, bOff + i + 2 * L), a2);
                a3 = load(a, aOff + i + 3 * L).fma(load(b, bOff + i + 3 * L), a3);
            }
            double v = a0.add(a1).add(a2.add(a3)).reduceLanes(ADD);
            double t = s + v;
            double z = t - s;
            c += (s - (t - z)) + (v - z);
            s = t;
        }
        int n1 = S.loopBound(n);
        double v = 0;
        if (i < n1) {
            DoubleVector acc = DoubleVector.zero(S);
            for (; i < n1; i += L) {
                acc = load(a, aOff + i).fma(load(b, bOff + i), acc);
            }
            v = acc.reduceLanes(ADD);
        }
        for (; i < n; i++) {
            v = Math.fma(a[aOff + i], b[bOff + i], v);
        }
        double t = s + v;
        double z = t - s;
        c += (s - (t - z)) + (v - z);
        s = t;
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
        DoubleVector a0 = load(x, off);
        int i = L;
        if (n >= 4 * L) {
            DoubleVector a1 = load(x, off + L);
            DoubleVector a2 = load(x, off + 2 * L);
            DoubleVector a3 = load(x, off + 3 * L);
            // four chains: the AVX2 Math.max sequence (blend/max/unordered-compare) has a long latency
            for (i = 4 * L; i <= n - 4 * L; i += 4 * L) {
                a0 = a0.lanewise(MAX, load(x, off + i));
                a1 = a1.lanewise(MAX, load(x, off + i + L));
                a2 = a2.lanewise(MAX, load(x, off + i + 2 * L));
                a3 = a3.lanewise(MAX, load(x, off + i + 3 * L));
            }
            a0 = a0.lanewise(MAX, a1).lanewise(MAX, a2.lanewise(MAX, a3));
        }
        for (; i <= n - L; i += L) {
            a0 = a0.lanewise(MAX, load(x, off + i));
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
        DoubleVector a0 = load(x, off);
        int i = L;
        if (n >= 4 * L) {
            DoubleVector a1 = load(x, off + L);
            DoubleVector a2 = load(x, off + 2 * L);
            DoubleVector a3 = load(x, off + 3 * L);
            for (i = 4 * L; i <= n - 4 * L; i += 4 * L) {
                a0 = a0.lanewise(MIN, load(x, off + i));
                a1 = a1.lanewise(MIN, load(x, off + i + L));
                a2 = a2.lanewise(MIN, load(x, off + i + 2 * L));
                a3 = a3.lanewise(MIN, load(x, off + i + 3 * L));
            }
            a0 = a0.lanewise(MIN, a1).lanewise(MIN, a2.lanewise(MIN, a3));
        }
        for (; i <= n - L; i += L) {
            a0 = a0.lanewise(MIN, load(x, off + i));
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
            DoubleVector a0 = load(x, off + i);
            i += L;
            if (i < end) {
                DoubleVector a1 = load(x, off + i);
                for (i += L; i + L < end; i += 2 * L) {
                    a0 = a0.lanewise(MAX, load(x, off + i));
                    a1 = a1.lanewise(MAX, load(x, off + i + L));
                }
                if (i < end) {
                    a0 = a0.lanewise(MAX, load(x, off + i));
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
            DoubleVector a0 = load(x, off + i);
            i += L;
            if (i < end) {
                DoubleVector a1 = load(x, off + i);
                for (i += L; i + L < end; i += 2 * L) {
                    a0 = a0.lanewise(MIN, load(x, off + i));
                    a1 = a1.lanewise(MIN, load(x, off + i + L));
                }
                if (i < end) {
                    a0 = a0.lanewise(MIN, load(x, off + i));
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
            VectorMask<Double> eq = load(x, base + j).eq(v);
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
            DoubleVector v = load(x, base + j);
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

    /**
     * Σ exp(x[i] − m) over x[xo, xo+n); when y is not null also stores each exp(x[i] − m) to y[yo + i] (reading
     * x[i] before writing y[i], so x == y is fine). Vector partial sums, each EXP_BLOCK block total added with
     * TwoSum (so the sum's error does not grow with n); the tail is one masked vector.
     */
    private static double expSum(double[] x, int xo, double[] y, int yo, int n, double m) {
        DoubleVector mv = DoubleVector.broadcast(S, m);
        double s = 0;
        double c = 0;
        int i = 0;
        int n1 = S.loopBound(n);
        while (i < n1) {
            int end = Math.min(i + EXP_BLOCK, n1);
            DoubleVector acc = DoubleVector.zero(S);
            if (y != null) {
                for (; i < end; i += L) {
                    DoubleVector e = load(x, xo + i).sub(mv).lanewise(EXP);
                    e.intoArray(y, yo + i);
                    acc = acc.add(e);
                }
            } else {
                for (; i < end; i += L) {
                    acc = acc.add(load(x, xo + i).sub(mv).lanewise(EXP));
                }
            }
            double v = acc.reduceLanes(ADD);
            double t = s + v;
            double z = t - s;
            c += (s - (t - z)) + (v - z);
            s = t;
        }
        if (i < n) {
            VectorMask<Double> mk = S.indexInRange(i, n);
            DoubleVector e = DoubleVector.fromArray(S, x, xo + i, mk).sub(mv).lanewise(EXP);
            if (y != null) {
                e.intoArray(y, yo + i, mk);
            }
            double v = e.reduceLanes(ADD, mk);
            double t = s + v;
            double z = t - s;
            c += (s - (t - z)) + (v - z);
            s = t;
        }
        return Double.isFinite(s) ? s + c : s;
    }

    static void softmaxRows(double[] x, int xOff, double[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            double m = max(x, xo, cols);
            // pass 2 writes exp(x − m) to y and sums it; pass 3 scales y in place (the row is still in cache)
            double s = expSum(x, xo, y, yo, cols, m);
            double inv = 1.0 / s;
            int i = 0;
            for (int n1 = S.loopBound(cols); i < n1; i += L) {
                load(y, yo + i).mul(inv).intoArray(y, yo + i);
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
            double ls = Math.log(expSum(x, xo, null, 0, cols, m));
            // (x − m) − ln s, in that order: x − m is exact near the max, where y is small
            DoubleVector mv = DoubleVector.broadcast(S, m);
            DoubleVector lv = DoubleVector.broadcast(S, ls);
            int i = 0;
            for (int n1 = S.loopBound(cols); i < n1; i += L) {
                load(x, xo + i).sub(mv).sub(lv).intoArray(y, yo + i);
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
            out[outOff + r] = Double.isFinite(m) ? m + Math.log(expSum(x, xo, null, 0, cols, m)) : m;
        }
    }
}
