package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * sum, max, min, argmax and argmin for every dtype they take, against loops: integer sums are I64 (a BOOL sum
 * counts the trues), argmax/argmin return the first extreme (ties go to the lowest index) and treat NaN as the
 * extreme, as PyTorch does.
 */
class DTypeReductionTest {

    /** Index of the first maximum (minimum) along {@code axis} at output position {@code o}; the first NaN wins. */
    static int argOracle(boolean max, NdArray x, int axis, int o) {
        double[] v = AxisReduceTest.line(x, axis, o);
        long[] l = lineLong(x, axis, o);
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (x.dtype().isFloatingPoint()) {
                if (Double.isNaN(v[best])) {
                    break;
                }
                if (Double.isNaN(v[j]) || (max ? Double.compare(v[j], v[best]) > 0 && v[j] != v[best]
                        : Double.compare(v[j], v[best]) < 0 && v[j] != v[best])) {
                    best = j;
                }
            } else if (max ? l[j] > l[best] : l[j] < l[best]) {
                best = j;
            }
        }
        return best;
    }

    static long[] lineLong(NdArray x, int axis, int o) {
        if (x.dtype().isFloatingPoint()) {
            return null;
        }
        int[] s = x.shape();
        int inner = 1;
        for (int i = axis + 1; i < s.length; i++) {
            inner *= s[i];
        }
        long[] v = new long[s[axis]];
        for (int j = 0; j < s[axis]; j++) {
            v[j] = x.getFlatLong(((o / inner) * s[axis] + j) * inner + o % inner);
        }
        return v;
    }

    @Test
    void argmaxAndArgminTakeTheFirstExtremeAndNaNWins() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            DType dt = new DType[] {DType.F32, DType.F64, DType.I64, DType.I32}[rng.nextInt(4)];
            NdArray x = DTypeData.offset(DTypeData.random(dt, rng, AxisReduceTest.randomShape(rng)), rng);
            int axis = rng.nextInt(x.rank());
            boolean keep = rng.nextBoolean();
            int[] argmax = x.argmax(axis);
            int[] argmin = x.argmin(axis);
            NdArray amax = x.argmax(axis, keep);
            NdArray amin = x.argmin(axis - x.rank(), keep);
            int[] reduced = x.sum(axis, keep).shape();
            assertArrayEquals(reduced, amax.shape());
            assertArrayEquals(reduced, amin.shape());
            assertEquals(DType.I64, amax.dtype());
            for (int o = 0; o < argmax.length; o++) {
                assertEquals(argOracle(true, x, axis, o), argmax[o], dt + " argmax at " + o + " of " + x);
                assertEquals(argOracle(false, x, axis, o), argmin[o], dt + " argmin at " + o + " of " + x);
                assertEquals(argmax[o], amax.getFlatLong(o));
                assertEquals(argmin[o], amin.getFlatLong(o));
            }
            NdArray flat = x.flatten();
            assertEquals(argOracle(true, flat, 0, 0), x.argmax());
            assertEquals(argOracle(false, flat, 0, 0), x.argmin());
        });
    }

    @Test
    void tiesAndNaNFollowPyTorch() {
        NdArray x = NdArray.of(new double[] {1, 3, 3, Double.NaN, 5, Double.NaN}, 2, 3);
        assertArrayEquals(new long[] {1, 0}, x.argmax(1, false).toLongArray());
        assertArrayEquals(new long[] {0, 0}, x.argmin(1, false).toLongArray());
        assertArrayEquals(new long[] {1, 1, 1}, x.argmax(0, false).toLongArray());
        assertEquals(3, x.argmax());
        NdArray i = NdArray.of(new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE}, 1, 3);
        assertArrayEquals(new long[] {0}, i.argmax(1, false).toLongArray());
        assertArrayEquals(new int[] {1, 1}, i.argmin(1, true).shape());
        assertEquals(1, i.argmin());
    }

    @Test
    void integerSumsAreI64AndBoolSumsCountTrues() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            DType dt = new DType[] {DType.I64, DType.I32, DType.BOOL}[rng.nextInt(3)];
            NdArray x = DTypeData.offset(DTypeData.random(dt, rng, AxisReduceTest.randomShape(rng)), rng);
            int axis = rng.nextInt(x.rank());
            NdArray sum = x.sum(axis, false);
            NdArray max = x.max(axis, true);
            NdArray min = x.min(axis, false);
            assertEquals(DType.I64, sum.dtype());
            assertEquals(dt, max.dtype());
            assertEquals(dt, min.dtype());
            long total = 0;
            for (int o = 0; o < sum.size(); o++) {
                long[] v = lineLong(x, axis, o);
                long s = 0;
                long mx = Long.MIN_VALUE;
                long mn = Long.MAX_VALUE;
                for (long e : v) {
                    s += e; // wraps as the documented int64 sum does
                    mx = Math.max(mx, e);
                    mn = Math.min(mn, e);
                }
                assertEquals(s, sum.getFlatLong(o), dt + " sum at " + o);
                assertEquals(mx, max.getFlatLong(o), dt + " max at " + o);
                assertEquals(mn, min.getFlatLong(o), dt + " min at " + o);
                total += s;
            }
            assertEquals(total, x.sumLong());
            assertEquals((double) total, x.sum());
        });
        NdArray mask = NdArray.of(new boolean[] {true, false, true, true}, 2, 2);
        assertArrayEquals(new long[] {2, 1}, mask.sum(0, false).toLongArray());
        assertEquals(3, mask.sumLong());
        assertEquals(1.0, mask.max());
        assertEquals(0.0, mask.min());
        assertEquals(-5.0, NdArray.of(new int[] {3, -5, 4}).min());
        assertEquals(0L, NdArray.zeros(DType.I32, 3, 0).sum(1, false).sumLong());
        assertArrayEquals(new int[] {3}, NdArray.zeros(DType.I32, 3, 0).sum(1, false).shape());
    }
}
