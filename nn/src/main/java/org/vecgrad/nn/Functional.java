package org.vecgrad.nn;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.autodiff.GradMode;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Stateless building blocks shared by the layers (PyTorch's {@code torch.nn.functional}): fused affine maps whose
 * forward and backward each run as one GEMM per product, with the transposes absorbed by the GEMM's flags instead
 * of being copied.
 */
public final class Functional {
    private Functional() {
    }

    /**
     * PyTorch's linear map y = x·Wᵀ + b. x: [n, in] (or [d₁, …, in], flattened to rows and restored), W: [out, in],
     * b: [out] or null; y: [n, out]. Backward: ∂L/∂x = G·W, ∂L/∂W = Gᵀ·x, ∂L/∂b = Σ_rows G.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return affine("linear", x, weight, bias, true);
    }

    /**
     * Keras's dense map y = x·K + b. x: [n, in] (or [d₁, …, in]), K: [in, out], b: [out] or null; y: [n, out].
     * Backward: ∂L/∂x = G·Kᵀ, ∂L/∂K = xᵀ·G, ∂L/∂b = Σ_rows G.
     */
    public static Tensor dense(Tensor x, Tensor kernel, Tensor bias) {
        return affine("dense", x, kernel, bias, false);
    }

    private static Tensor affine(String op, Tensor x, Tensor w, Tensor b, boolean wIsOutIn) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(w, "weight");
        if (w.rank() != 2) {
            throw new IllegalArgumentException(op + ": weight must be a matrix, got " + Shapes.str(w.shape()));
        }
        int in = wIsOutIn ? w.shape(1) : w.shape(0);
        int out = wIsOutIn ? w.shape(0) : w.shape(1);
        if (x.rank() == 0 || x.shape(-1) != in) {
            throw new IllegalArgumentException(op + ": input of shape " + Shapes.str(x.shape()) + " does not end in "
                    + in + " features (weight " + Shapes.str(w.shape()) + ")");
        }
        if (x.dtype() != w.dtype() || b != null && b.dtype() != w.dtype()) {
            throw new IllegalArgumentException(op + ": input is " + x.dtype() + " but the weights are " + w.dtype()
                    + "; convert the input (Tensor.to) or the module (Module.to)");
        }
        if (b != null && (b.rank() != 1 || b.shape(0) != out)) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + out + "], got "
                    + Shapes.str(b.shape()));
        }
        if (x.rank() != 2) {
            int[] s = x.shape();
            int[] back = s.clone();
            back[s.length - 1] = out;
            return affine(op, x.reshape(-1, in), w, b, wIsOutIn).reshape(back);
        }
        int n = x.shape(0);
        NdArray y = NdArray.zeros(x.dtype(), n, out);
        if (b != null) {
            for (int i = 0; i < n; i++) {                       // C starts as the bias rows; GEMM adds with beta = 1
                y.row(i).copyFrom(b.data());
            }
        }
        gemm(false, wIsOutIn, n, out, in, x.data(), in, w.data(), wIsOutIn ? in : out, b != null, y, out);
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        var rx = (org.vecgrad.autodiff.BackwardRule) (g, yy) -> {
            if (GradMode.isEnabled()) {                         // createGraph: differentiable formula
                return wIsOutIn ? g.matmul(w) : g.matmul(w.mT());
            }
            NdArray dx = NdArray.zeros(x.dtype(), n, in);
            gemm(false, !wIsOutIn, n, in, out, g.data(), out, w.data(), wIsOutIn ? in : out, false, dx, in);
            return Tensor.ownedGradient(dx);
        };
        var rw = (org.vecgrad.autodiff.BackwardRule) (g, yy) -> {
            if (GradMode.isEnabled()) {
                return wIsOutIn ? g.mT().matmul(x) : x.mT().matmul(g);
            }
            NdArray dw = NdArray.zeros(w.dtype(), w.shape());
            if (wIsOutIn) {                                     // Gᵀ·x: [out, n]·[n, in]
                gemm(true, false, out, in, n, g.data(), out, x.data(), in, false, dw, in);
            } else {                                            // xᵀ·G: [in, n]·[n, out]
                gemm(true, false, in, out, n, x.data(), in, g.data(), out, false, dw, out);
            }
            return Tensor.ownedGradient(dw);
        };
        // forward mode: ẏ = ẋ·op(W) + x·op(Ẇ) + ḃ (op(W) = Wᵀ for an [out, in] weight)
        org.vecgrad.autodiff.ForwardRule jvp = t -> {
            NdArray dy = null;
            if (t[0] != null) {
                dy = t[0].matmul(wIsOutIn ? w.data().transpose() : w.data());
            }
            if (t[1] != null) {
                NdArray d = x.data().matmul(wIsOutIn ? t[1].transpose() : t[1]);
                dy = dy == null ? d : dy.addInPlace(d);
            }
            if (t.length > 2 && t[2] != null) {
                dy = dy == null ? NdArray.zeros(y.dtype(), n, out).addInPlace(t[2]) : dy.addInPlace(t[2]);
            }
            return dy;
        };
        if (b == null) {
            return Tensor.customWithJvp(op, y, inputs, jvp, rx, rw);
        }
        return Tensor.customWithJvp(op, y, inputs, jvp, rx, rw, (g, yy) -> g.sum(0, false));
    }

    /**
     * c = op(a)·op(b) (+ c when {@code accumulate}) on whole row-major arrays; a is m × k (k × m stored when
     * transA), b is k × n (n × k stored when transB).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, NdArray a, int lda, NdArray b, int ldb,
            boolean accumulate, NdArray c, int ldc) {
        if (c.dtype() == DType.F32) {
            Blas.sgemm(transA, transB, m, n, k, 1f, a.floatData(), a.offset(), lda, b.floatData(), b.offset(), ldb,
                    accumulate ? 1f : 0f, c.floatData(), c.offset(), ldc);
        } else {
            Blas.dgemm(transA, transB, m, n, k, 1.0, a.doubleData(), a.offset(), lda, b.doubleData(), b.offset(),
                    ldb, accumulate ? 1.0 : 0.0, c.doubleData(), c.offset(), ldc);
        }
    }

    /** The shape with the batch axis shown as -1 → "(None, 3)" in Keras's notation. */
    static String kerasShape(int[] shape) {
        if (shape == null) {
            return "?";
        }
        StringBuilder sb = new StringBuilder("(None");
        for (int i = 1; i < shape.length; i++) {
            sb.append(", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    static int[] batchOf1(int[] featureShape) {
        int[] s = new int[featureShape.length + 1];
        s[0] = 1;
        System.arraycopy(featureShape, 0, s, 1, featureShape.length);
        return s;
    }

    static String str(int[] s) {
        return Arrays.toString(s);
    }
}
