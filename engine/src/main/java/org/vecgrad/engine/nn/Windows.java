package org.vecgrad.engine.nn;

import org.vecgrad.engine.Shapes;

/**
 * Rectangular averaging windows over the last two axes of an input whose leading axes are planes: output (oh, ow)
 * averages rows [hs, he) × columns [ws, we) of its plane and divides the sum by hd·wd. The two window averages of
 * PyTorch are cases of it:
 * <ul>
 *   <li>avg_pool2d: hs = oh·sH − padH, he = min(hs + kH, H + padH); the divisor counts the padded window
 *       (he − hs) with count_include_pad, else only its part inside the input; the window is then clipped to the
 *       input.</li>
 *   <li>adaptive_avg_pool2d to OH × OW: hs = ⌊oh·H/OH⌋, he = ⌈(oh + 1)·H/OH⌉, divisor he − hs.</li>
 * </ul>
 * Both are linear in x; the backward spreads each output's gradient evenly over its window (its adjoint).
 */
public final class Windows {
    final int planes;
    final int h;
    final int w;
    final int[] hs;
    final int[] he;
    final int[] hd;
    final int[] ws;
    final int[] we;
    final int[] wd;
    final int[] inputShape;
    final int[] outputShape;

    private Windows(int[] x, int[][] hAxis, int[][] wAxis) {
        int r = x.length;
        this.planes = PoolGeometry.planes(x, 2);
        this.h = x[r - 2];
        this.w = x[r - 1];
        this.hs = hAxis[0];
        this.he = hAxis[1];
        this.hd = hAxis[2];
        this.ws = wAxis[0];
        this.we = wAxis[1];
        this.wd = wAxis[2];
        this.inputShape = x.clone();
        int[] out = x.clone();
        out[r - 2] = hs.length;
        out[r - 1] = ws.length;
        this.outputShape = out;
    }

    /** avg_pool2d over [N, C, H, W] or [C, H, W]; kernel, stride, padding are {H, W}. */
    public static Windows avgPool2d(String op, int[] x, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                    boolean countIncludePad) {
        PoolGeometry.spatialRank(op, x, 2);
        PoolGeometry.pair(op, "kernel_size", kernel);
        PoolGeometry.pair(op, "stride", stride);
        PoolGeometry.pair(op, "padding", padding);
        int r = x.length;
        int[] in = {x[r - 2], x[r - 1]};
        int[] out = PoolGeometry.sizes(op, x, in, kernel, stride, padding, new int[] {1, 1}, ceilMode, false);
        return new Windows(x, avgAxis(in[0], out[0], kernel[0], stride[0], padding[0], countIncludePad),
                avgAxis(in[1], out[1], kernel[1], stride[1], padding[1], countIncludePad));
    }

    /** adaptive_avg_pool2d over [N, C, H, W] or [C, H, W] to outH × outW (each ≥ 1). */
    public static Windows adaptiveAvgPool2d(String op, int[] x, int outH, int outW) {
        PoolGeometry.spatialRank(op, x, 2);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(op + ": output_size (" + outH + ", " + outW + ") must be >= 1 on each"
                    + " axis (input " + Shapes.str(x) + ")");
        }
        int r = x.length;
        return new Windows(x, adaptiveAxis(x[r - 2], outH), adaptiveAxis(x[r - 1], outW));
    }

    private static int[][] avgAxis(int in, int out, int k, int s, int pad, boolean countPad) {
        int[][] a = new int[3][out];
        for (int o = 0; o < out; o++) {
            int start = o * s - pad;
            int end = Math.min(start + k, in + pad);
            int size = end - start;
            start = Math.max(start, 0);
            end = Math.min(end, in);
            a[0][o] = start;
            a[1][o] = Math.max(end, start);
            a[2][o] = countPad ? size : Math.max(end - start, 0);
        }
        return a;
    }

    private static int[][] adaptiveAxis(int in, int out) {
        int[][] a = new int[3][out];
        for (int o = 0; o < out; o++) {
            int start = (int) ((long) o * in / out);
            int end = (int) (((long) (o + 1) * in + out - 1) / out);
            a[0][o] = start;
            a[1][o] = end;
            a[2][o] = end - start;
        }
        return a;
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
        return "windows(input " + Shapes.str(inputShape) + ") -> " + Shapes.str(outputShape);
    }
}
