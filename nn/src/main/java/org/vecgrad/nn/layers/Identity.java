package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** y = x (Keras's "linear" activation). */
public class Identity extends Activation {
    /** The layer (it has no parameters). */
    public Identity() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x;
    }
}
