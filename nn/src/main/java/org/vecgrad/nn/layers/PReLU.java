package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;

/**
 * PyTorch's PReLU: y = x if x &gt; 0 else a·x, with a learnable slope {@code weight} a, one shared value
 * (numParameters = 1) or one per channel (numParameters = C, the size of axis 1 of the input, PyTorch's (N, C, …)
 * layout), initialised to 0.25. ∂y/∂x = 1 or a; ∂y/∂a = x where x ≤ 0, summed over the positions sharing a.
 */
public class PReLU extends Activation {
    /** PyTorch's initial slope. */
    public static final double DEFAULT_INIT = 0.25;
    private final int numParameters;

    /** One shared slope, 0.25. */
    public PReLU() {
        this(1, DEFAULT_INIT);
    }

    /** {@code numParameters} slopes (1 or the channel count), each {@code init}. */
    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    public PReLU(int numParameters, double init) {
        if (numParameters < 1) {
            throw new IllegalArgumentException("PReLU: numParameters " + numParameters + " must be >= 1");
        }
        this.numParameters = numParameters;
        registerParameter("weight", Tensor.full(DType.F32, init, numParameters));
    }

    /** The slopes a, shape [numParameters]. */
    public Tensor weight() {
        return param("weight");
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.prelu(weight());
    }

    @Override
    protected String extraRepr() {
        return "num_parameters=" + numParameters;
    }
}
