package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/** y = clip(x, −1, 1); y' = 1 on −1 &lt; x &lt; 1, else 0 (PyTorch's Hardtanh with its default bounds). */
public class HardTanh extends Activation {
    /** The layer (it has no parameters). */
    public HardTanh() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.hardTanh();
    }
}
