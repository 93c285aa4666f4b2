// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/SimdConvTaps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The F64 register-blocked kernels of the direct convolution, {@code convTaps} and {@code convTapDot} (their
 * contracts are in {@link org.vecgrad.engine.kernel.ElementwiseKernels} and
 * {@link org.vecgrad.engine.kernel.ReductionKernels}). The forward holds 4 output channels × 3 vectors of positions
 * in registers (then 3 or 2 channels for the rest): per tap 3 loads of the input and 4 broadcast weights feed 12
 * independent FMA chains (the depthwise
 * {@code tapAxpy} needs one load and one broadcast per FMA). The weight gradient holds 2 output channels × 4 taps:
 * per vector of positions 2 loads of the output gradient and 4 of the input feed 8 FMA chains, over all the
 * images of the call before the lanes are summed (a lane sum costs about as much as a row of FMAs). A single
 * leftover channel of the forward runs on {@code SimdTapsF64.tapAxpy}. Generated with its twin from
 * {@code SimdConvTaps-X.java.template}.
 */
final class SimdConvTapsF64 {
    private static final VectorSpecies<Double> S = SimdSpecies.D;
    private static final int L = S.length();

    private SimdConvTapsF64() {
    }

    static void convTaps(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, double[] y,
                         int yOff, int ldy, int len) {
        int o = 0;
        while (outs - o >= 2) {
            int r = Math.min(4, outs - o);                              // blocks of 4, then 3 or 2
            int wo = wOff + o * ldw;
            int yo = yOff + o * ldy;
            int t = 0;
            for (; t + 3 * L <= len; t += 3 * L) {                      // 3 vectors: 3 loads feed r × 3 FMAs a tap
                switch (r) {
                    case 4 -> fwd4x3(w, wo, ldw, src, taps, x, t, y, yo + t, ldy);
                    case 3 -> fwd3x3(w, wo, ldw, src, taps, x, t, y, yo + t, ldy);
                    default -> fwd2x3(w, wo, ldw, src, taps, x, t, y, yo + t, ldy);
                }
            }
            for (; t < len; t += L) {                                   // one vector at a time, the last masked
                int n = Math.min(L, len - t);
                switch (r) {
                    case 4 -> fwd4x1(w, wo, ldw, src, taps, x, t, y, yo + t, ldy, n);
                    case 3 -> fwd3x1(w, wo, ldw, src, taps, x, t, y, yo + t, ldy, n);
                    default -> fwd2x1(w, wo, ldw, src, taps, x, t, y, yo + t, ldy, n);
                }
            }
            o += r;
        }
        if (o < outs) {                                                 // one channel left: the stencil kernel
            SimdTapsF64.tapAxpy(w, wOff + o * ldw, src, taps, x, 0, 1, y, yOff + o * ldy, 0, 1, len);
        }
    }

    // As in SimdTaps: each loop in its own small method that creates its masks itself, so C2 inlines every vector
    // operation. The blocks fwdRx3 and fwdRx1 (R = 4, 3, 2) are written by Codegen.ConvTapBlocks.

