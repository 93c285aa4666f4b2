package org.vecgrad.engine.nn;

import java.util.Arrays;
import java.util.Objects;
import org.vecgrad.engine.Shapes;

/**
 * The shape arithmetic of max pooling (2-D, or 1-D as H = 1) over the last two (one) axes of an input whose leading
 * axes are planes ([N, C, H, W] or [C, H, W]; [N, C, L] or [C, L]), validated once as PyTorch validates it:
 * <pre>  OH = ⌊(H + 2·padH − dH·(kH − 1) − 1 + (ceil_mode ? sH − 1 : 0)) / sH⌋ + 1</pre>
 * and with ceil_mode the last window is dropped when it would start in the bottom padding ((OH − 1)·sH ≥ H + padH).
 * Padding may be at most half the kernel (k/2), and the output must not be empty.
 */
public final class PoolGeometry {
    final int planes;
    final int h;
    final int w;
    final int kH;
    final int kW;
    final int sH;
    final int sW;
    final int padH;
    final int padW;
    final int dH;
    final int dW;
    final int outH;
    final int outW;
    final int[] inputShape;
    final int[] outputShape;

    private PoolGeometry(int[] in, int planes, int h, int w, int[] k, int[] s, int[] pad, int[] d, int outH,
                         int outW, boolean oneD) {
        this.planes = planes;
        this.h = h;
        this.w = w;
        this.kH = k[0];
        this.kW = k[1];
        this.sH = s[0];
        this.sW = s[1];
        this.padH = pad[0];
        this.padW = pad[1];
        this.dH = d[0];
        this.dW = d[1];
        this.outH = outH;
        this.outW = outW;
        this.inputShape = in.clone();
        int[] out = in.clone();
        if (oneD) {
            out[out.length - 1] = outW;
        } else {
            out[out.length - 2] = outH;
            out[out.length - 1] = outW;
        }
        this.outputShape = out;
    }

    /** g over {@code planes} planes of the same size, its shapes flattened to [planes, H, W] → [planes, H', W']. */
    private PoolGeometry(PoolGeometry g, int planes) {
        this(new int[] {planes, g.h, g.w}, planes, g.h, g.w, new int[] {g.kH, g.kW}, new int[] {g.sH, g.sW},
                new int[] {g.padH, g.padW}, new int[] {g.dH, g.dW}, g.outH, g.outW, false);
    }

    /**
     * True for a 2×2 window at stride 2 with no padding or dilation whose windows all lie inside the input (2·OH ≤ H,
     * 2·OW ≤ W; PyTorch's {@code MaxPool2d(2)}): the values then run on the backend's {@code maxPool2x2}.
     */
    boolean isPlain2x2() {
        return kH == 2 && kW == 2 && sH == 2 && sW == 2 && padH == 0 && padW == 0 && dH == 1 && dW == 1
                && 2 * outH <= h && 2 * outW <= w;
    }

    /** This geometry over its first {@code n} planes (max pooling's values run the planes in chunks). */
    PoolGeometry withPlanes(int n) {
        return n == planes ? this : new PoolGeometry(this, n);
    }

    /** max_pool2d over [N, C, H, W] or [C, H, W]; each argument {H, W}. */
    public static PoolGeometry maxPool2d(String op, int[] x, int[] kernel, int[] stride, int[] padding,
                                         int[] dilation, boolean ceilMode) {
        spatialRank(op, x, 2);
        pair(op, "kernel_size", kernel);
        pair(op, "stride", stride);
        pair(op, "padding", padding);
        pair(op, "dilation", dilation);
        int r = x.length;
        int[] out = sizes(op, x, new int[] {x[r - 2], x[r - 1]}, kernel, stride, padding, dilation, ceilMode, false);
        return new PoolGeometry(x, planes(x, 2), x[r - 2], x[r - 1], kernel, stride, padding, dilation, out[0],
                out[1], false);
    }

