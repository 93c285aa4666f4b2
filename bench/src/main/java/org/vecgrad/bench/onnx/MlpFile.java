package org.vecgrad.bench.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes an ONNX file of a ReLU MLP in the form {@code torch.onnx.export} gives a {@code Sequential} of Linear and
 * ReLU layers (opset 13): per layer a Gemm with transB = 1 on a weight [out, in] and a bias [out], stored as
 * raw_data initializers, a ReLU between layers, input "input" [batch, widths[0]], output "output". For the load
 * benchmark, whose model (~10 MB) is too large to commit: the file is written at set-up, with random weights.
 * Only the protobuf fields the graph needs are written (onnx.proto field numbers in the comments).
 */
final class MlpFile {
    private MlpFile() {
    }

    /** Writes the MLP {@code widths[0] → widths[1] → … → widths[last]} to {@code file}; returns its size in bytes. */
    static long write(Path file, long seed, int... widths) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Msg graph = new Msg().string(2, "mlp");                              // GraphProto.name
        String x = "input";
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            String w = "fc" + l + ".weight";
            String b = "fc" + l + ".bias";
            graph.message(5, tensor(w, rng, out, in)).message(5, tensor(b, rng, out));   // initializer
            String y = l + 2 == widths.length ? "output" : "gemm" + l;
            graph.message(1, new Msg().string(1, x).string(1, w).string(1, b).string(2, y)  // NodeProto in, out
                    .string(3, "Gemm_" + l).string(4, "Gemm")                                  // name, op_type
                    .message(5, new Msg().string(1, "transB").varint(3, 1).varint(20, 2)));    // INT attribute
            if (y.equals("output")) {
                break;
            }
            x = "relu" + l;
            graph.message(1, new Msg().string(1, y).string(2, x).string(3, "Relu_" + l).string(4, "Relu"));
        }
        graph.message(11, port("input", widths[0])).message(12, port("output", widths[widths.length - 1]));
        Msg model = new Msg().varint(1, 8).string(2, "vecgrad-bench")        // ir_version, producer_name
                .message(7, graph)                                            // graph
                .message(8, new Msg().string(1, "").varint(2, 13));          // opset_import: default domain, 13
        byte[] bytes = model.out.toByteArray();
        Files.write(file, bytes);
        return bytes.length;
    }

    /** A FLOAT TensorProto with raw_data from N(0, 1/fanIn). */
    private static Msg tensor(String name, SplittableRandom rng, int... dims) {
        Msg t = new Msg();
        int n = 1;
        for (int d : dims) {
            t.varint(1, d);                                                   // dims
            n *= d;
        }
        double scale = 1 / Math.sqrt(dims[dims.length - 1]);
        ByteBuffer raw = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            raw.putFloat((float) (rng.nextGaussian() * scale));
        }
        return t.varint(2, 1).string(8, name).bytes(9, raw.array());         // data_type FLOAT, name, raw_data
    }

    /** A ValueInfoProto of a FLOAT tensor [batch, features]. */
    private static Msg port(String name, int features) {
        Msg shape = new Msg().message(1, new Msg().string(2, "batch")).message(1, new Msg().varint(1, features));
        Msg tensorType = new Msg().varint(1, 1).message(2, shape);           // elem_type FLOAT, shape
        return new Msg().string(1, name).message(2, new Msg().message(1, tensorType)); // name, type.tensor_type
    }

    /** A protobuf message being written: fields appended in order. */
    private static final class Msg {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }

        Msg varint(int field, long v) {
            raw((long) field << 3);
            raw(v);
            return this;
        }

        Msg bytes(int field, byte[] b) {
            raw((long) field << 3 | 2);
            raw(b.length);
            out.writeBytes(b);
            return this;
        }

        Msg string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Msg message(int field, Msg m) {
            return bytes(field, m.out.toByteArray());
        }
    }
}
