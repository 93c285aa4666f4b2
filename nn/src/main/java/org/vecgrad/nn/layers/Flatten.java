package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Module;

/** Keeps the batch axis and flattens the rest: [n, d₁, …, dₖ] → [n, d₁·…·dₖ] (a view; the gradient reshapes back). */
public class Flatten extends Module {
    /** The layer (it has no parameters). */
    public Flatten() {
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("Flatten: needs a batch axis, got a rank-0 tensor");
        }
        return x.rank() == 2 ? x : x.reshape(x.shape(0), -1);
    }
}