    /** 4 channels × 3 vectors. */
    private static void fwd4x3(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy) {
        int y1 = yo + ldy;
        int y2 = y1 + ldy;
        int y3 = y2 + ldy;
        DoubleVector a00 = DoubleVector.fromArray(S, y, yo);
        DoubleVector a01 = DoubleVector.fromArray(S, y, yo + L);
        DoubleVector a02 = DoubleVector.fromArray(S, y, yo + 2 * L);
        DoubleVector a10 = DoubleVector.fromArray(S, y, y1);
        DoubleVector a11 = DoubleVector.fromArray(S, y, y1 + L);
        DoubleVector a12 = DoubleVector.fromArray(S, y, y1 + 2 * L);
        DoubleVector a20 = DoubleVector.fromArray(S, y, y2);
        DoubleVector a21 = DoubleVector.fromArray(S, y, y2 + L);
        DoubleVector a22 = DoubleVector.fromArray(S, y, y2 + 2 * L);
        DoubleVector a30 = DoubleVector.fromArray(S, y, y3);
        DoubleVector a31 = DoubleVector.fromArray(S, y, y3 + L);
        DoubleVector a32 = DoubleVector.fromArray(S, y, y3 + 2 * L);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            DoubleVector x0 = DoubleVector.fromArray(S, x, s);
            DoubleVector x1 = DoubleVector.fromArray(S, x, s + L);
            DoubleVector x2 = DoubleVector.fromArray(S, x, s + 2 * L);
            DoubleVector w0 = DoubleVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            a01 = x1.fma(w0, a01);
            a02 = x2.fma(w0, a02);
            DoubleVector w1 = DoubleVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
            a11 = x1.fma(w1, a11);
            a12 = x2.fma(w1, a12);
            DoubleVector w2 = DoubleVector.broadcast(S, w[wo + 2 * ldw + k]);
            a20 = x0.fma(w2, a20);
            a21 = x1.fma(w2, a21);
            a22 = x2.fma(w2, a22);
            DoubleVector w3 = DoubleVector.broadcast(S, w[wo + 3 * ldw + k]);
            a30 = x0.fma(w3, a30);
            a31 = x1.fma(w3, a31);
            a32 = x2.fma(w3, a32);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
        a02.intoArray(y, yo + 2 * L);
        a10.intoArray(y, y1);
        a11.intoArray(y, y1 + L);
        a12.intoArray(y, y1 + 2 * L);
        a20.intoArray(y, y2);
        a21.intoArray(y, y2 + L);
        a22.intoArray(y, y2 + 2 * L);
        a30.intoArray(y, y3);
        a31.intoArray(y, y3 + L);
        a32.intoArray(y, y3 + 2 * L);
    }

