package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;

/**
 * Swish y = x·σ(βx) (SiLU when β = 1). β is fixed, or learnable ({@link #learnable(double)}: a parameter
 * {@code beta} of shape [1], Ramachandran et al. 2017): ∂y/∂x = σ(βx) + βx·σ(βx)(1 − σ(βx)),
 * ∂y/∂β = x²·σ(βx)(1 − σ(βx)).
 */
public class Swish extends Activation {
    private final double beta;
    private final boolean learnable;

    /** Fixed β = 1 (SiLU). */
    public Swish() {
        this(1.0);
    }

    /** Fixed β. */
    public Swish(double beta) {
        this(beta, false);
    }

    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    private Swish(double beta, boolean learnable) {
        if (!Double.isFinite(beta)) {
            throw new IllegalArgumentException("Swish: beta " + beta + " must be finite");
        }
        this.beta = beta;
        this.learnable = learnable;
        if (learnable) {
            registerParameter("beta", Tensor.full(DType.F32, beta, 1));
        }
    }

    /** A Swish whose β is a trainable parameter starting at {@code initialBeta}. */
    public static Swish learnable(double initialBeta) {
        return new Swish(initialBeta, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        return learnable ? x.swish(param("beta")) : x.swish(beta);
    }

    /** β when fixed; the initial β when learnable (the current value is the parameter {@code beta}). */
    public double beta() {
        return beta;
    }

    /** Whether β is a trainable parameter. */
    public boolean isLearnable() {
        return learnable;
    }

    @Override
    protected String extraRepr() {
        return learnable ? "beta=learnable" : "beta=" + beta;
    }
}
