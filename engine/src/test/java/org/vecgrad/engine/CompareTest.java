package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Comparisons and logical operations with broadcasting, for every dtype, against a scalar oracle written
 * differently from the implementation: {@link Double#compare} (with the IEEE rules for NaN and ±0 added by hand)
 * for floating point, {@link BigDecimal} for integers and for comparisons with a double scalar.
 */
class CompareTest {

    /** The truth table: which comparisons hold when a − b is negative, zero or positive. */
    static boolean fromSign(CompareOp op, int c) {
        EnumSet<CompareOp> holds = c < 0 ? EnumSet.of(CompareOp.NE, CompareOp.LT, CompareOp.LE)
                : c == 0 ? EnumSet.of(CompareOp.EQ, CompareOp.LE, CompareOp.GE)
                : EnumSet.of(CompareOp.NE, CompareOp.GT, CompareOp.GE);
        return holds.contains(op);
    }

    /** IEEE comparison: NaN unordered (only NE holds), −0 = +0. */
    static boolean oracle(CompareOp op, double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return op == CompareOp.NE;
        }
        return fromSign(op, x == 0 && y == 0 ? 0 : Double.compare(x, y));
    }

    /** An element as an exact number (integers and BOOL) or null for floating point. */
    static BigDecimal exact(NdArray a, int i) {
        return a.dtype().isFloatingPoint() ? null : BigDecimal.valueOf(a.getFlatLong(i));
    }

    static boolean oracleScalar(CompareOp op, NdArray a, int i, double s) {
        if (a.dtype().isFloatingPoint() || !Double.isFinite(s)) {
            return oracle(op, a.getFlat(i), s); // an integer is finite: against ±∞ the double order is exact
        }
        return fromSign(op, exact(a, i).compareTo(new BigDecimal(s)));
    }

    @Test
    void arrayComparisonsBroadcastAndMatchTheOracleForEveryDtype() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            DType dt = DTypeData.ALL[rng.nextInt(DTypeData.ALL.length)];
            int[][] shapes = BroadcastTest.randomPair(rng);
            NdArray a = DTypeData.offset(DTypeData.random(dt, rng, shapes[0]), rng);
            NdArray b = DTypeData.offset(DTypeData.random(dt, rng, shapes[1]), rng);
            if (rng.nextBoolean() && b.size() > 0) { // equal pairs are common: ties must be found
                b = a.size() == b.size() ? a.reshape(b.shape()) : b;
            }
            CompareOp op = CompareOp.values()[rng.nextInt(6)];
            NdArray aBefore = a.copy();
            NdArray m = a.compare(op, b);
            int[] os = Shapes.broadcast(a.shape(), b.shape());
            assertEquals(DType.BOOL, m.dtype());
            assertArrayEquals(os, m.shape());
            for (int k = 0; k < m.size(); k++) {
                int[] idx = DTypeData.unravel(k, os);
                int i = BroadcastTest.project(idx, a.shape());
                int j = BroadcastTest.project(idx, b.shape());
                boolean want = dt.isFloatingPoint() ? oracle(op, a.getFlat(i), b.getFlat(j))
                        : fromSign(op, exact(a, i).compareTo(exact(b, j)));
                assertEquals(want, m.booleanData()[k], dt + " " + a.getFlat(i) + " " + op + " " + b.getFlat(j));
            }
            assertEquals(aBefore, a);
        });
    }

    @Test
    void namedComparisonsAreTheirOps() {
        NdArray a = NdArray.of(new float[] {1, Float.NaN, 3, -0f});
        NdArray b = NdArray.of(new float[] {1, Float.NaN, 2, 0f});
        assertArrayEquals(new boolean[] {true, false, false, true}, a.eq(b).toBooleanArray());
        assertArrayEquals(new boolean[] {false, true, true, false}, a.ne(b).toBooleanArray());
        assertArrayEquals(new boolean[] {false, false, false, false}, a.lt(b).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, false, true}, a.le(b).toBooleanArray());
        assertArrayEquals(new boolean[] {false, false, true, false}, a.gt(b).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, true, true}, a.ge(b).toBooleanArray());
        assertArrayEquals(new boolean[] {false, false, true, false}, a.gt(2).toBooleanArray());
        assertArrayEquals(new boolean[] {true, true, false, true}, a.ne(3).toBooleanArray());
        assertArrayEquals(new boolean[] {false, false, false, true}, a.lt(1).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, false, true}, a.le(1).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, true, false}, a.ge(1).toBooleanArray());
        assertArrayEquals(new boolean[] {false, false, false, true}, a.eq(0).toBooleanArray());
    }

    @Test
    void scalarComparisonsAreExactForLargeIntegers() {
        double[] scalars = {0, -0.0, 0.5, -0.5, 2, 2.5, 0x1p53, 0x1p53 + 2, 0x1p63, -0x1p63, 0x1p64, -0x1p64,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 2147483647.5};
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            DType dt = DTypeData.ALL[rng.nextInt(DTypeData.ALL.length)];
            NdArray a = DTypeData.offset(DTypeData.random(dt, rng, DTypeData.shape(rng, 3, 4)), rng);
            double s = rng.nextBoolean() ? scalars[rng.nextInt(scalars.length)]
                    : rng.nextBoolean() ? rng.nextInt(-4, 5) : (double) DTypeData.SPECIAL_LONG[rng.nextInt(
                            DTypeData.SPECIAL_LONG.length)];
            CompareOp op = CompareOp.values()[rng.nextInt(6)];
            NdArray m = a.compare(op, s);
            assertArrayEquals(a.shape(), m.shape());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(oracleScalar(op, a, i, s), m.getFlatLong(i) == 1, dt + " element " + i + " "
                        + (dt.isFloatingPoint() ? a.getFlat(i) : a.getFlatLong(i)) + " " + op + " " + s);
            }
        });
        // the cases a double comparison gets wrong: 2^53 + 1 rounds to 2^53, Long.MAX_VALUE to 2^63
        NdArray big = NdArray.of(new long[] {(1L << 53) + 1, Long.MAX_VALUE});
        assertArrayEquals(new boolean[] {false, false}, big.eq(0x1p53).toBooleanArray());
        assertArrayEquals(new boolean[] {true, true}, big.gt(0x1p53).toBooleanArray());
        assertArrayEquals(new boolean[] {true, true}, big.lt(0x1p63).toBooleanArray());
    }

    @Test
    void logicalOpsBroadcastAndMatchTheirTruthTables() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            int[][] shapes = BroadcastTest.randomPair(rng);
            NdArray a = DTypeData.offset(DTypeData.random(DType.BOOL, rng, shapes[0]), rng);
            NdArray b = DTypeData.offset(DTypeData.random(DType.BOOL, rng, shapes[1]), rng);
            NdArray and = a.logicalAnd(b);
            NdArray or = a.logicalOr(b);
            NdArray xor = a.logicalXor(b);
            int[] os = and.shape();
            assertArrayEquals(Shapes.broadcast(a.shape(), b.shape()), os);
            for (int k = 0; k < and.size(); k++) {
                int[] idx = DTypeData.unravel(k, os);
                long p = a.getFlatLong(BroadcastTest.project(idx, a.shape()));
                long q = b.getFlatLong(BroadcastTest.project(idx, b.shape()));
                assertEquals(p * q, and.getFlatLong(k));
                assertEquals(Math.max(p, q), or.getFlatLong(k));
                assertEquals((p + q) % 2, xor.getFlatLong(k));
            }
            NdArray not = a.logicalNot();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(1 - a.getFlatLong(i), not.getFlatLong(i));
            }
        });
    }
}
