package org.vecgrad.nn;

import java.util.List;
import org.vecgrad.autodiff.Tensor;

/**
 * A layer of several inputs (Keras's merge layers: {@code Concatenate}, {@code Add}), for the functional API.
 * {@link #forward(Tensor)} treats a single tensor as a list of one.
 */
public abstract class Merge extends Module {
    /** For subclasses. */
    protected Merge() {
    }

    /** The output for the given inputs (at least one). */
    public abstract Tensor forward(List<Tensor> inputs);

    @Override
    public Tensor forward(Tensor x) {
        return forward(List.of(x));
    }
}
