package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** y = tanh x; y' = 1 − y². */
public class Tanh extends Activation {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
