package org.vecgrad.nn.data;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * An in-memory dataset over arrays: features of shape {@code [n, feature shape…]} with either integer class labels
 * ({@code int[n]}) or targets of shape {@code [n, target shape…]} (PyTorch's {@code TensorDataset}).
 *
 * <p>The arrays are shared, not copied: the dataset sees later changes to them. Samples returned by {@link #get}
 * are views into the features; batches are copies.
 */
public final class TensorDataset implements Dataset {
    private final NdArray features;
    private final int[] labels;
    private final NdArray targets;

    private TensorDataset(NdArray features, int[] labels, NdArray targets) {
        Objects.requireNonNull(features, "features");
        if (features.rank() == 0) {
            throw new IllegalArgumentException("features must have a sample axis: shape [n, ...], got a scalar");
        }
        int n = features.shape(0);
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException("features have " + n + " rows but there are " + labels.length
                        + " labels");
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0) {
                    throw new IllegalArgumentException("label " + labels[i] + " at row " + i
                            + " is negative; class labels are 0, 1, ...");
                }
            }
        } else {
            Objects.requireNonNull(targets, "targets");
            if (targets.rank() == 0 || targets.shape(0) != n) {
                throw new IllegalArgumentException("features have " + n + " rows but targets have shape "
                        + Arrays.toString(targets.shape()));
            }
        }
        this.features = features;
        this.labels = labels;
        this.targets = targets;
    }

    /** A classification dataset: features {@code [n, …]} and labels 0, 1, … (copied). */
    public static TensorDataset of(NdArray features, int[] labels) {
        return new TensorDataset(features, Objects.requireNonNull(labels, "labels").clone(), null);
    }

    /** A regression dataset: features {@code [n, …]} and targets {@code [n, …]}. */
    public static TensorDataset of(NdArray features, NdArray targets) {
        return new TensorDataset(features, null, Objects.requireNonNull(targets, "targets"));
    }

    /** The features array, shape {@code [n, …]} (shared). */
    public NdArray features() {
        return features;
    }

    /** True for a classification dataset (labels), false for a regression dataset (targets). */
    public boolean hasLabels() {
        return labels != null;
    }

    /** A copy of the labels; throws for a regression dataset. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("this dataset has targets, not labels; use targets()");
        }
        return labels.clone();
    }

    /** The targets array (shared); throws for a classification dataset. */
    public NdArray targets() {
        if (targets == null) {
            throw new IllegalStateException("this dataset has labels, not targets; use labels()");
        }
        return targets;
    }

    /** 1 + the largest label (0 for an empty dataset); throws for a regression dataset. */
    public int numClasses() {
        int max = -1;
        for (int l : labels()) {
            max = Math.max(max, l);
        }
        return max + 1;
    }

    /** The shape of one sample's features. */
    public int[] featureShape() {
        int[] s = features.shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    @Override
    public int size() {
        return features.shape(0);
    }

    @Override
    public Example get(int i) {
        Objects.checkIndex(i, size());
        return labels != null ? new Example(features.row(i), labels[i], null)
                : new Example(features.row(i), -1, targets.row(i));
    }

    @Override
    public Batch batch(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        NdArray x = gather(features, indices);
        if (labels != null) {
            int[] l = new int[indices.length];
            for (int b = 0; b < indices.length; b++) {
                l[b] = labels[indices[b]];
            }
            return new Batch(x, l, null);
        }
        return new Batch(x, null, gather(targets, indices));
    }

    /** A new dataset holding copies of the rows at {@code indices}, in that order. */
    public TensorDataset subset(int[] indices) {
        Batch b = batch(indices);
        return b.labels() != null ? new TensorDataset(b.x(), b.labels(), null) : new TensorDataset(b.x(), null,
                b.y());
    }

    /** A copy with the features (and targets) converted to {@code dtype}. */
    public TensorDataset to(DType dtype) {
        return labels != null ? new TensorDataset(features.to(dtype), labels.clone(), null)
                : new TensorDataset(features.to(dtype), null, targets.to(dtype));
    }

    /** A dataset with the same labels or targets and new features of the same number of rows. */
    public TensorDataset withFeatures(NdArray newFeatures) {
        return labels != null ? new TensorDataset(newFeatures, labels.clone(), null)
                : new TensorDataset(newFeatures, null, targets);
    }

    /**
     * A dataset whose samples have the shape {@code featureShape} (same element count; one dimension may be −1),
     * sharing the features' storage; labels or targets unchanged. E.g. the digits as 1×8×8 images:
     * {@code Datasets.digits().reshapeFeatures(1, 8, 8)} has features {@code [1797, 1, 8, 8]}.
     *
     * @throws IllegalArgumentException when a sample's element count differs from the new shape's
     */
    public TensorDataset reshapeFeatures(int... featureShape) {
        Objects.requireNonNull(featureShape, "featureShape");
        int[] s = new int[featureShape.length + 1];
        s[0] = size();
        System.arraycopy(featureShape, 0, s, 1, featureShape.length);
        NdArray reshaped;
        try {
            reshaped = features.reshape(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reshapeFeatures: samples of shape " + Arrays.toString(featureShape())
                    + " cannot become " + Arrays.toString(featureShape) + " (" + e.getMessage() + ")", e);
        }
        return withFeatures(reshaped);
    }

    /** Rows {@code indices} of {@code a}, copied into a new array {@code [indices.length, …]}. */
    static NdArray gather(NdArray a, int[] indices) {
        return a.indexSelect(0, NdArray.wrap(indices, 0, indices.length));
    }

    @Override
    public String toString() {
        return "TensorDataset(" + size() + " samples, features " + features.dtype() + " "
                + Arrays.toString(featureShape()) + (labels != null ? ", " + numClasses() + " classes)"
                        : ", targets " + Arrays.toString(targets.shape()) + ")");
    }
}
