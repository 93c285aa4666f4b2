package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** yᵢ = e^xᵢ / Σⱼ e^xⱼ along {@code dim} (default −1, the last axis), computed stably (max subtracted). */
public class Softmax extends Activation {
    private final int dim;

    /** Along the last axis. */
    public Softmax() {
        this(-1);
    }

    /** Along axis {@code dim} (negative counts from the end). */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(dim);
    }

    /** The axis (negative counts from the end). */
    public int dim() {
        return dim;
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
