package org.vecgrad.nn;

import java.util.List;
import java.util.Objects;
import org.vecgrad.engine.DType;

/**
 * A placeholder for a value in a model being described with the functional API (Keras's {@code KerasTensor}): it
 * knows its feature shape (without the batch axis) and dtype, and which layer call produced it from which inputs.
 * Made by {@link Input#of} and {@link Module#call}; turned into a runnable {@link Model} by {@code new Model(…)}.
 */
public final class SymbolicTensor {
    final Module layer;
    final List<SymbolicTensor> inputs;
    private final int[] shape;
    private final DType dtype;
    final String inputName;

    SymbolicTensor(Module layer, List<SymbolicTensor> inputs, int[] shape, DType dtype, String inputName) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.shape = shape.clone();
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.inputName = inputName;
    }

    /** The feature shape: the shape of one sample (no batch axis). */
    public int[] shape() {
        return shape.clone();
    }

    /** The dtype of the values. */
    public DType dtype() {
        return dtype;
    }

    /** The values the layer call read (empty for an input). */
    public List<SymbolicTensor> inputs() {
        return inputs;
    }

    /** True for a model input made by {@link Input#of}. */
    public boolean isInput() {
        return layer == null;
    }

    /** The layer that produced this value, or null for an input. */
    public Module layer() {
        return layer;
    }

    @Override
    public String toString() {
        return "SymbolicTensor(" + (isInput() ? "input '" + inputName + "'" : layer.getClass().getSimpleName())
                + ", shape=" + Functional.kerasShape(Functional.batchOf1(shape)) + ", " + dtype + ")";
    }
}
