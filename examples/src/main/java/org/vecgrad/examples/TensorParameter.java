package org.vecgrad.examples;

import java.util.Objects;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.optim.Parameter;

/**
 * An autodiff {@link Tensor} leaf seen as an optimizer {@link Parameter}: the optimizer reads the gradient that
 * {@code backward()} left in {@link Tensor#grad()} and updates {@link Tensor#data()} in place.
 */
public record TensorParameter(String name, Tensor tensor) implements Parameter {
    public TensorParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tensor, "tensor");
        if (!tensor.isLeaf() || !tensor.requiresGrad()) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a leaf that requires grad");
        }
    }

    @Override
    public NdArray data() {
        return tensor.data();
    }

    @Override
    public NdArray grad() {
        Tensor g = tensor.grad();
        return g == null ? null : g.data();
    }

    @Override
    public void zeroGrad() {
        tensor.clearGrad();
    }
}
