package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.Module;

/**
 * PyTorch's {@code nn.LayerNorm}: each sample normalized over its last d axes (of sizes normalized_shape) by its
 * own mean and biased variance, then scaled and shifted elementwise: y = x̂·γ + β with γ (ones) and β (zeros) of
 * shape normalized_shape. The same in training and evaluation. Defaults: eps 1e-5, elementwise_affine.
 */
public class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final boolean affine;

    /** Over the last axes of these sizes, PyTorch's defaults. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /** Every argument. */
    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm: normalized_shape must have at least one axis");
        }
        for (int d : normalizedShape) {
            if (d < 1) {
                throw new IllegalArgumentException("LayerNorm: normalized_shape " + Shapes.str(normalizedShape)
                        + " must have sizes >= 1");
            }
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("LayerNorm: eps " + eps + " must be finite and > 0");
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.affine = elementwiseAffine;
        if (affine) {
            registerParameter("weight", Tensor.ones(DType.F32, normalizedShape));
            registerParameter("bias", Tensor.zeros(DType.F32, normalizedShape));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        String op = (name() != null ? "'" + name() + "' " : "") + "LayerNorm(" + extraRepr() + ")";
        return NnOps.layerNorm(op, x, normalizedShape, affine ? param("weight") : null,
                affine ? param("bias") : null, eps);
    }

    /** normalized_shape: the sizes of the last axes normalized over. */
    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    /** eps. */
    public double eps() {
        return eps;
    }

    /** elementwise_affine: whether there are γ ({@code weight}) and β ({@code bias}). */
    public boolean elementwiseAffine() {
        return affine;
    }

    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < normalizedShape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(normalizedShape[i]);
        }
        return sb.append(normalizedShape.length == 1 ? ",)" : ")").append(", eps=").append(eps)
                .append(", elementwise_affine=").append(affine).toString();
    }
}
