package org.vecgrad.engine;

import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.gemm.GemmThreads;
import org.vecgrad.engine.kernel.PackedMatrix;

/**
 * BLAS-style matrix multiply on raw row-major arrays, validated, then run by the active kernel backend
 * ({@link Kernels#active()}: the Vector API GEMM, or the scalar reference).
 *
 * <p>{@code C = alpha·op(A)·op(B) + beta·C} where op(A) is m × k, op(B) is k × n and C is m × n. Element (i, j) of
 * a stored matrix X sits at {@code x[xOff + i·ldx + j]}; with {@code transA} A is stored k × m and op(A) = Aᵀ
 * (likewise B). BLAS conventions: beta = 0 means C is not read (NaN or Inf there does not leak into the result);
 * alpha = 0 or k = 0 only scales C by beta (A and B are not read); elements of {@code c} outside the m × n window
 * are never written.
 *
 * <p>A B that meets many A (a layer's weight over batches or time steps) can be packed once ({@link #spack},
 * {@link #dpack}) and passed to the {@code sgemm}/{@code dgemm} overloads that take a {@link PackedMatrix}: same
 * bits as the unpacked product, without packing B on every call, and each row of C independent of the others.
 *
 * <p>Threads: products are spread over a dedicated pool of daemon threads ({@link #setNumThreads}, system property
 * {@code vecgrad.threads}, default: available processors) by cutting C into blocks along m and n, never along k,
 * so results are bit-identical for every thread count. Safe to call from many threads at once and from inside
 * tasks of the pool itself. {@link #shutdown()} ends the pool's threads.
 */
public final class Blas {
    private Blas() {
    }

