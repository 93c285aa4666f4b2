package org.vecgrad.nn.layers;

import org.vecgrad.autodiff.NnOps;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.nn.Module;

/**
 * PyTorch's {@code nn.GroupNorm} over [N, C, …]: the C channels split into num_groups groups of consecutive
 * channels, each sample's group normalized by its own mean and biased variance, then a per-channel affine map
 * (γ ones, β zeros, shape [C]). The same in training and evaluation. Defaults: eps 1e-5, affine.
 */
public class GroupNorm extends Module {
    private final int numGroups;
    private final int numChannels;
    private final double eps;
    private final boolean affine;

    /** num_groups groups of num_channels / num_groups channels, PyTorch's defaults. */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, 1e-5, true);
    }

    /** Every argument. */
    @SuppressWarnings("this-escape") // registration only fills this module's own maps; nothing overridable runs
    public GroupNorm(int numGroups, int numChannels, double eps, boolean affine) {
        if (numGroups < 1 || numChannels < 1 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm(" + numGroups + ", " + numChannels + "): num_channels "
                    + numChannels + " must be divisible by num_groups " + numGroups + " (both >= 1)");
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("GroupNorm: eps " + eps + " must be finite and > 0");
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.affine = affine;
        if (affine) {
            registerParameter("weight", Tensor.ones(DType.F32, numChannels));
            registerParameter("bias", Tensor.zeros(DType.F32, numChannels));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        String op = (name() != null ? "'" + name() + "' " : "") + "GroupNorm(" + extraRepr() + ")";
        if (x.rank() >= 2 && x.shape(1) != numChannels) {
            throw new IllegalArgumentException(op + ": input " + org.vecgrad.engine.Shapes.str(x.shape()) + " has "
                    + x.shape(1) + " channels (axis 1), the layer was built for num_channels = " + numChannels);
        }
        return NnOps.groupNorm(op, x, numGroups, affine ? param("weight") : null, affine ? param("bias") : null,
                eps);
    }

    /** num_groups. */
    public int numGroups() {
        return numGroups;
    }

    /** num_channels. */
    public int numChannels() {
        return numChannels;
    }

    /** eps. */
    public double eps() {
        return eps;
    }

    /** Whether there are γ ({@code weight}) and β ({@code bias}). */
    public boolean affine() {
        return affine;
    }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + eps + ", affine=" + affine;
    }
}
