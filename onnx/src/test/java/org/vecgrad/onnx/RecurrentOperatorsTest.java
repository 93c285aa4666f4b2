package org.vecgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vecgrad.autodiff.Recurrent;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * ONNX LSTM, GRU and RNN beyond the PyTorch fixtures: F64 graphs against the recurrent kernel run directly with
 * PyTorch-ordered weights (every direction, sequence lengths, layouts, weights as graph inputs rather than
 * initializers, a subset of the outputs), and every refusal: bad W/R/B shapes, hidden_size missing or negative,
 * direction counts, and the attributes vecgrad does not run, each named with its node and value.
 */
class RecurrentOperatorsTest {
    static final int DOUBLE = 11;

    /** PyTorch's gate blocks in the order ONNX stacks them (LSTM i,o,f,c ← i,f,g,o; GRU z,r,h ← r,z,n). */
    static final Map<String, int[]> ONNX_BLOCKS = Map.of("LSTM", new int[] {0, 3, 1, 2}, "GRU",
            new int[] {1, 0, 2}, "RNN", new int[] {0});

    static Proto stringAttr(String name, String v) {
        return Proto.msg().string(1, name).varint(20, 3).string(4, v);
    }

    static Proto stringsAttr(String name, String... v) {
        Proto a = Proto.msg().string(1, name).varint(20, 8);
        for (String s : v) {
            a.bytes(9, s.getBytes(StandardCharsets.UTF_8));
        }
        return a;
    }

    static Proto floatAttr(String name, float v) {
        return Proto.msg().string(1, name).varint(20, 1).fixed32(2, v);
    }

    static Proto tensor(String name, NdArray a) {
        Proto t = Proto.msg();
        for (int d : a.shape()) {
            t.varint(1, d);
        }
        boolean f64 = a.dtype() == DType.F64;
        ByteBuffer bb = ByteBuffer.allocate((f64 ? 8 : 4) * a.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < a.size(); i++) {
            if (f64) {
                bb.putDouble(a.getFlat(i));
            } else {
                bb.putFloat((float) a.getFlat(i));
            }
        }
        return t.varint(2, f64 ? DOUBLE : Proto.FLOAT).string(8, name).bytes(9, bb.array());
    }

    static Proto input(String name, int elemType) {
        return Proto.msg().string(1, name).message(2, Proto.msg().message(1, Proto.msg().varint(1, elemType)));
    }

    /** One node; graph inputs (name → element type), initializers, and the node's non-empty outputs. */
    static byte[] model(int opset, Proto node, Map<String, Integer> inputs, List<Proto> inits, String... outputs) {
        Proto[] in = inputs.entrySet().stream().map(e -> input(e.getKey(), e.getValue())).toArray(Proto[]::new);
        Proto[] out = new Proto[outputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Proto.msg().string(1, outputs[i]);
        }
        return Proto.model(opset, Proto.graph(new Proto[] {node}, inits.toArray(new Proto[0]), in, out));
    }

    static NdArray random(Random rng, DType dt, int... shape) {
        NdArray a = NdArray.zeros(dt, shape);
        for (int i = 0; i < a.size(); i++) {
            a.setFlat(i, rng.nextGaussian() * 0.5);
        }
        return a;
    }

    /** [G·H, cols] in PyTorch's gate order → ONNX's. */
    static NdArray onnxOrder(String op, NdArray pt, int hidden) {
        NdArray out = NdArray.zeros(pt.dtype(), pt.shape());
        int[] blocks = ONNX_BLOCKS.get(op);
        for (int k = 0; k < blocks.length; k++) {
            out.rows(k * hidden, (k + 1) * hidden).copyFrom(pt.rows(blocks[k] * hidden, (blocks[k] + 1) * hidden));
        }
        return out;
    }

    static NdArray stack(NdArray... parts) {
        NdArray[] p = new NdArray[parts.length];
        for (int i = 0; i < p.length; i++) {
            int[] s = parts[i].shape();
            int[] t = new int[s.length + 1];
            t[0] = 1;
            System.arraycopy(s, 0, t, 1, s.length);
            p[i] = parts[i].reshape(t);
        }
        return NdArray.concat(0, p);
    }

