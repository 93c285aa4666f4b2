package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Axis reductions and softmax along any axis against a direct index-arithmetic oracle. */
class AxisReduceTest {

    static int[] randomShape(SplittableRandom rng) {
        int rank = 1 + rng.nextInt(4);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + rng.nextInt(6);
        }
        return s;
    }

    /** Visits the elements along {@code axis} for output position {@code o} (outer × inner layout). */
    static double[] line(NdArray x, int axis, int o) {
        int[] s = x.shape();
        int inner = 1;
        for (int i = axis + 1; i < s.length; i++) {
            inner *= s[i];
        }
        int outerIdx = o / inner;
        int innerIdx = o % inner;
        double[] v = new double[s[axis]];
        for (int j = 0; j < s[axis]; j++) {
            v[j] = x.getFlat((outerIdx * s[axis] + j) * inner + innerIdx);
        }
        return v;
    }

    @Test
    void reductionsOverEveryAxisMatchTheOracle() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            DType dt = rng.nextBoolean() ? DType.F32 : DType.F64;
            NdArray x = NdArray.uniform(dt, rng, -5, 5, randomShape(rng));
            int axis = rng.nextInt(x.rank());
            NdArray sum = x.sum(axis, false);
            NdArray max = x.max(axis, true);
            NdArray min = x.min(axis - x.rank(), false);
            NdArray mean = x.mean(axis, false);
            int[] arg = x.argmax(axis);
            double tol = dt == DType.F32 ? 1e-5 : 1e-12;
            for (int o = 0; o < sum.size(); o++) {
                double[] v = line(x, axis, o);
                double s = 0;
                double mx = Double.NEGATIVE_INFINITY;
                double mn = Double.POSITIVE_INFINITY;
                int am = 0;
                for (int j = 0; j < v.length; j++) {
                    s += v[j];
                    mn = Math.min(mn, v[j]);
                    if (v[j] > mx) {
                        mx = v[j];
                        am = j;
                    }
                }
                assertEquals(s, sum.getFlat(o), tol * 10);
                assertEquals(s / v.length, mean.getFlat(o), tol * 10);
                assertEquals(mx, max.getFlat(o), 0.0);
                assertEquals(mn, min.getFlat(o), 0.0);
                assertEquals(am, arg[o]);
            }
            assertEquals(x.rank(), max.rank());
            assertEquals(1, max.shape(axis));
            assertEquals(x.rank() - 1, sum.rank());
        });
    }

    @Test
    void softmaxAlongAnyAxisSumsToOneAndMatchesTheOracle() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            NdArray x = NdArray.uniform(DType.F64, rng, -20, 20, randomShape(rng));
            int axis = rng.nextInt(x.rank());
            NdArray p = x.softmax(axis);
            NdArray lp = x.logSoftmax(axis);
            NdArray lse = x.logSumExp(axis, false);
            NdArray pAxisSum = p.sum(axis, false);
            for (int o = 0; o < lse.size(); o++) {
                double[] v = line(x, axis, o);
                double[] pv = line(p, axis, o);
                double[] lv = line(lp, axis, o);
                double m = Double.NEGATIVE_INFINITY;
                for (double e : v) {
                    m = Math.max(m, e);
                }
                double z = 0;
                for (double e : v) {
                    z += Math.exp(e - m);
                }
                double logZ = m + Math.log(z);
                assertEquals(logZ, lse.getFlat(o), 1e-12 * Math.max(1, Math.abs(logZ)));
                assertEquals(1.0, pAxisSum.getFlat(o), 1e-12);
                for (int j = 0; j < v.length; j++) {
                    assertEquals(Math.exp(v[j] - logZ), pv[j], 1e-13);
                    assertEquals(v[j] - logZ, lv[j], 1e-12 * Math.max(1, Math.abs(v[j] - logZ)));
                }
            }
        });
    }

    @Test
    void softmaxIsFiniteForHugeLogits() {
        NdArray x = NdArray.of(new float[] {1e4f, -1e4f, 0, 1e4f}, 2, 2);
        NdArray p = x.softmax(-1);
        assertArrayEquals(new double[] {1, 0, 0, 1}, p.toDoubleArray(), 0.0);
        NdArray lp = x.logSoftmax(1);
        assertEquals(-2e4, lp.get(0, 1), 1.0);
        assertEquals(1e4, x.logSumExp(1, false).get(0), 1e-3);
    }

    @Test
    void logSumExpKeepDimsShape() {
        NdArray x = NdArray.zeros(DType.F64, 2, 3, 4);
        assertArrayEquals(new int[] {2, 1, 4}, x.logSumExp(1, true).shape());
        assertArrayEquals(new int[] {2, 4}, x.logSumExp(1, false).shape());
        assertEquals(Math.log(3), x.logSumExp(1, false).get(1, 2), 1e-15);
    }

    @Test
    void emptyAxisIsRejectedForMaxButSumsToZero() {
        NdArray x = NdArray.zeros(DType.F64, 3, 0);
        assertEquals(NdArray.zeros(DType.F64, 3), x.sum(1, false));
        var e = assertThrows(IllegalArgumentException.class, () -> x.max(1, false));
        assertTrue(e.getMessage().contains("[3, 0]"), e.getMessage());
    }
}
