package org.vecgrad.bench.gemm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.kernel.ElementwiseKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.PackedMatrix;

/**
 * The packed-B product ({@link Blas#spack}) against what its users ran before, alternating in one process, F32, one
 * thread: rounds of {@code reps} calls of each side back to back (the side that goes first alternating), timed in
 * thread-CPU time so that other processes on a shared machine count less, and the ratio per pair of rounds. Cases:
 * the LSTM step products at batch 32, hidden 256 (forward h·W_hhᵀ, 32 × 1024 × 256, against the unpacked product on
 * the W_hhᵀ copy; backward dG·W_hh, 32 × 256 × 1024) and the three layers of the ONNX MLP 784-256-128-10 at batch 1
 * (against the axpy loop the ONNX {@code Dense} ran below 8 rows) and 64 (against the unpacked product). Prints
 * each case's median times and the median and quartiles of old / new. A check while optimising, not a figure.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     org.vecgrad.bench.gemm.PackedGemmPaired [pairs, 21]
 * </pre>
 */
public final class PackedGemmPaired {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private PackedGemmPaired() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        Blas.setNumThreads(1);
        SplittableRandom r = new SplittableRandom(1);
        System.out.println("paired, thread-CPU time, 1 thread, F32; old/new > 1: the packed product is faster");
        int m = 32;
        int h = 256;
        int gh = 4 * h;
        float[] hPrev = random(r, m * h);
        float[] wT = random(r, h * gh);
        float[] gates = new float[m * gh];
        PackedMatrix pT = Blas.spack(false, h, gh, wT, 0, gh);
        pair("lstm fwd step 32x1024x256", pairs, 20,
                () -> Blas.sgemm(false, false, m, gh, h, 1f, hPrev, 0, h, wT, 0, gh, 1f, gates, 0, gh),
                () -> Blas.sgemm(false, m, 1f, hPrev, 0, h, pT, 1f, gates, 0, gh));
        float[] dg = random(r, m * gh);
        float[] w = random(r, gh * h);
        float[] dh = new float[m * h];
        PackedMatrix p = Blas.spack(false, gh, h, w, 0, h);
        pair("lstm bwd step 32x256x1024", pairs, 20,
                () -> Blas.sgemm(false, false, m, h, gh, 1f, dg, 0, gh, w, 0, h, 1f, dh, 0, h),
                () -> Blas.sgemm(false, m, 1f, dg, 0, gh, p, 1f, dh, 0, h));
        int[][] layers = {{784, 256}, {256, 128}, {128, 10}};
        ElementwiseKernels ew = Kernels.active().elementwise();
        for (int rows : new int[] {1, 64}) {
            for (int[] l : layers) {
                int k = l[0];
                int n = l[1];
                float[] a = random(r, rows * k);
                float[] b = random(r, k * n);
                float[] c = new float[rows * n];
                PackedMatrix pb = Blas.spack(false, k, n, b, 0, n);
                Runnable old = rows >= 8
                        ? () -> Blas.sgemm(false, false, rows, n, k, 1f, a, 0, k, b, 0, n, 1f, c, 0, n)
                        : () -> { // the former Dense below 8 rows: one axpy per element of A over a row of B
                            for (int i = 0; i < rows; i++) {
                                for (int q = 0; q < k; q++) {
                                    float s = a[i * k + q];
                                    if (s != 0) {
                                        ew.axpy(s, b, q * n, c, i * n, n);
                                    }
                                }
                            }
                        };
                pair("onnx mlp b" + rows + " " + k + "x" + n, pairs, Math.max(5, 4_000_000 / (rows * k * n)), old,
                        () -> Blas.sgemm(false, rows, 1f, a, 0, k, pb, 1f, c, 0, n));
            }
        }
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /** Thread-CPU nanoseconds of {@code reps} calls. */
    private static long time(Runnable body, int reps) {
        long t0 = MX.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            body.run();
        }
        return MX.getCurrentThreadCpuTime() - t0;
    }

    private static void pair(String name, int pairs, int reps, Runnable oldSide, Runnable newSide) {
        for (int i = 0; i < 2000 / reps + 5; i++) { // warm-up: C2 compiles both sides' kernels
            time(oldSide, reps);
            time(newSide, reps);
        }
        double[] ratio = new double[pairs];
        double[] oldUs = new double[pairs];
        double[] newUs = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            long a;
            long b;
            if ((i & 1) == 0) {
                a = time(oldSide, reps);
                b = time(newSide, reps);
            } else {
                b = time(newSide, reps);
                a = time(oldSide, reps);
            }
            oldUs[i] = a / 1e3 / reps;
            newUs[i] = b / 1e3 / reps;
            ratio[i] = (double) a / b;
        }
        Arrays.sort(ratio);
        Arrays.sort(oldUs);
        Arrays.sort(newUs);
        System.out.printf(Locale.ROOT, "%-28s old %9.2f us  new %9.2f us  old/new %.3f (quartiles %.3f-%.3f)%n",
                name, oldUs[pairs / 2], newUs[pairs / 2], ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4]);
    }
}
