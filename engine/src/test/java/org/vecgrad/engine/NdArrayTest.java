package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NdArrayTest {

    @Test
    void factoriesFillShapeAndDtype() {
        NdArray z = NdArray.zeros(DType.F64, 2, 3);
        assertArrayEquals(new int[] {2, 3}, z.shape());
        assertEquals(6, z.size());
        assertEquals(0.0, z.sum());
        assertEquals(6.0, NdArray.ones(DType.F32, 2, 3).sum());
        assertEquals(2.5, NdArray.full(DType.F64, 2.5, 4).get(3));
        assertEquals(0, NdArray.scalar(DType.F32, 3).rank());
        assertEquals(3.0, NdArray.scalar(DType.F32, 3).item());
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5}, NdArray.arange(DType.F64, 0, 2, 0.5).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2}, NdArray.arange(DType.F32, 3).toDoubleArray());
        assertEquals(0, NdArray.arange(DType.F64, 5, 0, 1).size());
    }

    @Test
    void seededRandomIsReproducibleAndHasTheRightMoments() {
        NdArray a = NdArray.randn(DType.F64, new SplittableRandom(7), 100_000);
        NdArray b = NdArray.randn(DType.F64, new SplittableRandom(7), 100_000);
        assertEquals(a, b);
        assertEquals(0.0, a.mean(), 0.02);
        assertEquals(1.0, a.square().mean(), 0.02);
        NdArray u = NdArray.uniform(DType.F32, new SplittableRandom(1), -2, 6, 100_000);
        assertTrue(u.min() >= -2 && u.max() < 6);
        assertEquals(2.0, u.mean(), 0.05);
    }

    @Test
    void ofCopiesAndWrapShares() {
        float[] data = {1, 2, 3, 4, 5, 6};
        NdArray copied = NdArray.of(data, 2, 3);
        NdArray shared = NdArray.wrap(data, 2, 2, 2);
        data[2] = 30;
        assertEquals(3.0, copied.get(0, 2));
        assertEquals(30.0, shared.get(0, 0));
        assertEquals(6.0, shared.get(1, 1));
    }

    @Test
    void reshapeIsAViewAndInfersMinusOne() {
        NdArray a = NdArray.arange(DType.F64, 12);
        NdArray v = a.reshape(3, -1);
        assertArrayEquals(new int[] {3, 4}, v.shape());
        v.set(100, 2, 3);
        assertEquals(100.0, a.get(11));
        var e = assertThrows(IllegalArgumentException.class, () -> a.reshape(5, -1));
        assertTrue(e.getMessage().contains("[5, -1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> a.reshape(2, 5));
    }

    @Test
    void rowAndRowsAreViews() {
        NdArray m = NdArray.arange(DType.F32, 12).reshape(3, 4);
        NdArray r = m.row(1);
        assertArrayEquals(new double[] {4, 5, 6, 7}, r.toDoubleArray());
        NdArray rs = m.rows(1, 3);
        assertArrayEquals(new int[] {2, 4}, rs.shape());
        rs.fill(-1);
        assertEquals(-1.0, m.get(2, 3));
        assertEquals(3.0, m.get(0, 3));
    }

    @Test
    void copyIsIndependentAndConversionRoundTrips() {
        NdArray a = NdArray.of(new double[] {1.5, -2.25, 1e-3});
        NdArray c = a.copy();
        c.setFlat(0, 9);
        assertEquals(1.5, a.getFlat(0));
        NdArray f = a.to(DType.F32);
        assertEquals(DType.F32, f.dtype());
        assertEquals((float) 1e-3, (float) f.getFlat(2));
        assertEquals(a.to(DType.F32).to(DType.F64).getFlat(1), -2.25);
    }

    @Test
    void permuteMovesAxes() {
        NdArray a = NdArray.arange(DType.F64, 24).reshape(2, 3, 4);
        NdArray p = a.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(a.get(i, j, k), p.get(k, i, j));
                }
            }
        }
        NdArray m = NdArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(NdArray.of(new double[][] {{1, 4}, {2, 5}, {3, 6}}), m.transpose());
        assertThrows(IllegalArgumentException.class, () -> a.permute(0, 0, 1));
    }

    @Test
    void concatAlongAnyAxis() {
        NdArray a = NdArray.of(new double[][] {{1, 2}, {3, 4}});
        NdArray b = NdArray.of(new double[][] {{5, 6}});
        assertEquals(NdArray.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), NdArray.concat(0, a, b));
        NdArray c = NdArray.of(new double[][] {{7}, {8}});
        assertEquals(NdArray.of(new double[][] {{1, 2, 7}, {3, 4, 8}}), NdArray.concat(1, a, c));
        var e = assertThrows(IllegalArgumentException.class, () -> NdArray.concat(1, a, b));
        assertTrue(e.getMessage().contains("[1, 2]") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }

    @Test
    void equalityIsBitwiseAndAllCloseHasTolerances() {
        NdArray a = NdArray.of(new double[] {1, Double.NaN});
        assertEquals(a, NdArray.of(new double[] {1, Double.NaN}));
        assertNotEquals(NdArray.of(new double[] {0.0}), NdArray.of(new double[] {-0.0}));
        assertNotEquals(NdArray.of(new double[] {1}), NdArray.of(new float[] {1}));
        assertFalse(a.allClose(a));
        assertTrue(a.allClose(a, 0, 0, true));
        assertTrue(NdArray.of(new double[] {1}).allClose(NdArray.of(new double[] {1 + 1e-6})));
        assertFalse(NdArray.of(new double[] {1}).allClose(NdArray.of(new double[] {1 + 1e-4})));
    }

    @Test
    void toStringShowsNestedValues() {
        assertEquals("NdArray(F64 [2, 2]) [[1.0, 2.0], [3.0, 4.0]]",
                NdArray.of(new double[][] {{1, 2}, {3, 4}}).toString());
    }

    @Test
    void badInputGetsClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(DType.F32, 3, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> NdArray.of(new float[5], 2, 3));
        assertTrue(e2.getMessage().contains("5") && e2.getMessage().contains("[2, 3]"), e2.getMessage());
        assertThrows(NullPointerException.class, () -> NdArray.zeros(DType.F32, 2).add((NdArray) null));
        assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(DType.F32, 2, 2).sum(2, false));
        var e3 = assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(DType.F32, 0).max());
        assertTrue(e3.getMessage().contains("empty"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> NdArray.zeros(DType.F32, 2).clamp(1, 0));
        assertTrue(e4.getMessage().contains("lo=1.0"), e4.getMessage());
        var e5 = assertThrows(IllegalStateException.class, () -> NdArray.zeros(DType.F64, 2).floatData());
        assertTrue(e5.getMessage().contains("F64"), e5.getMessage());
        NdArray x = NdArray.ones(DType.F64, 3);
        NdArray wrongOut = NdArray.full(DType.F64, 5, 4);
        assertThrows(IllegalArgumentException.class, () -> x.apply(UnaryOp.EXP, 0, 0, wrongOut));
        assertEquals(NdArray.full(DType.F64, 5, 4), wrongOut);
        assertThrows(IndexOutOfBoundsException.class, () -> x.get(3));
    }

    @Test
    void activationsThroughTheArrayApi() {
        NdArray x = NdArray.of(new double[] {-2, 0, 3});
        assertEquals(NdArray.of(new double[] {0, 0, 3}), x.relu());
        assertEquals(NdArray.of(new double[] {-0.2, 0, 3}), x.leakyRelu(0.1));
        assertEquals(NdArray.of(new double[] {0, 0, 1}), x.step());
        assertEquals(NdArray.of(new double[] {-1, 0, 1}), x.hardTanh());
        assertEquals(NdArray.of(new double[] {0, 0.5, 1}), x.hardSigmoid());
        assertEquals(NdArray.of(new double[] {0, 0, 1}), x.derivative(UnaryOp.RELU));
        assertEquals(1 / (1 + Math.exp(2)), x.sigmoid().getFlat(0), 1e-15);
        NdArray g = NdArray.of(new double[] {10, 10, 10});
        NdArray y = x.apply(UnaryOp.SQUARE);
        assertEquals(NdArray.of(new double[] {-40, 0, 60}),
                x.unaryBackward(UnaryOp.SQUARE, 0, 0, y, g, NdArray.zerosLike(x)));
    }

    @Test
    void addScaledIsAxpy() {
        NdArray y = NdArray.of(new float[] {1, 2, 3});
        y.addScaledInPlace(2, NdArray.of(new float[] {1, 1, -1}));
        assertEquals(NdArray.of(new float[] {3, 4, 1}), y);
    }
}
