package org.vecgrad.bench.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.vecgrad.bench.ceiling.FlopCounter;
import org.vecgrad.bench.ceiling.FmaPeakBench;
import org.vecgrad.engine.Blas;

/**
 * A quick interleaved A/B check for tuning on a shared, noisy machine (JMH {@link GemmBench} is the record):
 * vecgrad SIMD and OpenBLAS take turns on the same shape, round after round, and the report gives the best time of
 * each and the median of the per-round ratios. Usage:
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar org.vecgrad.bench.gemm.GemmCompare
 * [F32|F64] threads rounds shape...} with shapes as in {@link GemmBench} ({@code MxNxK:tt}).
 */
public final class GemmCompare {
    private GemmCompare() {
    }

    private static final java.lang.management.ThreadMXBean MX =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static boolean cpuTime;

    /** Wall-clock ns, or with -Dcpu=true (1 thread only) this thread's CPU ns: immune to being descheduled. */
    private static long now() {
        return cpuTime ? MX.getCurrentThreadCpuTime() : System.nanoTime();
    }

    public static void main(String[] args) {
        cpuTime = Boolean.getBoolean("cpu");
        boolean f32 = !args[0].equals("F64");
        int threads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Blas.setNumThreads(threads);
        boolean ob = OpenBlas.unavailableReason() == null;
        if (ob) {
            OpenBlas.setNumThreads(threads);
            System.out.println("OpenBLAS core " + OpenBlas.coreName());
        } else {
            System.out.println("OpenBLAS unavailable: " + OpenBlas.unavailableReason());
        }
        // Warm the JIT on every shape first (a busy machine starves the C2 compiler thread for seconds).
        long warmUntil = System.nanoTime() + Long.getLong("warm", 6) * 1_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (int s = 3; s < args.length; s++) {
                String[] d = args[s].split(":")[0].split("x");
                int m = Integer.parseInt(d[0]);
                int n = Integer.parseInt(d[1]);
                int k = Integer.parseInt(d[2]);
                boolean ta = args[s].contains(":t");
                boolean tb = args[s].endsWith("t");
                if (f32) {
                    Blas.sgemm(ta, tb, m, n, k, 1f, new float[m * k], 0, ta ? m : k, new float[k * n], 0, tb ? k : n,
                            0f, new float[m * n], 0, n);
                } else {
                    Blas.dgemm(ta, tb, m, n, k, 1.0, new double[m * k], 0, ta ? m : k, new double[k * n], 0,
                            tb ? k : n, 0.0, new double[m * n], 0, n);
                }
            }
        }
        for (int s = 3; s < args.length; s++) {
            String[] mt = args[s].split(":");
            String[] d = mt[0].split("x");
            int m = Integer.parseInt(d[0]);
            int n = Integer.parseInt(d[1]);
            int k = Integer.parseInt(d[2]);
            boolean ta = mt.length > 1 && mt[1].charAt(0) == 't';
            boolean tb = mt.length > 1 && mt[1].charAt(1) == 't';
            int lda = ta ? m : k;
            int ldb = tb ? k : n;
            SplittableRandom r = new SplittableRandom(1);
            float[] af = new float[m * k];
            float[] bf = new float[k * n];
            float[] cf = new float[m * n];
            double[] ad = new double[m * k];
            double[] bd = new double[k * n];
            double[] cd = new double[m * n];
            for (int i = 0; i < af.length; i++) {
                ad[i] = af[i] = (float) r.nextDouble(-1, 1);
            }
            for (int i = 0; i < bf.length; i++) {
                bd[i] = bf[i] = (float) r.nextDouble(-1, 1);
            }
            double flops = 2.0 * m * n * k;
            int reps = (int) Math.max(1, Math.min(200, 2e8 / flops));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment na = f32 ? arena.allocateFrom(ValueLayout.JAVA_FLOAT, af)
                        : arena.allocateFrom(ValueLayout.JAVA_DOUBLE, ad);
                MemorySegment nb = f32 ? arena.allocateFrom(ValueLayout.JAVA_FLOAT, bf)
                        : arena.allocateFrom(ValueLayout.JAVA_DOUBLE, bd);
                MemorySegment nc = arena.allocate(f32 ? 4L * m * n : 8L * m * n, 64);
                double[] tv = new double[rounds];
                double[] to = new double[rounds];
                double[] ratio = new double[rounds];
                double[] peak = new double[rounds];
                FmaPeakBench pk = new FmaPeakBench();
                pk.setup();
                FlopCounter flop = new FlopCounter();
                long warmEnd = System.nanoTime() + 2_000_000_000L; // warm up at least 2 s (JIT tiers) and 3 rounds
                int warm = 0;
                for (int round = -1; round < rounds; round++) {
                    if (round == -1 && (warm++ < 3 || System.nanoTime() < warmEnd)) {
                        round = -2;
                    }
                    long t0 = now();
                    for (int i = 0; i < reps; i++) {
                        if (f32) {
                            Blas.sgemm(ta, tb, m, n, k, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
                        } else {
                            Blas.dgemm(ta, tb, m, n, k, 1.0, ad, 0, lda, bd, 0, ldb, 0.0, cd, 0, n);
                        }
                    }
                    long t1 = now();
                    for (int i = 0; ob && i < reps; i++) {
                        if (f32) {
                            OpenBlas.sgemm(ta, tb, m, n, k, 1f, na, lda, nb, ldb, 0f, nc, n);
                        } else {
                            OpenBlas.dgemm(ta, tb, m, n, k, 1.0, na, lda, nb, ldb, 0.0, nc, n);
                        }
                    }
                    long t2 = now();
                    flop.reset();
                    for (int i = 0; i < 25; i++) { // 25 calls: about 1 ms, long enough to time
                        if (f32) {
                            pk.f32(flop);
                        } else {
                            pk.f64(flop);
                        }
                    }
                    long t3 = now();
                    if (round >= 0) {
                        peak[round] = (double) flop.flop / (t3 - t2);
                        tv[round] = (t1 - t0) / (double) reps;
                        to[round] = (t2 - t1) / (double) reps;
                        ratio[round] = to[round] / tv[round];
                    }
                }
                Arrays.sort(tv);
                Arrays.sort(to);
                Arrays.sort(ratio);
                Arrays.sort(peak);
                System.out.printf("%-20s %s t=%d  vecgrad %7.1f GF/s  OpenBLAS %7.1f GF/s  best-ratio %.2f  "
                                + "median-ratio %.2f  (1-thread FMA peak %.0f)%n", args[s], f32 ? "F32" : "F64", threads,
                        flops / tv[0], flops / to[0], to[0] / tv[0], ratio[rounds / 2], peak[rounds - 1]);
            }
        }
        Blas.shutdown();
    }
}
