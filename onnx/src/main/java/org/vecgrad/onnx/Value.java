package org.vecgrad.onnx;

import java.util.Arrays;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * A value flowing along a graph edge: floating-point data as an {@link NdArray} (F32 or F64), or integer data
 * (ONNX INT64, INT32, INT16, INT8, UINT8, BOOL) as a row-major {@code long[]} with a shape. Integer values are the
 * shape arithmetic of exported graphs (Shape → Gather → Concat → Reshape), indices and axes.
 */
sealed interface Value {

    int[] shape();

    /** "F32 [2, 3]" or "INT64 [4]", for messages. */
    String describe();

    record Floats(NdArray array) implements Value {
        @Override
        public int[] shape() {
            return array.shape();
        }

        @Override
        public String describe() {
            return array.dtype() + " " + Shapes.str(array.shape());
        }
    }

    /** Integer data; {@code shape} is never modified (callers pass fresh arrays). */
    record Ints(long[] data, int[] shape) implements Value {
        public Ints {
            if (data.length != Shapes.size(shape)) {
                throw new IllegalArgumentException("integer tensor of shape " + Shapes.str(shape) + " with "
                        + data.length + " elements");
            }
        }

        static Ints vector(long... data) {
            return new Ints(data, new int[] {data.length});
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public String describe() {
            return "INT64 " + Shapes.str(shape);
        }

        @Override
        public String toString() {
            return describe() + " " + Arrays.toString(data);
        }
    }
}
