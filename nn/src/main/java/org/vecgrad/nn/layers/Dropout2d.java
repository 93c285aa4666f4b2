package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Rng;

/**
 * PyTorch's {@code nn.Dropout2d} (channel dropout) on [N, C, H, W]: in training mode each whole channel of each
 * sample is zeroed with probability p and the others are scaled by 1/(1 − p); in eval mode the identity. Neighbouring
 * pixels of a feature map are strongly correlated, so dropping single pixels ({@link Dropout}) barely regularises a
 * convolution; dropping whole maps does.
 *
 * <p>Masks are reproducible as {@link Dropout}'s: call c (counting training-mode calls) draws from a SplitMix64
 * generator seeded by (seed, c); the call counter is this layer's {@linkplain Module#randomStates() random state}.
 */
public class Dropout2d extends Dropout {

    /** p = 0.5 (PyTorch's default), seeded from {@link Rng}. */
    public Dropout2d() {
        this(0.5);
    }

    /** Drop probability p ∈ [0, 1), seeded from {@link Rng}. */
    public Dropout2d(double p) {
        this(p, Rng.nextSeed());
    }

    /** Drop probability p ∈ [0, 1) and a seed. */
    public Dropout2d(double p, long seed) {
        super(p, seed);
    }

    @Override
    public Tensor forward(Tensor x) {
        boolean drop = isTraining() && p() > 0;
        return NnOps.dropout2d(x, p(), drop, drop ? nextGenerator() : null);
    }
}
