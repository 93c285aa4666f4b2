package org.vecgrad.engine.nn;

import java.util.Arrays;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * The F64 loops of convolution and pooling on raw row-major storage: the GEMM drivers of a convolution's three
 * products (im2col per image and group, in column chunks that fit the per-thread workspace), im2col and its adjoint
 * col2im, and the max and window-average pooling loops. Arguments were validated by {@link Convolution} and
 * {@link Pooling}; offsets are absolute indices into the arrays.
 *
 * <p>Generated from {@code engine/src/main/templates/org/vecgrad/engine/nn/Spatial.java.template} (F32 and F64
 * from one text; {@code TemplateExpansionTest} checks that this file is up to date): edit the template, not this
 * file.
 */
final class SpatialF64 {
    private SpatialF64() {
    }

    /** The calling thread's im2col buffer, grown on demand and kept: at most {@link Workspace#bound} elements. */
    private static final ThreadLocal<double[][]> COLUMNS = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    private static double[] columns(int length) {
        double[][] holder = COLUMNS.get();
        if (holder[0].length < length) {
            holder[0] = new double[length];
        }
        return holder[0];
    }

    /** Length of the calling thread's im2col buffer (for the workspace-bound test). */
    static int columnsCapacity() {
        return COLUMNS.get()[0].length;
    }

    private static ElementwiseKernels ew() {
        return Kernels.active().elementwise();
    }

    private static ReductionKernels red() {
        return Kernels.active().reductions();
    }

    // ============================================================================================ convolution

    /**
     * y = conv(x, w) (+ bias): per image and group, Y_g (Og × P) = W_g (Og × K) · cols (K × P), P in chunks of
     * {@link Workspace#columnsPerChunk} columns. A 1×1 stride-1 unpadded kernel multiplies X directly (its K × P
     * im2col matrix is the group's channels, already in place). Overwrites y.
     */
    static void forward(double[] x, int xOff, double[] w, int wOff, double[] bias, int bOff, double[] y, int yOff,
                        ConvGeometry g) {
        int plane = g.h * g.w;
        int chunk = Workspace.columnsPerChunk(g);
        double[] col = g.isPointwise() || g.p == 0 ? null : columns(g.k * chunk);
        double beta = bias == null ? 0 : 1;
        for (int n = 0; n < g.n; n++) {
            for (int gi = 0; gi < g.groups; gi++) {
                int xg = xOff + (n * g.c + gi * g.cg) * plane;
                int yg = yOff + (n * g.o + gi * g.og) * g.p;
                int wg = wOff + gi * g.og * g.k;
                if (bias != null) {
                    for (int o = 0; o < g.og; o++) {                // C starts as the bias rows; GEMM adds (beta 1)
                        Arrays.fill(y, yg + o * g.p, yg + (o + 1) * g.p, bias[bOff + gi * g.og + o]);
                    }
                }
                if (col == null) {
                    gemm(false, false, g.og, g.p, g.k, w, wg, g.k, x, xg, plane, beta, y, yg, g.p);
                    continue;
                }
                for (int p0 = 0; p0 < g.p; p0 += chunk) {
                    int np = Math.min(chunk, g.p - p0);
                    im2col(x, xg, g, p0, np, col);
                    gemm(false, false, g.og, np, g.k, w, wg, g.k, col, 0, np, beta, y, yg + p0, g.p);
                }
            }
        }
    }

