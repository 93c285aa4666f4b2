package org.vecgrad.nn;

import java.util.Objects;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.optim.Parameter;

/**
 * Adapts a parameter {@link Tensor} to the optimizers' {@link Parameter} interface (autodiff, where Tensor lives,
 * cannot depend on nn). {@link Module#parameters()} returns these, named by full path.
 *
 * <p>{@link #data()} is the tensor's values (the optimizer updates them in place, outside any graph);
 * {@link #grad()} is the values of {@code tensor.grad()}, or null before a backward pass has reached the tensor or
 * when it is frozen; {@link #zeroGrad()} drops the gradient (PyTorch's {@code set_to_none=True}), so a parameter
 * that gets no gradient in a step is skipped by the optimizer.
 */
public final class TensorParameter implements Parameter {
    private final String name;
    private final Tensor tensor;

    /** Wraps {@code tensor} (a leaf) under {@code name}. */
    public TensorParameter(String name, Tensor tensor) {
        this.name = Objects.requireNonNull(name, "name");
        this.tensor = Objects.requireNonNull(tensor, "tensor");
    }

    @Override
    public String name() {
        return name;
    }

    /** The wrapped tensor. */
    public Tensor tensor() {
        return tensor;
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

    /** Whether the tensor requires grad (frozen parameters do not). */
    public boolean trainable() {
        return tensor.requiresGrad();
    }

    @Override
    public String toString() {
        return "TensorParameter(" + name + ", " + tensor.dtype() + " " + Shapes.str(tensor.shape()) + ")";
    }
}
