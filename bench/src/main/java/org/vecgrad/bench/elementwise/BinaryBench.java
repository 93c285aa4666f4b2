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
import org.vecgrad.engine.kernel.ElementwiseKernels;

/**
 * out = a ∘ b over {@code size} F32 elements ({@link BinaryOp} name, any case; the suite runs {@code add}) through
 * the SIMD or scalar kernel, same shapes, no broadcasting. Two reads and one write per element: bytes per call =
 * 3 · 4 · size.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BinaryBench {
    /** Arrays touched per element: a and b read, out written. */
    public static final int STREAMS = 3;

    @Param({"add"})
    public String op;

    @Param({"simd", "scalar"})
    public String path;

    @Param({"4096", "262144", "16777216"})
    public int size;

    private ElementwiseKernels kernels;
    private BinaryOp binaryOp;
    private float[] a;
    private float[] b;
    private float[] out;
    private long bytesPerCall;

    @Setup
    public void setup() {
        kernels = Inputs.checked(path, Inputs.backend(path).elementwise());
        binaryOp = BinaryOp.valueOf(op.toUpperCase(Locale.ROOT));
        a = Inputs.uniform(size, 42, -4f, 4f);
        b = Inputs.uniform(size, 43, -4f, 4f);
        out = new float[size];
        bytesPerCall = (long) STREAMS * Float.BYTES * size;
        kernels.binary(binaryOp, a, 0, b, 0, out, 0, size); // fail in set-up if the kernel is missing
    }

    @Benchmark
    public void binary(ByteCounter counter) {
        kernels.binary(binaryOp, a, 0, b, 0, out, 0, size);
        counter.bytes += bytesPerCall;
    }
}