    static void assertClose(NdArray want, NdArray got, String what) {
        assertArrayEquals(want.shape(), got.shape(), what);
        for (int i = 0; i < want.size(); i++) {
            double b = want.getFlat(i);
            assertTrue(Math.abs(got.getFlat(i) - b) <= 1e-12 * Math.max(1, Math.abs(b)),
                    what + ": element " + i + " is " + got.getFlat(i) + ", expected " + b);
        }
    }

    /**
     * An ONNX node over random F64 weights against {@link Recurrent#apply} with the same weights in PyTorch's
     * order, per direction; weights as initializers or as graph inputs; layout 0 or 1; lengths or none.
     */
    void checkAgainstKernel(String op, Recurrent.Cell cell, String direction, int layout, boolean weightsAsInputs,
                            boolean withLengths, long seed) throws Exception {
        Random rng = new Random(seed);
        int t = 2 + rng.nextInt(5);
        int b = 1 + rng.nextInt(4);
        int in = 1 + rng.nextInt(5);
        int h = 1 + rng.nextInt(5);
        int g = cell.gates();
        int dirs = direction.equals("bidirectional") ? 2 : 1;
        boolean lstm = op.equals("LSTM");
        DType dt = DType.F64;
        NdArray[] wIh = new NdArray[dirs];
        NdArray[] wHh = new NdArray[dirs];
        NdArray[] bIh = new NdArray[dirs];
        NdArray[] bHh = new NdArray[dirs];
        NdArray[] ow = new NdArray[dirs];
        NdArray[] or = new NdArray[dirs];
        NdArray[] ob = new NdArray[dirs];
        for (int d = 0; d < dirs; d++) {
            wIh[d] = random(rng, dt, g * h, in);
            wHh[d] = random(rng, dt, g * h, h);
            bIh[d] = random(rng, dt, g * h);
            bHh[d] = random(rng, dt, g * h);
            ow[d] = onnxOrder(op, wIh[d], h);
            or[d] = onnxOrder(op, wHh[d], h);
            ob[d] = NdArray.concat(0, onnxOrder(op, bIh[d].reshape(g * h, 1), h).reshape(g * h),
                    onnxOrder(op, bHh[d].reshape(g * h, 1), h).reshape(g * h));
        }
        NdArray x = random(rng, dt, t, b, in);
        NdArray h0 = random(rng, dt, dirs, b, h);
        NdArray c0 = random(rng, dt, dirs, b, h);
        int[] lens = new int[b];
        for (int i = 0; i < b; i++) {
            lens[i] = withLengths ? 1 + rng.nextInt(t) : t;
        }
        // the reference: the kernel, one call per direction, PyTorch-ordered weights
        NdArray[] ys = new NdArray[dirs];
        NdArray[] hs = new NdArray[dirs];
        NdArray[] cs = new NdArray[dirs];
        for (int d = 0; d < dirs; d++) {
            Recurrent.Result r = Recurrent.apply(cell, Tensor.of(x), Tensor.of(h0.row(d).copy()),
                    lstm ? Tensor.of(c0.row(d).copy()) : null, Tensor.of(wIh[d]), Tensor.of(wHh[d]),
                    Tensor.of(bIh[d]), Tensor.of(bHh[d]), withLengths ? lens : null,
                    d == 1 || direction.equals("reverse"));
            ys[d] = r.output().data();
            hs[d] = r.hN().data();
            cs[d] = lstm ? r.cN().data() : null;
        }
        NdArray wantY = stack(ys).permute(1, 0, 2, 3);          // [T, D, B, H]
        NdArray wantH = stack(hs);
        NdArray wantC = lstm ? stack(cs) : null;

        List<Proto> attrs = new ArrayList<>(List.of(Proto.intAttr("hidden_size", h),
                stringAttr("direction", direction)));
        if (op.equals("GRU")) {
            attrs.add(Proto.intAttr("linear_before_reset", 1));
        }
        if (cell == Recurrent.Cell.RNN_RELU) {
            attrs.add(stringsAttr("activations", "Relu"));
        }
        if (layout == 1) {
            attrs.add(Proto.intAttr("layout", 1));
        }
        String[] ins = lstm ? new String[] {"X", "W", "R", "B", withLengths ? "L" : "", "H0", "C0"}
                : new String[] {"X", "W", "R", "B", withLengths ? "L" : "", "H0"};
        String[] outs = lstm ? new String[] {"Y", "Y_h", "Y_c"} : new String[] {"Y", "Y_h"};
        Proto node = Proto.node(op, "rec", ins, outs, attrs.toArray(new Proto[0]));
        Map<String, Integer> graphInputs = new java.util.LinkedHashMap<>();
        graphInputs.put("X", DOUBLE);
        graphInputs.put("H0", DOUBLE);
        if (lstm) {
            graphInputs.put("C0", DOUBLE);
        }
        if (withLengths) {
            graphInputs.put("L", 6); // INT32
        }
        NdArray w = stack(ow);
        NdArray r = stack(or);
        NdArray bias = stack(ob);
        List<Proto> inits = new ArrayList<>();
        if (weightsAsInputs) {
            graphInputs.put("W", DOUBLE);
            graphInputs.put("R", DOUBLE);
            graphInputs.put("B", DOUBLE);
        } else {
            inits.addAll(List.of(tensor("W", w), tensor("R", r), tensor("B", bias)));
        }
        OnnxModel m = OnnxModel.fromBytes(model(14, node, graphInputs, inits, outs));
        Map<String, NdArray> feeds = new HashMap<>();
        feeds.put("X", layout == 0 ? x : x.permute(1, 0, 2));
        feeds.put("H0", layout == 0 ? h0 : h0.permute(1, 0, 2));
        if (lstm) {
            feeds.put("C0", layout == 0 ? c0 : c0.permute(1, 0, 2));
        }
        if (withLengths) {
            feeds.put("L", NdArray.wrap(lens, 0, b));
        }
        if (weightsAsInputs) {
            feeds.put("W", w);
            feeds.put("R", r);
            feeds.put("B", bias);
        }
        Map<String, NdArray> got = m.run(feeds);
        String what = op + " " + cell + " " + direction + " layout " + layout + (withLengths ? " with lengths" : "")
                + (weightsAsInputs ? ", weights as inputs" : "") + " T=" + t + " B=" + b + " I=" + in + " H=" + h;
        assertClose(layout == 0 ? wantY : wantY.permute(2, 0, 1, 3), got.get("Y"), what + ": Y");
        assertClose(layout == 0 ? wantH : wantH.permute(1, 0, 2), got.get("Y_h"), what + ": Y_h");
        if (lstm) {
            assertClose(layout == 0 ? wantC : wantC.permute(1, 0, 2), got.get("Y_c"), what + ": Y_c");
        }
    }

