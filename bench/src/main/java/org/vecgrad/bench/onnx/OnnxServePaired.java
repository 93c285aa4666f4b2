package org.vecgrad.bench.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.onnx.OnnxModel;

/**
 * vecgrad against ONNX Runtime on the models of {@link OnnxServeBench}, alternating in one process: rounds of
 * {@code seconds} on each side, back to back, the side that goes first alternating, and the ratio of their
 * throughputs per pair of rounds. On a shared machine whose speed swings within minutes, separate JMH trials
 * compare the two sides at different moments; a pair of adjacent rounds compares them under the same load. Prints
 * each model and batch's median ratio (vecgrad / ort samples per second) and its spread over the pairs. A check
 * while optimising, not a replacement for the JMH run.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     org.vecgrad.bench.onnx.OnnxServePaired [warm-up seconds, 20] [pairs, 7] [seconds per round, 0.5] [models...]
 * </pre>
 */
public final class OnnxServePaired {
    private OnnxServePaired() {
    }

    public static void main(String[] args) throws Exception {
        double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        List<String> cases = args.length > 3 ? Arrays.asList(args).subList(3, args.length)
                : List.of("mlp:1", "mlp:64", "lenet5:1", "lenet5:64");
        Blas.setNumThreads(1);
        for (String c : cases) {
            String model = c.split(":")[0];
            int batch = Integer.parseInt(c.split(":")[1]);
            byte[] bytes = OnnxServeBench.resource(model);
            OnnxModel vg = OnnxModel.fromBytes(bytes);
            int[] shape = model.equals("lenet5") ? new int[] {batch, 1, 28, 28} : new int[] {batch, 784};
            NdArray x = NdArray.rand(DType.F32, new SplittableRandom(7), shape);
            try (OnnxServeBench.Ort ort = new OnnxServeBench.Ort(bytes, x)) {
                Runnable mine = () -> vg.run(x);
                Runnable theirs = () -> {
                    try {
                        ort.run();
                    } catch (ai.onnxruntime.OrtException e) {
                        throw new IllegalStateException(e);
                    }
                };
                rate(mine, warmup);
                rate(theirs, Math.min(warmup, 2));
                List<Double> ratios = new ArrayList<>();
                double[] best = new double[2];
                for (int p = 0; p < pairs; p++) {
                    double a;
                    double b;
                    if (p % 2 == 0) {
                        a = rate(mine, seconds);
                        b = rate(theirs, seconds);
                    } else {
                        b = rate(theirs, seconds);
                        a = rate(mine, seconds);
                    }
                    best[0] = Math.max(best[0], a);
                    best[1] = Math.max(best[1], b);
                    ratios.add(a / b);
                }
                ratios.sort(null);
                System.out.printf(Locale.ROOT, "%-7s batch %3d  vecgrad/ort %.2f (pairs %.2f..%.2f)  best "
                                + "samples/s vecgrad %.0f ort %.0f%n", model, batch, ratios.get(ratios.size() / 2),
                        ratios.get(0), ratios.get(ratios.size() - 1), best[0] * batch, best[1] * batch);
            }
        }
    }

    /** Calls per second of {@code f} over at least {@code seconds}. */
    static double rate(Runnable f, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        long n = 0;
        long t;
        do {
            f.run();
            n++;
            t = System.nanoTime();
        } while (t < end);
        return n / ((t - t0) / 1e9);
    }
}
