package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** NdArray.matmul: 2-D, batched 3-D with broadcast batch, and its error messages. */
class MatMulTest {

    private static final SplittableRandom RNG = new SplittableRandom(11);

    private static NdArray rand(DType dt, int... shape) {
        NdArray x = NdArray.zeros(dt, shape);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, (RNG.nextInt(2048) - 1024) / 1024.0);
        }
        return x;
    }

    /** out[b, i, j] = Σ_p a[b or 0, i, p]·b[b or 0, p, j] in F64: {@link MatMulGemmTest#oracle} into zeros. */
    private static double[] oracle(NdArray a, NdArray b, int batch) {
        NdArray c = NdArray.zeros(DType.F64, batch, a.shape(-2), b.shape(-1));
        return MatMulGemmTest.oracle(false, false, 1, a, b, 0, c);
    }

    private static void check(int[] sa, int[] sb, int[] expectedShape) {
        for (DType dt : new DType[] {DType.F32, DType.F64}) {
            NdArray a = rand(dt, sa);
            NdArray b = rand(dt, sb);
            NdArray c = a.matmul(b);
            assertArrayEquals(expectedShape, c.shape());
            assertEquals(dt, c.dtype());
            int batch = expectedShape.length == 3 ? expectedShape[0] : 1;
            double[] ref = oracle(a, b, batch);
            double tol = (dt == DType.F32 ? 1e-5 : 1e-13) * a.shape(-1);
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], c.getFlat(i), tol, dt + " element " + i);
            }
        }
    }

    @Test
    void twoD() {
        check(new int[] {7, 5}, new int[] {5, 9}, new int[] {7, 9});
        check(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
        check(new int[] {33, 70}, new int[] {70, 17}, new int[] {33, 17});
    }

    @Test
    void batchedAndBroadcast() {
        check(new int[] {3, 4, 5}, new int[] {3, 5, 6}, new int[] {3, 4, 6});
        check(new int[] {1, 4, 5}, new int[] {3, 5, 6}, new int[] {3, 4, 6});
        check(new int[] {3, 4, 5}, new int[] {1, 5, 6}, new int[] {3, 4, 6});
        check(new int[] {4, 5}, new int[] {3, 5, 6}, new int[] {3, 4, 6});
        check(new int[] {3, 4, 5}, new int[] {5, 6}, new int[] {3, 4, 6});
        check(new int[] {1, 4, 5}, new int[] {5, 6}, new int[] {1, 4, 6});
    }

    @Test
    void viewsWithAnOffsetAndEmptyDepth() {
        NdArray big = rand(DType.F32, 3, 4, 5);
        NdArray a = big.reshape(12, 5).rows(4, 8); // rows 4..7 share big's storage, offset 20
        NdArray b = rand(DType.F32, 5, 3);
        double[] ref = oracle(a.copy(), b, 1);
        NdArray c = a.matmul(b);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], c.getFlat(i), 1e-5);
        }
        NdArray z = NdArray.zeros(DType.F64, 2, 0).matmul(NdArray.zeros(DType.F64, 0, 3));
        assertArrayEquals(new int[] {2, 3}, z.shape());
        assertArrayEquals(new double[6], z.toDoubleArray());
    }

    @Test
    void shapeErrorsNameBothShapes() {
        NdArray a = NdArray.zeros(DType.F32, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.matmul(NdArray.zeros(DType.F32, 4, 5)));
        assertTrue(e.getMessage().contains(Shapes.str(new int[] {2, 3}))
                && e.getMessage().contains(Shapes.str(new int[] {4, 5})), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NdArray.zeros(DType.F32, 2, 2, 3).matmul(NdArray.zeros(DType.F32, 3, 3, 4)));
        assertTrue(e.getMessage().contains("batch") && e.getMessage().contains(Shapes.str(new int[] {2, 2, 3}))
                && e.getMessage().contains(Shapes.str(new int[] {3, 3, 4})), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.matmul(NdArray.zeros(DType.F32, 3)));
        assertTrue(e.getMessage().contains("2-D or 3-D") && e.getMessage().contains(Shapes.str(new int[] {3})),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.matmul(NdArray.zeros(DType.F64, 3, 4)));
        assertTrue(e.getMessage().contains("F32") && e.getMessage().contains("F64"), e.getMessage());
    }
}
