package org.vecgrad.autodiff;

import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * The two products of matmul's backward pass, straight on {@link Blas} with its transpose flags, for the plain
 * (not createGraph) pass: ∂L/∂A = G·Bᵀ and ∂L/∂B = Aᵀ·G with no transposed copy and no graph node. A broadcast
 * batch (a 2-D operand, or a batch of 1) is summed by accumulating every product after the first into the same
 * block (beta = 1), so no reduction follows. Shapes were validated by the forward product.
 */
final class MatMulGrad {
    private MatMulGrad() {
    }

    private static int batch(NdArray t) {
        return t.rank() == 3 ? t.shape(0) : 1;
    }

    /** ∂L/∂A = Σ over the batch of G·Bᵀ, shaped like A. */
    static NdArray gradA(NdArray g, NdArray a, NdArray b) {
        int m = a.shape(-2);
        int k = a.shape(-1);
        int n = b.shape(-1);
        NdArray out = NdArray.zerosLike(a);
        int batch = batch(g);
        for (int t = 0; t < batch; t++) {
            int ta = batch(a) == 1 ? 0 : t;
            int tb = batch(b) == 1 ? 0 : t;
            // (m × n)·(k × n)ᵀ → m × k, added into A's block
            gemm(false, true, m, k, n, g, t * m * n, n, b, tb * k * n, n, out, ta * m * k, k, t >= batch(a));
        }
        return out;
    }

    /** ∂L/∂B = Σ over the batch of Aᵀ·G, shaped like B. */
    static NdArray gradB(NdArray g, NdArray a, NdArray b) {
        int m = a.shape(-2);
        int k = a.shape(-1);
        int n = b.shape(-1);
        NdArray out = NdArray.zerosLike(b);
        int batch = batch(g);
        for (int t = 0; t < batch; t++) {
            int ta = batch(a) == 1 ? 0 : t;
            int tb = batch(b) == 1 ? 0 : t;
            // (m × k)ᵀ·(m × n) → k × n, added into B's block
            gemm(true, false, k, n, m, a, ta * m * k, k, g, t * m * n, n, out, tb * k * n, n, t >= batch(b));
        }
        return out;
    }

    /** c[cOff…] += op(x)·op(y) for row-major blocks at element offsets relative to each array's start. */
    static void gemm(boolean tx, boolean ty, int m, int n, int k, NdArray x, int xOff, int ldx, NdArray y,
                     int yOff, int ldy, NdArray c, int cOff, int ldc) {
        gemm(tx, ty, m, n, k, x, xOff, ldx, y, yOff, ldy, c, cOff, ldc, true);
    }

    /**
     * c[cOff…] = op(x)·op(y), plus the old c when {@code accumulate}: the first product into a block overwrites
     * (beta = 0, as a hand-written backward pass calls GEMM), later products of a broadcast batch add (beta = 1).
     */
    private static void gemm(boolean tx, boolean ty, int m, int n, int k, NdArray x, int xOff, int ldx, NdArray y,
                             int yOff, int ldy, NdArray c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        ldx = Math.max(1, ldx);
        ldy = Math.max(1, ldy);
        ldc = Math.max(1, ldc);
        if (c.dtype() == DType.F32) {
            Blas.sgemm(tx, ty, m, n, k, 1f, x.floatData(), x.offset() + xOff, ldx, y.floatData(), y.offset() + yOff,
                    ldy, accumulate ? 1f : 0f, c.floatData(), c.offset() + cOff, ldc);
        } else {
            Blas.dgemm(tx, ty, m, n, k, 1.0, x.doubleData(), x.offset() + xOff, ldx, y.doubleData(),
                    y.offset() + yOff, ldy, accumulate ? 1.0 : 0.0, c.doubleData(), c.offset() + cOff, ldc);
        }
    }
}
