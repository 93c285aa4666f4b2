package org.vecgrad.nn.loss;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Base of the losses: {@code forward(input, target)} gives the per-element values reduced by the
 * {@link Reduction} (default MEAN). Losses over class labels also take {@code forward(input, int[] labels)}; for
 * the others that overload turns the labels into a target of the input's shape ([n] or [n, 1]), so a binary
 * classifier with one output can be trained on integer labels.
 */
public abstract class Loss {
    private final Reduction reduction;

    /** A loss with the given reduction. */
    protected Loss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** The reduction. */
    public final Reduction reduction() {
        return reduction;
    }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /**
     * The loss against integer class labels, one per sample. Classification losses override this; the default
     * builds a target of the input's shape (which must be [n] or [n, 1]) holding the labels as numbers.
     */
    public Tensor forward(Tensor input, int[] labels) {
        Objects.requireNonNull(labels, "labels");
        int n = input.rank() == 0 ? -1 : input.shape(0);
        boolean column = input.rank() == 1 || input.rank() == 2 && input.shape(1) == 1;
        if (!column || n != labels.length) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": labels as targets need an input of "
                    + "shape [n] or [n, 1] with n = " + labels.length + " labels; got " + Shapes.str(input.shape()));
        }
        NdArray t = NdArray.zeros(input.dtype(), input.shape());
        for (int i = 0; i < labels.length; i++) {
            t.setFlat(i, labels[i]);
        }
        return forward(input, Tensor.of(t));
    }

    /** Applies the reduction to per-element values; the mean of an empty batch is rejected (it would be NaN). */
    protected final Tensor reduce(Tensor values) {
        if (reduction == Reduction.MEAN && values.size() == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": empty batch (per-element losses of "
                    + "shape " + Shapes.str(values.shape()) + "); the mean needs at least one element");
        }
        return switch (reduction) {
            case MEAN -> values.mean();
            case SUM -> values.sum();
            case NONE -> values;
        };
    }

    /** Checks that input and target have the same shape and dtype. */
    protected final void sameShape(Tensor input, Tensor target) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(target, "target");
        if (!Arrays.equals(input.shape(), target.shape()) || input.dtype() != target.dtype()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input " + input.dtype() + " "
                    + Shapes.str(input.shape()) + " and target " + target.dtype() + " " + Shapes.str(target.shape())
                    + " must have the same shape and dtype");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(reduction=" + reduction.name().toLowerCase() + ")";
    }
}
