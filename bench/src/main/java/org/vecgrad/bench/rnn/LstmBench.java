package org.vecgrad.bench.rnn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.bench.gemm.GemmBench;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.rnn.LSTM;

/**
 * One LSTM layer, batch 32 × {@code steps} (50) × input 128 × hidden {@code hidden}, F32, one GEMM thread:
 * {@code forward} (no graph), and {@code forwardBackward} (forward, then backward of the output's sum into the
 * parameters and the input), in milliseconds per call, with the thread's CPU time beside it
 * ({@code cpuNanos / calls}: on a shared machine it is not inflated by descheduling). The PyTorch 1.13 reference on
 * the same machine is {@code bench/pytorch/lstm.py} (the same shapes, {@code torch.set_num_threads(1)}; it prints
 * both times too).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class LstmBench {
    static final int BATCH = 32;
    static final int INPUT = 128;

    @Param({"256", "64"})
    int hidden;

    /** Time steps; the shape is 50 (another length shows how B/op scales with steps under -prof gc). */
    @Param({"50"})
    int steps;

    LSTM lstm;
    Tensor x;

    @Setup
    public void setup() {
        Blas.setNumThreads(1);
        lstm = new LSTM(INPUT, hidden, 1, true, false, 0, false, 1);
        x = Tensor.of(NdArray.randn(DType.F32, new SplittableRandom(2), steps, BATCH, INPUT), true);
    }

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    @Benchmark
    public Object forward(GemmBench.Cpu cpu) {
        long t0 = MX.getCurrentThreadCpuTime();
        Object r;
        try (var scope = Tensor.noGrad()) {
            r = lstm.forward(x);
        }
        cpu.cpuNanos += MX.getCurrentThreadCpuTime() - t0;
        cpu.calls++;
        return r;
    }

    @Benchmark
    public Object forwardBackward(GemmBench.Cpu cpu) {
        long t0 = MX.getCurrentThreadCpuTime();
        lstm.zeroGrad();
        x.zeroGrad();
        lstm.forward(x).sum().backward();
        cpu.cpuNanos += MX.getCurrentThreadCpuTime() - t0;
        cpu.calls++;
        return x.grad();
    }
}
