package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** yᵢ = xᵢ − ln Σⱼ e^xⱼ along {@code dim} (default −1, the last axis), computed stably (max subtracted). */
public class LogSoftmax extends Activation {
    private final int dim;

    /** Along the last axis. */
    public LogSoftmax() {
        this(-1);
    }

    /** Along axis {@code dim} (negative counts from the end). */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.logSoftmax(dim);
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
