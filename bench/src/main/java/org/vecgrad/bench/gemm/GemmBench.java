package org.vecgrad.bench.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.kernel.GemmKernels;
import org.vecgrad.engine.kernel.Kernels;

/**
 * GEMM {@code C = A·B} (beta = 0) side by side: vecgrad SIMD ({@link Blas}), vecgrad's scalar reference path, a
 * naive i-k-j triple loop, EJML dense multiply, and OpenBLAS through FFM. Time per product; the report
 * ({@code bench/report.sh}) turns it into GFLOP/s = 2mnk / time, % of the FMA peak
 * ({@link org.vecgrad.bench.ceiling.FmaPeakBench}) and the ratio to OpenBLAS.
 *
 * <p>{@code shape} is {@code MxNxK:tt}: op(A) is M × K, op(B) K × N, t = n (stored as is) or t (stored
 * transposed) for A then B. The MLP 784→256→128 at batch 128 gives the non-square shapes: forward
 * {@code 128x256x784:nn}, weight gradient Xᵀ·dY {@code 784x256x128:tn}, input gradient dY·Wᵀ
 * {@code 128x784x256:nt}, and the same three for the 256→128 layer. {@code threads} 0 means all processors.
 * Run with {@code bench/report.sh} or {@code bench/run-gemm.sh} (they unset OPENBLAS_CORETYPE /
 * OPENBLAS_L2_SIZE, which would force a slower OpenBLAS kernel).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {

    @Param({"64x64x64:nn", "128x128x128:nn", "256x256x256:nn", "512x512x512:nn", "1024x1024x1024:nn",
        "2048x2048x2048:nn", "128x256x784:nn", "784x256x128:tn", "128x784x256:nt", "128x128x256:nn",
        "256x128x128:tn", "128x256x128:nt"})
    public String shape;

    @Param({"simd", "scalar", "naive", "ejml", "openblas"})
    public String impl;

    @Param({"F32", "F64"})
    public String dtype;

    @Param({"1", "0"})
    public int threads;

    int m;
    int n;
    int k;
    boolean ta;
    boolean tb;
    float[] af;
    float[] bf;
    float[] cf;
    double[] ad;
    double[] bd;
    double[] cd;
    GemmKernels scalar;
    FMatrixRMaj ejA;
    FMatrixRMaj ejB;
    FMatrixRMaj ejC;
    DMatrixRMaj ejAd;
    DMatrixRMaj ejBd;
    DMatrixRMaj ejCd;
    Arena arena;
    MemorySegment na;
    MemorySegment nb;
    MemorySegment nc;
    boolean f32;

    @Setup(Level.Trial)
    public void setup() {
        String[] mt = shape.split(":");
        String[] dims = mt[0].split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        ta = mt.length > 1 && mt[1].charAt(0) == 't';
        tb = mt.length > 1 && mt[1].charAt(1) == 't';
        f32 = dtype.equals("F32");
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        SplittableRandom r = new SplittableRandom(17);
        ad = new double[m * k];
        bd = new double[k * n];
        cd = new double[m * n];
        for (int i = 0; i < ad.length; i++) {
            ad[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < bd.length; i++) {
            bd[i] = r.nextDouble(-1, 1);
        }
        af = toFloat(ad);
        bf = toFloat(bd);
        cf = new float[m * n];
        Blas.setNumThreads(t);
        switch (impl) {
            case "simd" -> {
                if (!Kernels.active().isSimd()) {
                    throw new IllegalStateException("vecgrad runs its scalar kernels: " + Kernels.simdUnavailableReason());
                }
                System.out.println("\n# vecgrad " + Kernels.active() + "; " + org.vecgrad.engine.kernel.simd.SimdGemm.describe());
            }
            case "scalar" -> scalar = Kernels.scalar().gemm();
            case "naive" -> {
                if (t != 1) {
                    throw new IllegalStateException("SKIP: the naive loop is single-threaded");
                }
            }
            case "ejml" -> {
                EjmlConcurrency.setMaxThreads(t);
                ejA = new FMatrixRMaj(ta ? k : m, ta ? m : k, true, af);
                ejB = new FMatrixRMaj(tb ? n : k, tb ? k : n, true, bf);
                ejC = new FMatrixRMaj(m, n);
                ejAd = new DMatrixRMaj(ta ? k : m, ta ? m : k, true, ad);
                ejBd = new DMatrixRMaj(tb ? n : k, tb ? k : n, true, bd);
                ejCd = new DMatrixRMaj(m, n);
            }
            case "openblas" -> {
                String why = OpenBlas.unavailableReason();
                if (why != null) {
                    throw new IllegalStateException("SKIP: OpenBLAS unavailable: " + why);
                }
                String env = System.getenv("OPENBLAS_CORETYPE") + "/" + System.getenv("OPENBLAS_L2_SIZE");
                System.out.println("\n# OpenBLAS " + OpenBlas.path() + ", core " + OpenBlas.coreName()
                        + ", OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE = " + env + (env.equals("null/null") ? ""
                        : "  <-- set: run through bench/report.sh to unset them"));
                OpenBlas.setNumThreads(t);
                arena = Arena.ofShared();
                if (f32) {
                    na = arena.allocateFrom(ValueLayout.JAVA_FLOAT, af);
                    nb = arena.allocateFrom(ValueLayout.JAVA_FLOAT, bf);
                    nc = arena.allocate(ValueLayout.JAVA_FLOAT, (long) m * n);
                } else {
                    na = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, ad);
                    nb = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, bd);
                    nc = arena.allocate(ValueLayout.JAVA_DOUBLE, (long) m * n);
                }
            }
            default -> throw new IllegalArgumentException("impl " + impl);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (arena != null) {
            arena.close();
        }
        Blas.shutdown();
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static final java.lang.management.ThreadMXBean MX =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * CPU time of the benchmark thread, next to JMH's wall time: on a shared machine the thread is often
     * descheduled, which inflates wall time but not CPU time. Meaningful for threads = 1 only (vecgrad and OpenBLAS
     * then compute on the calling thread); the report shows {@code 2mnk / (cpuNanos / calls)} next to wall-clock
     * GFLOP/s when threads = 1.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        /** Sum of thread CPU nanoseconds over the iteration's calls. */
        public long cpuNanos;
        /** Calls in the iteration. */
        public long calls;

        /** JMH does not clear the counters itself. */
        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            calls = 0;
        }
    }

    @Benchmark
    public Object gemm(Cpu cpu) {
        long t0 = MX.getCurrentThreadCpuTime();
        Object r = run();
        cpu.cpuNanos += MX.getCurrentThreadCpuTime() - t0;
        cpu.calls++;
        return r;
    }

    private Object run() {
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        switch (impl) {
            case "simd" -> {
                if (f32) {
                    Blas.sgemm(ta, tb, m, n, k, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
                } else {
                    Blas.dgemm(ta, tb, m, n, k, 1.0, ad, 0, lda, bd, 0, ldb, 0.0, cd, 0, n);
                }
            }
            case "scalar" -> {
                if (f32) {
                    scalar.sgemm(ta, tb, m, n, k, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
                } else {
                    scalar.dgemm(ta, tb, m, n, k, 1.0, ad, 0, lda, bd, 0, ldb, 0.0, cd, 0, n);
                }
            }
            case "naive" -> {
                if (f32) {
                    NaiveGemm.sgemm(ta, tb, m, n, k, af, bf, cf);
                } else {
                    NaiveGemm.dgemm(ta, tb, m, n, k, ad, bd, cd);
                }
            }
            case "ejml" -> {
                boolean mt = threads != 1;
                if (f32) {
                    ejmlF(mt);
                } else {
                    ejmlD(mt);
                }
            }
            case "openblas" -> {
                if (f32) {
                    OpenBlas.sgemm(ta, tb, m, n, k, 1f, na, lda, nb, ldb, 0f, nc, n);
                } else {
                    OpenBlas.dgemm(ta, tb, m, n, k, 1.0, na, lda, nb, ldb, 0.0, nc, n);
                }
                return nc;
            }
            default -> throw new IllegalStateException(impl);
        }
        return f32 ? cf : cd;
    }

    private void ejmlF(boolean mt) {
        if (!ta && !tb) {
            if (mt) {
                CommonOps_MT_FDRM.mult(ejA, ejB, ejC);
            } else {
                CommonOps_FDRM.mult(ejA, ejB, ejC);
            }
        } else if (ta && !tb) {
            if (mt) {
                CommonOps_MT_FDRM.multTransA(ejA, ejB, ejC);
            } else {
                CommonOps_FDRM.multTransA(ejA, ejB, ejC);
            }
        } else if (!ta) {
            if (mt) {
                CommonOps_MT_FDRM.multTransB(ejA, ejB, ejC);
            } else {
                CommonOps_FDRM.multTransB(ejA, ejB, ejC);
            }
        } else if (mt) {
            CommonOps_MT_FDRM.multTransAB(ejA, ejB, ejC);
        } else {
            CommonOps_FDRM.multTransAB(ejA, ejB, ejC);
        }
    }

    private void ejmlD(boolean mt) {
        if (!ta && !tb) {
            if (mt) {
                CommonOps_MT_DDRM.mult(ejAd, ejBd, ejCd);
            } else {
                CommonOps_DDRM.mult(ejAd, ejBd, ejCd);
            }
        } else if (ta && !tb) {
            if (mt) {
                CommonOps_MT_DDRM.multTransA(ejAd, ejBd, ejCd);
            } else {
                CommonOps_DDRM.multTransA(ejAd, ejBd, ejCd);
            }
        } else if (!ta) {
            if (mt) {
                CommonOps_MT_DDRM.multTransB(ejAd, ejBd, ejCd);
            } else {
                CommonOps_DDRM.multTransB(ejAd, ejBd, ejCd);
            }
        } else if (mt) {
            CommonOps_MT_DDRM.multTransAB(ejAd, ejBd, ejCd);
        } else {
            CommonOps_DDRM.multTransAB(ejAd, ejBd, ejCd);
        }
    }
}
