package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** y = ln(1 + eˣ) (PyTorch's Softplus with beta = 1; computed stably); y' = σ(x). */
public class Softplus extends Activation {
    /** The layer (it has no parameters). */
    public Softplus() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softplus();
    }
}
