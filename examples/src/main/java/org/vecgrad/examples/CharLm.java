package org.vecgrad.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.layers.Embedding;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.GradClip;
import org.vecgrad.nn.rnn.LSTM;

/**
 * A character-level language model: Embedding → LSTM (2 layers, hidden 256) → Linear to the vocabulary, trained on
 * Jane Austen's <i>Pride and Prejudice</i> (public domain; shipped in the jar, see the resource folder's README) by
 * truncated backpropagation through time, and sampled from with a temperature.
 *
 * <p>Truncated BPTT: the training text is cut into {@code batch} contiguous streams; step k reads window k of every
 * stream ({@code bptt} characters each), predicts each next character, and starts from the LSTM's final (h, c) of
 * window k − 1 — carried over as values ({@link Tensor#detach()}), so gradients flow back at most {@code bptt}
 * steps. The last 10 % of the text is held out and scored the same way (no gradients) after every epoch, in bits
 * per character, next to the unigram entropy of the text: the bits a model that knows only the character
 * frequencies would need.
 *
 * <p>Options: {@code --epochs}, {@code --steps} (per epoch; 0: the whole text), {@code --batch}, {@code --bptt},
 * {@code --hidden}, {@code --layers}, {@code --embed}, {@code --lr}, {@code --clip}, {@code --sample-every},
 * {@code --prompt}, {@code --temperature}, {@code --length} (characters generated), {@code --text=FILE} (another
 * UTF-8 text), {@code --load=FILE} (skip training, generate from saved weights).
 */
public final class CharLm {
    private CharLm() {
    }

    /** The shipped text, relative to this class. */
    public static final String TEXT = "charlm/pride_and_prejudice.txt";
    /** The full-size configuration (each has an option). */
    public static final int BATCH = 32;
    public static final int BPTT = 100;
    public static final int HIDDEN = 256;
    public static final int LAYERS = 2;
    public static final int EMBED = 64;
    public static final double LR = 2e-3;
    public static final double CLIP = 5.0;
    /** The default prompt. */
    public static final String PROMPT = "Elizabeth ";

    /**
     * @param vocabulary    the distinct characters of the text, sorted; a character's id is its index
     * @param entropyBits   the unigram entropy of the text, bits per character
     * @param trainBits     the training loss of every step, bits per character
     * @param valBits       the validation loss after each epoch, bits per character
     * @param valSteps      the number of training steps taken when each validation loss was measured
     * @param samples       the samples printed while training
     * @param generated     the final generation from the prompt (the prompt first)
     * @param trainSeconds  wall time of the training loop (validation and sampling included)
     * @param picture       the PNG of the loss curves (null when nothing was trained)
     * @param weights       the saved weights
     */
    public record Result(String vocabulary, double entropyBits, List<Double> trainBits, List<Double> valBits,
                         List<Integer> valSteps, List<String> samples, String generated, double trainSeconds,
                         Path picture, Path weights) {
        /** The last validation loss over the unigram entropy. */
        public double ratio() {
            return valBits.isEmpty() ? Double.NaN : valBits.get(valBits.size() - 1) / entropyBits;
        }
    }

    /** The network: ids [T, B] → logits [T·B, V], carrying the LSTM state from window to window. */
    public static final class Model extends Module {
        final Embedding embed;
        final LSTM lstm;
        final Linear head;
        final int hidden;
        final int layers;

        /** (logits [T·B, V], h_n, c_n [layers, B, hidden]). */
        public record Out(Tensor logits, Tensor hN, Tensor cN) {
        }

        @SuppressWarnings("this-escape")
        public Model(int vocab, int embedDim, int hidden, int layers, long seed) {
            this.hidden = hidden;
            this.layers = layers;
            embed = register("embed", new Embedding(vocab, embedDim, Integer.MIN_VALUE, seed));
            lstm = register("lstm", new LSTM(embedDim, hidden, layers, true, false, 0, false, seed + 1));
            head = register("head", new Linear(hidden, vocab, true, seed + 2));
        }

