package org.vecgrad.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.kernel.Kernels;

/** Pooling against direct loops over PyTorch's definitions, on random geometries; adjointness of the backwards. */
class PoolingTest {

    @Test
    void maxPoolPicksTheFirstLargestTapAndRoutesTheGradientThere() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            int[] k = {r.nextInt(1, 4), r.nextInt(1, 4)};
            int[] s = {r.nextInt(1, 4), r.nextInt(1, 4)};
            int[] d = {r.nextInt(1, 3), r.nextInt(1, 3)};
            int[] p = {r.nextInt(0, k[0] / 2 + 1), r.nextInt(0, k[1] / 2 + 1)};
            boolean ceil = r.nextBoolean();
            int h = r.nextInt(d[0] * (k[0] - 1) + 1, 9);
            // wide rows put whole vectors of output columns (up to 16 lanes × stride 3) through the SIMD row kernel
            int w = r.nextInt(d[1] * (k[1] - 1) + 1, r.nextInt(3) == 0 ? 110 : 9);
            int[] xs = {r.nextInt(1, 3), r.nextInt(1, 3), h, w};
            PoolGeometry g = PoolGeometry.maxPool2d("max_pool2d", xs, k, s, p, d, ceil);
            NdArray x = NdArray.uniform(dt, r, -1, 1, xs);
            if (r.nextBoolean()) {                                     // ties: a coarse grid
                for (int i = 0; i < x.size(); i++) {
                    x.setFlat(i, Math.round(x.getFlat(i) * 2));
                }
            }
            double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0, 1e4, -1e4,
                Double.MIN_VALUE, Float.MIN_VALUE};
            if (r.nextBoolean()) {                                     // NaN wins (the last one), ±0 ties, ±Inf
                for (int i = 0; i < x.size(); i++) {
                    if (r.nextInt(8) == 0) {
                        x.setFlat(i, special[r.nextInt(special.length)]);
                    }
                }
            }
            int[] out = g.outputShape();
            int[] idx = new int[out[0] * out[1] * out[2] * out[3]];
            NdArray y = Pooling.maxPool(x, g, idx);
            for (int pl = 0; pl < xs[0] * xs[1]; pl++) {
                for (int oh = 0; oh < out[2]; oh++) {
                    for (int ow = 0; ow < out[3]; ow++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int i = 0; i < k[0]; i++) {
                            for (int j = 0; j < k[1]; j++) {
                                int ih = oh * s[0] - p[0] + i * d[0];
                                int iw = ow * s[1] - p[1] + j * d[1];
                                double v = ih >= 0 && ih < h && iw >= 0 && iw < w
                                        ? x.getFlat(pl * h * w + ih * w + iw) : 0;
                                if (ih >= 0 && ih < h && iw >= 0 && iw < w && (at < 0 || v > best || v != v)) {
                                    best = x.getFlat(pl * h * w + ih * w + iw);
                                    at = ih * w + iw;
                                }
                            }
                        }
                        int q = (pl * out[2] + oh) * out[3] + ow;
                        assertEquals(best, y.getFlat(q), g.toString());
                        assertEquals(at, idx[q], g.toString());
                    }
                }
            }
            NdArray gy = NdArray.uniform(dt, r, -1, 1, out);
            NdArray v = NdArray.uniform(dt, r, -1, 1, xs);
            double lhs = Pooling.maxPoolBackward(gy, idx, g).mul(v).sum();
            double rhs = gy.mul(Pooling.gatherMax(v, idx, g)).sum();
            assertEquals(rhs, lhs, (dt == DType.F32 ? 1e-4 : 1e-12) * Math.max(1, Math.abs(rhs)));
            // inference's values-only form: the same values, bit for bit
            assertArrayEquals(y.toDoubleArray(), Pooling.maxPoolValues(x, g).toDoubleArray(), g.toString());
        });
    }

    @Test
    void valuesOfPlainTwoByTwoPoolsMatchTheWindowLoops() {
        // MaxPool2d(2) without indices runs on maxPool2x2; the general window loops (maxTaps) give the same bits, on
        // odd and even sizes (ceil mode over an odd size is not plain: its last window is cut), special values, ties
        // and a view at an offset
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            int[] xs = {r.nextInt(1, 4), r.nextInt(1, 7), r.nextInt(2, 12), r.nextInt(2, r.nextBoolean() ? 80 : 12)};
            int n = xs[0] * xs[1] * xs[2] * xs[3];
            int off = r.nextInt(4);
            NdArray all = NdArray.uniform(dt, r, -1, 1, off + n);
            double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0, 1e4};
            for (int i = 0; i < all.size(); i++) {
                int mode = r.nextInt(8);
                if (mode == 0) {
                    all.setFlat(i, special[r.nextInt(special.length)]);
                } else if (mode < 3) {
                    all.setFlat(i, Math.round(all.getFlat(i)));            // ties, ±0 among them
                }
            }
            NdArray x = dt == DType.F32 ? NdArray.wrap(all.floatData(), off, xs) : NdArray.wrap(all.doubleData(), off, xs);
            boolean ceil = r.nextBoolean();
            PoolGeometry g = PoolGeometry.maxPool2d("max_pool2d", xs, new int[] {2, 2}, new int[] {2, 2},
                    new int[] {0, 0}, new int[] {1, 1}, ceil);
            assertEquals(!ceil || xs[2] % 2 == 0 && xs[3] % 2 == 0, g.isPlain2x2(), g.toString());
            double[] fast = Pooling.maxPoolValues(x, g).toDoubleArray();
            boolean old = Pooling.setPlain2x2(false);
            try {
                assertArrayEquals(Pooling.maxPoolValues(x, g).toDoubleArray(), fast, g + " at offset " + off);
            } finally {
                Pooling.setPlain2x2(old);
            }
        });
    }

    @Test
    void twoByTwoWindowsLetTheLastNanWinAndTheFirstMaximumTie() {
        // n = 2·lanes + 1 windows inside the row (whole vectors of windows, the last overlapping the one before) run
        // the SIMD row kernel; even windows hold two NaNs (the later one, row 1, wins), odd windows a tie between
        // (0, 2j + 1) and (1, 2j) (the first wins); the window at the ceil-mode edge runs the checked loop
        int n = 2 * Kernels.active().doubleLanes() + 1;
        int w = 2 * n + 1;
        double[] v = new double[2 * w];
        for (int j = 0; j < n; j++) {
            boolean nan = j % 2 == 0;
            v[2 * j] = nan ? 1 + j : 2;
            v[2 * j + 1] = nan ? Double.NaN : 5 + j;
            v[w + 2 * j] = nan ? Double.NaN : 5 + j;
            v[w + 2 * j + 1] = nan ? 0 : 3;
        }
        v[2 * n] = -1;
        v[w + 2 * n] = 7;
        NdArray x = NdArray.of(v, 1, 1, 2, w);
        PoolGeometry g = PoolGeometry.maxPool2d("max_pool2d", x.shape(), new int[] {2, 2}, new int[] {2, 2},
                new int[] {0, 0}, new int[] {1, 1}, true);
        int[] idx = new int[n + 1];
        NdArray y = Pooling.maxPool(x, g, idx);
        for (int j = 0; j < n; j++) {
            if (j % 2 == 0) {
                assertTrue(Double.isNaN(y.getFlat(j)), "window " + j);
                assertEquals(w + 2 * j, idx[j], "window " + j);
            } else {
                assertEquals(5.0 + j, y.getFlat(j), "window " + j);
                assertEquals(2 * j + 1, idx[j], "window " + j);
            }
        }
        assertEquals(7.0, y.getFlat(n));
        assertEquals(w + 2 * n, idx[n]);
    }

    @Test
    void valuesOnlyMaxPoolKeepsABoundedScratch() throws Exception {
        // many small planes: 8·64 planes of 16×16 outputs (131072 in all, twice the bound; 3×3 windows, as a plain
        // 2×2 pool keeps no indices at all)
        NdArray small = NdArray.uniform(DType.F32, new SplittableRandom(1), -1, 1, 8, 64, 32, 32);
        PoolGeometry gs = PoolGeometry.maxPool2d("max_pool2d", small.shape(), new int[] {3, 3}, new int[] {2, 2},
                new int[] {1, 1}, new int[] {1, 1}, false);
        // one plane larger than the bound: its H'·W' is the bound then
        NdArray big = NdArray.uniform(DType.F64, new SplittableRandom(2), -1, 1, 1, 3, 300, 300);
        PoolGeometry gb = PoolGeometry.maxPool2d("max_pool2d", big.shape(), new int[] {3, 3}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, false);
        for (Object[] c : new Object[][] {{small, gs, Pooling.VALUES_SCRATCH_BOUND}, {big, gb, 300 * 300}}) {
            NdArray x = (NdArray) c[0];
            PoolGeometry g = (PoolGeometry) c[1];
            int bound = (int) c[2];
            int[] capacity = new int[1];
            double[][] values = new double[2][];
            Thread t = new Thread(() -> {                   // a fresh thread: its scratch starts empty
                values[0] = Pooling.maxPoolValues(x, g).toDoubleArray();
                capacity[0] = Pooling.valuesScratchCapacity();
            });
            t.start();
            t.join();
            assertTrue(capacity[0] > 0 && capacity[0] <= bound, capacity[0] + " ints kept, bound " + bound);
            values[1] = Pooling.maxPool(x, g, new int[x.size() / x.shape(2) / x.shape(3) * g.outputShape()[2]
                    * g.outputShape()[3]]).toDoubleArray();
            assertArrayEquals(values[1], values[0], g.toString());
        }
    }

    @Test
    void maxPoolRefusesAnOutputOverlappingItsInput() {
        double[] storage = new double[20];
        for (int i = 0; i < storage.length; i++) {
            storage[i] = i;
        }
        NdArray x = NdArray.wrap(storage, 0, 1, 1, 4, 4);
        PoolGeometry g = PoolGeometry.maxPool2d("max_pool2d", x.shape(), new int[] {2, 2}, new int[] {2, 2},
                new int[] {0, 0}, new int[] {1, 1}, false);
        NdArray overlapping = NdArray.wrap(storage, 14, 1, 1, 2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(x, g, overlapping, new int[4]));
        assertTrue(e.getMessage().contains("max_pool") && e.getMessage().contains("overlaps the input"),
                e.getMessage());
        for (int i = 0; i < storage.length; i++) {
            assertEquals(i, storage[i], "changed nothing");
        }
        NdArray k1 = NdArray.wrap(storage, 0, 1, 1, 4, 4);               // the input itself, kernel 1
        PoolGeometry g1 = PoolGeometry.maxPool2d("max_pool2d", k1.shape(), new int[] {1, 1}, new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1}, false);
        assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(k1, g1, k1, new int[16]));
        // the same storage, disjoint: allowed
        NdArray after = NdArray.wrap(storage, 16, 1, 1, 2, 2);
        Pooling.maxPool(x, g, after, new int[4]);
        assertArrayEquals(new double[] {5, 7, 13, 15}, after.toDoubleArray());
    }

    @Test
    void maxPoolLetsNanWin() {
        NdArray x = NdArray.of(new double[] {1, Double.NaN, 3, 2}, 1, 1, 1, 4);
        PoolGeometry g = PoolGeometry.maxPool2d("max_pool2d", x.shape(), new int[] {1, 4}, new int[] {1, 4},
                new int[] {0, 0}, new int[] {1, 1}, false);
        int[] idx = new int[1];
        assertTrue(Double.isNaN(Pooling.maxPool(x, g, idx).getFlat(0)));
        assertEquals(1, idx[0]);
    }

    @Test
    void averagesMatchTheDefinitionAndTheirAdjoint() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int h = r.nextInt(1, 10);
            int w = r.nextInt(1, 24);
            int[] xs = {r.nextInt(1, 3), r.nextInt(1, 3), h, w};
            Windows wn;
            boolean adaptive = r.nextBoolean();
            int[] k = {r.nextInt(1, h + 1), r.nextInt(1, w + 1)};
            int[] s = {r.nextInt(1, 4), r.nextInt(1, 4)};
            int[] p = {r.nextInt(0, k[0] / 2 + 1), r.nextInt(0, k[1] / 2 + 1)};
            boolean ceil = r.nextBoolean();
            boolean countPad = r.nextBoolean();
            int oh0 = r.nextInt(1, h + 3);
            int ow0 = r.nextInt(1, w + 3);
            wn = adaptive ? Windows.adaptiveAvgPool2d("adaptive_avg_pool2d", xs, oh0, ow0)
                    : Windows.avgPool2d("avg_pool2d", xs, k, s, p, ceil, countPad);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            double tol = dt == DType.F32 ? 1e-5 : 1e-13;         // F32 sums of up to 240 terms
            NdArray x = NdArray.uniform(dt, r, -1, 1, xs);
            NdArray y = Pooling.average(x, wn);
            int[] out = y.shape();
            for (int pl = 0; pl < xs[0] * xs[1]; pl++) {
                for (int a = 0; a < out[2]; a++) {
                    for (int b = 0; b < out[3]; b++) {
                        double want;
                        if (adaptive) {
                            int hs = (int) Math.floor((double) a * h / out[2]);
                            int he = (int) Math.ceil((double) (a + 1) * h / out[2]);
                            int ws = (int) Math.floor((double) b * w / out[3]);
                            int we = (int) Math.ceil((double) (b + 1) * w / out[3]);
                            want = box(x, pl, h, w, hs, he, ws, we) / ((he - hs) * (we - ws));
                        } else {
                            int hs = a * s[0] - p[0];
                            int ws = b * s[1] - p[1];
                            int he = Math.min(hs + k[0], h + p[0]);
                            int we = Math.min(ws + k[1], w + p[1]);
                            int size = (he - hs) * (we - ws);
                            hs = Math.max(hs, 0);
                            ws = Math.max(ws, 0);
                            he = Math.min(he, h);
                            we = Math.min(we, w);
                            want = hs >= he || ws >= we ? 0 : box(x, pl, h, w, hs, he, ws, we)
                                    / (countPad ? size : (he - hs) * (we - ws));
                        }
                        double got = y.getFlat((pl * out[2] + a) * out[3] + b);
                        assertEquals(want, got, tol, dt + " " + wn);
                    }
                }
            }
            NdArray gy = NdArray.uniform(dt, r, -1, 1, out);
            NdArray v = NdArray.uniform(dt, r, -1, 1, xs);
            assertEquals(gy.mul(Pooling.average(v, wn)).sum(), Pooling.averageBackward(gy, wn).mul(v).sum(),
                    dt == DType.F32 ? 1e-4 : 1e-12);
        });
    }

    private static double box(NdArray x, int pl, int h, int w, int hs, int he, int ws, int we) {
        double s = 0;
        for (int i = hs; i < he; i++) {
            for (int j = ws; j < we; j++) {
                s += x.getFlat(pl * h * w + i * w + j);
            }
        }
        return s;
    }

    @Test
    void ceilModeDropsAWindowThatStartsInThePadding() {
        // 5 wide, kernel 2, stride 2, padding 1, ceil: ⌈(5 + 2 − 2)/2⌉ + 1 = 4 windows, but the 4th would start at
        // 3·2 − 1 = 5, inside the right padding ((4 − 1)·2 ≥ 5 + 1): dropped, 3 (PyTorch 1.13 gives [1, 1, 1, 3])
        int[] xs = {1, 1, 1, 5};
        PoolGeometry g = PoolGeometry.maxPool2d("max_pool2d", xs, new int[] {1, 2}, new int[] {1, 2},
                new int[] {0, 1}, new int[] {1, 1}, true);
        assertArrayEquals(new int[] {1, 1, 1, 3}, g.outputShape());
        // 4 wide, kernel 2, stride 3, ceil: ⌈(4 − 2)/3⌉ + 1 = 2; window 2 starts at 3 < 4: kept
        g = PoolGeometry.maxPool2d("max_pool2d", new int[] {1, 1, 1, 4}, new int[] {1, 2}, new int[] {1, 3},
                new int[] {0, 0}, new int[] {1, 1}, true);
        assertArrayEquals(new int[] {1, 1, 1, 2}, g.outputShape());
        // 6 wide, kernel 3, stride 3, pad 1, ceil: ⌈(6 + 2 − 3)/3⌉ + 1 = 3; window 3 starts at 6 − 1 = 5 < 7: kept
        g = PoolGeometry.maxPool2d("max_pool2d", new int[] {1, 1, 1, 6}, new int[] {1, 3}, new int[] {1, 3},
                new int[] {0, 1}, new int[] {1, 1}, true);
        assertArrayEquals(new int[] {1, 1, 1, 3}, g.outputShape());
    }

    @Test
    void badPoolsSayWhatIsWrong() {
        var e = assertThrows(IllegalArgumentException.class, () -> PoolGeometry.maxPool2d("MaxPool2d(3)",
                new int[] {1, 1, 4, 4}, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 2}, new int[] {1, 1},
                false));
        assertTrue(e.getMessage().contains("MaxPool2d(3): padding 2 (H) must be at most half the kernel size 3"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoolGeometry.maxPool2d("max_pool2d",
                new int[] {1, 1, 2, 2}, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1},
                false));
        assertTrue(e.getMessage().contains("is too small for kernel_size 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Windows.avgPool2d("avg_pool2d", new int[] {4, 4},
                new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, false, true));
        assertTrue(e.getMessage().contains("rank 3 or 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Windows.avgPool2d("avg_pool2d", new int[] {1, 1, 4, 4},
                new int[] {2, 2}, new int[] {2, 2}, new int[] {-1, 0}, false, true));
        assertTrue(e.getMessage().contains("padding -1 (H) must be >= 0"), e.getMessage());
    }
}
