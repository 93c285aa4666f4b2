package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.NdArray;

/** Graphs on different threads that share a parameter leaf: every thread's gradient lands in the leaf, once. */
class ConcurrencyTest {

    @Test
    void concurrentBackwardPassesSharingALeafAddUp() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        NdArray w0 = Gen.uniform(r, -1, 1, 3, 2);
        int threads = 4;
        int steps = 50;
        NdArray[] xs = new NdArray[threads];
        for (int t = 0; t < threads; t++) {
            xs[t] = Gen.uniform(r, -1, 1, 5, 3);
        }
        // expected: the same passes one after the other
        Tensor wSeq = Tensor.of(w0.copy(), true);
        for (int t = 0; t < threads; t++) {
            for (int s = 0; s < steps; s++) {
                Tensor.of(xs[t]).matmul(wSeq).tanh().sum().backward();
            }
        }
        Tensor w = Tensor.of(w0.copy(), true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                NdArray x = xs[t];
                done.add(pool.submit(() -> {
                    for (int s = 0; s < steps; s++) {
                        Tensor.of(x).matmul(w).tanh().sum().backward();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < w0.size(); i++) {
            double expected = wSeq.grad().data().getFlat(i);
            assertEquals(expected, w.grad().data().getFlat(i), 1e-9 * (1 + Math.abs(expected)));
        }
    }
}
