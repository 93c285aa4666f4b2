package org.vecgrad.nn;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default seed (PyTorch's {@code torch.manual_seed}): one call, {@code Rng.manualSeed(s)}, fixes every random
 * choice the library makes without an explicit seed — layer weights, Dropout masks, the order in which
 * {@code DataLoader.shuffle()} and {@code fit} visit the data, {@code Datasets.trainTestSplit} — so a program that
 * creates the same things in the same order gives the same results on every run and machine. The default seed,
 * before any call, is 0.
 *
 * <p>No generator is shared. Each consumer takes a seed of its own when it is created: the n-th seed taken since
 * the last {@code manualSeed(s)} is a SplitMix64 mix of (s, n), and the consumer draws from its own
 * {@link SplittableRandom} seeded with it (a Dropout layer from one per training-mode call, seeded by its seed and
 * the call's number). What is shared is only the seed and the creation counter, touched once per creation, never
 * by a forward pass, a training step or inference: threads running models contend on nothing here, and inference
 * draws nothing at all ({@link InferenceMode}). Because the counter orders creations, build models on one thread
 * when their seeds must not depend on scheduling (or give explicit seeds).
 */
public final class Rng {
    /** The seed and how many seeds were taken from it; replaced whole by {@link #manualSeed}. */
    private record Stream(long seed, AtomicLong taken) {
    }

    private static volatile Stream stream = new Stream(0, new AtomicLong());

    private Rng() {
    }

    /** Sets the default seed and restarts the count of seeds taken from it. */
    public static void manualSeed(long seed) {
        stream = new Stream(seed, new AtomicLong());
    }

    /** The default seed last set by {@link #manualSeed} (0 before any call): PyTorch's {@code initial_seed()}. */
    public static long initialSeed() {
        return stream.seed();
    }

    /** The seed of the next consumer created without one: mix(default seed, n) for the n-th since manualSeed. */
    public static long nextSeed() {
        Stream s = stream;
        return mix(s.seed(), s.taken().getAndIncrement());
    }

    /** A new generator of the caller's own, seeded with {@link #nextSeed()}. */
    public static SplittableRandom generator() {
        return new SplittableRandom(nextSeed());
    }

    /** SplitMix64's output function on seed + (n + 1)·γ: well-separated seeds for consecutive n. */
    static long mix(long seed, long n) {
        long z = seed + (n + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
