package org.vecgrad.bench.autodiff;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.UnaryOp;

/**
 * Autodiff overhead on large tensors: forward + backward of an MLP 784 → 256 → 128 → 10 (ReLU, cross-entropy,
 * batch 128, F32), once through {@link Tensor} and once written by hand on the engine (NdArray ops and
 * {@link Blas} calls; fresh output arrays as the NdArray API allocates them, transposes passed to GEMM as flags,
 * the bias as GEMM's starting C with beta = 1). Both compute the same loss and the same six gradients. Target: the
 * Tensor version at most 5% slower. The parameters {@link #tensorBias} and {@link #engineBias} select how each
 * version adds the bias; the defaults are the fused {@code Tensor.addmm} against the prefilled GEMM.
 *
 * <p>{@link #tensor()} and {@link #engine()} time each version alone (JMH runs them one after the other, so on a
 * shared machine a change of load between the two skews their ratio). {@link #paired} runs both in every call,
 * alternating which goes first, and adds each version's wall, thread-CPU and process-CPU nanoseconds to its own
 * counters: a ratio from one iteration compares the two under the same load. Process CPU includes the GC threads'
 * work (the versions allocate different amounts), thread CPU does not; both exclude time the thread waits for a
 * core. {@code bench/mlp-overhead-report.py} turns a JSON result into per-iteration ratios with error bars:
 * <pre>
 * java -jar bench/target/benchmarks.jar 'autodiff.MlpOverheadBench' -f 2 -wi 5 -i 10 -w 1 -r 1 -prof gc \
 *     -rf json -rff mlp.json &amp;&amp; python3 bench/mlp-overhead-report.py mlp.json
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MlpOverheadBench {
    static final int B = 128;
    static final int[] SIZES = {784, 256, 128, 10};

    @Param({"1"})
    int threads;

    /**
     * How the Tensor version adds the bias: {@code addmm} (default) is the fused op (one GEMM onto the broadcast
     * bias, as nn's layers do), {@code matmulAdd} the two ops {@code h.matmul(w).add(b)} (a product, then a new
     * array). {@code engine} is an A/A control: the "tensor" side runs the hand-written code too, so the ratio shows
     * the bias of the measurement itself. Other values than the default via {@code -p tensorBias=...}.
     */
    @Param({"addmm"})
    String tensorBias;

    /**
     * How the hand-written version adds the bias: {@code prefill} (default) fills C with the bias rows and lets
     * GEMM add with beta = 1 (the fastest straightforward way, the same math as addmm), {@code addInPlace} adds it
     * after a beta = 0 GEMM (the baseline of the first measurements).
     */
    @Param({"prefill"})
    String engineBias;

    NdArray x;
    int[] labels;
    NdArray[] w = new NdArray[3];
    NdArray[] b = new NdArray[3];
    Tensor[] tw = new Tensor[3];
    Tensor[] tb = new Tensor[3];
    Tensor tx;

    @Setup
    public void setup() {
        Blas.setNumThreads(threads);
        SplittableRandom rng = new SplittableRandom(1);
        x = NdArray.randn(DType.F32, rng, B, SIZES[0]);
        labels = new int[B];
        for (int i = 0; i < B; i++) {
            labels[i] = rng.nextInt(SIZES[3]);
        }
        for (int l = 0; l < 3; l++) {
            double lim = 1 / Math.sqrt(SIZES[l]);
            w[l] = NdArray.uniform(DType.F32, rng, -lim, lim, SIZES[l], SIZES[l + 1]);
            b[l] = NdArray.uniform(DType.F32, rng, -lim, lim, SIZES[l + 1]);
            tw[l] = Tensor.of(w[l], true);
            tb[l] = Tensor.of(b[l], true);
        }
        tx = Tensor.of(x);
        aaControl = tensorBias.equals("engine");
        fusedBias = switch (tensorBias) {
            case "addmm", "engine" -> true;
            case "matmulAdd" -> false;
            default -> throw new IllegalArgumentException("tensorBias: addmm, matmulAdd or engine, not "
                    + tensorBias);
        };
        prefill = switch (engineBias) {
            case "prefill" -> true;
            case "addInPlace" -> false;
            default -> throw new IllegalArgumentException("engineBias: prefill or addInPlace, not " + engineBias);
        };
    }

    boolean fusedBias;
    boolean aaControl;
    boolean prefill;

    /** Forward + backward through the Tensor graph. Returns the loss. */
    @Benchmark
    public double tensor() {
        if (aaControl) {
            return engine();
        }
        for (int l = 0; l < 3; l++) {   // set to none, as the optimizers' zeroGrad does (PyTorch's default)
            tw[l].clearGrad();
            tb[l].clearGrad();
        }
        Tensor h = tx;
        for (int l = 0; l < 3; l++) {
            h = fusedBias ? Tensor.addmm(tb[l], h, tw[l]) : h.matmul(tw[l]).add(tb[l]);
            if (l < 2) {
                h = h.relu();
            }
        }
        Tensor loss = h.logSoftmax(1).gather(labels).mean().neg();
        loss.backward();
        return loss.item();
    }

    /** Gradients of the last {@link #engine()} call (weights, biases per layer). */
    NdArray[] engineDw = new NdArray[3];
    NdArray[] engineDb = new NdArray[3];

    /** The same forward + backward written by hand on engine kernels. Returns the loss. */
    @Benchmark
    public double engine() {
        NdArray[] z = new NdArray[3];
        NdArray[] h = new NdArray[4];
        h[0] = x;
        for (int l = 0; l < 3; l++) {
            z[l] = prefill ? affine(h[l], w[l], b[l]) : mm(h[l], false, w[l], false).addInPlace(b[l]);
            h[l + 1] = l < 2 ? z[l].relu() : z[l];
        }
        NdArray logp = h[3].logSoftmax(1);
        double loss = 0;
        for (int i = 0; i < B; i++) {
            loss -= logp.get(i, labels[i]);
        }
        loss /= B;
        // dL/dlogits = (softmax − onehot) / B
        NdArray g = logp.exp();
        for (int i = 0; i < B; i++) {
            g.set(g.get(i, labels[i]) - 1, i, labels[i]);
        }
        g.mulInPlace(1.0 / B);
        NdArray[] dw = engineDw;
        NdArray[] db = engineDb;
        for (int l = 2; l >= 0; l--) {
            dw[l] = mm(h[l], true, g, false);           // Hᵀ·G
            db[l] = g.sum(0, false);
            if (l > 0) {
                NdArray dh = mm(g, false, w[l], true);   // G·Wᵀ
                g = z[l - 1].unaryBackward(UnaryOp.RELU, 0, 0, h[l], dh, NdArray.zerosLike(dh));
            }
        }
        return loss;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * Nanoseconds spent in each version during one iteration of {@link #paired} (JMH does not reset counters: the
     * iteration set-up does). Ratios are computed per iteration by bench/mlp-overhead-report.py.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Clocks {
        public long engineWallNs;
        public long tensorWallNs;
        public long engineCpuNs;
        public long tensorCpuNs;
        public long engineProcNs;
        public long tensorProcNs;
        public long pairs;
        /**
         * The fastest single call of each version in this iteration (wall and thread CPU): on a loaded machine the
         * least disturbed call, less sensitive to preemption and to other processes' cache traffic than the sums.
         */
        public long engineMinWallNs;
        public long tensorMinWallNs;
        public long engineMinCpuNs;
        public long tensorMinCpuNs;

        @Setup(Level.Iteration)
        public void reset() {
            engineWallNs = tensorWallNs = engineCpuNs = tensorCpuNs = engineProcNs = tensorProcNs = pairs = 0;
            engineMinWallNs = tensorMinWallNs = engineMinCpuNs = tensorMinCpuNs = 0;
        }
    }

    /** One {@link #engine()} and one {@link #tensor()}, in alternating order, each timed on three clocks. */
    @Benchmark
    public double paired(Clocks c) {
        boolean tensorFirst = (c.pairs & 1) == 1;   // neither version always inherits the other's cache contents
        double r = tensorFirst ? timed(true, c) + timed(false, c) : timed(false, c) + timed(true, c);
        c.pairs++;
        return r;
    }

    private double timed(boolean viaTensor, Clocks c) {
        long proc = OS.getProcessCpuTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        double r = viaTensor ? tensor() : engine();
        wall = System.nanoTime() - wall;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        proc = OS.getProcessCpuTime() - proc;
        if (viaTensor) {
            c.tensorWallNs += wall;
            c.tensorCpuNs += cpu;
            c.tensorProcNs += proc;
            c.tensorMinWallNs = min(c.tensorMinWallNs, wall);
            c.tensorMinCpuNs = min(c.tensorMinCpuNs, cpu);
        } else {
            c.engineWallNs += wall;
            c.engineCpuNs += cpu;
            c.engineProcNs += proc;
            c.engineMinWallNs = min(c.engineMinWallNs, wall);
            c.engineMinCpuNs = min(c.engineMinCpuNs, cpu);
        }
        return r;
    }

    /** x·W + b into a new array: C starts as the bias rows, and GEMM adds x·W with beta = 1. */
    static NdArray affine(NdArray xm, NdArray wm, NdArray bias) {
        int m = xm.shape(0);
        int k = xm.shape(1);
        int n = wm.shape(1);
        NdArray c = NdArray.zeros(DType.F32, m, n).addInPlace(bias);
        Blas.sgemm(false, false, m, n, k, 1f, xm.floatData(), xm.offset(), k, wm.floatData(), wm.offset(), n, 1f,
                c.floatData(), 0, n);
        return c;
    }

    /** The smaller of a running minimum and a new value; 0 means no value yet (JMH zeroes the counters). */
    private static long min(long running, long value) {
        return running == 0 ? value : Math.min(running, value);
    }

    /** op(A)·op(B) into a new array, transposes as GEMM flags. */
    static NdArray mm(NdArray a, boolean ta, NdArray bm, boolean tb) {
        int m = ta ? a.shape(1) : a.shape(0);
        int k = ta ? a.shape(0) : a.shape(1);
        int n = tb ? bm.shape(0) : bm.shape(1);
        NdArray c = NdArray.zeros(DType.F32, m, n);
        Blas.sgemm(ta, tb, m, n, k, 1f, a.floatData(), a.offset(), a.shape(1), bm.floatData(), bm.offset(),
                bm.shape(1), 0f, c.floatData(), 0, n);
        return c;
    }
}
