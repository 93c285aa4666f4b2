package org.vecgrad.examples;

import java.util.Locale;
import java.util.SplittableRandom;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.Kernels;

/** Entry point of the examples: {@code Main [name]}; {@code --help} lists them. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String name = args.length == 0 || args[0].isBlank() ? "demo" : args[0].trim();
        switch (name) {
            case "demo" -> demo();
            case "--help", "-h", "help" -> help();
            default -> {
                System.err.println("unknown example '" + name + "'");
                help();
                System.exit(2);
            }
        }
    }

    private static void help() {
        System.out.println("""
                vecgrad examples: mvn -q -pl examples -am compile exec:exec -Dexample=NAME
                  demo   which kernel path runs, and the throughput of a few elementwise kernels (default)
                """);
    }

    /** Prints the active kernel path and measures a few kernels on 4 Mi F32 elements. */
    static void demo() {
        System.out.println("vecgrad engine demo");
        System.out.println("kernel path: " + Kernels.active());
        if (!Kernels.active().isSimd()) {
            System.out.println("  (SIMD unavailable: " + Kernels.simdUnavailableReason() + ")");
        }
        int n = 1 << 22;
        NdArray x = NdArray.randn(DType.F32, new SplittableRandom(42), n);
        NdArray y = NdArray.zerosLike(x);
        System.out.printf(Locale.ROOT, "throughput on %d F32 elements (bytes read + written per second):%n", n);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.RELU, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.GELU, UnaryOp.EXP}) {
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < 30; rep++) {
                long t0 = System.nanoTime();
                x.apply(op, 0, 0, y);
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf(Locale.ROOT, "  %-8s %6.1f GB/s   (y[0] = %.6f for x[0] = %.6f)%n",
                    op.name().toLowerCase(Locale.ROOT), 8.0 * n / best, y.getFlat(0), x.getFlat(0));
        }
        NdArray logits = NdArray.of(new float[] {0.2f, 0.02f, 0.15f, 1.3f, 0.5f, 0.06f, 1.1f, 0.05f, 3.75f});
        NdArray p = logits.softmax(-1);
        System.out.printf(Locale.ROOT, "softmax of 9 logits: class %d with p = %.4f (sum %.6f)%n", p.argmax(),
                p.max(), p.sum());
    }
}
