package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.Backend;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.gemm.SimdGemm;

/**
 * Both GEMM backends against the F64 triple-loop oracle on random problems: shapes 1..300 (favouring the sizes
 * that hit tile edges: 1, primes, lanes ± 1, MR ± 1, NR ± 1), all four transpose combinations, alpha and beta
 * including 0 and 1, offsets and padded leading dimensions, 1..4 threads.
 */
class GemmPropertyTest {

    private static final int THREADS = Blas.numThreads();

    @AfterEach
    void restoreThreads() {
        Blas.setNumThreads(THREADS);
    }

    private static final double[] SCALARS = {0.0, 1.0, -1.0, 0.5, 1.25, -0.75};

    /** Sizes that hit the edges of vectors and register tiles for both dtypes, plus primes. */
    private static int[] edgeSizes() {
        int fl = Kernels.simd().map(Backend::floatLanes).orElse(8);
        int dl = Kernels.simd().map(Backend::doubleLanes).orElse(4);
        boolean simd = Kernels.simd().isPresent();
        int mr = simd ? SimdGemm.tileRows() : 6;
        int nrF = simd ? SimdGemm.tileColumns(true) : 2 * fl;
        int nrD = simd ? SimdGemm.tileColumns(false) : 2 * dl;
        return new int[] {1, 2, 3, 5, 6, 7, 11, 13, 17, 31, 37, 61, 67, 97, 127, 131, 251, 257, 300,
            fl - 1, fl, fl + 1, dl - 1, dl, dl + 1, mr - 1, mr, mr + 1, 2 * mr - 1, 2 * mr + 1,
            nrF - 1, nrF, nrF + 1, 2 * nrF - 1, 2 * nrF + 1, nrD - 1, nrD, nrD + 1, 2 * nrD - 1, 2 * nrD + 1};
    }

    private static int size(SplittableRandom r, int[] edges) {
        int pick = r.nextInt(8);
        if (pick < 3) {
            return edges[r.nextInt(edges.length)];
        }
        return pick < 7 ? 1 + r.nextInt(48) : 1 + r.nextInt(300);
    }

