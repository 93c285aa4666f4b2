package org.vecgrad.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * The calling thread's pooling tables hold what the largest pooling so far needed and no more: kH·kW tap offsets,
 * H'·W' window origins when every window lies inside the plane (else W'), W elements of average pooling's row;
 * a smaller pooling afterwards reuses them (the steady state allocates nothing).
 */
class PoolingWorkspaceTest {

    private static void pool(int[] xs, int k, int s, int p) {
        NdArray x = NdArray.randn(DType.F32, new SplittableRandom(3), xs);
        PoolGeometry g = PoolGeometry.maxPool2d("max_pool2d", xs, new int[] {k, k}, new int[] {s, s},
                new int[] {p, p}, new int[] {1, 1}, false);
        Pooling.maxPoolValues(x, g);
    }

    @Test
    void tablesGrowToTheLargestPoolingAndStay() {
        // a fresh thread: its tables start empty, whatever other tests ran on the main thread
        Thread t = new Thread(() -> {
            pool(new int[] {2, 3, 20, 30}, 3, 2, 0);                        // all inside: H'·W' = 9·14 origins
            assertArrayEquals(new int[] {9, 126, 0}, SpatialF32.poolTablesCapacity());
            pool(new int[] {1, 2, 8, 8}, 2, 2, 0);                          // smaller: nothing grows
            assertArrayEquals(new int[] {9, 126, 0}, SpatialF32.poolTablesCapacity());
            // padded: one row's inside windows, columns 1 … 299 of W' = 301
            pool(new int[] {1, 1, 9, 300}, 2, 1, 1);
            assertArrayEquals(new int[] {9, 299, 0}, SpatialF32.poolTablesCapacity());
            NdArray a = NdArray.randn(DType.F32, new SplittableRandom(4), 1, 2, 5, 40);
            Pooling.average(a, Windows.avgPool2d("avg_pool2d", a.shape(), new int[] {3, 3}, new int[] {1, 1},
                    new int[] {1, 1}, false, true));
            assertArrayEquals(new int[] {9, 299, 40}, SpatialF32.poolTablesCapacity());
        });
        Throwable[] failure = new Throwable[1];
        t.setUncaughtExceptionHandler((th, e) -> failure[0] = e);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }
}
