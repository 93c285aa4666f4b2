package org.vecgrad.bench.autodiff;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.autodiff.ForwardAD;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;

/**
 * The fixed cost of recording and differentiating one op: a graph of 10 000 ops on one-element tensors
 * (mul, add, tanh, add, repeated), forward and backward, reported as nanoseconds per op. With one element the
 * arithmetic is negligible, so this is the bookkeeping: node creation, the topological sort and the backward walk.
 * PyTorch 1.13 on this kind of machine takes about 5 600 ns per op for the same loop; the target is ≤ 500 ns.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class AutodiffOverheadBench {
    static final int OPS = 10_000;

    Tensor c;
    Tensor d;

    @Setup
    public void setup() {
        c = Tensor.scalar(DType.F64, 0.999);
        d = Tensor.scalar(DType.F64, 0.001);
    }

    /** Forward + backward through 10 000 recorded ops; the score is per op. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public double forwardBackwardPerOp() {
        Tensor x = Tensor.scalar(DType.F64, 0.5).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < OPS / 4; i++) {
            y = y.mul(c).add(d).tanh().add(x);
        }
        y.backward();
        return x.grad().item();
    }

    /** The same 10 000 ops under no-grad: what the arithmetic and allocation alone cost. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public double forwardOnlyNoGradPerOp() {
        Tensor x = Tensor.scalar(DType.F64, 0.5);
        Tensor y = x;
        try (var _ = Tensor.noGrad()) {
            for (int i = 0; i < OPS / 4; i++) {
                y = y.mul(c).add(d).tanh().add(x);
            }
        }
        return y.item();
    }

    /**
     * The same 10 000 ops in forward mode (no graph; x carries a tangent, every op computes its result's tangent
     * too): the price of one jvp pass per op, to set against forwardBackwardPerOp (reverse mode) and
     * forwardOnlyNoGradPerOp (the plain forward).
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public double forwardModePerOp() {
        try (var _ = ForwardAD.dualLevel(); var _ = Tensor.noGrad()) {
            Tensor x = ForwardAD.makeDual(Tensor.scalar(DType.F64, 0.5), Tensor.scalar(DType.F64, 1));
            Tensor y = x;
            for (int i = 0; i < OPS / 4; i++) {
                y = y.mul(c).add(d).tanh().add(x);
            }
            return ForwardAD.unpackDual(y).tangent().item();
        }
    }
}
