package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.Module;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share (PyTorch's {@code _BatchNorm}): per channel,
 * y = (x − μ)/√(σ² + ε)·γ + β.
 *
 * <p>Training mode: μ and σ² (biased) are the batch's, over N and the spatial axes, and the running statistics
 * move towards them: running_mean ← (1 − momentum)·running_mean + momentum·μ, running_var likewise with the
 * unbiased variance σ²·M/(M − 1) (M values per channel); num_batches_tracked counts the training batches
 * (momentum null: a cumulative average, factor 1/num_batches_tracked). Evaluation mode: the running statistics,
 * frozen. Defaults as PyTorch's: eps 1e-5, momentum 0.1, affine (γ = 1 and β = 0, trained), track_running_stats.
 *
 * <p>State: parameters {@code weight} (γ), {@code bias} (β); buffers {@code running_mean} (zeros),
 * {@code running_var} (ones) and {@code num_batches_tracked} (a rank-0 I64 counter, as PyTorch's), saved and
 * loaded with the parameters but never trained. {@code summary()} counts the running mean and variance as non-trainable
 * parameters, as Keras does (4·C in all for an affine layer).
 */
public abstract class BatchNorm extends Module {
    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;

    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    BatchNorm(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        String name = getClass().getSimpleName();
        if (numFeatures < 1) {
            throw new IllegalArgumentException(name + ": num_features " + numFeatures + " must be >= 1");
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException(name + "(" + numFeatures + "): eps " + eps + " must be finite and > 0");
        }
        if (momentum != null && !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name + "(" + numFeatures + "): momentum " + momentum + " must be in"
                    + " [0, 1] (or null for a cumulative average)");
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        if (affine) {
            registerParameter("weight", Tensor.ones(DType.F32, numFeatures));
            registerParameter("bias", Tensor.zeros(DType.F32, numFeatures));
        }
        if (trackRunningStats) {
            registerBuffer("running_mean", NdArray.zeros(DType.F32, numFeatures), true);
            registerBuffer("running_var", NdArray.ones(DType.F32, numFeatures), true);
            registerBuffer("num_batches_tracked", NdArray.scalar(DType.I64, 0), false);
        }
    }

    /** The input ranks this layer accepts, e.g. {4} for BatchNorm2d. */
    abstract int[] ranks();

    /** The layouts of {@link #ranks()}, for messages: "[N, C, H, W]". */
    abstract String layouts();

    @Override
    public Tensor forward(Tensor x) {
        String op = (name() != null ? "'" + name() + "' " : "") + getClass().getSimpleName() + "(" + extraRepr()
                + ")";
        boolean rankOk = false;
        for (int r : ranks()) {
            rankOk |= x.rank() == r;
        }
        if (!rankOk) {
            throw new IllegalArgumentException(op + ": input must be " + layouts() + ", got " + Shapes.str(x.shape())
                    + " (rank " + x.rank() + ")");
        }
        if (x.shape(1) != numFeatures) {
            throw new IllegalArgumentException(op + ": input " + Shapes.str(x.shape()) + " has " + x.shape(1)
                    + " channels (axis 1), the layer was built for num_features = " + numFeatures);
        }
        NdArray rm = trackRunningStats ? buffer("running_mean") : null;
        NdArray rv = trackRunningStats ? buffer("running_var") : null;
        boolean counting = isTraining() && trackRunningStats;
        NdArray count = trackRunningStats ? buffer("num_batches_tracked") : null;
        double factor = momentum != null ? momentum : counting ? 1.0 / (count.itemLong() + 1) : 0;
        boolean batchStats = isTraining() || !trackRunningStats;
        Tensor y = NnOps.batchNorm(op, x, rm, rv, affine ? param("weight") : null, affine ? param("bias") : null,
                batchStats, factor, eps);
        if (counting) {                                       // after the checks: a refused batch changes nothing
            count.setFlatLong(0, count.itemLong() + 1);
        }
        return y;
    }

    /** running_mean (the array itself, updated in place in training), or null without running statistics. */
    public NdArray runningMean() {
        return trackRunningStats ? buffer("running_mean") : null;
    }

    /** running_var, or null without running statistics. */
    public NdArray runningVar() {
        return trackRunningStats ? buffer("running_var") : null;
    }

    /** Training batches seen (num_batches_tracked), 0 without running statistics. */
    public long numBatchesTracked() {
        return trackRunningStats ? buffer("num_batches_tracked").itemLong() : 0;
    }

    /** num_features (C). */
    public int numFeatures() {
        return numFeatures;
    }

    /** eps. */
    public double eps() {
        return eps;
    }

    /** Whether there are γ ({@code weight}) and β ({@code bias}). */
    public boolean affine() {
        return affine;
    }

    /** Whether there are running statistics (evaluation uses them; without them, the batch's own). */
    public boolean trackRunningStats() {
        return trackRunningStats;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + affine
                + ", track_running_stats=" + trackRunningStats;
    }
}
