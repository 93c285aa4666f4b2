package org.vecgrad.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.attention.Attention;
import org.vecgrad.nn.attention.MultiheadAttention;
import org.vecgrad.nn.attention.TransformerEncoderLayer;
import org.vecgrad.nn.layers.Embedding;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.CosineAnnealingLR;

/**
 * A tiny encoder-only Transformer that reverses sequences: 8 symbols out of 10 go in, and at every position p the
 * model outputs the symbol at position 7 − p. Embedding + sinusoidal positions, two post-norm
 * TransformerEncoderLayers (4 heads, no dropout), a Linear head per position; cross-entropy over all positions,
 * Adam with the learning rate decaying to 0 on a cosine,
 * fresh random sequences every step (never one of the held-out ones). The only way to solve it is to attend from
 * position p to position 7 − p, so the attention weights end up as an anti-diagonal: the heat map shows them.
 */
public final class TinyTransformer {
    private TinyTransformer() {
    }

    /** Sequence length. */
    public static final int LENGTH = 8;
    /** Alphabet size. */
    public static final int SYMBOLS = 10;
    /** Model width. */
    public static final int D_MODEL = 32;

    /**
     * @param exactMatch     share of the held-out sequences reversed exactly right (all 8 positions)
     * @param tokenAccuracy  share of the held-out positions right
     * @param loss           training cross-entropy, averaged over each block of steps between evaluations
     * @param antiDiagonal   per layer: mean attention weight (over heads and query positions) of the
     *                       drawn example) that position p gives to position 7 − p
     * @param weights        per layer: the head-averaged attention weights on the drawn example, [query][key]
     */
    public record Result(double exactMatch, double tokenAccuracy, int heldOut, List<Double> loss, int steps,
                         int[] example, int[] exampleOutput, double[] antiDiagonal, double[][][] weights,
                         List<Path> pictures) {
    }

    static final class Reverser extends Module {
        final Embedding embed;
        final List<TransformerEncoderLayer> layers = new ArrayList<>();
        final Linear head;
        final Tensor positions;

        @SuppressWarnings("this-escape")
        Reverser(int numLayers, long seed) {
            embed = register("embed", new Embedding(SYMBOLS, D_MODEL, Integer.MIN_VALUE, seed));
            for (int i = 0; i < numLayers; i++) {
                layers.add(register("layer" + i, new TransformerEncoderLayer(D_MODEL, 4, 64, 0.0, "relu", true,
                        false, seed + 1 + i)));
            }
            head = register("head", new Linear(D_MODEL, SYMBOLS, true, seed + 100));
            positions = Tensor.of(Attention.sinusoidalEncoding(DType.F32, LENGTH, D_MODEL));
        }

        @Override
        public Tensor forward(Tensor ids) {
            throw new UnsupportedOperationException("Reverser: call logits(int[] ids, int batch)");
        }

        /** The input of each layer for ids [batch, LENGTH], then the output logits: numLayers + 1 tensors. */
        List<Tensor> trace(int[] ids, int batch) {
            List<Tensor> xs = new ArrayList<>();
            Tensor x = embed.forward(ids, batch, LENGTH).add(positions);
            for (TransformerEncoderLayer l : layers) {
                xs.add(x);
                x = l.forward(x);
            }
            xs.add(head.forward(x).reshape(batch * LENGTH, SYMBOLS));
            return xs;
        }

        /** Logits [batch · LENGTH, SYMBOLS]. */
        Tensor logits(int[] ids, int batch) {
            List<Tensor> t = trace(ids, batch);
            return t.get(t.size() - 1);
        }
    }

