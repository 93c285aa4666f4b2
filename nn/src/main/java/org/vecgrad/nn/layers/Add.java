package org.vecgrad.nn.layers;

import java.util.List;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Merge;

/** The elementwise sum of its inputs (same shapes, or broadcastable), Keras's {@code Add}: residual connections. */
public class Add extends Merge {
    /** The layer (it has no parameters). */
    public Add() {
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Add needs at least one input");
        }
        Tensor y = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            y = y.add(inputs.get(i));
        }
        return y;
    }
}
