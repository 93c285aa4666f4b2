// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/SimdConvTaps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import java.util.function.IntUnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;

/**
 * The F64 register-blocked kernels of the direct convolution, {@code convTaps}, {@code convLanes} and
 * {@code convTapDot} (their contracts are in {@link org.vecgrad.engine.kernel.ElementwiseKernels} and
 * {@link org.vecgrad.engine.kernel.ReductionKernels}). The forward holds 4 output channels × 3 vectors of positions
 * in registers (then 3 or 2 channels for the rest): per tap 3 loads of the input and 4 broadcast weights feed 12
 * independent FMA chains (the depthwise
 * {@code tapAxpy} needs one load and one broadcast per FMA). The weight gradient holds 2 output channels × 4 taps:
 * per vector of positions 2 loads of the output gradient and 4 of the input feed 8 FMA chains, over all the
 * images of the call before the lanes are summed (a lane sum costs about as much as a row of FMAs). A single
 * leftover channel of the forward runs on {@code SimdTapsF64.tapAxpy}. {@code convLanes} turns the forward around
 * for few output channels (oneDNN's blocked-channel layout): the channels are the lanes of 1 or 2 vectors, and a block
 * of up to 12 (one vector) or 6 (two) positions of a row is in registers, so per tap 1 or 2 weight loads and 12 or 6
 * broadcast inputs feed 12 FMA chains, with no scratch columns and no masked tail of positions. Generated with its
 * twin from {@code SimdConvTaps-X.java.template}.
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

    /** The most positions a block of {@code convLanes} holds, by vectors of channels (1 or 2). */
    private static final int[] LANE_BLOCK = {0, 12, 6};

    static void convLanes(double[] w, int wOff, int ldw, int outs, int[] src, int taps, double[] x, int xo,
                          int count, double[] y, int yOff, int ldy) {
        int up = wholeVectors(outs);                                    // rows padded to whole vectors: no masks
        boolean whole = ldw >= up && ldy >= up && reaches(w.length, wOff, taps, ldw, up)
                && reaches(y.length, yOff, count, ldy, up);
        for (int o = 0; o < outs; o += 2 * L) {                         // groups of at most 2 vectors of channels
            int c = Math.min(2 * L, outs - o);
            int v = (c + L - 1) / L;
            int n = c - (v - 1) * L;                                    // lanes of the group's last vector
            int blocks = (count + LANE_BLOCK[v] - 1) / LANE_BLOCK[v];
            for (int b = 0; b < blocks; b++) {                          // balanced blocks: no short latency-bound one
                int r0 = (int) ((long) count * b / blocks);
                int r = (int) ((long) count * (b + 1) / blocks) - r0;
                int wo = wOff + o;
                int yo = yOff + r0 * ldy + o;
                if (whole) {
                    if (v == 1) {
                        whole1(r, w, wo, ldw, src, taps, x, xo + r0, y, yo, ldy);
                    } else {
                        whole2(r, w, wo, ldw, src, taps, x, xo + r0, y, yo, ldy);
                    }
                } else if (v == 1) {
                    lanes1(r, w, wo, ldw, src, taps, x, xo + r0, y, yo, ldy, n);
                } else {
                    lanes2(r, w, wo, ldw, src, taps, x, xo + r0, y, yo, ldy, n);
                }
            }
        }
    }

    /** outs rounded up to whole vectors. */
    private static int wholeVectors(int outs) {
        return (outs + L - 1) / L * L;
    }

    /** True when rows r &lt; count of {@code up} elements from off + r·ld all lie in an array of {@code length}. */
    private static boolean reaches(int length, int off, int count, int ld, int up) {
        return count <= 0 || off + (long) (count - 1) * ld + up <= length;
    }

    // The blocks lanesRxV (R positions, V = 1 or 2 vectors of channels, the last masked to n lanes), their twins
    // wholeRxV for rows padded to whole vectors (no mask: no masked load in the tap loop, whose out-of-range slow
    // path C2 may compile in, spilling every accumulator on every tap), and their switches lanes1, lanes2, whole1
    // and whole2 are written by Codegen.ConvLaneBlocks.

    /** r ≤ 12 positions × 1 vector of channels. */
    private static void lanes1(int r, double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy, int n) {
        switch (r) {
            case 1 -> lanes1x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 2 -> lanes2x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 3 -> lanes3x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 4 -> lanes4x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 5 -> lanes5x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 6 -> lanes6x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 7 -> lanes7x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 8 -> lanes8x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 9 -> lanes9x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 10 -> lanes10x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 11 -> lanes11x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 12 -> lanes12x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            default -> throw new IllegalArgumentException("convLanes: a block of " + r + " positions");
        }
    }

    /** 1 position × 1 vector of channels. */
    private static void lanes1x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
        }
        a00.intoArray(y, yo, m);
    }

    /** 2 positions × 1 vector of channels. */
    private static void lanes2x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
    }

    /** 3 positions × 1 vector of channels. */
    private static void lanes3x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
    }

    /** 4 positions × 1 vector of channels. */
    private static void lanes4x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
    }

    /** 5 positions × 1 vector of channels. */
    private static void lanes5x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
        a40.intoArray(y, yo + 4 * ldy, m);
    }

    /** 6 positions × 1 vector of channels. */
    private static void lanes6x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
        a40.intoArray(y, yo + 4 * ldy, m);
        a50.intoArray(y, yo + 5 * ldy, m);
    }

    /** 7 positions × 1 vector of channels. */
    private static void lanes7x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
        a40.intoArray(y, yo + 4 * ldy, m);
        a50.intoArray(y, yo + 5 * ldy, m);
        a60.intoArray(y, yo + 6 * ldy, m);
    }

    /** 8 positions × 1 vector of channels. */
    private static void lanes8x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
        a40.intoArray(y, yo + 4 * ldy, m);
        a50.intoArray(y, yo + 5 * ldy, m);
        a60.intoArray(y, yo + 6 * ldy, m);
        a70.intoArray(y, yo + 7 * ldy, m);
    }

    /** 9 positions × 1 vector of channels. */
    private static void lanes9x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        DoubleVector a80 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            DoubleVector x8 = DoubleVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
        a40.intoArray(y, yo + 4 * ldy, m);
        a50.intoArray(y, yo + 5 * ldy, m);
        a60.intoArray(y, yo + 6 * ldy, m);
        a70.intoArray(y, yo + 7 * ldy, m);
        a80.intoArray(y, yo + 8 * ldy, m);
    }

    /** 10 positions × 1 vector of channels. */
    private static void lanes10x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                  int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        DoubleVector a80 = DoubleVector.zero(S);
        DoubleVector a90 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            DoubleVector x8 = DoubleVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            DoubleVector x9 = DoubleVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
        a40.intoArray(y, yo + 4 * ldy, m);
        a50.intoArray(y, yo + 5 * ldy, m);
        a60.intoArray(y, yo + 6 * ldy, m);
        a70.intoArray(y, yo + 7 * ldy, m);
        a80.intoArray(y, yo + 8 * ldy, m);
        a90.intoArray(y, yo + 9 * ldy, m);
    }

    /** 11 positions × 1 vector of channels. */
    private static void lanes11x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                  int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        DoubleVector a80 = DoubleVector.zero(S);
        DoubleVector a90 = DoubleVector.zero(S);
        DoubleVector a100 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            DoubleVector x8 = DoubleVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            DoubleVector x9 = DoubleVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
            DoubleVector x10 = DoubleVector.broadcast(S, x[s + 10]);
            a100 = x10.fma(w0, a100);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
        a40.intoArray(y, yo + 4 * ldy, m);
        a50.intoArray(y, yo + 5 * ldy, m);
        a60.intoArray(y, yo + 6 * ldy, m);
        a70.intoArray(y, yo + 7 * ldy, m);
        a80.intoArray(y, yo + 8 * ldy, m);
        a90.intoArray(y, yo + 9 * ldy, m);
        a100.intoArray(y, yo + 10 * ldy, m);
    }

    /** 12 positions × 1 vector of channels. */
    private static void lanes12x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                  int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        DoubleVector a80 = DoubleVector.zero(S);
        DoubleVector a90 = DoubleVector.zero(S);
        DoubleVector a100 = DoubleVector.zero(S);
        DoubleVector a110 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            DoubleVector x8 = DoubleVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            DoubleVector x9 = DoubleVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
            DoubleVector x10 = DoubleVector.broadcast(S, x[s + 10]);
            a100 = x10.fma(w0, a100);
            DoubleVector x11 = DoubleVector.broadcast(S, x[s + 11]);
            a110 = x11.fma(w0, a110);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
        a40.intoArray(y, yo + 4 * ldy, m);
        a50.intoArray(y, yo + 5 * ldy, m);
        a60.intoArray(y, yo + 6 * ldy, m);
        a70.intoArray(y, yo + 7 * ldy, m);
        a80.intoArray(y, yo + 8 * ldy, m);
        a90.intoArray(y, yo + 9 * ldy, m);
        a100.intoArray(y, yo + 10 * ldy, m);
        a110.intoArray(y, yo + 11 * ldy, m);
    }

    /** r ≤ 6 positions × 2 vectors of channels. */
    private static void lanes2(int r, double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy, int n) {
        switch (r) {
            case 1 -> lanes1x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 2 -> lanes2x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 3 -> lanes3x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 4 -> lanes4x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 5 -> lanes5x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            case 6 -> lanes6x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);
            default -> throw new IllegalArgumentException("convLanes: a block of " + r + " positions");
        }
    }

    /** 1 position × 2 vectors of channels. */
    private static void lanes1x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L, m);
    }

    /** 2 positions × 2 vectors of channels. */
    private static void lanes2x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L, m);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L, m);
    }

    /** 3 positions × 2 vectors of channels. */
    private static void lanes3x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L, m);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L, m);
        a20.intoArray(y, yo + 2 * ldy);
        a21.intoArray(y, yo + 2 * ldy + L, m);
    }

    /** 4 positions × 2 vectors of channels. */
    private static void lanes4x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L, m);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L, m);
        a20.intoArray(y, yo + 2 * ldy);
        a21.intoArray(y, yo + 2 * ldy + L, m);
        a30.intoArray(y, yo + 3 * ldy);
        a31.intoArray(y, yo + 3 * ldy + L, m);
    }

    /** 5 positions × 2 vectors of channels. */
    private static void lanes5x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a41 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            a41 = x4.fma(w1, a41);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L, m);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L, m);
        a20.intoArray(y, yo + 2 * ldy);
        a21.intoArray(y, yo + 2 * ldy + L, m);
        a30.intoArray(y, yo + 3 * ldy);
        a31.intoArray(y, yo + 3 * ldy + L, m);
        a40.intoArray(y, yo + 4 * ldy);
        a41.intoArray(y, yo + 4 * ldy + L, m);
    }

    /** 6 positions × 2 vectors of channels. */
    private static void lanes6x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a41 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a51 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L, m);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            a41 = x4.fma(w1, a41);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            a51 = x5.fma(w1, a51);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L, m);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L, m);
        a20.intoArray(y, yo + 2 * ldy);
        a21.intoArray(y, yo + 2 * ldy + L, m);
        a30.intoArray(y, yo + 3 * ldy);
        a31.intoArray(y, yo + 3 * ldy + L, m);
        a40.intoArray(y, yo + 4 * ldy);
        a41.intoArray(y, yo + 4 * ldy + L, m);
        a50.intoArray(y, yo + 5 * ldy);
        a51.intoArray(y, yo + 5 * ldy + L, m);
    }

    /** r ≤ 12 positions × 1 vector of channels, whole vectors. */
    private static void whole1(int r, double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy) {
        switch (r) {
            case 1 -> whole1x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 2 -> whole2x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 3 -> whole3x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 4 -> whole4x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 5 -> whole5x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 6 -> whole6x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 7 -> whole7x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 8 -> whole8x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 9 -> whole9x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 10 -> whole10x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 11 -> whole11x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 12 -> whole12x1(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            default -> throw new IllegalArgumentException("convLanes: a block of " + r + " positions");
        }
    }

    /** 1 position × 1 vector of channels, whole vectors. */
    private static void whole1x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
        }
        a00.intoArray(y, yo);
    }

    /** 2 positions × 1 vector of channels, whole vectors. */
    private static void whole2x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
    }

    /** 3 positions × 1 vector of channels, whole vectors. */
    private static void whole3x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
    }

    /** 4 positions × 1 vector of channels, whole vectors. */
    private static void whole4x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
    }

    /** 5 positions × 1 vector of channels, whole vectors. */
    private static void whole5x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
        a40.intoArray(y, yo + 4 * ldy);
    }

    /** 6 positions × 1 vector of channels, whole vectors. */
    private static void whole6x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
        a40.intoArray(y, yo + 4 * ldy);
        a50.intoArray(y, yo + 5 * ldy);
    }

    /** 7 positions × 1 vector of channels, whole vectors. */
    private static void whole7x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
        a40.intoArray(y, yo + 4 * ldy);
        a50.intoArray(y, yo + 5 * ldy);
        a60.intoArray(y, yo + 6 * ldy);
    }

    /** 8 positions × 1 vector of channels, whole vectors. */
    private static void whole8x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
        a40.intoArray(y, yo + 4 * ldy);
        a50.intoArray(y, yo + 5 * ldy);
        a60.intoArray(y, yo + 6 * ldy);
        a70.intoArray(y, yo + 7 * ldy);
    }

    /** 9 positions × 1 vector of channels, whole vectors. */
    private static void whole9x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        DoubleVector a80 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            DoubleVector x8 = DoubleVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
        a40.intoArray(y, yo + 4 * ldy);
        a50.intoArray(y, yo + 5 * ldy);
        a60.intoArray(y, yo + 6 * ldy);
        a70.intoArray(y, yo + 7 * ldy);
        a80.intoArray(y, yo + 8 * ldy);
    }

    /** 10 positions × 1 vector of channels, whole vectors. */
    private static void whole10x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                  int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        DoubleVector a80 = DoubleVector.zero(S);
        DoubleVector a90 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            DoubleVector x8 = DoubleVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            DoubleVector x9 = DoubleVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
        a40.intoArray(y, yo + 4 * ldy);
        a50.intoArray(y, yo + 5 * ldy);
        a60.intoArray(y, yo + 6 * ldy);
        a70.intoArray(y, yo + 7 * ldy);
        a80.intoArray(y, yo + 8 * ldy);
        a90.intoArray(y, yo + 9 * ldy);
    }

    /** 11 positions × 1 vector of channels, whole vectors. */
    private static void whole11x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                  int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        DoubleVector a80 = DoubleVector.zero(S);
        DoubleVector a90 = DoubleVector.zero(S);
        DoubleVector a100 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            DoubleVector x8 = DoubleVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            DoubleVector x9 = DoubleVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
            DoubleVector x10 = DoubleVector.broadcast(S, x[s + 10]);
            a100 = x10.fma(w0, a100);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
        a40.intoArray(y, yo + 4 * ldy);
        a50.intoArray(y, yo + 5 * ldy);
        a60.intoArray(y, yo + 6 * ldy);
        a70.intoArray(y, yo + 7 * ldy);
        a80.intoArray(y, yo + 8 * ldy);
        a90.intoArray(y, yo + 9 * ldy);
        a100.intoArray(y, yo + 10 * ldy);
    }

    /** 12 positions × 1 vector of channels, whole vectors. */
    private static void whole12x1(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                  int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        DoubleVector a80 = DoubleVector.zero(S);
        DoubleVector a90 = DoubleVector.zero(S);
        DoubleVector a100 = DoubleVector.zero(S);
        DoubleVector a110 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            DoubleVector x6 = DoubleVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            DoubleVector x7 = DoubleVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            DoubleVector x8 = DoubleVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            DoubleVector x9 = DoubleVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
            DoubleVector x10 = DoubleVector.broadcast(S, x[s + 10]);
            a100 = x10.fma(w0, a100);
            DoubleVector x11 = DoubleVector.broadcast(S, x[s + 11]);
            a110 = x11.fma(w0, a110);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
        a40.intoArray(y, yo + 4 * ldy);
        a50.intoArray(y, yo + 5 * ldy);
        a60.intoArray(y, yo + 6 * ldy);
        a70.intoArray(y, yo + 7 * ldy);
        a80.intoArray(y, yo + 8 * ldy);
        a90.intoArray(y, yo + 9 * ldy);
        a100.intoArray(y, yo + 10 * ldy);
        a110.intoArray(y, yo + 11 * ldy);
    }

    /** r ≤ 6 positions × 2 vectors of channels, whole vectors. */
    private static void whole2(int r, double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                               int yo, int ldy) {
        switch (r) {
            case 1 -> whole1x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 2 -> whole2x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 3 -> whole3x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 4 -> whole4x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 5 -> whole5x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            case 6 -> whole6x2(w, wo, ldw, src, taps, x, xo, y, yo, ldy);
            default -> throw new IllegalArgumentException("convLanes: a block of " + r + " positions");
        }
    }

    /** 1 position × 2 vectors of channels, whole vectors. */
    private static void whole1x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
    }

    /** 2 positions × 2 vectors of channels, whole vectors. */
    private static void whole2x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L);
    }

    /** 3 positions × 2 vectors of channels, whole vectors. */
    private static void whole3x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L);
        a20.intoArray(y, yo + 2 * ldy);
        a21.intoArray(y, yo + 2 * ldy + L);
    }

    /** 4 positions × 2 vectors of channels, whole vectors. */
    private static void whole4x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L);
        a20.intoArray(y, yo + 2 * ldy);
        a21.intoArray(y, yo + 2 * ldy + L);
        a30.intoArray(y, yo + 3 * ldy);
        a31.intoArray(y, yo + 3 * ldy + L);
    }

    /** 5 positions × 2 vectors of channels, whole vectors. */
    private static void whole5x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a41 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            a41 = x4.fma(w1, a41);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L);
        a20.intoArray(y, yo + 2 * ldy);
        a21.intoArray(y, yo + 2 * ldy + L);
        a30.intoArray(y, yo + 3 * ldy);
        a31.intoArray(y, yo + 3 * ldy + L);
        a40.intoArray(y, yo + 4 * ldy);
        a41.intoArray(y, yo + 4 * ldy + L);
    }

    /** 6 positions × 2 vectors of channels, whole vectors. */
    private static void whole6x2(double[] w, int wo, int ldw, int[] src, int taps, double[] x, int xo, double[] y,
                                 int yo, int ldy) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a41 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a51 = DoubleVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            DoubleVector w0 = DoubleVector.fromArray(S, w, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, w, wk + L);
            DoubleVector x0 = DoubleVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            DoubleVector x1 = DoubleVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            DoubleVector x2 = DoubleVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            DoubleVector x3 = DoubleVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            DoubleVector x4 = DoubleVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            a41 = x4.fma(w1, a41);
            DoubleVector x5 = DoubleVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            a51 = x5.fma(w1, a51);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L);
        a20.intoArray(y, yo + 2 * ldy);
        a21.intoArray(y, yo + 2 * ldy + L);
        a30.intoArray(y, yo + 3 * ldy);
        a31.intoArray(y, yo + 3 * ldy + L);
        a40.intoArray(y, yo + 4 * ldy);
        a41.intoArray(y, yo + 4 * ldy + L);
        a50.intoArray(y, yo + 5 * ldy);
        a51.intoArray(y, yo + 5 * ldy + L);
    }

    /** The most taps a block of {@code convLanesDot} holds, by vectors of channels (1 or 2). */
    private static final int[] DOT_BLOCK = {0, 8, 4};

    /**
     * Each thread's home for the ≤ 8 vectors of sums of a weight-gradient block ({@code dotLanesRxV} of
     * {@code convLanesDot}, {@code dotCxT} of {@code convTapDot}) on their way into acc: a block stores its
     * accumulators here and {@link #addSums} or {@link #addLaneSums} adds them in double. A vector handed to a helper
     * that C2 does not inline is boxed (an object and an array per call); in a block of 8 accumulators the first
     * masked add in double spent C2's node budget ({@code NodeCountInliningCutoff}) and the other seven were such
     * calls. So no vector leaves its block.
     */
    private static final ThreadLocal<double[]> DOT_SUMS = ThreadLocal.withInitial(() -> new double[8 * L]);

    static void convLanesDot(double[] g, int gOff, int ldg, int outs, double[] x, int[] src, int taps, int rows,
                             int cols, int ldx, double[] acc, int accOff, int ldacc) {
        double[] t = DOT_SUMS.get();
        int up = wholeVectors(outs);                                    // rows padded to whole vectors: no masks
        boolean whole = ldg >= up && reaches(g.length, gOff, rows * cols, ldg, up);
        for (int o = 0; o < outs; o += 2 * L) {                         // groups of at most 2 vectors of channels
            int c = Math.min(2 * L, outs - o);
            int v = (c + L - 1) / L;
            int n = c - (v - 1) * L;                                    // lanes of the group's last vector
            int blocks = (taps + DOT_BLOCK[v] - 1) / DOT_BLOCK[v];
            for (int b = 0; b < blocks; b++) {                          // balanced blocks: no short latency-bound one
                int k0 = (int) ((long) taps * b / blocks);
                int r = (int) ((long) taps * (b + 1) / blocks) - k0;
                int at = accOff + k0 * ldacc + o;
                if (whole) {
                    if (v == 1) {
                        dotWhole1(r, g, gOff + o, ldg, x, src, k0, rows, cols, ldx, t);
                    } else {
                        dotWhole2(r, g, gOff + o, ldg, x, src, k0, rows, cols, ldx, t);
                    }
                } else if (v == 1) {
                    dotLanes1(r, g, gOff + o, ldg, x, src, k0, rows, cols, ldx, n, t);
                } else {
                    dotLanes2(r, g, gOff + o, ldg, x, src, k0, rows, cols, ldx, n, t);
                }
                addSums(t, r, v, n, acc, at, ldacc);
            }
        }
    }

    /**
     * acc[at + p·ldacc + j·L + i] += t[(p·V + j)·L + i] in double for p &lt; r, j &lt; V and i &lt; L (i &lt; n in
     * the last vector): a block's sums, as {@code dotLanesRxV} left them in t.
     */
    private static void addSums(double[] t, int r, int v, int n, double[] acc, int at, int ldacc) {
        for (int p = 0; p < r; p++) {
            for (int j = 0; j < v; j++) {
                addLanes(t, (p * v + j) * L, acc, at + p * ldacc + j * L, j == v - 1 ? n : L);
            }
        }
    }

    /** Adds t[to..to + n) to acc[at..at + n) in double (masked vector adds, no lane-by-lane extraction). */
    private static void addLanes(double[] t, int to, double[] acc, int at, int n) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector.fromArray(S, acc, at, m).add(DoubleVector.fromArray(S, t, to)).intoArray(acc, at, m);
    }

    // The blocks dotLanesRxV (R taps, V = 1 or 2 vectors of channels, the last masked to n lanes; each stores its
    // sums whole into t), their twins dotWholeRxV for rows padded to whole vectors, and their switches dotLanes1,
    // dotLanes2, dotWhole1 and dotWhole2 are written by Codegen.ConvLaneBlocks.

    /** r ≤ 8 taps × 1 vector of channels. */
    private static void dotLanes1(int r, double[] g, int go, int ldg, double[] x, int[] src, int k,
                                  int rows, int cols, int ldx, int n, double[] t) {
        switch (r) {
            case 1 -> dotLanes1x1(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 2 -> dotLanes2x1(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 3 -> dotLanes3x1(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 4 -> dotLanes4x1(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 5 -> dotLanes5x1(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 6 -> dotLanes6x1(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 7 -> dotLanes7x1(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 8 -> dotLanes8x1(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            default -> throw new IllegalArgumentException("convLanesDot: a block of " + r + " taps");
        }
    }

    /** 1 tap × 1 vector of channels. */
    private static void dotLanes1x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
            }
        }
        a00.intoArray(t, 0);
    }

    /** 2 taps × 1 vector of channels. */
    private static void dotLanes2x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
    }

    /** 3 taps × 1 vector of channels. */
    private static void dotLanes3x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
    }

    /** 4 taps × 1 vector of channels. */
    private static void dotLanes4x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
    }

    /** 5 taps × 1 vector of channels. */
    private static void dotLanes5x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                DoubleVector x4 = DoubleVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
        a40.intoArray(t, 4 * L);
    }

    /** 6 taps × 1 vector of channels. */
    private static void dotLanes6x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int s5 = src[k + 5] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                DoubleVector x4 = DoubleVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                DoubleVector x5 = DoubleVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
        a40.intoArray(t, 4 * L);
        a50.intoArray(t, 5 * L);
    }

    /** 7 taps × 1 vector of channels. */
    private static void dotLanes7x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int s5 = src[k + 5] + row * ldx;
            int s6 = src[k + 6] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                DoubleVector x4 = DoubleVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                DoubleVector x5 = DoubleVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
                DoubleVector x6 = DoubleVector.broadcast(S, x[s6 + q]);
                a60 = x6.fma(g0, a60);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
        a40.intoArray(t, 4 * L);
        a50.intoArray(t, 5 * L);
        a60.intoArray(t, 6 * L);
    }

    /** 8 taps × 1 vector of channels. */
    private static void dotLanes8x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int s5 = src[k + 5] + row * ldx;
            int s6 = src[k + 6] + row * ldx;
            int s7 = src[k + 7] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                DoubleVector x4 = DoubleVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                DoubleVector x5 = DoubleVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
                DoubleVector x6 = DoubleVector.broadcast(S, x[s6 + q]);
                a60 = x6.fma(g0, a60);
                DoubleVector x7 = DoubleVector.broadcast(S, x[s7 + q]);
                a70 = x7.fma(g0, a70);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
        a40.intoArray(t, 4 * L);
        a50.intoArray(t, 5 * L);
        a60.intoArray(t, 6 * L);
        a70.intoArray(t, 7 * L);
    }

    /** r ≤ 4 taps × 2 vectors of channels. */
    private static void dotLanes2(int r, double[] g, int go, int ldg, double[] x, int[] src, int k,
                                  int rows, int cols, int ldx, int n, double[] t) {
        switch (r) {
            case 1 -> dotLanes1x2(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 2 -> dotLanes2x2(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 3 -> dotLanes3x2(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 4 -> dotLanes4x2(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            default -> throw new IllegalArgumentException("convLanesDot: a block of " + r + " taps");
        }
    }

    /** 1 tap × 2 vectors of channels. */
    private static void dotLanes1x2(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector g1 = DoubleVector.fromArray(S, g, gq + L, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
    }

    /** 2 taps × 2 vectors of channels. */
    private static void dotLanes2x2(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector g1 = DoubleVector.fromArray(S, g, gq + L, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
        a10.intoArray(t, 2 * L);
        a11.intoArray(t, 3 * L);
    }

    /** 3 taps × 2 vectors of channels. */
    private static void dotLanes3x2(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector g1 = DoubleVector.fromArray(S, g, gq + L, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                a21 = x2.fma(g1, a21);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
        a10.intoArray(t, 2 * L);
        a11.intoArray(t, 3 * L);
        a20.intoArray(t, 4 * L);
        a21.intoArray(t, 5 * L);
    }

    /** 4 taps × 2 vectors of channels. */
    private static void dotLanes4x2(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, double[] t) {
        VectorMask<Double> m = S.indexInRange(0, n);
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector g1 = DoubleVector.fromArray(S, g, gq + L, m);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                a21 = x2.fma(g1, a21);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                a31 = x3.fma(g1, a31);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
        a10.intoArray(t, 2 * L);
        a11.intoArray(t, 3 * L);
        a20.intoArray(t, 4 * L);
        a21.intoArray(t, 5 * L);
        a30.intoArray(t, 6 * L);
        a31.intoArray(t, 7 * L);
    }

    /** r ≤ 8 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole1(int r, double[] g, int go, int ldg, double[] x, int[] src, int k,
                                  int rows, int cols, int ldx, double[] t) {
        switch (r) {
            case 1 -> dotWhole1x1(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 2 -> dotWhole2x1(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 3 -> dotWhole3x1(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 4 -> dotWhole4x1(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 5 -> dotWhole5x1(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 6 -> dotWhole6x1(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 7 -> dotWhole7x1(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 8 -> dotWhole8x1(g, go, ldg, x, src, k, rows, cols, ldx, t);
            default -> throw new IllegalArgumentException("convLanesDot: a block of " + r + " taps");
        }
    }

    /** 1 tap × 1 vector of channels, whole vectors. */
    private static void dotWhole1x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
            }
        }
        a00.intoArray(t, 0);
    }

    /** 2 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole2x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
    }

    /** 3 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole3x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
    }

    /** 4 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole4x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
    }

    /** 5 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole5x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                DoubleVector x4 = DoubleVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
        a40.intoArray(t, 4 * L);
    }

    /** 6 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole6x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int s5 = src[k + 5] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                DoubleVector x4 = DoubleVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                DoubleVector x5 = DoubleVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
        a40.intoArray(t, 4 * L);
        a50.intoArray(t, 5 * L);
    }

    /** 7 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole7x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int s5 = src[k + 5] + row * ldx;
            int s6 = src[k + 6] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                DoubleVector x4 = DoubleVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                DoubleVector x5 = DoubleVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
                DoubleVector x6 = DoubleVector.broadcast(S, x[s6 + q]);
                a60 = x6.fma(g0, a60);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
        a40.intoArray(t, 4 * L);
        a50.intoArray(t, 5 * L);
        a60.intoArray(t, 6 * L);
    }

    /** 8 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole8x1(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a40 = DoubleVector.zero(S);
        DoubleVector a50 = DoubleVector.zero(S);
        DoubleVector a60 = DoubleVector.zero(S);
        DoubleVector a70 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int s5 = src[k + 5] + row * ldx;
            int s6 = src[k + 6] + row * ldx;
            int s7 = src[k + 7] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                DoubleVector x4 = DoubleVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                DoubleVector x5 = DoubleVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
                DoubleVector x6 = DoubleVector.broadcast(S, x[s6 + q]);
                a60 = x6.fma(g0, a60);
                DoubleVector x7 = DoubleVector.broadcast(S, x[s7 + q]);
                a70 = x7.fma(g0, a70);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
        a40.intoArray(t, 4 * L);
        a50.intoArray(t, 5 * L);
        a60.intoArray(t, 6 * L);
        a70.intoArray(t, 7 * L);
    }

    /** r ≤ 4 taps × 2 vectors of channels, whole vectors. */
    private static void dotWhole2(int r, double[] g, int go, int ldg, double[] x, int[] src, int k,
                                  int rows, int cols, int ldx, double[] t) {
        switch (r) {
            case 1 -> dotWhole1x2(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 2 -> dotWhole2x2(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 3 -> dotWhole3x2(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 4 -> dotWhole4x2(g, go, ldg, x, src, k, rows, cols, ldx, t);
            default -> throw new IllegalArgumentException("convLanesDot: a block of " + r + " taps");
        }
    }

    /** 1 tap × 2 vectors of channels, whole vectors. */
    private static void dotWhole1x2(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector g1 = DoubleVector.fromArray(S, g, gq + L);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
    }

    /** 2 taps × 2 vectors of channels, whole vectors. */
    private static void dotWhole2x2(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector g1 = DoubleVector.fromArray(S, g, gq + L);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
        a10.intoArray(t, 2 * L);
        a11.intoArray(t, 3 * L);
    }

    /** 3 taps × 2 vectors of channels, whole vectors. */
    private static void dotWhole3x2(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector g1 = DoubleVector.fromArray(S, g, gq + L);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                a21 = x2.fma(g1, a21);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
        a10.intoArray(t, 2 * L);
        a11.intoArray(t, 3 * L);
        a20.intoArray(t, 4 * L);
        a21.intoArray(t, 5 * L);
    }

    /** 4 taps × 2 vectors of channels, whole vectors. */
    private static void dotWhole4x2(double[] g, int go, int ldg, double[] x, int[] src, int k,
                                    int rows, int cols, int ldx, double[] t) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                DoubleVector g0 = DoubleVector.fromArray(S, g, gq);
                DoubleVector g1 = DoubleVector.fromArray(S, g, gq + L);
                DoubleVector x0 = DoubleVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                DoubleVector x1 = DoubleVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                DoubleVector x2 = DoubleVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                a21 = x2.fma(g1, a21);
                DoubleVector x3 = DoubleVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                a31 = x3.fma(g1, a31);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
        a10.intoArray(t, 2 * L);
        a11.intoArray(t, 3 * L);
        a20.intoArray(t, 4 * L);
        a21.intoArray(t, 5 * L);
        a30.intoArray(t, 6 * L);
        a31.intoArray(t, 7 * L);
    }

    static void convTapDot(double[] g, int gOff, int ldgo, int ldg, int outs, double[] x, int[] src, int taps,
                           int ldx, int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff,
                           int ldacc) {
        double[] sums = DOT_SUMS.get();
        int o = 0;
        for (; o + 2 <= outs; o += 2) {
            int go = gOff + o * ldgo;
            int at = accOff + o * ldacc;
            int k = 0;
            for (; k + 4 <= taps; k += 4) {                             // 2 + 4 loads feed 8 FMA chains
                dot2x4(g, go, ldgo, x, src[k], src[k + 1], src[k + 2], src[k + 3], rows, len, images, ldg, ldx,
                        ldgn, ldxn, sums);
                addLaneSums(sums, 2, 4, acc, at + k, ldacc);
            }
            for (; k < taps; k++) {
                dot2x1(g, go, ldgo, x, src[k], rows, len, images, ldg, ldx, ldgn, ldxn, sums);
                addLaneSums(sums, 2, 1, acc, at + k, ldacc);
            }
        }
        if (o < outs) {                                                 // one channel left: 1 + 4 loads, 4 FMAs
            int go = gOff + o * ldgo;
            int at = accOff + o * ldacc;
            int k = 0;
            for (; k + 4 <= taps; k += 4) {
                dot1x4(g, go, x, src[k], src[k + 1], src[k + 2], src[k + 3], rows, len, images, ldg, ldx, ldgn,
                        ldxn, sums);
                addLaneSums(sums, 1, 4, acc, at + k, 0);
            }
            for (; k < taps; k++) {
                dot1x1(g, go, x, src[k], rows, len, images, ldg, ldx, ldgn, ldxn, sums);
                addLaneSums(sums, 1, 1, acc, at + k, 0);
            }
        }
    }

    /**
     * acc[at + c·ldacc + p] += the lanes of t[(4c + p)·L ...] summed in order from lane 0 (as
     * {@code ReduceSimdF64.sumLanes}), for c &lt; channels and p &lt; taps: a {@code dotCxT} block's sums.
     */
    private static void addLaneSums(double[] t, int channels, int taps, double[] acc, int at, int ldacc) {
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < taps; p++) {
                int to = (4 * c + p) * L;
                double sum = t[to];
                for (int i = 1; i < L; i++) {
                    sum += t[to + i];
                }
                acc[at + c * ldacc + p] += sum;
            }
        }
    }

    private static void dot2x4(double[] g, int go, int ldgo, double[] x, int s0, int s1, int s2, int s3, int rows,
                               int len, int images, int ldg, int ldx, int ldgn, int ldxn, double[] sums) {
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
        a0.intoArray(sums, 0);
        a1.intoArray(sums, L);
        a2.intoArray(sums, 2 * L);
        a3.intoArray(sums, 3 * L);
        b0.intoArray(sums, 4 * L);
        b1.intoArray(sums, 5 * L);
        b2.intoArray(sums, 6 * L);
        b3.intoArray(sums, 7 * L);
    }

    private static void dot2x1(double[] g, int go, int ldgo, double[] x, int s0, int rows, int len, int images,
                               int ldg, int ldx, int ldgn, int ldxn, double[] sums) {
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
        a0.intoArray(sums, 0);
        b0.intoArray(sums, 4 * L);
    }

    private static void dot1x4(double[] g, int go, double[] x, int s0, int s1, int s2, int s3, int rows, int len,
                               int images, int ldg, int ldx, int ldgn, int ldxn, double[] sums) {
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
        a0.intoArray(sums, 0);
        a1.intoArray(sums, L);
        a2.intoArray(sums, 2 * L);
        a3.intoArray(sums, 3 * L);
    }

    private static void dot1x1(double[] g, int go, double[] x, int s0, int rows, int len, int images, int ldg,
                               int ldx, int ldgn, int ldxn, double[] sums) {
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
        a0.intoArray(sums, 0);
    }

    // ------------------------------------------------------------------ a strided im2col's rows
    // At column stride 2 (a ResNet stage's first 3×3 convolution) each vector of L outputs reads 2·L contiguous input
    // elements: two loads and one two-vector permute of the even lanes, where a gather checks and fetches L lanes
    // one by one. The row's padding comes from the loads' masks (masked-off lanes read 0), so a block whose taps
    // all fall inside runs unmasked; the masks are built once per block of columns and serve every row.

    private static final ScalarElementwise REF_EW = new ScalarElementwise();
    // The permutations are index vectors for selectFrom(a, b), which reads (a, b) as one 2·L-lane vector: one
    // two-table permute (vpermt2ps on AVX-512). A two-vector rearrange(shuffle, b) is two one-vector permutes and a
    // blend under the shuffle's valid-lane mask, and some compiles leave it to its Java fallback.
    /** Lane k ← lane 2k of (a, b): the even elements of 2·L contiguous ones. */
    private static final DoubleVector EVEN = DoubleVector.fromArray(S, indexes(i -> 2 * i), 0);
    /** Lane k ← lane 2k + 1 of (a, b): the odd elements. */
    private static final DoubleVector ODD = DoubleVector.fromArray(S, indexes(i -> 2 * i + 1), 0);
    /** Lane 2k ← lane k of e, lane 2k + 1 ← lane k of o (ZIP_LOW.selectFrom(e, o)): the low halves interleaved. */
    private static final DoubleVector ZIP_LOW = DoubleVector.fromArray(S, indexes(i -> i % 2 == 0 ? i / 2 : L + i / 2), 0);
    /** The high halves interleaved. */
    private static final DoubleVector ZIP_HIGH = DoubleVector.fromArray(S,
            indexes(i -> i % 2 == 0 ? L / 2 + i / 2 : L + L / 2 + i / 2), 0);

    /** The lanes of an index vector: lane i holds f(i). */
    private static double[] indexes(IntUnaryOperator f) {
        double[] t = new double[L];
        for (int i = 0; i < L; i++) {
            t[i] = f.applyAsInt(i);
        }
        return t;
    }

    static void stridedRows(double[] x, int xOff, int ldx, int cs, int lo, int hi, double[] y, int yOff, int ldy,
                            int len, int rows) {
        if (cs != 2 || L < 2) {                                            // other strides: the gather or reference
            REF_EW.stridedRows(x, xOff, ldx, cs, lo, hi, y, yOff, ldy, len, rows);
            return;
        }
        int span = 2 * (hi - lo) - 1;                                     // input elements from output lo's to hi−1's
        for (int t0 = 0; t0 < len; t0 += L) {
            int xb = xOff + 2 * t0;
            int yb = yOff + t0;
            if (t0 >= lo && t0 + L < hi) {                                 // every lane inside, and the b load too
                for (int r = 0; r < rows; r++) {
                    DoubleVector a = DoubleVector.fromArray(S, x, xb + r * ldx);
                    DoubleVector b = DoubleVector.fromArray(S, x, xb + r * ldx + L);
                    EVEN.selectFrom(a, b).intoArray(y, yb + r * ldy);
                }
                continue;
            }
            VectorMask<Double> ms = S.indexInRange(t0, len);
            if (hi <= lo) {
                for (int r = 0; r < rows; r++) {
                    DoubleVector.zero(S).intoArray(y, yb + r * ldy, ms);
                }
                continue;
            }
            VectorMask<Double> ma = S.indexInRange(2 * (t0 - lo), span);
            VectorMask<Double> mb = S.indexInRange(2 * (t0 - lo) + L, span);
            for (int r = 0; r < rows; r++) {
                DoubleVector a = DoubleVector.fromArray(S, x, xb + r * ldx, ma);
                DoubleVector b = DoubleVector.fromArray(S, x, xb + r * ldx + L, mb);
                EVEN.selectFrom(a, b).intoArray(y, yb + r * ldy, ms);
            }
        }
    }

    // The adjoint at column stride 2, one kernel row's taps at once: each x row is split into its even and odd
    // columns (two loads, two permutes), every tap then adds one contiguous (masked) vector of y to the phase its
    // column offset falls on, and the row is interleaved back and stored once. One load and one store of x per
    // vector for all the taps: a tap at a time, each tap's masked stores were read back by the next tap's loads.

    static void stridedTapsAdd(double[] y, int yOff, int ldy, int ldt, int taps, int[] lo, int[] hi, int[] shift,
                               double[] x, int xOff, int ldx, int cs, int width, int rows) {
        if (cs != 2 || L < 2) {
            REF_EW.stridedTapsAdd(y, yOff, ldy, ldt, taps, lo, hi, shift, x, xOff, ldx, cs, width, rows);
            return;
        }
        for (int m0 = 0; 2 * m0 < width; m0 += L) {                         // x columns [2·m0, 2·m0 + 2·L)
            VectorMask<Double> ma = S.indexInRange(2 * m0, width);
            VectorMask<Double> mb = S.indexInRange(2 * m0 + L, width);
            for (int r = 0; r < rows; r++) {
                int xr = xOff + r * ldx + 2 * m0;
                DoubleVector a = DoubleVector.fromArray(S, x, xr, ma);
                DoubleVector b = DoubleVector.fromArray(S, x, xr + L, mb);
                DoubleVector even = EVEN.selectFrom(a, b);
                DoubleVector odd = ODD.selectFrom(a, b);
                for (int j = 0; j < taps; j++) {
                    if (hi[j] <= lo[j]) {
                        continue;
                    }
                    int u = Math.floorDiv(shift[j], 2);                  // column 2·t + shift = 2·(t + u) + phase
                    VectorMask<Double> m = S.indexInRange(m0 - u - lo[j], hi[j] - lo[j]);
                    DoubleVector g = DoubleVector.fromArray(S, y, yOff + j * ldt + r * ldy + m0 - u, m);
                    if ((shift[j] & 1) == 0) {                      // a blend of the sum: a masked lanewise ADD
                        even = even.blend(even.add(g), m);             // is left to its Java fallback by some compiles
                    } else {
                        odd = odd.blend(odd.add(g), m);
                    }
                }
                ZIP_LOW.selectFrom(even, odd).intoArray(x, xr, ma);
                ZIP_HIGH.selectFrom(even, odd).intoArray(x, xr + L, mb);
            }
        }
    }
}
