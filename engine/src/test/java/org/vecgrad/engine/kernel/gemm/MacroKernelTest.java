package org.vecgrad.engine.kernel.gemm;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.vecgrad.engine.GemmOracle.toFloat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The macro-kernel's choices give the same bits whichever way they go, so each is checked against the other, column
 * for column, with offsets, leading dimensions, partial panels, depth blocks and ±0, subnormals, ±Inf, NaN, ±1e4:
 * the rows kernels reading whole MR-row panels of untransposed A where it is stored (only a ragged last panel is
 * copied) against the p-major kernels on packed A, and the two loop orders of the p-major kernels (ir outermost for a
 * B block of at most {@code smallBBytes}, jr outermost above it).
 */
class MacroKernelTest {

    @BeforeAll
    static void simdPresent() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
    }

    private static final double[] SPECIALS = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL / 3,
        Float.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e4, -1e4};

    /** A narrow product (fewer than ROWS_MAX_PANELS column panels: rows kernels, A in place) against a wide one. */
    @Test
    void narrowProductsReadingAInPlaceEqualWideOnesBitForBit() {
        qt().withExamples(40).withShrinkCycles(10)
                .forAll(longs().all(), integers().between(0, 1), integers().between(0, 1))
                .checkAssert((seed, transB, betaZero) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    GemmTile t = GemmTile.DEFAULT;
                    int kc = 1 + r.nextInt(70);
                    int mc = (1 + r.nextInt(3)) * t.mr();
                    int nr32 = t.nv() * GemmF32.L;
                    int nr64 = t.nv() * GemmF64.L;
                    GemmF32 f = new GemmF32(t, new GemmBlocking(mc, kc, 4 * nr32));
                    GemmF64 d = new GemmF64(t, new GemmBlocking(mc, kc, 4 * nr64));
                    int m = 1 + r.nextInt(5 * t.mr());
                    int k = 1 + r.nextInt(150);
                    for (int nr : new int[] {nr32, nr64}) {
                        int rowsMax = nr == nr32 ? GemmF32.ROWS_MAX_PANELS : GemmF64.ROWS_MAX_PANELS;
                        int wide = rowsMax * nr + r.nextInt(nr);
                        int narrow = 1 + r.nextInt(rowsMax * nr - 1);
                        Problem p = new Problem(r, false, transB == 1, betaZero == 1, m, wide, k);
                        p.compare(nr == nr32 ? f : null, nr == nr32 ? null : d, wide, f, d, narrow);
                    }
                });
    }

    /** jr outermost (smallBBytes 0) against ir outermost (smallBBytes unbounded) on the p-major kernels. */
    @Test
    void bothLoopOrdersGiveTheSameBits() {
        qt().withExamples(40).withShrinkCycles(10)
                .forAll(longs().all(), integers().between(0, 3), integers().between(0, 1))
                .checkAssert((seed, trans, betaZero) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    GemmTile t = GemmTile.DEFAULT;
                    GemmBlocking b32 = new GemmBlocking((1 + r.nextInt(3)) * t.mr(), 1 + r.nextInt(70),
                            (1 + r.nextInt(4)) * t.nv() * GemmF32.L);
                    GemmBlocking b64 = new GemmBlocking(b32.mc(), b32.kc(), (1 + r.nextInt(4)) * t.nv() * GemmF64.L);
                    boolean ta = (trans & 1) != 0;
                    int nr = t.nv() * GemmF32.L;
                    // untransposed A takes the p-major kernels only with ROWS_MAX_PANELS column panels or more
                    int rowsMax = Math.max(GemmF32.ROWS_MAX_PANELS,
                            (GemmF64.ROWS_MAX_PANELS * GemmF64.L + GemmF32.L - 1) / GemmF32.L); // in F32 panels
                    int n = ta ? 1 + r.nextInt(5 * nr) : rowsMax * nr + r.nextInt(2 * nr);
                    Problem p = new Problem(r, ta, (trans & 2) != 0, betaZero == 1, 1 + r.nextInt(5 * t.mr()), n,
                            1 + r.nextInt(150));
                    p.compare(new GemmF32(t, b32, 0), new GemmF64(t, b64, 0), n,
                            new GemmF32(t, b32, Long.MAX_VALUE), new GemmF64(t, b64, Long.MAX_VALUE), n);
                });
    }

    /**
     * The narrow kernel (narrow8x4, rows in the lanes: two MR-row panels a call where a vector has 8 lanes, four
     * panels two to a vector where it has 16) on a ragged last column panel of at most NARROW_COLS columns against
     * the MR × 1-vector kernel it replaces: every allowed tile, both loop orders, n = a few whole
     * panels + 1 … L/4 + 1 columns (and the convolution's 196), blocks of 1-4 row panels and m up to 6 panels (so
     * groups of 1, 2, 3 and 4 panels, the missing ones of a group repeated), ragged last row panels.
     */
    @Test
    void narrowKernelGivesTheOneVectorKernelsBits() {
        qt().withExamples(60).withShrinkCycles(10)
                .forAll(longs().all(), integers().between(0, 3), integers().between(0, 1))
                .checkAssert((seed, flags, betaZero) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    boolean ta = (flags & 1) != 0;
                    Setting x = Setting.draw(r, (flags & 2) != 0 ? 0 : Long.MAX_VALUE);
                    GemmTile t = x.tile();
                    for (int dt = 0; dt < 2; dt++) {
                        int lanes = dt == 0 ? GemmF32.L : GemmF64.L;
                        int nr = t.nv() * lanes;
                        int[] tails = {1, 2, 3, 4, lanes / 4 + 1, 1 + r.nextInt(Math.min(nr - 1, 6))};
                        // untransposed A takes the p-major kernels only with ROWS_MAX_PANELS column panels or more
                        int rowsMax = dt == 0 ? GemmF32.ROWS_MAX_PANELS : GemmF64.ROWS_MAX_PANELS;
                        int panels = ta ? r.nextInt(4) : rowsMax + r.nextInt(2);
                        int n = dt == 0 && ta && t.nv() == 3 && lanes == 16 && r.nextInt(4) == 0 ? 196
                                : panels * nr + tails[r.nextInt(tails.length)];
                        Problem p = new Problem(r, ta, r.nextBoolean(), betaZero == 1, x.m(), n, x.k());
                        x.offThenOn(p, dt, n, GemmF32.narrow, on -> {
                            GemmF32.narrow = on;
                            GemmF64.narrow = on;
                        });
                    }
                });
    }

    /**
     * Whole tiles stored by the micro-kernel straight into C (alpha = 1, beta = 0: {@code direct}) against the round
     * trip through the tile and the update: every allowed tile, all three loops (rows kernels, both p-major orders),
     * several depth blocks (the later ones add to C and take the update), ragged last row and column panels, and
     * beta ≠ 0 or alpha ≠ 1 now and then (no direct store at all).
     */
    @Test
    void directStoreGivesTheUpdatesBits() {
        qt().withExamples(60).withShrinkCycles(10)
                .forAll(longs().all(), integers().between(0, 7), integers().between(0, 5))
                .checkAssert((seed, flags, variant) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    boolean ta = (flags & 1) != 0;
                    boolean tb = (flags & 2) != 0;
                    Setting x = Setting.draw(r, (flags & 4) != 0 ? 0 : Long.MAX_VALUE);
                    GemmTile t = x.tile();
                    for (int dt = 0; dt < 2; dt++) {
                        int lanes = dt == 0 ? GemmF32.L : GemmF64.L;
                        int nr = t.nv() * lanes;
                        // below ROWS_MAX_PANELS column panels untransposed A runs the rows kernels
                        int rowsMax = dt == 0 ? GemmF32.ROWS_MAX_PANELS : GemmF64.ROWS_MAX_PANELS;
                        int panels = r.nextInt(2) == 0 ? r.nextInt(4) : rowsMax + r.nextInt(2);
                        int[] tails = {0, lanes, 2 * lanes, 1 + r.nextInt(nr - 1)};
                        int n = Math.max(1, panels * nr + tails[r.nextInt(tails.length)]);
                        Problem p = new Problem(r, ta, tb, variant != 1, x.m(), n, x.k(), variant == 2 ? null : 1.0);
                        x.offThenOn(p, dt, n, GemmF32.direct, on -> {
                            GemmF32.direct = on;
                            GemmF64.direct = on;
                        });
                    }
                });
    }

    /**
     * A random allowed tile with small blockings (kc up to 90, 1-4 row panels a block, 16 column panels) and
     * m, k to go with them, on GEMMs with the given {@code smallBBytes} (0: jr outermost; unbounded: ir outermost).
     */
    private record Setting(GemmTile tile, GemmF32 f, GemmF64 d, int m, int k) {
        static Setting draw(SplittableRandom r, long smallB) {
            int[] shape = GemmTile.ALLOWED[r.nextInt(GemmTile.ALLOWED.length)];
            GemmTile t = new GemmTile(shape[0], shape[1]);
            int kc = 1 + r.nextInt(90);
            GemmBlocking b32 = new GemmBlocking((1 + r.nextInt(4)) * t.mr(), kc, 16 * t.nv() * GemmF32.L);
            GemmBlocking b64 = new GemmBlocking(b32.mc(), kc, 16 * t.nv() * GemmF64.L);
            return new Setting(t, new GemmF32(t, b32, smallB), new GemmF64(t, b64, smallB), 1 + r.nextInt(6 * t.mr()),
                    1 + r.nextInt(200));
        }

        /**
         * p on F32 (dt 0) or F64 (dt 1) with a path switched off by {@code set}, then on: the same bits; the switch
         * back to {@code was} after.
         */
        void offThenOn(Problem p, int dt, int n, boolean was, java.util.function.Consumer<Boolean> set) {
            try {
                set.accept(false);
                p.compare(dt == 0 ? f : null, dt == 1 ? d : null, n, f, d, n, () -> set.accept(true));
            } finally {
                set.accept(was);
            }
        }
    }

    /** Random operands of an m × n × k product with C's leading dimension n. */
    private static final class Problem {
        final boolean ta;
        final boolean tb;
        final int m;
        final int n;
        final int k;
        final int aOff;
        final int lda;
        final int bOff;
        final int ldb;
        final double[] a;
        final double[] b;
        final double[] c0;
        final double alpha;
        final double beta;

        Problem(SplittableRandom r, boolean ta, boolean tb, boolean betaZero, int m, int n, int k) {
            this(r, ta, tb, betaZero, m, n, k, null);
        }

        /** With alpha given, or null: 0.5, 1.5 or 2.5. */
        Problem(SplittableRandom r, boolean ta, boolean tb, boolean betaZero, int m, int n, int k, Double alpha) {
            this.ta = ta;
            this.tb = tb;
            this.m = m;
            this.n = n;
            this.k = k;
            aOff = r.nextInt(5);
            lda = (ta ? m : k) + r.nextInt(4);
            a = values(r, aOff + (ta ? k : m) * lda);
            bOff = r.nextInt(5);
            ldb = (tb ? k : n) + r.nextInt(4);
            b = values(r, bOff + (tb ? n : k) * ldb);
            c0 = values(r, m * n);
            this.alpha = alpha != null ? alpha : 0.5 + r.nextInt(3);
            beta = betaZero ? 0.0 : -0.75;
        }

        /**
         * C's first {@code n1} columns by f1 or d1 against its first {@code n2} by f2 and d2 (F32 when f1 is not
         * null, F64 when d1 is not null): equal bits in the first min(n1, n2) columns, the rest as it was.
         */
        void compare(GemmF32 f1, GemmF64 d1, int n1, GemmF32 f2, GemmF64 d2, int n2) {
            compare(f1, d1, n1, f2, d2, n2, () -> { });
        }

        /** {@link #compare(GemmF32, GemmF64, int, GemmF32, GemmF64, int)}, running {@code second} before f2 and d2. */
        void compare(GemmF32 f1, GemmF64 d1, int n1, GemmF32 f2, GemmF64 d2, int n2, Runnable second) {
            int cols = Math.min(n1, n2);
            if (f1 != null) {
                float[] af = toFloat(a);
                float[] bf = toFloat(b);
                float[] c1 = toFloat(c0);
                float[] c2 = toFloat(c0);
                f1.block(ta, tb, 0, m, 0, n1, k, (float) alpha, af, aOff, lda, bf, bOff, ldb, (float) beta, c1, 0, n);
                second.run();
                f2.block(ta, tb, 0, m, 0, n2, k, (float) alpha, af, aOff, lda, bf, bOff, ldb, (float) beta, c2, 0, n);
                for (int i = 0; i < m * n; i++) {
                    float want = i % n < cols ? c1[i] : (float) c0[i];
                    if (Float.floatToIntBits(c2[i]) != Float.floatToIntBits(want)) {
                        throw new AssertionError("F32 " + this + " n1=" + n1 + " n2=" + n2 + " blocking "
                                + f2.blocking + ": C[" + i / n + "][" + i % n + "] = " + c2[i] + ", want " + want);
                    }
                }
            }
            if (d1 != null) {
                double[] c1 = c0.clone();
                double[] c2 = c0.clone();
                d1.block(ta, tb, 0, m, 0, n1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c1, 0, n);
                second.run();
                d2.block(ta, tb, 0, m, 0, n2, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c2, 0, n);
                for (int i = 0; i < m * n; i++) {
                    double want = i % n < cols ? c1[i] : c0[i];
                    if (Double.doubleToLongBits(c2[i]) != Double.doubleToLongBits(want)) {
                        throw new AssertionError("F64 " + this + " n1=" + n1 + " n2=" + n2 + " blocking "
                                + d2.blocking + ": C[" + i / n + "][" + i % n + "] = " + c2[i] + ", want " + want);
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " aOff=" + aOff + " lda=" + lda
                    + " bOff=" + bOff + " ldb=" + ldb + " beta=" + beta;
        }
    }

    private static double[] values(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(50) == 0 ? SPECIALS[r.nextInt(SPECIALS.length)] : r.nextGaussian();
        }
        return x;
    }
}
