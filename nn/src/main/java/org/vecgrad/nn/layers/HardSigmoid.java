package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** The engine's hard sigmoid: y = clip(x/4 + 1/2, 0, 1); y' = 1/4 on −2 &lt; x &lt; 2, else 0. (PyTorch's Hardsigmoid uses slope 1/6, Keras 2's 0.2.) */
public class HardSigmoid extends Activation {
    /** The layer (it has no parameters). */
    public HardSigmoid() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.hardSigmoid();
    }
}
