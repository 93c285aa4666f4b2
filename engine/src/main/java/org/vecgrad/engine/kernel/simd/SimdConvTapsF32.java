// Generated from engine/src/main/templates/org/vecgrad/engine/kernel/simd/SimdConvTaps-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.engine.kernel.simd;

import java.util.function.IntUnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vecgrad.engine.kernel.scalar.ScalarElementwise;

/**
 * The F32 register-blocked kernels of the direct convolution, {@code convTaps}, {@code convLanes} and
 * {@code convTapDot} (their contracts are in {@link org.vecgrad.engine.kernel.ElementwiseKernels} and
 * {@link org.vecgrad.engine.kernel.ReductionKernels}). The forward holds 4 output channels × 3 vectors of positions
 * in registers (then 3 or 2 channels for the rest): per tap 3 loads of the input and 4 broadcast weights feed 12
 * independent FMA chains (the depthwise
 * {@code tapAxpy} needs one load and one broadcast per FMA). The weight gradient holds 2 output channels × 4 taps:
 * per vector of positions 2 loads of the output gradient and 4 of the input feed 8 FMA chains, over all the
 * images of the call before the lanes are summed (a lane sum costs about as much as a row of FMAs). A single
 * leftover channel of the forward runs on {@code SimdTapsF32.tapAxpy}. {@code convLanes} turns the forward around
 * for few output channels (oneDNN's blocked-channel layout): the channels are the lanes of 1 or 2 vectors, and a block
 * of up to 12 (one vector) or 6 (two) positions of a row is in registers, so per tap 1 or 2 weight loads and 12 or 6
 * broadcast inputs feed 12 FMA chains, with no scratch columns and no masked tail of positions. Generated with its
 * twin from {@code SimdConvTaps-X.java.template}.
 */
final class SimdConvTapsF32 {
    private static final VectorSpecies<Float> S = SimdSpecies.F;
    private static final int L = S.length();

    private SimdConvTapsF32() {
    }

