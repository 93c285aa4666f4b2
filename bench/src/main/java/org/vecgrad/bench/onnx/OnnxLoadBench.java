package org.vecgrad.bench.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vecgrad.onnx.OnnxModel;

/**
 * Loading a model file in a warm JVM: {@link OnnxModel#load} (read, parse, check, compile) against ONNX Runtime's
 * {@code createSession} on one thread with {@code ALL_OPT} (which also pre-packs the weights), in milliseconds per
 * load. The model is an MLP written at set-up by {@link MlpFile} in the form PyTorch exports one ({@code widths}
 * 784-2048-512-10: 2.6 M parameters, a 10.5 MB file of raw_data initializers). The target is under 200 ms.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar OnnxLoadBench -f 2 -wi 5 -i 10
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class OnnxLoadBench {

    /** Layer widths, dash-separated. */
    @Param({"784-2048-512-10"})
    String widths;

    @Param({"vecgrad", "ort"})
    String runtime;

    Path dir;
    Path file;
    OrtSession.SessionOptions options;

    @Setup
    public void setup() throws IOException, OrtException {
        dir = Files.createTempDirectory("onnx-load-bench");
        file = dir.resolve("mlp.onnx");
        MlpFile.write(file, 11, Arrays.stream(widths.split("-")).mapToInt(Integer::parseInt).toArray());
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (!runtime.equals("vecgrad") && !runtime.equals("ort")) {
            throw new IllegalArgumentException("OnnxLoadBench: runtime '" + runtime + "'; expected vecgrad or ort");
        }
    }

    @TearDown
    public void tearDown() throws IOException, OrtException {
        options.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public Object load() throws IOException, OrtException {
        if (runtime.equals("vecgrad")) {
            return OnnxModel.load(file);
        }
        OrtSession s = OrtEnvironment.getEnvironment().createSession(file.toString(), options);
        s.close();
        return s;
    }
}
