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
import org.vecgrad.engine.UnaryOp;
import org.vecgrad.engine.kernel.ElementwiseKernels;

/**
 * y = f(x) over {@code size} F32 elements, f an activation ({@link UnaryOp} name, any case), through the SIMD or
 * the scalar kernel: {@code ElementwiseKernels.unary(op, 0, 0, x, 0, y, 0, size)}. One read and one write per
 * element, so bytes per call = 2 · 4 · size. Parameters of parametrised ops are 0 (this suite uses none).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UnaryBench {
    /** Arrays touched per element: x read, y written. */
    public static final int STREAMS = 2;

    @Param({"relu", "sigmoid", "tanh", "gelu", "exp"})
    public String op;

    @Param({"simd", "scalar"})
    public String path;

    @Param({"4096", "262144", "16777216"})
    public int size;

    private ElementwiseKernels kernels;
    private UnaryOp unaryOp;
    private float[] x;
    private float[] y;
    private long bytesPerCall;

    @Setup
    public void setup() {
        kernels = Inputs.checked(path, Inputs.backend(path).elementwise());
        unaryOp = UnaryOp.valueOf(op.toUpperCase(Locale.ROOT));
        x = Inputs.uniform(size, 42, -4f, 4f);
        y = new float[size];
        bytesPerCall = (long) STREAMS * Float.BYTES * size;
        kernels.unary(unaryOp, 0, 0, x, 0, y, 0, size); // fail here, not in the timed loop, if the kernel is missing
    }

    @Benchmark
    public void unary(ByteCounter counter) {
        kernels.unary(unaryOp, 0, 0, x, 0, y, 0, size);
        counter.bytes += bytesPerCall;
    }
}
