package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code to(DType)} between every pair of dtypes against an oracle in exact arithmetic ({@link BigDecimal}: its
 * {@code floatValue} and {@code doubleValue} round correctly), and the round trips that must be lossless.
 */
class CastTest {

    /** What element {@code i} of {@code x} becomes in {@code target}, or null when the cast must be refused. */
    static Object expected(NdArray x, int i, DType target) {
        boolean fp = x.dtype().isFloatingPoint();
        double d = x.getFlat(i);
        BigDecimal exact = fp ? (Double.isFinite(d) ? new BigDecimal(d) : null) : BigDecimal.valueOf(x.getFlatLong(i));
        switch (target) {
            case BOOL:
                return fp ? (Boolean) (Double.isNaN(d) || d != 0) : (Boolean) (exact.signum() != 0);
            case F32: // BigDecimal has no -0: a zero keeps its sign
                return exact == null || d == 0 ? (Object) (float) d : (Object) exact.floatValue();
            case F64:
                return exact == null || d == 0 ? (Object) d : (Object) exact.doubleValue();
            case I64:
            case I32:
                if (exact == null) {
                    return null;
                }
                BigInteger t = exact.setScale(0, RoundingMode.DOWN).toBigInteger();
                if (target == DType.I32 && !fp) {
                    return t.intValue(); // the low 32 bits
                }
                BigInteger lo = BigInteger.valueOf(target == DType.I64 ? Long.MIN_VALUE : Integer.MIN_VALUE);
                BigInteger hi = BigInteger.valueOf(target == DType.I64 ? Long.MAX_VALUE : Integer.MAX_VALUE);
                if (t.compareTo(lo) < 0 || t.compareTo(hi) > 0) {
                    return null;
                }
                return target == DType.I64 ? (Object) t.longValueExact() : (Object) t.intValueExact();
            default:
                throw new AssertionError(target);
        }
    }

    static Object actual(NdArray y, int i) {
        return switch (y.dtype()) {
            case F32 -> y.floatData()[y.offset() + i];
            case F64 -> y.doubleData()[y.offset() + i];
            case I64 -> y.longData()[y.offset() + i];
            case I32 -> y.intData()[y.offset() + i];
            case BOOL -> y.booleanData()[y.offset() + i];
        };
    }

    @Test
    void everyCastMatchesTheExactOracleOrIsRefusedNamingTheElement() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            DType from = DTypeData.ALL[rng.nextInt(DTypeData.ALL.length)];
            DType to = DTypeData.ALL[rng.nextInt(DTypeData.ALL.length)];
            NdArray x = DTypeData.random(from, rng, DTypeData.shape(rng, 3, 5)).flatten();
            NdArray view = x.size() > 1 ? x.rows(1, x.size()) : x; // a non-zero offset
            NdArray before = view.copy();
            int firstBad = -1;
            for (int i = 0; i < view.size() && firstBad < 0; i++) {
                if (expected(view, i, to) == null) {
                    firstBad = i;
                }
            }
            if (firstBad >= 0) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> view.to(to));
                assertTrue(e.getMessage().contains("to(" + to + ")") && e.getMessage().contains("element "
                        + firstBad + " ") && e.getMessage().contains(Double.toString(view.getFlat(firstBad))),
                        e.getMessage());
                assertEquals(before, view, "a refused cast changed its source");
                return;
            }
            NdArray y = view.to(to);
            assertEquals(to, y.dtype());
            assertArrayEquals(view.shape(), y.shape());
            for (int i = 0; i < y.size(); i++) {
                assertEquals(expected(view, i, to), actual(y, i), from + " -> " + to + " element " + i + " of "
                        + view);
            }
        });
    }

    @Test
    void losslessRoundTrips() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = rng.nextInt(40);
            NdArray i32 = DTypeData.random(DType.I32, rng, n);
            assertEquals(i32, i32.to(DType.F64).to(DType.I32));
            assertEquals(i32, i32.to(DType.I64).to(DType.I32));
            NdArray f32 = DTypeData.random(DType.F32, rng, n);
            assertEquals(f32, f32.to(DType.F64).to(DType.F32));
            NdArray b = DTypeData.random(DType.BOOL, rng, n);
            for (DType dt : DTypeData.ALL) {
                assertEquals(b, b.to(dt).to(DType.BOOL), "BOOL via " + dt);
            }
            long[] small = new long[n]; // |v| <= 2^53: exact in a double
            for (int i = 0; i < n; i++) {
                small[i] = rng.nextLong(-(1L << 53), (1L << 53) + 1);
            }
            NdArray i64 = NdArray.of(small);
            assertEquals(i64, i64.to(DType.F64).to(DType.I64));
            NdArray integral = NdArray.of(java.util.Arrays.stream(small).asDoubleStream().toArray());
            assertEquals(integral, integral.to(DType.I64).to(DType.F64));
        });
    }

    @Test
    void truncationTowardZeroAndWrapAroundAsPyTorch() {
        assertArrayEquals(new long[] {2, -2, 0, 0, -9223372036854775808L},
                NdArray.of(new double[] {2.9, -2.9, 0.5, -0.5, -0x1p63}).to(DType.I64).toLongArray());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 2147483647},
                NdArray.of(new double[] {-2147483648.9, 2147483647.9}).to(DType.I32).toIntArray());
        assertArrayEquals(new int[] {0, -1, Integer.MIN_VALUE},
                NdArray.of(new long[] {1L << 32, (1L << 32) - 1, 1L << 31}).to(DType.I32).toIntArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.of(new float[] {1, Float.NaN}).to(DType.I64));
        assertTrue(e.getMessage().contains("element 1") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.of(new double[] {0x1p63}).to(DType.I64));
        assertTrue(e.getMessage().contains("9.223372036854776E18") && e.getMessage().contains("I64"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdArray.of(new double[] {-2147483649.0})
                .to(DType.I32));
        assertTrue(e.getMessage().contains("[-2147483648, 2147483647]"), e.getMessage());
    }

    @Test
    void singleValueWritesFollowTheCastRulesAndRefuseWhatDoesNotFit() {
        NdArray i = NdArray.of(new int[] {1, 2});
        NdArray before = i.copy();
        assertThrows(IllegalArgumentException.class, () -> i.setFlat(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> i.setFlatLong(1, 1L << 31));
        assertThrows(IllegalArgumentException.class, () -> i.fill(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> i.set(3e9, 0));
        assertThrows(IllegalArgumentException.class, () -> NdArray.full(DType.I64, 1e19, 2));
        assertThrows(IllegalArgumentException.class, () -> NdArray.arange(DType.I32, 0, 4e9, 1e9));
        assertEquals(before, i);
        assertThrows(IllegalArgumentException.class, () -> NdArray.of(new double[] {Double.NaN}).getFlatLong(0));
        i.fill(-7.9);
        assertArrayEquals(new int[] {-7, -7}, i.toIntArray());
    }
}
