package org.vecgrad.examples;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.Kernels;

/**
 * Entry point of the examples: {@code Main [name] [--out=DIR] [--quick] [--seed=N] [--key=value ...]};
 * {@code --help} lists them. From Maven: {@code mvn -q -pl examples -am compile exec:exec -Dexample=NAME
 * -Dexample.args="--epochs=10"}.
 */
public final class Main {
    private Main() {
    }

    /** The example run when no name is given. */
    public static final String DEFAULT = "circles";

    /** One runnable example: its name, a one-line description, and its entry point. */
    public record Entry(String name, String description, Function<Options, ?> run) {
    }

    /** Every example, in the order {@code --help} lists them. */
    public static final List<Entry> EXAMPLES = List.of(
            new Entry("circles", "two concentric circles learned by a 2-4-6-6-4-1 network: decision boundary and"
                    + " learning curves", Circles::run),
            new Entry("digits", "an MLP on the 8x8 digits: accuracy, confusion matrix, misclassified digits, saved"
                    + " and reloaded as safetensors", Digits::run),
            new Entry("summary", "the 3-3-2-2 network built three ways (Sequential, functional, subclass), each"
                    + " summary(): 26 parameters", Summaries::run),
            new Entry("activations", "every activation and its derivative on [-6, 6]: plots and a saturation table",
                    Activations::run),
            new Entry("softmax", "softmax of 9 logits, and why subtracting the max matters (naive exp -> Inf/NaN)",
                    Softmax::run),
            new Entry("gradcheck", "analytic vs numeric gradients; the error of central differences as eps shrinks"
                    + " (F64, F32); a wrong backward rule caught", GradCheckExample::run),
            new Entry("plotmodel", "plot_model: a Sequential, a functional (branches, merge) and a traced subclassed"
                    + " model as boxes with shapes and arrows (DOT, PNG)", PlotModel::run),
            new Entry("graph", "the computation graph of an expression, with values and gradients (DOT, PNG with"
                    + " Graphviz)", GraphExample::run),
            new Entry("initializers", "weight histograms per initializer; activation std and gradient norm through"
                    + " 10 layers", Initializers::run),
            new Entry("descent", "SGD, momentum and Adam on a bowl and on Himmelblau's function, learning rate too"
                    + " small, right, too large: contour maps with the paths (GIF and PNG)", Descent::run),
            new Entry("approximation", "universal approximation: one hidden layer of 2, 4, 8, 32 tanh units fitting"
                    + " sin(3x) + 0.3x^2, the error per width", Approximation::run),
            new Entry("backprop", "forward and backward pass of a 2-3-1 network by hand (dW = delta a^T ...) and by"
                    + " autodiff, every value side by side", Backprop::run),
            new Entry("lenet", "LeNet-5 on Fashion-MNIST (8x8 digits when absent): time per epoch, test accuracy,"
                    + " learning curves, filters, feature maps, confusion matrix", LeNet::run),
            new Entry("inception", "a small GoogLeNet (stem, two Inception blocks, global average pooling) on"
                    + " Fashion-MNIST: summary, accuracy, the same pictures", Inception::run),
            new Entry("sequence", "the 8x8 digits read row by row by an LSTM (test accuracy), and a GRU forecasting a"
                    + " noisy sum of sines (RMSE, PNG of forecast vs truth)", Sequence::run),
            new Entry("attention", "a tiny Transformer reversing length-8 sequences over 10 symbols: held-out exact"
                    + " matches, heat maps of its attention weights", TinyTransformer::run),
            new Entry("charlm", "a character-level LSTM (2 x 256) trained on Pride and Prejudice by truncated BPTT:"
                    + " bits/char vs the unigram entropy, samples, loss curves; --prompt=... --temperature=...",
                    CharLm::run),
            new Entry("onnx", "serve a model exported from PyTorch (--model=FILE.onnx; LeNet-5 by default): graph"
                    + " summary, outputs against PyTorch's, batch-1 latency and batch throughput", OnnxServe::run),
            new Entry("demo", "which kernel path runs, and the throughput of a few elementwise kernels",
                    o -> {
                        demo(o);
                        return null;
                    }));

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        String name = args.length == 0 || args[0].isBlank() ? DEFAULT : args[0].trim();
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            help();
            return;
        }
        Entry e = EXAMPLES.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
        if (e == null) {
            System.err.println("unknown example '" + name + "'");
            help();
            System.exit(2);
            return;
        }
        Options o;
        try {
            o = Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        e.run().apply(o);
        if (!name.equals("demo")) {
            o.printf("(%s took %.1f s)%n", name, (System.nanoTime() - t0) / 1e9);
        }
    }

    static void help() {
        StringBuilder sb = new StringBuilder("""
                vecgrad examples
                  mvn -q -pl examples -am compile exec:exec                  runs the default (%s)
                  mvn -q -pl examples -am compile exec:exec -Dexample=NAME   runs NAME
                  options (-Dexample.args="..."): --out=DIR (default examples/out), --quick (small sizes),
                                                  --seed=N, and per example --epochs=N etc.

                """.formatted(DEFAULT));
        for (Entry e : EXAMPLES) {
            sb.append(String.format(Locale.ROOT, "  %-13s %s%n", e.name(), e.description()));
        }
        System.out.print(sb);
    }

    /** Prints the active kernel path and measures a few kernels on 4 Mi F32 elements. */
    static void demo(Options o) {
        o.println("vecgrad engine demo");
        o.println("kernel path: " + Kernels.active());
        if (!Kernels.active().isSimd()) {
            o.println("  (SIMD unavailable: " + Kernels.simdUnavailableReason() + ")");
        }
        int n = o.quick() ? 1 << 16 : 1 << 22;
        NdArray x = NdArray.randn(DType.F32, new SplittableRandom(42), n);
        NdArray y = NdArray.zerosLike(x);
        o.printf("throughput on %d F32 elements (bytes read + written per second):%n", n);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.RELU, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.GELU, UnaryOp.EXP}) {
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < (o.quick() ? 3 : 30); rep++) {
                long t0 = System.nanoTime();
                x.apply(op, 0, 0, y);
                best = Math.min(best, System.nanoTime() - t0);
            }
            o.printf("  %-8s %6.1f GB/s   (y[0] = %.6f for x[0] = %.6f)%n",
                    op.name().toLowerCase(Locale.ROOT), 8.0 * n / best, y.getFlat(0), x.getFlat(0));
        }
        NdArray logits = NdArray.of(new float[] {0.2f, 0.02f, 0.15f, 1.3f, 0.5f, 0.06f, 1.1f, 0.05f, 3.75f});
        NdArray p = logits.softmax(-1);
        o.printf("softmax of 9 logits: class %d with p = %.4f (sum %.6f)%n", p.argmax(), p.max(), p.sum());
        o.println("more examples: -Dexample=NAME, list them with -Dexample=--help");
    }
}
