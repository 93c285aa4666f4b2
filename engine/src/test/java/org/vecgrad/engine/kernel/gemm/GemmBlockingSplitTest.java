package org.vecgrad.engine.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

/**
 * {@link GemmBlocking#split}: as few blocks as the maximum allows, equal up to rounding, whole multiples; and the
 * deep block sizes ({@link GemmBlocking#forDepth}): where the rule gives them, and from which depth.
 */
class GemmBlockingSplitTest {

    @Test
    void examplesFromTheJavadoc() {
        assertEquals(1026, GemmBlocking.split(2048, 2046, 6));
        assertEquals(550, GemmBlocking.split(1100, 1024, 1));
        assertEquals(1024, GemmBlocking.split(1024, 1024, 16));
        assertEquals(16, GemmBlocking.split(3, 1024, 16), "a short range still gets one whole multiple");
        assertEquals(516, GemmBlocking.split(1024, 1024, 12), "max 1024 is 1020 in whole tiles: two blocks");
    }

    @Test
    void fewestPiecesNoneLargerThanTheMaximumAndNoSliver() {
        qt().withExamples(2000)
                .forAll(integers().between(1, 20000), integers().between(1, 4096), integers().between(1, 16))
                .checkAssert((len, rawMax, multiple) -> {
                    int size = GemmBlocking.split(len, rawMax, multiple); // any maximum, a whole number of tiles or not
                    int max = Math.max(multiple, rawMax / multiple * multiple);
                    int pieces = (len + size - 1) / size;
                    int fewest = (len + max - 1) / max;
                    assertTrue(size <= max, () -> "size " + size + " > max " + max);
                    assertEquals(0, size % multiple, () -> "size " + size + " not a multiple of " + multiple);
                    assertEquals(fewest, pieces, () -> len + " split by " + size + " makes " + pieces
                            + " pieces, " + fewest + " would do");
                    int last = len - (pieces - 1) * size;
                    assertTrue(pieces == 1 || last > size - pieces * multiple,
                            () -> "last piece " + last + " of " + len + " much smaller than " + size);
                });
    }

    @Test
    void deepBlocksOnlyFromTheirDepthAndOnlyWhereTheMicroPanelFitsFourThirdsOfL1() {
        GemmBlocking deep = new GemmBlocking(8, 32, 48);
        GemmBlocking b = new GemmBlocking(16, 12, 96, deep);
        assertSame(b, b.forDepth(1));
        assertSame(b, b.forDepth(31));
        assertSame(deep, b.forDepth(32));
        assertSame(deep, b.forDepth(5000));
        boolean was = GemmBlocking.deepOn;
        try {
            GemmBlocking.deepOn = false;
            assertSame(b, b.forDepth(5000), "switched off");
        } finally {
            GemmBlocking.deepOn = was;
        }
        for (int bytes : new int[] {Float.BYTES, Double.BYTES}) {
            for (int mr : new int[] {4, 6, 8}) {
                GemmBlocking of = GemmBlocking.of(bytes, mr, 16);
                int deepKc = GemmBlocking.DEEP_ROW_BYTES / bytes;
                boolean fits = (long) mr * deepKc * bytes <= GemmBlocking.L1 * 4 / 3;
                String what = bytes + "-byte elements, MR " + mr + ", L1 " + GemmBlocking.L1 + ": " + of;
                if (System.getProperty("vecgrad.gemm.kc") != null || of.kc() >= deepKc || !fits) {
                    assertNull(of.deep(), what);
                    continue;
                }
                assertNotNull(of.deep(), what);
                assertEquals(deepKc, of.deep().kc(), what);
                assertTrue(of.deep().mc() <= of.mc(), what); // a deeper A block: no more rows in the same L2 share
                assertTrue((long) of.deep().mc() * of.deep().kc() * bytes <= GemmBlocking.L2 * 5 / 8
                        || of.deep().mc() == mr, what);
                assertNull(of.deep().deep());
            }
        }
    }
}
