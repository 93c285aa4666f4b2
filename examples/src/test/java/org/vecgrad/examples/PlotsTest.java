package org.vecgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void histogramIsADensity() {
        // every value inside [lo, hi]: the bars' areas add up to 1
        qt().withExamples(100).forAll(lists().of(doubles().between(-3, 3)).ofSizeBetween(1, 200),
                integers().between(1, 50)).checkAssert((vs, bins) -> {
                    double[] v = vs.stream().mapToDouble(Double::doubleValue).toArray();
                    double[][] h = Plots.histogram(v, -3, 3, bins);
                    double area = 0;
                    for (int b = 0; b < bins; b++) {
                        area += h[1][1 + 2 * b] * (h[0][2 + 2 * b] - h[0][1 + 2 * b]);
                    }
                    assertEquals(1.0, area, 1e-9);
                });
    }

    @Test
    void divergingColours() {
        assertEquals(Color.WHITE, Plots.diverging(0.5));
        Color lo = Plots.diverging(0);
        Color hi = Plots.diverging(1);
        assertTrue(lo.getBlue() > lo.getRed(), "0 is blue");
        assertTrue(hi.getRed() > hi.getBlue(), "1 is red");
        assertEquals(Plots.diverging(0), Plots.diverging(-5), "clamped below");
        assertEquals(Plots.diverging(0.5), Plots.diverging(Double.NaN), "NaN drawn neutral");
    }

    @Test
    void confusionMatrixAndImagesDecode() throws IOException {
        Path cm = Plots.confusionMatrix("cm", new int[][] {{3, 1}, {0, 4}}, List.of("a", "b"), dir.resolve("cm.png"));
        assertNotNull(ImageIO.read(cm.toFile()));
        Path im = Plots.images("digits", List.of(new double[64], new double[64]), List.of("x", "y\nz"), 8, 16, 6,
                dir.resolve("im.png"));
        assertNotNull(ImageIO.read(im.toFile()));
        Path none = Plots.images("none", List.of(), List.of(), 8, 16, 6, dir.resolve("none.png"));
        assertNotNull(ImageIO.read(none.toFile()));
    }
}
