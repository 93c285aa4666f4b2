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
 * PyTorch's {@code nn.Linear}: y = x·Wᵀ + b, with weight W of shape [out, in] and bias b of shape [out].
 * Input [n, in] (or [d₁, …, in]); output [n, out] (or [d₁, …, out]).
 *
 * <p>Initialisation as PyTorch's: W ~ U(−1/√in, 1/√in) (what {@code kaiming_uniform_} with a = √5 gives) and
 * b ~ U(−1/√in, 1/√in), drawn in that order from a SplitMix64 generator seeded by {@code seed} (or by
 * {@link Rng#nextSeed()} when no seed is given), so the same seed gives the same weights everywhere. F32 unless
 * converted with {@link Module#to(DType)}.
 */
public class Linear extends Module {
    private final int in;
    private final int out;
    private final boolean bias;

    /** in → out with a bias, seeded from {@link Rng}. */
    public Linear(int in, int out) {
        this(in, out, true);
    }

    /** in → out, with or without a bias, seeded from {@link Rng}. */
    public Linear(int in, int out, boolean bias) {
        this(in, out, bias, Rng.nextSeed());
    }

    /** in → out, with or without a bias, weights drawn from {@code Init.generator(seed)}. */
    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    public Linear(int in, int out, boolean bias, long seed) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear(in = " + in + ", out = " + out + "): "
                    + (in < 1 ? "in" : "out") + " must be >= 1");
        }
        this.in = in;
        this.out = out;
        this.bias = bias;
        RandomGenerator rng = Init.generator(seed);
        Init.Fans fans = Init.Fans.of(out, in);                                 // the weight is [out, in]
        registerParameter("weight", Tensor.of(Init.standardUniform(NdArray.zeros(DType.F32, out, in), fans, rng)));
        if (bias) {
            registerParameter("bias", Tensor.of(Init.standardUniform(NdArray.zeros(DType.F32, out), fans, rng)));
        }
    }

    /** W, shape [out, in]. */
    public Tensor weight() {
        return param("weight");
    }

    /** b, shape [out], or null without a bias. */
    public Tensor bias() {
        return bias ? param("bias") : null;
    }

    /** in_features. */
    public int inFeatures() {
        return in;
    }

    /** out_features. */
    public int outFeatures() {
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.linear(x, weight(), bias());
    }

    @Override
    public int[] inputShape() {
        return new int[] {in};
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + in + ", out_features=" + out + ", bias=" + bias;
    }
}
