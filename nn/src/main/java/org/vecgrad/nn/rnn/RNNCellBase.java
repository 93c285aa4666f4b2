package org.vecgrad.nn.rnn;

import java.util.random.RandomGenerator;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.init.Init;

/**
 * What {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share: PyTorch's parameters {@code weight_ih}
 * [G·H, in], {@code weight_hh} [G·H, H], {@code bias_ih} and {@code bias_hh} [G·H] (G gates), drawn from
 * U(−1/√H, 1/√H) in that order, and the input checks. The cells are one time step written with ordinary
 * differentiable tensor operations, for hand-written loops and as the reference of the fused layers.
 */
public abstract class RNNCellBase extends Module {
    private final int inputSize;
    private final int hiddenSize;
    private final boolean bias;
    private final int gates;

    @SuppressWarnings("this-escape") // registration only fills this module's own maps
    RNNCellBase(String layer, int inputSize, int hiddenSize, boolean bias, int gates, long seed) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException(layer + "(inputSize = " + inputSize + ", hiddenSize = " + hiddenSize
                    + "): both must be >= 1");
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        this.gates = gates;
        RandomGenerator rng = Init.generator(seed);
        double k = 1 / Math.sqrt(hiddenSize);
        int gh = gates * hiddenSize;
        registerParameter("weight_ih", Tensor.of(Init.uniform(NdArray.zeros(DType.F32, gh, inputSize), -k, k, rng)));
        registerParameter("weight_hh", Tensor.of(Init.uniform(NdArray.zeros(DType.F32, gh, hiddenSize), -k, k, rng)));
        if (bias) {
            registerParameter("bias_ih", Tensor.of(Init.uniform(NdArray.zeros(DType.F32, gh), -k, k, rng)));
            registerParameter("bias_hh", Tensor.of(Init.uniform(NdArray.zeros(DType.F32, gh), -k, k, rng)));
        }
    }

    /** input_size. */
    public int inputSize() {
        return inputSize;
    }

    /** hidden_size. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** W_ih [G·H, in]. */
    public Tensor weightIh() {
        return param("weight_ih");
    }

    /** W_hh [G·H, H]. */
    public Tensor weightHh() {
        return param("weight_hh");
    }

    /** b_ih [G·H], or null without biases. */
    public Tensor biasIh() {
        return bias ? param("bias_ih") : null;
    }

    /** b_hh [G·H], or null without biases. */
    public Tensor biasHh() {
        return bias ? param("bias_hh") : null;
    }

    /** x·W_ihᵀ + b_ih, [B, G·H]. */
    Tensor inputProjection(Tensor x) {
        return Tensor.affine(x, false, weightIh(), true, biasIh());
    }

    /** h·W_hhᵀ + b_hh, [B, G·H]. */
    Tensor hiddenProjection(Tensor h) {
        return Tensor.affine(h, false, weightHh(), true, biasHh());
    }

    /** Gate block k (of H columns) of a [B, G·H] projection. */
    Tensor block(Tensor p, int k) {
        return p.narrow(1, k * hiddenSize, hiddenSize);
    }

    /** Checks x [B, in] and a state [B, H] (zeros when null, returned then). */
    Tensor checkState(Tensor x, Tensor state, String stateName) {
        String layer = getClass().getSimpleName();
        if (x.rank() != 2 || x.shape(1) != inputSize) {
            throw new IllegalArgumentException(layer + ": input must be [batch, " + inputSize + "]; got "
                    + org.vecgrad.engine.Shapes.str(x.shape()));
        }
        if (state == null) {
            return Tensor.zeros(x.dtype(), x.shape(0), hiddenSize);
        }
        if (state.rank() != 2 || state.shape(0) != x.shape(0) || state.shape(1) != hiddenSize) {
            throw new IllegalArgumentException(layer + ": " + stateName + " must be [" + x.shape(0) + ", "
                    + hiddenSize + "] for input " + org.vecgrad.engine.Shapes.str(x.shape()) + "; got "
                    + org.vecgrad.engine.Shapes.str(state.shape()));
        }
        return state;
    }

    @Override
    public int[] inputShape() {
        return new int[] {inputSize};
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=false");
    }

    int gates() {
        return gates;
    }
}