    public static Result run(Options o) {
        int steps = o.intParam("steps", 600, 200);
        int batch = o.intParam("batch", 64, 32);
        int heldOut = o.intParam("heldout", 1000, 200);
        int numLayers = o.intParam("layers", 2, 2);
        double lr = o.doubleParam("lr", 3e-3);
        int every = Math.max(1, steps / 10);
        SplittableRandom dataRng = new SplittableRandom(o.seed() + 17);
        int[] test = new int[heldOut * LENGTH];
        Set<Long> held = new HashSet<>();
        for (int i = 0; i < heldOut; i++) {
            int[] s = random(dataRng);
            System.arraycopy(s, 0, test, i * LENGTH, LENGTH);
            held.add(code(s, 0));
        }
        Reverser model = new Reverser(numLayers, o.seed());
        o.printf("Reversing sequences of %d symbols out of %d with a tiny Transformer: Embedding(%d, %d) +"
                + " sinusoidal positions, %d TransformerEncoderLayer(d_model %d, 4 heads, feed-forward 64, post-norm,"
                + " no dropout), Linear(%d -> %d) per position; %d parameters. Adam(lr %.3g, cosine decay to 0), %d steps of %d fresh"
                + " random sequences; %d held-out sequences never trained on.%n", LENGTH, SYMBOLS, SYMBOLS, D_MODEL,
                numLayers, D_MODEL, D_MODEL, SYMBOLS, model.numParameters(), lr, steps, batch, heldOut);
        Adam opt = new Adam(model.parameters(), lr);
        CosineAnnealingLR schedule = new CosineAnnealingLR(opt, steps);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        List<Double> losses = new ArrayList<>();
        double sum = 0;
        double[] acc = new double[2];
        for (int s = 1; s <= steps; s++) {
            int[] ids = new int[batch * LENGTH];
            for (int b = 0; b < batch; b++) {
                int[] seq;
                do {
                    seq = random(dataRng);
                } while (held.contains(code(seq, 0)));
                System.arraycopy(seq, 0, ids, b * LENGTH, LENGTH);
            }
            sum += Sequence.step(opt, () -> ce.forward(model.logits(ids, batch), reversed(ids)));
            schedule.step();
            if (s % every == 0 || s == steps) {
                int n = s % every == 0 ? every : s % every;
                losses.add(sum / n);
                sum = 0;
                acc = evaluate(model, test);
                o.printf("  step %5d  train loss %.4f  held-out: %.4f of sequences exactly right, %.4f of"
                        + " symbols%n", s, losses.get(losses.size() - 1), acc[0], acc[1]);
            }
        }
        o.printf("held-out sequences reversed exactly right: %.4f (%d of %d); symbols right: %.4f%n", acc[0],
                Math.round(acc[0] * heldOut), heldOut, acc[1]);

        // the attention weights of every layer on the first held-out sequence
        int[] ex = java.util.Arrays.copyOf(test, LENGTH);
        double[][][] weights = new double[numLayers][][];
        double[] anti = new double[numLayers];
        int[] exOut;
        List<Path> pics = new ArrayList<>();
        try (var _ = Tensor.noGrad()) {
            List<Tensor> xs = model.trace(ex, 1);
            exOut = xs.get(numLayers).data().argmax(1);
            for (int li = 0; li < numLayers; li++) {
                MultiheadAttention mha = (MultiheadAttention) model.layers.get(li).namedChildren().get("self_attn");
                Tensor x = xs.get(li);
                NdArray w = mha.forward(x, x, x, null, null).weights().data().to(DType.F64);  // [1, L, L]
                weights[li] = new double[LENGTH][LENGTH];
                for (int q = 0; q < LENGTH; q++) {
                    for (int k = 0; k < LENGTH; k++) {
                        weights[li][q][k] = w.get(0, q, k);
                    }
                    anti[li] += weights[li][q][LENGTH - 1 - q] / LENGTH;
                }
            }
        }
        o.printf("example: %s -> %s%n", java.util.Arrays.toString(ex), java.util.Arrays.toString(exOut));
        for (int li = 0; li < numLayers; li++) {
            o.printf("layer %d: mean attention weight from position p to position %d - p: %.3f (uniform: %.3f)%n",
                    li + 1, LENGTH - 1, anti[li], 1.0 / LENGTH);
            List<String> rows = new ArrayList<>();
            List<String> cols = new ArrayList<>();
            for (int p = 0; p < LENGTH; p++) {
                rows.add(p + " (out " + exOut[p] + ")");
                cols.add(p + ": " + ex[p]);
            }
            pics.add(Plots.heatMap(String.format(java.util.Locale.ROOT,
                    "Layer %d attention (mean of 4 heads); reversing %s", li + 1, digits(ex)), weights[li], rows, cols,
                    "key position: input symbol", "query position (output symbol)",
                    o.file("attention_layer" + (li + 1) + ".png")));
            o.println("wrote " + pics.get(li));
        }
        return new Result(acc[0], acc[1], heldOut, List.copyOf(losses), steps, ex, exOut, anti, weights,
                List.copyOf(pics));
    }

    /** {exact-match share, symbol share} on the held-out ids. */
    static double[] evaluate(Reverser model, int[] ids) {
        int n = ids.length / LENGTH;
        int[] pred;
        try (var _ = Tensor.noGrad()) {
            pred = model.logits(ids, n).data().argmax(1);
        }
        int[] want = reversed(ids);
        int exact = 0;
        int symbols = 0;
        for (int i = 0; i < n; i++) {
            boolean all = true;
            for (int p = 0; p < LENGTH; p++) {
                boolean ok = pred[i * LENGTH + p] == want[i * LENGTH + p];
                symbols += ok ? 1 : 0;
                all &= ok;
            }
            exact += all ? 1 : 0;
        }
        return new double[] {exact / (double) n, symbols / (double) ids.length};
    }

    /** Each block of LENGTH ids reversed. */
    static int[] reversed(int[] ids) {
        int[] r = new int[ids.length];
        for (int i = 0; i < ids.length; i += LENGTH) {
            for (int p = 0; p < LENGTH; p++) {
                r[i + p] = ids[i + LENGTH - 1 - p];
            }
        }
        return r;
    }

    static int[] random(SplittableRandom rng) {
        int[] s = new int[LENGTH];
        for (int p = 0; p < LENGTH; p++) {
            s[p] = rng.nextInt(SYMBOLS);
        }
        return s;
    }

    static long code(int[] ids, int from) {
        long c = 0;
        for (int p = 0; p < LENGTH; p++) {
            c = c * SYMBOLS + ids[from + p];
        }
        return c;
    }

    private static String digits(int[] s) {
        StringBuilder sb = new StringBuilder();
        for (int v : s) {
            sb.append(v);
        }
        return sb.toString();
    }
}
