package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** y = x if x &gt; 0 else α(eˣ − 1); y' = 1 or αeˣ (αeˣ at 0). Default α = 1. */
public class ELU extends Activation {
    private final double alpha;

    /** α = 1. */
    public ELU() {
        this(1.0);
    }

    /** The given α (finite). */
    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha " + alpha + " must be finite");
        }
        this.alpha = alpha;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.elu(alpha);
    }

    /** α. */
    public double alpha() {
        return alpha;
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + alpha;
    }
}
