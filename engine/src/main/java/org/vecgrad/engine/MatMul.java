package org.vecgrad.engine;

/**
 * Matrix products on NdArrays, built on {@link Blas}.
 *
 * <ul>
 *   <li>2-D: (m × k)·(k × n) → m × n.</li>
 *   <li>3-D, batched: (b × m × k)·(b × k × n) → b × m × n, product by product; a batch of 1 on either side is
 *       broadcast over the other's batch.</li>
 *   <li>2-D against 3-D: the 2-D operand is broadcast over the batch.</li>
 * </ul>
 * Both operands must have the same dtype; the result is a new contiguous array of that dtype. When A carries the
 * batch and B does not (B 2-D or batch 1), the batch folds into the rows of one (b·m × k)·(k × n) GEMM.
 */
final class MatMul {
    private MatMul() {
    }

    static NdArray matmul(NdArray a, NdArray b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("matmul: dtypes differ: a is " + a.dtype() + " " + Shapes.str(a.shape())
                    + ", b is " + b.dtype() + " " + Shapes.str(b.shape()));
        }
        int ra = a.rank();
        int rb = b.rank();
        if (ra < 2 || ra > 3 || rb < 2 || rb > 3) {
            throw new IllegalArgumentException("matmul: expected 2-D or 3-D operands, got a " + Shapes.str(a.shape())
                    + " and b " + Shapes.str(b.shape()));
        }
        int m = a.shape(-2);
        int k = a.shape(-1);
        int kb = b.shape(-2);
        int n = b.shape(-1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: a " + Shapes.str(a.shape())
                    + " has " + k + " columns but b " + Shapes.str(b.shape()) + " has " + kb + " rows");
        }
        int batchA = ra == 3 ? a.shape(0) : 1;
        int batchB = rb == 3 ? b.shape(0) : 1;
        if (batchA != batchB && batchA != 1 && batchB != 1) {
            throw new IllegalArgumentException("matmul: batch sizes " + batchA + " and " + batchB
                    + " do not broadcast (one must be 1 or equal the other): a " + Shapes.str(a.shape())
                    + ", b " + Shapes.str(b.shape()));
        }
        int batch = Math.max(batchA, batchB);
        NdArray out = ra == 2 && rb == 2 ? NdArray.zeros(a.dtype(), m, n) : NdArray.zeros(a.dtype(), batch, m, n);
        if (batchB == 1) { // B is shared: stack A's batch into rows of one GEMM (A is contiguous)
            gemm(a, a.offset(), b, b.offset(), out, 0, batchA * m, n, k);
            return out;
        }
        for (int i = 0; i < batch; i++) {
            int aOff = a.offset() + (batchA == 1 ? 0 : i * m * k);
            int bOff = b.offset() + i * k * n;
            gemm(a, aOff, b, bOff, out, i * m * n, m, n, k);
        }
        return out;
    }

    private static void gemm(NdArray a, int aOff, NdArray b, int bOff, NdArray c, int cOff, int m, int n, int k) {
        int lda = Math.max(1, k);
        int ldb = Math.max(1, n);
        int ldc = Math.max(1, n);
        if (a.dtype() == DType.F32) {
            Blas.sgemm(false, false, m, n, k, 1f, a.floatData(), aOff, lda, b.floatData(), bOff, ldb, 0f,
                    c.floatData(), c.offset() + cOff, ldc);
        } else {
            Blas.dgemm(false, false, m, n, k, 1.0, a.doubleData(), aOff, lda, b.doubleData(), bOff, ldb, 0.0,
                    c.doubleData(), c.offset() + cOff, ldc);
        }
    }
}
