package org.vecgrad.nn.optim;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.engine.NdArray;

/** A {@link Parameter} over a plain array whose gradient is set by hand ({@link #setGrad}). */
public final class ArrayParameter implements Parameter {
    private final String name;
    private final NdArray data;
    private NdArray grad;

    /** Holds {@code data} (shared, not copied) with no gradient. */
    public ArrayParameter(String name, NdArray data) {
        this.name = Objects.requireNonNull(name, "name");
        this.data = Objects.requireNonNull(data, "data");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NdArray data() {
        return data;
    }

    @Override
    public NdArray grad() {
        return grad;
    }

    /** Sets the gradient (shared, not copied; null for none); it must match the data's shape and dtype. */
    public ArrayParameter setGrad(NdArray grad) {
        if (grad != null && (grad.dtype() != data.dtype() || !Arrays.equals(grad.shape(), data.shape()))) {
            throw new IllegalArgumentException("parameter \"" + name + "\": gradient " + grad.dtype() + " "
                    + Arrays.toString(grad.shape()) + " does not match the data " + data.dtype() + " "
                    + Arrays.toString(data.shape()));
        }
        this.grad = grad;
        return this;
    }

    /** Sets the gradient to null. */
    @Override
    public void zeroGrad() {
        grad = null;
    }

    @Override
    public String toString() {
        return "Parameter(" + name + ", " + data.dtype() + " " + Arrays.toString(data.shape())
                + (grad == null ? ", no grad)" : ", grad)");
    }
}