    @Test
    void everyDirectionLayoutAndLengthMatchesTheKernelInF64() throws Exception {
        long seed = 1;
        for (String direction : new String[] {"forward", "reverse", "bidirectional"}) {
            for (int layout = 0; layout <= 1; layout++) {
                boolean lengths = layout == 0 || direction.equals("bidirectional");
                checkAgainstKernel("LSTM", Recurrent.Cell.LSTM, direction, layout, false, lengths, seed++);
                checkAgainstKernel("GRU", Recurrent.Cell.GRU, direction, layout, seed % 2 == 0, lengths, seed++);
                checkAgainstKernel("RNN", Recurrent.Cell.RNN_TANH, direction, layout, false, !lengths, seed++);
                checkAgainstKernel("RNN", Recurrent.Cell.RNN_RELU, direction, layout, true, lengths, seed++);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ a small LSTM

    static final int H = 2;
    static final int I = 3;

    /** An LSTM node 'lstm1' with hidden_size 2, input_size 3, one direction; weights as given. */
    static byte[] lstm(int opset, NdArray w, NdArray r, NdArray b, String[] outputs, Proto... attrs) {
        List<Proto> all = new ArrayList<>(List.of(attrs));
        List<Proto> inits = new ArrayList<>(List.of(tensor("W", w), tensor("R", r)));
        if (b != null) {
            inits.add(tensor("B", b));
        }
        Proto node = Proto.node("LSTM", "lstm1", b == null ? new String[] {"X", "W", "R"}
                : new String[] {"X", "W", "R", "B"}, outputs, all.toArray(new Proto[0]));
        String[] graphOutputs = java.util.Arrays.stream(outputs).filter(s -> !s.isEmpty()).toArray(String[]::new);
        return model(opset, node, Map.of("X", Proto.FLOAT), inits, graphOutputs);
    }

    static byte[] lstm(Proto... attrs) {
        Random rng = new Random(7);
        return lstm(14, random(rng, DType.F32, 1, 4 * H, I), random(rng, DType.F32, 1, 4 * H, H),
                random(rng, DType.F32, 1, 8 * H), new String[] {"Y"}, attrs);
    }

    static OnnxFormatException refused(byte[] model, String... fragments) {
        return HostileFilesTest.refused(model, fragments);
    }

    @Test
    void anyOutputSubsetRunsAndTheFinalStateIsTheLastStep() throws Exception {
        Random rng = new Random(3);
        NdArray w = random(rng, DType.F32, 1, 4 * H, I);
        NdArray r = random(rng, DType.F32, 1, 4 * H, H);
        OnnxModel all = OnnxModel.fromBytes(lstm(13, w, r, null, new String[] {"Y", "Y_h", "Y_c"},
                Proto.intAttr("hidden_size", H)));
        OnnxModel onlyC = OnnxModel.fromBytes(lstm(13, w, r, null, new String[] {"", "", "Y_c"},
                Proto.intAttr("hidden_size", H)));
        NdArray x = random(rng, DType.F32, 4, 2, I);
        Map<String, NdArray> a = all.run(Map.of("X", x));
        assertArrayEquals(new int[] {4, 1, 2, H}, a.get("Y").shape());
        assertClose(a.get("Y").reshape(4, 2, H).row(3), a.get("Y_h").reshape(2, H), "Y_h is Y's last step");
        assertClose(a.get("Y_c"), onlyC.run(x), "Y_c alone");
    }

    @Test
    void wrongWeightShapesAreRefusedAtLoadNamingNodeAndShapes() {
        Random rng = new Random(5);
        Proto hs = Proto.intAttr("hidden_size", H);
        String[] y = {"Y"};
        refused(lstm(14, random(rng, DType.F32, 1, 3 * H, I), random(rng, DType.F32, 1, 4 * H, H), null, y, hs),
                "node 'lstm1' (LSTM, opset 14): W is F32 [1, 6, 3] but direction = forward and hidden_size = 2 "
                        + "need [1, 8, input_size]");
        refused(lstm(14, random(rng, DType.F32, 1, 4 * H, I), random(rng, DType.F32, 1, 4 * H, H + 1), null, y, hs),
                "node 'lstm1' (LSTM, opset 14): R is F32 [1, 8, 3]", "need F32 [1, 8, 2]");
        refused(lstm(14, random(rng, DType.F32, 1, 4 * H, I), random(rng, DType.F32, 1, 4 * H, H),
                random(rng, DType.F32, 1, 4 * H), y, hs), "node 'lstm1' (LSTM, opset 14): B is F32 [1, 8]",
                "need F32 [1, 16]");
        // two directions of weights for a forward LSTM, and one for a bidirectional one
        refused(lstm(14, random(rng, DType.F32, 2, 4 * H, I), random(rng, DType.F32, 2, 4 * H, H), null, y, hs),
                "W is F32 [2, 8, 3] but direction = forward and hidden_size = 2 need [1, 8, input_size]");
        refused(lstm(14, random(rng, DType.F32, 1, 4 * H, I), random(rng, DType.F32, 1, 4 * H, H), null, y, hs,
                stringAttr("direction", "bidirectional")), "direction = bidirectional", "need [2, 8, input_size]");
        // hidden_size missing, negative, and disagreeing with the weights
        refused(lstm(), "node 'lstm1' (LSTM, opset 14): the required attribute hidden_size is missing");
        refused(lstm(Proto.intAttr("hidden_size", -3)), "node 'lstm1' (LSTM, opset 14): attribute hidden_size = -3 "
                + "is outside 1..");
        refused(lstm(Proto.intAttr("hidden_size", 3)), "W is F32 [1, 8, 3] but direction = forward and hidden_size "
                + "= 3 need [1, 12, input_size]");
        refused(lstm(hs, stringAttr("direction", "sideways")), "direction = 'sideways'");
        refused(lstm(hs, stringsAttr("activations", "Sigmoid", "Tanh")), "activations [Sigmoid, Tanh] has 2 entries",
                "LSTM takes 3 per direction");
    }

    @Test
    void whatTheKernelDoesNotComputeIsRefusedByName() {
        Proto hs = Proto.intAttr("hidden_size", H);
        String[][] cases = {
            {"activations = [Sigmoid, Relu, Tanh]"},
            {"clip = 3.0"},
            {"input_forget = 1"},
            {"activation_alpha = [0.5]"},
        };
        Proto[] attrs = {stringsAttr("activations", "Sigmoid", "Relu", "Tanh"), floatAttr("clip", 3f),
            Proto.intAttr("input_forget", 1),
            Proto.msg().string(1, "activation_alpha").varint(20, 6).fixed32(7, 0.5f)};
        for (int i = 0; i < attrs.length; i++) {
            OnnxFormatException e = refused(lstm(hs, attrs[i]), "node 'lstm1' (LSTM, opset 14): " + cases[i][0]
                    + " is not supported");
            assertInstanceOf(OnnxUnsupportedException.class, e);
        }
        // peepholes
        Random rng = new Random(9);
        Proto node = Proto.node("LSTM", "lstm1", new String[] {"X", "W", "R", "", "", "", "", "P"},
                new String[] {"Y"}, hs);
        byte[] withP = model(14, node, Map.of("X", Proto.FLOAT), List.of(tensor("W", random(rng, DType.F32, 1, 8,
                I)), tensor("R", random(rng, DType.F32, 1, 8, H)), tensor("P", random(rng, DType.F32, 1, 3 * H))),
                "Y");
        assertInstanceOf(OnnxUnsupportedException.class, refused(withP, "node 'lstm1' (LSTM, opset 14): input P "
                + "(peepholes, 'P') is not supported"));
        // GRU: linear_before_reset = 0, explicit or by default; an LSTM's activations on an RNN
        for (Proto lbr : new Proto[] {Proto.intAttr("linear_before_reset", 0), null}) {
            Proto gru = Proto.node("GRU", "gru1", new String[] {"X", "W", "R"}, new String[] {"Y"},
                    lbr == null ? new Proto[] {hs} : new Proto[] {hs, lbr});
            byte[] m = model(14, gru, Map.of("X", Proto.FLOAT), List.of(tensor("W", random(rng, DType.F32, 1, 6, I)),
                    tensor("R", random(rng, DType.F32, 1, 6, H))), "Y");
            assertInstanceOf(OnnxUnsupportedException.class, refused(m, "node 'gru1' (GRU, opset 14): "
                    + "linear_before_reset = 0", "is not supported"));
        }
        Proto rnn = Proto.node("RNN", "rnn1", new String[] {"X", "W", "R"}, new String[] {"Y"}, hs,
                stringsAttr("activations", "Sigmoid"));
        byte[] m = model(14, rnn, Map.of("X", Proto.FLOAT), List.of(tensor("W", random(rng, DType.F32, 1, 2, I)),
                tensor("R", random(rng, DType.F32, 1, 2, H))), "Y");
        assertInstanceOf(OnnxUnsupportedException.class, refused(m, "node 'rnn1' (RNN, opset 14): activations = "
                + "[Sigmoid] is not supported"));
        // layout exists from opset 14
        refused(lstm(13, random(rng, DType.F32, 1, 8, I), random(rng, DType.F32, 1, 8, H), null, new String[] {"Y"},
                hs, Proto.intAttr("layout", 1)), "node 'lstm1' (LSTM, opset 13): attribute 'layout' is not supported");
    }

    @Test
    void badInputsAtRunTimeNameTheNodeAndChangeNothing() throws Exception {
        Random rng = new Random(11);
        Proto hs = Proto.intAttr("hidden_size", H);
        Proto node = Proto.node("LSTM", "lstm1", new String[] {"X", "W", "R", "", "L", "H0"}, new String[] {"Y"},
                hs);
        OnnxModel m = OnnxModel.fromBytes(model(14, node, Map.of("X", Proto.FLOAT, "L", 6, "H0", Proto.FLOAT),
                List.of(tensor("W", random(rng, DType.F32, 1, 8, I)), tensor("R", random(rng, DType.F32, 1, 8, H))),
                "Y"));
        NdArray x = random(rng, DType.F32, 3, 2, I);
        NdArray xCopy = x.copy();
        NdArray h0 = random(rng, DType.F32, 1, 2, H);
        NdArray lens = NdArray.wrap(new int[] {3, 1}, 0, 2);
        assertArrayEquals(new int[] {3, 1, 2, H}, m.run(Map.of("X", x, "L", lens, "H0", h0)).get("Y").shape());
        String[][] cases = {
            {"X must be F32 [seq_length, batch_size, input_size] with input_size 3 (from W); got F32 [3, 2, 4]"},
            {"sequence_lens[1] = 0 is outside 1..3"},
            {"sequence_lens[0] = 4 is outside 1..3"},
            {"initial_h is F32 [2, 2, 2]; F32 [1, 2, 2] (num_directions, batch_size, hidden_size) is expected"},
            {"sequence_lens is INT64 [3] but the batch has 2 rows"},
        };
        List<Map<String, NdArray>> feeds = List.of(
                Map.of("X", random(rng, DType.F32, 3, 2, I + 1), "L", lens, "H0", h0),
                Map.of("X", x, "L", NdArray.wrap(new int[] {3, 0}, 0, 2), "H0", h0),
                Map.of("X", x, "L", NdArray.wrap(new int[] {4, 1}, 0, 2), "H0", h0),
                Map.of("X", x, "L", lens, "H0", random(rng, DType.F32, 2, 2, H)),
                Map.of("X", x, "L", NdArray.wrap(new int[] {3, 1, 1}, 0, 3), "H0", h0));
        for (int i = 0; i < cases.length; i++) {
            Map<String, NdArray> f = feeds.get(i);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.run(f));
            assertTrue(e.getMessage().contains("node 'lstm1' (LSTM, opset 14)") && e.getMessage().contains(
                    cases[i][0]), e.getMessage());
        }
        // an integer input given as floats is refused by its declared type
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.run(Map.of("X", x, "L", NdArray.of(new float[] {3, 1}, 2), "H0", h0)));
        assertTrue(e.getMessage().contains("input 'L' is declared L: I32"), e.getMessage());
        assertArrayEquals(xCopy.toFloatArray(), x.toFloatArray());
        assertEquals(Map.of("LSTM", 1), m.operators());
    }

    @Test
    void theFuzzSeedsWithContradictingAttributesAreRefusedAsTheyShouldBe() throws Exception {
        String[][] seeds = {
            {"bad-lstm-hidden-size-vs-W", "node 'lstm1' (LSTM, opset 14): W is F32 [2, 16, 3] but direction = "
                + "bidirectional and hidden_size = 5 need [2, 20, input_size]"},
            {"bad-lstm-direction-count", "node 'lstm1' (LSTM, opset 14): W is F32 [2, 16, 3] but direction = "
                + "forward and hidden_size = 4 need [1, 16, input_size]"},
            {"bad-gru-hidden-size-negative", "node 'gru1' (GRU, opset 14): attribute hidden_size = -4 is outside"},
        };
        for (String[] s : seeds) {
            java.nio.file.Path p = java.nio.file.Path.of(getClass().getResource("OnnxFuzzTestInputs/fromBytes/"
                    + s[0]).toURI());
            refused(java.nio.file.Files.readAllBytes(p), s[1]);
        }
    }
}