    /** The first n ≤ L positions of 4 channels. */
    private static void fwd4x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        int y1 = yo + ldy;
        int y2 = y1 + ldy;
        int y3 = y2 + ldy;
        DoubleVector a00 = DoubleVector.fromArray(S, y, yo, m);
        DoubleVector a10 = DoubleVector.fromArray(S, y, y1, m);
        DoubleVector a20 = DoubleVector.fromArray(S, y, y2, m);
        DoubleVector a30 = DoubleVector.fromArray(S, y, y3, m);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            DoubleVector x0 = DoubleVector.fromArray(S, x, s, m);
            DoubleVector w0 = DoubleVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            DoubleVector w1 = DoubleVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
            DoubleVector w2 = DoubleVector.broadcast(S, w[wo + 2 * ldw + k]);
            a20 = x0.fma(w2, a20);
            DoubleVector w3 = DoubleVector.broadcast(S, w[wo + 3 * ldw + k]);
            a30 = x0.fma(w3, a30);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, y1, m);
        a20.intoArray(y, y2, m);
        a30.intoArray(y, y3, m);
    }

    /** 3 channels × 3 vectors. */
    private static void fwd3x3(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy) {
        int y1 = yo + ldy;
        int y2 = y1 + ldy;
        DoubleVector a00 = DoubleVector.fromArray(S, y, yo);
        DoubleVector a01 = DoubleVector.fromArray(S, y, yo + L);
        DoubleVector a02 = DoubleVector.fromArray(S, y, yo + 2 * L);
        DoubleVector a10 = DoubleVector.fromArray(S, y, y1);
        DoubleVector a11 = DoubleVector.fromArray(S, y, y1 + L);
        DoubleVector a12 = DoubleVector.fromArray(S, y, y1 + 2 * L);
        DoubleVector a20 = DoubleVector.fromArray(S, y, y2);
        DoubleVector a21 = DoubleVector.fromArray(S, y, y2 + L);
        DoubleVector a22 = DoubleVector.fromArray(S, y, y2 + 2 * L);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            DoubleVector x0 = DoubleVector.fromArray(S, x, s);
            DoubleVector x1 = DoubleVector.fromArray(S, x, s + L);
            DoubleVector x2 = DoubleVector.fromArray(S, x, s + 2 * L);
            DoubleVector w0 = DoubleVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            a01 = x1.fma(w0, a01);
            a02 = x2.fma(w0, a02);
            DoubleVector w1 = DoubleVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
            a11 = x1.fma(w1, a11);
            a12 = x2.fma(w1, a12);
            DoubleVector w2 = DoubleVector.broadcast(S, w[wo + 2 * ldw + k]);
            a20 = x0.fma(w2, a20);
            a21 = x1.fma(w2, a21);
            a22 = x2.fma(w2, a22);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
        a02.intoArray(y, yo + 2 * L);
        a10.intoArray(y, y1);
        a11.intoArray(y, y1 + L);
        a12.intoArray(y, y1 + 2 * L);
        a20.intoArray(y, y2);
        a21.intoArray(y, y2 + L);
        a22.intoArray(y, y2 + 2 * L);
    }

    /** The first n ≤ L positions of 3 channels. */
    private static void fwd3x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        int y1 = yo + ldy;
        int y2 = y1 + ldy;
        DoubleVector a00 = DoubleVector.fromArray(S, y, yo, m);
        DoubleVector a10 = DoubleVector.fromArray(S, y, y1, m);
        DoubleVector a20 = DoubleVector.fromArray(S, y, y2, m);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            DoubleVector x0 = DoubleVector.fromArray(S, x, s, m);
            DoubleVector w0 = DoubleVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            DoubleVector w1 = DoubleVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
            DoubleVector w2 = DoubleVector.broadcast(S, w[wo + 2 * ldw + k]);
            a20 = x0.fma(w2, a20);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, y1, m);
        a20.intoArray(y, y2, m);
    }

    /** 2 channels × 3 vectors. */
    private static void fwd2x3(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy) {
        int y1 = yo + ldy;
        DoubleVector a00 = DoubleVector.fromArray(S, y, yo);
        DoubleVector a01 = DoubleVector.fromArray(S, y, yo + L);
        DoubleVector a02 = DoubleVector.fromArray(S, y, yo + 2 * L);
        DoubleVector a10 = DoubleVector.fromArray(S, y, y1);
        DoubleVector a11 = DoubleVector.fromArray(S, y, y1 + L);
        DoubleVector a12 = DoubleVector.fromArray(S, y, y1 + 2 * L);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            DoubleVector x0 = DoubleVector.fromArray(S, x, s);
            DoubleVector x1 = DoubleVector.fromArray(S, x, s + L);
            DoubleVector x2 = DoubleVector.fromArray(S, x, s + 2 * L);
            DoubleVector w0 = DoubleVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            a01 = x1.fma(w0, a01);
            a02 = x2.fma(w0, a02);
            DoubleVector w1 = DoubleVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
            a11 = x1.fma(w1, a11);
            a12 = x2.fma(w1, a12);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
        a02.intoArray(y, yo + 2 * L);
        a10.intoArray(y, y1);
        a11.intoArray(y, y1 + L);
        a12.intoArray(y, y1 + 2 * L);
    }

    /** The first n ≤ L positions of 2 channels. */
    private static void fwd2x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        int y1 = yo + ldy;
        DoubleVector a00 = DoubleVector.fromArray(S, y, yo, m);
        DoubleVector a10 = DoubleVector.fromArray(S, y, y1, m);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            DoubleVector x0 = DoubleVector.fromArray(S, x, s, m);
            DoubleVector w0 = DoubleVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            DoubleVector w1 = DoubleVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, y1, m);
    }

    static void convTapDot(double[] g, int gOff, int ldgo, int ldg, int outs, double[] x, int[] src, int taps,
                           int ldx, int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff,
                           int ldacc) {
        int o = 0;
        for (; o + 2 <= outs; o += 2) {
            int go = gOff + o * ldgo;
            int at = accOff + o * ldacc;
            int k = 0;
            for (; k + 4 <= taps; k += 4) {                             // 2 + 4 loads feed 8 FMA chains
                dot2x4(g, go, ldgo, x, src[k], src[k + 1], src[k + 2], src[k + 3], rows, len, images, ldg, ldx,
                        ldgn, ldxn, acc, at + k, ldacc);
            }
            for (; k < taps; k++) {
                dot2x1(g, go, ldgo, x, src[k], rows, len, images, ldg, ldx, ldgn, ldxn, acc, at + k, ldacc);
            }
        }
        if (o < outs) {                                                 // one channel left: 1 + 4 loads, 4 FMAs
            int go = gOff + o * ldgo;
            int at = accOff + o * ldacc;
            int k = 0;
            for (; k + 4 <= taps; k += 4) {
                dot1x4(g, go, x, src[k], src[k + 1], src[k + 2], src[k + 3], rows, len, images, ldg, ldx, ldgn,
                        ldxn, acc, at + k);
            }
            for (; k < taps; k++) {
                dot1x1(g, go, x, src[k], rows, len, images, ldg, ldx, ldgn, ldxn, acc, at + k);
            }
        }
    }

    private static void dot2x4(double[] g, int go, int ldgo, double[] x, int s0, int s1, int s2, int s3, int rows,
                               int len, int images, int ldg, int ldx, int ldgn, int ldxn, double[] acc, int at,
                               int ldacc) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector b0 = a0;
        DoubleVector b1 = a0;
        DoubleVector b2 = a0;
        DoubleVector b3 = a0;
        int full = len - len % L;
        VectorMask<Double> m = S.indexInRange(full, len);
        for (int n = 0; n < images; n++) {
            for (int r = 0; r < rows; r++) {
                int gr = go + n * ldgn + r * ldg;
                int xr = n * ldxn + r * ldx;
                for (int t = 0; t < full; t += L) {
                    DoubleVector g0 = DoubleVector.fromArray(S, g, gr + t);
                    DoubleVector g1 = DoubleVector.fromArray(S, g, gr + ldgo + t);
                    int xo = xr + t;
                    DoubleVector x0 = DoubleVector.fromArray(S, x, s0 + xo);
                    a0 = g0.fma(x0, a0);
                    b0 = g1.fma(x0, b0);
                    DoubleVector x1 = DoubleVector.fromArray(S, x, s1 + xo);
                    a1 = g0.fma(x1, a1);
                    b1 = g1.fma(x1, b1);
                    DoubleVector x2 = DoubleVector.fromArray(S, x, s2 + xo);
                    a2 = g0.fma(x2, a2);
                    b2 = g1.fma(x2, b2);
                    DoubleVector x3 = DoubleVector.fromArray(S, x, s3 + xo);
                    a3 = g0.fma(x3, a3);
                    b3 = g1.fma(x3, b3);
                }
                if (full < len) {                                       // the row's tail under a mask
                    DoubleVector g0 = DoubleVector.fromArray(S, g, gr + full, m);
                    DoubleVector g1 = DoubleVector.fromArray(S, g, gr + ldgo + full, m);
                    int xo = xr + full;
                    DoubleVector x0 = DoubleVector.fromArray(S, x, s0 + xo, m);
                    a0 = g0.fma(x0, a0);
                    b0 = g1.fma(x0, b0);
                    DoubleVector x1 = DoubleVector.fromArray(S, x, s1 + xo, m);
                    a1 = g0.fma(x1, a1);
                    b1 = g1.fma(x1, b1);
                    DoubleVector x2 = DoubleVector.fromArray(S, x, s2 + xo, m);
                    a2 = g0.fma(x2, a2);
                    b2 = g1.fma(x2, b2);
                    DoubleVector x3 = DoubleVector.fromArray(S, x, s3 + xo, m);
                    a3 = g0.fma(x3, a3);
                    b3 = g1.fma(x3, b3);
                }
            }
        }
        acc[at] += ReduceSimdF64.sumLanes(a0);
        acc[at + 1] += ReduceSimdF64.sumLanes(a1);
        acc[at + 2] += ReduceSimdF64.sumLanes(a2);
        acc[at + 3] += ReduceSimdF64.sumLanes(a3);
        acc[at + ldacc] += ReduceSimdF64.sumLanes(b0);
        acc[at + ldacc + 1] += ReduceSimdF64.sumLanes(b1);
        acc[at + ldacc + 2] += ReduceSimdF64.sumLanes(b2);
        acc[at + ldacc + 3] += ReduceSimdF64.sumLanes(b3);
    }

    private static void dot2x1(double[] g, int go, int ldgo, double[] x, int s0, int rows, int len, int images,
                               int ldg, int ldx, int ldgn, int ldxn, double[] acc, int at, int ldacc) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector b0 = a0;
        int full = len - len % L;
        VectorMask<Double> m = S.indexInRange(full, len);
        for (int n = 0; n < images; n++) {
            for (int r = 0; r < rows; r++) {
                int gr = go + n * ldgn + r * ldg;
                int xr = s0 + n * ldxn + r * ldx;
                for (int t = 0; t < full; t += L) {
                    DoubleVector x0 = DoubleVector.fromArray(S, x, xr + t);
                    a0 = DoubleVector.fromArray(S, g, gr + t).fma(x0, a0);
                    b0 = DoubleVector.fromArray(S, g, gr + ldgo + t).fma(x0, b0);
                }
                if (full < len) {
                    DoubleVector x0 = DoubleVector.fromArray(S, x, xr + full, m);
                    a0 = DoubleVector.fromArray(S, g, gr + full, m).fma(x0, a0);
                    b0 = DoubleVector.fromArray(S, g, gr + ldgo + full, m).fma(x0, b0);
                }
            }
        }
        acc[at] += ReduceSimdF64.sumLanes(a0);
        acc[at + ldacc] += ReduceSimdF64.sumLanes(b0);
    }

    private static void dot1x4(double[] g, int go, double[] x, int s0, int s1, int s2, int s3, int rows, int len,
                               int images, int ldg, int ldx, int ldgn, int ldxn, double[] acc, int at) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int full = len - len % L;
        VectorMask<Double> m = S.indexInRange(full, len);
        for (int n = 0; n < images; n++) {
            for (int r = 0; r < rows; r++) {
                int gr = go + n * ldgn + r * ldg;
                int xr = n * ldxn + r * ldx;
                for (int t = 0; t < full; t += L) {
                    DoubleVector g0 = DoubleVector.fromArray(S, g, gr + t);
                    int xo = xr + t;
                    a0 = g0.fma(DoubleVector.fromArray(S, x, s0 + xo), a0);
                    a1 = g0.fma(DoubleVector.fromArray(S, x, s1 + xo), a1);
                    a2 = g0.fma(DoubleVector.fromArray(S, x, s2 + xo), a2);
                    a3 = g0.fma(DoubleVector.fromArray(S, x, s3 + xo), a3);
                }
                if (full < len) {
                    DoubleVector g0 = DoubleVector.fromArray(S, g, gr + full, m);
                    int xo = xr + full;
                    a0 = g0.fma(DoubleVector.fromArray(S, x, s0 + xo, m), a0);
                    a1 = g0.fma(DoubleVector.fromArray(S, x, s1 + xo, m), a1);
                    a2 = g0.fma(DoubleVector.fromArray(S, x, s2 + xo, m), a2);
                    a3 = g0.fma(DoubleVector.fromArray(S, x, s3 + xo, m), a3);
                }
            }
        }
        acc[at] += ReduceSimdF64.sumLanes(a0);
        acc[at + 1] += ReduceSimdF64.sumLanes(a1);
        acc[at + 2] += ReduceSimdF64.sumLanes(a2);
        acc[at + 3] += ReduceSimdF64.sumLanes(a3);
    }

    private static void dot1x1(double[] g, int go, double[] x, int s0, int rows, int len, int images, int ldg,
                               int ldx, int ldgn, int ldxn, double[] acc, int at) {
        DoubleVector a0 = DoubleVector.zero(S);
        int full = len - len % L;
        VectorMask<Double> m = S.indexInRange(full, len);
        for (int n = 0; n < images; n++) {
            for (int r = 0; r < rows; r++) {
                int gr = go + n * ldgn + r * ldg;
                int xr = s0 + n * ldxn + r * ldx;
                for (int t = 0; t < full; t += L) {
                    a0 = DoubleVector.fromArray(S, g, gr + t).fma(DoubleVector.fromArray(S, x, xr + t), a0);
                }
                if (full < len) {
                    a0 = DoubleVector.fromArray(S, g, gr + full, m).fma(DoubleVector.fromArray(S, x, xr + full, m), a0);
                }
            }
        }
        acc[at] += ReduceSimdF64.sumLanes(a0);
    }
}
