package org.vecgrad.engine.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.vecgrad.engine.GemmOracle.toFloat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.vecgrad.engine.codegen.Codegen;
import org.vecgrad.engine.kernel.Kernels;

/**
 * Every register tile of {@link GemmTile#ALLOWED}, whatever the default is: each micro-kernel (p-major and by rows)
 * against a scalar fused-multiply-add loop (bit for bit), and the whole blocked GEMM built on each tile against an
 * F64 reference on shapes around MR ± 1 and NR ± 1, with tiny block sizes so every block edge is crossed; the
 * narrower kernels of a ragged last column panel the same way. Also the
 * parsing of {@code vecgrad.gemm.mr} / {@code vecgrad.gemm.nrVectors}.
 */
class GemmTileTest {

    @BeforeAll
    static void simdPresent() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
    }

    private static GemmTile[] tiles() {
        GemmTile[] t = new GemmTile[GemmTile.ALLOWED.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = new GemmTile(GemmTile.ALLOWED[i][0], GemmTile.ALLOWED[i][1]);
        }
        return t;
    }

    @Test
    void theGeneratorWritesAMicroKernelForExactlyTheAllowedShapes() {
        assertArrayEquals(GemmTile.ALLOWED, Codegen.GemmMicroKernels.SHAPES,
                "GemmTile.ALLOWED and the shapes Codegen.GemmMicroKernels writes kernels for differ");
    }

    @Test
    void everyMicroKernelEqualsAScalarFmaLoopBitForBit() {
        SplittableRandom r = new SplittableRandom(3);
        for (GemmTile t : tiles()) {
            for (int kc : new int[] {1, 2, 3, 17, 64}) {
                GemmF32 f = new GemmF32(t, new GemmBlocking(t.mr(), kc, t.nv() * GemmF32.L));
                int nr = f.nr;
                int ao = r.nextInt(5);
                int bo = r.nextInt(5);
                float[] ap = new float[ao + t.mr() * kc];
                float[] bp = new float[bo + nr * kc];
                for (int i = 0; i < ap.length; i++) {
                    ap[i] = (float) r.nextDouble(-1, 1);
                }
                for (int i = 0; i < bp.length; i++) {
                    bp[i] = (float) r.nextDouble(-1, 1);
                }
                float[] tile = new float[t.mr() * nr];
                f.kernel(kc, ap, ao, bp, bo, tile);
                float[] want = new float[tile.length];
                for (int i = 0; i < t.mr(); i++) {
                    for (int j = 0; j < nr; j++) {
                        float s = 0f;
                        for (int p = 0; p < kc; p++) {
                            s = Math.fma(ap[ao + p * t.mr() + i], bp[bo + p * nr + j], s);
                        }
                        want[i * nr + j] = s;
                    }
                }
                assertArrayEquals(want, tile, "F32 tile " + t + " kc=" + kc);
                // the same panel read by rows (row r at ar[ao + r·lda + p], lda > kc) gives the same bits
                int lda = kc + 3;
                float[] ar = new float[ao + t.mr() * lda];
                for (int i = 0; i < t.mr(); i++) {
                    for (int p = 0; p < kc; p++) {
                        ar[ao + i * lda + p] = ap[ao + p * t.mr() + i];
                    }
                }
                float[] tileRows = new float[tile.length];
                f.kernelRows(kc, ar, ao, lda, bp, bo, tileRows);
                assertArrayEquals(want, tileRows, "F32 rows tile " + t + " kc=" + kc);

                GemmF64 d = new GemmF64(t, new GemmBlocking(t.mr(), kc, t.nv() * GemmF64.L));
                int nrd = d.nr;
                double[] apd = new double[ao + t.mr() * kc];
                double[] bpd = new double[bo + nrd * kc];
                for (int i = 0; i < apd.length; i++) {
                    apd[i] = r.nextDouble(-1, 1);
                }
                for (int i = 0; i < bpd.length; i++) {
                    bpd[i] = r.nextDouble(-1, 1);
                }
                double[] tiled = new double[t.mr() * nrd];
                d.kernel(kc, apd, ao, bpd, bo, tiled);
                double[] ard = new double[ao + t.mr() * lda];
                for (int i = 0; i < t.mr(); i++) {
                    for (int p = 0; p < kc; p++) {
                        ard[ao + i * lda + p] = apd[ao + p * t.mr() + i];
                    }
                }
                double[] tiledRows = new double[tiled.length];
                d.kernelRows(kc, ard, ao, lda, bpd, bo, tiledRows);
                assertArrayEquals(tiled, tiledRows, "F64 rows tile " + t + " kc=" + kc);
                for (int i = 0; i < t.mr(); i++) {
                    for (int j = 0; j < nrd; j++) {
                        double s = 0;
                        for (int p = 0; p < kc; p++) {
                            s = Math.fma(apd[ao + p * t.mr() + i], bpd[bo + p * nrd + j], s);
                        }
                        assertEquals(s, tiled[i * nrd + j], 0.0, "F64 tile " + t + " kc=" + kc + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    /**
     * Every kernel through the static {@code kernel(code, …)} and {@code kernelRows(code, …)}: the tiles and the
     * narrower kernels a ragged last column panel runs (each tile's rows × 1 … nv vectors), bit for bit against a
     * scalar fused-multiply-add loop, with ±0, subnormals, ±Inf, NaN and ±1e4 among the inputs (NaN compared as NaN),
     * each row written at {@code out[o + r·ld …]} with a random offset and row stride (C itself, when the macro-kernel
     * stores directly) and nothing else of {@code out} touched.
     */
    @Test
    void everyKernelEqualsAScalarFmaLoopBitForBitAtAnyOffsetAndStride() {
        SplittableRandom r = new SplittableRandom(11);
        double[] special = {0.0, -0.0, Double.MIN_NORMAL / 4, Float.MIN_NORMAL / 4, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4};
        int kernels = 0;
        for (GemmTile t : tiles()) {
            for (int nv = 1; nv <= t.nv(); nv++) {
                int code = t.mr() * 10 + nv;
                for (int kc : new int[] {1, 2, 3, 17, 64}) {
                    for (boolean f32 : new boolean[] {true, false}) {
                        int w = nv * (f32 ? GemmF32.L : GemmF64.L);
                        int ao = r.nextInt(5);
                        int bo = r.nextInt(5);
                        double[] ap = new double[ao + t.mr() * kc];
                        double[] bp = new double[bo + w * kc];
                        for (double[] x : new double[][] {ap, bp}) {
                            for (int i = 0; i < x.length; i++) {
                                x[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : r.nextDouble(-1, 1);
                            }
                        }
                        int lda = kc + 3; // the same panel by rows: row i at ar[ao + i·lda + p]
                        double[] ar = new double[ao + t.mr() * lda];
                        for (int i = 0; i < t.mr(); i++) {
                            for (int p = 0; p < kc; p++) {
                                ar[ao + i * lda + p] = ap[ao + p * t.mr() + i];
                            }
                        }
                        String what = (f32 ? "F32 " : "F64 ") + t.mr() + " x " + nv + " (edge of " + t + ") kc=" + kc;
                        double[] want = fmaLoop(f32, kc, ap, ao, t.mr(), bp, bo, w);
                        int o = r.nextInt(7);
                        int ld = w + r.nextInt(6);
                        double[] wantOut = new double[o + t.mr() * ld + r.nextInt(3)];
                        java.util.Arrays.fill(wantOut, 7.0); // what the kernel must leave alone
                        for (int i = 0; i < t.mr(); i++) {
                            System.arraycopy(want, i * w, wantOut, o + i * ld, w);
                        }
                        if (f32) {
                            float[] out = toFloat(filled(wantOut.length));
                            GemmF32.kernel(code, kc, toFloat(ap), ao, toFloat(bp), bo, out, o, ld);
                            assertArrayEquals(wantOut, toDouble(out), what + " o=" + o + " ld=" + ld);
                            float[] outRows = toFloat(filled(wantOut.length));
                            GemmF32.kernelRows(code, kc, toFloat(ar), ao, lda, toFloat(bp), bo, outRows, o, ld);
                            assertArrayEquals(wantOut, toDouble(outRows), what + " by rows");
                        } else {
                            double[] out = filled(wantOut.length);
                            GemmF64.kernel(code, kc, ap, ao, bp, bo, out, o, ld);
                            assertArrayEquals(wantOut, out, what + " o=" + o + " ld=" + ld);
                            double[] outRows = filled(wantOut.length);
                            GemmF64.kernelRows(code, kc, ar, ao, lda, bp, bo, outRows, o, ld);
                            assertArrayEquals(wantOut, outRows, what + " by rows");
                        }
                        kernels++;
                    }
                }
            }
        }
        int shapes = java.util.Arrays.stream(GemmTile.ALLOWED).mapToInt(s -> s[1]).sum();
        assertEquals(shapes * 5 * 2, kernels, "kernels checked (each kc, each dtype)");
    }

    /** n copies of 7.0, the value a kernel's output rows must leave alone around them. */
    private static double[] filled(int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 7.0);
        return x;
    }

    /**
     * The mr × w tile Σ_p ap[ao + p·mr + i] · bp[bo + p·w + j] as one fused multiply-add chain per element, in
     * float (the inputs rounded to float first) or in double.
     */
    private static double[] fmaLoop(boolean f32, int kc, double[] ap, int ao, int mr, double[] bp, int bo, int w) {
        double[] want = new double[mr * w];
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < w; j++) {
                float sf = 0f;
                double sd = 0;
                for (int p = 0; p < kc; p++) {
                    double x = ap[ao + p * mr + i];
                    double y = bp[bo + p * w + j];
                    sf = Math.fma((float) x, (float) y, sf);
                    sd = Math.fma(x, y, sd);
                }
                want[i * w + j] = f32 ? sf : sd;
            }
        }
        return want;
    }

    /**
     * A size near a tile edge of {@code t}: MR ± 1, NR ± 1 for both dtypes, their doubles, the rows/p-major switch,
     * or small random.
     */
    private static int size(SplittableRandom r, GemmTile t) {
        int mr = t.mr();
        int nrF = t.nv() * GemmF32.L;
        int nrD = t.nv() * GemmF64.L;
        int[] edges = {1, mr - 1, mr, mr + 1, 2 * mr - 1, 2 * mr + 1, nrF - 1, nrF, nrF + 1, 2 * nrF + 1,
            nrD - 1, nrD, nrD + 1, 2 * nrD + 1, 3 * mr + 2,
            // a ragged last panel of whole vectors, and one column more (the narrower edge kernels)
            nrF - GemmF32.L, nrF + GemmF32.L + 1, nrD - GemmF64.L, 2 * nrD + GemmF64.L,
            // either side of the switch from the rows kernels to the p-major ones (untransposed A)
            GemmF32.ROWS_MAX_PANELS * nrF - 1, GemmF32.ROWS_MAX_PANELS * nrF + 1,
            GemmF64.ROWS_MAX_PANELS * nrD - 1, GemmF64.ROWS_MAX_PANELS * nrD + 1};
        return r.nextInt(3) == 0 ? 1 + r.nextInt(60) : Math.max(1, edges[r.nextInt(edges.length)]);
    }

    /** One random product on tile {@code t} with tiny or default blocks, F32 and F64; the first failure or null. */
    private static String runOne(GemmTile t, long seed, int trans, boolean tinyBlocks) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean ta = (trans & 1) != 0;
        boolean tb = (trans & 2) != 0;
        int m = size(r, t);
        int n = size(r, t);
        int k = size(r, t);
        while ((long) m * n * k > 1_000_000L) { // keep the reference triple loop cheap
            m = Math.max(1, m / 2);
        }
        double alpha = new double[] {1, -0.5, 2}[r.nextInt(3)];
        double beta = new double[] {0, 1, -0.75}[r.nextInt(3)];
        int lda = (ta ? m : k) + r.nextInt(3);
        int ldb = (tb ? k : n) + r.nextInt(3);
        int ldc = n + r.nextInt(3);
        int aOff = r.nextInt(4);
        int bOff = r.nextInt(4);
        int cOff = r.nextInt(4);
        double[] a = random(r, aOff + (ta ? k : m) * lda);
        double[] b = random(r, bOff + (tb ? n : k) * ldb);
        double[] c0 = random(r, cOff + m * ldc);
        String what = t + " trans=" + trans + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta
                + (tinyBlocks ? " tiny blocks" : "");

        GemmF32 f = new GemmF32(t, tinyBlocks ? new GemmBlocking(t.mr(), 5, t.nv() * GemmF32.L) : null);
        float[] cf = toFloat(c0);
        f.block(ta, tb, 0, m, 0, n, k, (float) alpha, toFloat(a), aOff, lda, toFloat(b), bOff, ldb, (float) beta,
                cf, cOff, ldc);
        String bad = check(what + " F32", ta, tb, m, n, k, alpha, beta, a, aOff, lda, b, bOff, ldb, c0, cOff, ldc,
                toDouble(cf), Math.ulp(1f));
        if (bad != null) {
            return bad;
        }
        GemmF64 d = new GemmF64(t, tinyBlocks ? new GemmBlocking(2 * t.mr(), 7, 2 * t.nv() * GemmF64.L) : null);
        double[] cd = c0.clone();
        d.block(ta, tb, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, cd, cOff, ldc);
        return check(what + " F64", ta, tb, m, n, k, alpha, beta, a, aOff, lda, b, bOff, ldb, c0, cOff, ldc, cd,
                Math.ulp(1.0));
    }

    @Test
    void everyTileMatchesTheF64ReferenceAroundItsEdges() {
        for (GemmTile t : tiles()) {
            qt().withExamples(40).withShrinkCycles(10)
                    .forAll(longs().all(), integers().between(0, 3), integers().between(0, 1))
                    .checkAssert((seed, trans, tiny) -> assertNull(runOne(t, seed, trans, tiny == 1)));
        }
    }

    @Test
    void defaultTileIsAllowedAndFitsTheRegisterFile() {
        GemmTile t = GemmTile.DEFAULT;
        assertTrue(java.util.Arrays.stream(GemmTile.ALLOWED).anyMatch(s -> s[0] == t.mr() && s[1] == t.nv()),
                t::toString);
        for (int regs : new int[] {16, 32}) {
            GemmTile p = GemmTile.preferred(regs);
            // accumulators + B vectors + two broadcasts of A
            assertTrue(p.mr() * p.nv() + p.nv() + 2 <= regs, p + " for " + regs + " registers");
        }
        assertEquals(GemmF32.DEFAULT.mr, SimdGemm.tileRows());
        assertEquals(GemmF32.DEFAULT.nr, SimdGemm.tileColumns(true));
        assertEquals(GemmF64.DEFAULT.nr, SimdGemm.tileColumns(false));
    }

    @Test
    void tilePropertiesAreParsedAndCheckedNamingPropertyValueAndAllowed() {
        GemmTile dflt = new GemmTile(6, 2);
        assertEquals(dflt, GemmTile.parse(null, null, dflt));
        assertEquals(dflt, GemmTile.parse(" ", "", dflt));
        assertEquals(new GemmTile(4, 2), GemmTile.parse("4", null, dflt));
        assertEquals(new GemmTile(4, 3), GemmTile.parse(" 4 ", "3", dflt));
        assertEquals(new GemmTile(8, 3), GemmTile.parse("8", "3", dflt));
        for (int[] s : GemmTile.ALLOWED) {
            assertEquals(new GemmTile(s[0], s[1]), GemmTile.parse("" + s[0], "" + s[1], dflt));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GemmTile.parse("5", null, dflt));
        assertTrue(e.getMessage().contains("vecgrad.gemm.mr=5") && e.getMessage().contains("[4, 6, 8]"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> GemmTile.parse(null, "x", dflt));
        assertTrue(e.getMessage().contains("vecgrad.gemm.nrVectors=x") && e.getMessage().contains("[2, 3]"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> GemmTile.parse("6", "3", dflt));
        assertTrue(e.getMessage().contains("vecgrad.gemm.mr=6") && e.getMessage().contains("vecgrad.gemm.nrVectors=3")
                && e.getMessage().contains("4x2, 6x2, 8x2, 4x3, 8x3"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> GemmTile.parse("0", "0", dflt));
    }

    private static double[] random(SplittableRandom r, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = (r.nextInt(4096) - 2048) / 2048.0; // 12 bits: exact in F32 too
        }
        return x;
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /**
     * got against the F64 reference: |got − ref| ≤ 4·(k + 2)·eps·(|alpha|·Σ|A||B| + |beta·C|) inside the m × n
     * window, untouched outside it. Null when all is well.
     */
    static String check(String what, boolean ta, boolean tb, int m, int n, int k, double alpha, double beta,
                                double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c0, int cOff,
                                int ldc, double[] got, double eps) {
        for (int idx = 0; idx < got.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && Double.doubleToRawLongBits(got[idx]) != Double.doubleToRawLongBits(c0[idx])) {
                return what + ": element " + idx + " outside C changed";
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double x = (ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p])
                            * (tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                    s += x;
                    mag += Math.abs(x);
                }
                double cij = c0[cOff + i * ldc + j];
                double ref = alpha * s + (beta == 0 ? 0 : beta * cij);
                double bound = 4.0 * (k + 2) * eps * (Math.abs(alpha) * mag + Math.abs(beta * cij)) + 1e-300;
                double g = got[cOff + i * ldc + j];
                if (!(Math.abs(g - ref) <= bound)) {
                    return what + ": C[" + i + "," + j + "] = " + g + ", reference " + ref + ", bound " + bound;
                }
            }
        }
        return null;
    }
}
