package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** Logistic sigmoid: y = 1/(1 + e⁻ˣ); y' = y(1 − y). */
public class Sigmoid extends Activation {
    /** The layer (it has no parameters). */
    public Sigmoid() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
