// Generated from engine/src/main/templates/org/vecgrad/engine/nn/DirectConv-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.nn;

import java.util.Arrays;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The F32 direct convolution of one group, stride 1 and few channels (the rule, the "wide rows" layout and the
 * workspace bound are in {@link DirectConv}): forward, input gradient and weight gradient on the backend's
 * {@code convTaps} and {@code convTapDot} kernels, images padded one at a time into the calling thread's buffers.
 * Arguments were validated by {@link Convolution}; offsets are absolute indices into the arrays.
 *
 * <p>F32 and F64 from one template, {@code engine/src/main/templates/org/vecgrad/engine/nn/DirectConv-X.java.template}
 * (see that folder's README).
 */
final class DirectConvF32 {
    private DirectConvF32() {
    }

    /** Lanes of the backend's F32 vectors (the rule {@link DirectConv#lanes} takes it). */
    private static final int LANES = Kernels.active().floatLanes();

    /**
     * A row of the channels-in-lanes layouts ([taps, channels] weights, [positions, channels] results and output
     * gradients): {@code channels} rounded up to whole vectors, so that convLanes and convLanesDot run their whole-vector
     * blocks (no masked load in their loops); the padding columns are zeros (weights, output gradients) or scratch
     * (results).
     */
    private static int laneRow(int channels) {
        return (channels + LANES - 1) / LANES * LANES;
    }

    /** Zeros into columns [used, ld) of rows [0, rows) of a (the padding of a {@link #laneRow} layout). */
    private static void zeroPadding(float[] a, int rows, int ld, int used) {
        for (int r = 0; r < rows; r++) {
            Arrays.fill(a, r * ld + used, (r + 1) * ld, 0);
        }
    }

    /** The calling thread's buffers, grown on demand and kept (bounds in {@link DirectConv}). */
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private static final class Work {
        int[] src = new int[0];
        float[] weights = new float[0];
        double[] acc = new double[0];
        float[] in = new float[0];
        float[] out = new float[0];

        Work fit(int taps, int weightLen, int accLen, long inLen, long outLen) {
            if (src.length < taps) {
                src = new int[taps];
            }
            if (weights.length < weightLen) {
                weights = new float[weightLen];
            }
            if (acc.length < accLen) {
                acc = new double[accLen];
            }
            if (in.length < inLen) {
                in = new float[Math.toIntExact(inLen)];
            }
            if (out.length < outLen) {
                out = new float[Math.toIntExact(outLen)];
            }
            return this;
        }
    }

    /** Entries of the calling thread's buffers {tap offsets, weights, sums, padded planes, wide rows} (for tests). */
    static int[] capacity() {
        Work wk = WORK.get();
        return new int[] {wk.src.length, wk.weights.length, wk.acc.length, wk.in.length, wk.out.length};
    }

    /**
     * y = conv(x, w) + bias (bias null: + 0), through a ReLU when {@code relu}, by (image, band of output rows) pairs
     * split across the GEMM's threads: every element of y is written once, by the band's output pass (the bias and
     * the ReLU applied there, while the band is in cache, instead of a fill pass over y before and a ReLU pass
     * after; the same bits: each element is the sum from +0 in tap order, plus the bias, then the ReLU).
     */
    static void forward(float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff, boolean relu,
                        float[] y, int yOff, ConvGeometry g) {
        if (g.n == 0) {
            return;                                                        // an empty batch: no workspace
        }
        boolean lanes = DirectConv.lanes(g.o, LANES, g.n);
        float[] wk = w;
        int wkOff = wOff;
        if (lanes) {                                                       // [O, K] → [K, O']: a tap's channels
            int ld = laneRow(g.o);
            wk = WORK.get().fit(0, ld * g.k, 0, 0, 0).weights;
            wkOff = 0;
            zeroPadding(wk, g.k, ld, g.o);
            for (int o = 0; o < g.o; o++) {
                for (int k = 0; k < g.k; k++) {
                    wk[k * ld + o] = w[wOff + o * g.k + k];
                }
            }
        }
        float[] wf = wk;
        int wfOff = wkOff;
        int rows = DirectConv.forwardBandRows(g, lanes ? laneRow(g.o) : g.o);
        int bands = (g.outH + rows - 1) / rows;
        long work = (long) g.o * rows * g.outW * g.k;
        if (DirectConv.runsOnCaller(g.n * bands, work, 1)) {
            forwardBands(x, xOff, wf, wfOff, lanes, bias, bOff, relu, y, yOff, g, 0, g.n * bands);
        } else {
            DirectConv.split(g.n * bands, work, 1, (t0, t1) -> forwardBands(x, xOff, wf, wfOff, lanes, bias, bOff,
                    relu, y, yOff, g, t0, t1));
        }
    }

    /**
     * Pairs [t0, t1) (pair t: image t / bands, band t % bands). Band [r0, r1) is the flat range of its output rows:
     * its input rows [r0, r1 + dH·(kH − 1)) are padded (or read in place) and the tap offsets shifted by r0 rows, so
     * every output element has the same FMA chain as with one band.
     */
    private static void forwardBands(float[] x, int xOff, float[] w, int wOff, boolean lanes, float[] bias,
                                     int bOff, boolean relu, float[] y, int yOff, ConvGeometry g, int t0, int t1) {
        int wp = DirectConv.paddedW(g);
        int reachH = g.dH * (g.kH - 1);
        boolean padded = DirectConv.paddedH(g) != g.h || wp != g.w;
        int rows = DirectConv.forwardBandRows(g, lanes ? laneRow(g.o) : g.o);
        int bands = (g.outH + rows - 1) / rows;
        Work wk = WORK.get().fit(g.k, 0, 0, padded ? (long) g.c * (rows + reachH) * wp + LANES : 0,
                lanes ? (long) laneRow(g.o) * rows * g.outW : (long) g.o * ((rows - 1) * wp + g.outW + LANES));
        int image = g.c * g.h * g.w;
        for (int t = t0; t < t1; t++) {
            int n = t / bands;
            int r0 = t % bands * rows;
            int m = Math.min(rows, g.outH - r0);
            if (padded) {
                padRows(x, xOff + n * image, g.c, g.h, g.w, g.padTop, g.padLeft, g.padRight, r0, m + reachH, wk.in,
                        0);
                tapOffsets(wk.src, 0, g.c, (m + reachH) * wp, g.kH, g.kW, g.dH * wp, g.dW);
            } else {
                tapOffsets(wk.src, xOff + n * image + r0 * wp, g.c, g.h * g.w, g.kH, g.kW, g.dH * wp, g.dW);
            }
            correlate(w, wOff, g.k, lanes, g.o, wk.src, padded ? wk.in : x, m, wp, g.outW, wk.out, y,
                    yOff + n * g.o * g.p + r0 * g.outW, g.p, false, bias, bOff, relu);
        }
    }

    /**
     * y[o·plane + r·cols + t] += Σ_k w(o, k) · in[src[k] + r·ld + t] for the outs channels, rows r &lt; m and columns
     * t &lt; cols of a band, through {@code out}: on {@code convLanes} (w is [taps, laneRow(outs)]) row by row into
     * out [positions, laneRow(outs)], or on {@code convTaps} (w is [outs, taps] from wOff, rows ldw) over the band's
     * wide rows.
     * The same FMA chain per element either way.
     */
    private static void correlate(float[] w, int wOff, int ldw, boolean lanes, int outs, int[] src, float[] in,
                                  int m, int ld, int cols, float[] out, float[] y, int yAt, int plane) {
        correlate(w, wOff, ldw, lanes, outs, src, in, m, ld, cols, out, y, yAt, plane, true, null, 0, false);
    }

    /**
     * {@link #correlate} with its output pass chosen: {@code add}: y += the sums (the input gradient, into a
     * result that holds zeros or a bias); else y = the sums + bias[bOff + o] (+0 when bias is null), through a
     * ReLU when {@code relu} (the forward, writing each element once).
     */
    private static void correlate(float[] w, int wOff, int ldw, boolean lanes, int outs, int[] src, float[] in,
                                  int m, int ld, int cols, float[] out, float[] y, int yAt, int plane,
                                  boolean add, float[] bias, int bOff, boolean relu) {
        if (lanes) {
            int lr = laneRow(outs);
            for (int r = 0; r < m; r++) {
                Kernels.active().elementwise().convLanes(w, wOff, lr, outs, src, ldw, in, r * ld, cols, out,
                        r * cols * lr, lr);
            }
            if (!add) {                                                    // [positions, outs] → [outs, positions]
                Kernels.active().elementwise().transposeBias(out, 0, lr, outs, bias, bOff, relu, y, yAt, plane,
                        m * cols);
                return;
            }
            for (int o = 0; o < outs; o++) {
                int d = yAt + o * plane;
                for (int q = 0; q < m * cols; q++) {
                    y[d + q] += out[q * lr + o];
                }
            }
            return;
        }
        int flat = (m - 1) * ld + cols;                                    // wide rows: columns ≥ cols are scratch
        // rounded up to whole vectors where the buffers allow (the forward's do): convTaps then has no partial
        // vector, whose masked loads and stores would leave the buffers at their ends (see DirectConv, Workspace)
        int span = (flat + LANES - 1) / LANES * LANES;
        if ((long) outs * span > out.length || (long) largest(src, ldw) + span > in.length) {
            span = flat;
        }
        Arrays.fill(out, 0, outs * span, 0);
        Kernels.active().elementwise().convTaps(w, wOff, ldw, outs, src, ldw, in, out, 0, span, span);
        for (int p = 0; p < outs; p++) {                                   // a plane at a time, no scratch columns
            if (add) {
                Kernels.active().elementwise().addRows(out, p * span, ld, y, yAt + p * plane, cols, cols, m);
            } else {
                Kernels.active().elementwise().biasRows(out, p * span, ld, bias == null ? 0 : bias[bOff + p], relu,
                        y, yAt + p * plane, cols, cols, m);
            }
        }
    }

    /** The largest of the first {@code taps} offsets. */
    private static int largest(int[] src, int taps) {
        int m = 0;
        for (int k = 0; k < taps; k++) {
            m = Math.max(m, src[k]);
        }
        return m;
    }

    /**
     * dx += convᵀ(gy, w): per image and band of input rows, the output gradient padded by (k − 1)·d − pad on each
     * side, correlated with the weights transposed to [C, O, kH, kW] and flipped in both spatial axes.
     */
    static void inputGrad(float[] gy, int gOff, float[] w, int wOff, float[] dx, int dxOff, ConvGeometry g) {
        if (g.n == 0) {
            return;                                                        // an empty batch: no workspace
        }
        int kk = g.kH * g.kW;
        int ok = g.o * kk;
        boolean lanes = DirectConv.lanes(g.c, LANES);
        int ld = lanes ? laneRow(g.c) : g.c;
        float[] flipped = WORK.get().fit(0, ld * ok, 0, 0, 0).weights;
        if (lanes) {
            zeroPadding(flipped, ok, ld, g.c);
        }
        for (int o = 0; o < g.o; o++) {
            for (int c = 0; c < g.c; c++) {
                for (int t = 0; t < kk; t++) {                            // tap (i, j) → (kH − 1 − i, kW − 1 − j)
                    int tap = o * kk + kk - 1 - t;                         // [C, O·kK], or [O·kK, C'] for convLanes
                    flipped[lanes ? tap * ld + c : c * ok + tap] = w[wOff + (o * g.c + c) * kk + t];
                }
            }
        }
        int rows = DirectConv.inputGradBandRows(g, ld);
        int bands = (g.h + rows - 1) / rows;
        long work = (long) g.c * rows * g.w * ok;
        if (DirectConv.runsOnCaller(g.n * bands, work, 1)) {
            inputGradBands(gy, gOff, flipped, lanes, dx, dxOff, g, 0, g.n * bands);
        } else {
            DirectConv.split(g.n * bands, work, 1, (t0, t1) -> inputGradBands(gy, gOff, flipped, lanes, dx, dxOff, g,
                    t0, t1));
        }
    }

    /** Pairs [t0, t1) of (image, band of input rows), as in {@link #forwardBands}. */
    private static void inputGradBands(float[] gy, int gOff, float[] flipped, boolean lanes, float[] dx,
                                       int dxOff, ConvGeometry g, int t0, int t1) {
        int reachH = g.dH * (g.kH - 1);
        int reachW = g.dW * (g.kW - 1);
        int wq = g.w + reachW;
        int ok = g.o * g.kH * g.kW;
        int rows = DirectConv.inputGradBandRows(g, lanes ? laneRow(g.c) : g.c);
        int bands = (g.h + rows - 1) / rows;
        Work wk = WORK.get().fit(ok, 0, 0, (long) g.o * (rows + reachH) * wq,
                lanes ? (long) laneRow(g.c) * rows * g.w : (long) g.c * ((rows - 1) * wq + g.w));
        for (int t = t0; t < t1; t++) {
            int n = t / bands;
            int r0 = t % bands * rows;
            int m = Math.min(rows, g.h - r0);
            padRows(gy, gOff + n * g.o * g.p, g.o, g.outH, g.outW, reachH - g.padTop, reachW - g.padLeft,
                    reachW - g.padRight, r0, m + reachH, wk.in, 0);
            tapOffsets(wk.src, 0, g.o, (m + reachH) * wq, g.kH, g.kW, g.dH * wq, g.dW);
            correlate(flipped, 0, ok, lanes, g.c, wk.src, wk.in, m, wq, g.w, wk.out, dx,
                    dxOff + n * g.c * g.h * g.w + r0 * g.w, g.h * g.w);
        }
    }

    /**
     * dw += Σₙ gyₙ ⋆ xₙ: per output channel and tap, the dot product of the channel's output gradient with the
     * tap's shifted input over all images (chunks of {@link DirectConv#weightGradImages} images, in image order),
     * summed in double from chunk to chunk; the output channels split across the GEMM's threads by pairs.
     */
    static void weightGrad(float[] x, int xOff, float[] gy, int gOff, float[] dw, int dwOff, ConvGeometry g) {
        if (g.n == 0) {
            return;                                                        // an empty batch: no workspace
        }
        if (DirectConv.lanesWeightGrad(g, LANES)) {
            long perTap = (long) g.n * g.p * g.o;
            if (DirectConv.runsOnCaller(g.k, perTap, 8)) {
                weightGradTaps(x, xOff, gy, gOff, dw, dwOff, g, 0, g.k);
            } else {
                DirectConv.split(g.k, perTap, 8, (k0, k1) -> weightGradTaps(x, xOff, gy, gOff, dw, dwOff, g, k0, k1));
            }
            return;
        }
        long work = (long) g.n * g.p * g.k;
        if (DirectConv.runsOnCaller(g.o, work, 2)) {
            weightGradChannels(x, xOff, gy, gOff, dw, dwOff, g, 0, g.o);
        } else {
            DirectConv.split(g.o, work, 2, (o0, o1) -> weightGradChannels(x, xOff, gy, gOff, dw, dwOff, g, o0, o1));
        }
    }

    private static void weightGradChannels(float[] x, int xOff, float[] gy, int gOff, float[] dw, int dwOff,
                                           ConvGeometry g, int o0, int o1) {
        int hp = DirectConv.paddedH(g);
        int wp = DirectConv.paddedW(g);
        int plane = hp * wp;
        boolean padded = hp != g.h || wp != g.w;
        int outs = o1 - o0;
        int chunk = DirectConv.weightGradImages(g);                     // images per kernel call
        Work wk = WORK.get().fit(g.k, 0, outs * g.k, padded ? (long) chunk * g.c * plane : 0, 0);
        Arrays.fill(wk.acc, 0, outs * g.k, 0);
        int image = g.c * g.h * g.w;
        for (int n0 = 0; n0 < g.n; n0 += chunk) {
            int images = Math.min(chunk, g.n - n0);
            float[] in = x;
            int base = xOff + n0 * image;
            int ldxn = image;
            if (padded) {
                for (int i = 0; i < images; i++) {
                    padRows(x, base + i * image, g.c, g.h, g.w, g.padTop, g.padLeft, g.padRight, 0, hp, wk.in,
                            i * g.c * plane);
                }
                in = wk.in;
                base = 0;
                ldxn = g.c * plane;
            }
            tapOffsets(wk.src, base, g.c, plane, g.kH, g.kW, g.dH * wp, g.dW);
            Kernels.active().reductions().convTapDot(gy, gOff + (n0 * g.o + o0) * g.p, g.p, g.outW, outs, in,
                    wk.src, g.k, wp, g.outH, g.outW, images, g.o * g.p, ldxn, wk.acc, 0, g.k);
        }
        for (int q = 0; q < outs * g.k; q++) {
            dw[dwOff + o0 * g.k + q] += (float) wk.acc[q];
        }
    }

    /**
     * Taps [k0, k1) of dw += Σₙ gyₙ ⋆ xₙ with the output channels in the lanes ({@code convLanesDot}): image by
     * image (in image order), the output gradient transposed to [positions, O] and the input padded (or read in
     * place), each (tap, channel) summed over the image's positions and added in double; the taps split across the
     * GEMM's threads.
     */
    private static void weightGradTaps(float[] x, int xOff, float[] gy, int gOff, float[] dw, int dwOff,
                                       ConvGeometry g, int k0, int k1) {
        int hp = DirectConv.paddedH(g);
        int wp = DirectConv.paddedW(g);
        int plane = hp * wp;
        boolean padded = hp != g.h || wp != g.w;
        int taps = k1 - k0;
        int kk = g.kH * g.kW;
        int lr = laneRow(g.o);
        Work wk = WORK.get().fit(taps, 0, taps * g.o, padded ? (long) g.c * plane : 0, (long) g.p * lr);
        Arrays.fill(wk.acc, 0, taps * g.o, 0);
        zeroPadding(wk.out, g.p, lr, g.o);
        int image = g.c * g.h * g.w;
        for (int n = 0; n < g.n; n++) {
            int base = xOff + n * image;
            if (padded) {
                padRows(x, base, g.c, g.h, g.w, g.padTop, g.padLeft, g.padRight, 0, hp, wk.in, 0);
                base = 0;
            }
            for (int t = k0; t < k1; t++) {                                // tap t = (c·kH + i)·kW + j
                int c = t / kk;
                int i = t % kk / g.kW;
                int j = t % g.kW;
                wk.src[t - k0] = base + c * plane + i * g.dH * wp + j * g.dW;
            }
            int at = gOff + n * g.o * g.p;
            for (int o = 0; o < g.o; o++) {                                // [O, positions] → [positions, O']
                for (int q = 0; q < g.p; q++) {
                    wk.out[q * lr + o] = gy[at + o * g.p + q];
                }
            }
            Kernels.active().reductions().convLanesDot(wk.out, 0, lr, g.o, padded ? wk.in : x, wk.src, taps,
                    g.outH, g.outW, wp, wk.acc, 0, g.o);
        }
        for (int t = 0; t < taps; t++) {
            for (int o = 0; o < g.o; o++) {
                dw[dwOff + o * g.k + k0 + t] += (float) wk.acc[t * g.o + o];
            }
        }
    }

    /** src[(c·kH + i)·kW + j] = base + c·plane + i·rowStep + j·colStep: where tap (c, i, j) reads flat index 0. */
    private static void tapOffsets(int[] src, int base, int channels, int plane, int kH, int kW, int rowStep,
                                   int colStep) {
        int k = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kH; i++) {
                for (int j = 0; j < kW; j++) {
                    src[k++] = base + c * plane + i * rowStep + j * colStep;
                }
            }
        }
    }

    /**
     * dst from dstOff = rows [from, from + count) of each of the planes × h × w block at src[at] with {@code top} zero
     * rows above it, zero rows below it and {@code left}, {@code right} zero columns around it: count ×
     * (left + w + right) per plane.
     */
    private static void padRows(float[] src, int at, int planes, int h, int w, int top, int left, int right,
                                int from, int count, float[] dst, int dstOff) {
        int wp = left + w + right;
        int d = dstOff;
        for (int p = 0; p < planes; p++) {
            for (int r = from - top; r < from - top + count; r++, d += wp) {
                if (r < 0 || r >= h) {
                    Arrays.fill(dst, d, d + wp, 0);
                    continue;
                }
                for (int t = d; t < d + left; t++) {                      // (a padding's width: loops, not calls)
                    dst[t] = 0;
                }
                System.arraycopy(src, at + (p * h + r) * w, dst, d + left, w);
                for (int t = d + left + w; t < d + wp; t++) {
                    dst[t] = 0;
                }
            }
        }
    }
}
