package org.vecgrad.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels of the direct convolution ({@code convTaps}, {@code convLanes}, {@code convTapDot},
 * {@code convLanesDot}) against the scalar reference: output-channel counts around the kernels' 4- and 2-channel blocks (and a single leftover), random tap
 * counts and offsets, lengths 0, 1, lanes ± 1, around the 3-vector block and large, row bands with strides (and 1
 * to 3 images for the dot products), arrays
 * whose unwritten parts hold a sentinel, and special values (±0, subnormals, ±Inf, NaN, ±1e4). convTaps must give
 * the same bits (one fused multiply-add per tap, in tap order), and so must convLanes (channel counts around 1 and 2
 * vectors and beyond, rows around its 12- and 6-position blocks) and convLanesDot (taps around its 8- and 4-tap
 * blocks), on rows padded to whole vectors (their unmasked path; convLanes may write the padding columns) and
 * not; convTapDot agrees to the accumulated rounding. The strided im2col's rows, stridedRows, are copies, and
 * its adjoint stridedTapsAdd single adds in tap order: the same bits.
 */
class ConvTapKernelsTest {
    private static Backend simd;
    private static Backend ref;

    private static final double SENTINEL = 12345.5;

    @BeforeAll
    static void backends() {
        Assumptions.assumeTrue(Kernels.simd().isPresent(), "no SIMD backend: " + Kernels.simdUnavailableReason());
        simd = Kernels.simd().orElseThrow();
        ref = Kernels.scalar();
    }

    /** A random block: channels, taps and their offsets, lengths and strides. */
    record Block(int outs, int taps, int[] src, int len, int rows, int ldx, int ld, int ldo, int off, int yLen,
                 int xLen, int special) {
        static Block random(Random r, int lanes) {
            int[] edges = {0, 1, 2, lanes - 1, lanes, lanes + 1, 3 * lanes - 1, 3 * lanes, 3 * lanes + 1, 4 * lanes + 3,
                7 * lanes - 1};
            int len = r.nextInt(4) == 0 ? r.nextInt(200) : edges[r.nextInt(edges.length)];
            int outs = r.nextInt(1, 10);
            int taps = r.nextInt(1, 40);
            int rows = r.nextInt(1, 4);
            int ld = len + r.nextInt(4);                                   // a channel's row stride (dot) or length
            int ldx = len + r.nextInt(6);
            int ldo = rows * ld + r.nextInt(5);
            int spread = r.nextInt(1, 60);
            int[] src = new int[taps];
            int base = r.nextInt(9);
            for (int k = 0; k < taps; k++) {
                src[k] = base + r.nextInt(spread);
            }
            int off = r.nextInt(9);
            int maxSrc = Arrays.stream(src).max().orElseThrow();
            // x exactly as long as the largest index convTapDot reads + 1 (one image): an unmasked read past it throws
            return new Block(outs, taps, src, len, rows, ldx, ld, ldo, off, off + outs * ldo + 7,
                    maxSrc + (rows - 1) * ldx + len, r.nextInt(3));
        }
    }

    private static double[] doubles(Random r, Block b, int n) {
        return TapKernelsTest.doubles(r, b.special, n);
    }

