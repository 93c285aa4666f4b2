package org.vecgrad.bench.gemm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.engine.Blas;

/**
 * vecgrad's GEMM against another implementation under the same load: every call of {@link #paired} computes
 * {@code C = op(A)·op(B)} once with vecgrad ({@link Blas}, the {@code simd} implementation of {@link GemmBench}) and
 * once with {@link #against}, back to back, alternating which goes first, and adds each side's wall and thread-CPU
 * nanoseconds to its own {@link Clocks counters}. {@link GemmBench} times the implementations as separate trials
 * minutes apart, and on a shared machine whose speed swings 50-80 % within minutes their ratio swings with it;
 * here the ratio of one iteration compares the two sides over the same second.
 *
 * <p>{@code bench/gemm-paired-report.py} turns the JSON result into one line per (shape, dtype, threads, against):
 * GFLOP/s = 2mnk / time of each side (mean over iterations), the ratio vecgrad / other in GFLOP/s (= the other's
 * time / vecgrad's, per iteration, mean with a 99.9 % Student-t interval over iterations), the same ratio from the
 * fastest single call of each side per iteration (the least disturbed), and thread-CPU ratios (threads = 1 only:
 * with more threads the work runs on pool threads too). Run, without the OpenBLAS variables that force a slower
 * kernel:
 * <pre>
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -jar bench/target/benchmarks.jar GemmPairedBench \
 *     -p shape=1024x1024x1024:nn -p dtype=F64 -f 2 -wi 3 -i 10 -rf json -rff out.json
 * /usr/bin/python3 bench/gemm-paired-report.py out.json
 * </pre>
 *
 * <p>Parameters: {@code shape} and {@code dtype} as in {@link GemmBench} ({@code MxNxK:tt}); {@code threads} 1, or
 * 0 = all processors (both sides); {@code against} = {@code openblas} (default; fails in set-up with
 * {@link OpenBlas#unavailableReason()} when OpenBLAS cannot load), {@code naive} (the i-k-j loop, single-threaded:
 * several seconds per call at 1024³ and tens at 2048³, so an iteration then holds one call and runs longer than
 * {@code -r}), {@code ejml}, {@code scalar} (vecgrad's scalar kernels), or {@code simd}: an A/A control, vecgrad on
 * both sides (separate C arrays), which should read 1.00 within its interval; a ratio away from 1 there is the bias
 * of the measurement itself (e.g. of going first or second); {@code simd1t}: vecgrad on one thread, so that with
 * {@code threads} = 0 the ratio is the multi-threaded speed-up (the simd1t side runs inside
 * {@code Blas.withMaxThreads(1, ...)}, which leaves the pool and its workers' packing buffers as they are);
 * {@code nonarrow}: vecgrad with the narrow last-column-panel kernel off ({@code SimdGemm.setNarrow(false)} for the
 * call), the old path against the new one, e.g. {@code -p shape=1152x196x256:tn -p against=nonarrow};
 * {@code nodirect}: vecgrad with every tile through the tile array and the C update instead of stored by the
 * micro-kernel straight into C ({@code SimdGemm.setDirectStore(false)} for the call); {@code shallow}: vecgrad
 * with the deep block sizes off ({@code SimdGemm.setDeepDepth(false)} for the call: products of depth ≥ 1024 split
 * as shallower ones, e.g. {@code -p dtype=F64 -p shape=2048x2048x2048:nn -p against=shallow}). With
 * {@code threads} = 0 against {@code openblas}, OpenBLAS's pthreads keep spinning for a while after each of its calls
 * and can take a core from the vecgrad call that follows: compare multi-threaded OpenBLAS with {@link GemmBench}.
 * {@code side} (default {@code simd}) is the implementation on the first side; {@code -p side=openblas -p
 * against=openblas1t -p threads=0} measures OpenBLAS's own multi-threaded speed-up the same way ({@code openblas1t}
 * sets OpenBLAS to one thread for its call and back after it), the yardstick for vecgrad's. The counters keep the
 * names {@code vecgrad...} for the first side whatever it is. Set-up runs each side once and fails if their C
 * differ by more than {@link GemmProblem#tolerance()}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmPairedBench {

    @Param({"128x128x128:nn", "1024x1024x1024:nn", "2048x2048x2048:nn", "128x784x256:nt"})
    public String shape;

    @Param({"F32", "F64"})
    public String dtype;

    @Param({"1"})
    public int threads;

    /** The first side: simd (vecgrad), or another implementation of {@link GemmImpl} (e.g. openblas). */
    @Param({"simd"})
    public String side = "simd";

    /** The other side: openblas, naive, ejml, scalar, simd (A/A control), simd1t or openblas1t. */
    @Param({"openblas"})
    public String against;

    GemmImpl vecgrad;
    GemmImpl other;

    @Setup(Level.Trial)
    public void setup() {
        GemmProblem p = GemmProblem.of(shape, dtype);
        vecgrad = new GemmImpl(side, p, threads);
        other = new GemmImpl(against, p, threads);
        vecgrad.run();
        other.run();
        double[] cv = vecgrad.result();
        double[] co = other.result();
        for (int i = 0; i < cv.length; i++) {
            if (!(Math.abs(cv[i] - co[i]) <= p.tolerance())) {
                throw new IllegalStateException(side + " and " + against + " disagree on " + shape + " " + dtype
                        + " at C[" + i / p.n + "][" + i % p.n + "]: " + cv[i] + " vs " + co[i] + " (tolerance "
                        + p.tolerance() + ")");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (vecgrad != null) {
            vecgrad.close();
        }
        if (other != null) {
            other.close();
        }
        Blas.shutdown();
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Nanoseconds of each side in one iteration of {@link #paired} (JMH does not reset counters: the iteration
     * set-up does); the report divides per iteration. Thread CPU excludes time the benchmark thread waits for a
     * core, and at threads > 1 the pool threads' work.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Clocks {
        public long vecgradWallNs;
        public long otherWallNs;
        public long vecgradCpuNs;
        public long otherCpuNs;
        /** Calls of {@link #paired} in the iteration: each side ran this many products. */
        public long pairs;
        /** The fastest single call of each side in the iteration (wall and thread CPU): the least disturbed. */
        public long vecgradMinWallNs;
        public long otherMinWallNs;
        public long vecgradMinCpuNs;
        public long otherMinCpuNs;

        @Setup(Level.Iteration)
        public void reset() {
            vecgradWallNs = otherWallNs = vecgradCpuNs = otherCpuNs = pairs = 0;
            vecgradMinWallNs = otherMinWallNs = vecgradMinCpuNs = otherMinCpuNs = 0;
        }
    }

    /** One product by each side, in alternating order, each timed on the wall clock and the thread's CPU clock. */
    @Benchmark
    public Object paired(Clocks c) {
        boolean otherFirst = (c.pairs & 1) == 1;   // neither side always inherits the other's cache contents
        timed(!otherFirst, c);
        Object second = timed(otherFirst, c);   // each side writes its own C to memory: neither call is dead code
        c.pairs++;
        return second;
    }

    private Object timed(boolean isVecgrad, Clocks c) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        Object r = isVecgrad ? vecgrad.run() : other.run();
        wall = System.nanoTime() - wall;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (isVecgrad) {
            c.vecgradWallNs += wall;
            c.vecgradCpuNs += cpu;
            c.vecgradMinWallNs = min(c.vecgradMinWallNs, wall);
            c.vecgradMinCpuNs = min(c.vecgradMinCpuNs, cpu);
        } else {
            c.otherWallNs += wall;
            c.otherCpuNs += cpu;
            c.otherMinWallNs = min(c.otherMinWallNs, wall);
            c.otherMinCpuNs = min(c.otherMinCpuNs, cpu);
        }
        return r;
    }

    /** The smaller of a running minimum and a new value; 0 means no value yet (the iteration set-up zeroes it). */
    private static long min(long running, long value) {
        return running == 0 ? value : Math.min(running, value);
    }
}
