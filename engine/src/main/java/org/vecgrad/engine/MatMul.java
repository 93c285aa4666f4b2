package org.vecgrad.engine;

/**
 * Matrix products on NdArrays: the one place where an NdArray product is dispatched to {@link Blas} by dtype.
 * Every product of the library goes through {@link #gemm}: {@link NdArray#matmul}, and autodiff's affine op
 * (forward, backward and forward mode), on which nn's {@code Linear} and {@code Dense} are built.
 *
 * <p>{@code gemm(transA, transB, alpha, A, B, beta, C)} is BLAS's {@code C = alpha·op(A)·op(B) + beta·C} lifted to
 * batches of matrices. Each operand is a matrix (2-D, a batch of one) or a batch of matrices (3-D, batch first);
 * the batch of the product is the common size of the operands' batches, where a batch of 1 is broadcast:
 * <ul>
 *   <li>C has that batch: {@code C[t] = alpha·op(A[t])·op(B[t]) + beta·C[t]} for every t;</li>
 *   <li>C is a single matrix while A or B carries the batch: the products are summed into it,
 *       {@code C = alpha·Σₜ op(A[t])·op(B[t]) + beta·C} (the gradient of a broadcast operand).</li>
 * </ul>
 * Two shapes run as one GEMM instead of a loop over the batch: A untransposed with the batch and B shared (the
 * batch folds into the rows of A and C), and a sum over the batch of Aᵀ·B (the batch folds into the depth k).
 *
 * <p>{@link #matmul} ((m × k)·(k × n), batched, a batch of 1 or a 2-D operand broadcast) returns a new array; it is
 * {@code gemm} into zeros.
 */
public final class MatMul {
    private MatMul() {
    }

