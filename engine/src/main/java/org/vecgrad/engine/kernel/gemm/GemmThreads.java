package org.vecgrad.engine.kernel.gemm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The GEMM thread pool and the rule that splits one product over it.
 *
 * <ul>
 *   <li>One dedicated {@link ForkJoinPool} of daemon threads named {@code vecgrad-gemm-N}, created lazily with
 *       {@link #numThreads()} workers (system property {@value #PROPERTY}, default: available processors).</li>
 *   <li>A product is cut into a grid of {@code tm × tn} blocks of C, along m and n only, never along k: every
 *       element of C is then computed by the same sequence of operations whatever the thread count, so results are
 *       bit-identical for 1, 2, … threads.</li>
 *   <li>Re-entrant and deadlock-free: a call from one of this pool's own workers forks its blocks into the same
 *       pool and joins them by work stealing (the caller runs blocks itself while it waits); a call from a worker of
 *       a pool that has since been replaced runs inline. A call from any other thread computes the first block on
 *       that thread and hands the others to the pool. Any number of threads may call at once.</li>
 *   <li>A caller may instead run a product as a team ({@link #teamSize}, {@link #startHelpers}): it hands the
 *       same job to pool workers and runs it itself; the job hands out its work, so the caller finishes it alone
 *       when the workers are busy.</li>
 *   <li>{@link #shutdown()} stops the workers and waits for them; the next product starts a fresh pool.</li>
 * </ul>
 */
public final class GemmThreads {

    /** System property giving the default thread count. */
    public static final String PROPERTY = "vecgrad.threads";

    /**
     * Below this many multiply-adds per block a product is not split further: 2²² (a 161³ product) is about 150 µs
     * of F32 work at 55 GFLOP/s, so waking a pool thread and joining it (tens of µs) costs little. With 96³ (20 µs)
     * a 128³ product on 2 threads ran at 0.4× its 1-thread speed (JMH, AVX2 machine).
     */
    static final long MIN_MULADDS_PER_TASK = 1L << 22;

    private static final Object LOCK = new Object();
    private static final AtomicInteger POOL_SEQ = new AtomicInteger();
    private static int threads = initialThreads();
    private static ForkJoinPool pool;

    private GemmThreads() {
    }

    /** One block of C: rows {@code [i0, i1)}, columns {@code [j0, j1)}. */
    @FunctionalInterface
    public interface Block {
        /** Computes the block. */
        void run(int i0, int i1, int j0, int j1);
    }

    private static int initialThreads() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        int t;
        try {
            t = Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + p + " is not an integer", e);
        }
        if (t < 1) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + p + ": expected at least 1 thread");
        }
        return t;
    }

    /** The number of threads a product may use. */
    public static int numThreads() {
        synchronized (LOCK) {
            return threads;
        }
    }

    /**
     * Sets the number of threads for later products (1 = run on the caller only). A running pool of another size
     * is shut down once its current work is done.
     */
    public static void setNumThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("numThreads = " + n + ": expected at least 1");
        }
        ForkJoinPool old = null;
        synchronized (LOCK) {
            if (n != threads) {
                threads = n;
                old = pool;
                pool = null;
            }
        }
        if (old != null) {
            old.shutdown();
        }
    }

    /**
     * Shuts the pool down and waits (up to 10 s) until its threads have ended. Later products start a new pool.
     *
     * @return true if every worker ended in time
     */
    public static boolean shutdown() {
        ForkJoinPool old;
        synchronized (LOCK) {
            old = pool;
            pool = null;
        }
        if (old == null) {
            return true;
        }
        old.shutdown();
        try {
            return old.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The live pool, started with {@link #numThreads()} workers if there is none (whatever the caller's cap). */
    private static ForkJoinPool pool() {
        synchronized (LOCK) {
            if (pool == null || pool.isShutdown()) {
                int id = POOL_SEQ.incrementAndGet();
                AtomicInteger seq = new AtomicInteger();
                pool = new ForkJoinPool(threads, p -> {
                    ForkJoinWorkerThread w = new Worker(p);
                    w.setName("vecgrad-gemm-" + id + "-" + seq.incrementAndGet());
                    w.setDaemon(true);
                    return w;
                }, null, false);
            }
            return pool;
        }
    }

    /** Marks this pool's workers, so a product started on one of them is recognised. */
    private static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool p) {
            super(null, p, true);
        }
    }

    /** The cap {@link #withMaxThreads} set for products called from this thread, or null. */
    private static final ThreadLocal<Integer> CALLER_CAP = new ThreadLocal<>();

    /**
     * Runs {@code body} with the products it calls from this thread limited to {@code n} threads, leaving the pool
     * and other callers as they are ({@link #setNumThreads} replaces the pool, whose new workers then allocate
     * fresh packing buffers: a 1-thread call between 2-thread ones would make every 2-thread call pay for that).
     */
    public static void withMaxThreads(int n, Runnable body) {
        if (n < 1) {
            throw new IllegalArgumentException("maxThreads = " + n + ": expected at least 1");
        }
        Integer previous = CALLER_CAP.get();
        CALLER_CAP.set(previous == null ? n : Math.min(previous, n));
        try {
            body.run();
        } finally {
            if (previous == null) {
                CALLER_CAP.remove();
            } else {
                CALLER_CAP.set(previous);
            }
        }
    }

    /**
     * Computes an m × n product of depth k as a grid of blocks, on up to {@link #numThreads()} threads. Block edges
     * fall on multiples of {@code mAlign} rows and {@code nAlign} columns (the register tile), and a block is never
     * smaller than {@link #MIN_MULADDS_PER_TASK} multiply-adds unless the whole product is.
     */
    public static void forGrid(int m, int n, int k, int mAlign, int nAlign, Block body) {
        int t = threadsForCaller();
        int tasks = tasks(t, m, n, k, mAlign, nAlign);
        int mTiles = (m + mAlign - 1) / mAlign;
        int nTiles = (n + nAlign - 1) / nAlign;
        Thread cur = Thread.currentThread();
        boolean onWorker = cur instanceof Worker;
        if (tasks <= 1 || onStaleWorker()) {
            body.run(0, m, 0, n);
            return;
        }
        // Pick tm × tn = tasks minimising the re-packing: A is packed once per column block, B once per row block.
        int tm = 1;
        int tn = tasks;
        long best = Long.MAX_VALUE;
        for (int a = 1; a <= tasks; a++) {
            if (tasks % a != 0 || a > mTiles || tasks / a > nTiles) {
                continue;
            }
            long cost = (long) (tasks / a) * m + (long) a * n;
            if (cost < best) {
                best = cost;
                tm = a;
                tn = tasks / a;
            }
        }
        if (best == Long.MAX_VALUE) { // no exact factorisation fits the tiles: split the longer side only
            if (mTiles >= nTiles) {
                tm = Math.min(tasks, mTiles);
                tn = 1;
            } else {
                tm = 1;
                tn = Math.min(tasks, nTiles);
            }
        }
        List<RecursiveAction> parts = new ArrayList<>(tm * tn);
        for (int bi = 0; bi < tm; bi++) {
            int i0 = Math.min(m, (int) ((long) mTiles * bi / tm) * mAlign);
            int i1 = Math.min(m, (int) ((long) mTiles * (bi + 1) / tm) * mAlign);
            for (int bj = 0; bj < tn; bj++) {
                int j0 = Math.min(n, (int) ((long) nTiles * bj / tn) * nAlign);
                int j1 = Math.min(n, (int) ((long) nTiles * (bj + 1) / tn) * nAlign);
                parts.add(new RecursiveAction() {
                    @Override
                    protected void compute() {
                        body.run(i0, i1, j0, j1);
                    }
                });
            }
        }
        if (onWorker) {
            ForkJoinTask.invokeAll(parts); // our own worker: fork and help by work stealing
        } else {
            runWithCaller(pool(), parts);
        }
    }

    /**
     * Runs {@code parts} from a thread outside the pool the way BLAS libraries use their caller, as one of the
     * product's threads: the pool's workers take parts 1 … n−1 and the caller computes part 0, then joins them
     * (running any that no worker has started). Handing the whole product to the pool instead woke two workers and
     * then the parked caller: a 128 × 784 × 256 product on 2 threads ran at 0.93-0.96 of 1 thread on average
     * (paired), though its fastest calls reached 1.37-1.50. A pool shut down meanwhile leaves the rest to the caller.
     */
    private static void runWithCaller(ForkJoinPool p, List<RecursiveAction> parts) {
        int submitted = 0;
        try {
            for (int i = 1; i < parts.size(); i++) {
                p.execute(parts.get(i));
                submitted = i;
            }
        } catch (RejectedExecutionException e) {
            for (int i = submitted + 1; i < parts.size(); i++) {
                parts.get(i).invoke();
            }
        }
        try {
            parts.get(0).invoke();
        } finally {
            for (int i = 1; i <= submitted; i++) {
                parts.get(i).quietlyJoin(); // no block outlives the call, even when part 0 threw
            }
        }
        for (int i = 1; i <= submitted; i++) {
            parts.get(i).join(); // rethrows a worker's exception
        }
    }

    /**
     * The number of threads that may share this product as one team (a shared packed B block, rows handed out in
     * chunks, as the SIMD GEMM does for large products), or 1 when it should not: too little work for a second
     * thread, a 1-thread setting, or a caller that is one of the pool's workers (a nested product keeps
     * {@link #forGrid}'s fork / join, in which the worker's own pool steals its blocks). The caller starts the
     * helpers with {@link #startHelpers} and runs as a member itself.
     */
    public static int teamSize(int m, int n, int k, int mAlign, int nAlign) {
        if (Thread.currentThread() instanceof Worker) {
            return 1;
        }
        return tasks(threadsForCaller(), m, n, k, mAlign, nAlign);
    }

    /**
     * Hands {@code member} to {@code helpers} of the pool's workers (for {@link #teamSize} − 1 helpers). Returns at
     * once: the team's own bookkeeping knows when its work is done, and a member that starts after that returns at
     * once. When the pool is busy with other products the caller does the work alone; a pool shut down meanwhile
     * leaves it to the caller as well.
     */
    public static void startHelpers(int helpers, Runnable member) {
        if (helpers <= 0) {
            return;
        }
        ForkJoinPool p = pool();
        try {
            for (int i = 0; i < helpers; i++) {
                p.execute(member);
            }
        } catch (RejectedExecutionException e) {
            // the pool was shut down: the members already started and the caller finish the product
        }
    }

    /**
     * True when {@link #forGrid} would compute the whole product as one block on the calling thread, so a caller
     * can run it directly instead of building the {@link Block} (a capturing lambda: an allocation per product).
     */
    public static boolean runsOnCaller(int m, int n, int k, int mAlign, int nAlign) {
        return tasks(threadsForCaller(), m, n, k, mAlign, nAlign) <= 1 || onStaleWorker();
    }

    /** The thread count for products called from this thread: the pool's, capped by {@link #withMaxThreads}. */
    private static int threadsForCaller() {
        int t;
        synchronized (LOCK) {
            t = threads;
        }
        Integer cap = CALLER_CAP.get();
        return cap != null ? Math.min(t, cap) : t;
    }

    /** Blocks for {@code t} threads: at most one per {@link #MIN_MULADDS_PER_TASK} multiply-adds and per tile. */
    private static int tasks(int t, int m, int n, int k, int mAlign, int nAlign) {
        long work = (long) m * n * Math.max(k, 1);
        int tasks = (int) Math.min(t, Math.max(1, work / MIN_MULADDS_PER_TASK));
        long tiles = (long) ((m + mAlign - 1) / mAlign) * ((n + nAlign - 1) / nAlign);
        return (int) Math.min(tasks, tiles);
    }

    /** A worker of a pool that has since been replaced: it must not fork into the new pool (runs inline). */
    private static boolean onStaleWorker() {
        return Thread.currentThread() instanceof Worker w && w.getPool() != poolIfLive();
    }

    private static ForkJoinPool poolIfLive() {
        synchronized (LOCK) {
            return pool;
        }
    }
}
