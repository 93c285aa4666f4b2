package org.vecgrad.bench.elementwise;

import java.util.Locale;
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
import org.vecgrad.engine.BinaryOp;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.Backend;
import org.vecgrad.engine.kernel.Kernels;

/**
 * The same work as {@link UnaryBench} and {@link BinaryBench} through the public API with an {@code out=} array
 * ({@code x.apply(op, 0, 0, y)}, {@code a.binary(ADD, b, out)}) on the backend {@code Kernels.active()} picks, so
 * the difference from the SIMD rows of those benchmarks is the cost of NdArray's validation and dispatch. Reported
 * as path {@code api}. Default size 4 Ki only: at larger sizes the fixed cost vanishes in the kernel's time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ApiBench {
    @Param({"4096"})
    public int size;

    private NdArray x;
    private NdArray y;
    private NdArray b;
    private long unaryBytes;
    private long binaryBytes;

    /** The activation for {@link #unary} (any UnaryOp name); a separate state so {@link #add} runs once. */
    @State(Scope.Thread)
    public static class Op {
        @Param({"relu", "sigmoid", "tanh", "gelu", "exp"})
        public String op;

        UnaryOp unaryOp;

        @Setup
        public void setup() {
            unaryOp = UnaryOp.valueOf(op.toUpperCase(Locale.ROOT));
        }
    }

    @Setup
    public void setup() {
        Backend active = Kernels.active();
        Inputs.checked(active.name(), active.elementwise());
        x = NdArray.wrap(Inputs.uniform(size, 42, -4f, 4f), 0, size);
        b = NdArray.wrap(Inputs.uniform(size, 43, -4f, 4f), 0, size);
        y = NdArray.wrap(new float[size], 0, size);
        unaryBytes = (long) UnaryBench.STREAMS * Float.BYTES * size;
        binaryBytes = (long) BinaryBench.STREAMS * Float.BYTES * size;
    }

    @Benchmark
    public NdArray unary(Op op, ByteCounter counter) {
        counter.bytes += unaryBytes;
        return x.apply(op.unaryOp, 0, 0, y);
    }

    @Benchmark
    public NdArray add(ByteCounter counter) {
        counter.bytes += binaryBytes;
        return x.binary(BinaryOp.ADD, b, y);
    }
}
