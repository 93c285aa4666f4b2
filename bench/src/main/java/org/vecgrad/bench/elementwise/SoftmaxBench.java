package org.vecgrad.bench.elementwise;

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
import org.vecgrad.engine.kernel.ReductionKernels;

/**
 * Row-wise softmax of a (size / cols) × cols F32 block, {@code ReductionKernels.softmaxRows}, SIMD or scalar.
 * Bytes per call are counted as one read and one write per element, 2 · 4 · size, although the kernel passes over
 * each row more than once (max, exp-sum, scale): a row of 1024 floats is 4 KiB and stays in L1 between passes,
 * so memory traffic is that of one read and one write.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SoftmaxBench {
    /** Arrays touched per element: x read, y written. */
    public static final int STREAMS = 2;

    @Param({"simd", "scalar"})
    public String path;

    @Param({"4096", "262144", "16777216"})
    public int size;

    /** Row length; size must be a multiple of it. */
    @Param({"1024"})
    public int cols;

    private ReductionKernels kernels;
    private float[] x;
    private float[] y;
    private int rows;
    private long bytesPerCall;

    @Setup
    public void setup() {
        if (cols < 1 || size % cols != 0) {
            throw new IllegalArgumentException("softmax: size " + size + " is not a multiple of cols " + cols);
        }
        kernels = Inputs.checked(path, Inputs.backend(path).reductions());
        rows = size / cols;
        x = Inputs.uniform(size, 42, -4f, 4f);
        y = new float[size];
        bytesPerCall = (long) STREAMS * Float.BYTES * size;
        kernels.softmaxRows(x, 0, y, 0, rows, cols); // fail in set-up if the kernel is missing
    }

    @Benchmark
    public void softmax(ByteCounter counter) {
        kernels.softmaxRows(x, 0, y, 0, rows, cols);
        counter.bytes += bytesPerCall;
    }
}
