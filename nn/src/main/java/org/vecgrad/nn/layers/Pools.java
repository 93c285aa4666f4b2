package org.vecgrad.nn.layers;

import org.vecgrad.nn.Module;

/** The argument checks and repr pieces the pooling layers share. */
final class Pools {
    private Pools() {
    }

    /** PyTorch's checks of a pooling layer's own arguments (the input is checked at each call). */
    static void checkArguments(String layer, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        for (int[] v : new int[][] {kernel, stride, padding, dilation}) {
            if (v.length != 2) {
                throw new IllegalArgumentException(layer + ": every size needs 2 values (H, W), got "
                        + java.util.Arrays.toString(v));
            }
        }
        for (int a = 0; a < 2; a++) {
            if (kernel[a] < 1 || stride[a] < 1 || dilation[a] < 1) {
                throw new IllegalArgumentException(layer + ": kernel_size " + kernel[a] + ", stride " + stride[a]
                        + " and dilation " + dilation[a] + " must be >= 1");
            }
            if (padding[a] < 0 || padding[a] > kernel[a] / 2) {
                throw new IllegalArgumentException(layer + ": padding " + padding[a] + " must be in [0, kernel_size"
                        + " / 2] = [0, " + kernel[a] / 2 + "] (kernel_size " + kernel[a] + ")");
            }
        }
    }

    /** "MaxPool2d(kernel_size=…)" with the layer's name, for messages; {@code extra} is the layer's extraRepr. */
    static String describe(Module m, String extra) {
        return (m.name() != null ? "'" + m.name() + "' " : "") + m.getClass().getSimpleName() + "(" + extra + ")";
    }

    static String pair(int[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }
}
