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

/**
 * The bandwidth ceiling for the elementwise kernels: y = x over {@code size} F32 elements, by
 * {@code System.arraycopy} (the JVM's stub, wide loads and stores) and by a plain indexed loop (which C2
 * vectorises). One read and one write per element: bytes per call = 2 · 4 · size. {@link Report} takes the faster
 * of the two at each size as "copy".
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CopyBench {
    /** Arrays touched per element: x read, y written. */
    public static final int STREAMS = 2;

    @Param({"4096", "262144", "16777216"})
    public int size;

    private float[] x;
    private float[] y;
    private long bytesPerCall;

    @Setup
    public void setup() {
        x = Inputs.uniform(size, 42, -4f, 4f);
        y = new float[size];
        bytesPerCall = (long) STREAMS * Float.BYTES * size;
    }

    @Benchmark
    public void arraycopy(ByteCounter counter) {
        System.arraycopy(x, 0, y, 0, size);
        counter.bytes += bytesPerCall;
    }

    @Benchmark
    public void loop(ByteCounter counter) {
        float[] src = x;
        float[] dst = y;
        int n = size;
        for (int i = 0; i < n; i++) {
            dst[i] = src[i];
        }
        counter.bytes += bytesPerCall;
    }
}
