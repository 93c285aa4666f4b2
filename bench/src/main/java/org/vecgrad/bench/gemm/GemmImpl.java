package org.vecgrad.bench.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.kernel.GemmKernels;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.gemm.SimdGemm;

/**
 * One implementation of a {@link GemmProblem}'s {@code C = op(A)·op(B)} (alpha = 1, beta = 0), with its own C:
 * {@code simd} (vecgrad's public {@link Blas} call, the SIMD kernels), {@code scalar} (vecgrad's scalar reference
 * kernels), {@code naive} ({@link NaiveGemm}, single-threaded), {@code ejml} (EJML's dense row-major multiply,
 * the concurrent variant unless threads = 1), {@code openblas} ({@link OpenBlas}, operands copied once into native
 * memory, as OpenBLAS users' would be), and {@code simd1t} / {@code openblas1t}: vecgrad / OpenBLAS held to one
 * thread for each call whatever the set-up's thread count (for paired speed-up measurements), and {@code nonarrow}:
 * vecgrad with the narrow last-panel kernel off for each call ({@code SimdGemm.setNarrow}; old path against new,
 * same bits), and {@code nodirect}: vecgrad with every tile through the tile array and the C update, none stored by
 * the micro-kernel straight into C ({@code SimdGemm.setDirectStore}; old path against new, same bits), and
 * {@code shallow}: vecgrad with the deep block sizes (depth ≥ 1024 F64, ≥ 2048 F32) off for each call ({@code SimdGemm.setDeepDepth};
 * old path against new; the depth split differs, so the bits may too). Shared by
 * {@link GemmBench} (one implementation per trial) and {@link GemmPairedBench} (two, timed back to back).
 */
final class GemmImpl implements AutoCloseable {
    private final String name;
    private final GemmProblem p;
    private final boolean multiThreaded;
    /** Threads of the set-up (0 resolved to the processor count). */
    private final int threads;
    private final float[] cf;
    private final double[] cd;
    private GemmKernels scalar;
    private FMatrixRMaj ejA;
    private FMatrixRMaj ejB;
    private FMatrixRMaj ejC;
    private DMatrixRMaj ejAd;
    private DMatrixRMaj ejBd;
    private DMatrixRMaj ejCd;
    private Arena arena;
    private MemorySegment na;
    private MemorySegment nb;
    private MemorySegment nc;

