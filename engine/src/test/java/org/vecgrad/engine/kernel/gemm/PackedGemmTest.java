package org.vecgrad.engine.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.kernel.Kernels;
import org.vecgrad.engine.kernel.PackedMatrix;

/**
 * The packed-B product ({@link PackedMatrix}, {@code packAll} / {@code productPacked}) against the unpacked product
 * of the same GEMM instance, bit for bit, and against the scalar reference within the GEMM error bound: every tile
 * of {@link GemmTile#ALLOWED} with tiny block sizes (so depth, row and column blocks are crossed) and the default
 * instance; random m, n, k around the tile edges, offsets, leading dimensions, transposes, alpha, beta 0 and 1,
 * special values; every thread count; rows of a batch against the same rows alone and in smaller batches; layouts
 * that do not match refused.
 */
class PackedGemmTest {

    @BeforeAll
    static void simdPresent() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
    }

    /** Special values sprinkled into the operands: ±0, subnormals, ±Inf, NaN, ±1e4. */
    private static final double[] SPECIAL = {0.0, -0.0, Float.MIN_VALUE, -Float.MIN_NORMAL / 3,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4};

    /** One random problem: shapes, strides and operand arrays (values exact in F32; a few special ones if asked). */
    private record Problem(boolean ta, boolean tb, int m, int n, int k, int aOff, int lda, int bOff, int ldb,
                           int cOff, int ldc, double alpha, double beta, double[] a, double[] b, double[] c) {

        static Problem random(SplittableRandom r, int mr, int nr, boolean specials) {
            int[] edges = {0, 1, 2, mr - 1, mr, mr + 1, 2 * mr + 1, nr - 1, nr, nr + 1, 2 * nr + 1, 3 * nr - 1};
            int m = r.nextBoolean() ? edges[r.nextInt(edges.length)] : r.nextInt(40);
            int n = r.nextBoolean() ? edges[r.nextInt(edges.length)] : r.nextInt(80);
            int k = r.nextBoolean() ? edges[r.nextInt(edges.length)] : r.nextInt(40);
            boolean ta = r.nextBoolean();
            boolean tb = r.nextBoolean();
            int aOff = r.nextInt(5);
            int bOff = r.nextInt(5);
            int cOff = r.nextInt(5);
            int lda = Math.max(1, ta ? m : k) + r.nextInt(4);
            int ldb = Math.max(1, tb ? k : n) + r.nextInt(4);
            int ldc = Math.max(1, n) + r.nextInt(4);
            double[] alphas = {1, -0.5, 2};
            double[] betas = {0, 1, 0.75};
            return new Problem(ta, tb, m, n, k, aOff, lda, bOff, ldb, cOff, ldc, alphas[r.nextInt(3)],
                    betas[r.nextInt(3)], values(r, aOff + (ta ? k : m) * lda + r.nextInt(5), specials),
                    values(r, bOff + (tb ? n : k) * ldb + r.nextInt(5), specials),
                    values(r, cOff + m * ldc + r.nextInt(5), specials));
        }

        private static double[] values(SplittableRandom r, int len, boolean specials) {
            double[] x = new double[len];
            for (int i = 0; i < len; i++) {
                x[i] = specials && r.nextInt(20) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)]
                        : (r.nextInt(4096) - 2048) / 2048.0;
            }
            return x;
        }

        /** The first element where {@code got} leaves the reference's error bound ({@link GemmTileTest}), or null. */
        String checkReference(double[] got, double eps) {
            return GemmTileTest.check(toString(), ta, tb, m, n, k, alpha, beta, a, aOff, lda, b, bOff, ldb, c, cOff,
                    ldc, got, eps);
        }

        /** True when every operand is a plain value (no special ones), so the reference's bound applies. */
        boolean plain() {
            return Arrays.stream(a).allMatch(PackedGemmTest::plain) && Arrays.stream(b).allMatch(PackedGemmTest::plain)
                    && Arrays.stream(c).allMatch(PackedGemmTest::plain);
        }

        @Override
        public String toString() {
            return "ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta
                    + " aOff=" + aOff + " lda=" + lda + " bOff=" + bOff + " ldb=" + ldb + " cOff=" + cOff
                    + " ldc=" + ldc;
        }
    }

    /** Finite and, if not 0, normal in F32 (the error bound has no term for underflow). */
    private static boolean plain(double x) {
        return x == 0 || Double.isFinite(x) && Math.abs(x) >= Float.MIN_NORMAL;
    }

    private static float[] f(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) x[i];
        }
        return y;
    }

    private static double[] d(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    /** Unpacked and packed products of {@code p} on both dtypes of the given instances; the first failure or null. */
    private static String compare(GemmF32 gf, GemmF64 gd, Problem p) {
        float[] a = f(p.a);
        float[] b = f(p.b);
        float[] want = f(p.c);
        float[] got = want.clone();
        if (!ScalarGemmF32.degenerate(p.m, p.n, p.k, (float) p.alpha, (float) p.beta, want, p.cOff, p.ldc)) {
            gf.product(p.ta, p.tb, p.m, p.n, p.k, (float) p.alpha, a, p.aOff, p.lda, b, p.bOff, p.ldb,
                    (float) p.beta, want, p.cOff, p.ldc);
        }
        PackedMatrix pf = gf.packAll(p.tb, p.k, p.n, b, p.bOff, p.ldb);
        Arrays.fill(b, Float.NaN); // the packed operand is a copy
        gf.productPacked(p.ta, p.m, (float) p.alpha, a, p.aOff, p.lda, pf, (float) p.beta, got, p.cOff, p.ldc);
        if (!Arrays.equals(want, got)) {
            return "F32 packed differs from unpacked (" + p + ")";
        }
        boolean plain = p.plain();
        if (plain) {
            String e = p.checkReference(d(got), Math.ulp(1f));
            if (e != null) {
                return "F32 " + e;
            }
        }
        double[] wantD = p.c.clone();
        double[] gotD = p.c.clone();
        if (!ScalarGemmF64.degenerate(p.m, p.n, p.k, p.alpha, p.beta, wantD, p.cOff, p.ldc)) {
            gd.product(p.ta, p.tb, p.m, p.n, p.k, p.alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, p.beta,
                    wantD, p.cOff, p.ldc);
        }
        PackedMatrix pd = gd.packAll(p.tb, p.k, p.n, p.b, p.bOff, p.ldb);
        gd.productPacked(p.ta, p.m, p.alpha, p.a, p.aOff, p.lda, pd, p.beta, gotD, p.cOff, p.ldc);
        if (!Arrays.equals(wantD, gotD)) {
            return "F64 packed differs from unpacked (" + p + ")";
        }
        return plain ? p.checkReference(gotD, Math.ulp(1.0)) : null;
    }

    @Test
    void packedEqualsUnpackedBitForBitOnEveryTileWithTinyBlocks() {
        qt().withExamples(300).withShrinkCycles(10)
                .forAll(longs().all(), integers().between(0, GemmTile.ALLOWED.length - 1), integers().between(1, 9))
                .checkAssert((seed, t, kc) -> {
                    GemmTile tile = new GemmTile(GemmTile.ALLOWED[t][0], GemmTile.ALLOWED[t][1]);
                    SplittableRandom r = new SplittableRandom(seed);
                    // half the time deep block sizes from depth kc + 1..8: packed B is cut by the same depth rule
                    int deepKc = kc + 1 + r.nextInt(8);
                    boolean deep = r.nextBoolean();
                    GemmF32 gf = new GemmF32(tile, new GemmBlocking(2 * tile.mr(), kc, 2 * tile.nv() * GemmF32.L,
                            deep ? new GemmBlocking(tile.mr(), deepKc, tile.nv() * GemmF32.L) : null));
                    GemmF64 gd = new GemmF64(tile, new GemmBlocking(2 * tile.mr(), kc, 2 * tile.nv() * GemmF64.L,
                            deep ? new GemmBlocking(tile.mr(), deepKc, tile.nv() * GemmF64.L) : null));
                    assertNull(compare(gf, gd, Problem.random(r, tile.mr(), gf.nr, r.nextInt(3) == 0)));
                });
    }

    @Test
    void packedEqualsUnpackedOnTheDefaultInstanceThroughBlas() {
        qt().withExamples(150).withShrinkCycles(10).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Problem p = Problem.random(r, GemmF32.DEFAULT.mr, GemmF32.DEFAULT.nr, r.nextInt(3) == 0);
            float[] a = f(p.a);
            float[] b = f(p.b);
            float[] want = f(p.c);
            float[] got = want.clone();
            Blas.sgemm(p.ta, p.tb, p.m, p.n, p.k, (float) p.alpha, a, p.aOff, p.lda, b, p.bOff, p.ldb,
                    (float) p.beta, want, p.cOff, p.ldc);
            PackedMatrix pb = Blas.spack(p.tb, p.k, p.n, b, p.bOff, p.ldb);
            Blas.sgemm(p.ta, p.m, (float) p.alpha, a, p.aOff, p.lda, pb, (float) p.beta, got, p.cOff, p.ldc);
            assertArrayEquals(want, got, p.toString()); // on either backend (the build's scalar-path run too)
            double[] wantD = p.c.clone();
            double[] gotD = p.c.clone();
            Blas.dgemm(p.ta, p.tb, p.m, p.n, p.k, p.alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, p.beta,
                    wantD, p.cOff, p.ldc);
            Blas.dgemm(p.ta, p.m, p.alpha, p.a, p.aOff, p.lda, Blas.dpack(p.tb, p.k, p.n, p.b, p.bOff, p.ldb),
                    p.beta, gotD, p.cOff, p.ldc);
            assertArrayEquals(wantD, gotD, p.toString());
        });
    }

    @Test
    void deepProductsCrossDepthBlocksOfTheDefaultBlocking() {
        // k > kc (at most 1024) makes several depth blocks of the default instance, with 1 row (the GEMV) and many
        for (int m : new int[] {1, 3, 37}) {
            for (int trans = 0; trans < 4; trans++) {
                SplittableRandom r = new SplittableRandom(trans * 31L + m);
                Problem p = new Problem((trans & 1) != 0, (trans & 2) != 0, m, 45, 1100, 0, (trans & 1) != 0 ? m : 1100,
                        1, (trans & 2) != 0 ? 1100 : 45, 2, 46, 0.5, 1, Problem.values(r, 1 + 1100 * 46, false),
                        Problem.values(r, 1 + 1100 * 46, false), Problem.values(r, 2 + m * 46, false));
                assertNull(compare(GemmF32.DEFAULT, GemmF64.DEFAULT, p));
            }
        }
    }

    @Test
    void everyThreadCountGivesTheSameBits() {
        // 300 × 500 × 400: 60 M multiply-adds, split over the pool when more than one thread is allowed
        SplittableRandom r = new SplittableRandom(7);
        int m = 300;
        int n = 500;
        int k = 400;
        float[] a = f(Problem.values(r, m * k, false));
        float[] b = f(Problem.values(r, k * n, false));
        PackedMatrix pb = Blas.spack(false, k, n, b, 0, n);
        float[] one = new float[m * n];
        Blas.withMaxThreads(1, () -> Blas.sgemm(false, m, 1f, a, 0, k, pb, 0f, one, 0, n));
        float[] unpacked = new float[m * n];
        Blas.withMaxThreads(1, () -> Blas.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, unpacked, 0, n));
        assertArrayEquals(unpacked, one);
        int before = Blas.numThreads();
        try {
            for (int t = 2; t <= 4; t++) {
                Blas.setNumThreads(t);
                float[] many = new float[m * n];
                Blas.sgemm(false, m, 1f, a, 0, k, pb, 0f, many, 0, n);
                assertArrayEquals(one, many, t + " threads");
            }
        } finally {
            Blas.setNumThreads(before);
        }
    }

    @Test
    void aRowGetsTheSameBitsAloneAndInAnyBatch() {
        for (boolean ta : new boolean[] {false, true}) {
            for (int[] shape : new int[][] {{64, 784, 256}, {64, 256, 128}, {64, 128, 10}, {20, 37, 1100}}) {
                int rows = shape[0];
                int k = shape[1];
                int n = shape[2];
                SplittableRandom r = new SplittableRandom(k * 7L + n);
                float[] a = f(Problem.values(r, rows * k, false)); // ta: stored k × rows, else rows × k
                float[] b = f(Problem.values(r, k * n, false));
                float[] bias = f(Problem.values(r, n, false));
                PackedMatrix pb = Blas.spack(false, k, n, b, 0, n);
                double[] pd = Problem.values(r, k * n, false);
                PackedMatrix pbd = Blas.dpack(false, k, n, pd, 0, n);
                double[] ad = d(a);
                float[] all = batch(ta, a, rows, k, 0, rows, pb, bias);
                double[] allD = batchD(ta, ad, rows, k, 0, rows, pbd);
                for (int size : new int[] {1, 2, 3, 7, 8}) {
                    for (int i0 = 0; i0 < rows; i0 += size) {
                        int m = Math.min(size, rows - i0);
                        float[] part = batch(ta, a, rows, k, i0, m, pb, bias);
                        assertArrayEquals(Arrays.copyOfRange(all, i0 * n, (i0 + m) * n), part,
                                "F32 rows " + i0 + "+" + m + " of " + rows + ", k=" + k + " n=" + n + " ta=" + ta);
                        double[] partD = batchD(ta, ad, rows, k, i0, m, pbd);
                        assertArrayEquals(Arrays.copyOfRange(allD, i0 * n, (i0 + m) * n), partD,
                                "F64 rows " + i0 + "+" + m + " of " + rows + ", k=" + k + " n=" + n + " ta=" + ta);
                    }
                }
            }
        }
    }

    /** Rows [i0, i0 + m) of op(A)·B + bias (beta = 1 on C preset to the bias, as a dense layer does). */
    private static float[] batch(boolean ta, float[] a, int rows, int k, int i0, int m, PackedMatrix b, float[] bias) {
        int n = b.columns();
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(bias, 0, c, i * n, n);
        }
        Blas.sgemm(ta, m, 1f, a, ta ? i0 : i0 * k, ta ? rows : k, b, 1f, c, 0, n);
        return c;
    }

    private static double[] batchD(boolean ta, double[] a, int rows, int k, int i0, int m, PackedMatrix b) {
        double[] c = new double[m * b.columns()];
        Blas.dgemm(ta, m, 1.0, a, ta ? i0 : i0 * k, ta ? rows : k, b, 0.0, c, 0, b.columns());
        return c;
    }

    @Test
    void aLayoutThatDoesNotMatchIsRefusedAndNothingChanges() {
        GemmTile tile = new GemmTile(6, 2);
        GemmF32 kc5 = new GemmF32(tile, new GemmBlocking(12, 5, 4 * GemmF32.L));
        GemmF32 kc7 = new GemmF32(tile, new GemmBlocking(12, 7, 4 * GemmF32.L));
        GemmF32 wide = new GemmF32(new GemmTile(4, 3), new GemmBlocking(12, 5, 6 * GemmF32.L));
        float[] b = new float[20 * 9];
        float[] a = new float[3 * 20];
        float[] c = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27};
        float[] before = c.clone();
        PackedMatrix p5 = kc5.packAll(false, 20, 9, b, 0, 9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kc7.productPacked(false, 3, 1f, a, 0, 20, p5, 0f, c, 0, 9));
        assertTrue(e.getMessage().contains("kc=5") && e.getMessage().contains("kc=7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> wide.productPacked(false, 3, 1f, a, 0, 20, p5, 0f, c, 0, 9));
        assertTrue(e.getMessage().contains("NR=" + 2 * GemmF32.L) && e.getMessage().contains("NR=" + 3 * GemmF32.L),
                e.getMessage());
        PackedMatrix plain = ScalarGemmF32.pack(false, 20, 9, b, 0, 9);
        e = assertThrows(IllegalArgumentException.class,
                () -> kc5.productPacked(false, 3, 1f, a, 0, 20, plain, 0f, c, 0, 9));
        assertTrue(e.getMessage().contains("plain"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScalarGemmF32.gemmPacked(false, 3, 1f, a, 0, 20, p5, 0f, c, 0, 9));
        assertTrue(e.getMessage().contains("scalar"), e.getMessage());
        PackedMatrix f32 = Blas.spack(false, 20, 9, b, 0, 9);
        double[] cd = new SplittableRandom(3).doubles(27, 1, 2).toArray();
        double[] cdBefore = cd.clone();
        e = assertThrows(IllegalArgumentException.class,
                () -> Blas.dgemm(false, 3, 1.0, new double[60], 0, 20, f32, 0.0, cd, 0, 9));
        assertTrue(e.getMessage().contains("F32") && e.getMessage().contains("F64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(false, 3, 1f, a, 0, 20, f32, 0f, c, 0, 8));
        assertTrue(e.getMessage().contains("ldc = 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(false, 4, 1f, a, 0, 20, f32, 0f, c, 0, 9));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        assertArrayEquals(before, c);
        assertArrayEquals(cdBefore, cd);
    }

    /** fits is require's test: true exactly where require passes (dtype, kind, and for panels NR and kc). */
    @Test
    void fitsAgreesWithRequire() {
        GemmF32 kc5 = new GemmF32(new GemmTile(6, 2), new GemmBlocking(12, 5, 4 * GemmF32.L));
        PackedMatrix panels = kc5.packAll(false, 20, 9, new float[20 * 9], 0, 9);
        PackedMatrix plain = ScalarGemmF32.pack(false, 20, 9, new float[20 * 9], 0, 9);
        int nr = 2 * GemmF32.L;
        for (PackedMatrix p : new PackedMatrix[] {panels, plain}) {
            for (boolean f32 : new boolean[] {true, false}) {
                for (PackedMatrix.Kind kind : PackedMatrix.Kind.values()) {
                    for (int[] nrKc : new int[][] {{nr, 5}, {nr, 7}, {nr + GemmF32.L, 5}, {1, 20}}) {
                        boolean fits = p.fits(f32, kind, nrKc[0], nrKc[1]);
                        boolean passes = true;
                        try {
                            p.require(f32, kind, nrKc[0], nrKc[1], "test");
                        } catch (IllegalArgumentException e) {
                            passes = false;
                        }
                        assertEquals(passes, fits, p + " " + f32 + " " + kind + " " + Arrays.toString(nrKc));
                    }
                }
            }
        }
        assertTrue(panels.fits(true, PackedMatrix.Kind.PANELS, nr, 5));
        assertTrue(plain.fits(true, PackedMatrix.Kind.PLAIN, 7, 3), "a plain operand has no NR or kc to match");
    }

    @Test
    void aPackedBOfTheWrongLengthIsRefusedBeforeCIsWritten() {
        // n = NR + 1: the default layout pads the ragged last panel to NR + L columns; a B of width n is short
        GemmF32 g = GemmF32.DEFAULT;
        int k = 37;
        int n = g.nr + 1;
        assertTrue(g.packedWidth(n) > n, "the ragged panel is padded");
        PackedMatrix shortB = new PackedMatrix(PackedMatrix.Kind.PANELS, k, n, g.packedDepth(k), g.nr,
                new float[k * n], null);
        float[] a = new float[5 * k];
        Arrays.fill(a, 1f);
        float[] c = f(Problem.values(new SplittableRandom(5), 5 * n, false));
        float[] before = c.clone();
        Assumptions.assumeTrue(Kernels.active().gemm() instanceof SimdGemm, "the default layout is the SIMD one");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(false, 5, 1f, a, 0, k, shortB, 0f, c, 0, n));
        assertTrue(e.getMessage().contains("holds " + k * n) && e.getMessage().contains("reads "
                + k * g.packedWidth(n)), e.getMessage());
        assertArrayEquals(before, c);
        GemmF64 gd = GemmF64.DEFAULT;
        int nd = gd.nr + 1;
        PackedMatrix shortD = new PackedMatrix(PackedMatrix.Kind.PANELS, k, nd, gd.packedDepth(k), gd.nr, null,
                new double[k * nd]);
        double[] cd2 = Problem.values(new SplittableRandom(6), 5 * nd, false);
        double[] cd2Before = cd2.clone();
        e = assertThrows(IllegalArgumentException.class,
                () -> Blas.dgemm(false, 5, 1.0, new double[5 * k], 0, k, shortD, 0.0, cd2, 0, nd));
        assertTrue(e.getMessage().contains("holds " + k * nd), e.getMessage());
        assertArrayEquals(cd2Before, cd2);
    }

    @Test
    void theScalarBackendsPackKeepsBAsStoredItsProductEqualsItsGemm() {
        SplittableRandom r = new SplittableRandom(11);
        var scalar = Kernels.scalar().gemm();
        for (int i = 0; i < 60; i++) {
            Problem p = Problem.random(r, 6, 16, r.nextInt(3) == 0);
            float[] a = f(p.a);
            float[] b = f(p.b);
            float[] want = f(p.c);
            float[] got = want.clone();
            scalar.sgemm(p.ta, p.tb, p.m, p.n, p.k, (float) p.alpha, a, p.aOff, p.lda, b, p.bOff, p.ldb,
                    (float) p.beta, want, p.cOff, p.ldc);
            PackedMatrix pb = scalar.spack(p.tb, p.k, p.n, b, p.bOff, p.ldb);
            assertEquals(p.tb ? PackedMatrix.Kind.PLAIN_TRANSPOSED : PackedMatrix.Kind.PLAIN, pb.kind());
            Arrays.fill(b, Float.NaN); // the packed operand is a copy
            scalar.sgemm(p.ta, p.m, (float) p.alpha, a, p.aOff, p.lda, pb, (float) p.beta, got, p.cOff, p.ldc);
            assertArrayEquals(want, got, p.toString());
            double[] wantD = p.c.clone();
            double[] gotD = p.c.clone();
            scalar.dgemm(p.ta, p.tb, p.m, p.n, p.k, p.alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, p.beta,
                    wantD, p.cOff, p.ldc);
            scalar.dgemm(p.ta, p.m, p.alpha, p.a, p.aOff, p.lda, scalar.dpack(p.tb, p.k, p.n, p.b, p.bOff, p.ldb),
                    p.beta, gotD, p.cOff, p.ldc);
            assertArrayEquals(wantD, gotD, p.toString());
        }
    }

    /** The message of the {@link IllegalArgumentException} {@code call} throws, checked to name every word. */
    private static void refused(Runnable call, String... words) {
        String msg = assertThrows(IllegalArgumentException.class, call::run).getMessage();
        for (String w : words) {
            assertTrue(msg.contains(w), "'" + w + "' missing from: " + msg);
        }
    }

    @Test
    void spackAndDpackRefuseBadArgumentsNamingThem() {
        float[] b = new float[12];
        double[] bd = new double[12];
        refused(() -> Blas.spack(false, -1, 3, b, 0, 3), "gemm pack", "k = -1");
        refused(() -> Blas.dpack(false, 4, -2, bd, 0, 1), "gemm pack", "n = -2");
        refused(() -> Blas.spack(false, 4, 3, null, 0, 3), "array b is null");
        refused(() -> Blas.dpack(true, 4, 3, null, 0, 4), "array b is null");
        refused(() -> Blas.spack(false, 4, 3, b, 1, 3), "too short", "needs length ≥ 13", "got 12");
        refused(() -> Blas.dpack(true, 4, 3, bd, 0, 5), "too short", "B (transposed) is stored 3 × 4", "got 12");
        refused(() -> Blas.spack(false, 4, 3, b, 0, 2), "ldb = 2 is too small", "at least 3");
        refused(() -> Blas.dpack(true, 4, 3, bd, 0, 3), "ldb = 3 is too small", "at least 4");
        refused(() -> Blas.spack(false, 4, 3, b, -1, 3), "bOff = -1");
        // n = 0 needs no elements of b, so only the size bound stops a k this deep
        refused(() -> Blas.spack(false, 40_000_000, 0, b, 0, 1), "k = 40000000", "n = 0",
                "k · (n + 64) = 2560000000", "exceeds 2147483631");
        refused(() -> Blas.dpack(true, 40_000_000, 0, bd, 0, 40_000_000), "k = 40000000", "exceeds 2147483631");
    }

    @Test
    void theConstructorRefusesWhatDoesNotFitTheLayout() {
        refused(() -> new PackedMatrix(null, 2, 3, 2, 1, new float[6], null), "kind is null");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PLAIN, 2, 3, 2, 1, null, null), "exactly one", "neither");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PLAIN, 2, 3, 2, 1, new float[6], new double[6]),
                "exactly one", "both");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PLAIN, -2, 3, 2, 1, new float[6], null), "k = -2");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PLAIN, 2, -3, 2, 1, new float[6], null), "n = -3");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PANELS, 2, 3, -1, 8, new float[16], null), "kc = -1");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PANELS, 2, 3, 2, 0, new float[6], null), "nr = 0");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PLAIN, 2, 3, 2, 1, new float[5], null), "k·n = 6", "of 5");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PLAIN_TRANSPOSED, 2, 3, 2, 1, null, new double[7]),
                "k·n = 6", "of 7");
        // panels: 2 rows of w columns, 3 ≤ w ≤ 8 for n = 3, nr = 8
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PANELS, 2, 3, 2, 8, new float[4], null), "3 ≤ w ≤ 8",
                "of 4");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PANELS, 2, 3, 2, 8, new float[18], null), "of 18");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PANELS, 2, 3, 2, 8, new float[7], null), "of 7");
        refused(() -> new PackedMatrix(PackedMatrix.Kind.PANELS, 0, 3, 0, 8, new float[1], null), "of 1");
        assertEquals(16, new PackedMatrix(PackedMatrix.Kind.PANELS, 2, 3, 2, 8, new float[16], null).packedLength());
        assertEquals(0, new PackedMatrix(PackedMatrix.Kind.PANELS, 0, 3, 0, 8, new float[0], null).packedLength());
    }
}
