package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MatMul#gemm}, the one NdArray entry to the GEMM, against a triple loop in F64: every transpose pair, alpha
 * and beta, and every batch layout — batched, an operand broadcast (a matrix or a batch of 1), the products summed
 * into a single C, one product replicated over C's batch, an empty batch — including the two layouts that fold
 * the batch into one GEMM (rows of A, or the depth of a sum of Aᵀ·B).
 */
class MatMulGemmTest {

    /** C = alpha·Σ op(A[t])·op(B[t]) + beta·C per C block, by index arithmetic (also MatMulTest's oracle). */
    static double[] oracle(boolean ta, boolean tb, double alpha, NdArray a, NdArray b, double beta,
                                   NdArray c) {
        int m = c.shape(-2);
        int n = c.shape(-1);
        int k = ta ? a.shape(-2) : a.shape(-1);
        int bA = a.rank() == 3 ? a.shape(0) : 1;
        int bB = b.rank() == 3 ? b.shape(0) : 1;
        int bC = c.rank() == 3 ? c.shape(0) : 1;
        int batch = bA != 1 ? bA : bB != 1 ? bB : bC;
        double[] out = new double[c.size()];
        for (int q = 0; q < bC; q++) {
            for (int i = 0; i < m * n; i++) {
                double old = c.getFlat(q * m * n + i);
                out[q * m * n + i] = beta == 0 ? 0 : beta * old;
            }
        }
        for (int t = 0; t < batch; t++) {
            int qa = bA == 1 ? 0 : t;
            int qb = bB == 1 ? 0 : t;
            int qc = bC == 1 ? 0 : t;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double x = a.getFlat(qa * m * k + (ta ? p * m + i : i * k + p));
                        double y = b.getFlat(qb * k * n + (tb ? j * k + p : p * n + j));
                        s += x * y;
                    }
                    out[qc * m * n + i * n + j] += alpha * s;
                }
            }
        }
        return out;
    }

    private static NdArray rand(SplittableRandom r, DType dt, int... shape) {
        NdArray x = NdArray.zeros(dt, shape);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, (r.nextInt(2048) - 1024) / 1024.0);
        }
        return x;
    }

    private static int[] shape(int batch, int rows, int cols) {
        return batch < 0 ? new int[] {rows, cols} : new int[] {batch, rows, cols};
    }

    @Test
    void everyTransposeScaleAndBatchLayoutMatchesTheOracle() {
        // batches of A, B and C: -1 for a matrix
        int[][] layouts = {{-1, -1, -1}, {3, 3, 3}, {3, -1, 3}, {3, 1, 3}, {-1, 3, 3}, {1, 3, 3}, {3, 3, -1},
            {3, -1, -1}, {-1, 3, -1}, {3, 3, 1}, {-1, -1, 3}, {0, 0, 0}, {0, -1, -1}, {-1, 0, 0}};
        double[][] scales = {{1, 0}, {1, 1}, {-0.5, 2}, {0, 1.5}};
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            boolean ta = r.nextBoolean();
            boolean tb = r.nextBoolean();
            int[] l = layouts[r.nextInt(layouts.length)];
            double[] s = scales[r.nextInt(scales.length)];
            int m = r.nextInt(0, 20);
            int k = r.nextInt(0, r.nextBoolean() ? 300 : 12);   // past 256 the depth spans two blocks
            int n = r.nextInt(0, 20);
            NdArray a = rand(r, dt, shape(l[0], ta ? k : m, ta ? m : k));
            NdArray b = rand(r, dt, shape(l[1], tb ? n : k, tb ? k : n));
            NdArray c = rand(r, dt, shape(l[2], m, n));
            double[] want = oracle(ta, tb, s[0], a, b, s[1], c);
            MatMul.gemm(ta, tb, s[0], a, b, s[1], c);
            String what = dt + " " + (ta ? "Aᵀ" : "A") + Shapes.str(a.shape()) + " · " + (tb ? "Bᵀ" : "B")
                    + Shapes.str(b.shape()) + " → C" + Shapes.str(c.shape()) + " alpha " + s[0] + " beta " + s[1];
            double tol = (dt == DType.F32 ? 1e-5 : 1e-13) * (k * 3 + 1);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], c.getFlat(i), tol, what + ", element " + i);
            }
        });
    }

    @Test
    void betaZeroDoesNotReadC() {
        NdArray a = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);    // stored 3 × 2, used transposed
        NdArray b = NdArray.of(new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
        NdArray c = NdArray.full(DType.F64, Double.NaN, 2, 2);
        MatMul.gemm(true, false, 1, a, b, 0, c);
        assertEquals("[6.0, 8.0, 8.0, 10.0]", Arrays.toString(c.toDoubleArray()));
    }

    @Test
    void viewsWithAnOffsetAreReadAtTheirOffset() {
        SplittableRandom r = new SplittableRandom(5);
        NdArray big = rand(r, DType.F32, 6, 4);
        NdArray a = big.rows(2, 5);                                        // offset 8
        NdArray b = rand(r, DType.F32, 5, 4);
        NdArray out = NdArray.zeros(DType.F32, 8, 5);
        NdArray c = out.rows(3, 6);                                        // C is a view too
        double[] want = oracle(false, true, 1, a.copy(), b, 0, c.copy());
        MatMul.gemm(false, true, 1, a, b, 0, c);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], c.getFlat(i), 1e-5);
        }
        for (int i = 0; i < out.size(); i++) {
            assertTrue(i >= 15 && i < 30 || out.getFlat(i) == 0, "element " + i + " outside the view was written");
        }
    }
}
