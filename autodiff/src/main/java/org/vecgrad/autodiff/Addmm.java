package org.vecgrad.autodiff;

import java.util.Objects;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * {@link Tensor#addmm}: bias + a·b as one op, the affine map of a dense layer. The forward fills C with the
 * broadcast bias and lets one GEMM add a·b into it (beta = 1): no separate pass adds the bias, and the product
 * a·b is never stored on its own. The backward rules are matmul's and add's side by side.
 */
final class Addmm {
    private Addmm() {
    }

    static Tensor apply(Tensor bias, Tensor a, Tensor b) {
        Objects.requireNonNull(bias, "addmm: bias");
        Objects.requireNonNull(a, "addmm: a");
        Objects.requireNonNull(b, "addmm: b");
        if (a.dtype() != b.dtype() || bias.dtype() != a.dtype()) {
            throw new IllegalArgumentException("addmm: cannot mix dtypes: bias " + bias.dtype() + " "
                    + Shapes.str(bias.data.shape()) + ", a " + a.dtype() + " " + Shapes.str(a.data.shape()) + ", b "
                    + b.dtype() + " " + Shapes.str(b.data.shape()) + "; convert with to(DType)");
        }
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("addmm: a and b must be matrices; got a " + Shapes.str(a.data.shape())
                    + " and b " + Shapes.str(b.data.shape()) + " (use matmul(...).add(...) for batched products)");
        }
        int m = a.shape(0);
        int k = a.shape(1);
        int n = b.shape(1);
        if (b.shape(0) != k) {
            throw new IllegalArgumentException("addmm: inner dimensions differ: a " + Shapes.str(a.data.shape())
                    + " has " + k + " columns but b " + Shapes.str(b.data.shape()) + " has " + b.shape(0) + " rows");
        }
        int[] out = {m, n};
        if (bias.rank() > 2 || !java.util.Arrays.equals(broadcastOrNull(bias.data.shape(), out), out)) {
            throw new IllegalArgumentException("addmm: bias of shape " + Shapes.str(bias.data.shape())
                    + " does not broadcast to the product's shape " + Shapes.str(out) + " (a "
                    + Shapes.str(a.data.shape()) + " · b " + Shapes.str(b.data.shape()) + "); expected [" + n
                    + "], [1, " + n + "], [" + m + ", 1], [" + m + ", " + n + "] or one element");
        }
        NdArray y = NdArray.zeros(a.dtype(), m, n).addInPlace(bias.data);      // C = the bias, broadcast
        MatMulGrad.gemm(false, false, m, n, k, a.data, 0, k, b.data, 0, n, y, 0, n);   // C += a·b
        Tensor result = Tensor.make("addmm", y, new Tensor[] {bias, a, b}, new BackwardRule[] {
            (g, yy) -> g.sumToShapeOf(bias),                                    // ∂/∂bias = 1, summed back
            (g, yy) -> GradMode.isEnabled() ? g.matmul(b.mT())                  // ∂L/∂a = G·bᵀ
                    : Tensor.owned(MatMulGrad.gradA(g.data, a.data, b.data)),
            (g, yy) -> GradMode.isEnabled() ? a.mT().matmul(g)                  // ∂L/∂b = aᵀ·G
                    : Tensor.owned(MatMulGrad.gradB(g.data, a.data, b.data))});
        NdArray dBias = bias.tan();
        NdArray da = a.tan();
        NdArray db = b.tan();
        if (dBias == null && da == null && db == null) {
            return result;
        }
        NdArray t = NdArray.zeros(a.dtype(), m, n);                            // ẏ = ḃias + ȧ·b + a·ḃ
        if (dBias != null) {
            t.addInPlace(dBias);
        }
        if (da != null) {
            MatMulGrad.gemm(false, false, m, n, k, da, 0, k, b.data, 0, n, t, 0, n);
        }
        if (db != null) {
            MatMulGrad.gemm(false, false, m, n, k, a.data, 0, k, db, 0, n, t, 0, n);
        }
        return result.dual(t);
    }

    private static int[] broadcastOrNull(int[] s, int[] t) {
        try {
            return Shapes.broadcast(s, t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
