package org.vecgrad.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * ONNX Runtime (Microsoft's, native code, test scope only) as the independent checker of vecgrad's ONNX import and
 * export: runs a model held in memory on vecgrad arrays, one intra-op thread. When the native library cannot load
 * (an unsupported platform) the calling test is skipped with the reason, through {@link Assumptions}; set the
 * system property {@code vecgrad.requireOrt=true} to make that a failure instead.
 */
public final class OrtRunner {
    private OrtRunner() {
    }

    private static OrtEnvironment env;
    private static Throwable loadFailure;

    /** The shared environment, or the test is aborted (skipped) when the native library does not load. */
    public static synchronized OrtEnvironment environment() {
        if (env == null && loadFailure == null) {
            try {
                env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "vecgrad-tests");
            } catch (Throwable t) {                       // UnsatisfiedLinkError, ExceptionInInitializerError, …
                loadFailure = t;
            }
        }
        if (loadFailure != null) {
            if (Boolean.getBoolean("vecgrad.requireOrt")) {
                throw new AssertionError("ONNX Runtime's native library did not load", loadFailure);
            }
            Assumptions.abort("ONNX Runtime's native library did not load here: " + loadFailure);
        }
        return env;
    }

    /** Runs {@code model} (ONNX bytes) once on the named inputs (F32 or F64); returns every output, by name. */
    public static Map<String, NdArray> run(byte[] model, Map<String, NdArray> inputs) throws OrtException {
        try (Session s = session(model)) {
            return s.run(inputs);
        }
    }

    /** A session on {@code model} (ONNX bytes), one intra-op thread, for several runs. */
    public static Session session(byte[] model) throws OrtException {
        OrtEnvironment e = environment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            return new Session(e, e.createSession(model, o));
        }
    }

    /** An ONNX Runtime session that takes and gives vecgrad arrays. */
    public static final class Session implements AutoCloseable {
        private final OrtEnvironment env;
        private final OrtSession session;

        private Session(OrtEnvironment env, OrtSession session) {
            this.env = env;
            this.session = session;
        }

        /** Every output, by name, for the named inputs (F32, F64, I64 or I32). */
        public Map<String, NdArray> run(Map<String, NdArray> inputs) throws OrtException {
            Map<String, OnnxTensor> feed = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, NdArray> in : inputs.entrySet()) {
                    NdArray x = in.getValue();
                    long[] shape = Arrays.stream(x.shape()).asLongStream().toArray();
                    feed.put(in.getKey(), switch (x.dtype()) {
                        case F64 -> OnnxTensor.createTensor(env, DoubleBuffer.wrap(x.toDoubleArray()), shape);
                        case I64 -> OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(x.copy().longData()), shape);
                        case I32 -> OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(x.copy().intData()), shape);
                        default -> OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), shape);
                    });
                }
                try (OrtSession.Result r = session.run(feed)) {
                    Map<String, NdArray> out = new LinkedHashMap<>();
                    for (Map.Entry<String, OnnxValue> v : r) {
                        out.put(v.getKey(), toArray((OnnxTensor) v.getValue()));
                    }
                    return out;
                }
            } finally {
                feed.values().forEach(OnnxTensor::close);
            }
        }

        @Override
        public void close() throws OrtException {
            session.close();
        }
    }

    private static NdArray toArray(OnnxTensor t) {
        int[] shape = Arrays.stream(t.getInfo().getShape()).mapToInt(Math::toIntExact).toArray();
        return switch (t.getInfo().type) {
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                float[] a = new float[b.remaining()];
                b.get(a);
                yield NdArray.of(a, shape);
            }
            case DOUBLE -> {
                DoubleBuffer b = t.getDoubleBuffer();
                double[] a = new double[b.remaining()];
                b.get(a);
                yield NdArray.of(a, shape);
            }
            default -> throw new AssertionError("ONNX Runtime returned a " + t.getInfo().type + " output");
        };
    }

    /** The comparison of the ONNX tests at the bound: {@link #assertClose(NdArray, NdArray, double, String)}
     *  with tol 1e-5. */
    public static void assertClose(NdArray expected, NdArray actual, String what) {
        assertClose(expected, actual, 1e-5, what);
    }

    /**
     * Same dtype and shape, and |a − b| ≤ tol·max(1, |b|) elementwise, b the reference; NaN only where the
     * reference has NaN.
     */
    public static void assertClose(NdArray expected, NdArray actual, double tol1, String what) {
        Assertions.assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        Assertions.assertArrayEquals(expected.shape(), actual.shape(), () -> what + ": shape "
                + Shapes.str(actual.shape()) + ", expected " + Shapes.str(expected.shape()));
        for (int i = 0; i < expected.size(); i++) {
            double b = expected.getFlat(i);
            double a = actual.getFlat(i);
            double tol = tol1 * Math.max(1, Math.abs(b));
            if (!(Math.abs(a - b) <= tol) && !(Double.isNaN(a) && Double.isNaN(b))) {
                throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + b + " (|a - b| = "
                        + Math.abs(a - b) + " > " + tol + ")");
            }
        }
    }
}
