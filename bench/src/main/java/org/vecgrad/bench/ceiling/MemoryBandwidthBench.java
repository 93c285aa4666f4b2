package org.vecgrad.bench.ceiling;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
import org.vecgrad.engine.kernel.simd.SimdSpecies;

/**
 * DRAM bandwidth of one core (per JMH thread), STREAM-style, on F32 arrays of {@code mib} MiB each (256 by
 * default: far beyond any cache). Bytes counted as STREAM does (each array element read or written once; the
 * write-allocate read of the destination is not counted): copy 2 · 4 · n, triad 3 · 4 · n; published as the
 * {@code bytes} secondary metric (bytes/s).
 * <ul>
 *   <li>{@code copyArraycopy}: y = x by System.arraycopy;</li>
 *   <li>{@code copyLoop}: y = x by an indexed loop (C2 vectorises it);</li>
 *   <li>{@code triadLoop}: a = b + s·c by an indexed loop;</li>
 *   <li>{@code triadVector}: the same with the Vector API and the kernels' species.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class MemoryBandwidthBench {
    private static final VectorSpecies<Float> F = SimdSpecies.F;

    /** Size of each array in MiB. */
    @Param({"256"})
    public int mib;

    private float[] a;
    private float[] b;
    private float[] c;
    private float s = 3f;
    private int n;

    @Setup
    public void setup() {
        n = mib * (1 << 20) / Float.BYTES;
        a = new float[n];
        b = new float[n];
        c = new float[n];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 2f);
        Arrays.fill(c, 0.5f);
    }

    @Benchmark
    public void copyArraycopy(ByteCounter counter) {
        System.arraycopy(b, 0, a, 0, n);
        counter.bytes += 2L * Float.BYTES * n;
    }

    @Benchmark
    public void copyLoop(ByteCounter counter) {
        float[] dst = a;
        float[] src = b;
        int len = n;
        for (int i = 0; i < len; i++) {
            dst[i] = src[i];
        }
        counter.bytes += 2L * Float.BYTES * len;
    }

    @Benchmark
    public void triadLoop(ByteCounter counter) {
        float[] x = a;
        float[] y = b;
        float[] z = c;
        float k = s;
        int len = n;
        for (int i = 0; i < len; i++) {
            x[i] = y[i] + k * z[i];
        }
        counter.bytes += 3L * Float.BYTES * len;
    }

    @Benchmark
    public void triadVector(ByteCounter counter) {
        float[] x = a;
        float[] y = b;
        float[] z = c;
        float ks = s;
        FloatVector k = FloatVector.broadcast(F, ks);
        int len = n;
        int i = 0;
        // n is a multiple of every lane count (a whole number of MiB), so there is no tail.
        for (int bound = F.loopBound(len); i < bound; i += F.length()) {
            FloatVector.fromArray(F, z, i).fma(k, FloatVector.fromArray(F, y, i)).intoArray(x, i);
        }
        for (; i < len; i++) {
            x[i] = y[i] + ks * z[i];
        }
        counter.bytes += 3L * Float.BYTES * len;
    }
}