    /** Runs one random instance on {@code backend} in F32 and F64 and returns the first failure, or null. */
    private static String runOne(Backend backend, long seed, int trans, int threads) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] edges = edgeSizes();
        int m = size(r, edges);
        int n = size(r, edges);
        int k = size(r, edges);
        while ((long) m * n * k > 3_000_000L) { // keep the oracle's triple loop cheap
            k = Math.max(1, k / 2);
        }
        double alpha = r.nextInt(4) == 0 ? SCALARS[r.nextInt(SCALARS.length)] : 1.0;
        double beta = SCALARS[r.nextInt(SCALARS.length)];
        GemmOracle g = new GemmOracle(r.nextLong(), (trans & 1) != 0, (trans & 2) != 0, m, n, k, alpha, beta);
        Blas.setNumThreads(threads);

        float[] cf = GemmOracle.toFloat(g.c0);
        backend.gemm().sgemm(g.ta, g.tb, m, n, k, (float) alpha, GemmOracle.toFloat(g.a), g.aOff, g.lda,
                GemmOracle.toFloat(g.b), g.bOff, g.ldb, (float) beta, cf, g.cOff, g.ldc);
        String f = g.check(GemmOracle.toDouble(cf), Math.ulp(1f));
        if (f != null) {
            return backend.name() + " F32 threads=" + threads + ": " + f;
        }
        double[] cd = g.c0.clone();
        backend.gemm().dgemm(g.ta, g.tb, m, n, k, alpha, g.a, g.aOff, g.lda, g.b, g.bOff, g.ldb, beta,
                cd, g.cOff, g.ldc);
        String d = g.check(cd, Math.ulp(1.0));
        return d == null ? null : backend.name() + " F64 threads=" + threads + ": " + d;
    }

    @Test
    void simdMatchesF64OracleOnRandomProblems() {
        Backend simd = Kernels.simd().orElse(null);
        Assumptions.assumeTrue(simd != null, "Vector API backend unavailable");
        qt().withExamples(250).withShrinkCycles(20)
                .forAll(longs().all(), integers().between(0, 3), integers().between(1, 4))
                .checkAssert((seed, trans, threads) -> assertNull(runOne(simd, seed, trans, threads)));
    }

    @Test
    void scalarMatchesF64OracleOnRandomProblems() {
        Backend scalar = Kernels.scalar();
        qt().withExamples(60).withShrinkCycles(10)
                .forAll(longs().all(), integers().between(0, 3), integers().between(1, 4))
                .checkAssert((seed, trans, threads) -> assertNull(runOne(scalar, seed, trans, threads)));
    }

    @Test
    void deepAndTallProductsCrossEveryBlockEdge() {
        // k = 1100 > kc (at most 1024 by construction: 1024 F32 and 512 F64 on a 32 KiB L1) forces several depth
        // blocks, checked for every transpose combination; GemmTileTest's tiny blockings cross the row and column blocks.
        Backend simd = Kernels.simd().orElse(null);
        Assumptions.assumeTrue(simd != null, "Vector API backend unavailable");
        for (int trans = 0; trans < 4; trans++) {
            GemmOracle g = new GemmOracle(trans, (trans & 1) != 0, (trans & 2) != 0, 263, 45, 1100, 0.5, -0.75);
            float[] cf = GemmOracle.toFloat(g.c0);
            simd.gemm().sgemm(g.ta, g.tb, g.m, g.n, g.k, 0.5f, GemmOracle.toFloat(g.a), g.aOff, g.lda,
                    GemmOracle.toFloat(g.b), g.bOff, g.ldb, -0.75f, cf, g.cOff, g.ldc);
            assertNull(g.check(GemmOracle.toDouble(cf), Math.ulp(1f)));
            double[] cd = g.c0.clone();
            simd.gemm().dgemm(g.ta, g.tb, g.m, g.n, g.k, 0.5, g.a, g.aOff, g.lda, g.b, g.bOff, g.ldb, -0.75,
                    cd, g.cOff, g.ldc);
            assertNull(g.check(cd, Math.ulp(1.0)));
        }
    }

    @Test
    void wideProductsPackWholePanelsByRegisterTransposes() {
        // n = 200 and 203 columns: more than 12 column panels in F32 and F64, so transposed B goes through the L x L
        // register transposes for its whole panels (the scalar loop for the ragged last one and for the depth tail:
        // kc = 550 and 367 at k = 1100, 37 at k = 37, 8 at k = 8) and untransposed A is packed p-major; transposed A
        // moves whole vectors, and m = 48 ends on a whole panel whose vector reads pass the end of A unless the
        // oracle's random padding (lda and the array's tail) covers them, which sends that panel to the scalar loop.
        Backend simd = Kernels.simd().orElse(null);
        Assumptions.assumeTrue(simd != null, "Vector API backend unavailable");
        int[][] shapes = {{50, 200, 1100}, {48, 200, 37}, {48, 203, 8}};
        for (int[] sh : shapes) {
            for (int trans = 0; trans < 4; trans++) {
                GemmOracle g = new GemmOracle(31 * trans + sh[2], (trans & 1) != 0, (trans & 2) != 0, sh[0], sh[1],
                        sh[2], 1.0, 0.5);
                String what = java.util.Arrays.toString(sh) + " trans " + trans;
                float[] cf = GemmOracle.toFloat(g.c0);
                simd.gemm().sgemm(g.ta, g.tb, g.m, g.n, g.k, 1f, GemmOracle.toFloat(g.a), g.aOff, g.lda,
                        GemmOracle.toFloat(g.b), g.bOff, g.ldb, 0.5f, cf, g.cOff, g.ldc);
                assertNull(g.check(GemmOracle.toDouble(cf), Math.ulp(1f)), what);
                double[] cd = g.c0.clone();
                simd.gemm().dgemm(g.ta, g.tb, g.m, g.n, g.k, 1.0, g.a, g.aOff, g.lda, g.b, g.bOff, g.ldb, 0.5,
                        cd, g.cOff, g.ldc);
                assertNull(g.check(cd, Math.ulp(1.0)), what);
            }
        }
    }

    @Test
    void betaZeroNeverReadsC() {
        // C full of NaN and Inf: with beta = 0 the result must equal the product into a zeroed C, bit for bit.
        // n = 29: a ragged panel only (F32 on 512-bit vectors); n = 101: whole register tiles too, whose update
        // stores without loading C on 512-bit vectors (Gemm*.LOAD_C_FIRST).
        for (Backend be : backends()) {
            for (int trans = 0; trans < 8; trans++) {
                int n = trans < 4 ? 29 : 101;
                GemmOracle g = new GemmOracle(7 + trans, (trans & 1) != 0, (trans & 2) != 0, 37, n, 19, 1.25, 0);
                float[] poisoned = GemmOracle.toFloat(g.c0);
                float[] zeroed = GemmOracle.toFloat(g.c0);
                for (int i = 0; i < g.m; i++) {
                    for (int j = 0; j < g.n; j++) {
                        poisoned[g.cOff + i * g.ldc + j] = (i + j) % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
                        zeroed[g.cOff + i * g.ldc + j] = 0f;
                    }
                }
                float[] fa = GemmOracle.toFloat(g.a);
                float[] fb = GemmOracle.toFloat(g.b);
                be.gemm().sgemm(g.ta, g.tb, g.m, g.n, g.k, 1.25f, fa, g.aOff, g.lda, fb, g.bOff, g.ldb, 0f,
                        poisoned, g.cOff, g.ldc);
                be.gemm().sgemm(g.ta, g.tb, g.m, g.n, g.k, 1.25f, fa, g.aOff, g.lda, fb, g.bOff, g.ldb, 1f,
                        zeroed, g.cOff, g.ldc);
                assertArrayEquals(zeroed, poisoned, be.name() + " trans=" + trans);
                assertNull(g.check(GemmOracle.toDouble(poisoned), Math.ulp(1f)));

                double[] pd = g.c0.clone();
                for (int i = 0; i < g.m; i++) {
                    Arrays.fill(pd, g.cOff + i * g.ldc, g.cOff + i * g.ldc + g.n, Double.NaN);
                }
                be.gemm().dgemm(g.ta, g.tb, g.m, g.n, g.k, 1.25, g.a, g.aOff, g.lda, g.b, g.bOff, g.ldb, 0.0,
                        pd, g.cOff, g.ldc);
                assertNull(g.check(pd, Math.ulp(1.0)));
            }
        }
    }

    @Test
    void alphaZeroOrEmptyDepthOnlyScalesC() {
        for (Backend be : backends()) {
            // A and B are NaN: with alpha = 0 (or k = 0) they must not be read.
            float[] a = new float[64];
            float[] b = new float[64];
            Arrays.fill(a, Float.NaN);
            Arrays.fill(b, Float.NaN);
            float[] c = {1, 2, 3, 4, 5, 6};
            be.gemm().sgemm(false, false, 2, 3, 4, 0f, a, 0, 4, b, 0, 3, 2f, c, 0, 3);
            assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, c, be.name());
            be.gemm().sgemm(false, false, 2, 3, 0, 1f, a, 0, 1, b, 0, 3, 0.5f, c, 0, 3);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c, be.name());
            double[] cd = {Double.NaN, 1, 2, 3};
            be.gemm().dgemm(true, true, 2, 2, 3, 0.0, new double[6], 0, 2, new double[6], 0, 3, 0.0, cd, 0, 2);
            assertArrayEquals(new double[4], cd, be.name() + ": alpha = beta = 0 gives zeros, even over NaN");
        }
    }

    @Test
    void resultIsBitIdenticalForOneToFourThreads() {
        SplittableRandom r = new SplittableRandom(42);
        for (Backend be : backends()) {
            for (int round = 0; round < 7; round++) {
                int trans = round % 4;
                // Big enough that 4 threads get 4 blocks, with ragged edges everywhere; the last round is deeper than
                // any kc (≤ 1024), so the threads also cross depth blocks.
                int m = 150 + r.nextInt(150);
                int n = 150 + r.nextInt(150);
                int k = round == 6 ? 1100 + r.nextInt(100) : 100 + r.nextInt(300);
                GemmOracle g = new GemmOracle(r.nextLong(), (trans & 1) != 0, (trans & 2) != 0, m, n, k, 1.0, 0.5);
                float[] fa = GemmOracle.toFloat(g.a);
                float[] fb = GemmOracle.toFloat(g.b);
                float[] ref1 = null;
                double[] ref2 = null;
                for (int t = 1; t <= 4; t++) {
                    Blas.setNumThreads(t);
                    float[] cf = GemmOracle.toFloat(g.c0);
                    be.gemm().sgemm(g.ta, g.tb, m, n, k, 1f, fa, g.aOff, g.lda, fb, g.bOff, g.ldb, 0.5f, cf,
                            g.cOff, g.ldc);
                    double[] cd = g.c0.clone();
                    be.gemm().dgemm(g.ta, g.tb, m, n, k, 1.0, g.a, g.aOff, g.lda, g.b, g.bOff, g.ldb, 0.5, cd,
                            g.cOff, g.ldc);
                    if (t == 1) {
                        ref1 = cf;
                        ref2 = cd;
                        assertNull(g.check(GemmOracle.toDouble(cf), Math.ulp(1f)));
                    } else {
                        assertArrayEquals(ref1, cf, be.name() + " F32, " + t + " threads vs 1: " + g);
                        assertArrayEquals(ref2, cd, be.name() + " F64, " + t + " threads vs 1: " + g);
                    }
                }
            }
        }
    }

    @Test
    void sizesOfZeroWriteNothing() {
        for (Backend be : backends()) {
            float[] c = {7, 7, 7};
            be.gemm().sgemm(false, false, 0, 3, 2, 1f, new float[0], 0, 2, new float[6], 0, 3, 0f, c, 0, 3);
            be.gemm().sgemm(false, false, 1, 0, 2, 1f, new float[2], 0, 2, new float[0], 0, 1, 0f, c, 0, 1);
            assertArrayEquals(new float[] {7, 7, 7}, c);
            assertEquals(3, c.length);
        }
        assertTrue(Blas.numThreads() >= 1);
    }

    static java.util.List<Backend> backends() {
        return Kernels.simd().isPresent() ? java.util.List.of(Kernels.scalar(), Kernels.simd().get())
                : java.util.List.of(Kernels.scalar());
    }
}