    @Test
    void convTapsGivesTheReferenceBits() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Block b = Block.random(r, simd.floatLanes());
            int ldw = b.taps + r.nextInt(3);
            double[] w = doubles(r, b, 2 + b.outs * ldw);
            double[] x = doubles(r, b, b.xLen - (b.rows - 1) * b.ldx);   // exactly the largest index read + 1
            double[] y = doubles(r, b, b.yLen);
            boolean[] written = new boolean[y.length];
            for (int o = 0; o < b.outs; o++) {
                Arrays.fill(written, b.off + o * b.ldo, b.off + o * b.ldo + b.len, true);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = written[i] ? y[i] : SENTINEL;
            }
            double[] y1 = y.clone();
            double[] y2 = y.clone();
            simd.elementwise().convTaps(w, 2, ldw, b.outs, b.src, b.taps, x, y1, b.off, b.ldo, b.len);
            ref.elementwise().convTaps(w, 2, ldw, b.outs, b.src, b.taps, x, y2, b.off, b.ldo, b.len);
            assertTrue(Arrays.equals(y1, y2), "F64 " + b);
            float[] wf = TapKernelsTest.floats(w);
            float[] xf = TapKernelsTest.floats(x);
            float[] yf1 = TapKernelsTest.floats(y);
            float[] yf2 = TapKernelsTest.floats(y);
            simd.elementwise().convTaps(wf, 2, ldw, b.outs, b.src, b.taps, xf, yf1, b.off, b.ldo, b.len);
            ref.elementwise().convTaps(wf, 2, ldw, b.outs, b.src, b.taps, xf, yf2, b.off, b.ldo, b.len);
            assertTrue(Arrays.equals(yf1, yf2), "F32 " + b);
            for (int i = 0; i < y.length; i++) {
                if (!written[i]) {
                    assertEquals(SENTINEL, y1[i], "F64 wrote outside the block at " + i + ": " + b);
                    assertEquals(SENTINEL, yf1[i], "F32 wrote outside the block at " + i + ": " + b);
                }
            }
        });
    }

    /**
     * outs rounded up to whole F32 vectors (then whole F64 vectors too): rows this long take the kernels'
     * whole-vector path.
     */
    private static int wholeVectors(int outs) {
        int lanes = simd.floatLanes();
        return (outs + lanes - 1) / lanes * lanes;
    }

    /** An output-channel count around one and two vectors of F32 and F64 lanes, and beyond. */
    private static int laneOuts(Random r) {
        int lanes = simd.floatLanes();
        int dLanes = simd.doubleLanes();
        int[] edges = {1, 2, dLanes - 1, dLanes, dLanes + 1, lanes - 1, lanes, lanes + 1, 2 * lanes - 1, 2 * lanes,
            2 * lanes + 1, 3 * lanes + 2};
        return Math.max(1, edges[r.nextInt(edges.length)]);
    }

    @Test
    void convLanesGivesTheReferenceBits() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int outs = laneOuts(r);
            int[] countEdges = {0, 1, 5, 6, 7, 11, 12, 13, 24, 25};
            int count = r.nextInt(4) == 0 ? r.nextInt(60) : countEdges[r.nextInt(countEdges.length)];
            int taps = r.nextInt(1, 40);
            int up = wholeVectors(outs);
            boolean padded = r.nextBoolean();                              // rows reaching whole vectors or not
            int ldw = (padded ? up : outs) + r.nextInt(3);
            int ldy = (padded ? up : outs) + r.nextInt(3);
            int reach = padded && r.nextInt(4) > 0 ? up : outs;            // the last rows' end: padded or exact
            int special = r.nextInt(3);
            int[] src = new int[taps];
            int base = r.nextInt(9);
            int spread = r.nextInt(1, 60);
            for (int k = 0; k < taps; k++) {
                src[k] = base + r.nextInt(spread);
            }
            int xo = r.nextInt(5);
            int off = r.nextInt(9);
            int maxSrc = Arrays.stream(src).max().orElseThrow();
            // w, x and y as long as the largest index the contract reads or writes + 1, the last rows padded to
            // whole vectors (reach = up) or not (reach = outs: the kernel must not take its whole-vector path)
            double[] w = TapKernelsTest.doubles(r, special, 2 + (taps - 1) * ldw + reach);
            double[] x = TapKernelsTest.doubles(r, special, maxSrc + xo + Math.max(count, 1));
            int yLen = off + Math.max(count - 1, 0) * ldy + reach;
            double[] y = new double[yLen];
            boolean[] written = new boolean[yLen];
            boolean[] scratch = new boolean[yLen];
            for (int p = 0; p < count; p++) {
                Arrays.fill(written, off + p * ldy, off + p * ldy + outs, true);
                Arrays.fill(scratch, off + p * ldy + outs, Math.min(yLen, off + (p + 1) * ldy), true);
            }
            Arrays.fill(y, SENTINEL);
            double[] y1 = y.clone();
            double[] y2 = y.clone();
            String what = "outs " + outs + ", count " + count + ", taps " + taps + ", ldw " + ldw + ", ldy " + ldy
                    + ", rows reach " + reach;
            simd.elementwise().convLanes(w, 2, ldw, outs, src, taps, x, xo, count, y1, off, ldy);
            ref.elementwise().convLanes(w, 2, ldw, outs, src, taps, x, xo, count, y2, off, ldy);
            float[] wf = TapKernelsTest.floats(w);
            float[] xf = TapKernelsTest.floats(x);
            float[] yf1 = TapKernelsTest.floats(y);
            float[] yf2 = TapKernelsTest.floats(y);
            simd.elementwise().convLanes(wf, 2, ldw, outs, src, taps, xf, xo, count, yf1, off, ldy);
            ref.elementwise().convLanes(wf, 2, ldw, outs, src, taps, xf, xo, count, yf2, off, ldy);
            for (int i = 0; i < yLen; i++) {
                if (written[i]) {
                    assertEquals(Double.doubleToRawLongBits(y2[i]), Double.doubleToRawLongBits(y1[i]),
                            "F64 at " + i + ": " + what);
                    assertEquals(Float.floatToRawIntBits(yf2[i]), Float.floatToRawIntBits(yf1[i]),
                            "F32 at " + i + ": " + what);
                    assertTrue(y2[i] != SENTINEL || count == 0, "the reference left " + i + " unwritten: " + what);
                } else if (!scratch[i]) {
                    assertEquals(SENTINEL, y1[i], "F64 wrote outside the rows at " + i + ": " + what);
                    assertEquals(SENTINEL, yf1[i], "F32 wrote outside the rows at " + i + ": " + what);
                } else {
                    assertEquals(SENTINEL, y2[i], "the reference wrote scratch column " + i + ": " + what);
                }
            }
        });
    }

    @Test
    void convLanesDotGivesTheReferenceBits() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int outs = laneOuts(r);
            int[] tapEdges = {1, 3, 4, 5, 7, 8, 9, 16, 17, 25};
            int taps = r.nextInt(3) == 0 ? r.nextInt(1, 60) : tapEdges[r.nextInt(tapEdges.length)];
            int rows = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 5);
            int cols = r.nextInt(5) == 0 ? 0 : r.nextInt(1, 14);
            int ldx = cols + r.nextInt(5);
            int up = wholeVectors(outs);
            boolean padded = r.nextBoolean();                              // rows reaching whole vectors or not
            int ldg = (padded ? up : outs) + r.nextInt(3);
            int reach = padded && r.nextInt(4) > 0 ? up : outs;            // the last row's end: padded or exact
            int ldacc = outs + r.nextInt(3);
            int special = r.nextInt(3);
            int[] src = new int[taps];
            int spread = r.nextInt(1, 40);
            for (int k = 0; k < taps; k++) {
                src[k] = r.nextInt(spread);
            }
            int maxSrc = Arrays.stream(src).max().orElseThrow();
            int gOff = r.nextInt(5);
            // g and x as long as the largest index the contract reads + 1, g's last row padded or exact
            double[] g = TapKernelsTest.doubles(r, special, gOff + Math.max(rows * cols - 1, 0) * ldg + reach);
            double[] x = TapKernelsTest.doubles(r, special, maxSrc + Math.max(rows - 1, 0) * ldx + Math.max(cols, 1));
            double[] acc0 = new double[2 + (taps - 1) * ldacc + outs + 3];
            for (int k = 0; k < acc0.length; k++) {
                acc0[k] = r.nextInt(7) - 3;
            }
            String what = "outs " + outs + ", taps " + taps + ", rows " + rows + ", cols " + cols + ", ldg " + ldg
                    + ", rows reach " + reach;
            double[] a1 = acc0.clone();
            double[] a2 = acc0.clone();
            simd.reductions().convLanesDot(g, gOff, ldg, outs, x, src, taps, rows, cols, ldx, a1, 2, ldacc);
            ref.reductions().convLanesDot(g, gOff, ldg, outs, x, src, taps, rows, cols, ldx, a2, 2, ldacc);
            assertTrue(Arrays.equals(a1, a2), "F64 " + what);
            float[] gf = TapKernelsTest.floats(g);
            float[] xf = TapKernelsTest.floats(x);
            double[] af1 = acc0.clone();
            double[] af2 = acc0.clone();
            simd.reductions().convLanesDot(gf, gOff, ldg, outs, xf, src, taps, rows, cols, ldx, af1, 2, ldacc);
            ref.reductions().convLanesDot(gf, gOff, ldg, outs, xf, src, taps, rows, cols, ldx, af2, 2, ldacc);
            assertTrue(Arrays.equals(af1, af2), "F32 " + what);
            for (int k = 0; k < taps; k++) {                              // between the rows of acc: untouched
                for (int o = outs; o < ldacc; o++) {
                    assertEquals(acc0[2 + k * ldacc + o], af1[2 + k * ldacc + o], "wrote past outs: " + what);
                }
            }
        });
    }

    @Test
    void convTapDotMatchesTheReference() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Block b = Block.random(r, simd.floatLanes());
            int ldacc = b.taps + r.nextInt(3);
            int images = r.nextInt(1, 4);
            int ldgn = b.yLen + r.nextInt(3);                              // image strides past one image's block
            int ldxn = b.xLen + r.nextInt(3);
            // both exactly as long as the largest index read + 1
            double[] g = doubles(r, b,
                    (images - 1) * ldgn + b.off + (b.outs - 1) * b.ldo + (b.rows - 1) * b.ld + b.len);
            double[] x = doubles(r, b, (images - 1) * ldxn + b.xLen);
            double[] acc0 = new double[1 + b.outs * ldacc];
            for (int k = 0; k < acc0.length; k++) {
                acc0[k] = r.nextInt(7) - 3;
            }
            double[] a1 = acc0.clone();
            double[] a2 = acc0.clone();
            simd.reductions().convTapDot(g, b.off, b.ldo, b.ld, b.outs, x, b.src, b.taps, b.ldx, b.rows, b.len, images,
                    ldgn, ldxn, a1, 1, ldacc);
            ref.reductions().convTapDot(g, b.off, b.ldo, b.ld, b.outs, x, b.src, b.taps, b.ldx, b.rows, b.len, images,
                    ldgn, ldxn, a2, 1, ldacc);
            float[] gf = TapKernelsTest.floats(g);
            float[] xf = TapKernelsTest.floats(x);
            double[] af1 = acc0.clone();
            double[] af2 = acc0.clone();
            simd.reductions().convTapDot(gf, b.off, b.ldo, b.ld, b.outs, xf, b.src, b.taps, b.ldx, b.rows, b.len,
                    images, ldgn, ldxn, af1, 1, ldacc);
            ref.reductions().convTapDot(gf, b.off, b.ldo, b.ld, b.outs, xf, b.src, b.taps, b.ldx, b.rows, b.len,
                    images, ldgn, ldxn, af2, 1, ldacc);
            int terms = images * b.rows * b.len;
            for (int o = 0; o < b.outs; o++) {
                for (int k = 0; k < ldacc; k++) {
                    int at = 1 + o * ldacc + k;
                    double mag = 0;
                    double magF = 0;
                    for (int n = 0; n < images; n++) {
                        for (int rr = 0; rr < b.rows && k < b.taps; rr++) {
                            for (int t = 0; t < b.len; t++) {
                                int gi = n * ldgn + b.off + o * b.ldo + rr * b.ld + t;
                                int xi = n * ldxn + b.src[k] + rr * b.ldx + t;
                                mag += Math.abs(g[gi] * x[xi]);
                                magF += Math.abs((double) gf[gi] * xf[xi]);
                            }
                        }
                    }
                    // relative rounding of each partial sum, plus a product's underflow in the float lanes
                    TapKernelsTest.close(a2[at], a1[at], (terms + 2) * (Math.ulp(1.0) * (mag + Math.abs(acc0[at]))
                            + Double.MIN_VALUE), "F64 acc " + o + ", " + k + " " + b);
                    TapKernelsTest.close(af2[at], af1[at], (terms + 2) * (Math.ulp(1.0f) * (magF + Math.abs(acc0[at]))
                            + Float.MIN_VALUE), "F32 acc " + o + ", " + k + " " + b);
                }
            }
            assertEquals(acc0[0], a1[0], "acc before accOff untouched");
        });
    }

    /** A random strided-rows block: {cs, lo, hi, len, rows, ldx, ldy, yOff, xBase, special}. */
    private static int[] stridedBlock(Random r, int lanes) {
        int[] strides = {1, 2, 2, 2, 2, 3};
        int cs = strides[r.nextInt(strides.length)];
        int[] edges = {0, 1, 2, lanes - 1, lanes, lanes + 1, 2 * lanes - 1, 2 * lanes + 1, 14, 28, 3 * lanes + 5};
        int len = r.nextInt(4) == 0 ? r.nextInt(100) : Math.max(0, edges[r.nextInt(edges.length)]);
        int lo = r.nextInt(3) == 0 ? 0 : r.nextInt(Math.min(len, 3) + 1);     // the left padding's outputs
        int hi = r.nextInt(3) == 0 ? len : Math.max(lo, len - r.nextInt(Math.min(len, 3) + 1));
        if (r.nextInt(10) == 0) {
            hi = lo;                                                       // a row of padding only
        }
        int rows = r.nextInt(1, 5);
        int ldx = r.nextInt(4) == 0 ? r.nextInt(0, 3) : Math.max(0, cs * len + r.nextInt(-1, 6));  // may overlap
        int ldy = len + r.nextInt(4);
        return new int[] {cs, lo, hi, len, rows, ldx, ldy, r.nextInt(5), r.nextInt(4), r.nextInt(3)};
    }

    /**
     * stridedRows against the reference, bit for bit: column strides 1, 2 (the SIMD path) and 3, row lengths around
     * one and two vectors, padding columns on either side (and rows all padding), x exactly as long as the largest
     * index read + 1 and starting before the first element read, y around its rows holding a sentinel (not
     * written), special values.
     */
    @Test
    void stridedRowsGiveTheReferenceBits() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int[] b = stridedBlock(r, simd.floatLanes());
            int cs = b[0];
            int lo = b[1];
            int hi = b[2];
            int len = b[3];
            int rows = b[4];
            int ldx = b[5];
            int ldy = b[6];
            int yOff = b[7];
            int xOff = b[8] - cs * lo;                                     // x[xOff + cs·t] is read for t ≥ lo only
            String at = Arrays.toString(b);
            int xLen = hi > lo ? xOff + (rows - 1) * ldx + cs * (hi - 1) + 1 : b[8] + 1;
            double[] x = TapKernelsTest.doubles(r, b[9], xLen);
            double[] y = TapKernelsTest.doubles(r, b[9], yOff + rows * ldy + 3);
            boolean[] written = new boolean[y.length];
            for (int rr = 0; rr < rows; rr++) {
                Arrays.fill(written, yOff + rr * ldy, yOff + rr * ldy + len, true);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = written[i] ? y[i] : SENTINEL;
            }
            for (int f = 0; f < 2; f++) {                                  // F64, then F32
                double[] y1 = y.clone();
                double[] y2 = y.clone();
                if (f == 0) {
                    simd.elementwise().stridedRows(x, xOff, ldx, cs, lo, hi, y1, yOff, ldy, len, rows);
                    ref.elementwise().stridedRows(x, xOff, ldx, cs, lo, hi, y2, yOff, ldy, len, rows);
                } else {
                    float[] xf = TapKernelsTest.floats(x);
                    float[] yf1 = TapKernelsTest.floats(y);
                    float[] yf2 = TapKernelsTest.floats(y);
                    simd.elementwise().stridedRows(xf, xOff, ldx, cs, lo, hi, yf1, yOff, ldy, len, rows);
                    ref.elementwise().stridedRows(xf, xOff, ldx, cs, lo, hi, yf2, yOff, ldy, len, rows);
                    y1 = doubles(yf1);
                    y2 = doubles(yf2);
                }
                String dt = f == 0 ? "F64 " : "F32 ";
                assertTrue(Arrays.equals(y1, y2), dt + "stridedRows " + at);
                for (int i = 0; i < y.length; i++) {
                    if (!written[i]) {
                        assertEquals(SENTINEL, y1[i], dt + "stridedRows wrote outside its rows at " + i + ": " + at);
                    }
                }
                for (int rr = 0; rr < rows; rr++) {                        // control: the padding columns are zeros
                    for (int t = 0; t < len; t++) {
                        if (t < lo || t >= hi) {
                            assertEquals(0, Double.compare(0.0, y1[yOff + rr * ldy + t]), dt + "padding " + at);
                        }
                    }
                }
            }
        });
    }

    /**
     * stridedTapsAdd (a strided col2im's taps of one kernel row) against the reference, bit for bit: column strides
     * 1, 2 (the SIMD path) and 3, 1 to 4 taps with column shifts on both sides of 0 and ranges cut at the row's ends
     * (and empty), rows 0 to 5 vectors wide and beyond, x exactly as long as its last row, special values (an
     * element not added to keeps its bits, −0 and NaN included).
     */
    @Test
    void stridedTapsAddGivesTheReferenceBits() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            int lanes = simd.floatLanes();
            int[] strides = {1, 2, 2, 2, 2, 3};
            int cs = strides[r.nextInt(strides.length)];
            int[] widths = {0, 1, 2, lanes - 1, lanes, lanes + 1, 2 * lanes - 1, 2 * lanes, 2 * lanes + 1, 28, 56};
            int width = r.nextInt(4) == 0 ? r.nextInt(120) : Math.max(0, widths[r.nextInt(widths.length)]);
            int taps = r.nextInt(1, 5);
            int rows = r.nextInt(1, 4);
            int[] lo = new int[taps];
            int[] hi = new int[taps];
            int[] shift = new int[taps];
            int len = 0;
            for (int j = 0; j < taps; j++) {
                shift[j] = r.nextInt(-4, Math.max(1, width / 2));
                int from = Math.max(0, Math.ceilDiv(-shift[j], cs));       // columns cs·t + shift in [0, width)
                int to = Math.max(from, Math.floorDiv(width - 1 - shift[j], cs) + 1);
                lo[j] = from + (r.nextInt(3) == 0 ? r.nextInt(to - from + 1) : 0);
                hi[j] = r.nextInt(3) == 0 ? lo[j] + r.nextInt(to - lo[j] + 1) : to;
                len = Math.max(len, hi[j]);
            }
            int ldx = width + r.nextInt(4);
            int ldy = len + r.nextInt(3);
            int ldt = rows * ldy + r.nextInt(3);
            int yOff = r.nextInt(4);
            int xOff = r.nextInt(4);
            int special = r.nextInt(3);
            double[] y = TapKernelsTest.doubles(r, special, yOff + taps * ldt + 1);
            double[] x = TapKernelsTest.doubles(r, special, xOff + (rows - 1) * ldx + width);
            String at = "cs " + cs + " width " + width + " rows " + rows + " lo " + Arrays.toString(lo) + " hi "
                    + Arrays.toString(hi) + " shift " + Arrays.toString(shift);
            double[] x1 = x.clone();
            double[] x2 = x.clone();
            simd.elementwise().stridedTapsAdd(y, yOff, ldy, ldt, taps, lo, hi, shift, x1, xOff, ldx, cs, width, rows);
            ref.elementwise().stridedTapsAdd(y, yOff, ldy, ldt, taps, lo, hi, shift, x2, xOff, ldx, cs, width, rows);
            assertTrue(Arrays.equals(x1, x2), "F64 " + at);
            float[] yf = TapKernelsTest.floats(y);
            float[] xf1 = TapKernelsTest.floats(x);
            float[] xf2 = TapKernelsTest.floats(x);
            simd.elementwise().stridedTapsAdd(yf, yOff, ldy, ldt, taps, lo, hi, shift, xf1, xOff, ldx, cs, width, rows);
            ref.elementwise().stridedTapsAdd(yf, yOff, ldy, ldt, taps, lo, hi, shift, xf2, xOff, ldx, cs, width, rows);
            assertTrue(Arrays.equals(xf1, xf2), "F32 " + at);
            boolean changed = false;
            for (int i = 0; i < x.length; i++) {
                changed |= Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(x2[i]);
            }
            boolean adds = false;
            for (int j = 0; j < taps; j++) {
                adds |= hi[j] > lo[j];
            }
            assertEquals(adds && special == 0, changed && special == 0, "control: the reference added " + at);
        });
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
