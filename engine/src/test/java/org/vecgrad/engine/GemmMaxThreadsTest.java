package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.kernel.gemm.GemmThreads;

/** {@link Blas#withMaxThreads}: caps the caller's products, leaves the pool and everyone else as they were. */
class GemmMaxThreadsTest {
    private static final int THREADS = Blas.numThreads();

    @AfterEach
    void restoreThreads() {
        Blas.setNumThreads(THREADS);
    }

    /** Names of the threads that ran the blocks of one 400³ grid (enough work for 3 tasks). */
    private static Set<String> threadsOfOneGrid() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        GemmThreads.forGrid(400, 400, 400, 1, 1, (i0, i1, j0, j1) -> names.add(Thread.currentThread().getName()));
        return names;
    }

    @Test
    void capsTheCallersProductsWithoutRestartingThePool() {
        Blas.setNumThreads(3);
        Set<String> before = threadsOfOneGrid();
        assertTrue(before.stream().anyMatch(n -> n.startsWith("vecgrad-gemm")), "control: 3 threads use the pool " + before);
        Set<String> capped = ConcurrentHashMap.newKeySet();
        Blas.withMaxThreads(1, () -> capped.addAll(threadsOfOneGrid()));
        assertEquals(Set.of(Thread.currentThread().getName()), capped, "capped at 1: the caller alone");
        assertEquals(3, Blas.numThreads(), "the setting is untouched");
        Set<String> after = threadsOfOneGrid();
        after.remove(Thread.currentThread().getName());
        before.remove(Thread.currentThread().getName());
        String pool = before.iterator().next().replaceFirst("-\\d+$", "");
        assertTrue(after.stream().allMatch(n -> n.startsWith(pool + "-")),
                "the same pool as before the capped call: " + pool + " vs " + after);
    }

    @Test
    void nestedCapsKeepTheSmallerAndAreUndoneOnTheWayOut() {
        Blas.setNumThreads(3);
        String me = Thread.currentThread().getName();
        Set<String> inner = ConcurrentHashMap.newKeySet();
        Set<String> outer = ConcurrentHashMap.newKeySet();
        Blas.withMaxThreads(1, () -> {
            Blas.withMaxThreads(2, () -> inner.addAll(threadsOfOneGrid()));
            outer.addAll(threadsOfOneGrid());
        });
        assertThrows(IllegalStateException.class, () -> Blas.withMaxThreads(1, () -> {
            throw new IllegalStateException("body fails");
        }));
        Set<String> after = threadsOfOneGrid();
        assertEquals(Set.of(me), inner, "2 inside 1 stays 1: the caller alone");
        assertEquals(Set.of(me), outer);
        assertTrue(after.stream().anyMatch(n -> n.startsWith("vecgrad-gemm")),
                "after the caps (also after a failing body) the pool runs the blocks again: " + after);
    }

    @Test
    void theSameBitsCappedOrNot() {
        Blas.setNumThreads(3);
        int n = 300;
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sin(i * 0.37);
            b[i] = (float) Math.cos(i * 0.11);
        }
        float[] free = new float[n * n];
        float[] capped = new float[n * n];
        Blas.sgemm(false, true, n, n, n, 1f, a, 0, n, b, 0, n, 0f, free, 0, n);
        Blas.withMaxThreads(1, () -> Blas.sgemm(false, true, n, n, n, 1f, a, 0, n, b, 0, n, 0f, capped, 0, n));
        assertArrayEquals(free, capped);
    }

    @Test
    void aCapBelowOneIsRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Blas.withMaxThreads(0, () -> { }));
        assertTrue(e.getMessage().contains("0") && e.getMessage().contains("at least 1"), e.getMessage());
    }

    /** runsOnCaller says exactly when forGrid runs one block on the caller (the GEMMs then skip the Block lambda). */
    @Test
    void runsOnCallerAgreesWithForGrid() {
        Blas.setNumThreads(3);
        int[][] shapes = {{400, 400, 400}, {20, 20, 20}, {1, 3000, 3000}, {3000, 1, 3000}, {161, 161, 161}};
        for (int[] s : shapes) {
            for (int cap : new int[] {1, 3}) {
                Set<String> blocks = ConcurrentHashMap.newKeySet();
                boolean[] onCaller = new boolean[1];
                Blas.withMaxThreads(cap, () -> {
                    onCaller[0] = GemmThreads.runsOnCaller(s[0], s[1], s[2], 6, 16);
                    GemmThreads.forGrid(s[0], s[1], s[2], 6, 16, (i0, i1, j0, j1) -> blocks.add(i0 + ":" + i1 + ":" + j0
                            + ":" + j1));
                });
                assertEquals(blocks.equals(Set.of("0:" + s[0] + ":0:" + s[1])), onCaller[0],
                        java.util.Arrays.toString(s) + " cap " + cap + ": blocks " + blocks);
            }
        }
        assertTrue(GemmThreads.runsOnCaller(20, 20, 20, 6, 16), "control: a small product is one block");
        assertTrue(!GemmThreads.runsOnCaller(400, 400, 400, 6, 16), "control: a large one is split over 3 threads");
    }
}
