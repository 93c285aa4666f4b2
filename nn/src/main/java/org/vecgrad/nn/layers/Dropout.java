package org.vecgrad.nn.layers;

import java.util.SplittableRandom;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Rng;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the survivors are scaled by
 * 1/(1 − p), so the expected output equals the input; in eval mode the identity. y = x·m/(1 − p) with
 * m ~ Bernoulli(1 − p) per element; ∂y/∂x = m/(1 − p).
 *
 * <p>Masks are reproducible: call c (counting training-mode calls from 0) draws its mask from a SplitMix64
 * generator of its own, seeded by (seed, c), where the seed is given or taken from {@link Rng} at construction
 * (fixed by {@code Rng.manualSeed}); the call counter is this layer's {@linkplain Module#randomStates() random
 * state}, saved in checkpoints. With inference semantics ({@link Module#predict}, an
 * {@link org.vecgrad.nn.InferenceMode} scope, or eval mode) it is the identity and draws nothing, so concurrent
 * inference shares no random state.
 */
public class Dropout extends Module {
    private final double p;
    private final long seed;
    private long calls;

    /** p = 0.5 (PyTorch's default), seeded from {@link Rng}. */
    public Dropout() {
        this(0.5);
    }

    /** Drop probability p ∈ [0, 1), seeded from {@link Rng}. */
    public Dropout(double p) {
        this(p, Rng.nextSeed());
    }

    /** Drop probability p ∈ [0, 1) and a seed. */
    public Dropout(double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p = " + p + " must be in [0, 1) (p = 1 would drop every "
                    + "element and divide by zero)");
        }
        this.p = p;
        this.seed = seed;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        SplittableRandom r = nextGenerator();
        NdArray mask = NdArray.zerosLike(x.data());
        double keep = 1 / (1 - p);
        for (int i = 0; i < mask.size(); i++) {
            if (r.nextDouble() >= p) {
                mask.setFlat(i, keep);
            }
        }
        return x.mul(Tensor.of(mask));
    }

    /** The drop probability p. */
    public double p() {
        return p;
    }

    /** The generator of the next training-mode call's mask: seeded by (seed, number of the call). */
    protected final SplittableRandom nextGenerator() {
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * ++calls);
    }

    @Override
    protected long[] randomState() {
        return new long[] {calls};
    }

    @Override
    protected void setRandomState(long[] state) {
        this.calls = state[0];
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
