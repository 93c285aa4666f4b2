// Generated from autodiff/src/main/templates/org/vecgrad/autodiff/RecurrentKernels-X.java.template
// by engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java; do not edit.
package org.vecgrad.autodiff;

import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.PackedMatrix;

/**
 * The F32 loops of {@link Recurrent}: one direction of one recurrent layer over a whole sequence, forward and
 * backward through time, on raw row-major arrays starting at index 0. Generated with its twin from
 * {@code RecurrentKernels-X.java.template}; {@link Recurrent} states the layouts and the arithmetic.
 *
 * <p>Shapes: x [T, B, I]; weights [G·H, I] and [G·H, H] with G gates (1 RNN, 4 LSTM, 3 GRU); biases [G·H] or null.
 * States by time slot: {@code hs}, {@code cs} [T + 1, B, H]; the state before time t is slot t (forward) or t + 1
 * (reverse), so slot 0 or T holds the initial state and the other end the final one. {@code gates} [T, B, S] holds
 * the input projections, then what the backward pass needs: LSTM (S = 4H) i, f, g, o after their activations; GRU
 * (S = 4H) r, z, n and W_hn·h + b_hn; RNN (S = H) nothing more (the backward reads h). Lengths (or null: all T)
 * mark time steps t ≥ length[b] as padding: they leave row b's state as it was and output 0.
 *
 * <p>Sigmoid and tanh run through the engine's elementwise kernels (SIMD when the Vector API is there) on runs of
 * H or 2H contiguous gates of a row, in place; so do the forward's products and sums around them (LSTM
 * c' = f·c + i·g, h' = o·tanh(c'); GRU n's r·(…) and h' = n + z·(h − n)), rounded as the scalar formulas are; the
 * backward's loops are plain arithmetic.
 */
final class RecurrentKernelsF32 {
    private RecurrentKernelsF32() {
    }

    static final int RNN_TANH = 0;
    static final int RNN_RELU = 1;
    static final int LSTM = 2;
    static final int GRU = 3;

