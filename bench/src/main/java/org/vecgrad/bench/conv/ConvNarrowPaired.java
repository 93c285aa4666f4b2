package org.vecgrad.bench.conv;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.kernel.gemm.SimdGemm;
import org.vecgrad.engine.nn.ConvGeometry;
import org.vecgrad.engine.nn.Convolution;
import org.vecgrad.engine.nn.Padding;

/**
 * The GEMM's narrow kernel for a ragged last column panel of at most 4 columns ({@link SimdGemm#setNarrow}) against
 * the one-vector kernel it replaces, on {@link ConvBench}'s convolutions, alternating in one process, F32, one
 * thread: rounds of {@code calls} forwards (or forward + both gradients) with each setting back to back (the side
 * that goes first alternating), timed in thread-CPU time so that other processes on a shared machine count less.
 * Prints per shape the median time per call of each side and the median and quartiles of old / new over the pairs
 * (above 1: the narrow kernel is faster). The bits are the same either way (tested). A check while optimising, not
 * a figure.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     org.vecgrad.bench.conv.ConvNarrowPaired [pairs, 31] [shape ..., 3x3s2_128-256_28_b1]
 * </pre>
 */
public final class ConvNarrowPaired {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private ConvNarrowPaired() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 31;
        String[] shapes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"3x3s2_128-256_28_b1"};
        Blas.setNumThreads(1);
        boolean was = SimdGemm.narrow();
        System.out.println("paired, thread-CPU time, 1 thread, F32; old/new > 1: the narrow kernel is faster");
        try {
            for (String name : shapes) {
                ConvBench.Shape s = ConvBench.SHAPES.get(name);
                if (s == null) {
                    throw new IllegalArgumentException("ConvNarrowPaired: unknown shape " + name + "; known: "
                            + ConvBench.SHAPES.keySet());
                }
                run(name, s, pairs, false);
                run(name, s, pairs, true);
            }
        } finally {
            SimdGemm.setNarrow(was);
        }
    }

    /** One shape's forward (or forward + input and weight gradients), narrow kernel off (old) and on (new). */
    private static void run(String name, ConvBench.Shape s, int pairs, boolean backward) {
        SplittableRandom r = new SplittableRandom(1);
        int[] xs = {s.n(), s.c(), s.side(), s.side()};
        int[] ws = {s.o(), s.c() / s.groups(), s.k(), s.k()};
        ConvGeometry g = ConvGeometry.conv2d("ConvNarrowPaired " + name, xs, ws, new int[] {s.stride(), s.stride()},
                Padding.of(s.pad()), new int[] {1, 1}, s.groups());
        NdArray x = NdArray.randn(DType.F32, r, xs);
        NdArray w = NdArray.randn(DType.F32, r, ws).mul(1.0 / Math.sqrt((double) ws[1] * s.k() * s.k()));
        NdArray b = NdArray.randn(DType.F32, r, s.o());
        NdArray gy = NdArray.randn(DType.F32, r, g.outputShape());
        Runnable call = () -> {
            Convolution.forward(x, w, b, g);
            if (backward) {
                Convolution.inputGrad(gy, w, null, g);
                Convolution.weightGrad(x, gy, g);
            }
        };
        // about 20 ms a round at 100 GFLOP/s
        int calls = (int) Math.max(1, 2e9 / ((backward ? 3 : 1) * s.flop()));
        int warm = 10;
        double[] oldNs = new double[pairs];
        double[] newNs = new double[pairs];
        double[] ratio = new double[pairs];
        for (int i = -warm; i < pairs; i++) {
            boolean newFirst = (i & 1) == 0;
            long first = round(call, calls, newFirst);
            long second = round(call, calls, !newFirst);
            if (i >= 0) {
                newNs[i] = (double) (newFirst ? first : second) / calls;
                oldNs[i] = (double) (newFirst ? second : first) / calls;
                ratio[i] = oldNs[i] / newNs[i];
            }
        }
        Arrays.sort(oldNs);
        Arrays.sort(newNs);
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "%-22s %-16s old %9.1f us  new %9.1f us  old/new %.3f (IQR %.3f-%.3f, %d pairs)%n",
                name, backward ? "forward+grads" : "forward", oldNs[pairs / 2] / 1e3, newNs[pairs / 2] / 1e3,
                ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4], pairs);
    }

    /** Thread-CPU nanoseconds of {@code calls} calls with the narrow kernel on or off. */
    private static long round(Runnable call, int calls, boolean narrow) {
        SimdGemm.setNarrow(narrow);
        long t0 = MX.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return MX.getCurrentThreadCpuTime() - t0;
    }
}
