package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** y = tanh x; y' = 1 − y². */
public class Tanh extends Activation {
    /** The layer (it has no parameters). */
    public Tanh() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
