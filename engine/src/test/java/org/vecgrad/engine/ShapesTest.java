package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapesTest {

    @Test
    void sizeMultipliesDimsAndAcceptsEmptyAndScalar() {
        assertEquals(24, Shapes.size(new int[] {2, 3, 4}));
        assertEquals(1, Shapes.size(new int[] {}));
        assertEquals(0, Shapes.size(new int[] {3, 0, 5}));
    }

    @Test
    void negativeDimensionIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Shapes.size(new int[] {2, -3}));
        assertTrue(e.getMessage().contains("-3") && e.getMessage().contains("[2, -3]"), e.getMessage());
    }

    @Test
    void overflowingProductIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Shapes.size(new int[] {65536, 65536}));
        assertTrue(e.getMessage().contains("[65536, 65536]"), e.getMessage());
    }

    @Test
    void broadcastFollowsNumpy() {
        assertArrayEquals(new int[] {2, 3, 4}, Shapes.broadcast(new int[] {3, 1}, new int[] {2, 1, 4}));
        assertArrayEquals(new int[] {5}, Shapes.broadcast(new int[] {}, new int[] {5}));
        assertArrayEquals(new int[] {0, 3}, Shapes.broadcast(new int[] {0, 1}, new int[] {3}));
    }

    @Test
    void broadcastMismatchNamesBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Shapes.broadcast(new int[] {2, 3}, new int[] {4}));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void axisNormalisesNegativesAndRejectsOutOfRange() {
        assertEquals(2, Shapes.axis(-1, 3));
        assertEquals(0, Shapes.axis(-3, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Shapes.axis(3, 3));
        assertTrue(e.getMessage().contains("axis 3") && e.getMessage().contains("-3 .. 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shapes.axis(-4, 3));
    }
}
