package org.vecgrad.nn;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.Shapes;

/**
 * Stateless building blocks shared by the layers (PyTorch's {@code torch.nn.functional}). {@link #linear} and
 * {@link #dense} check a layer's shapes and run autodiff's one affine op ({@link Tensor#affine}): forward and
 * backward each one GEMM per product, with the transposes absorbed by the GEMM's flags instead of being copied.
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
        return Tensor.affine(x, false, w, wIsOutIn, b);                    // x·op(W) + b, op(W) = Wᵀ for [out, in]
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
