package org.vecgrad.nn.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;

/**
 * An autodiff {@link Tensor} leaf seen as a {@link Parameter}: the optimizer updates the tensor's values in place
 * (outside any graph) from the gradient that {@link Tensor#backward()} accumulated.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(DType.F32, rng, 10, 64).requiresGrad(true);
 * Adam opt = new Adam(List.of(TensorParameter.of("fc.weight", w)));
 * opt.zeroGrad(); loss.backward(); opt.step();
 * }</pre>
 *
 * {@link #zeroGrad()} clears the tensor's gradient to null ({@link Tensor#clearGrad()}, PyTorch's
 * {@code set_to_none=True}), so a parameter that the next loss does not reach is skipped by the step.
 */
public final class TensorParameter implements Parameter {
    private final String name;
    private final Tensor tensor;

    private TensorParameter(String name, Tensor tensor) {
        this.name = Objects.requireNonNull(name, "name");
        this.tensor = Objects.requireNonNull(tensor, "tensor");
        if (!tensor.isLeaf() || !tensor.requiresGrad()) {
            throw new IllegalArgumentException("parameter \"" + name + "\" must be a leaf tensor that requires grad"
                    + " (leaf: " + tensor.isLeaf() + ", requiresGrad: " + tensor.requiresGrad() + ")");
        }
    }

    /** Wraps a leaf tensor that requires grad. */
    public static TensorParameter of(String name, Tensor tensor) {
        return new TensorParameter(name, tensor);
    }

    /** Wraps each entry of {@code named} (e.g. "fc1.weight" → tensor), in the map's order. */
    public static List<TensorParameter> of(Map<String, Tensor> named) {
        List<TensorParameter> out = new ArrayList<>();
        named.forEach((n, t) -> out.add(of(n, t)));
        return out;
    }

    /** The wrapped tensor. */
    public Tensor tensor() {
        return tensor;
    }

    @Override
    public String name() {
        return name;
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

    @Override
    public String toString() {
        return "TensorParameter(" + name + ", " + tensor.dtype() + " " + java.util.Arrays.toString(tensor.shape())
                + ")";
    }
}
