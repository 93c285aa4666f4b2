package org.vecgrad.nn.layers;

import java.util.random.RandomGenerator;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Functional;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Rng;
import org.vecgrad.nn.init.Init;

/**
 * Maxout (Goodfellow et al., ICML 2013): k linear pieces per output, the largest taken:
 * yⱼ = maxₚ (x·Wᵀ + b)[j·k + p], p = 0 … k−1. Weight [out·k, in] and bias [out·k], initialised as a
 * {@link Linear} of that size. Input [n, in]; output [n, out]. The gradient goes to the first maximal piece.
 */
public class Maxout extends Module {
    private final int in;
    private final int out;
    private final int pieces;

    /** in → out with {@code pieces} pieces per output, seeded from {@link Rng}. */
    public Maxout(int in, int out, int pieces) {
        this(in, out, pieces, Rng.nextSeed());
    }

    /** in → out with {@code pieces} pieces, weights from {@code Init.generator(seed)}. */
    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    public Maxout(int in, int out, int pieces, long seed) {
        if (in < 1 || out < 1 || pieces < 1) {
            throw new IllegalArgumentException("Maxout(in = " + in + ", out = " + out + ", pieces = " + pieces + "): "
                    + (in < 1 ? "in" : out < 1 ? "out" : "pieces") + " must be >= 1");
        }
        this.in = in;
        this.out = out;
        this.pieces = pieces;
        RandomGenerator rng = Init.generator(seed);
        Init.Fans fans = Init.Fans.of(out * pieces, in);                        // the weight is [out·k, in]
        registerParameter("weight", Tensor.of(Init.standardUniform(NdArray.zeros(DType.F32, out * pieces, in), fans,
                rng)));
        registerParameter("bias", Tensor.of(Init.standardUniform(NdArray.zeros(DType.F32, out * pieces), fans, rng)));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.linear(x, param("weight"), param("bias")).maxout(pieces);
    }

    @Override
    public int[] inputShape() {
        return new int[] {in};
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + in + ", out_features=" + out + ", pieces=" + pieces;
    }
}
