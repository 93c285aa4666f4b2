package org.vecgrad.nn;

import java.util.List;
import java.util.Objects;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.Shapes;

/**
 * Model inputs for the functional API (Keras's {@code keras.Input}).
 *
 * <pre>{@code
 * SymbolicTensor x = Input.of("features", 2);                 // samples of shape [2]; batches [n, 2]
 * SymbolicTensor h = new Dense(4, "relu").call(x);
 * SymbolicTensor y = new Dense(1, "sigmoid").call(h);
 * Model model = Model.of(x, y);
 * }</pre>
 */
public final class Input {
    private Input() {
    }

    /** An F32 input called {@code name} whose samples have {@code shape} (no batch axis). */
    public static SymbolicTensor of(String name, int... shape) {
        return of(name, DType.F32, shape);
    }

    /** An input of the given dtype. */
    public static SymbolicTensor of(String name, DType dtype, int... shape) {
        Objects.requireNonNull(name, "name");
        Shapes.size(shape);
        if (shape.length == 0) {
            throw new IllegalArgumentException("Input '" + name + "': give the shape of one sample, e.g. of(\""
                    + name + "\", 784)");
        }
        return new SymbolicTensor(null, List.of(), shape, dtype, name);
    }
}
