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

    /** y += conv(x, w) (y holds the bias or zeros), the images split across the GEMM's threads. */
    static void forward(float[] x, int xOff, float[] w, int wOff, float[] y, int yOff, ConvGeometry g) {
        DirectConv.split(g.n, (long) g.o * g.p * g.k, 1, (n0, n1) -> forwardImages(x, xOff, w, wOff, y, yOff, g, n0,
                n1));
    }

    private static void forwardImages(float[] x, int xOff, float[] w, int wOff, float[] y, int yOff,
                                      ConvGeometry g, int n0, int n1) {
        int hp = DirectConv.paddedH(g);
        int wp = DirectConv.paddedW(g);
        int plane = hp * wp;
        int flat = (g.outH - 1) * wp + g.outW;                            // wide rows: ow ≥ OW is scratch
        boolean padded = hp != g.h || wp != g.w;
        Work wk = WORK.get().fit(g.k, 0, 0, padded ? (long) g.c * plane : 0, (long) g.o * flat);
        int image = g.c * g.h * g.w;
        for (int n = n0; n < n1; n++) {
            float[] in = x;
            int base = xOff + n * image;
            if (padded) {
                padPlanes(x, base, g.c, g.h, g.w, g.padTop, g.padBottom, g.padLeft, g.padRight, wk.in, 0);
                in = wk.in;
                base = 0;
            }
            tapOffsets(wk.src, base, g.c, plane, g.kH, g.kW, g.dH * wp, g.dW);
            Arrays.fill(wk.out, 0, g.o * flat, 0);
            Kernels.active().elementwise().convTaps(w, wOff, g.k, g.o, wk.src, g.k, in, wk.out, 0, flat, flat);
            addRows(wk.out, flat, g.o, g.outH, wp, g.outW, y, yOff + n * g.o * g.p);
        }
    }

    /**
     * dx += convᵀ(gy, w): per image, the output gradient padded by (k − 1)·d − pad on each side, correlated with the
     * weights transposed to [C, O, kH, kW] and flipped in both spatial axes.
     */
    static void inputGrad(float[] gy, int gOff, float[] w, int wOff, float[] dx, int dxOff, ConvGeometry g) {
        int kk = g.kH * g.kW;
        int ok = g.o * kk;
        float[] flipped = WORK.get().fit(0, g.c * ok, 0, 0, 0).weights;
        for (int o = 0; o < g.o; o++) {
            for (int c = 0; c < g.c; c++) {
                for (int t = 0; t < kk; t++) {                            // tap (i, j) → (kH − 1 − i, kW − 1 − j)
                    flipped[c * ok + o * kk + kk - 1 - t] = w[wOff + (o * g.c + c) * kk + t];
                }
            }
        }
        DirectConv.split(g.n, (long) g.o * g.p * g.k, 1, (n0, n1) -> inputGradImages(gy, gOff, flipped, dx, dxOff, g,
                n0, n1));
    }

    private static void inputGradImages(float[] gy, int gOff, float[] flipped, float[] dx, int dxOff,
                                        ConvGeometry g, int n0, int n1) {
        int reachH = g.dH * (g.kH - 1);
        int reachW = g.dW * (g.kW - 1);
        int hq = g.h + reachH;
        int wq = g.w + reachW;
        int plane = hq * wq;
        int flat = (g.h - 1) * wq + g.w;
        int ok = g.o * g.kH * g.kW;
        Work wk = WORK.get().fit(ok, 0, 0, (long) g.o * plane, (long) g.c * flat);
        for (int n = n0; n < n1; n++) {
            padPlanes(gy, gOff + n * g.o * g.p, g.o, g.outH, g.outW, reachH - g.padTop, reachH - g.padBottom,
                    reachW - g.padLeft, reachW - g.padRight, wk.in, 0);
            tapOffsets(wk.src, 0, g.o, plane, g.kH, g.kW, g.dH * wq, g.dW);
            Arrays.fill(wk.out, 0, g.c * flat, 0);
            Kernels.active().elementwise().convTaps(flipped, 0, ok, g.c, wk.src, ok, wk.in, wk.out, 0, flat, flat);
            addRows(wk.out, flat, g.c, g.h, wq, g.w, dx, dxOff + n * g.c * g.h * g.w);
        }
    }

    /**
     * dw += Σₙ gyₙ ⋆ xₙ: per output channel and tap, the dot product of the channel's output gradient with the
     * tap's shifted input over all images (chunks of {@link DirectConv#weightGradImages} images, in image order),
     * summed in double from chunk to chunk; the output channels split across the GEMM's threads by pairs.
     */
    static void weightGrad(float[] x, int xOff, float[] gy, int gOff, float[] dw, int dwOff, ConvGeometry g) {
        DirectConv.split(g.o, (long) g.n * g.p * g.k, 2, (o0, o1) -> weightGradChannels(x, xOff, gy, gOff, dw, dwOff,
                g, o0, o1));
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
                    padPlanes(x, base + i * image, g.c, g.h, g.w, g.padTop, g.padBottom, g.padLeft, g.padRight,
                            wk.in, i * g.c * plane);
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
     * dst from dstOff = the planes × h × w block at src[at] with {@code top}, {@code bottom} zero rows and
     * {@code left}, {@code right} zero columns around each plane ((top + h + bottom) × (left + w + right) per plane).
     */
    private static void padPlanes(float[] src, int at, int planes, int h, int w, int top, int bottom, int left,
                                  int right, float[] dst, int dstOff) {
        int wp = left + w + right;
        int plane = (top + h + bottom) * wp;
        for (int p = 0; p < planes; p++) {
            int d = dstOff + p * plane;
            Arrays.fill(dst, d, d + top * wp, 0);
            d += top * wp;
            for (int r = 0; r < h; r++, d += wp) {
                for (int t = d; t < d + left; t++) {                      // (a padding's width: loops, not calls)
                    dst[t] = 0;
                }
                System.arraycopy(src, at + (p * h + r) * w, dst, d + left, w);
                for (int t = d + left + w; t < d + wp; t++) {
                    dst[t] = 0;
                }
            }
            Arrays.fill(dst, d, d + bottom * wp, 0);
        }
    }

    /** y[p, r, t] += wide[p·ld + r·rowStep + t] for planes p, rows r &lt; rows, columns t &lt; cols (no scratch). */
    private static void addRows(float[] wide, int ld, int planes, int rows, int rowStep, int cols, float[] y,
                                int yOff) {
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < rows; r++) {
                int s = p * ld + r * rowStep;
                int d = yOff + (p * rows + r) * cols;
                for (int t = 0; t < cols; t++) {
                    y[d + t] += wide[s + t];
                }
            }
        }
    }
}
