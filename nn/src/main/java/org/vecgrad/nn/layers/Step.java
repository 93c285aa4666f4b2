package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/**
 * Heaviside step: y = 1 if x &gt; 0 else 0, so y(0) = 0; the gradient is 0 everywhere (so nothing before it learns).
 * The value at 0 is a convention (PyTorch's {@code heaviside(x, values)} takes it as an argument); vecgrad's is 0,
 * matching ReLU's derivative at 0 and a perceptron that fires only on a strictly positive net input
 * ({@link Tensor#step()}).
 */
public class Step extends Activation {
    /** The layer (it has no parameters). */
    public Step() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.step();
    }
}
