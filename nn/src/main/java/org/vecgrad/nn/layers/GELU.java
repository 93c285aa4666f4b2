package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;

/**
 * GELU. Exact (approximate = "none", the default): y = x·Φ(x), Φ the standard normal CDF; y' = Φ(x) + x·φ(x).
 * Tanh form (approximate = "tanh"): y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
 */
public class GELU extends Activation {
    private final boolean tanh;

    /** The exact form. */
    public GELU() {
        this("none");
    }

    /** {@code approximate} is "none" (exact) or "tanh", as in PyTorch. */
    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate)) {
            throw new IllegalArgumentException("GELU: approximate must be \"none\" or \"tanh\", got \"" + approximate
                    + "\"");
        }
        this.tanh = approximate.equals("tanh");
    }

    @Override
    public Tensor forward(Tensor x) {
        return tanh ? x.geluTanh() : x.gelu();
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + (tanh ? "tanh" : "none") + "'";
    }
}
