package org.vecgrad.engine.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vecgrad.engine.GemmOracle.toFloat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The packing of transposed operands (packA's whole-vector steps, packB's L × L register transposes) through
 * {@code block} on every tile, tiny block sizes (kc around multiples of L, several ic / jc / pc blocks), sub-blocks
 * with i0, j0 ≠ 0, offsets, leading dimensions above the minimum and arrays of exactly the minimum BLAS length (so
 * a vector read past the last element would throw). Small-integer inputs make every sum exact in F32, so the check
 * is bit for bit, and one instance runs all cases in turn, so a slot left stale from an earlier pack shows. Run it
 * with {@code -Dtest.jvm.extra=-Dvecgrad.vectorBits=128} (L = 4 for F32) or 512 (L = 8 for F64, 16 for F32) too.
 */
class PackTransposesTest {

    @BeforeAll
    static void simdPresent() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
    }

    @Test
    void transposedPacksEqualTheExactProduct() {
        SplittableRandom r = new SplittableRandom(5);
        int cases = 0;
        for (int[] s : GemmTile.ALLOWED) {
            GemmTile t = new GemmTile(s[0], s[1]);
            for (int l : new int[] {GemmF32.L, GemmF64.L}) {
                for (int kc : new int[] {1, l - 1, l, l + 1, 2 * l + 3, 37}) {
                    if (kc < 1) {
                        continue;
                    }
                    GemmF32 f = new GemmF32(t, new GemmBlocking(2 * t.mr(), kc, 2 * t.nv() * GemmF32.L));
                    GemmF64 d = new GemmF64(t, new GemmBlocking(2 * t.mr(), kc, 2 * t.nv() * GemmF64.L));
                    for (int rep = 0; rep < 6; rep++) {
                        for (int tr = 0; tr < 4; tr++) {
                            boolean ta = (tr & 1) != 0;
                            boolean tb = (tr & 2) != 0;
                            int m = 1 + r.nextInt(5 * t.mr());
                            int n = 1 + r.nextInt(5 * f.nr);
                            int k = 1 + r.nextInt(3 * kc + 2 * l);
                            check(f, null, r, ta, tb, m, n, k);
                            check(null, d, r, ta, tb, m, n, k);
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases >= GemmTile.ALLOWED.length * 2 * 5 * 6 * 4, "cases run: " + cases);
    }

    /**
     * packA's layout element for element, bit for bit (NaN payloads, −0, subnormals, ±Inf go through the register
     * transposes unchanged): untransposed A p-major (the 8-row register transposes when MR = 8 and L = 16 or 8),
     * by rows (only a ragged last panel is copied; whole panels, which the rows kernels read from A itself, are left
     * untouched), and transposed A, on every tile, depths around multiples of L, partial last panels, row and depth
     * offsets, and arrays of exactly the minimum length.
     */
    @Test
    void packAWritesTheLayoutBitForBit() {
        SplittableRandom r = new SplittableRandom(11);
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_NORMAL / 3, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc01234), 1e4f, -1e4f, 1f};
        int cases = 0;
        for (int[] s : GemmTile.ALLOWED) {
            GemmTile t = new GemmTile(s[0], s[1]);
            GemmF32 f = new GemmF32(t, null);
            GemmF64 d = new GemmF64(t, null);
            int mr = t.mr();
            for (int l : new int[] {GemmF32.L, GemmF64.L}) {
                for (int kc : new int[] {1, l - 1, l, l + 1, 2 * l, 3 * l + 5, 8 * l + 1}) {
                    if (kc < 1) {
                        continue;
                    }
                    for (int mode = 0; mode < 3; mode++) {
                        boolean ta = mode == 2;
                        boolean rows = mode == 1;
                        int mc = 1 + r.nextInt(3 * mr);
                        int ic = r.nextInt(3);
                        int pc = r.nextInt(3);
                        int aOff = r.nextInt(5);
                        int lda = (ta ? ic + mc : pc + kc) + r.nextInt(3);
                        int len = ta ? aOff + (pc + kc - 1) * lda + ic + mc : aOff + (ic + mc - 1) * lda + pc + kc;
                        float[] af = new float[len];
                        double[] ad = new double[len];
                        for (int i = 0; i < len; i++) {
                            af[i] = r.nextInt(4) == 0 ? specials[r.nextInt(specials.length)] : (float) r.nextGaussian();
                            ad[i] = af[i] == 1f ? Double.longBitsToDouble(0x7ff8000000abcdefL) : af[i];
                        }
                        int size = GemmF32.roundUp(mc, mr) * kc;
                        float[] pf = new float[size + GemmF32.L];
                        double[] pd = new double[size + GemmF64.L];
                        java.util.Arrays.fill(pf, 7f); // stale values: every slot must be written
                        java.util.Arrays.fill(pd, 7.0);
                        f.packA(ta, rows, af, aOff, lda, ic, mc, pc, kc, pf);
                        d.packA(ta, rows, ad, aOff, lda, ic, mc, pc, kc, pd);
                        for (int i = 0; i < size; i++) {
                            int q = i / (mr * kc);
                            int rem = i % (mr * kc);
                            int row = rows ? rem / kc : rem % mr;
                            int p = rows ? rem % kc : rem / mr;
                            int at = q * mr + row;
                            int src = ta ? aOff + (pc + p) * lda + ic + at : aOff + (ic + at) * lda + pc + p;
                            // by rows, a whole panel is read from A in place: packA leaves its slots as they were
                            boolean inPlace = rows && (q + 1) * mr <= mc;
                            float wantF = inPlace ? 7f : at < mc ? af[src] : 0f;
                            double wantD = inPlace ? 7.0 : at < mc ? ad[src] : 0.0;
                            if (Float.floatToRawIntBits(pf[i]) != Float.floatToRawIntBits(wantF)
                                    || Double.doubleToRawLongBits(pd[i]) != Double.doubleToRawLongBits(wantD)) {
                                throw new AssertionError("tile " + t + " ta=" + ta + " rows=" + rows + " mc=" + mc
                                        + " kc=" + kc + " ic=" + ic + " pc=" + pc + " lda=" + lda + ": ap[" + i
                                        + "] (row " + at + ", depth " + p + ") = " + pf[i] + " / " + pd[i]
                                        + ", want " + wantF + " / " + wantD);
                            }
                        }
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases >= GemmTile.ALLOWED.length * 2 * 6 * 3, "cases run: " + cases);
    }

    /** One product through {@code block} on a random sub-block; C compared exactly, outside the block untouched. */
    private static void check(GemmF32 f, GemmF64 d, SplittableRandom r, boolean ta, boolean tb, int m, int n, int k) {
        int mr = f != null ? f.mr : d.mr;
        int nr = f != null ? f.nr : d.nr;
        int aRows = ta ? k : m;
        int aCols = ta ? m : k;
        int bRows = tb ? n : k;
        int bCols = tb ? k : n;
        int aOff = r.nextInt(5);
        int bOff = r.nextInt(5);
        int cOff = r.nextInt(5);
        int lda = aCols + (r.nextBoolean() ? 0 : r.nextInt(4));
        int ldb = bCols + (r.nextBoolean() ? 0 : r.nextInt(4));
        int ldc = n + r.nextInt(3);
        double[] a = ints(r, aOff + (aRows - 1) * lda + aCols); // exactly the BLAS minimum: no slack to read past
        double[] b = ints(r, bOff + (bRows - 1) * ldb + bCols);
        double[] c = ints(r, cOff + (m - 1) * ldc + n);
        // a sub-block on tile edges, as GemmThreads.forGrid cuts them
        int mTiles = (m + mr - 1) / mr;
        int nTiles = (n + nr - 1) / nr;
        int i0 = Math.min(m, r.nextInt(mTiles) * mr);
        int i1 = Math.min(m, (i0 / mr + 1 + r.nextInt(mTiles - i0 / mr)) * mr);
        int j0 = Math.min(n, r.nextInt(nTiles) * nr);
        int j1 = Math.min(n, (j0 / nr + 1 + r.nextInt(nTiles - j0 / nr)) * nr);
        double[] want = c.clone();
        for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += x * y;
                }
                want[cOff + i * ldc + j] = sum + 0.5 * c[cOff + i * ldc + j];
            }
        }
        String what = (f != null ? "F32 L=" + GemmF32.L : "F64 L=" + GemmF64.L) + " tile " + mr + "x" + nr + " "
                + (f != null ? f.blocking : d.blocking) + " ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n + " k=" + k
                + " rows " + i0 + ".." + i1 + " cols " + j0 + ".." + j1 + " aOff=" + aOff + " lda=" + lda
                + " bOff=" + bOff + " ldb=" + ldb;
        double[] got;
        if (f != null) {
            float[] cf = toFloat(c);
            f.block(ta, tb, i0, i1, j0, j1, k, 1f, toFloat(a), aOff, lda, toFloat(b), bOff, ldb, 0.5f, cf, cOff, ldc);
            got = new double[cf.length];
            for (int i = 0; i < cf.length; i++) {
                got[i] = cf[i];
            }
        } else {
            got = c.clone();
            d.block(ta, tb, i0, i1, j0, j1, k, 1.0, a, aOff, lda, b, bOff, ldb, 0.5, got, cOff, ldc);
        }
        for (int i = 0; i < got.length; i++) {
            if (Double.compare(want[i], got[i]) != 0) {
                int e = i - cOff;
                throw new AssertionError(what + ": C[" + e / ldc + ", " + e % ldc + "] = " + got[i] + ", want "
                        + want[i]);
            }
        }
    }

    /** Integers in [-4, 4]: every partial sum below is an exact F32 integer. */
    private static double[] ints(SplittableRandom r, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = r.nextInt(9) - 4;
        }
        return x;
    }
}
