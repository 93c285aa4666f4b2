package org.vecgrad.nn.layers;

import java.util.List;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Merge;

/** Concatenates its inputs along {@code axis} (default −1, the features), Keras's {@code Concatenate}. */
public class Concatenate extends Merge {
    private final int axis;

    /** Along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /** Along {@code axis}. */
    public Concatenate(int axis) {
        this.axis = axis;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Tensor.concat(axis, inputs.toArray(Tensor[]::new));
    }

    /** The axis (negative counts from the end). */
    public int axis() {
        return axis;
    }

    @Override
    protected String extraRepr() {
        return "axis=" + axis;
    }
}