    /** max_pool1d over [N, C, L] or [C, L]. */
    public static PoolGeometry maxPool1d(String op, int[] x, int kernel, int stride, int padding, int dilation,
                                         boolean ceilMode) {
        spatialRank(op, x, 1);
        int r = x.length;
        int[] k = {1, kernel};
        int[] s = {1, stride};
        int[] p = {0, padding};
        int[] d = {1, dilation};
        int[] out = sizes(op, x, new int[] {1, x[r - 1]}, k, s, p, d, ceilMode, true);
        return new PoolGeometry(x, planes(x, 1), 1, x[r - 1], k, s, p, d, out[0], out[1], true);
    }

    /** Checks and computes {OH, OW} as PyTorch's pooling_output_shape and pool2d_shape_check do. */
    static int[] sizes(String op, int[] x, int[] in, int[] k, int[] s, int[] pad, int[] d, boolean ceil,
                       boolean oneD) {
        for (int a = oneD ? 1 : 0; a < 2; a++) {
            String axis = oneD ? "" : a == 0 ? " (H)" : " (W)";
            if (k[a] < 1) {
                throw new IllegalArgumentException(op + ": kernel_size " + k[a] + axis + " must be >= 1");
            }
            if (s[a] < 1) {
                throw new IllegalArgumentException(op + ": stride " + s[a] + axis + " must be >= 1");
            }
            if (d[a] < 1) {
                throw new IllegalArgumentException(op + ": dilation " + d[a] + axis + " must be >= 1");
            }
            if (pad[a] < 0) {
                throw new IllegalArgumentException(op + ": padding " + pad[a] + axis + " must be >= 0");
            }
            if (pad[a] > k[a] / 2) {
                throw new IllegalArgumentException(op + ": padding " + pad[a] + axis + " must be at most half the"
                        + " kernel size " + k[a] + " (<= " + k[a] / 2 + "), as in PyTorch");
            }
        }
        int[] out = new int[2];
        for (int a = 0; a < 2; a++) {
            long num = (long) in[a] + 2L * pad[a] - (long) d[a] * (k[a] - 1) - 1 + (ceil ? s[a] - 1 : 0);
            long o = Math.floorDiv(num, s[a]) + 1;
            if (ceil && o > 0 && (o - 1) * s[a] >= in[a] + pad[a]) {
                o--;
            }
            if (o < 1) {
                throw new IllegalArgumentException(op + ": input " + Shapes.str(x) + " is too small for kernel_size "
                        + k[a] + (d[a] > 1 ? " with dilation " + d[a] : "") + " and padding " + pad[a]
                        + (oneD ? "" : a == 0 ? " along H" : " along W") + ": the output would have size " + o
                        + "; the (dilated) kernel must fit inside the padded input");
            }
            out[a] = (int) o;
        }
        return out;
    }

    static void spatialRank(String op, int[] x, int spatial) {
        Objects.requireNonNull(x, "input shape");
        if (x.length != spatial + 1 && x.length != spatial + 2) {
            String layout = spatial == 2 ? "[N, C, H, W] or [C, H, W]" : "[N, C, L] or [C, L]";
            throw new IllegalArgumentException(op + ": input must be " + layout + " (rank " + (spatial + 1) + " or "
                    + (spatial + 2) + "), got " + Shapes.str(x) + " (rank " + x.length + ")");
        }
        Shapes.size(x);
        for (int i = x.length - spatial; i < x.length; i++) {
            if (x[i] < 1) {
                throw new IllegalArgumentException(op + ": input " + Shapes.str(x) + " has an empty spatial axis");
            }
        }
    }

    static int planes(int[] x, int spatial) {
        int p = 1;
        for (int i = 0; i < x.length - spatial; i++) {
            p = Math.multiplyExact(p, x[i]);
        }
        return p;
    }

    static void pair(String op, String name, int[] v) {
        Objects.requireNonNull(v, name);
        if (v.length != 2) {
            throw new IllegalArgumentException(op + ": " + name + " needs 2 values (H, W), got "
                    + Arrays.toString(v));
        }
    }

    /** The input shape. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The output shape (the leading axes kept). */
    public int[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public String toString() {
        return "maxPool(input " + Shapes.str(inputShape) + ", kernel (" + kH + ", " + kW + "), stride (" + sH + ", "
                + sW + "), padding (" + padH + ", " + padW + "), dilation (" + dH + ", " + dW + ")) -> "
                + Shapes.str(outputShape);
    }
}