    private static void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, int ao, int lda, float[] b,
            int bo, int ldb, float beta, float[] c, int co, int ldc) {
        Blas.sgemm(ta, tb, m, n, k, 1f, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
    }

    /** op(B) packed once for the per-step products (a weight, the same at every step). */
    private static PackedMatrix pack(boolean tb, int k, int n, float[] b, int ldb) {
        return Blas.spack(tb, k, n, b, 0, ldb);
    }

    /** {@code C = A·B + beta·C} with B packed by {@link #pack}. */
    private static void gemm(int m, float[] a, int ao, int lda, PackedMatrix b, float beta, float[] c, int co,
            int ldc) {
        Blas.sgemm(false, m, 1f, a, ao, lda, b, beta, c, co, ldc);
    }

    private static void sigmoid(ElementwiseKernels ew, float[] a, int off, int n) {
        ew.unary(UnaryOp.SIGMOID, 0, 0, a, off, a, off, n);
    }

    private static void tanh(ElementwiseKernels ew, float[] a, int off, float[] out, int outOff, int n) {
        ew.unary(UnaryOp.TANH, 0, 0, a, off, out, outOff, n);
    }

    /**
     * The forward pass. Fills {@code y} [T, B, H], {@code hs}, {@code cs} (LSTM only; else null) and
     * {@code gates}; {@code gh} [B, S] (GRU) is scratch. The initial states must already sit in their slot
     * ({@link Recurrent#slot}). With {@code keep} false (no backward will run) hs and cs hold only 2 slots,
     * [2, B, H]: the states of consecutive steps alternate between them; and {@code gates} holds only the
     * {@link Recurrent#chunkSteps} steps of one chunk, [chunkSteps, B, S], reused chunk after chunk.
     */
    static void forward(int cell, boolean reverse, boolean keep, int T, int B, int I, int H, float[] x,
            float[] wIh, float[] wHh, float[] bIh, float[] bHh, int[] lengths, float[] y, float[] hs,
            float[] cs, float[] gates, float[] gh) {
        int G = cell == LSTM ? 4 : cell == GRU ? 3 : 1;
        int S = cell == GRU ? 4 * H : G * H;
        boolean gru = cell == GRU;
        ElementwiseKernels ew = Kernels.active().elementwise();
        // Both weights transposed and packed once for all T steps: W_hhᵀ [H, G·H], the B of every step's product
        // (packing it on every step cost about as much as the product itself at B = 32, H = 256), and W_ihᵀ
        // [I, G·H], the B of the chunks' input projections.
        PackedMatrix wHhT = pack(true, H, G * H, wHh, H);
        PackedMatrix wIhT = pack(true, I, G * H, wIh, I);
        int chunk = Recurrent.chunkSteps(T, B, S);
        // what a projection starts from: b_ih (+ b_hh, except GRU, whose b_hn sits inside r·(…)), summed once; the
        // sum inside the fill loop cost a tenth of the forward (H = 256)
        float[] bias = new float[G * H];
        for (int j = 0; j < G * H; j++) {
            bias[j] = (bIh == null ? 0 : bIh[j]) + (gru || bHh == null ? 0 : bHh[j]);
        }
        int BH = B * H;
        int tLo = 0;                                      // the first time step of the chunk in gates (no keep)
        for (int s = 0; s < T; s++) {
            int t = reverse ? T - 1 - s : s;
            if (s % chunk == 0) {
                // the input projections of the chunk's steps, times [tLo, tLo + n), just before they are used:
                // gates[t, :, :G·H] = bias + x[t]·W_ihᵀ, one product for the chunk. Written into a buffer still in
                // cache, not one of T·B·S elements swept twice (measured, B = 32, I = 128, H = 256: 2.9 ms against
                // 4.5 for all 50 steps in one product).
                int n = Math.min(chunk, T - s);
                tLo = reverse ? t - n + 1 : t;
                int c0 = keep ? tLo * B * S : 0;
                for (int r = 0; r < n * B; r++) {
                    System.arraycopy(bias, 0, gates, c0 + r * S, G * H);
                }
                gemm(n * B, x, tLo * B * I, I, wIhT, 1, gates, c0, S);
            }
            int prev = Recurrent.slot(keep, reverse, T, s) * BH;
            int next = Recurrent.slot(keep, reverse, T, s + 1) * BH;
            int go = (keep ? t : t - tLo) * B * S;
            if (gru) {                                    // gh = b_hh + h·W_hhᵀ, kept apart: r multiplies its n part
                for (int b = 0; b < B; b++) {
                    for (int j = 0; j < 3 * H; j++) {
                        gh[b * S + j] = bHh == null ? 0 : bHh[j];
                    }
                }
                gemm(B, hs, prev, H, wHhT, 1, gh, 0, S);
            } else {                                      // gates[t] += h·W_hhᵀ
                gemm(B, hs, prev, H, wHhT, 1, gates, go, S);
            }
            for (int b = 0; b < B; b++) {
                int hp = prev + b * H;
                int hn = next + b * H;
                int yo = (t * B + b) * H;
                if (lengths != null && t >= lengths[b]) {  // padding: the state carries over, the output is 0
                    System.arraycopy(hs, hp, hs, hn, H);
                    if (cs != null) {
                        System.arraycopy(cs, hp, cs, hn, H);
                    }
                    for (int j = 0; j < H; j++) {
                        y[yo + j] = 0;
                    }
                    continue;
                }
                int a = go + b * S;
                switch (cell) {
                    case LSTM -> {
                        sigmoid(ew, gates, a, 2 * H);                       // i, f
                        tanh(ew, gates, a + 2 * H, gates, a + 2 * H, H);    // g
                        sigmoid(ew, gates, a + 3 * H, H);                   // o
                        // c = f·c + i·g in SIMD passes (products rounded, then summed: the bits of the scalar
                        // expression, which ran unvectorised), i·g parked in y's row until h is copied there
                        ew.binary(BinaryOp.MUL, gates, a, gates, a + 2 * H, y, yo, H);
                        ew.binary(BinaryOp.MUL, gates, a + H, cs, hp, cs, hn, H);
                        ew.binary(BinaryOp.ADD, cs, hn, y, yo, cs, hn, H);
                        tanh(ew, cs, hn, hs, hn, H);
                        ew.binary(BinaryOp.MUL, hs, hn, gates, a + 3 * H, hs, hn, H);  // h = o·tanh(c)
                    }
                    case GRU -> {
                        // SIMD passes with the scalar formulas' roundings (each product, then the sum), with
                        // y's row as scratch until h is copied there
                        int q = b * S;
                        ew.binary(BinaryOp.ADD, gates, a, gh, q, gates, a, 2 * H);
                        sigmoid(ew, gates, a, 2 * H);                       // r, z
                        System.arraycopy(gh, q + 2 * H, gates, a + 3 * H, H);   // W_hn·h + b_hn, for the backward
                        ew.binary(BinaryOp.MUL, gates, a, gh, q + 2 * H, y, yo, H);
                        ew.binary(BinaryOp.ADD, gates, a + 2 * H, y, yo, gates, a + 2 * H, H);
                        tanh(ew, gates, a + 2 * H, gates, a + 2 * H, H);    // n
                        ew.binary(BinaryOp.SUB, hs, hp, gates, a + 2 * H, y, yo, H);
                        ew.binary(BinaryOp.MUL, gates, a + H, y, yo, y, yo, H);
                        ew.binary(BinaryOp.ADD, gates, a + 2 * H, y, yo, hs, hn, H);   // h = n + z·(h − n)
                    }
                    case RNN_TANH -> tanh(ew, gates, a, hs, hn, H);
                    default -> {
                        for (int j = 0; j < H; j++) {
                            hs[hn + j] = Math.max(gates[a + j], 0);
                        }
                    }
                }
                System.arraycopy(hs, hn, y, yo, H);
            }
        }
    }

    /**
     * Backward through time, from the forward pass's {@code hs}, {@code cs}, {@code gates}. In: dy [T, B, H], dhT
     * and dcT [B, H] (dcT null except LSTM). Out: dx [T, B, I], dh0, dc0 [B, H], dWIh, dWHh, dbIh, dbHh (dbIh and
     * dbHh may be null: no bias). Scratch: dgx [T, B, G·H], dgh (GRU: its own [T, B, G·H]; else dgx itself), dh and
     * dhp [B, H], dc [B, H] (LSTM).
     */
    static void backward(int cell, boolean reverse, int T, int B, int I, int H, float[] x, float[] wIh,
            float[] wHh, int[] lengths, float[] hs, float[] cs, float[] gates, float[] dy, float[] dhT,
            float[] dcT, float[] dx, float[] dh0, float[] dc0, float[] dWIh, float[] dWHh, float[] dbIh,
            float[] dbHh, float[] dgx, float[] dgh, float[] dh, float[] dhp, float[] dc) {
        int G = cell == LSTM ? 4 : cell == GRU ? 3 : 1;
        int GH = G * H;
        int S = cell == GRU ? 4 * H : GH;
        int BH = B * H;
        ElementwiseKernels ew = Kernels.active().elementwise();
        PackedMatrix wHhP = pack(false, GH, H, wHh, H);   // the B of every step's dh product, packed once
        System.arraycopy(dhT, 0, dh, 0, BH);
        if (dc != null) {
            System.arraycopy(dcT, 0, dc, 0, BH);
        }
        for (int s = T - 1; s >= 0; s--) {
            int t = reverse ? T - 1 - s : s;
            int prev = (reverse ? t + 1 : t) * BH;
            int next = (reverse ? t : t + 1) * BH;
            for (int b = 0; b < B; b++) {
                int ho = b * H;
                int d = (t * B + b) * GH;
                if (lengths != null && t >= lengths[b]) {   // padding: dh and dc pass through, no gate gradient
                    for (int j = 0; j < GH; j++) {
                        dgx[d + j] = 0;
                        dgh[d + j] = 0;
                    }
                    System.arraycopy(dh, ho, dhp, ho, H);
                    continue;
                }
                int a = (t * B + b) * S;
                int yo = (t * B + b) * H;
                int hp = prev + ho;
                int hn = next + ho;
                switch (cell) {
                    case LSTM -> {
                        tanh(ew, cs, hn, dhp, ho, H);                       // dhp holds tanh(c) until overwritten
                        for (int j = 0; j < H; j++) {
                            float i = gates[a + j];
                            float f = gates[a + H + j];
                            float g = gates[a + 2 * H + j];
                            float o = gates[a + 3 * H + j];
                            float dhc = dh[ho + j] + dy[yo + j];
                            float tc = dhp[ho + j];
                            float dcc = dc[ho + j] + dhc * o * (1 - tc * tc);
                            dgx[d + j] = dcc * g * i * (1 - i);
                            dgx[d + H + j] = dcc * cs[hp + j] * f * (1 - f);
                            dgx[d + 2 * H + j] = dcc * i * (1 - g * g);
                            dgx[d + 3 * H + j] = dhc * tc * o * (1 - o);
                            dc[ho + j] = dcc * f;
                            dhp[ho + j] = 0;
                        }
                    }
                    case GRU -> {
                        for (int j = 0; j < H; j++) {
                            float r = gates[a + j];
                            float z = gates[a + H + j];
                            float n = gates[a + 2 * H + j];
                            float hh = gates[a + 3 * H + j];
                            float dhc = dh[ho + j] + dy[yo + j];
                            float dn = dhc * (1 - z) * (1 - n * n);
                            float dz = dhc * (hs[hp + j] - n) * z * (1 - z);
                            float dr = dn * hh * r * (1 - r);
                            dgx[d + j] = dr;
                            dgx[d + H + j] = dz;
                            dgx[d + 2 * H + j] = dn;
                            dgh[d + j] = dr;
                            dgh[d + H + j] = dz;
                            dgh[d + 2 * H + j] = dn * r;
                            dhp[ho + j] = dhc * z;
                        }
                    }
                    case RNN_TANH -> {
                        for (int j = 0; j < H; j++) {
                            float h = hs[hn + j];
                            dgx[d + j] = (dh[ho + j] + dy[yo + j]) * (1 - h * h);
                            dhp[ho + j] = 0;
                        }
                    }
                    default -> {
                        for (int j = 0; j < H; j++) {
                            dgx[d + j] = hs[hn + j] > 0 ? dh[ho + j] + dy[yo + j] : 0;
                            dhp[ho + j] = 0;
                        }
                    }
                }
            }
            // dh_{prev} = (pass-through or z·dh) + dgh[t]·W_hh
            gemm(B, dgh, t * B * GH, GH, wHhP, 1, dhp, 0, H);
            System.arraycopy(dhp, 0, dh, 0, BH);
        }
        System.arraycopy(dh, 0, dh0, 0, BH);
        if (dc0 != null) {
            System.arraycopy(dc, 0, dc0, 0, BH);
        }
        int rows = T * B;
        gemm(false, false, rows, I, GH, dgx, 0, GH, wIh, 0, I, 0, dx, 0, I);        // dx = dgx·W_ih
        gemm(true, false, GH, I, rows, dgx, 0, GH, x, 0, I, 0, dWIh, 0, I);          // dW_ih = dgxᵀ·x
        // dW_hh = Σ_t dgh[t]ᵀ·h_before(t): the states before each step are slots 0..T−1 (forward) or 1..T
        // (reverse)
        gemm(true, false, GH, H, rows, dgh, 0, GH, hs, reverse ? BH : 0, H, 0, dWHh, 0, H);
        if (dbIh != null) {
            columnSums(dgx, rows, GH, dbIh);
        }
        if (dbHh != null && dgh == dgx && dbIh != null) {   // one gate gradient for both biases (LSTM, RNN)
            System.arraycopy(dbIh, 0, dbHh, 0, GH);
        } else if (dbHh != null) {
            columnSums(dgh, rows, GH, dbHh);
        }
    }

    private static void columnSums(float[] a, int rows, int cols, float[] out) {
        for (int j = 0; j < cols; j++) {
            out[j] = 0;
        }
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += a[o + j];
            }
        }
    }
}