    /**
     * dx += convᵀ(gy, w), the input gradient (and the forward of the transposed convolution): per image and group,
     * cols (K × P) = W_gᵀ · G_g, then col2im adds each column back onto the input positions it was read from.
     */
    static void inputGrad(double[] gy, int gOff, double[] w, int wOff, double[] dx, int dxOff, ConvGeometry g) {
        int plane = g.h * g.w;
        int chunk = Workspace.columnsPerChunk(g);
        double[] col = g.isPointwise() || g.p == 0 ? null : columns(g.k * chunk);
        for (int n = 0; n < g.n; n++) {
            for (int gi = 0; gi < g.groups; gi++) {
                int xg = dxOff + (n * g.c + gi * g.cg) * plane;
                int gg = gOff + (n * g.o + gi * g.og) * g.p;
                int wg = wOff + gi * g.og * g.k;
                if (col == null) {
                    gemm(true, false, g.k, g.p, g.og, w, wg, g.k, gy, gg, g.p, 1, dx, xg, plane);
                    continue;
                }
                for (int p0 = 0; p0 < g.p; p0 += chunk) {
                    int np = Math.min(chunk, g.p - p0);
                    gemm(true, false, g.k, np, g.og, w, wg, g.k, gy, gg + p0, g.p, 0, col, 0, np);
                    col2imAdd(col, g, p0, np, dx, xg);
                }
            }
        }
    }

    /** dw += Σ over images of G_g · colsᵀ, the weight gradient, in chunks of columns (depth P per image). */
    static void weightGrad(double[] x, int xOff, double[] gy, int gOff, double[] dw, int dwOff, ConvGeometry g) {
        int plane = g.h * g.w;
        int chunk = Workspace.columnsPerChunk(g);
        double[] col = g.isPointwise() || g.p == 0 ? null : columns(g.k * chunk);
        for (int n = 0; n < g.n; n++) {
            for (int gi = 0; gi < g.groups; gi++) {
                int xg = xOff + (n * g.c + gi * g.cg) * plane;
                int gg = gOff + (n * g.o + gi * g.og) * g.p;
                int wg = dwOff + gi * g.og * g.k;
                if (col == null) {
                    gemm(false, true, g.og, g.k, g.p, gy, gg, g.p, x, xg, plane, 1, dw, wg, g.k);
                    continue;
                }
                for (int p0 = 0; p0 < g.p; p0 += chunk) {
                    int np = Math.min(chunk, g.p - p0);
                    im2col(x, xg, g, p0, np, col);
                    gemm(false, true, g.og, g.k, np, gy, gg + p0, g.p, col, 0, np, 1, dw, wg, g.k);
                }
            }
        }
    }

    /** db[o] = Σ over images and positions of gy[n, o, ·]; one SIMD sum per (image, channel) plane. */
    static void biasGrad(double[] gy, int gOff, int images, int channels, int positions, double[] db, int dbOff) {
        for (int o = 0; o < channels; o++) {
            double s = 0;
            for (int n = 0; n < images; n++) {
                s += red().sum(gy, gOff + (n * channels + o) * positions, positions);
            }
            db[dbOff + o] = (double) s;
        }
    }