        /** ids [T·B] time-major (id of step t, stream b at t·B + b), states (null: zeros). */
        public Out forward(int[] ids, int steps, int batch, Tensor h0, Tensor c0) {
            Tensor x = embed.forward(ids, steps, batch);                       // [T, B, E]
            LSTM.Result r = lstm.forward(x, h0, c0);                          // output [T, B, H]
            return new Out(head.forward(r.output().reshape(steps * batch, hidden)), r.hN(), r.cN());
        }

        /** ids [T, B] (integral values) → logits [T·B, V], from zero states. */
        @Override
        public Tensor forward(Tensor ids) {
            if (ids.shape().length != 2) {
                throw new IllegalArgumentException("CharLm.Model: ids must be [T, B]; got rank "
                        + ids.shape().length);
            }
            Tensor x = embed.forward(ids);
            Tensor out = lstm.forward(x, null, null).output();
            return head.forward(out.reshape(ids.shape(0) * ids.shape(1), hidden));
        }
    }

    /** The text's characters and their ids. */
    public record Vocab(String chars) {
        public int size() {
            return chars.length();
        }

        /** The sorted distinct characters of {@code text}. */
        public static Vocab of(String text) {
            TreeSet<Character> set = new TreeSet<>();
            for (int i = 0; i < text.length(); i++) {
                set.add(text.charAt(i));
            }
            StringBuilder sb = new StringBuilder();
            set.forEach(sb::append);
            return new Vocab(sb.toString());
        }

        /** The ids of {@code s}; a character outside the vocabulary is refused, naming it. */
        public int[] encode(String s) {
            int[] ids = new int[s.length()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = chars.indexOf(s.charAt(i));
                if (ids[i] < 0) {
                    throw new IllegalArgumentException("charlm: the character '" + s.charAt(i) + "' (U+"
                            + String.format(Locale.ROOT, "%04X", (int) s.charAt(i)) + ") at position " + i
                            + " of \"" + s + "\" is not in the text's vocabulary of " + chars.length()
                            + " characters");
                }
            }
            return ids;
        }
    }

    /**
     * Truncated BPTT over {@code batch} streams of the training ids: each {@link #step()} trains on the next window
     * of {@code bptt} characters per stream, starting from the previous window's final state (detached); after the
     * last whole window it starts again from the streams' beginnings with zero states.
     */
    public static final class Trainer {
        private final Model model;
        private final Adam opt;
        private final CrossEntropyLoss ce = new CrossEntropyLoss();
        private final double clip;
        private final int[][] streams;
        private final int bptt;
        private final int windows;
        private Tensor h;
        private Tensor c;
        private int next;

        public Trainer(Model model, int[] train, int batch, int bptt, double lr, double clip) {
            if (batch < 1 || bptt < 1) {
                throw new IllegalArgumentException("charlm: batch = " + batch + " and bptt = " + bptt
                        + " must be >= 1");
            }
            this.model = model;
            this.opt = new Adam(model.parameters(), lr);
            this.clip = clip;
            this.streams = streams(train, batch);
            this.bptt = bptt;
            this.windows = windows(streams[0].length, bptt);
            if (windows == 0) {
                throw new IllegalArgumentException("charlm: " + train.length + " training characters in " + batch
                        + " streams are too few for one window of " + bptt);
            }
        }

        /** Whole windows per pass over the streams. */
        public int windowsPerEpoch() {
            return windows;
        }

        /** Back to the streams' beginnings, zero states. */
        public void restart() {
            h = null;
            c = null;
            next = 0;
        }

        /** Zero the gradients, forward, cross-entropy, backward, clip, Adam: the loss in bits per character. */
        public double step() {
            if (next == windows) {
                restart();
            }
            int[][] w = window(streams, next++, bptt);
            opt.zeroGrad();
            Model.Out out = model.forward(w[0], bptt, streams.length, h, c);
            Tensor loss = ce.forward(out.logits(), w[1]);
            loss.backward();
            GradClip.clipGradNorm(opt.parameters(), clip);
            opt.step();
            h = out.hN().detach();
            c = out.cN().detach();
            return loss.item() / Math.log(2);
        }
    }