    /**
     * Prepares {@code name} on problem {@code p} with {@code threads} threads (0 = all processors; sets the thread
     * count of vecgrad's {@link Blas} and of the chosen library, which are process-wide).
     *
     * @throws IllegalStateException starting with "SKIP:" when the implementation cannot run here (OpenBLAS not
     *     loadable, with {@link OpenBlas#unavailableReason()}; the naive loop with more than one thread), or when
     *     vecgrad's SIMD kernels are not active
     * @throws IllegalArgumentException for an unknown name
     */
    GemmImpl(String name, GemmProblem p, int threads) {
        this.name = name;
        this.p = p;
        this.multiThreaded = threads != 1;
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        this.threads = t;
        cf = p.f32 ? new float[p.m * p.n] : null;
        cd = p.f32 ? null : new double[p.m * p.n];
        Blas.setNumThreads(t);
        switch (name) {
            case "simd", "simd1t", "nonarrow", "nodirect", "shallow" -> {
                if (!Kernels.active().isSimd()) {
                    throw new IllegalStateException("vecgrad runs its scalar kernels: " + Kernels.simdUnavailableReason());
                }
                System.out.println("\n# vecgrad " + Kernels.active() + "; " + org.vecgrad.engine.kernel.gemm.SimdGemm.describe());
            }
            case "scalar" -> scalar = Kernels.scalar().gemm();
            case "naive" -> {
                if (t != 1) {
                    throw new IllegalStateException("SKIP: the naive loop is single-threaded");
                }
            }
            case "ejml" -> {
                EjmlConcurrency.setMaxThreads(t);
                int m = p.m;
                int n = p.n;
                int k = p.k;
                ejA = new FMatrixRMaj(p.ta ? k : m, p.ta ? m : k, true, p.af);
                ejB = new FMatrixRMaj(p.tb ? n : k, p.tb ? k : n, true, p.bf);
                ejC = new FMatrixRMaj(m, n);
                ejAd = new DMatrixRMaj(p.ta ? k : m, p.ta ? m : k, true, p.ad);
                ejBd = new DMatrixRMaj(p.tb ? n : k, p.tb ? k : n, true, p.bd);
                ejCd = new DMatrixRMaj(m, n);
            }
            case "openblas", "openblas1t" -> {
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
                if (p.f32) {
                    na = arena.allocateFrom(ValueLayout.JAVA_FLOAT, p.af);
                    nb = arena.allocateFrom(ValueLayout.JAVA_FLOAT, p.bf);
                    nc = arena.allocate(ValueLayout.JAVA_FLOAT, (long) p.m * p.n);
                } else {
                    na = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, p.ad);
                    nb = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, p.bd);
                    nc = arena.allocate(ValueLayout.JAVA_DOUBLE, (long) p.m * p.n);
                }
            }
            default -> throw new IllegalArgumentException(
                    "impl: simd, simd1t, nonarrow, nodirect, shallow, scalar, naive, ejml, openblas or openblas1t, not " + name);
        }
    }

    String name() {
        return name;
    }

    /** One product into this implementation's C; returns C (an array, an EJML matrix's array or a native segment). */
    Object run() {
        int m = p.m;
        int n = p.n;
        int k = p.k;
        boolean ta = p.ta;
        boolean tb = p.tb;
        int lda = p.lda();
        int ldb = p.ldb();
        switch (name) {
            case "simd" -> vecgrad();
            case "simd1t" -> Blas.withMaxThreads(1, this::vecgrad); // one thread for this call; the pool stays as it is
            case "nonarrow" -> { // the MR × 1-vector kernel on a narrow last column panel for this call, then back
                boolean was = SimdGemm.narrow();
                SimdGemm.setNarrow(false);
                try {
                    vecgrad();
                } finally {
                    SimdGemm.setNarrow(was);
                }
            }
            case "nodirect" -> { // every tile through the tile array and the C update for this call, then back
                boolean was = SimdGemm.directStore();
                SimdGemm.setDirectStore(false);
                try {
                    vecgrad();
                } finally {
                    SimdGemm.setDirectStore(was);
                }
            }
            case "shallow" -> { // the L1-sized depth blocks at any depth for this call, then back
                boolean was = SimdGemm.deepDepth();
                SimdGemm.setDeepDepth(false);
                try {
                    vecgrad();
                } finally {
                    SimdGemm.setDeepDepth(was);
                }
            }
            case "scalar" -> {
                if (p.f32) {
                    scalar.sgemm(ta, tb, m, n, k, 1f, p.af, 0, lda, p.bf, 0, ldb, 0f, cf, 0, n);
                } else {
                    scalar.dgemm(ta, tb, m, n, k, 1.0, p.ad, 0, lda, p.bd, 0, ldb, 0.0, cd, 0, n);
                }
            }
            case "naive" -> {
                if (p.f32) {
                    NaiveGemm.sgemm(ta, tb, m, n, k, p.af, p.bf, cf);
                } else {
                    NaiveGemm.dgemm(ta, tb, m, n, k, p.ad, p.bd, cd);
                }
            }
            case "ejml" -> {
                if (p.f32) {
                    ejmlF(multiThreaded);
                    return ejC;
                }
                ejmlD(multiThreaded);
                return ejCd;
            }
            case "openblas" -> {
                openblas();
                return nc;
            }
            case "openblas1t" -> { // one thread for this call (a process-wide setting), then back to the set-up's
                OpenBlas.setNumThreads(1);
                try {
                    openblas();
                } finally {
                    OpenBlas.setNumThreads(threads);
                }
                return nc;
            }
            default -> throw new IllegalStateException(name);
        }
        return p.f32 ? cf : cd;
    }

    /** vecgrad's public call into this implementation's C. */
    private void vecgrad() {
        if (p.f32) {
            Blas.sgemm(p.ta, p.tb, p.m, p.n, p.k, 1f, p.af, 0, p.lda(), p.bf, 0, p.ldb(), 0f, cf, 0, p.n);
        } else {
            Blas.dgemm(p.ta, p.tb, p.m, p.n, p.k, 1.0, p.ad, 0, p.lda(), p.bd, 0, p.ldb(), 0.0, cd, 0, p.n);
        }
    }

    /** OpenBLAS on the native copies of the operands, into the native C. */
    private void openblas() {
        if (p.f32) {
            OpenBlas.sgemm(p.ta, p.tb, p.m, p.n, p.k, 1f, na, p.lda(), nb, p.ldb(), 0f, nc, p.n);
        } else {
            OpenBlas.dgemm(p.ta, p.tb, p.m, p.n, p.k, 1.0, na, p.lda(), nb, p.ldb(), 0.0, nc, p.n);
        }
    }

    /** A copy of C after the last {@link #run()}, as doubles (for checks, not timed). */
    double[] result() {
        int size = p.m * p.n;
        double[] c = new double[size];
        for (int i = 0; i < size; i++) {
            c[i] = switch (name) {
                case "ejml" -> p.f32 ? ejC.data[i] : ejCd.data[i];
                case "openblas", "openblas1t" -> p.f32 ? nc.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                        : nc.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                default -> p.f32 ? cf[i] : cd[i];
            };
        }
        return c;
    }

    /** Frees OpenBLAS's native operands (the other implementations hold only Java arrays). */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }

    private void ejmlF(boolean mt) {
        boolean ta = p.ta;
        boolean tb = p.tb;
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
        boolean ta = p.ta;
        boolean tb = p.tb;
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
