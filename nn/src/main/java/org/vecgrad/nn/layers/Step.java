package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** Heaviside step: y = 1 if x &gt; 0 else 0; the gradient is 0 everywhere (so nothing before it learns). */
public class Step extends Activation {
    /** The layer (it has no parameters). */
    public Step() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.step();
    }
}
