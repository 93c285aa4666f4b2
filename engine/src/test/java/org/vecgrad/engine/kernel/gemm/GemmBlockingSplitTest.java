package org.vecgrad.engine.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

/** {@link GemmBlocking#split}: as few blocks as the maximum allows, equal up to rounding, whole multiples. */
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
}