    /**
     * col[r, j] = x at the input position output position p0 + j reads for row r = (c, i, j) of the group's
     * K × P im2col matrix (0 where that position is padding); col is K × np, row-major. Walks each output row
     * once per kernel tap: the in-range span is copied (arraycopy at stride 1), the rest zero-filled.
     */
    static void im2col(double[] x, int xg, ConvGeometry g, int p0, int np, double[] col) {
        int ow0 = g.outW;
        int r = 0;
        for (int c = 0; c < g.cg; c++) {
            int xc = xg + c * g.h * g.w;
            for (int i = 0; i < g.kH; i++) {
                int hOff = i * g.dH - g.padTop;
                for (int j = 0; j < g.kW; j++, r += np) {
                    int wOff = j * g.dW - g.padLeft;
                    int lo0 = Math.max(0, Math.ceilDiv(-wOff, g.sW));             // first ow with iw >= 0
                    int hi0 = Math.floorDiv(g.w - 1 - wOff, g.sW) + 1;           // past the last ow with iw < W
                    int oh = p0 / ow0;
                    int ow = p0 % ow0;
                    for (int q = 0; q < np; oh++, ow = 0) {
                        int len = Math.min(ow0 - ow, np - q);
                        int dst = r + q - ow;                                    // col index of output column 0
                        int ih = oh * g.sH + hOff;
                        if (ih < 0 || ih >= g.h) {
                            Arrays.fill(col, dst + ow, dst + ow + len, 0);
                        } else {
                            int lo = Math.min(Math.max(lo0, ow), ow + len);
                            int hi = Math.max(Math.min(hi0, ow + len), lo);
                            int src = xc + ih * g.w + wOff;                      // x index of ow = 0
                            Arrays.fill(col, dst + ow, dst + lo, 0);
                            if (g.sW == 1) {
                                if (hi > lo) {                                   // (an empty copy may start past x)
                                    System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
                                }
                            } else {
                                for (int t = lo; t < hi; t++) {
                                    col[dst + t] = x[src + t * g.sW];
                                }
                            }
                            Arrays.fill(col, dst + hi, dst + ow + len, 0);
                        }
                        q += len;
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: dx at each input position += the col entries read from it (padding dropped). */
    static void col2imAdd(double[] col, ConvGeometry g, int p0, int np, double[] dx, int xg) {
        int ow0 = g.outW;
        int r = 0;
        for (int c = 0; c < g.cg; c++) {
            int xc = xg + c * g.h * g.w;
            for (int i = 0; i < g.kH; i++) {
                int hOff = i * g.dH - g.padTop;
                for (int j = 0; j < g.kW; j++, r += np) {
                    int wOff = j * g.dW - g.padLeft;
                    int lo0 = Math.max(0, Math.ceilDiv(-wOff, g.sW));
                    int hi0 = Math.floorDiv(g.w - 1 - wOff, g.sW) + 1;
                    int oh = p0 / ow0;
                    int ow = p0 % ow0;
                    for (int q = 0; q < np; oh++, ow = 0) {
                        int len = Math.min(ow0 - ow, np - q);
                        int ih = oh * g.sH + hOff;
                        if (ih >= 0 && ih < g.h) {
                            int dst = r + q - ow;
                            int lo = Math.min(Math.max(lo0, ow), ow + len);
                            int hi = Math.max(Math.min(hi0, ow + len), lo);
                            int src = xc + ih * g.w + wOff;
                            if (g.sW == 1) {                                     // a contiguous run: SIMD axpy
                                if (hi > lo) {
                                    ew().axpy(1, col, dst + lo, dx, src + lo, hi - lo);
                                }
                            } else {
                                for (int t = lo; t < hi; t++) {
                                    dx[src + t * g.sW] += col[dst + t];
                                }
                            }
                        }
                        q += len;
                    }
                }
            }
        }
    }

    private static void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, int lda, double[] b,
                             int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        Blas.dgemm(ta, tb, m, n, k, 1, a, aOff, Math.max(1, lda), b, bOff, Math.max(1, ldb), beta, c, cOff,
                Math.max(1, ldc));
    }

    // ============================================================================================ pooling

    /**
     * Max pooling over planes × H × W: y = the largest tap of each window (taps at hStart + i·dH, wStart + j·dW,
     * padding never wins), idx = its flat index within the plane (h·W + w), −1 for a window without taps. As
     * PyTorch: the first maximum wins a tie, and a NaN wins over everything (the last NaN of the window).
     */
    static void maxPool(double[] x, int xOff, PoolGeometry g, double[] y, int yOff, int[] idx) {
        int hw = g.h * g.w;
        int ohw = g.outH * g.outW;
        for (int pl = 0; pl < g.planes; pl++) {
            int xp = xOff + pl * hw;
            int yp = pl * ohw;
            for (int oh = 0; oh < g.outH; oh++) {
                int hs = oh * g.sH - g.padH;
                for (int ow = 0; ow < g.outW; ow++) {
                    int ws = ow * g.sW - g.padW;
                    double best = Double.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int i = 0; i < g.kH; i++) {
                        int ih = hs + i * g.dH;
                        if (ih < 0 || ih >= g.h) {
                            continue;
                        }
                        for (int j = 0; j < g.kW; j++) {
                            int iw = ws + j * g.dW;
                            if (iw < 0 || iw >= g.w) {
                                continue;
                            }
                            double v = x[xp + ih * g.w + iw];
                            if (v > best || v != v || at < 0) {
                                best = v;
                                at = ih * g.w + iw;
                            }
                        }
                    }
                    y[yOff + yp + oh * g.outW + ow] = best;
                    idx[yp + oh * g.outW + ow] = at;
                }
            }
        }
    }

    /** dx[plane, idx] += gy: max pooling's backward (dx must start at zero). */
    static void maxPoolBackward(double[] gy, int gOff, int[] idx, int planes, int hw, int ohw, double[] dx,
                                int dxOff) {
        for (int pl = 0; pl < planes; pl++) {
            for (int q = 0; q < ohw; q++) {
                int at = idx[pl * ohw + q];
                if (at >= 0) {
                    dx[dxOff + pl * hw + at] += gy[gOff + pl * ohw + q];
                }
            }
        }
    }

    /** out[q] = v[idx[q]] per plane (0 where idx is −1): the adjoint of {@link #maxPoolBackward}. */
    static void gatherPlanes(double[] v, int vOff, int[] idx, int planes, int hw, int ohw, double[] out, int outOff) {
        for (int pl = 0; pl < planes; pl++) {
            for (int q = 0; q < ohw; q++) {
                int at = idx[pl * ohw + q];
                out[outOff + pl * ohw + q] = at >= 0 ? v[vOff + pl * hw + at] : 0;
            }
        }
    }

    /**
     * Window averages (avg_pool2d and adaptive_avg_pool2d): y[oh, ow] = Σ x over rows [hs, he) and columns [ws, we)
     * of the plane, divided by hd[oh]·wd[ow] (0 for an empty window). Rows of 16 or more run on the SIMD sum.
     */
    static void windowAverage(double[] x, int xOff, Windows wn, double[] y, int yOff) {
        int hw = wn.h * wn.w;
        int oh0 = wn.hs.length;
        int ow0 = wn.ws.length;
        for (int pl = 0; pl < wn.planes; pl++) {
            int xp = xOff + pl * hw;
            int yp = yOff + pl * oh0 * ow0;
            for (int oh = 0; oh < oh0; oh++) {
                for (int ow = 0; ow < ow0; ow++) {
                    int width = wn.we[ow] - wn.ws[ow];
                    double s = 0;
                    for (int ih = wn.hs[oh]; ih < wn.he[oh]; ih++) {
                        int r = xp + ih * wn.w + wn.ws[ow];
                        if (width >= 16) {
                            s += red().sum(x, r, width);
                        } else {
                            for (int t = 0; t < width; t++) {
                                s += x[r + t];
                            }
                        }
                    }
                    long div = (long) wn.hd[oh] * wn.wd[ow];
                    y[yp + oh * ow0 + ow] = div == 0 || width <= 0 || wn.he[oh] <= wn.hs[oh] ? 0 : s / div;
                }
            }
        }
    }

    /** The adjoint of {@link #windowAverage}: dx over each window += gy / (hd·wd) (dx must start at zero). */
    static void windowAverageBackward(double[] gy, int gOff, Windows wn, double[] dx, int dxOff) {
        int hw = wn.h * wn.w;
        int oh0 = wn.hs.length;
        int ow0 = wn.ws.length;
        for (int pl = 0; pl < wn.planes; pl++) {
            int xp = dxOff + pl * hw;
            int gp = gOff + pl * oh0 * ow0;
            for (int oh = 0; oh < oh0; oh++) {
                for (int ow = 0; ow < ow0; ow++) {
                    long div = (long) wn.hd[oh] * wn.wd[ow];
                    if (div == 0) {
                        continue;
                    }
                    double v = gy[gp + oh * ow0 + ow] / div;
                    for (int ih = wn.hs[oh]; ih < wn.he[oh]; ih++) {
                        int r = xp + ih * wn.w;
                        for (int iw = wn.ws[ow]; iw < wn.we[ow]; iw++) {
                            dx[r + iw] += v;
                        }
                    }
                }
            }
        }
    }
}
