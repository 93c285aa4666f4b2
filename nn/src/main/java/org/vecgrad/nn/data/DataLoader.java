package org.vecgrad.nn.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vecgrad.nn.Rng;

/**
 * Iterates a {@link Dataset} in mini-batches (PyTorch's {@code DataLoader}, single-threaded).
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(train, 32).shuffle(42).dropLast(true);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch b : loader) { ... }        // each pass over the loader is the next epoch
 * }
 * }</pre>
 *
 * <p>Without shuffling, batches follow index order. With {@link #shuffle(long) shuffle(seed)}, epoch e visits a
 * permutation drawn (Fisher–Yates) from a SplitMix64 generator seeded by (seed, e), so every epoch has a new order
 * and a run is reproducible: the same seed gives the same batches in every run, whichever epoch one starts at
 * ({@link #epoch(int)}). The last batch is smaller when the batch size does not divide the dataset size, unless
 * {@link #dropLast(boolean) dropLast} drops it.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private boolean shuffle;
    private long seed;
    private boolean dropLast;
    private int nextEpoch;

    /** Batches of {@code batchSize} in index order, keeping a smaller last batch. */
    public DataLoader(Dataset dataset, int batchSize) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize " + batchSize + " must be >= 1");
        }
        this.batchSize = batchSize;
    }

    /**
     * Shuffles every epoch, from a seed taken from {@link Rng} now (PyTorch's {@code shuffle=True} with the default
     * generator: fixed by {@code Rng.manualSeed}); returns this.
     */
    public DataLoader shuffle() {
        return shuffle(Rng.nextSeed());
    }

    /** Shuffles every epoch, reproducibly from {@code seed}; returns this. */
    public DataLoader shuffle(long seed) {
        this.shuffle = true;
        this.seed = seed;
        return this;
    }

    /** Drops (true) or keeps (false, the default) a last batch smaller than the batch size; returns this. */
    public DataLoader dropLast(boolean dropLast) {
        this.dropLast = dropLast;
        return this;
    }

    /** The batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: ⌊n/b⌋ with dropLast, else ⌈n/b⌉. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The epoch the next {@link #iterator()} call will produce (0 at first). */
    public int nextEpoch() {
        return nextEpoch;
    }

    /** Makes the next {@link #iterator()} produce epoch {@code epoch} (e.g. when resuming a run). */
    public void setNextEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " must be >= 0");
        }
        this.nextEpoch = epoch;
    }

    /** The sample order of epoch {@code epoch}: 0, 1, … without shuffling, else that epoch's permutation. */
    public int[] order(int epoch) {
        int n = dataset.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            // golden-ratio increments give well-separated SplitMix64 seeds for consecutive epochs
            SplittableRandom r = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (epoch + 1L));
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    /** The batches of epoch {@code epoch}, without advancing the epoch counter. */
    public Iterable<Batch> epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " must be >= 0");
        }
        return () -> batches(epoch);
    }

    /** The batches of the next epoch; advances the epoch counter. */
    @Override
    public Iterator<Batch> iterator() {
        return batches(nextEpoch++);
    }

    private Iterator<Batch> batches(int epoch) {
        int[] order = order(epoch);
        int count = numBatches();
        return new Iterator<>() {
            int b;

            @Override
            public boolean hasNext() {
                return b < count;
            }

            @Override
            public Batch next() {
                if (b >= count) {
                    throw new NoSuchElementException("epoch " + epoch + " has " + count + " batches");
                }
                int from = b++ * batchSize;
                int to = Math.min(order.length, from + batchSize);
                int[] idx = new int[to - from];
                System.arraycopy(order, from, idx, 0, idx.length);
                return dataset.batch(idx);
            }
        };
    }
}
