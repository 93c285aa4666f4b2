package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad argument to Blas.sgemm / dgemm is rejected with a message naming it, and C is left untouched. */
class BlasValidationTest {

    // A valid call: op(A) 2 × 3 (A stored 2 × 3), op(B) 3 × 4, C 2 × 4.
    private final float[] a = new float[6];
    private final float[] b = new float[12];
    private final float[] c = filled(8);
    private final double[] ad = new double[6];
    private final double[] bd = new double[12];
    private final double[] cd = new double[8];

    private static float[] filled(int n) {
        float[] x = new float[n];
        Arrays.fill(x, 9f);
        return x;
    }

    private void rejects(Executable call, String... fragments) {
        float[] before = c.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
        assertArrayEquals(before, c, "C was written although the call failed");
    }

    @Test
    void theValidCallWorks() {
        Arrays.fill(a, 1f);
        Arrays.fill(b, 2f);
        Blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 4);
        assertArrayEquals(new float[] {6, 6, 6, 6, 6, 6, 6, 6}, c);
        Blas.dgemm(true, true, 2, 4, 3, 1.0, ad, 0, 2, bd, 0, 3, 0.0, cd, 0, 4);
    }

    @Test
    void negativeSizes() {
        rejects(() -> Blas.sgemm(false, false, -1, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 4), "m = -1", "negative");
        rejects(() -> Blas.sgemm(false, false, 2, -4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 4), "n = -4", "negative");
        rejects(() -> Blas.sgemm(false, false, 2, 4, -3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 4), "k = -3", "negative");
    }

    @Test
    void leadingDimensionsTooSmall() {
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 2, b, 0, 4, 0f, c, 0, 4), "lda = 2",
                "at least 3");
        // transA: A is stored 3 × 2, so lda ≥ 2 (= m)
        rejects(() -> Blas.sgemm(true, false, 2, 4, 3, 1f, a, 0, 1, b, 0, 4, 0f, c, 0, 4), "lda = 1",
                "at least 2");
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, 0, 3, 0f, c, 0, 4), "ldb = 3",
                "at least 4");
        rejects(() -> Blas.sgemm(false, true, 2, 4, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 4), "ldb = 2",
                "at least 3");
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 3), "ldc = 3",
                "at least 4");
    }

    @Test
    void arraysTooShortOrNullOrBadOffsets() {
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, 1, 3, b, 0, 4, 0f, c, 0, 4), "array a is too short",
                "≥ 7", "got 6");
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, 0, 5, 0f, c, 0, 4), "array b is too short",
                "≥ 14", "got 12");
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 1, 4), "array c is too short",
                "≥ 9", "got 8");
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, null, 0, 3, b, 0, 4, 0f, c, 0, 4), "array a is null");
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, null, 0, 4, 0f, c, 0, 4), "array b is null");
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, -1, 3, b, 0, 4, 0f, c, 0, 4), "aOff = -1");
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, -2, 4, 0f, c, 0, 4), "bOff = -2");
        rejects(() -> Blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, -3, 4), "cOff = -3");
        double[] shortC = new double[7];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blas.dgemm(false, false, 2, 4, 3, 1.0, ad, 0, 3, bd, 0, 4, 0.0, shortC, 0, 4));
        assertTrue(e.getMessage().contains("array c is too short"), e.getMessage());
    }
}
