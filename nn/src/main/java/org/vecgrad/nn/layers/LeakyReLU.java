package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** y = x if x &gt; 0 else γx; y' = 1 or γ (γ at 0). Default γ = 0.01 (PyTorch's negative_slope). */
public class LeakyReLU extends Activation {
    /** PyTorch's default negative slope. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;
    private final double slope;

    /** γ = 0.01. */
    public LeakyReLU() {
        this(DEFAULT_NEGATIVE_SLOPE);
    }

    /** The given negative slope γ (finite). */
    public LeakyReLU(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU: negativeSlope " + negativeSlope + " must be finite");
        }
        this.slope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(slope);
    }

    /** The negative slope γ. */
    public double negativeSlope() {
        return slope;
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + slope;
    }
}
