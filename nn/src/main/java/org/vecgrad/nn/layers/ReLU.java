package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** y = max(x, 0); y' = 1 if x &gt; 0 else 0 (0 at x = 0). */
public class ReLU extends Activation {
    /** The layer (it has no parameters). */
    public ReLU() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
