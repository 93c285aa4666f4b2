package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;

/**
 * GradCheck (F64, eps 1e-6, atol 1e-5, rtol 1e-3) of the fused recurrent op for every cell, both directions, with
 * and without per-sequence lengths, biases and initial states, on random small shapes; F32 against F64; bad input.
 */
class RecurrentTest {

    /** The op's inputs for one random case; slots 4..7 (biases, h0, c0) may be null. */
    static Tensor[] inputs(Recurrent.Cell cell, DType dt, SplittableRandom rng, int T, int B, int I, int H,
            boolean bias, boolean states) {
        int gh = cell.gates() * H;
        Tensor[] t = new Tensor[7];
        t[0] = Tensor.randn(dt, rng, T, B, I);
        t[1] = Tensor.randn(dt, rng, gh, I).mul(0.6);
        t[2] = Tensor.randn(dt, rng, gh, H).mul(0.6);
        if (bias) {
            t[3] = Tensor.randn(dt, rng, gh).mul(0.5);
            t[4] = Tensor.randn(dt, rng, gh).mul(0.5);
        }
        if (states) {
            t[5] = Tensor.randn(dt, rng, B, H).mul(0.5);
            t[6] = cell == Recurrent.Cell.LSTM ? Tensor.randn(dt, rng, B, H).mul(0.5) : null;
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i] != null) {
                t[i] = t[i].detach().requiresGrad(true);
            }
        }
        return t;
    }

    /** output, h_N and c_N flattened into one vector. */
    static Tensor flat(Recurrent.Result r) {
        List<Tensor> parts = new ArrayList<>();
        parts.add(r.output().reshape(r.output().size()));
        parts.add(r.hN().reshape(r.hN().size()));
        if (r.cN() != null) {
            parts.add(r.cN().reshape(r.cN().size()));
        }
        return Tensor.concat(0, parts.toArray(new Tensor[0]));
    }

    @Test
    void gradcheckEveryCellDirectionAndLengthPattern() {
        SplittableRandom rng = new SplittableRandom(18);
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            for (int trial = 0; trial < 4; trial++) {
                int T = 1 + rng.nextInt(4);
                int B = 1 + rng.nextInt(3);
                int I = 1 + rng.nextInt(3);
                int H = 1 + rng.nextInt(3);
                boolean reverse = (trial & 1) == 1;
                boolean bias = trial != 2;
                boolean states = trial != 1;
                int[] lengths = null;
                if (trial >= 2) {
                    lengths = new int[B];
                    for (int b = 0; b < B; b++) {
                        lengths[b] = 1 + rng.nextInt(T);
                    }
                }
                Tensor[] in = inputs(cell, DType.F64, rng, T, B, I, H, bias, states);
                List<Tensor> present = new ArrayList<>();
                for (Tensor t : in) {
                    if (t != null) {
                        present.add(t);
                    }
                }
                int[] lens = lengths;
                boolean hasBias = bias;
                boolean hasH0 = states;
                boolean hasC0 = states && cell == Recurrent.Cell.LSTM;
                TensorFunction f = xs -> {
                    int k = 3;
                    Tensor bi = hasBias ? xs[k++] : null;
                    Tensor bh = hasBias ? xs[k++] : null;
                    Tensor h0 = hasH0 ? xs[k++] : null;
                    Tensor c0 = hasC0 ? xs[k++] : null;
                    return flat(Recurrent.apply(cell, xs[0], h0, c0, xs[1], xs[2], bi, bh, lens, reverse));
                };
                GradCheck.Report r = GradCheck.check(f, present.toArray(new Tensor[0]));
                assertTrue(r.passed(), cell + " T=" + T + " B=" + B + " I=" + I + " H=" + H + " reverse=" + reverse
                        + " bias=" + bias + " states=" + states + " lengths=" + java.util.Arrays.toString(lengths)
                        + "\n" + r);
            }
        }
    }

    @Test
    void paddedStepsOutputZeroAndKeepTheState() {
        SplittableRandom rng = new SplittableRandom(3);
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            Tensor[] in = inputs(cell, DType.F64, rng, 4, 2, 3, 2, true, true);
            Recurrent.Result full = Recurrent.apply(cell, in[0].narrow(0, 0, 2), in[5], in[6], in[1], in[2], in[3],
                    in[4], null, false);
            Recurrent.Result padded = Recurrent.apply(cell, in[0], in[5], in[6], in[1], in[2], in[3], in[4],
                    new int[] {2, 4}, false);
            for (int j = 0; j < 2; j++) {
                assertEquals(full.hN().data().get(0, j), padded.hN().data().get(0, j), 0, cell + " h_N of row 0");
                assertEquals(0, padded.output().data().get(2, 0, j), cell + " padded output");
                assertEquals(0, padded.output().data().get(3, 0, j), cell + " padded output");
            }
            // reverse: row 0's reverse pass starts at its last valid step from h0, so its first output is that of
            // the reverse pass over the two valid steps alone
            Recurrent.Result fullR = Recurrent.apply(cell, in[0].narrow(0, 0, 2), in[5], in[6], in[1], in[2],
                    in[3], in[4], null, true);
            Recurrent.Result paddedR = Recurrent.apply(cell, in[0], in[5], in[6], in[1], in[2], in[3], in[4],
                    new int[] {2, 4}, true);
            for (int j = 0; j < 2; j++) {
                assertEquals(fullR.output().data().get(0, 0, j), paddedR.output().data().get(0, 0, j), 1e-15,
                        cell + " reverse output of row 0");
                assertEquals(fullR.hN().data().get(0, j), paddedR.hN().data().get(0, j), 1e-15,
                        cell + " reverse h_N of row 0");
            }
        }
    }

    /**
     * Without a recorded backward (grad mode off, or on with no input requiring grad) the op keeps two state slots;
     * it gives the recorded forward's bits, both directions, with and without lengths.
     */
    @Test
    void aNoGradForwardKeepsTwoStatesAndGivesTheSameBits() {
        SplittableRandom rng = new SplittableRandom(23);
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                for (int trial = 0; trial < 4; trial++) {
                    boolean reverse = (trial & 1) != 0;
                    int T = 1 + rng.nextInt(6); // odd and even T: the final state lands in either of the 2 slots
                    Tensor[] in = inputs(cell, dt, rng, T, 3, 5, 7, trial != 1, trial % 3 == 0);
                    int[] lens = trial >= 2 ? new int[] {T, 1, Math.max(1, T - 1)} : null;
                    String what = cell + " " + dt + " T=" + T + " reverse=" + reverse + " lengths="
                            + java.util.Arrays.toString(lens);
                    Tensor recorded = flat(Recurrent.apply(cell, in[0], in[5], in[6], in[1], in[2], in[3], in[4],
                            lens, reverse));
                    assertTrue(recorded.requiresGrad());
                    Tensor plain;
                    try (GradMode.Scope off = GradMode.noGrad()) {
                        plain = flat(Recurrent.apply(cell, in[0], in[5], in[6], in[1], in[2], in[3], in[4], lens,
                                reverse));
                    }
                    assertTrue(!plain.requiresGrad());
                    assertTrue(java.util.Arrays.equals(recorded.data().toDoubleArray(),
                            plain.data().toDoubleArray()), what + " (no-grad mode)");
                    Tensor[] fixed = new Tensor[in.length]; // grad mode on, but no input requires grad
                    for (int i = 0; i < in.length; i++) {
                        fixed[i] = in[i] == null ? null : in[i].detach();
                    }
                    Tensor untracked = flat(Recurrent.apply(cell, fixed[0], fixed[5], fixed[6], fixed[1], fixed[2],
                            fixed[3], fixed[4], lens, reverse));
                    assertTrue(!untracked.requiresGrad(), what);
                    assertTrue(java.util.Arrays.equals(recorded.data().toDoubleArray(),
                            untracked.data().toDoubleArray()), what + " (no input requires grad)");
                }
            }
        }
    }

    /**
     * When the only input requiring grad is an optional one (b_hh, or h0), the op still records its backward, and
     * the gradient passes GradCheck.
     */
    @Test
    void aGradientReachesAnOptionalInputThatAloneRequiresGrad() {
        SplittableRandom rng = new SplittableRandom(29);
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            for (int only : new int[] {4, 5}) { // b_hh, h0
                for (boolean reverse : new boolean[] {false, true}) {
                    Tensor[] in = inputs(cell, DType.F64, rng, 3, 2, 2, 2, true, true);
                    Tensor[] fixed = new Tensor[in.length];
                    for (int i = 0; i < in.length; i++) {
                        fixed[i] = in[i] == null ? null : i == only ? in[i] : in[i].detach();
                    }
                    int[] lens = reverse ? new int[] {3, 2} : null;
                    TensorFunction f = xs -> {
                        Tensor[] t = fixed.clone();
                        t[only] = xs[0];
                        return flat(Recurrent.apply(cell, t[0], t[5], t[6], t[1], t[2], t[3], t[4], lens, reverse));
                    };
                    String what = cell + " only input " + only + " requires grad, reverse=" + reverse;
                    Tensor y = f.apply(new Tensor[] {fixed[only]});
                    assertTrue(y.requiresGrad(), what);
                    y.sum().backward();
                    assertTrue(fixed[only].grad() != null, what);
                    GradCheck.Report r = GradCheck.check(f, fixed[only]);
                    assertTrue(r.passed(), what + "\n" + r);
                }
            }
        }
    }

    /**
     * The input projections run in chunks of steps ({@link Recurrent#chunkSteps}); with chunks of 1, 2 and 3 steps
     * (a last chunk shorter than the others, both directions, with lengths) the outputs and every gradient have the
     * bits of one chunk for the whole sequence, recorded and in no-grad mode.
     */
    @Test
    void chunkedInputProjectionsGiveTheBitsOfOneProduct() {
        SplittableRandom rng = new SplittableRandom(31);
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                for (int trial = 0; trial < 4; trial++) {
                    boolean reverse = (trial & 1) != 0;
                    int T = 4 + rng.nextInt(4);
                    int B = 1 + rng.nextInt(3);
                    int H = 1 + rng.nextInt(5);
                    int S = (cell == Recurrent.Cell.GRU ? 4 : cell.gates()) * H;
                    Tensor[] in = inputs(cell, dt, rng, T, B, 1 + rng.nextInt(4), H, trial != 2, trial != 1);
                    int[] lens = trial >= 2 ? new int[B] : null;
                    for (int b = 0; lens != null && b < B; b++) {
                        lens[b] = 1 + rng.nextInt(T);
                    }
                    double[][] whole = run(cell, in, lens, reverse);
                    for (int chunk = 1; chunk <= 3; chunk++) {
                        int old = Recurrent.setChunkBudget(chunk * B * S);
                        try {
                            assertEquals(chunk, Recurrent.chunkSteps(T, B, S));
                            double[][] chunked = run(cell, in, lens, reverse);
                            for (int k = 0; k < whole.length; k++) {
                                assertTrue(java.util.Arrays.equals(whole[k], chunked[k]), cell + " " + dt + " T=" + T
                                        + " B=" + B + " H=" + H + " reverse=" + reverse + " chunk=" + chunk
                                        + (k == 0 ? " output" : k == 1 ? " no-grad output" : " gradient " + k));
                            }
                        } finally {
                            Recurrent.setChunkBudget(old);
                        }
                    }
                }
            }
        }
    }

    /** The recorded output, the no-grad output, then ∂Σy/∂input for each present input (on fresh leaves). */
    private static double[][] run(Recurrent.Cell cell, Tensor[] inputs, int[] lens, boolean reverse) {
        Tensor[] in = new Tensor[inputs.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs[i] == null ? null : inputs[i].detach().requiresGrad(true);
        }
        List<double[]> r = new ArrayList<>();
        Tensor y = flat(Recurrent.apply(cell, in[0], in[5], in[6], in[1], in[2], in[3], in[4], lens, reverse));
        r.add(y.data().toDoubleArray());
        try (GradMode.Scope off = GradMode.noGrad()) {
            r.add(flat(Recurrent.apply(cell, in[0], in[5], in[6], in[1], in[2], in[3], in[4], lens, reverse))
                    .data().toDoubleArray());
        }
        y.sum().backward();
        for (Tensor t : in) {
            if (t != null) {
                r.add(t.grad().data().toDoubleArray());
            }
        }
        return r.toArray(new double[0][]);
    }

    @Test
    void badChunkBudgetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recurrent.setChunkBudget(0));
        assertTrue(e.getMessage().contains("chunk budget 0"), e.getMessage());
    }

    @Test
    void f32AgreesWithF64() {
        SplittableRandom rng = new SplittableRandom(5);
        for (Recurrent.Cell cell : Recurrent.Cell.values()) {
            Tensor[] d = inputs(cell, DType.F64, rng, 5, 3, 4, 6, true, true);
            Tensor[] f = new Tensor[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = d[i] == null ? null : d[i].detach().to(DType.F32).requiresGrad(true);
            }
            int[] lens = {5, 2, 4};
            Tensor yd = flat(Recurrent.apply(cell, d[0], d[5], d[6], d[1], d[2], d[3], d[4], lens, true));
            Tensor yf = flat(Recurrent.apply(cell, f[0], f[5], f[6], f[1], f[2], f[3], f[4], lens, true));
            assertTrue(yf.data().to(DType.F64).allClose(yd.data(), 1e-4, 1e-5, false), cell + " forward F32 vs F64");
            yd.sum().backward();
            yf.sum().backward();
            for (int i = 0; i < d.length; i++) {
                if (d[i] != null) {
                    assertTrue(f[i].grad().data().to(DType.F64).allClose(d[i].grad().data(), 1e-3, 1e-4, false),
                            cell + " gradient of input " + i + " F32 vs F64");
                }
            }
        }
    }

    @Test
    void badInputIsRefusedWithTheShapes() {
        SplittableRandom rng = new SplittableRandom(7);
        Tensor[] in = inputs(Recurrent.Cell.LSTM, DType.F64, rng, 3, 2, 3, 2, true, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recurrent.apply(
                Recurrent.Cell.LSTM, in[0], in[5], in[6], in[1], in[2], in[3], in[4], new int[] {3, 4}, false));
        assertTrue(e.getMessage().contains("lengths[1] = 4") && e.getMessage().contains("1..3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Recurrent.apply(Recurrent.Cell.GRU, in[0], in[5],
                null, in[1], in[2], in[3], in[4], null, false));
        assertTrue(e.getMessage().contains("weight_hh") && e.getMessage().contains("[8, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Recurrent.apply(Recurrent.Cell.LSTM,
                in[0].reshape(6, 3), in[5], in[6], in[1], in[2], in[3], in[4], null, false));
        assertTrue(e.getMessage().contains("[T, B, I]") && e.getMessage().contains("[6, 3]"), e.getMessage());
    }
}