    /** The shipped text: Pride and Prejudice, 684 768 characters. */
    public static String shippedText() {
        try (InputStream in = CharLm.class.getResourceAsStream(TEXT)) {
            if (in == null) {
                throw new IllegalStateException("charlm: resource " + TEXT + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("charlm: cannot read " + TEXT, e);
        }
    }

    /** The shipped text (or {@code --text=FILE}); a quick run keeps its first 40 000 characters. */
    static String text(Options o) {
        String file = o.params().get("text");
        String t;
        try {
            t = file != null ? Files.readString(Path.of(file), StandardCharsets.UTF_8) : shippedText();
        } catch (IOException e) {
            throw new UncheckedIOException("charlm: cannot read " + file, e);
        }
        t = t.replace("\r\n", "\n");
        return o.quick() ? t.substring(0, Math.min(t.length(), 40_000)) : t;
    }

    /** −Σ p log₂ p over the character frequencies of {@code ids}. */
    public static double unigramEntropy(int[] ids, int vocab) {
        long[] counts = new long[vocab];
        for (int id : ids) {
            counts[id]++;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = c / (double) ids.length;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }

    /** {@code ids} cut into {@code batch} contiguous streams of equal length (the ragged end dropped). */
    static int[][] streams(int[] ids, int batch) {
        int len = ids.length / batch;
        int[][] s = new int[batch][];
        for (int b = 0; b < batch; b++) {
            s[b] = java.util.Arrays.copyOfRange(ids, b * len, (b + 1) * len);
        }
        return s;
    }

    /** Window k of the streams: inputs at [0] and next-character targets at [1], both time-major [T·B]. */
    static int[][] window(int[][] streams, int k, int bptt) {
        int batch = streams.length;
        int[] x = new int[bptt * batch];
        int[] y = new int[bptt * batch];
        for (int t = 0; t < bptt; t++) {
            for (int b = 0; b < batch; b++) {
                x[t * batch + b] = streams[b][k * bptt + t];
                y[t * batch + b] = streams[b][k * bptt + t + 1];
            }
        }
        return new int[][] {x, y};
    }

    /** Windows in streams of length len. */
    static int windows(int len, int bptt) {
        return (len - 1) / bptt;
    }

    /** The mean cross-entropy of the model on {@code ids} read as the training loop reads it, in bits per char. */
    static double evaluate(Model m, int[] ids, int batch, int bptt) {
        int b = Math.max(1, Math.min(batch, (ids.length - 1) / (bptt + 1)));
        int[][] s = streams(ids, b);
        int n = windows(s[0].length, bptt);
        if (n == 0) {
            throw new IllegalArgumentException("charlm: the validation text (" + ids.length + " characters) is too"
                    + " short for one window of " + bptt + " characters");
        }
        CrossEntropyLoss ce = new CrossEntropyLoss();
        double sum = 0;
        Tensor h = null;
        Tensor c = null;
        try (var _ = Tensor.noGrad()) {
            for (int k = 0; k < n; k++) {
                int[][] w = window(s, k, bptt);
                Model.Out out = m.forward(w[0], bptt, b, h, c);
                sum += ce.forward(out.logits(), w[1]).item();
                h = out.hN();
                c = out.cN();
            }
        }
        return sum / n / Math.log(2);
    }

    /**
     * {@code prompt} followed by {@code length} characters drawn one at a time from softmax(logits / temperature).
     */
    public static String generate(Model m, Vocab v, String prompt, int length, double temperature, long seed) {
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("charlm: --prompt must not be empty");
        }
        generateChecks(temperature, length);
        int[] ids = v.encode(prompt);
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(prompt);
        try (var _ = Tensor.noGrad()) {
            Model.Out out = m.forward(ids, ids.length, 1, null, null);
            NdArray last = out.logits().data().row(ids.length - 1);
            for (int i = 0; i < length; i++) {
                int next = draw(last, temperature, rng);
                sb.append(v.chars().charAt(next));
                out = m.forward(new int[] {next}, 1, 1, out.hN(), out.cN());
                last = out.logits().data().row(0);
            }
        }
        return sb.toString();
    }

    /** An index drawn from softmax(logits / temperature). */
    static int draw(NdArray logits, double temperature, SplittableRandom rng) {
        double[] z = logits.to(DType.F64).toDoubleArray();
        double max = Double.NEGATIVE_INFINITY;
        for (double x : z) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp((z[i] - max) / temperature);
            sum += z[i];
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < z.length; i++) {
            u -= z[i];
            if (u < 0) {
                return i;
            }
        }
        return z.length - 1;
    }

    public static Result run(Options o) {
        String text = text(o);
        Vocab v = Vocab.of(text);
        int[] ids = v.encode(text);
        int epochs = o.intParam("epochs", 4, 2);
        int maxSteps = o.intParam("steps", 0, 8);
        int batch = o.intParam("batch", BATCH, 8);
        int bptt = o.intParam("bptt", BPTT, 16);
        int hidden = o.intParam("hidden", HIDDEN, 32);
        int layers = o.intParam("layers", LAYERS, 2);
        int embedDim = o.intParam("embed", EMBED, 16);
        int sampleEvery = o.intParam("sample-every", 100, 8);
        int length = o.intParam("length", 300, 40);
        double lr = o.doubleParam("lr", o.quick() ? 1e-2 : LR);
        double clip = o.doubleParam("clip", CLIP);
        double temperature = o.doubleParam("temperature", 0.8);
        String prompt = o.params().getOrDefault("prompt", PROMPT);
        v.encode(prompt);                                   // refuse a bad prompt before training
        generateChecks(temperature, length);

        Model m = new Model(v.size(), embedDim, hidden, layers, o.seed());
        double entropy = unigramEntropy(ids, v.size());
        String load = o.params().get("load");
        if (load != null) {
            try {
                m.load(Path.of(load));
            } catch (IOException e) {
                throw new UncheckedIOException("charlm: cannot load " + load, e);
            }
            String g = generate(m, v, prompt, length, temperature, o.seed());
            o.printf("loaded %s; generated at temperature %.2f:%n%s%n", load, temperature, g);
            return new Result(v.chars(), entropy, List.of(), List.of(), List.of(), List.of(), g, 0, null,
                    Path.of(load));
        }

        int nTrain = ids.length * 9 / 10;
        int[] train = java.util.Arrays.copyOfRange(ids, 0, nTrain);
        int[] val = java.util.Arrays.copyOfRange(ids, nTrain, ids.length);
        Trainer trainer = new Trainer(m, train, batch, bptt, lr, clip);
        int perEpoch = trainer.windowsPerEpoch();
        if (maxSteps > 0) {
            perEpoch = Math.min(perEpoch, maxSteps);
        }
        o.printf("%s: %d characters, %d distinct; %d train, %d held out; unigram entropy %.3f bits/char"
                + " (target: <= 60%% of it, %.3f)%n", o.params().getOrDefault("text", "Pride and Prejudice"),
                ids.length, v.size(), train.length, val.length, entropy, 0.6 * entropy);
        o.printf("Embedding(%d, %d) -> LSTM(%d, %d layers) -> Linear(%d -> %d): %d parameters; batch %d x %d steps"
                + " (truncated BPTT), Adam(lr %.3g), gradients clipped to norm %.3g, %d epochs of %d steps%n",
                v.size(), embedDim, hidden, layers, hidden, v.size(), m.numParameters(), batch, bptt, lr, clip,
                epochs, perEpoch);

        List<Double> trainBits = new ArrayList<>();
        List<Double> valBits = new ArrayList<>();
        List<Integer> valSteps = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        int step = 0;
        for (int e = 0; e < epochs; e++) {
            trainer.restart();
            double epochSum = 0;
            for (int k = 0; k < perEpoch; k++) {
                double bits = trainer.step();
                trainBits.add(bits);
                epochSum += bits;
                step++;
                if (sampleEvery > 0 && step % sampleEvery == 0) {
                    String g = generate(m, v, prompt, Math.min(length, 200), temperature, o.seed() + step);
                    samples.add(g);
                    o.printf("  step %5d  train %.3f bits/char  (%.1f s)  sample at temperature %.2f:%n%s%n%n",
                            step, bits, (System.nanoTime() - t0) / 1e9, temperature, indent(g));
                }
            }
            double vb = evaluate(m, val, batch, bptt);
            valBits.add(vb);
            valSteps.add(step);
            o.printf("epoch %d: train %.3f bits/char, validation %.3f bits/char = %.1f%% of the unigram entropy"
                    + " %.3f (%.1f s)%n", e + 1, epochSum / perEpoch, vb, 100 * vb / entropy, entropy,
                    (System.nanoTime() - t0) / 1e9);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double last = valBits.get(valBits.size() - 1);
        o.printf("validation: %.3f bits/char after %d steps, %.1f%% of the unigram entropy %.3f (target <= 60%%: %s);"
                + " trained in %.1f s%n", last, step, 100 * last / entropy, entropy,
                last <= 0.6 * entropy ? "reached" : "not reached", seconds);

        Path weights = o.file("charlm.safetensors");
        try {
            m.save(weights);
        } catch (IOException e) {
            throw new UncheckedIOException("charlm: cannot save " + weights, e);
        }
        String g = generate(m, v, prompt, length, temperature, o.seed());
        o.printf("%ngenerated from \"%s\" at temperature %.2f:%n%s%n%n", prompt, temperature, indent(g));
        Path pic = curves(trainBits, valBits, valSteps, entropy, o.file("charlm_loss.png"));
        o.println("wrote " + pic);
        o.println("saved the weights to " + weights + " (generate again with --load=" + weights
                + " --prompt=... --temperature=...)");
        return new Result(v.chars(), entropy, List.copyOf(trainBits), List.copyOf(valBits), List.copyOf(valSteps),
                List.copyOf(samples), g, seconds, pic, weights);
    }

    private static void generateChecks(double temperature, int length) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("charlm: --temperature=" + temperature + " must be > 0 and finite");
        }
        if (length < 0) {
            throw new IllegalArgumentException("charlm: --length=" + length + " must be >= 0");
        }
    }

