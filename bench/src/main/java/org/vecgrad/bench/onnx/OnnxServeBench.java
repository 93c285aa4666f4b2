package org.vecgrad.bench.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.nn.DirectConv;
import org.vecgrad.onnx.OnnxModel;

/**
 * Inference on models exported from PyTorch ({@code bench/pytorch/onnx_serve_models.py}), vecgrad's
 * {@link OnnxModel#run} against ONNX Runtime's Java API in the same JMH run: {@code runtime} = {@code vecgrad} or
 * {@code ort}, each on one thread (vecgrad: {@code Blas.setNumThreads(1)}; ONNX Runtime: intra- and inter-op
 * threads 1, sequential execution, {@code ALL_OPT} graph optimisation, which fuses Gemm + Relu and pre-packs the
 * weights). The primary metric is calls per second; the secondary metric {@code samples} is samples per second
 * (calls × batch), the figure to compare.
 *
 * <ul>
 *   <li>{@code model}: {@code mlp} (784-256-128-10, ReLU: 3 Gemm, 2 Relu) or {@code lenet5} (LeNet-5 on
 *       [N, 1, 28, 28]: 2 Conv, 2 MaxPool, Flatten, 3 Gemm, 4 Relu).</li>
 *   <li>{@code batch}: 1 (latency-bound serving) and 64.</li>
 *   <li>One call is what a service does per request: vecgrad takes an {@link NdArray} and returns a new one;
 *       ONNX Runtime takes an {@link OnnxTensor} made once at set-up (its input copy is not timed) and the output
 *       is copied into a Java buffer ({@link OnnxTensor#getFloatBuffer}) before the result is closed.</li>
 *   <li>Set-up runs both runtimes once on the input and fails if their outputs differ by more than
 *       1e-4·max(1, |y|): the two sides compute the same thing.</li>
 *   <li>Warm-up is 20 s: C2 compiles the Vector API kernels (GEMM micro-kernels, axpy) only after seconds of
 *       running, and until then they run as interpreted vector objects, tens of times slower; with a 1 s warm-up
 *       vecgrad's figures are the JIT's, not the kernels'. ONNX Runtime (native) needs none but gets the same.</li>
 * </ul>
 *
 * <p>Run (the ratio vecgrad / ort of {@code samples} per model and batch is the result):
 * <pre>
 * java -jar bench/target/benchmarks.jar OnnxServeBench -f 2 -wi 5 -i 10 -rf json -rff onnx-serve.json
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class OnnxServeBench {

    @Param({"mlp", "lenet5"})
    String model;

    @Param({"1", "64"})
    int batch;

    @Param({"vecgrad", "ort"})
    String runtime;

    /**
     * vecgrad's convolutions: {@code auto} (direct kernels where they apply), {@code im2col} (the GEMM path), or the
     * direct kernels' {@code wide} or {@code lanes} layout ({@link DirectConv#select}).
     */
    @Param({"auto"})
    String conv;

    OnnxModel vecgrad;
    NdArray x;
    Ort ort;

    /** Samples processed, reported as the secondary metric {@code samples} per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Samples {
        public long samples;

        @Setup(Level.Iteration)
        public void reset() {
            samples = 0;
        }
    }

    /** An ONNX Runtime session on one thread with its input tensor. */
    static final class Ort implements AutoCloseable {
        final OrtSession session;
        final OnnxTensor input;
        final String inputName;

        Ort(byte[] onnx, NdArray x) throws OrtException {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setIntraOpNumThreads(1);
                o.setInterOpNumThreads(1);
                o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = env.createSession(onnx, o);
            }
            inputName = session.getInputNames().iterator().next();
            long[] shape = Arrays.stream(x.shape()).asLongStream().toArray();
            input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), shape);
        }

        FloatBuffer run() throws OrtException {
            try (OrtSession.Result r = session.run(Map.of(inputName, input))) {
                return ((OnnxTensor) r.get(0)).getFloatBuffer();
            }
        }

        @Override
        public void close() throws OrtException {
            input.close();
            session.close();
        }
    }

    /** The committed ONNX file {@code name}.onnx of this package's resources. */
    static byte[] resource(String name) {
        try (InputStream in = OnnxServeBench.class.getResourceAsStream(name + ".onnx")) {
            if (in == null) {
                throw new IllegalArgumentException("OnnxServeBench: no model '" + name + "' (resources "
                        + "org/vecgrad/bench/onnx/*.onnx, written by bench/pytorch/onnx_serve_models.py)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Setup
    public void setup() throws OrtException, IOException {
        Blas.setNumThreads(1);
        DirectConv.select("OnnxServeBench", conv);
        byte[] bytes = resource(model);
        vecgrad = OnnxModel.fromBytes(bytes);
        int[] shape = model.equals("lenet5") ? new int[] {batch, 1, 28, 28} : new int[] {batch, 784};
        x = NdArray.rand(DType.F32, new SplittableRandom(7), shape);
        ort = new Ort(bytes, x);
        NdArray mine = vecgrad.run(x);
        FloatBuffer theirs = ort.run();
        for (int i = 0; i < mine.size(); i++) {
            double a = mine.getFlat(i);
            double b = theirs.get(i);
            if (!(Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b)))) {
                throw new IllegalStateException("OnnxServeBench " + model + " batch " + batch + ": output " + i
                        + " is " + a + " in vecgrad, " + b + " in ONNX Runtime");
            }
        }
        if (!runtime.equals("vecgrad") && !runtime.equals("ort")) {
            throw new IllegalArgumentException("OnnxServeBench: runtime '" + runtime + "'; expected vecgrad or ort");
        }
    }

    @TearDown
    public void tearDown() throws OrtException {
        ort.close();
    }

    @Benchmark
    public Object run(Samples s) throws OrtException {
        s.samples += batch;
        return runtime.equals("vecgrad") ? vecgrad.run(x) : ort.run();
    }
}