    /** a·b into a new contiguous array of a's dtype: [m, n] for two matrices, else [batch, m, n]. */
    static NdArray matmul(NdArray a, NdArray b) {
        sameDtype("matmul", a, b, b);
        rank("matmul", a, b);
        int m = a.shape(-2);
        int k = a.shape(-1);
        int kb = b.shape(-2);
        int n = b.shape(-1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: a " + Shapes.str(a.shape())
                    + " has " + k + " columns but b " + Shapes.str(b.shape()) + " has " + kb + " rows");
        }
        int batch = batch("matmul", a, b, null);
        NdArray out = a.rank() == 2 && b.rank() == 2 ? NdArray.zeros(a.dtype(), m, n)
                : NdArray.zeros(a.dtype(), batch, m, n);
        run(false, false, 1, a, b, 0, out, m, n, k, batch);
        return out;
    }

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C}, batched as the class comment says; op(X) is X, or Xᵀ (the last two
     * axes swapped) when its flag is set, read in place through the GEMM's transpose flags (no copy is made).
     * op(A) is m × k, op(B) is k × n, C is m × n (each optionally with a leading batch axis). A, B and C have one
     * dtype (F32 or F64); C must not share storage with A or B. BLAS conventions: beta = 0 means C is not read
     * (NaN there does not leak into the result); k = 0 only scales C by beta. Only C is modified.
     *
     * @throws IllegalArgumentException naming the shapes when dtypes, ranks, inner or outer dimensions or batch
     *                                  sizes do not fit, or when C overlaps A or B; nothing is written then
     */
    public static void gemm(boolean transA, boolean transB, double alpha, NdArray a, NdArray b, double beta,
                            NdArray c) {
        sameDtype("gemm", a, b, c);
        rank("gemm", a, b);
        if (c.rank() < 2 || c.rank() > 3) {
            throw new IllegalArgumentException("gemm: c must be 2-D or 3-D, got c " + Shapes.str(c.shape()));
        }
        int m = transA ? a.shape(-1) : a.shape(-2);
        int k = transA ? a.shape(-2) : a.shape(-1);
        int kb = transB ? b.shape(-1) : b.shape(-2);
        int n = transB ? b.shape(-2) : b.shape(-1);
        if (k != kb || c.shape(-2) != m || c.shape(-1) != n) {
            throw new IllegalArgumentException("gemm: op(a) is " + m + " × " + k + " and op(b) is " + kb + " × " + n
                    + " (a " + Shapes.str(a.shape()) + (transA ? " transposed" : "") + ", b " + Shapes.str(b.shape())
                    + (transB ? " transposed" : "") + "), so " + (k != kb ? "their inner dimensions differ"
                    : "c must be " + m + " × " + n + ", got c " + Shapes.str(c.shape())));
        }
        int batch = batch("gemm", a, b, c);
        disjoint(c, a, "a");
        disjoint(c, b, "b");
        run(transA, transB, alpha, a, b, beta, c, m, n, k, batch);
    }

    private static void run(boolean transA, boolean transB, double alpha, NdArray a, NdArray b, double beta,
                            NdArray c, int m, int n, int k, int batch) {
        int bA = batchOf(a);
        int bB = batchOf(b);
        int bC = batchOf(c);
        if (batch == 1 || !transA && bA == batch && bB == 1 && bC == batch) {
            // one product, or B shared: A's matrices stacked are the rows of one (batch·m × k) operand, and C's too
            product(transA, transB, batch * m, n, k, alpha, a, 0, b, 0, beta, c, 0);
        } else if (transA && !transB && bA == batch && bB == batch && bC == 1) {
            // Σₜ A[t]ᵀ·B[t] = [A[0]; A[1]; …]ᵀ·[B[0]; B[1]; …]: the batch folds into the depth
            product(true, false, m, n, batch * k, alpha, a, 0, b, 0, beta, c, 0);
        } else if (batch == 0) {
            product(transA, transB, bC == 1 ? m : 0, n, 0, alpha, a, 0, b, 0, beta, c, 0); // an empty sum: beta·C
        } else {
            for (int t = 0; t < batch; t++) {
                boolean sumsInto = bC == 1 && t > 0;   // later products of a sum add onto the first
                product(transA, transB, m, n, k, alpha, a, bA == 1 ? 0 : t * m * k, b, bB == 1 ? 0 : t * k * n,
                        sumsInto ? 1 : beta, c, bC == 1 ? 0 : t * m * n);
            }
        }
    }

    /** One BLAS call on whole row-major blocks at element offsets relative to each array's own offset. */
    private static void product(boolean transA, boolean transB, int m, int n, int k, double alpha, NdArray a,
                                int aOff, NdArray b, int bOff, double beta, NdArray c, int cOff) {
        int lda = Math.max(1, transA ? m : k);
        int ldb = Math.max(1, transB ? k : n);
        int ldc = Math.max(1, n);
        if (c.dtype() == DType.F32) {
            Blas.sgemm(transA, transB, m, n, k, (float) alpha, a.floatData(), a.offset() + aOff, lda, b.floatData(),
                    b.offset() + bOff, ldb, (float) beta, c.floatData(), c.offset() + cOff, ldc);
        } else {
            Blas.dgemm(transA, transB, m, n, k, alpha, a.doubleData(), a.offset() + aOff, lda, b.doubleData(),
                    b.offset() + bOff, ldb, beta, c.doubleData(), c.offset() + cOff, ldc);
        }
    }

    private static int batchOf(NdArray x) {
        return x.rank() == 3 ? x.shape(0) : 1;
    }

    private static void sameDtype(String op, NdArray a, NdArray b, NdArray c) {
        if (a.dtype() != b.dtype() || c.dtype() != a.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ: a is " + a.dtype() + " " + Shapes.str(a.shape())
                    + ", b is " + b.dtype() + " " + Shapes.str(b.shape())
                    + (c == b ? "" : ", c is " + c.dtype() + " " + Shapes.str(c.shape())));
        }
        if (a.dtype() != DType.F32 && a.dtype() != DType.F64) {
            throw new IllegalArgumentException(op + ": products are F32 or F64, got " + a.dtype() + " (a "
                    + Shapes.str(a.shape()) + ", b " + Shapes.str(b.shape()) + "); convert with to(DType)");
        }
    }

    private static void rank(String op, NdArray a, NdArray b) {
        if (a.rank() < 2 || a.rank() > 3 || b.rank() < 2 || b.rank() > 3) {
            throw new IllegalArgumentException(op + ": expected 2-D or 3-D operands, got a " + Shapes.str(a.shape())
                    + " and b " + Shapes.str(b.shape()));
        }
    }

    /** The product's batch: every batch is 1 or that size. */
    private static int batch(String op, NdArray a, NdArray b, NdArray c) {
        int bA = batchOf(a);
        int bB = batchOf(b);
        int bC = c == null ? 1 : batchOf(c);
        int batch = bA != 1 ? bA : bB != 1 ? bB : bC;
        if (bA != 1 && bA != batch || bB != 1 && bB != batch || bC != 1 && bC != batch) {
            throw new IllegalArgumentException(op + ": batch sizes " + bA + ", " + bB
                    + (c == null ? "" : " and " + bC) + " do not broadcast (each must be 1 or the same size): a "
                    + Shapes.str(a.shape()) + ", b " + Shapes.str(b.shape())
                    + (c == null ? "" : ", c " + Shapes.str(c.shape())));
        }
        return batch;
    }

    /** Rejects a C whose elements share storage with x's (BLAS reads A and B while it writes C). */
    private static void disjoint(NdArray c, NdArray x, String name) {
        boolean same = c.dtype() == DType.F32 ? c.floatData() == x.floatData() : c.doubleData() == x.doubleData();
        if (same && c.size() > 0 && x.size() > 0 && c.offset() < x.offset() + x.size()
                && x.offset() < c.offset() + c.size()) {
            throw new IllegalArgumentException("gemm: c " + Shapes.str(c.shape()) + " shares storage with " + name
                    + " " + Shapes.str(x.shape()) + "; write the product into a separate array");
        }
    }
}