    static void convTaps(float[] w, int wOff, int ldw, int outs, int[] src, int taps, float[] x, float[] y,
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
            SimdTapsF32.tapAxpy(w, wOff + o * ldw, src, taps, x, 0, 1, y, yOff + o * ldy, 0, 1, len);
        }
    }

    // As in SimdTaps: each loop in its own small method that creates its masks itself, so C2 inlines every vector
    // operation. The blocks fwdRx3 and fwdRx1 (R = 4, 3, 2) are written by Codegen.ConvTapBlocks.

    /** 4 channels × 3 vectors. */
    private static void fwd4x3(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                               int yo, int ldy) {
        int y1 = yo + ldy;
        int y2 = y1 + ldy;
        int y3 = y2 + ldy;
        FloatVector a00 = FloatVector.fromArray(S, y, yo);
        FloatVector a01 = FloatVector.fromArray(S, y, yo + L);
        FloatVector a02 = FloatVector.fromArray(S, y, yo + 2 * L);
        FloatVector a10 = FloatVector.fromArray(S, y, y1);
        FloatVector a11 = FloatVector.fromArray(S, y, y1 + L);
        FloatVector a12 = FloatVector.fromArray(S, y, y1 + 2 * L);
        FloatVector a20 = FloatVector.fromArray(S, y, y2);
        FloatVector a21 = FloatVector.fromArray(S, y, y2 + L);
        FloatVector a22 = FloatVector.fromArray(S, y, y2 + 2 * L);
        FloatVector a30 = FloatVector.fromArray(S, y, y3);
        FloatVector a31 = FloatVector.fromArray(S, y, y3 + L);
        FloatVector a32 = FloatVector.fromArray(S, y, y3 + 2 * L);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            FloatVector x0 = FloatVector.fromArray(S, x, s);
            FloatVector x1 = FloatVector.fromArray(S, x, s + L);
            FloatVector x2 = FloatVector.fromArray(S, x, s + 2 * L);
            FloatVector w0 = FloatVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            a01 = x1.fma(w0, a01);
            a02 = x2.fma(w0, a02);
            FloatVector w1 = FloatVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
            a11 = x1.fma(w1, a11);
            a12 = x2.fma(w1, a12);
            FloatVector w2 = FloatVector.broadcast(S, w[wo + 2 * ldw + k]);
            a20 = x0.fma(w2, a20);
            a21 = x1.fma(w2, a21);
            a22 = x2.fma(w2, a22);
            FloatVector w3 = FloatVector.broadcast(S, w[wo + 3 * ldw + k]);
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
    private static void fwd4x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                               int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        int y1 = yo + ldy;
        int y2 = y1 + ldy;
        int y3 = y2 + ldy;
        FloatVector a00 = FloatVector.fromArray(S, y, yo, m);
        FloatVector a10 = FloatVector.fromArray(S, y, y1, m);
        FloatVector a20 = FloatVector.fromArray(S, y, y2, m);
        FloatVector a30 = FloatVector.fromArray(S, y, y3, m);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            FloatVector x0 = FloatVector.fromArray(S, x, s, m);
            FloatVector w0 = FloatVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            FloatVector w1 = FloatVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
            FloatVector w2 = FloatVector.broadcast(S, w[wo + 2 * ldw + k]);
            a20 = x0.fma(w2, a20);
            FloatVector w3 = FloatVector.broadcast(S, w[wo + 3 * ldw + k]);
            a30 = x0.fma(w3, a30);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, y1, m);
        a20.intoArray(y, y2, m);
        a30.intoArray(y, y3, m);
    }

    /** 3 channels × 3 vectors. */
    private static void fwd3x3(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                               int yo, int ldy) {
        int y1 = yo + ldy;
        int y2 = y1 + ldy;
        FloatVector a00 = FloatVector.fromArray(S, y, yo);
        FloatVector a01 = FloatVector.fromArray(S, y, yo + L);
        FloatVector a02 = FloatVector.fromArray(S, y, yo + 2 * L);
        FloatVector a10 = FloatVector.fromArray(S, y, y1);
        FloatVector a11 = FloatVector.fromArray(S, y, y1 + L);
        FloatVector a12 = FloatVector.fromArray(S, y, y1 + 2 * L);
        FloatVector a20 = FloatVector.fromArray(S, y, y2);
        FloatVector a21 = FloatVector.fromArray(S, y, y2 + L);
        FloatVector a22 = FloatVector.fromArray(S, y, y2 + 2 * L);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            FloatVector x0 = FloatVector.fromArray(S, x, s);
            FloatVector x1 = FloatVector.fromArray(S, x, s + L);
            FloatVector x2 = FloatVector.fromArray(S, x, s + 2 * L);
            FloatVector w0 = FloatVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            a01 = x1.fma(w0, a01);
            a02 = x2.fma(w0, a02);
            FloatVector w1 = FloatVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
            a11 = x1.fma(w1, a11);
            a12 = x2.fma(w1, a12);
            FloatVector w2 = FloatVector.broadcast(S, w[wo + 2 * ldw + k]);
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
    private static void fwd3x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                               int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        int y1 = yo + ldy;
        int y2 = y1 + ldy;
        FloatVector a00 = FloatVector.fromArray(S, y, yo, m);
        FloatVector a10 = FloatVector.fromArray(S, y, y1, m);
        FloatVector a20 = FloatVector.fromArray(S, y, y2, m);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            FloatVector x0 = FloatVector.fromArray(S, x, s, m);
            FloatVector w0 = FloatVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            FloatVector w1 = FloatVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
            FloatVector w2 = FloatVector.broadcast(S, w[wo + 2 * ldw + k]);
            a20 = x0.fma(w2, a20);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, y1, m);
        a20.intoArray(y, y2, m);
    }

    /** 2 channels × 3 vectors. */
    private static void fwd2x3(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                               int yo, int ldy) {
        int y1 = yo + ldy;
        FloatVector a00 = FloatVector.fromArray(S, y, yo);
        FloatVector a01 = FloatVector.fromArray(S, y, yo + L);
        FloatVector a02 = FloatVector.fromArray(S, y, yo + 2 * L);
        FloatVector a10 = FloatVector.fromArray(S, y, y1);
        FloatVector a11 = FloatVector.fromArray(S, y, y1 + L);
        FloatVector a12 = FloatVector.fromArray(S, y, y1 + 2 * L);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            FloatVector x0 = FloatVector.fromArray(S, x, s);
            FloatVector x1 = FloatVector.fromArray(S, x, s + L);
            FloatVector x2 = FloatVector.fromArray(S, x, s + 2 * L);
            FloatVector w0 = FloatVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            a01 = x1.fma(w0, a01);
            a02 = x2.fma(w0, a02);
            FloatVector w1 = FloatVector.broadcast(S, w[wo + ldw + k]);
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
    private static void fwd2x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                               int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        int y1 = yo + ldy;
        FloatVector a00 = FloatVector.fromArray(S, y, yo, m);
        FloatVector a10 = FloatVector.fromArray(S, y, y1, m);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            FloatVector x0 = FloatVector.fromArray(S, x, s, m);
            FloatVector w0 = FloatVector.broadcast(S, w[wo + k]);
            a00 = x0.fma(w0, a00);
            FloatVector w1 = FloatVector.broadcast(S, w[wo + ldw + k]);
            a10 = x0.fma(w1, a10);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, y1, m);
    }

    /** The most positions a block of {@code convLanes} holds, by vectors of channels (1 or 2). */
    private static final int[] LANE_BLOCK = {0, 12, 6};

    static void convLanes(float[] w, int wOff, int ldw, int outs, int[] src, int taps, float[] x, int xo,
                          int count, float[] y, int yOff, int ldy) {
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
    private static void lanes1(int r, float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
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
    private static void lanes1x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
        }
        a00.intoArray(y, yo, m);
    }

    /** 2 positions × 1 vector of channels. */
    private static void lanes2x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
    }

    /** 3 positions × 1 vector of channels. */
    private static void lanes3x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
    }

    /** 4 positions × 1 vector of channels. */
    private static void lanes4x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
    }

    /** 5 positions × 1 vector of channels. */
    private static void lanes5x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
        }
        a00.intoArray(y, yo, m);
        a10.intoArray(y, yo + ldy, m);
        a20.intoArray(y, yo + 2 * ldy, m);
        a30.intoArray(y, yo + 3 * ldy, m);
        a40.intoArray(y, yo + 4 * ldy, m);
    }

    /** 6 positions × 1 vector of channels. */
    private static void lanes6x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
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
    private static void lanes7x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
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
    private static void lanes8x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
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
    private static void lanes9x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        FloatVector a80 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            FloatVector x8 = FloatVector.broadcast(S, x[s + 8]);
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
    private static void lanes10x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                  int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        FloatVector a80 = FloatVector.zero(S);
        FloatVector a90 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            FloatVector x8 = FloatVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            FloatVector x9 = FloatVector.broadcast(S, x[s + 9]);
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
    private static void lanes11x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                  int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        FloatVector a80 = FloatVector.zero(S);
        FloatVector a90 = FloatVector.zero(S);
        FloatVector a100 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            FloatVector x8 = FloatVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            FloatVector x9 = FloatVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
            FloatVector x10 = FloatVector.broadcast(S, x[s + 10]);
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
    private static void lanes12x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                  int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        FloatVector a80 = FloatVector.zero(S);
        FloatVector a90 = FloatVector.zero(S);
        FloatVector a100 = FloatVector.zero(S);
        FloatVector a110 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            FloatVector x8 = FloatVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            FloatVector x9 = FloatVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
            FloatVector x10 = FloatVector.broadcast(S, x[s + 10]);
            a100 = x10.fma(w0, a100);
            FloatVector x11 = FloatVector.broadcast(S, x[s + 11]);
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
    private static void lanes2(int r, float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
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
    private static void lanes1x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L, m);
    }

    /** 2 positions × 2 vectors of channels. */
    private static void lanes2x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L, m);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L, m);
    }

    /** 3 positions × 2 vectors of channels. */
    private static void lanes3x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
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
    private static void lanes4x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
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
    private static void lanes5x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a41 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
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
    private static void lanes6x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy, int n) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a41 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a51 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L, m);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            a41 = x4.fma(w1, a41);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
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
    private static void whole1(int r, float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
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
    private static void whole1x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
        }
        a00.intoArray(y, yo);
    }

    /** 2 positions × 1 vector of channels, whole vectors. */
    private static void whole2x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
    }

    /** 3 positions × 1 vector of channels, whole vectors. */
    private static void whole3x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
    }

    /** 4 positions × 1 vector of channels, whole vectors. */
    private static void whole4x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
    }

    /** 5 positions × 1 vector of channels, whole vectors. */
    private static void whole5x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
        }
        a00.intoArray(y, yo);
        a10.intoArray(y, yo + ldy);
        a20.intoArray(y, yo + 2 * ldy);
        a30.intoArray(y, yo + 3 * ldy);
        a40.intoArray(y, yo + 4 * ldy);
    }

    /** 6 positions × 1 vector of channels, whole vectors. */
    private static void whole6x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
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
    private static void whole7x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
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
    private static void whole8x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
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
    private static void whole9x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        FloatVector a80 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            FloatVector x8 = FloatVector.broadcast(S, x[s + 8]);
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
    private static void whole10x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                  int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        FloatVector a80 = FloatVector.zero(S);
        FloatVector a90 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            FloatVector x8 = FloatVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            FloatVector x9 = FloatVector.broadcast(S, x[s + 9]);
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
    private static void whole11x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                  int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        FloatVector a80 = FloatVector.zero(S);
        FloatVector a90 = FloatVector.zero(S);
        FloatVector a100 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            FloatVector x8 = FloatVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            FloatVector x9 = FloatVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
            FloatVector x10 = FloatVector.broadcast(S, x[s + 10]);
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
    private static void whole12x1(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                  int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        FloatVector a80 = FloatVector.zero(S);
        FloatVector a90 = FloatVector.zero(S);
        FloatVector a100 = FloatVector.zero(S);
        FloatVector a110 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
            a50 = x5.fma(w0, a50);
            FloatVector x6 = FloatVector.broadcast(S, x[s + 6]);
            a60 = x6.fma(w0, a60);
            FloatVector x7 = FloatVector.broadcast(S, x[s + 7]);
            a70 = x7.fma(w0, a70);
            FloatVector x8 = FloatVector.broadcast(S, x[s + 8]);
            a80 = x8.fma(w0, a80);
            FloatVector x9 = FloatVector.broadcast(S, x[s + 9]);
            a90 = x9.fma(w0, a90);
            FloatVector x10 = FloatVector.broadcast(S, x[s + 10]);
            a100 = x10.fma(w0, a100);
            FloatVector x11 = FloatVector.broadcast(S, x[s + 11]);
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
    private static void whole2(int r, float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
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
    private static void whole1x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
    }

    /** 2 positions × 2 vectors of channels, whole vectors. */
    private static void whole2x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
        }
        a00.intoArray(y, yo);
        a01.intoArray(y, yo + L);
        a10.intoArray(y, yo + ldy);
        a11.intoArray(y, yo + ldy + L);
    }

    /** 3 positions × 2 vectors of channels, whole vectors. */
    private static void whole3x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
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
    private static void whole4x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
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
    private static void whole5x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a41 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
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
    private static void whole6x2(float[] w, int wo, int ldw, int[] src, int taps, float[] x, int xo, float[] y,
                                 int yo, int ldy) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a41 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a51 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int s = src[k] + xo;
            int wk = wo + k * ldw;
            FloatVector w0 = FloatVector.fromArray(S, w, wk);
            FloatVector w1 = FloatVector.fromArray(S, w, wk + L);
            FloatVector x0 = FloatVector.broadcast(S, x[s]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            FloatVector x1 = FloatVector.broadcast(S, x[s + 1]);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            FloatVector x2 = FloatVector.broadcast(S, x[s + 2]);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            FloatVector x3 = FloatVector.broadcast(S, x[s + 3]);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
            FloatVector x4 = FloatVector.broadcast(S, x[s + 4]);
            a40 = x4.fma(w0, a40);
            a41 = x4.fma(w1, a41);
            FloatVector x5 = FloatVector.broadcast(S, x[s + 5]);
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
    private static final ThreadLocal<float[]> DOT_SUMS = ThreadLocal.withInitial(() -> new float[8 * L]);

    static void convLanesDot(float[] g, int gOff, int ldg, int outs, float[] x, int[] src, int taps, int rows,
                             int cols, int ldx, double[] acc, int accOff, int ldacc) {
        float[] t = DOT_SUMS.get();
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
    private static void addSums(float[] t, int r, int v, int n, double[] acc, int at, int ldacc) {
        for (int p = 0; p < r; p++) {
            for (int j = 0; j < v; j++) {
                addLanes(t, (p * v + j) * L, acc, at + p * ldacc + j * L, j == v - 1 ? n : L);
            }
        }
    }

    /** Adds t[to..to + n) to acc[at..at + n) in double (masked vector adds, no lane-by-lane extraction). */
    private static void addLanes(float[] t, int to, double[] acc, int at, int n) {
        FloatVector v = FloatVector.fromArray(S, t, to);
        int h = SimdSpecies.D.length();                                 // a float vector is two double vectors
        DoubleVector lo = (DoubleVector) v.convertShape(VectorOperators.F2D, SimdSpecies.D, 0);
        VectorMask<Double> m = SimdSpecies.D.indexInRange(0, n);
        DoubleVector.fromArray(SimdSpecies.D, acc, at, m).add(lo).intoArray(acc, at, m);
        if (n > h) {
            DoubleVector hi = (DoubleVector) v.convertShape(VectorOperators.F2D, SimdSpecies.D, 1);
            VectorMask<Double> mh = SimdSpecies.D.indexInRange(h, n);
            DoubleVector.fromArray(SimdSpecies.D, acc, at + h, mh).add(hi).intoArray(acc, at + h, mh);
        }
    }

    // The blocks dotLanesRxV (R taps, V = 1 or 2 vectors of channels, the last masked to n lanes; each stores its
    // sums whole into t), their twins dotWholeRxV for rows padded to whole vectors, and their switches dotLanes1,
    // dotLanes2, dotWhole1 and dotWhole2 are written by Codegen.ConvLaneBlocks.

    /** r ≤ 8 taps × 1 vector of channels. */
    private static void dotLanes1(int r, float[] g, int go, int ldg, float[] x, int[] src, int k,
                                  int rows, int cols, int ldx, int n, float[] t) {
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
    private static void dotLanes1x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
            }
        }
        a00.intoArray(t, 0);
    }

    /** 2 taps × 1 vector of channels. */
    private static void dotLanes2x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
    }

    /** 3 taps × 1 vector of channels. */
    private static void dotLanes3x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
    }

    /** 4 taps × 1 vector of channels. */
    private static void dotLanes4x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
    }

    /** 5 taps × 1 vector of channels. */
    private static void dotLanes5x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                FloatVector x4 = FloatVector.broadcast(S, x[s4 + q]);
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
    private static void dotLanes6x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
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
                FloatVector g0 = FloatVector.fromArray(S, g, gq, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                FloatVector x4 = FloatVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                FloatVector x5 = FloatVector.broadcast(S, x[s5 + q]);
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
    private static void dotLanes7x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
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
                FloatVector g0 = FloatVector.fromArray(S, g, gq, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                FloatVector x4 = FloatVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                FloatVector x5 = FloatVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
                FloatVector x6 = FloatVector.broadcast(S, x[s6 + q]);
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
    private static void dotLanes8x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
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
                FloatVector g0 = FloatVector.fromArray(S, g, gq, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                FloatVector x4 = FloatVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                FloatVector x5 = FloatVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
                FloatVector x6 = FloatVector.broadcast(S, x[s6 + q]);
                a60 = x6.fma(g0, a60);
                FloatVector x7 = FloatVector.broadcast(S, x[s7 + q]);
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
    private static void dotLanes2(int r, float[] g, int go, int ldg, float[] x, int[] src, int k,
                                  int rows, int cols, int ldx, int n, float[] t) {
        switch (r) {
            case 1 -> dotLanes1x2(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 2 -> dotLanes2x2(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 3 -> dotLanes3x2(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            case 4 -> dotLanes4x2(g, go, ldg, x, src, k, rows, cols, ldx, n, t);
            default -> throw new IllegalArgumentException("convLanesDot: a block of " + r + " taps");
        }
    }

    /** 1 tap × 2 vectors of channels. */
    private static void dotLanes1x2(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector g1 = FloatVector.fromArray(S, g, gq + L, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
    }

    /** 2 taps × 2 vectors of channels. */
    private static void dotLanes2x2(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector g1 = FloatVector.fromArray(S, g, gq + L, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
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
    private static void dotLanes3x2(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector g1 = FloatVector.fromArray(S, g, gq + L, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
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
    private static void dotLanes4x2(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, int n, float[] t) {
        VectorMask<Float> m = S.indexInRange(0, n);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector g1 = FloatVector.fromArray(S, g, gq + L, m);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                a21 = x2.fma(g1, a21);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
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
    private static void dotWhole1(int r, float[] g, int go, int ldg, float[] x, int[] src, int k,
                                  int rows, int cols, int ldx, float[] t) {
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
    private static void dotWhole1x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
            }
        }
        a00.intoArray(t, 0);
    }

    /** 2 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole2x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
    }

    /** 3 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole3x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
    }

    /** 4 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole4x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
            }
        }
        a00.intoArray(t, 0);
        a10.intoArray(t, L);
        a20.intoArray(t, 2 * L);
        a30.intoArray(t, 3 * L);
    }

    /** 5 taps × 1 vector of channels, whole vectors. */
    private static void dotWhole5x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int s4 = src[k + 4] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                FloatVector x4 = FloatVector.broadcast(S, x[s4 + q]);
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
    private static void dotWhole6x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
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
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                FloatVector x4 = FloatVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                FloatVector x5 = FloatVector.broadcast(S, x[s5 + q]);
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
    private static void dotWhole7x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
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
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                FloatVector x4 = FloatVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                FloatVector x5 = FloatVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
                FloatVector x6 = FloatVector.broadcast(S, x[s6 + q]);
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
    private static void dotWhole8x1(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
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
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
                a30 = x3.fma(g0, a30);
                FloatVector x4 = FloatVector.broadcast(S, x[s4 + q]);
                a40 = x4.fma(g0, a40);
                FloatVector x5 = FloatVector.broadcast(S, x[s5 + q]);
                a50 = x5.fma(g0, a50);
                FloatVector x6 = FloatVector.broadcast(S, x[s6 + q]);
                a60 = x6.fma(g0, a60);
                FloatVector x7 = FloatVector.broadcast(S, x[s7 + q]);
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
    private static void dotWhole2(int r, float[] g, int go, int ldg, float[] x, int[] src, int k,
                                  int rows, int cols, int ldx, float[] t) {
        switch (r) {
            case 1 -> dotWhole1x2(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 2 -> dotWhole2x2(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 3 -> dotWhole3x2(g, go, ldg, x, src, k, rows, cols, ldx, t);
            case 4 -> dotWhole4x2(g, go, ldg, x, src, k, rows, cols, ldx, t);
            default -> throw new IllegalArgumentException("convLanesDot: a block of " + r + " taps");
        }
    }

    /** 1 tap × 2 vectors of channels, whole vectors. */
    private static void dotWhole1x2(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector g1 = FloatVector.fromArray(S, g, gq + L);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
            }
        }
        a00.intoArray(t, 0);
        a01.intoArray(t, L);
    }

    /** 2 taps × 2 vectors of channels, whole vectors. */
    private static void dotWhole2x2(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector g1 = FloatVector.fromArray(S, g, gq + L);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
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
    private static void dotWhole3x2(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector g1 = FloatVector.fromArray(S, g, gq + L);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
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
    private static void dotWhole4x2(float[] g, int go, int ldg, float[] x, int[] src, int k,
                                    int rows, int cols, int ldx, float[] t) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        for (int row = 0; row < rows; row++) {
            int s0 = src[k] + row * ldx;
            int s1 = src[k + 1] + row * ldx;
            int s2 = src[k + 2] + row * ldx;
            int s3 = src[k + 3] + row * ldx;
            int gr = go + row * cols * ldg;
            for (int q = 0; q < cols; q++) {
                int gq = gr + q * ldg;
                FloatVector g0 = FloatVector.fromArray(S, g, gq);
                FloatVector g1 = FloatVector.fromArray(S, g, gq + L);
                FloatVector x0 = FloatVector.broadcast(S, x[s0 + q]);
                a00 = x0.fma(g0, a00);
                a01 = x0.fma(g1, a01);
                FloatVector x1 = FloatVector.broadcast(S, x[s1 + q]);
                a10 = x1.fma(g0, a10);
                a11 = x1.fma(g1, a11);
                FloatVector x2 = FloatVector.broadcast(S, x[s2 + q]);
                a20 = x2.fma(g0, a20);
                a21 = x2.fma(g1, a21);
                FloatVector x3 = FloatVector.broadcast(S, x[s3 + q]);
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

    static void convTapDot(float[] g, int gOff, int ldgo, int ldg, int outs, float[] x, int[] src, int taps,
                           int ldx, int rows, int len, int images, int ldgn, int ldxn, double[] acc, int accOff,
                           int ldacc) {
        float[] sums = DOT_SUMS.get();
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
     * {@code ReduceSimdF32.sumLanes}), for c &lt; channels and p &lt; taps: a {@code dotCxT} block's sums.
     */
    private static void addLaneSums(float[] t, int channels, int taps, double[] acc, int at, int ldacc) {
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < taps; p++) {
                int to = (4 * c + p) * L;
                float sum = t[to];
                for (int i = 1; i < L; i++) {
                    sum += t[to + i];
                }
                acc[at + c * ldacc + p] += sum;
            }
        }
    }

    private static void dot2x4(float[] g, int go, int ldgo, float[] x, int s0, int s1, int s2, int s3, int rows,
                               int len, int images, int ldg, int ldx, int ldgn, int ldxn, float[] sums) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector b2 = a0;
        FloatVector b3 = a0;
        int full = len - len % L;
        VectorMask<Float> m = S.indexInRange(full, len);
        for (int n = 0; n < images; n++) {
            for (int r = 0; r < rows; r++) {
                int gr = go + n * ldgn + r * ldg;
                int xr = n * ldxn + r * ldx;
                for (int t = 0; t < full; t += L) {
                    FloatVector g0 = FloatVector.fromArray(S, g, gr + t);
                    FloatVector g1 = FloatVector.fromArray(S, g, gr + ldgo + t);
                    int xo = xr + t;
                    FloatVector x0 = FloatVector.fromArray(S, x, s0 + xo);
                    a0 = g0.fma(x0, a0);
                    b0 = g1.fma(x0, b0);
                    FloatVector x1 = FloatVector.fromArray(S, x, s1 + xo);
                    a1 = g0.fma(x1, a1);
                    b1 = g1.fma(x1, b1);
                    FloatVector x2 = FloatVector.fromArray(S, x, s2 + xo);
                    a2 = g0.fma(x2, a2);
                    b2 = g1.fma(x2, b2);
                    FloatVector x3 = FloatVector.fromArray(S, x, s3 + xo);
                    a3 = g0.fma(x3, a3);
                    b3 = g1.fma(x3, b3);
                }
                if (full < len) {                                       // the row's tail under a mask
                    FloatVector g0 = FloatVector.fromArray(S, g, gr + full, m);
                    FloatVector g1 = FloatVector.fromArray(S, g, gr + ldgo + full, m);
                    int xo = xr + full;
                    FloatVector x0 = FloatVector.fromArray(S, x, s0 + xo, m);
                    a0 = g0.fma(x0, a0);
                    b0 = g1.fma(x0, b0);
                    FloatVector x1 = FloatVector.fromArray(S, x, s1 + xo, m);
                    a1 = g0.fma(x1, a1);
                    b1 = g1.fma(x1, b1);
                    FloatVector x2 = FloatVector.fromArray(S, x, s2 + xo, m);
                    a2 = g0.fma(x2, a2);
                    b2 = g1.fma(x2, b2);
                    FloatVector x3 = FloatVector.fromArray(S, x, s3 + xo, m);
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

    private static void dot2x1(float[] g, int go, int ldgo, float[] x, int s0, int rows, int len, int images,
                               int ldg, int ldx, int ldgn, int ldxn, float[] sums) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector b0 = a0;
        int full = len - len % L;
        VectorMask<Float> m = S.indexInRange(full, len);
        for (int n = 0; n < images; n++) {
            for (int r = 0; r < rows; r++) {
                int gr = go + n * ldgn + r * ldg;
                int xr = s0 + n * ldxn + r * ldx;
                for (int t = 0; t < full; t += L) {
                    FloatVector x0 = FloatVector.fromArray(S, x, xr + t);
                    a0 = FloatVector.fromArray(S, g, gr + t).fma(x0, a0);
                    b0 = FloatVector.fromArray(S, g, gr + ldgo + t).fma(x0, b0);
                }
                if (full < len) {
                    FloatVector x0 = FloatVector.fromArray(S, x, xr + full, m);
                    a0 = FloatVector.fromArray(S, g, gr + full, m).fma(x0, a0);
                    b0 = FloatVector.fromArray(S, g, gr + ldgo + full, m).fma(x0, b0);
                }
            }
        }
        a0.intoArray(sums, 0);
        b0.intoArray(sums, 4 * L);
    }

    private static void dot1x4(float[] g, int go, float[] x, int s0, int s1, int s2, int s3, int rows, int len,
                               int images, int ldg, int ldx, int ldgn, int ldxn, float[] sums) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int full = len - len % L;
        VectorMask<Float> m = S.indexInRange(full, len);
        for (int n = 0; n < images; n++) {
            for (int r = 0; r < rows; r++) {
                int gr = go + n * ldgn + r * ldg;
                int xr = n * ldxn + r * ldx;
                for (int t = 0; t < full; t += L) {
                    FloatVector g0 = FloatVector.fromArray(S, g, gr + t);
                    int xo = xr + t;
                    a0 = g0.fma(FloatVector.fromArray(S, x, s0 + xo), a0);
                    a1 = g0.fma(FloatVector.fromArray(S, x, s1 + xo), a1);
                    a2 = g0.fma(FloatVector.fromArray(S, x, s2 + xo), a2);
                    a3 = g0.fma(FloatVector.fromArray(S, x, s3 + xo), a3);
                }
                if (full < len) {
                    FloatVector g0 = FloatVector.fromArray(S, g, gr + full, m);
                    int xo = xr + full;
                    a0 = g0.fma(FloatVector.fromArray(S, x, s0 + xo, m), a0);
                    a1 = g0.fma(FloatVector.fromArray(S, x, s1 + xo, m), a1);
                    a2 = g0.fma(FloatVector.fromArray(S, x, s2 + xo, m), a2);
                    a3 = g0.fma(FloatVector.fromArray(S, x, s3 + xo, m), a3);
                }
            }
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, L);
        a2.intoArray(sums, 2 * L);
        a3.intoArray(sums, 3 * L);
    }

    private static void dot1x1(float[] g, int go, float[] x, int s0, int rows, int len, int images, int ldg,
                               int ldx, int ldgn, int ldxn, float[] sums) {
        FloatVector a0 = FloatVector.zero(S);
        int full = len - len % L;
        VectorMask<Float> m = S.indexInRange(full, len);
        for (int n = 0; n < images; n++) {
            for (int r = 0; r < rows; r++) {
                int gr = go + n * ldgn + r * ldg;
                int xr = s0 + n * ldxn + r * ldx;
                for (int t = 0; t < full; t += L) {
                    a0 = FloatVector.fromArray(S, g, gr + t).fma(FloatVector.fromArray(S, x, xr + t), a0);
                }
                if (full < len) {
                    a0 = FloatVector.fromArray(S, g, gr + full, m).fma(FloatVector.fromArray(S, x, xr + full, m), a0);
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
    private static final FloatVector EVEN = FloatVector.fromArray(S, indexes(i -> 2 * i), 0);
    /** Lane k ← lane 2k + 1 of (a, b): the odd elements. */
    private static final FloatVector ODD = FloatVector.fromArray(S, indexes(i -> 2 * i + 1), 0);
    /** Lane 2k ← lane k of e, lane 2k + 1 ← lane k of o (ZIP_LOW.selectFrom(e, o)): the low halves interleaved. */
    private static final FloatVector ZIP_LOW = FloatVector.fromArray(S, indexes(i -> i % 2 == 0 ? i / 2 : L + i / 2), 0);
    /** The high halves interleaved. */
    private static final FloatVector ZIP_HIGH = FloatVector.fromArray(S,
            indexes(i -> i % 2 == 0 ? L / 2 + i / 2 : L + L / 2 + i / 2), 0);

    /** The lanes of an index vector: lane i holds f(i). */
    private static float[] indexes(IntUnaryOperator f) {
        float[] t = new float[L];
        for (int i = 0; i < L; i++) {
            t[i] = f.applyAsInt(i);
        }
        return t;
    }

    static void stridedRows(float[] x, int xOff, int ldx, int cs, int lo, int hi, float[] y, int yOff, int ldy,
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
                    FloatVector a = FloatVector.fromArray(S, x, xb + r * ldx);
                    FloatVector b = FloatVector.fromArray(S, x, xb + r * ldx + L);
                    EVEN.selectFrom(a, b).intoArray(y, yb + r * ldy);
                }
                continue;
            }
            VectorMask<Float> ms = S.indexInRange(t0, len);
            if (hi <= lo) {
                for (int r = 0; r < rows; r++) {
                    FloatVector.zero(S).intoArray(y, yb + r * ldy, ms);
                }
                continue;
            }
            VectorMask<Float> ma = S.indexInRange(2 * (t0 - lo), span);
            VectorMask<Float> mb = S.indexInRange(2 * (t0 - lo) + L, span);
            for (int r = 0; r < rows; r++) {
                FloatVector a = FloatVector.fromArray(S, x, xb + r * ldx, ma);
                FloatVector b = FloatVector.fromArray(S, x, xb + r * ldx + L, mb);
                EVEN.selectFrom(a, b).intoArray(y, yb + r * ldy, ms);
            }
        }
    }

    // The adjoint at column stride 2, one kernel row's taps at once: each x row is split into its even and odd
    // columns (two loads, two permutes), every tap then adds one contiguous (masked) vector of y to the phase its
    // column offset falls on, and the row is interleaved back and stored once. One load and one store of x per
    // vector for all the taps: a tap at a time, each tap's masked stores were read back by the next tap's loads.

    static void stridedTapsAdd(float[] y, int yOff, int ldy, int ldt, int taps, int[] lo, int[] hi, int[] shift,
                               float[] x, int xOff, int ldx, int cs, int width, int rows) {
        if (cs != 2 || L < 2) {
            REF_EW.stridedTapsAdd(y, yOff, ldy, ldt, taps, lo, hi, shift, x, xOff, ldx, cs, width, rows);
            return;
        }
        for (int m0 = 0; 2 * m0 < width; m0 += L) {                         // x columns [2·m0, 2·m0 + 2·L)
            VectorMask<Float> ma = S.indexInRange(2 * m0, width);
            VectorMask<Float> mb = S.indexInRange(2 * m0 + L, width);
            for (int r = 0; r < rows; r++) {
                int xr = xOff + r * ldx + 2 * m0;
                FloatVector a = FloatVector.fromArray(S, x, xr, ma);
                FloatVector b = FloatVector.fromArray(S, x, xr + L, mb);
                FloatVector even = EVEN.selectFrom(a, b);
                FloatVector odd = ODD.selectFrom(a, b);
                for (int j = 0; j < taps; j++) {
                    if (hi[j] <= lo[j]) {
                        continue;
                    }
                    int u = Math.floorDiv(shift[j], 2);                  // column 2·t + shift = 2·(t + u) + phase
                    VectorMask<Float> m = S.indexInRange(m0 - u - lo[j], hi[j] - lo[j]);
                    FloatVector g = FloatVector.fromArray(S, y, yOff + j * ldt + r * ldy + m0 - u, m);
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
