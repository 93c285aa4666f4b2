// Generated from engine/src/main/templates/org/vecgrad/engine/nn/Spatial-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.nn;

import java.util.Arrays;
import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * The F64 loops of convolution and pooling on raw row-major storage: the GEMM drivers of a convolution's three
 * products (im2col per image and group, in column chunks that fit the per-thread workspace), im2col and its adjoint
 * col2im, and the max and window-average pooling loops. Arguments were validated by {@link Convolution} and
 * {@link Pooling}; offsets are absolute indices into the arrays.
 *
 * <p>F32 and F64 from one template, {@code engine/src/main/templates/org/vecgrad/engine/nn/Spatial-X.java.template}
 * (see that folder's README).
 */
final class SpatialF64 {
    private SpatialF64() {
    }

    /**
     * The calling thread's buffer (the im2col chunk, then the chunk's output or gathered gradient), grown on demand
     * and kept: at most {@link Workspace#bound} elements.
     */
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
     * y = conv(x, w) (+ bias): per group, Y_g (Og × N·P) = W_g (Og × K) · cols (K × N·P), the columns of all images in
     * chunks of {@link Workspace#columnsPerChunk} (a chunk may span images, so small layers still make one large
     * product). A chunk inside one image is written straight into y; one spanning images goes through the
     * buffer's output part and is added to y image by image. A 1×1 stride-1 unpadded kernel multiplies each image's
     * X directly (its K × P im2col matrix is the group's channels, already in place). y must start at zero. With
     * {@code relu}, y = max(·, 0) (UnaryOp.RELU): fused into the direct kernels' output pass (which write every
     * element, bias included), a pass over y after the other paths.
     */
    static void forward(double[] x, int xOff, double[] w, int wOff, double[] bias, int bOff, boolean relu,
                        double[] y, int yOff, ConvGeometry g) {
        if (DirectConv.applies(g)) {                                      // few channels, stride 1
            DirectConvF64.forward(x, xOff, w, wOff, bias, bOff, relu, y, yOff, g);   // writes bias and ReLU itself
            return;
        }
        forward(x, xOff, w, wOff, bias, bOff, y, yOff, g);
        if (relu) {
            int n = g.n * g.o * g.p;
            Kernels.active().elementwise().unary(UnaryOp.RELU, 0, 0, y, yOff, y, yOff, n);
        }
    }

    /** The forward without the ReLU, on the paths other than the direct kernels. */
    private static void forward(double[] x, int xOff, double[] w, int wOff, double[] bias, int bOff, double[] y,
                                int yOff, ConvGeometry g) {
        if (g.cg == 1 && isStencil3x3(g)) {                               // writes the bias itself: no fill pass
            depthwiseStencil(x, xOff, w, wOff, bias, bOff, y, yOff, g);
            return;
        }
        int plane = g.h * g.w;
        if (bias != null) {
            for (int n = 0; n < g.n; n++) {
                for (int o = 0; o < g.o; o++) {                     // C starts as the bias rows; GEMM adds (beta 1)
                    int yo = yOff + (n * g.o + o) * g.p;
                    Arrays.fill(y, yo, yo + g.p, bias[bOff + o]);
                }
            }
        }
        if (g.cg == 1) {
            depthwiseForward(x, xOff, w, wOff, y, yOff, g);
            return;
        }
        double beta = bias == null ? 0 : 1;
        if (g.isPointwise()) {
            for (int n = 0; n < g.n; n++) {
                for (int gi = 0; gi < g.groups; gi++) {
                    gemm(false, false, g.og, g.p, g.k, w, wOff + gi * g.og * g.k, g.k, x,
                            xOff + (n * g.c + gi * g.cg) * plane, plane, beta, y, yOff + (n * g.o + gi * g.og) * g.p,
                            g.p);
                }
            }
            return;
        }
        int band = Workspace.bandRows(g);
        if (band > 0) {                                                   // stride 1, wide images: padded bands
            shiftedForward(x, xOff, w, wOff, y, yOff, g, band);
            return;
        }
        int chunk = Workspace.columnsPerChunk(g);
        double[] buf = columns(Workspace.elements(g, chunk));
        int out = g.k * chunk;                                            // the output part of the buffer
        long total = (long) g.n * g.p;
        for (int gi = 0; gi < g.groups; gi++) {
            int wg = wOff + gi * g.og * g.k;
            for (long q0 = 0; q0 < total; q0 += chunk) {
                int nq = (int) Math.min(chunk, total - q0);
                int n0 = (int) (q0 / g.p);
                int p0 = (int) (q0 % g.p);
                if (p0 + nq <= g.p) {                                     // inside one image: straight into y
                    im2col(x, xOff + (n0 * g.c + gi * g.cg) * plane, g, p0, nq, buf, 0, nq);
                    gemm(false, false, g.og, nq, g.k, w, wg, g.k, buf, 0, nq, beta, y,
                            yOff + (n0 * g.o + gi * g.og) * g.p + p0, g.p);
                    continue;
                }
                for (int q = 0, n = n0, p = p0; q < nq; q += g.p - p, n++, p = 0) {
                    im2col(x, xOff + (n * g.c + gi * g.cg) * plane, g, p, Math.min(g.p - p, nq - q), buf, q, nq);
                }
                gemm(false, false, g.og, nq, g.k, w, wg, g.k, buf, 0, nq, 0, buf, out, nq);
                for (int q = 0, n = n0, p = p0; q < nq; q += g.p - p, n++, p = 0) {
                    int len = Math.min(g.p - p, nq - q);
                    for (int o = 0; o < g.og; o++) {                     // y (zero or the bias) += this image's part
                        ew().axpy(1, buf, out + o * nq + q, y, yOff + (n * g.o + gi * g.og + o) * g.p + p, len);
                    }
                }
            }
        }
    }

    /**
     * y += conv(x, w) at stride 1, band by band of at most {@code band} output rows (the bands' heights evened out),
     * with the im2col chunk made of whole-row copies. On a row grid Wp = OW + dW·(kW − 1) columns wide (the last
     * Wp − OW outputs of each row are computed and dropped), output (oh, ow) reads padded input (oh + i·dH,
     * ow + j·dW), so im2col row (c, i, j) of the band is channel c's padded band read from the flat offset
     * i·dH·Wp + j·dW on: one copy of rows·Wp elements from the padded band (built once per channel, in cache),
     * instead of one short run per output row and tap. Then
     * <pre>
     *   Y_band (Og × rows·Wp) = W_g (Og × K) · cols (K × rows·Wp)
     * </pre>
     * as in {@link #forward}'s chunks, the weight used as stored, and the band's rows are added to y without their
     * dropped columns. Each output sums the same terms in the same order as on the im2col chunks on the SIMD GEMM
     * (its depth is K either way), whatever the thread count and the band height.
     */
    private static void shiftedForward(double[] x, int xOff, double[] w, int wOff, double[] y, int yOff,
                                       ConvGeometry g, int band) {
        int plane = g.h * g.w;
        int wp = Workspace.bandWidth(g);
        double[] buf = columns(Workspace.bandElements(g, band));          // [padded bands][cols][output]
        int cols = g.cg * Workspace.paddedBand(g, band);
        int out = cols + g.k * band * wp;
        for (int gi = 0; gi < g.groups; gi++) {
            int wg = wOff + gi * g.og * g.k;
            for (int n = 0; n < g.n; n++) {
                int xg = xOff + (n * g.c + gi * g.cg) * plane;
                int yg = yOff + (n * g.o + gi * g.og) * g.p;
                int bands = (g.outH + band - 1) / band;
                for (int b = 0; b < bands; b++) {                         // bands of equal height (± 1 row)
                    int oh0 = b * g.outH / bands;
                    int rows = (b + 1) * g.outH / bands - oh0;
                    int nq = rows * wp;
                    bandColumns(x, xg, g, oh0, rows, band, buf);
                    gemm(false, false, g.og, nq, g.k, w, wg, g.k, buf, cols, nq, 0, buf, out, nq);
                    for (int o = 0; o < g.og; o++) {                      // y (zero or the bias) += the band's rows
                        for (int r = 0; r < rows; r++) {
                            ew().axpy(1, buf, out + o * nq + r * wp, y, yg + o * g.p + (oh0 + r) * g.outW, g.outW);
                        }
                    }
                }
            }
        }
    }

    /**
     * The im2col matrix of output rows [oh0, oh0 + rows) of a band buffer sized for {@code band} rows, K × rows·Wp at
     * buf[Cg·paddedBand(band) …]: each channel's padded band (at buf[c·paddedBand(band) …]) and from it every im2col
     * row (c, i, j) as one copy from the flat offset i·dH·Wp + j·dW.
     */
    private static void bandColumns(double[] x, int xg, ConvGeometry g, int oh0, int rows, int band, double[] buf) {
        int plane = g.h * g.w;
        int wp = Workspace.bandWidth(g);
        int stride = Workspace.paddedBand(g, band);
        int nq = rows * wp;
        for (int c = 0, r = g.cg * stride; c < g.cg; c++) {
            int pc = c * stride;
            padBand(x, xg + c * plane, g, oh0 - g.padTop, wp, Workspace.paddedBand(g, rows), buf, pc);
            for (int i = 0; i < g.kH; i++) {
                for (int j = 0; j < g.kW; j++, r += nq) {                 // im2col row (c, i, j): one copy
                    System.arraycopy(buf, pc + i * g.dH * wp + j * g.dW, buf, r, nq);
                }
            }
        }
    }

    /**
     * dst[d + r·wp + u] = input (ih0 + r, u − padLeft) of one channel plane for r·wp + u &lt; len, zero where that is
     * outside the plane: a band of rows on a grid {@code wp} columns wide (the last row may be cut).
     */
    private static void padBand(double[] x, int xc, ConvGeometry g, int ih0, int wp, int len, double[] dst, int d) {
        int lo = Math.min(wp, g.padLeft);                                 // grid columns [lo, hi) hold input
        int hi = Math.max(lo, Math.min(wp, g.padLeft + g.w));
        for (int at = d, ih = ih0; at < d + len; at += wp, ih++) {
            if (ih < 0 || ih >= g.h || hi == lo || at + wp > d + len) {    // (the cut last row: read by dropped
                Arrays.fill(dst, at, Math.min(at + wp, d + len), 0);      // outputs only)
                continue;
            }
            for (int v = 0; v < lo; v++) {                                // (a padding's width: loops, not calls)
                dst[at + v] = 0;
            }
            System.arraycopy(x, xc + ih * g.w + lo - g.padLeft, dst, at + lo, hi - lo);
            for (int v = hi; v < wp; v++) {
                dst[at + v] = 0;
            }
        }
    }

    /**
     * dx += convᵀ(gy, w), the input gradient (and the forward of the transposed convolution): per group and chunk
     * of columns, cols (K × nq) = W_gᵀ · G (the chunk's output gradient, gathered into the buffer when it spans
     * images), then col2im adds each column back onto the input positions it was read from. At stride 1 on images
     * wider than a chunk: {@link #shiftedInputGrad}.
     */
    static void inputGrad(double[] gy, int gOff, double[] w, int wOff, double[] dx, int dxOff, ConvGeometry g) {
        if (DirectConv.applies(g)) {                                      // few channels, stride 1
            DirectConvF64.inputGrad(gy, gOff, w, wOff, dx, dxOff, g);
            return;
        }
        if (g.cg == 1) {
            depthwiseInputGrad(gy, gOff, w, wOff, dx, dxOff, g);
            return;
        }
        int plane = g.h * g.w;
        if (g.isPointwise()) {
            for (int n = 0; n < g.n; n++) {
                for (int gi = 0; gi < g.groups; gi++) {
                    gemm(true, false, g.k, g.p, g.og, w, wOff + gi * g.og * g.k, g.k, gy,
                            gOff + (n * g.o + gi * g.og) * g.p, g.p, 1, dx, dxOff + (n * g.c + gi * g.cg) * plane,
                            plane);
                }
            }
            return;
        }
        int band = Workspace.backwardBandRows(g, false);
        if (band > 0) {                                                   // stride 1, wide images: padded bands
            shiftedInputGrad(gy, gOff, w, wOff, dx, dxOff, g, band);
            return;
        }
        int chunk = Workspace.columnsPerChunk(g);
        double[] buf = columns(Workspace.elements(g, chunk));
        int gat = g.k * chunk;                                            // the gathered-gradient part
        long total = (long) g.n * g.p;
        for (int gi = 0; gi < g.groups; gi++) {
            int wg = wOff + gi * g.og * g.k;
            for (long q0 = 0; q0 < total; q0 += chunk) {
                int nq = (int) Math.min(chunk, total - q0);
                int n0 = (int) (q0 / g.p);
                int p0 = (int) (q0 % g.p);
                if (p0 + nq <= g.p) {
                    gemm(true, false, g.k, nq, g.og, w, wg, g.k, gy, gOff + (n0 * g.o + gi * g.og) * g.p + p0, g.p,
                            0, buf, 0, nq);
                } else {
                    gather(gy, gOff, g, gi, n0, p0, nq, buf, gat);
                    gemm(true, false, g.k, nq, g.og, w, wg, g.k, buf, gat, nq, 0, buf, 0, nq);
                }
                for (int q = 0, n = n0, p = p0; q < nq; q += g.p - p, n++, p = 0) {
                    int xg = dxOff + (n * g.c + gi * g.cg) * plane;
                    col2imAdd(buf, q, nq, g, p, Math.min(g.p - p, nq - q), dx, xg);
                }
            }
        }
    }

    /**
     * dw += G_g · colsᵀ over all images' columns, chunk by chunk (the chunk's width is the product's depth). At stride
     * 1 on images wider than a chunk: {@link #shiftedWeightGrad}.
     */
    static void weightGrad(double[] x, int xOff, double[] gy, int gOff, double[] dw, int dwOff, ConvGeometry g) {
        if (DirectConv.appliesToWeightGrad(g)) {                          // few channels, stride 1
            DirectConvF64.weightGrad(x, xOff, gy, gOff, dw, dwOff, g);
            return;
        }
        if (g.cg == 1) {
            depthwiseWeightGrad(x, xOff, gy, gOff, dw, dwOff, g);
            return;
        }
        int plane = g.h * g.w;
        if (g.isPointwise()) {
            for (int n = 0; n < g.n; n++) {
                for (int gi = 0; gi < g.groups; gi++) {
                    gemm(false, true, g.og, g.k, g.p, gy, gOff + (n * g.o + gi * g.og) * g.p, g.p, x,
                            xOff + (n * g.c + gi * g.cg) * plane, plane, 1, dw, dwOff + gi * g.og * g.k, g.k);
                }
            }
            return;
        }
        int band = Workspace.backwardBandRows(g, true);
        if (band > 0) {                                                   // stride 1, wide images: padded bands
            shiftedWeightGrad(x, xOff, gy, gOff, dw, dwOff, g, band);
            return;
        }
        int chunk = Workspace.columnsPerChunk(g);
        double[] buf = columns(Workspace.elements(g, chunk));
        int gat = g.k * chunk;
        long total = (long) g.n * g.p;
        for (int gi = 0; gi < g.groups; gi++) {
            int wg = dwOff + gi * g.og * g.k;
            for (long q0 = 0; q0 < total; q0 += chunk) {
                int nq = (int) Math.min(chunk, total - q0);
                int n0 = (int) (q0 / g.p);
                int p0 = (int) (q0 % g.p);
                for (int q = 0, n = n0, p = p0; q < nq; q += g.p - p, n++, p = 0) {
                    im2col(x, xOff + (n * g.c + gi * g.cg) * plane, g, p, Math.min(g.p - p, nq - q), buf, q, nq);
                }
                if (p0 + nq <= g.p) {
                    gemm(false, true, g.og, g.k, nq, gy, gOff + (n0 * g.o + gi * g.og) * g.p + p0, g.p, buf, 0, nq,
                            1, dw, wg, g.k);
                } else {
                    gather(gy, gOff, g, gi, n0, p0, nq, buf, gat);
                    gemm(false, true, g.og, g.k, nq, buf, gat, nq, buf, 0, nq, 1, dw, wg, g.k);
                }
            }
        }
    }

    /**
     * dx += convᵀ(gy, w) at stride 1, band by band of at most {@code band} output rows: the adjoint of {@link
     * #shiftedForward}, on its Wp grid. The band's output gradient is gathered onto the grid (zeros in the Wp − OW
     * dropped columns of each row), then
     * <pre>
     *   cols (K × rows·Wp) = W_gᵀ (K × Og) · G_band (Og × rows·Wp)
     * </pre>
     * and each row (c, i, j) of cols is added, as one run of rows·Wp elements, onto channel c's padded band at the
     * flat offset i·dH·Wp + j·dW: the band is loaded from dx (zeros in the padding), accumulated, and its rows inside
     * the image stored back, so the next band's halo rows start from this band's sums. One long add per row of cols
     * instead of one short one per output row and tap; the GEMM is the same Wᵀ·G as on the im2col chunks, of depth
     * Og. The dropped columns of cols land on padded-band positions no real output reaches through that tap (the
     * row's columns past OW·dW, or with dilation inputs no output reads): with finite weights they hold ±0 (weights
     * times the gathered zeros), which changes no value (only a −0 there can become +0, as col2im onto +0 gives in
     * PyTorch); a weight's Inf or NaN would leak there, so when the group's weights are not all finite (their sum is
     * not) they are zeroed first.
     * Sequential but for the GEMM (split by blocks of C), so the bits do not depend on the thread count.
     */
    private static void shiftedInputGrad(double[] gy, int gOff, double[] w, int wOff, double[] dx, int dxOff,
                                         ConvGeometry g, int band) {
        int plane = g.h * g.w;
        int wp = Workspace.bandWidth(g);
        double[] buf = columns(Workspace.bandElements(g, band));          // [padded dx bands][cols][gathered gy]
        int stride = Workspace.paddedBand(g, band);
        int cols = g.cg * stride;
        int gat = cols + g.k * band * wp;
        int reach = g.dH * (g.kH - 1);
        for (int gi = 0; gi < g.groups; gi++) {
            int wg = wOff + gi * g.og * g.k;
            boolean finite = Double.isFinite(red().sum(w, wg, g.og * g.k));  // (a NaN or ±Inf makes the sum one)
            for (int n = 0; n < g.n; n++) {
                int xg = dxOff + (n * g.c + gi * g.cg) * plane;
                int go = gOff + (n * g.o + gi * g.og) * g.p;
                int bands = (g.outH + band - 1) / band;
                for (int b = 0; b < bands; b++) {                         // bands of equal height (± 1 row)
                    int oh0 = b * g.outH / bands;
                    int rows = (b + 1) * g.outH / bands - oh0;
                    int nq = rows * wp;
                    gridRows(gy, go, g, oh0, rows, buf, gat);
                    gemm(true, false, g.k, nq, g.og, w, wg, g.k, buf, gat, nq, 0, buf, cols, nq);
                    if (!finite) {
                        zeroDropped(buf, cols, g, g.k, rows);
                    }
                    int len = Workspace.paddedBand(g, rows);
                    for (int c = 0, r = cols; c < g.cg; c++) {
                        int pc = c * stride;
                        padBand(dx, xg + c * plane, g, oh0 - g.padTop, wp, len, buf, pc);
                        for (int i = 0; i < g.kH; i++) {
                            for (int j = 0; j < g.kW; j++, r += nq) {    // col2im row (c, i, j): one add
                                ew().axpy(1, buf, r, buf, pc + i * g.dH * wp + j * g.dW, nq);
                            }
                        }
                        unpadBand(buf, pc, g, oh0 - g.padTop, wp, rows + reach, dx, xg + c * plane);
                    }
                }
            }
        }
    }

    /**
     * dw += G_g · colsᵀ at stride 1, band by band of at most {@code band} output rows, on {@link #shiftedForward}'s
     * Wp grid: the band's im2col matrix from whole-row copies of the padded band ({@link #bandColumns}), the output
     * gradient gathered onto the grid with zeros in the dropped columns, and
     * <pre>
     *   dw_gᵀ (K × Og) += cols_band (K × rows·Wp) · G_bandᵀ (rows·Wp × Og)
     * </pre>
     * over all bands and images into the buffer, added transposed to dw at the end: the K-row product ran 1.07-1.09×
     * the Og-row one (dw_g += G_band · cols_bandᵀ; paired, F32, 1 thread, AVX-512, a loaded machine), whose packing
     * of the transposed cols cost more.
     * The dropped pairs add 0·x: a dropped im2col column holds an input x the tap does not read, so where the band's
     * padded input is not all finite (its sum is not) those columns are zeroed first (an Inf times the zero gradient
     * would make a NaN); checking the sum instead of always zeroing ran 1.03× (paired as above). Sequential but for
     * the GEMM (split by blocks of C, never along the depth), so the bits do not depend on the thread count.
     */
    /**
     * Whether the padded bands {@link #bandColumns} wrote for a band of {@code rows} output rows hold only finite
     * values: one sum per channel over what was written (a NaN or ±Inf makes the sum one), not over the stride of a
     * taller band, whose tail holds whatever the buffer held before.
     */
    private static boolean paddedBandsFinite(double[] buf, ConvGeometry g, int band, int rows) {
        int stride = Workspace.paddedBand(g, band);
        int len = Workspace.paddedBand(g, rows);
        double sum = 0;
        for (int c = 0; c < g.cg; c++) {
            sum += red().sum(buf, c * stride, len);
        }
        return Double.isFinite(sum);
    }

    private static void shiftedWeightGrad(double[] x, int xOff, double[] gy, int gOff, double[] dw, int dwOff,
                                          ConvGeometry g, int band) {
        int plane = g.h * g.w;
        int wp = Workspace.bandWidth(g);
        double[] buf = columns(Workspace.bandElements(g, band) + g.k * g.og); // [padded bands][cols][gy][dwᵀ]
        int cols = g.cg * Workspace.paddedBand(g, band);
        int gat = cols + g.k * band * wp;
        int sum = Workspace.bandElements(g, band);                        // dw_gᵀ, K × Og
        for (int gi = 0; gi < g.groups; gi++) {
            Arrays.fill(buf, sum, sum + g.k * g.og, 0);
            int wg = dwOff + gi * g.og * g.k;
            for (int n = 0; n < g.n; n++) {
                int xg = xOff + (n * g.c + gi * g.cg) * plane;
                int go = gOff + (n * g.o + gi * g.og) * g.p;
                int bands = (g.outH + band - 1) / band;
                for (int b = 0; b < bands; b++) {
                    int oh0 = b * g.outH / bands;
                    int rows = (b + 1) * g.outH / bands - oh0;
                    int nq = rows * wp;
                    bandColumns(x, xg, g, oh0, rows, band, buf);
                    if (!paddedBandsFinite(buf, g, band, rows)) {
                        zeroDropped(buf, cols, g, g.k, rows);
                    }
                    gridRows(gy, go, g, oh0, rows, buf, gat);
                    gemm(false, true, g.k, g.og, nq, buf, cols, nq, buf, gat, nq, 1, buf, sum, g.og);
                }
            }
            for (int k = 0; k < g.k; k++) {                               // dw_g += (dw_gᵀ)ᵀ
                for (int o = 0; o < g.og; o++) {
                    dw[wg + o * g.k + k] += buf[sum + k * g.og + o];
                }
            }
        }
    }

    /**
     * buf[at + o·rows·Wp + r·Wp + u] = gy (channel o of the group at {@code go}, output row oh0 + r, column u) for
     * u &lt; OW, zero for the Wp − OW dropped columns: the band's output gradient on the Wp grid.
     */
    private static void gridRows(double[] gy, int go, ConvGeometry g, int oh0, int rows, double[] buf, int at) {
        int wp = Workspace.bandWidth(g);
        for (int o = 0, d = at; o < g.og; o++) {
            for (int r = 0, s = go + o * g.p + oh0 * g.outW; r < rows; r++, d += wp, s += g.outW) {
                System.arraycopy(gy, s, buf, d, g.outW);
                for (int u = g.outW; u < wp; u++) {                       // (the kernel's reach: loops, not calls)
                    buf[d + u] = 0;
                }
            }
        }
    }

    /** Zeroes the dropped columns (u ≥ OW of each grid row) of {@code k} rows of a band's cols at buf[at …]. */
    private static void zeroDropped(double[] buf, int at, ConvGeometry g, int k, int rows) {
        int wp = Workspace.bandWidth(g);
        for (int t = at + g.outW, end = at + k * rows * wp; t < end; t += wp) {
            for (int u = 0; u < wp - g.outW; u++) {
                buf[t + u] = 0;
            }
        }
    }

    /**
     * The inverse of {@link #padBand} on the rows inside the plane: dx (ih0 + r, u − padLeft) = src[s + r·wp + u] for
     * grid rows r &lt; {@code rows} and the grid columns that hold input.
     */
    private static void unpadBand(double[] src, int s, ConvGeometry g, int ih0, int wp, int rows, double[] dx,
                                  int xc) {
        int lo = Math.min(wp, g.padLeft);
        int hi = Math.max(lo, Math.min(wp, g.padLeft + g.w));
        for (int r = Math.max(0, -ih0), end = Math.min(rows, g.h - ih0); r < end && hi > lo; r++) {
            System.arraycopy(src, s + r * wp + lo, dx, xc + (ih0 + r) * g.w + lo - g.padLeft, hi - lo);
        }
    }

    /** buf[at + o·nq + q] = gy of group gi's channel o at the chunk's column q (columns from image n0, position p0). */
    private static void gather(double[] gy, int gOff, ConvGeometry g, int gi, int n0, int p0, int nq, double[] buf,
                               int at) {
        for (int q = 0, n = n0, p = p0; q < nq; q += g.p - p, n++, p = 0) {
            int len = Math.min(g.p - p, nq - q);
            for (int o = 0; o < g.og; o++) {
                System.arraycopy(gy, gOff + (n * g.o + gi * g.og + o) * g.p + p, buf, at + o * nq + q, len);
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

    // ---------------------------------------------------------------------- one input channel per group (depthwise)
    // With C/groups = 1 (depthwise, channel multipliers, a single input channel) the GEMM would multiply an Og-row matrix
    // (often one row) per group: mostly overhead. Here each plane is a stencil on the backend's tap kernels:
    // tapAxpy adds Σ_taps w · (shifted input row) to a vector of output columns held in registers (one load and one
    // store per output vector, not one per tap), tapDot gives the weight gradient's kH·kW dot products in one pass
    // over the output gradient. When some output column reads the padding, the plane read is first copied with its
    // zero columns into the thread's buffer, so that every row is one run of whole vectors; border rows run with the
    // taps that fall inside, the inner rows as one band. The order of every sum is fixed, so results do not depend
    // on the thread count. A single input channel (LeNet's first layer: 1 → 6, 5×5) runs here too: its GEMM would
    // have Og = 6 rows and K = 25, too small for the packed kernel, and its im2col copies 25 times the input.
    // A 3×3 kernel at stride 1 and dilation 1 (MobileNet's) runs on stencil3x3 / stencil3x3Dot instead (the input
    // gradient on stencil3x3 with the kernel rotated): no padded copy, the forward writing the bias itself.

    /**
     * The calling thread's depthwise buffers, kept: tap offsets, weights and sums (Og·kH·kW entries each) and the
     * column-padded plane(s) read (H·(W + padLeft + padRight) elements forward, Og·OH·(W + dW·(kW − 1)) for the
     * input gradient).
     */
    private static final ThreadLocal<Taps> TAPS = ThreadLocal.withInitial(Taps::new);

    private static final class Taps {
        int[] src = new int[0];
        double[] w = new double[0];
        double[] acc = new double[0];
        double[] plane = new double[0];

        Taps fit(int n, long planeElements) {
            if (src.length < n) {
                src = new int[n];
                w = new double[n];
                acc = new double[n];
            }
            if (plane.length < planeElements) {
                plane = new double[Math.toIntExact(planeElements)];
            }
            return this;
        }
    }

    /** Entries of the calling thread's depthwise buffers {taps, padded plane} (for the workspace-bound test). */
    static int[] tapsCapacity() {
        Taps tp = TAPS.get();
        return new int[] {tp.src.length, tp.plane.length};
    }

    /**
     * A 3×3 kernel at stride 1 and dilation 1 (MobileNet's depthwise layers): the forward and the input gradient run
     * on the backend's {@code stencil3x3}, which keeps the nine weights in registers, feeds each loaded input row to
     * several output rows and reads the padding through masks (no padded copy).
     */
    private static boolean isStencil3x3(ConvGeometry g) {
        return g.kH == 3 && g.kW == 3 && g.sH == 1 && g.sW == 1 && g.dH == 1 && g.dW == 1;
    }

    /** The first output index all of whose taps (input index out·s + k·d − pad) read at or after input index 0. */
    private static int insideFrom(int out, int s, int pad) {
        return Math.min(out, Math.max(0, Math.ceilDiv(pad, s)));
    }

    /** One past the last output index all of whose k taps read before input index {@code in}; ≥ {@code from}. */
    private static int insideTo(int in, int out, int k, int s, int d, int pad, int from) {
        return Math.max(from, Math.min(out, Math.floorDiv(in - 1 + pad - (k - 1) * d, s) + 1));
    }

    /** The first tap (of k) whose input index o·s + tap·d − pad is ≥ 0. */
    private static int tapFrom(int o, int s, int d, int pad) {
        return Math.max(0, Math.ceilDiv(pad - o * s, d));
    }

    /** One past the last tap (of k) whose input index o·s + tap·d − pad is below {@code in}. */
    private static int tapTo(int o, int s, int d, int pad, int in, int k) {
        return Math.min(k, Math.floorDiv(in - 1 + pad - o * s, d) + 1);
    }

    /**
     * dst[r·(left + w + right) + left + t] = src[at + r·w + t] for rows r &lt; h, zeros in the {@code left} and
     * {@code right} columns (a negative {@code left} crops the row instead).
     */
    private static void padColumns(double[] src, int at, int h, int w, int left, int right, double[] dst) {
        int wp = left + w + right;
        int from = Math.max(0, left);
        int to = Math.max(from, Math.min(wp, left + w));
        for (int r = 0; r < h; r++) {
            int d = r * wp;
            for (int t = d; t < d + from; t++) {                          // (a padding's width: loops, not calls)
                dst[t] = 0;
            }
            System.arraycopy(src, at + r * w + from - left, dst, d + from, to - from);
            for (int t = d + to; t < d + wp; t++) {
                dst[t] = 0;
            }
        }
    }

    /**
     * The band structure shared by the forward and the weight gradient, for output channel o of image n: calls
     * {@code tapAxpy} (forward) or {@code tapDot} (weight gradient) on every run of output rows with the same inside
     * taps, reading the input plane through the padded copy when a column reads the padding.
     */
    private static void depthwiseRows(boolean forward, double[] x, int xOff, double[] w, int wOff, double[] out,
                                      int outOff, int n, int o, double[] acc, ConvGeometry g, Taps tp) {
        int lo = insideFrom(g.outW, g.sW, g.padLeft);
        int hi = insideTo(g.w, g.outW, g.kW, g.sW, g.dW, g.padLeft, lo);
        int rlo = insideFrom(g.outH, g.sH, g.padTop);
        int rhi = insideTo(g.h, g.outH, g.kH, g.sH, g.dH, g.padTop, rlo);
        int xc = xOff + (n * g.c + o / g.og) * g.h * g.w;
        double[] in = x;
        int rowLen = g.w;
        int shift = -g.padLeft;                                           // input column of output 0, tap 0
        if (lo > 0 || hi < g.outW) {                                      // some column reads the padding
            padColumns(x, xc, g.h, g.w, g.padLeft, g.padRight, tp.plane);
            in = tp.plane;
            xc = 0;
            rowLen = g.padLeft + g.w + g.padRight;
            shift = 0;
        }
        int yo = outOff + (n * g.o + o) * g.p;
        int kk = g.kH * g.kW;
        for (int oh = 0, rows; oh < g.outH; oh += rows) {
            rows = oh >= rlo && oh < rhi ? rhi - oh : 1;
            int i0 = tapFrom(oh, g.sH, g.dH, g.padTop);
            int i1 = tapTo(oh, g.sH, g.dH, g.padTop, g.h, g.kH);
            int taps = 0;
            for (int i = i0; i < i1; i++) {
                int row = xc + (oh * g.sH + i * g.dH - g.padTop) * rowLen + shift;
                for (int j = 0; j < g.kW; j++) {
                    tp.src[taps++] = row + j * g.dW;
                }
            }
            if (taps == 0 || g.outW == 0) {
                continue;
            }
            if (forward) {
                ew().tapAxpy(w, wOff + o * kk + i0 * g.kW, tp.src, taps, in, g.sH * rowLen, g.sW, out,
                        yo + oh * g.outW, g.outW, rows, g.outW);
            } else {
                red().tapDot(out, yo + oh * g.outW, g.outW, in, tp.src, taps, g.sH * rowLen, g.sW, rows, g.outW, acc,
                        i0 * g.kW);
            }
        }
    }

    /** y[n, o] = bias[o] (or 0) + Σ_{i,j} w[o, 0, i, j] · x[n, o/Og] shifted by the tap, for a 3×3 stride-1 kernel. */
    private static void depthwiseStencil(double[] x, int xOff, double[] w, int wOff, double[] bias, int bOff,
                                         double[] y, int yOff, ConvGeometry g) {
        for (int n = 0; n < g.n; n++) {
            for (int o = 0; o < g.o; o++) {
                ew().stencil3x3(w, wOff + o * 9, x, xOff + (n * g.c + o / g.og) * g.h * g.w, g.h, g.w, g.padTop,
                        g.padLeft, false, bias == null ? 0 : bias[bOff + o], y, yOff + (n * g.o + o) * g.p, g.outH,
                        g.outW);
            }
        }
    }

    /** y[n, o] += Σ_{i,j} w[o, 0, i, j] · x[n, o/Og] shifted by the tap (y holds the bias or zeros). */
    private static void depthwiseForward(double[] x, int xOff, double[] w, int wOff, double[] y, int yOff,
                                         ConvGeometry g) {
        Taps tp = TAPS.get().fit(g.kH * g.kW, (long) g.h * (g.padLeft + g.w + g.padRight));
        for (int n = 0; n < g.n; n++) {
            for (int o = 0; o < g.o; o++) {
                depthwiseRows(true, x, xOff, w, wOff, y, yOff, n, o, null, g, tp);
            }
        }
    }

    /**
     * dw[o, 0, i, j] += Σ_{n, oh, ow} gy[n, o, oh, ow] · x[n, o/Og] at the tap's input position, the kH·kW sums of
     * each output channel in double.
     */
    private static void depthwiseWeightGrad(double[] x, int xOff, double[] gy, int gOff, double[] dw, int dwOff,
                                            ConvGeometry g) {
        int kk = g.kH * g.kW;
        if (isStencil3x3(g)) {
            Taps tp = TAPS.get().fit(kk, 0);
            for (int o = 0; o < g.o; o++) {
                Arrays.fill(tp.acc, 0, kk, 0);
                for (int n = 0; n < g.n; n++) {
                    red().stencil3x3Dot(gy, gOff + (n * g.o + o) * g.p, x, xOff + (n * g.c + o / g.og) * g.h * g.w,
                            g.h, g.w, g.padTop, g.padLeft, g.outH, g.outW, tp.acc, 0);
                }
                for (int k = 0; k < kk; k++) {
                    dw[dwOff + o * kk + k] += (double) tp.acc[k];
                }
            }
            return;
        }
        Taps tp = TAPS.get().fit(kk, (long) g.h * (g.padLeft + g.w + g.padRight));
        for (int o = 0; o < g.o; o++) {
            Arrays.fill(tp.acc, 0, kk, 0);
            for (int n = 0; n < g.n; n++) {
                depthwiseRows(false, x, xOff, null, 0, gy, gOff, n, o, tp.acc, g, tp);
            }
            for (int k = 0; k < kk; k++) {
                dw[dwOff + o * kk + k] += (double) tp.acc[k];
            }
        }
    }

    /**
     * dx[n, c] += Σ_{m &lt; Og, i, j} w[c·Og + m, 0, i, j] · gy[n, c·Og + m] shifted back by the tap. At column stride 1
     * this is again a stencil (dx column iw reads gy column iw + padLeft − j·dW; through the gy planes copied with
     * dW·(kW − 1) − padLeft zero columns in front when some column would read outside), run like the forward; a
     * wider column stride scatters each gy row onto every dx row it came from.
     */
    private static void depthwiseInputGrad(double[] gy, int gOff, double[] w, int wOff, double[] dx, int dxOff,
                                           ConvGeometry g) {
        if (g.sW != 1) {
            depthwiseInputGradScatter(gy, gOff, w, wOff, dx, dxOff, g);
            return;
        }
        int kk = g.kH * g.kW;
        if (isStencil3x3(g)) {                                            // the forward's stencil, kernel rotated
            Taps tp = TAPS.get().fit(kk, 0);
            for (int n = 0; n < g.n; n++) {
                for (int c = 0; c < g.c; c++) {
                    for (int m = 0; m < g.og; m++) {
                        int wm = wOff + (c * g.og + m) * 9;
                        for (int k = 0; k < 9; k++) {
                            tp.w[k] = w[wm + 8 - k];
                        }
                        ew().stencil3x3(tp.w, 0, gy, gOff + (n * g.o + c * g.og + m) * g.p, g.outH, g.outW,
                                2 - g.padTop, 2 - g.padLeft, true, 0, dx, dxOff + (n * g.c + c) * g.h * g.w, g.h,
                                g.w);
                    }
                }
            }
            return;
        }
        int reach = (g.kW - 1) * g.dW;
        int lo = Math.min(g.w, Math.max(0, reach - g.padLeft));
        int hi = Math.max(lo, Math.min(g.w, g.outW - g.padLeft));
        boolean padded = lo > 0 || hi < g.w;
        int rowLen = padded ? g.w + reach : g.outW;
        Taps tp = TAPS.get().fit(g.og * kk, padded ? (long) g.og * g.outH * rowLen : 0);
        int shift = padded ? reach : g.padLeft;                           // gy column of dx column 0, tap 0
        // at row stride 1, dx row ih reads gy row ih + padTop − i·dH, inside for every i on [rlo, rhi)
        int rlo = g.sH == 1 ? Math.min(g.h, Math.max(0, (g.kH - 1) * g.dH - g.padTop)) : g.h;
        int rhi = g.sH == 1 ? Math.max(rlo, Math.min(g.h, g.outH - g.padTop)) : g.h;
        int plane = g.h * g.w;
        for (int n = 0; n < g.n; n++) {
            for (int c = 0; c < g.c; c++) {
                int dxc = dxOff + (n * g.c + c) * plane;
                int go = gOff + (n * g.o + c * g.og) * g.p;                // the group's first output plane
                double[] in = gy;
                if (padded) {
                    padColumns(gy, go, g.og * g.outH, g.outW, reach - g.padLeft,
                            g.w + g.padLeft - g.outW, tp.plane);
                    in = tp.plane;
                    go = 0;
                }
                int wc = wOff + c * g.og * kk;
                for (int ih = 0, rows; ih < g.h; ih += rows) {
                    rows = ih >= rlo && ih < rhi ? rhi - ih : 1;
                    int taps = 0;
                    for (int m = 0; m < g.og; m++) {
                        for (int i = 0; i < g.kH; i++) {
                            int num = ih + g.padTop - i * g.dH;           // oh·sH
                            if (num < 0 || num % g.sH != 0 || num / g.sH >= g.outH) {
                                continue;
                            }
                            int row = go + (m * g.outH + num / g.sH) * rowLen + shift;
                            for (int j = 0; j < g.kW; j++, taps++) {
                                tp.src[taps] = row - j * g.dW;
                                tp.w[taps] = w[wc + (m * g.kH + i) * g.kW + j];
                            }
                        }
                    }
                    if (taps > 0 && g.w > 0) {
                        ew().tapAxpy(tp.w, 0, tp.src, taps, in, rowLen, 1, dx, dxc + ih * g.w, g.w, rows, g.w);
                    }
                }
            }
        }
    }

    /** The depthwise input gradient at column stride > 1: dx tap row += w · gy row, element by element. */
    private static void depthwiseInputGradScatter(double[] gy, int gOff, double[] w, int wOff, double[] dx,
                                                  int dxOff, ConvGeometry g) {
        int plane = g.h * g.w;
        for (int n = 0; n < g.n; n++) {
            for (int o = 0; o < g.o; o++) {
                int xc = dxOff + (n * g.c + o / g.og) * plane;
                int yo = gOff + (n * g.o + o) * g.p;
                for (int i = 0; i < g.kH; i++) {
                    for (int j = 0; j < g.kW; j++) {
                        double wv = w[wOff + (o * g.kH + i) * g.kW + j];
                        int wOffs = j * g.dW - g.padLeft;
                        int lo = Math.min(g.outW, Math.max(0, Math.ceilDiv(-wOffs, g.sW)));
                        int hi = Math.max(lo, Math.min(g.outW, Math.floorDiv(g.w - 1 - wOffs, g.sW) + 1));
                        for (int oh = 0; oh < g.outH; oh++) {
                            int ih = oh * g.sH + i * g.dH - g.padTop;
                            if (ih < 0 || ih >= g.h) {
                                continue;
                            }
                            int src = xc + ih * g.w + wOffs;
                            int dst = yo + oh * g.outW;
                            for (int t = lo; t < hi; t++) {
                                dx[src + t * g.sW] += wv * gy[dst + t];
                            }
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------- im2col

    /**
     * col[colOff + r·ld + j] = x at the input position output position p0 + j reads for row r = (c, i, j) of the
     * group's K × P im2col matrix (0 where that position is padding), j &lt; np. Walks each output row
     * once per kernel tap: the in-range span is copied (arraycopy at stride 1), the rest zero-filled.
     */
    static void im2col(double[] x, int xg, ConvGeometry g, int p0, int np, double[] col, int colOff, int ld) {
        if (g.sW == 2 && Workspace.strided) {
            im2colRows(x, xg, g, p0, np, col, colOff, ld);
            return;
        }
        if (g.sW > 1) {
            im2colGather(x, xg, g, p0, np, col, colOff, ld);
            return;
        }
        int ow0 = g.outW;
        int r = colOff;
        for (int c = 0; c < g.cg; c++) {
            int xc = xg + c * g.h * g.w;
            for (int i = 0; i < g.kH; i++) {
                int hOff = i * g.dH - g.padTop;
                for (int j = 0; j < g.kW; j++, r += ld) {
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
                            if (lo > ow) {                                   // (guarded: most runs have no padding,
                                Arrays.fill(col, dst + ow, dst + lo, 0);     // and an empty fill still costs a call)
                            }
                            if (g.sW == 1) {
                                if (hi > lo) {                                   // (an empty copy may start past x)
                                    System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
                                }
                            } else {
                                for (int t = lo; t < hi; t++) {
                                    col[dst + t] = x[src + t * g.sW];
                                }
                            }
                            if (ow + len > hi) {
                                Arrays.fill(col, dst + hi, dst + ow + len, 0);
                            }
                        }
                        q += len;
                    }
                }
            }
        }
    }

    /**
     * {@link #im2col} at column stride 2 on the backend's {@code stridedRows} (per vector of columns two loads and
     * a rearrange of their even lanes, where a gather fetches lane by lane): per im2col row (c, i, j), the chunk's
     * output positions go as a partial first output row, a run of whole output rows (one kernel call: consecutive
     * output rows read input rows sH apart) and a partial last row; rows that read the top or bottom padding are
     * zero-filled, the columns that read the side padding are the kernel's lanes outside [lo, hi). Measured against
     * {@link #im2colGather} on 3×3, 128 → 256, 28×28 (F32, 1 thread, AVX-512, thread CPU time alternating in one JVM,
     * a loaded machine): the forward 1.06-1.08× faster, the weight gradient 1.06-1.08×. No tables, no buffer.
     */
    private static void im2colRows(double[] x, int xg, ConvGeometry g, int p0, int np, double[] col, int colOff,
                                   int ld) {
        int r = colOff;
        for (int c = 0; c < g.cg; c++) {
            int xc = xg + c * g.h * g.w;
            for (int i = 0; i < g.kH; i++) {
                int hOff = i * g.dH - g.padTop;
                int rowLo = Math.ceilDiv(-hOff, g.sH);                          // output rows whose input row is in
                int rowHi = Math.floorDiv(g.h - 1 - hOff, g.sH) + 1;           // [0, H): [rowLo, rowHi)
                for (int j = 0; j < g.kW; j++, r += ld) {
                    int wOff = j * g.dW - g.padLeft;
                    int colLo = Math.max(0, Math.ceilDiv(-wOff, g.sW));        // and columns: [colLo, colHi)
                    int colHi = Math.floorDiv(g.w - 1 - wOff, g.sW) + 1;
                    for (int q = 0, oh = p0 / g.outW, ow = p0 % g.outW; q < np; ow = 0) {
                        int len = Math.min(g.outW - ow, np - q);
                        int rows = ow == 0 && len == g.outW ? (np - q) / g.outW : 1;  // whole rows: one call
                        int a = Math.min(rows, Math.max(0, rowLo - oh));        // rows [a, b) of the piece read input
                        int b = Math.max(a, Math.min(rows, rowHi - oh));
                        int dst = r + q;
                        if (a > 0) {
                            Arrays.fill(col, dst, dst + a * len, 0);
                        }
                        if (b < rows) {
                            Arrays.fill(col, dst + b * len, dst + rows * len, 0);
                        }
                        if (b > a) {
                            int lo = Math.min(len, Math.max(0, colLo - ow));
                            int hi = Math.max(lo, Math.min(len, colHi - ow));
                            int src = xc + ((oh + a) * g.sH + hOff) * g.w + wOff + ow * g.sW;  // x at piece column 0
                            ew().stridedRows(x, src, g.sH * g.w, g.sW, lo, hi, col, dst + a * len, len, len, b - a);
                        }
                        q += rows * len;
                        oh += rows;
                    }
                }
            }
        }
    }

    /**
     * The calling thread's gather tables for a strided im2col: per kernel tap, each column's index into the channel
     * plane and whether it reads inside (kH·kW·np entries each, np ≤ the chunk width: at most kH·kW·nq, a
     * C/groups-th of the column buffer).
     */
    private static final ThreadLocal<Gathers> GATHERS = ThreadLocal.withInitial(Gathers::new);

    private static final class Gathers {
        int[] idx = new int[0];
        boolean[] keep = new boolean[0];

        Gathers fit(int n) {
            if (idx.length < n) {
                idx = new int[n];
                keep = new boolean[n];
            }
            return this;
        }
    }

    /** Entries of the calling thread's gather tables (for the workspace-bound test). */
    static int gatherCapacity() {
        return GATHERS.get().idx.length;
    }

    /**
     * {@link #im2col} at a column stride above 2 (or 2 with {@code Convolution.setStridedRows(false)}), where a
     * row's runs are short and strided: the taps' index tables are built once per call, then every row of the
     * chunk is one masked gather over all np columns (measured 1.8× faster than the run-by-run copy on 3×3,
     * 128 → 256, 28×28, stride 2).
     */
    private static void im2colGather(double[] x, int xg, ConvGeometry g, int p0, int np, double[] col, int colOff,
                                     int ld) {
        int kk = g.kH * g.kW;
        Gathers gt = GATHERS.get().fit(kk * np);
        for (int i = 0, t = 0; i < g.kH; i++) {
            for (int j = 0; j < g.kW; j++) {
                for (int q = 0, oh = p0 / g.outW, ow = p0 % g.outW; q < np; q++, t++) {
                    int ih = oh * g.sH + i * g.dH - g.padTop;
                    int iw = ow * g.sW + j * g.dW - g.padLeft;
                    boolean in = ih >= 0 && ih < g.h && iw >= 0 && iw < g.w;
                    gt.keep[t] = in;
                    gt.idx[t] = in ? ih * g.w + iw : 0;                  // (padding: a valid index, masked off)
                    if (++ow == g.outW) {
                        ow = 0;
                        oh++;
                    }
                }
            }
        }
        for (int c = 0, r = colOff; c < g.cg; c++) {
            int xc = xg + c * g.h * g.w;
            for (int k = 0; k < kk; k++, r += ld) {
                ew().gather(x, xc, gt.idx, k * np, gt.keep, k * np, col, r, np);
            }
        }
    }

    /** Contiguous runs shorter than this are added by a plain loop (the SIMD axpy's call costs more). */
    private static final int SHORT_RUN = 32;

    /** The adjoint of {@link #im2col}: dx at each input position += the col entries read from it (padding dropped). */
    static void col2imAdd(double[] col, int colOff, int ld, ConvGeometry g, int p0, int np, double[] dx, int xg) {
        if (g.sW == 2 && Workspace.strided) {
            col2imRows(col, colOff, ld, g, p0, np, dx, xg);
            return;
        }
        int ow0 = g.outW;
        int r = colOff;
        for (int c = 0; c < g.cg; c++) {
            int xc = xg + c * g.h * g.w;
            for (int i = 0; i < g.kH; i++) {
                int hOff = i * g.dH - g.padTop;
                for (int j = 0; j < g.kW; j++, r += ld) {
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
                            if (g.sW == 1 && hi - lo >= SHORT_RUN) {             // a long contiguous run: SIMD
                                ew().axpy(1, col, dst + lo, dx, src + lo, hi - lo);
                            } else if (g.sW == 1) {                              // short: a loop, not three calls
                                for (int t = lo; t < hi; t++) {                  // (+= is axpy's fma(1, c, d))
                                    dx[src + t] += col[dst + t];
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

    /** The calling thread's per-tap tables of {@link #col2imRows}: {lo, hi, shift}, kW ints each. */
    private static final ThreadLocal<int[][]> TAP_RANGES = ThreadLocal.withInitial(() -> new int[3][0]);

    /** Entries of the calling thread's col2im tap tables (for the workspace-bound test). */
    static int tapRangesCapacity() {
        return TAP_RANGES.get()[0].length;
    }

    /**
     * {@link #col2imAdd} at column stride 2 on the backend's {@code stridedTapsAdd}: per input channel and kernel
     * row, the chunk's output positions in pieces as in {@link #im2colRows}, and for each piece one call that adds
     * all kW taps' im2col rows onto the input rows they were read from (each input element's adds in the order of
     * the run-by-run loop: the same bits).
     */
    private static void col2imRows(double[] col, int colOff, int ld, ConvGeometry g, int p0, int np, double[] dx,
                                   int xg) {
        int[][] tr = TAP_RANGES.get();
        if (tr[0].length < g.kW) {
            tr[0] = new int[g.kW];
            tr[1] = new int[g.kW];
            tr[2] = new int[g.kW];
        }
        int[] lo = tr[0];
        int[] hi = tr[1];
        int[] shift = tr[2];
        for (int c = 0; c < g.cg; c++) {
            int xc = xg + c * g.h * g.w;
            for (int i = 0; i < g.kH; i++) {
                int r = colOff + (c * g.kH + i) * g.kW * ld;                   // im2col row (c, i, 0)
                int hOff = i * g.dH - g.padTop;
                int rowLo = Math.ceilDiv(-hOff, g.sH);
                int rowHi = Math.floorDiv(g.h - 1 - hOff, g.sH) + 1;
                for (int q = 0, oh = p0 / g.outW, ow = p0 % g.outW; q < np; ow = 0) {
                    int len = Math.min(g.outW - ow, np - q);
                    int rows = ow == 0 && len == g.outW ? (np - q) / g.outW : 1;
                    int a = Math.min(rows, Math.max(0, rowLo - oh));
                    int b = Math.max(a, Math.min(rows, rowHi - oh));
                    if (b > a) {
                        for (int j = 0; j < g.kW; j++) {
                            int wOff = j * g.dW - g.padLeft;
                            int colLo = Math.max(0, Math.ceilDiv(-wOff, g.sW));
                            int colHi = Math.floorDiv(g.w - 1 - wOff, g.sW) + 1;
                            lo[j] = Math.min(len, Math.max(0, colLo - ow));
                            hi[j] = Math.max(lo[j], Math.min(len, colHi - ow));
                            shift[j] = ow * g.sW + wOff;
                        }
                        ew().stridedTapsAdd(col, r + q + a * len, len, ld, g.kW, lo, hi, shift, dx,
                                xc + ((oh + a) * g.sH + hOff) * g.w, g.sH * g.w, g.sW, g.w, b - a);
                    }
                    q += rows * len;
                    oh += rows;
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
        // windows wholly inside the plane (rows [rlo, rhi), columns [clo, chi)) run on the backend's maxTaps
        int rlo = insideFrom(g.outH, g.sH, g.padH);
        int rhi = insideTo(g.h, g.outH, g.kH, g.sH, g.dH, g.padH, rlo);
        int clo = insideFrom(g.outW, g.sW, g.padW);
        int chi = insideTo(g.w, g.outW, g.kW, g.sW, g.dW, g.padW, clo);
        boolean whole = rlo == 0 && rhi == g.outH && clo == 0 && chi == g.outW;
        PoolTaps pt = PoolTaps.of(g, whole ? ohw : Math.max(0, chi - clo));
        if (whole) {                                                      // one call per plane: H'·W' windows
            for (int oh = 0, q = 0; oh < g.outH; oh++) {
                for (int ow = 0; ow < g.outW; ow++, q++) {
                    pt.origin[q] = (oh * g.sH - g.padH) * g.w + ow * g.sW - g.padW;
                }
            }
            for (int pl = 0; pl < g.planes; pl++) {
                red().maxTaps(x, xOff + pl * hw, 0, pt.origin, 0, pt.src, pt.taps, y, yOff + pl * ohw, idx, pl * ohw,
                        ohw);
            }
            return;
        }
        for (int t = 0; t < chi - clo; t++) {                              // one call per row: chi − clo windows
            pt.origin[t] = t * g.sW;
        }
        for (int pl = 0; pl < g.planes; pl++) {
            int xp = xOff + pl * hw;
            int yp = pl * ohw;
            for (int oh = 0; oh < g.outH; oh++) {
                int hs = oh * g.sH - g.padH;
                boolean inside = oh >= rlo && oh < rhi && chi > clo;
                if (inside) {
                    red().maxTaps(x, xp, hs * g.w + clo * g.sW - g.padW, pt.origin, 0, pt.src, pt.taps, y,
                            yOff + yp + oh * g.outW + clo, idx, yp + oh * g.outW + clo, chi - clo);
                }
                for (int ow = 0; ow < g.outW; ow++) {
                    if (inside && ow >= clo && ow < chi) {
                        ow = chi - 1;                                     // done by maxTaps
                        continue;
                    }
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

    /**
     * The calling thread's pooling tables, grown on demand and kept: max pooling's tap offsets within a plane
     * ({@code i·dH·W + j·dW} for tap (i, j); kH·kW ints) and its windows' origins (H'·W' ints when every window is
     * inside the plane, else W'); average pooling's row (W elements).
     */
    private static final class PoolTaps {
        private static final ThreadLocal<PoolTaps> TABLES = ThreadLocal.withInitial(PoolTaps::new);

        int[] src = new int[0];
        int[] origin = new int[0];
        int taps;
        /** Average pooling's row of W column sums (forward) or gradient shares (backward). */
        double[] row = new double[0];

        static double[] row(int w) {
            PoolTaps pt = TABLES.get();
            if (pt.row.length < w) {
                pt.row = new double[w];
            }
            return pt.row;
        }

        static PoolTaps of(PoolGeometry g, int windows) {
            PoolTaps pt = TABLES.get();
            pt.taps = g.kH * g.kW;
            if (pt.src.length < pt.taps) {
                pt.src = new int[pt.taps];
            }
            if (pt.origin.length < windows) {
                pt.origin = new int[windows];
            }
            for (int i = 0; i < g.kH; i++) {
                for (int j = 0; j < g.kW; j++) {
                    pt.src[i * g.kW + j] = i * g.dH * g.w + j * g.dW;
                }
            }
            return pt;
        }
    }

    /** Entries of the calling thread's pooling tables {tap offsets, window origins, row} (for the bound test). */
    static int[] poolTablesCapacity() {
        PoolTaps pt = PoolTaps.TABLES.get();
        return new int[] {pt.src.length, pt.origin.length, pt.row.length};
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
     * of the plane, divided by hd[oh]·wd[ow] (0 for an empty window). Per output row, the column sums of its input
     * rows are built first with whole-row SIMD adds (in the calling thread's row buffer), then each window sums its
     * columns of that row; a window of whole rows (global average pooling) is one contiguous SIMD sum instead.
     */
    static void windowAverage(double[] x, int xOff, Windows wn, double[] y, int yOff) {
        int hw = wn.h * wn.w;
        int oh0 = wn.hs.length;
        int ow0 = wn.ws.length;
        boolean wholeRows = ow0 == 1 && wn.ws[0] == 0 && wn.we[0] == wn.w;
        double[] row = PoolTaps.row(wn.w);
        for (int pl = 0; pl < wn.planes; pl++) {
            int xp = xOff + pl * hw;
            int yp = yOff + pl * oh0 * ow0;
            for (int oh = 0; oh < oh0; oh++) {
                int rows = wn.he[oh] - wn.hs[oh];
                long div0 = (long) wn.hd[oh] * wn.wd[0];
                if (wholeRows) {
                    y[yp + oh] = rows <= 0 || wn.w == 0 || div0 == 0 ? 0
                            : red().sum(x, xp + wn.hs[oh] * wn.w, rows * wn.w) / div0;
                    continue;
                }
                if (rows > 0) {                                           // column sums of the window rows
                    System.arraycopy(x, xp + wn.hs[oh] * wn.w, row, 0, wn.w);
                    for (int ih = wn.hs[oh] + 1; ih < wn.he[oh]; ih++) {
                        ew().binary(BinaryOp.ADD, row, 0, x, xp + ih * wn.w, row, 0, wn.w);
                    }
                }
                for (int ow = 0; ow < ow0; ow++) {
                    int width = wn.we[ow] - wn.ws[ow];
                    long div = (long) wn.hd[oh] * wn.wd[ow];
                    double s = 0;
                    if (rows > 0 && width >= 16) {
                        s = red().sum(row, wn.ws[ow], width);
                    } else if (rows > 0) {
                        for (int t = wn.ws[ow]; t < wn.we[ow]; t++) {
                            s += row[t];
                        }
                    }
                    y[yp + oh * ow0 + ow] = div == 0 || width <= 0 || rows <= 0 ? 0 : s / div;
                }
            }
        }
    }

    /**
     * The adjoint of {@link #windowAverage}: dx over each window += gy / (hd·wd) (dx must start at zero). Per output
     * row, the row's windows spread their shares over one row of W columns (the calling thread's row buffer), which
     * is then added to each of the window's input rows with a whole-row SIMD add.
     */
    static void windowAverageBackward(double[] gy, int gOff, Windows wn, double[] dx, int dxOff) {
        int hw = wn.h * wn.w;
        int oh0 = wn.hs.length;
        int ow0 = wn.ws.length;
        double[] row = PoolTaps.row(wn.w);
        for (int pl = 0; pl < wn.planes; pl++) {
            int xp = dxOff + pl * hw;
            int gp = gOff + pl * oh0 * ow0;
            for (int oh = 0; oh < oh0; oh++) {
                if (wn.he[oh] <= wn.hs[oh]) {
                    continue;
                }
                Arrays.fill(row, 0, wn.w, 0);
                for (int ow = 0; ow < ow0; ow++) {
                    long div = (long) wn.hd[oh] * wn.wd[ow];
                    if (div == 0) {
                        continue;
                    }
                    double v = gy[gp + oh * ow0 + ow] / div;
                    for (int iw = wn.ws[ow]; iw < wn.we[ow]; iw++) {
                        row[iw] += v;
                    }
                }
                for (int ih = wn.hs[oh]; ih < wn.he[oh]; ih++) {
                    ew().binary(BinaryOp.ADD, dx, xp + ih * wn.w, row, 0, dx, xp + ih * wn.w, wn.w);
                }
            }
        }
    }
}
