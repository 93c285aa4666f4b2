package org.vecgrad.nn.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vecgrad.engine.NdArray;
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
 *
 * <p>With {@link #transform(Transform, long) transform(t, seed)} every sample's features pass through {@code t}
 * (e.g. a random crop and flip) as its batch is made; the randomness of sample i in epoch e depends only on
 * (seed, e, i), so augmentation, too, is reproducible and independent of the shuffle, the batch size and where
 * the sample lands in its batch.
 */
public final class DataLoader implements Iterable<Batch> {
    /** SplitMix64's golden-ratio increment: well-separated seeds for consecutive epochs and samples. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Dataset dataset;
    private final int batchSize;
    private boolean shuffle;
    private long seed;
    private boolean dropLast;
    private int nextEpoch;
    private Transform transform;
    private long transformSeed;

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

    /**
     * Applies {@code transform} to each sample's features in every batch (torchvision's {@code transform=}
     * argument of a dataset; here on the loader, which knows the epoch); returns this.
     *
     * <p>Seeding: sample i of epoch e is transformed with its own {@link SplittableRandom} seeded with
     * mix(mix(seed + γ·(e + 1)) + γ·(i + 1)), where mix is SplitMix64's finaliser and γ its golden-ratio increment.
     * Two runs with the same seed therefore give the same batches, and a sample's augmentation does not depend on
     * the shuffle seed, the batch size, dropLast or the sample's position in its batch; each epoch draws anew.
     * The transform's outputs must all have one shape (which becomes the batch's feature shape).
     */
    public DataLoader transform(Transform transform, long seed) {
        this.transform = Objects.requireNonNull(transform, "transform");
        this.transformSeed = seed;
        return this;
    }

    /** The generator the loader hands the transform for sample {@code index} in epoch {@code epoch}. */
    static SplittableRandom sampleRandom(long seed, int epoch, int index) {
        return new SplittableRandom(mix64(mix64(seed + GOLDEN * (epoch + 1L)) + GOLDEN * (index + 1L)));
    }

    /** SplitMix64's finaliser (Stafford's variant 13): nearby inputs give unrelated outputs. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
            SplittableRandom r = new SplittableRandom(seed + GOLDEN * (epoch + 1L));
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
                Batch batch = dataset.batch(idx);
                return transform == null ? batch : transformed(batch, idx, epoch);
            }
        };
    }

    private Batch transformed(Batch batch, int[] idx, int epoch) {
        NdArray out = null;
        for (int b = 0; b < idx.length; b++) {
            NdArray t = transform.apply(batch.x().row(b), sampleRandom(transformSeed, epoch, idx[b]));
            if (out == null) {
                int[] s = new int[t.rank() + 1];
                s[0] = idx.length;
                System.arraycopy(t.shape(), 0, s, 1, t.rank());
                out = NdArray.zeros(t.dtype(), s);
            }
            NdArray row = out.row(b);
            if (!Arrays.equals(t.shape(), row.shape()) || t.dtype() != row.dtype()) {
                throw new IllegalStateException("transform: sample " + idx[b] + " became " + t.dtype() + " "
                        + Arrays.toString(t.shape()) + " but the batch's first sample " + row.dtype() + " "
                        + Arrays.toString(row.shape()) + "; a transform must give every sample one shape");
            }
            row.copyFrom(t);
        }
        return new Batch(out, batch.labels(), batch.y());
    }
}
