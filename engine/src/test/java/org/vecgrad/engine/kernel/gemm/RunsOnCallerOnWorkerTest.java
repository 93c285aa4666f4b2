package org.vecgrad.engine.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link GemmThreads#runsOnCaller} agrees with {@link GemmThreads#forGrid} also when asked from a pool worker. */
class RunsOnCallerOnWorkerTest {

    @Test
    void agreesOnALivePoolsWorker() {
        GemmThreads.setNumThreads(2);
        List<String> results = new CopyOnWriteArrayList<>();
        int[][] shapes = {{400, 400, 400}, {20, 20, 20}, {161, 161, 161}, {1, 3000, 3000}};
        GemmThreads.forGrid(400, 400, 400, 6, 16, (i0, i1, j0, j1) -> {
            for (int[] s : shapes) {
                boolean onCaller = GemmThreads.runsOnCaller(s[0], s[1], s[2], 6, 16);
                Set<String> blocks = ConcurrentHashMap.newKeySet();
                GemmThreads.forGrid(s[0], s[1], s[2], 6, 16, (a0, a1, b0, b1) -> blocks.add(a0 + ":" + a1 + ":" + b0
                        + ":" + b1));
                boolean oneBlock = blocks.equals(Set.of("0:" + s[0] + ":0:" + s[1]));
                results.add(Thread.currentThread().getName() + " " + java.util.Arrays.toString(s) + " runsOnCaller "
                        + onCaller + " one block " + oneBlock);
                assertEquals(oneBlock, onCaller, results.getLast());
            }
        });
        assertTrue(results.stream().anyMatch(r -> r.startsWith("vecgrad-gemm-") && r.contains("[400, 400, 400]")
                && r.contains("runsOnCaller false")), "control: a worker split a nested product: " + results);
    }
}