    /** F32 GEMM: {@code C = alpha·op(A)·op(B) + beta·C}; only the m × n window of {@code c} is modified. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                             int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a == null ? -1 : a.length, aOff, lda, b == null ? -1 : b.length, bOff, ldb,
                c == null ? -1 : c.length, cOff, ldc);
        Kernels.active().gemm().sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
                c, cOff, ldc);
    }

    /** F64 GEMM: {@code C = alpha·op(A)·op(B) + beta·C}; only the m × n window of {@code c} is modified. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff,
                             int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a == null ? -1 : a.length, aOff, lda, b == null ? -1 : b.length, bOff, ldb,
                c == null ? -1 : c.length, cOff, ldc);
        Kernels.active().gemm().dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
                c, cOff, ldc);
    }

    /**
     * Packs op(B) (k × n; with {@code transB} B is stored n × k) once, in the active backend's layout, for
     * {@link #sgemm(boolean, int, float, float[], int, int, PackedMatrix, float, float[], int, int)}: a B that meets
     * many A (a weight over time steps or batches) then skips packing it in every product. The result is a copy.
     */
    public static PackedMatrix spack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        checkPack(transB, k, n, b == null ? -1 : b.length, bOff, ldb);
        return Kernels.active().gemm().spack(transB, k, n, b, bOff, ldb);
    }

    /** F64 {@link #spack}. */
    public static PackedMatrix dpack(boolean transB, int k, int n, double[] b, int bOff, int ldb) {
        checkPack(transB, k, n, b == null ? -1 : b.length, bOff, ldb);
        return Kernels.active().gemm().dpack(transB, k, n, b, bOff, ldb);
    }

    /**
     * F32 GEMM on a packed B ({@link #spack}, k × n): {@code C = alpha·op(A)·B + beta·C}, op(A) m × k; only the
     * m × n window of {@code c} is modified. Bit for bit the product {@link #sgemm(boolean, boolean, int, int, int,
     * float, float[], int, int, float[], int, int, float, float[], int, int)} gives on the unpacked B, and each row
     * of C does not depend on m or the other rows (a batch of rows gives what each row gives alone).
     *
     * @throws IllegalArgumentException for a bad window of A or C, or a B packed as F64 or by another backend
     */
    public static void sgemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
                             float beta, float[] c, int cOff, int ldc) {
        checkPacked(transA, m, b, a == null ? -1 : a.length, aOff, lda, c == null ? -1 : c.length, cOff, ldc);
        Kernels.active().gemm().sgemm(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    /** F64 {@link #sgemm(boolean, int, float, float[], int, int, PackedMatrix, float, float[], int, int)}. */
    public static void dgemm(boolean transA, int m, double alpha, double[] a, int aOff, int lda, PackedMatrix b,
                             double beta, double[] c, int cOff, int ldc) {
        checkPacked(transA, m, b, a == null ? -1 : a.length, aOff, lda, c == null ? -1 : c.length, cOff, ldc);
        Kernels.active().gemm().dgemm(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    /** Threads a product may use. */
    public static int numThreads() {
        return GemmThreads.numThreads();
    }

    /** Sets the threads later products may use (≥ 1; 1 runs on the calling thread only). */
    public static void setNumThreads(int n) {
        GemmThreads.setNumThreads(n);
    }

    /**
     * Runs {@code body} with the products it calls on this thread using at most {@code n} threads (≥ 1), without
     * changing {@link #numThreads()} for anyone else or restarting the pool. Nested calls keep the smaller cap.
     */
    public static void withMaxThreads(int n, Runnable body) {
        GemmThreads.withMaxThreads(n, body);
    }

    /**
     * Ends the GEMM pool's threads and waits for them (up to 10 s). Later products start a new pool.
     *
     * @return true if all threads ended in time
     */
    public static boolean shutdown() {
        return GemmThreads.shutdown();
    }

    /** Validates every argument; a length of -1 means a null array. Throws before anything is written. */
    static void check(boolean transA, boolean transB, int m, int n, int k, int aLen, int aOff, int lda,
                      int bLen, int bOff, int ldb, int cLen, int cOff, int ldc) {
        if (m < 0) {
            throw new IllegalArgumentException("gemm: m = " + m + " is negative (rows of op(A) and C)");
        }
        if (n < 0) {
            throw new IllegalArgumentException("gemm: n = " + n + " is negative (columns of op(B) and C)");
        }
        if (k < 0) {
            throw new IllegalArgumentException("gemm: k = " + k + " is negative (columns of op(A), rows of op(B))");
        }
        // Stored shapes (rows × cols) of A and B; the leading dimension must cover a stored row.
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        operand("a", "lda", transA, aRows, aCols, aLen, aOff, lda);
        operand("b", "ldb", transB, bRows, bCols, bLen, bOff, ldb);
        operand("c", "ldc", false, m, n, cLen, cOff, ldc);
    }

    /** Validates a pack's arguments (length -1: a null array). */
    static void checkPack(boolean transB, int k, int n, int bLen, int bOff, int ldb) {
        if (k < 0 || n < 0) {
            throw new IllegalArgumentException("gemm pack: k = " + k + ", n = " + n + ": both must be ≥ 0");
        }
        operand("b", "ldb", transB, transB ? n : k, transB ? k : n, bLen, bOff, ldb);
        if ((long) k * (n + 64) > Integer.MAX_VALUE - 16) { // the ragged last panel pads a row by less than 64
            throw new IllegalArgumentException("gemm pack: k = " + k + ", n = " + n + ": a packed k × n B of more than "
                    + "2³¹ − 1 elements does not fit one array; multiply it in column blocks");
        }
    }

    /** Validates a packed product's arguments (length -1: a null array); k and n come from the packed B. */
    static void checkPacked(boolean transA, int m, PackedMatrix b, int aLen, int aOff, int lda, int cLen, int cOff,
                            int ldc) {
        if (b == null) {
            throw new IllegalArgumentException("gemm (packed B): the packed B is null");
        }
        if (m < 0) {
            throw new IllegalArgumentException("gemm (packed B): m = " + m + " is negative (rows of op(A) and C)");
        }
        int k = b.rows();
        operand("a", "lda", transA, transA ? k : m, transA ? m : k, aLen, aOff, lda);
        operand("c", "ldc", false, m, b.columns(), cLen, cOff, ldc);
    }

    private static void operand(String name, String ldName, boolean trans, int rows, int cols, int len, int off,
                                int ld) {
        if (len < 0) {
            throw new IllegalArgumentException("gemm: array " + name + " is null");
        }
        if (off < 0) {
            throw new IllegalArgumentException("gemm: " + name + "Off = " + off + " is negative");
        }
        int minLd = Math.max(1, cols);
        if (ld < minLd) {
            throw new IllegalArgumentException("gemm: " + ldName + " = " + ld + " is too small: "
                    + stored(name, trans, rows, cols) + ", so " + ldName + " must be at least " + minLd);
        }
        long need = rows == 0 || cols == 0 ? off : off + (long) (rows - 1) * ld + cols;
        if (len < need) {
            throw new IllegalArgumentException("gemm: array " + name + " is too short: "
                    + stored(name, trans, rows, cols) + " with " + ldName + " = " + ld + " from offset " + off
                    + " needs length ≥ " + need + ", got " + len);
        }
    }

    /** "A (transposed) is stored 3 × 4", for messages only: built when one is thrown; a valid call allocates nothing. */
    private static String stored(String name, boolean trans, int rows, int cols) {
        return name.toUpperCase(java.util.Locale.ROOT) + (trans ? " (transposed)" : "") + " is stored " + rows + " × "
                + cols;
    }
}
