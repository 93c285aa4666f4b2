// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/gemm/ScalarGemm-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.gemm;

import org.vecgrad.engine.kernel.PackedMatrix;

/**
 * The F64 reference GEMM of {@link ScalarGemm} (which says how it loops), and the cases every F64 GEMM settles
 * without a product ({@link #degenerate}). Generated with its twin from {@code ScalarGemm-X.java.template}.
 */
final class ScalarGemmF64 {
    private ScalarGemmF64() {
    }

    /** {@code C = alpha·op(A)·op(B) + beta·C} with plain loops, rows spread over {@link GemmThreads}. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                     double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (degenerate(m, n, k, alpha, beta, c, cOff, ldc)) {
            return;
        }
        if (GemmThreads.runsOnCaller(m, n, k, 1, n)) { // one block: no Block lambda to allocate
            rows(transA, transB, 0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        GemmThreads.forGrid(m, n, k, 1, n, (i0, i1, j0, j1) ->
                rows(transA, transB, i0, i1, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    /** A plain k × n copy of op(B): the {@link PackedMatrix} of {@link ScalarGemm}. */
    static PackedMatrix pack(boolean transB, int k, int n, double[] b, int bOff, int ldb) {
        double[] x = new double[Math.multiplyExact(k, n)];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                x[p * n + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
        }
        return new PackedMatrix(PackedMatrix.Kind.PLAIN, k, n, k, n, null, x);
    }

    /** {@link #gemm} with B made by {@link #pack} (a product refuses any other layout). */
    static void gemmPacked(boolean transA, int m, double alpha, double[] a, int aOff, int lda, PackedMatrix b,
                           double beta, double[] c, int cOff, int ldc) {
        b.require(Double.BYTES == Float.BYTES, PackedMatrix.Kind.PLAIN, b.columns(), b.rows(), "scalar");
        gemm(transA, false, m, b.columns(), b.rows(), alpha, a, aOff, lda, b.f64(), 0, Math.max(1, b.columns()), beta,
                c, cOff, ldc);
    }

    /**
     * Settles the products that need no multiplication and returns true: nothing to do when m or n is 0;
     * {@code C = beta·C} when alpha or k is 0 (beta = 0 writes zeros without reading C). False for every other.
     */
    static boolean degenerate(int m, int n, int k, double alpha, double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (alpha == 0d || k == 0) {
            for (int i = 0; i < m; i++) {
                scaleRow(n, beta, c, cOff + i * ldc);
            }
            return true;
        }
        return false;
    }

    private static void rows(boolean ta, boolean tb, int i0, int i1, int n, int k, double alpha, double[] a, int aOff,
                             int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        // Strides of A(i, p) and B(p, j) along each index absorb the transposes.
        int aI = ta ? 1 : lda;
        int aP = ta ? lda : 1;
        for (int i = i0; i < i1; i++) {
            int ci = cOff + i * ldc;
            int ai = aOff + i * aI;
            if (tb) {
                for (int j = 0; j < n; j++) {
                    double s = 0d;
                    int bj = bOff + j * ldb;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p * aP] * b[bj + p];
                    }
                    c[ci + j] = beta == 0d ? alpha * s : alpha * s + beta * c[ci + j];
                }
            } else {
                scaleRow(n, beta, c, ci);
                for (int p = 0; p < k; p++) {
                    double t = alpha * a[ai + p * aP];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += t * b[bp + j];
                    }
                }
            }
        }
    }

    /** {@code C[i, :] = beta·C[i, :]} on n elements from ci; beta = 0 writes zeros without reading C. */
    private static void scaleRow(int n, double beta, double[] c, int ci) {
        if (beta == 0d) {
            java.util.Arrays.fill(c, ci, ci + n, 0d);
        } else if (beta != 1d) {
            for (int j = 0; j < n; j++) {
                c[ci + j] *= beta;
            }
        }
    }
}
