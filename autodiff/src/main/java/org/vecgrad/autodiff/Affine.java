package org.vecgrad.autodiff;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.engine.MatMul;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * The one affine op: y = op(A)·op(B) + bias, where op(X) is X or Xᵀ (the last two axes swapped) and the bias is
 * optional. {@link Tensor#matmul}, {@link Tensor#addmm}, {@link Tensor#affine} and nn's {@code Linear} and
 * {@code Dense} (y = x·Wᵀ + b, y = x·K + b) are all this op. A and B are matrices or batches of matrices (a batch
 * of 1, or a matrix, is broadcast over the other's batch); the bias broadcasts to the result.
 *
 * <p>Forward: C is filled with the broadcast bias and one {@link MatMul#gemm} adds op(A)·op(B) onto it (beta = 1),
 * so the product is never stored on its own. Backward, with G = ∂L/∂y:
 * <pre>
 *   ∂L/∂A = G·op(B)ᵀ    (Aᵀ stored: op(B)·Gᵀ)
 *   ∂L/∂B = op(A)ᵀ·G    (Bᵀ stored: Gᵀ·op(A))
 *   ∂L/∂bias = G summed to the bias's shape
 * </pre>
 * Each product is this op again, with transpose flags instead of transposed copies, shaped like the input it is
 * the gradient of: a broadcast operand's gradient is summed over the batch inside the GEMM. So the backward pass
 * is itself differentiable (createGraph), and a plain pass records nothing and keeps the arrays it allocates.
 * Forward mode: ẏ = op(Ȧ)·op(B) + op(A)·op(Ḃ) + ḃias, accumulated into one array by the same GEMM.
 */
final class Affine {
    private Affine() {
    }

    /** Validates, then {@link #product}: op(a)·op(b) + bias (bias may be null), recorded under the name {@code op}. */
    static Tensor apply(String op, Tensor a, boolean transA, Tensor b, boolean transB, Tensor bias) {
        Objects.requireNonNull(a, op + ": a");
        Objects.requireNonNull(b, op + ": b");
        if (a.dtype() != b.dtype() || bias != null && bias.dtype() != a.dtype()) {
            throw new IllegalArgumentException(op + ": cannot mix dtypes: a " + a.dtype() + " "
                    + Shapes.str(a.data.shape()) + ", b " + b.dtype() + " " + Shapes.str(b.data.shape())
                    + (bias == null ? "" : ", bias " + bias.dtype() + " " + Shapes.str(bias.data.shape()))
                    + "; convert with to(DType)");
        }
        if (a.rank() < 2 || a.rank() > 3 || b.rank() < 2 || b.rank() > 3) {
            throw new IllegalArgumentException(op + ": operands must be 2-D or 3-D; got a "
                    + Shapes.str(a.data.shape()) + " and b " + Shapes.str(b.data.shape()));
        }
        int m = transA ? a.shape(-1) : a.shape(-2);
        int k = transA ? a.shape(-2) : a.shape(-1);
        int kb = transB ? b.shape(-1) : b.shape(-2);
        int n = transB ? b.shape(-2) : b.shape(-1);
        if (k != kb) {
            throw new IllegalArgumentException(op + ": inner dimensions differ: " + operand("a", a, transA)
                    + " has " + k + " columns but " + operand("b", b, transB) + " has " + kb + " rows");
        }
        int batchA = a.rank() == 3 ? a.shape(0) : 1;
        int batchB = b.rank() == 3 ? b.shape(0) : 1;
        if (batchA != batchB && batchA != 1 && batchB != 1) {
            throw new IllegalArgumentException(op + ": batch sizes " + batchA + " and " + batchB
                    + " do not broadcast (one must be 1 or equal the other): a " + Shapes.str(a.data.shape())
                    + ", b " + Shapes.str(b.data.shape()));
        }
        int[] out = a.rank() == 2 && b.rank() == 2 ? new int[] {m, n}
                : new int[] {Math.max(batchA, batchB), m, n};
        if (bias != null && !Arrays.equals(broadcastOrNull(bias.data.shape(), out), out)) {
            throw new IllegalArgumentException(op + ": bias of shape " + Shapes.str(bias.data.shape())
                    + " does not broadcast to the product's shape " + Shapes.str(out) + " (a "
                    + Shapes.str(a.data.shape()) + (transA ? "ᵀ" : "") + " · b " + Shapes.str(b.data.shape())
                    + (transB ? "ᵀ" : "") + "); expected [" + n + "], [1, " + n + "], [" + m + ", 1], [" + m + ", "
                    + n + "] or one element");
        }
        return product(op, a, transA, b, transB, bias, out);
    }

    /**
     * op(a)·op(b) + bias as a tensor of shape {@code out}, whose batch is the operands' (or 1, or none: then the
     * products are summed over the operands' batch). Shapes are checked by the caller.
     */
    private static Tensor product(String op, Tensor a, boolean ta, Tensor b, boolean tb, Tensor bias, int[] out) {
        NdArray y = NdArray.zeros(a.dtype(), out);
        if (bias != null) {
            y.addInPlace(bias.data);                                           // C = the bias, broadcast
        }
        MatMul.gemm(ta, tb, 1, a.data, b.data, bias == null ? 0 : 1, y);       // C += op(A)·op(B)
        Tensor result;
        GradMode.State st = GradMode.current();
        if (!st.anomaly && (!st.grad || !(a.requiresGrad || b.requiresGrad || bias != null && bias.requiresGrad))) {
            result = new Tensor(y, false);                                     // nothing to record
        } else {
            BackwardRule ra = ta ? (g, yy) -> gradient(op, b, tb, g, true, a)  // ∂L/∂A = op(B)·Gᵀ  (Aᵀ stored)
                    : (g, yy) -> gradient(op, g, false, b, !tb, a);            // ∂L/∂A = G·op(B)ᵀ
            BackwardRule rb = tb ? (g, yy) -> gradient(op, g, true, a, ta, b)  // ∂L/∂B = Gᵀ·op(A)  (Bᵀ stored)
                    : (g, yy) -> gradient(op, a, !ta, g, false, b);            // ∂L/∂B = op(A)ᵀ·G
            result = bias == null ? Tensor.make(op, y, new Tensor[] {a, b}, new BackwardRule[] {ra, rb})
                    : Tensor.make(op, y, new Tensor[] {a, b, bias}, new BackwardRule[] {ra, rb,
                        (g, yy) -> g.sumToShapeOf(bias)});                     // ∂L/∂bias = Σ G over broadcast axes
        }
        NdArray da = a.tan();
        NdArray db = b.tan();
        NdArray dBias = bias == null ? null : bias.tan();
        if (da == null && db == null && dBias == null) {
            return result;
        }
        NdArray t = NdArray.zeros(y.dtype(), out);                            // ẏ = op(Ȧ)·op(B) + op(A)·op(Ḃ) + ḃias
        if (dBias != null) {
            t.addInPlace(dBias);
        }
        if (da != null) {
            MatMul.gemm(ta, tb, 1, da, b.data, 1, t);
        }
        if (db != null) {
            MatMul.gemm(ta, tb, 1, a.data, db, 1, t);
        }
        return result.dual(t);
    }

    /**
     * One gradient: op(x)·op(y) shaped like {@code input} (summed over a batch the input lacks). Recorded when the
     * backward pass is (createGraph); otherwise a new array the pass may keep as a leaf's gradient.
     */
    private static Tensor gradient(String op, Tensor x, boolean tx, Tensor y, boolean ty, Tensor input) {
        Tensor g = product(op, x, tx, y, ty, null, input.data.shape());
        g.fresh = !GradMode.isEnabled();
        return g;
    }

    private static String operand(String name, Tensor t, boolean trans) {
        return trans ? name + "ᵀ (" + name + " " + Shapes.str(t.data.shape()) + " transposed)"
                : name + " " + Shapes.str(t.data.shape());
    }

    private static int[] broadcastOrNull(int[] s, int[] t) {
        try {
            return Shapes.broadcast(s, t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
