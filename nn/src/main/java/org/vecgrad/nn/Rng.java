package org.vecgrad.nn;

import java.util.SplittableRandom;

/**
 * The default source of randomness for layers created without an explicit seed (PyTorch's
 * {@code torch.manual_seed}). Each layer constructor that is not given a seed draws one 64-bit seed from here, so
 * a model built after {@code Rng.manualSeed(s)} has the same weights on every run and machine (SplitMix64). The
 * default seed, before any call, is 0: runs are reproducible unless you choose otherwise.
 *
 * <p>Thread-safe (synchronised); build models on one thread if their weights must not depend on scheduling.
 */
public final class Rng {
    private static SplittableRandom global = new SplittableRandom(0);

    private Rng() {
    }

    /** Restarts the default stream from {@code seed}. */
    public static synchronized void manualSeed(long seed) {
        global = new SplittableRandom(seed);
    }

    /** The next seed from the default stream (what a layer uses when given none). */
    public static synchronized long nextSeed() {
        return global.nextLong();
    }
}