    private static String indent(String s) {
        return "    | " + s.replace("\n", "\n    | ");
    }

    /** Train loss per step (and its running mean over 20 steps), validation per epoch, the 60 % line. */
    static Path curves(List<Double> train, List<Double> val, List<Integer> valSteps, double entropy, Path file) {
        XYChart c = Plots.xy("Character-level LSTM: loss in bits per character", "training step", "bits/char",
                900, 500);
        int n = train.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] smooth = new double[n];
        double run = 0;
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = train.get(i);
            run += y[i] - (i >= 20 ? y[i - 20] : 0);
            smooth[i] = run / Math.min(i + 1, 20);
        }
        Plots.line(c, "train (per step)", x, y, Plots.PALETTE[0], false).setLineWidth(1f);
        Plots.line(c, "train (mean of 20 steps)", x, smooth, Plots.PALETTE[2], false);
        double[] vx = valSteps.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] vy = val.stream().mapToDouble(Double::doubleValue).toArray();
        Plots.line(c, "validation (per epoch)", vx, vy, Plots.PALETTE[1], false);
        Plots.scatter(c, "validation points", vx, vy, Plots.PALETTE[1]);
        Plots.line(c, String.format(Locale.ROOT, "unigram entropy %.2f", entropy), new double[] {1, n},
                new double[] {entropy, entropy}, Plots.PALETTE[3], true);
        Plots.line(c, "60% of it (target)", new double[] {1, n}, new double[] {0.6 * entropy, 0.6 * entropy},
                Plots.PALETTE[4], true);
        return Plots.save(c, file);
    }
}
