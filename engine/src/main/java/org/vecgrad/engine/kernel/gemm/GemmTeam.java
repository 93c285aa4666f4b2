package org.vecgrad.engine.kernel.gemm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One multi-threaded product shared by a team of threads, BLIS style: the packed B block is shared, and rows are
 * handed out in small chunks to whichever member is free.
 *
 * <p>The product runs as {@code steps} steps, one per (depth block, column block). Each step is {@code packTasks}
 * tasks that pack a part of the step's B block into one of two shared buffers (step s uses buffer s mod 2), then
 * {@code chunks} tasks that each pack the A rows of one chunk and multiply them by the whole B block. Members take
 * tasks from one counter, in that order, and wait only where the data demands it:
 * <ul>
 *   <li>packing step s waits until every chunk of step s − 2 is done (it reuses that step's buffer);</li>
 *   <li>a chunk of step s waits until step s's B is packed and the same chunk of step s − 1 is done (later depth
 *       blocks add to what earlier ones wrote into C).</li>
 * </ul>
 * A member that runs out of work in one step goes on to pack the next one, so members idle mostly at the end of
 * the product, for about one chunk (in between, only when a chunk's previous step is still running elsewhere). The
 * fixed split it replaces (one half of the rows per thread, each thread packing the whole of B for itself) left the
 * first thread to finish idle for 8-10 % of a 2048³ product on this shared host, where one vCPU or the other runs
 * slower for a while; 2 threads over 1 at 2048³ went from 1.57-1.82 (F32) and 1.62-1.86 (F64) to 1.73-1.89 and
 * 1.70-1.86 in paired runs.
 *
 * <p>Deadlock-free with any number of members, including the caller alone: a task waits only for tasks taken
 * before it, and every taken task is being run by a member that does not wait for anything later. A member that
 * starts after the last task was taken returns at once. The split over C is by rows and columns only and every
 * element goes through the same depth blocks in the same order, so the result is bit-identical to one thread's.
 */
abstract class GemmTeam implements Runnable {
    /** Spins before each {@link Thread#yield()} while a task waits for another member's task. */
    private static final int SPINS = 256;
    /**
     * Waiting turns from spinning to parking (10 µs at a time) after this many pauses (tens of µs): a member
     * preempted by the OS, or stuck behind other products in the pool, should not cost the waiting thread's core
     * for the whole of its chunk.
     */
    private static final int PARK_AFTER = 8 * SPINS;

    private final int steps;
    private final int packTasks;
    private final int chunks;
    private final int total;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    /** Members inside {@link #run} (so a failed product's caller returns only once no member can write). */
    private final AtomicInteger active = new AtomicInteger();
    /** Per step: pack tasks done. */
    private final AtomicIntegerArray packed;
    /** Per step: chunks done. */
    private final AtomicIntegerArray computed;
    /** Per chunk: steps done (a chunk's steps run in order). */
    private final AtomicIntegerArray chunkSteps;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    GemmTeam(int steps, int packTasks, int chunks) {
        this.steps = steps;
        this.packTasks = packTasks;
        this.chunks = chunks;
        this.total = steps * (packTasks + chunks);
        packed = new AtomicIntegerArray(steps);
        computed = new AtomicIntegerArray(steps);
        chunkSteps = new AtomicIntegerArray(chunks);
    }

    /** Packs part {@code task} of {@code [0, packTasks)} of step {@code step}'s B block into buffer {@code step & 1}. */
    abstract void pack(int step, int task);

    /** Multiplies chunk {@code chunk} of the rows by step {@code step}'s packed B block (buffer {@code step & 1}). */
    abstract void compute(int step, int chunk);

    /** Runs as one member of the team: takes tasks until none is left. Never throws (see {@link #runAsCaller}). */
    @Override
    public final void run() {
        final int per = packTasks + chunks;
        active.incrementAndGet();
        try {
            for (int t = next.getAndIncrement(); t < total && failure.get() == null; t = next.getAndIncrement()) {
                int s = t / per;
                int i = t - s * per;
                if (i < packTasks) {
                    if (s >= 2) {
                        await(computed, s - 2, chunks);
                    }
                    pack(s, i);
                    packed.incrementAndGet(s);
                } else {
                    int ch = i - packTasks;
                    await(packed, s, packTasks);
                    await(chunkSteps, ch, s);
                    compute(s, ch);
                    chunkSteps.set(ch, s + 1);
                    computed.incrementAndGet(s);
                }
                finished.incrementAndGet();
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            active.decrementAndGet();
        }
    }

    /**
     * Runs as a member on the calling thread, then waits until every task is done, by whichever member took it.
     * Rethrows the first exception or error of any member, once no member is still running a task (the others
     * stop at their next wait or task).
     */
    final void runAsCaller() {
        run();
        for (int spins = 0; finished.get() < total && (failure.get() == null || active.get() > 0); spins++) {
            pause(spins);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException("a GEMM team member failed", e);
        }
    }

    /** Waits until {@code counters[index] ≥ value}; gives up (throws) once another member has failed. */
    private void await(AtomicIntegerArray counters, int index, int value) {
        for (int spins = 0; counters.get(index) < value; spins++) {
            if (failure.get() != null) {
                throw new IllegalStateException("another GEMM team member failed");
            }
            pause(spins);
        }
    }

    private static void pause(int spins) {
        if (spins >= PARK_AFTER) {
            LockSupport.parkNanos(10_000);
        } else if (spins % SPINS == SPINS - 1) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }
}
