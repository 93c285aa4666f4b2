package org.vecgrad.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.vecgrad.engine.Blas;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.onnx.OnnxModel;

/**
 * Serving a model exported from PyTorch: load an ONNX file ({@code --model=PATH}; by default LeNet-5 exported by
 * {@code bench/pytorch/onnx_serve_models.py}, committed with PyTorch's outputs on 8 inputs), print its graph summary,
 * run it, compare with the stored outputs when there are any ({@code NAME.safetensors} beside {@code NAME.onnx}
 * holding {@code input} and {@code output}, the fixture convention of the onnx tests), and time it warm: the latency
 * of one sample and the throughput of a batch ({@code --batch=N}, 64) on the GEMM threads the engine has
 * ({@code -Dvecgrad.threads}). Wall-clock timings here are for reading, not for comparing: the benchmark is
 * {@code OnnxServeBench}.
 *
 * <p>{@link #serve} is the code docs/onnx.md shows ("Serving a PyTorch model"); a test keeps the two the same.
 */
public final class OnnxServe {
    private OnnxServe() {
    }

    /** The committed default model, under this class's resources. */
    static final String DEFAULT_MODEL = "onnx/lenet5";

    /**
     * What the run found: the model's summary and counts, the output on the reference (or random) input, its largest
     * error against the stored outputs (NaN when none are stored), the median latency of one sample in µs, and the
     * throughput at {@code batch} in samples per second.
     */
    public record Result(String summary, Map<String, Integer> operators, long parameters, NdArray output,
                         double maxError, int[] predicted, double latencyMicros, int batch, double samplesPerSecond) {
    }

    public static Result run(Options o) {
        String file = o.params().get("model");
        int batch = o.intParam("batch", 64, 8);
        try {
            OnnxModel model;
            Map<String, NdArray> reference;
            if (file == null) {
                model = OnnxModel.fromBytes(resource(DEFAULT_MODEL + ".onnx"));
                reference = SafeTensors.fromBytes(resource(DEFAULT_MODEL + ".safetensors")).tensors();
                o.println("model: " + DEFAULT_MODEL + ".onnx (LeNet-5 exported from PyTorch 1.13, in the examples jar)");
            } else {
                Path path = Path.of(file);
                model = OnnxModel.load(path);
                Path stored = path.resolveSibling(path.getFileName().toString().replaceFirst("\\.onnx$", "")
                        + ".safetensors");
                reference = Files.isRegularFile(stored) ? SafeTensors.load(stored).tensors() : Map.of();
                o.println("model: " + path);
            }
            o.print(model.summary());

            NdArray x = reference.containsKey("input") ? reference.get("input") : randomInput(model, 1, o.seed());
            NdArray y = model.run(x);
            double err = Double.NaN;
            if (reference.containsKey("output")) {
                err = maxError(y, reference.get("output"));
                o.printf("output %s on the stored input %s: max |vecgrad - PyTorch| / max(1, |PyTorch|) = %.2e%n",
                        Arrays.toString(y.shape()), Arrays.toString(x.shape()), err);
            } else {
                o.printf("output %s on a random input %s (no stored outputs to compare with)%n",
                        Arrays.toString(y.shape()), Arrays.toString(x.shape()));
            }
            int[] predicted = y.rank() == 2 ? y.argmax(1) : new int[0];
            if (predicted.length > 0) {
                o.println("argmax per row: " + Arrays.toString(predicted));
            }

            double seconds = o.quick() ? 0.05 : 1.0;
            NdArray one = randomInput(model, 1, o.seed());
            NdArray many = randomInput(model, batch, o.seed() + 1);
            callsPerSecond(model, one, 3 * seconds);                      // warm-up: the JIT compiles the kernels
            callsPerSecond(model, many, 3 * seconds);
            double[] lat = new double[5];
            for (int i = 0; i < lat.length; i++) {
                lat[i] = 1e6 / callsPerSecond(model, one, seconds / 5);
            }
            Arrays.sort(lat);
            double throughput = batch * callsPerSecond(model, many, seconds);
            o.printf("timing (warm, %d GEMM thread%s): batch 1 latency %.1f us (median of 5), batch %d throughput "
                    + "%.0f samples/s%n", Blas.numThreads(), Blas.numThreads() == 1 ? "" : "s", lat[2], batch,
                    throughput);
            return new Result(model.summary(), model.operators(), model.parameterCount(), y, err, predicted, lat[2],
                    batch, throughput);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // serve: begin (docs/onnx.md, "Serving a PyTorch model", shows the lines between the markers)
    static int[] serve(Path file, NdArray images) throws IOException {
        OnnxModel model = OnnxModel.load(file);       // parse, check and plan once; then share it between threads
        System.out.println(model.summary());          // inputs, outputs, operators, parameter count
        NdArray logits = model.run(images);           // [N, 1, 28, 28] -> [N, 10], any N
        return logits.argmax(1);                      // the class of each image
    }
    // serve: end

    /** A random input for the model's first input: uniform in [0, 1), symbolic dimensions set to {@code batch}. */
    static NdArray randomInput(OnnxModel model, int batch, long seed) {
        OnnxModel.Port p = model.inputs().get(0);
        if (p.dims() == null) {
            throw new IllegalArgumentException("input '" + p.name() + "' declares no shape; pass a model whose input"
                    + " shape is declared");
        }
        int[] shape = new int[p.dims().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = p.dims()[i] >= 0 ? (int) p.dims()[i] : batch;
        }
        return NdArray.rand(p.dtype() == null ? DType.F32 : p.dtype(), new SplittableRandom(seed), shape);
    }

    /** max |a − b| / max(1, |b|) over the elements (shapes must match). */
    static double maxError(NdArray a, NdArray b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalStateException("output " + Arrays.toString(a.shape()) + " but the stored output is "
                    + Arrays.toString(b.shape()));
        }
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = Math.abs(a.getFlat(i) - b.getFlat(i)) / Math.max(1, Math.abs(b.getFlat(i)));
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
        return worst;
    }

    /** Calls of {@code model.run(x)} per second over at least {@code seconds}. */
    static double callsPerSecond(OnnxModel model, NdArray x, double seconds) {
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long n = 0;
        long t;
        do {
            model.run(x);
            n++;
            t = System.nanoTime();
        } while (t < end);
        return n / ((t - t0) / 1e9);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxServe.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from the examples jar (written by "
                        + "bench/pytorch/onnx_serve_models.py)");
            }
            return in.readAllBytes();
        }
    }
}
