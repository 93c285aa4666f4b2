package org.vecgrad.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.onnx.OnnxModel;
import org.vecgrad.onnx.export.OnnxGraph.Attr;

/**
 * The exporter's own checks of the graph it writes ({@link OnnxGraph#validate()}): a graph that reads an undefined
 * value, defines one twice or declares an output nothing computes is refused before a byte is written; a valid one
 * is read back by the project's reader with its attributes (negative ints, floats, strings) intact.
 */
class OnnxGraphTest {

    private static OnnxGraph.Port port(String name, long... dims) {
        return new OnnxGraph.Port(name, OnnxGraph.FLOAT, dims, new String[dims.length]);
    }

    private static void assertRefused(OnnxGraph g, String what) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.toBytes("g", "t", "", 8, 17));
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void aNodeReadingAnUndefinedValueIsRefused() {
        OnnxGraph g = new OnnxGraph();
        g.input(port("x", 2, 3));
        String y = g.node("Add", "add", List.of("x", "nowhere"));
        g.output(y, port("y", 2, 3));
        assertRefused(g, "node 'add' (Add) reads 'nowhere', which no earlier node, input or initializer defines");
    }

    @Test
    void aValueDefinedTwiceIsRefused() {
        OnnxGraph g = new OnnxGraph();
        g.input(port("x", 2));
        g.reserve("y");
        g.node("Relu", "r", List.of("x"));
        g.output("r", port("y", 2));
        g.output("x", port("y", 2));            // a second output of the same name: an Identity writing y again
        assertRefused(g, "'y' is defined twice");
    }

    @Test
    void anOutputNothingComputesIsRefused() {
        OnnxGraph g = new OnnxGraph();
        g.input(port("x", 2));
        g.output("ghost", port("ghost", 2));
        assertRefused(g, "graph output 'ghost' is never computed");
    }

    @Test
    void attributesRoundTripThroughTheProjectsReader() throws Exception {
        OnnxGraph g = new OnnxGraph();
        g.input(new OnnxGraph.Port("x", OnnxGraph.FLOAT, new long[] {-1, 2, 3}, new String[] {"n", null, null}));
        g.reserve("y");
        String t = g.node("Transpose", "t", List.of("x"), Attr.ints("perm", 0, 2, 1));
        String s = g.node("Softmax", "s", List.of(t), Attr.i("axis", -1));        // a negative varint
        String l = g.node("LeakyRelu", "l", List.of(s), Attr.f("alpha", 0.25));
        String c = g.node("Clip", "c", List.of(l, g.initializer("lo", NdArray.scalar(DType.F32, 0.1)),
                g.initializer("hi", NdArray.scalar(DType.F32, 0.3))));
        g.output(c, new OnnxGraph.Port("y", OnnxGraph.FLOAT, new long[] {-1, 3, 2}, new String[] {"n", null, null}));
        OnnxModel m = OnnxModel.fromBytes(g.toBytes("g", "t", "", 8, 17));
        NdArray x = NdArray.of(new float[] {1, 2, 3, -4, 5, 6}, 1, 2, 3);
        NdArray y = m.run(Map.of("x", x)).get("y");
        NdArray expected = x.permute(0, 2, 1).softmax(-1).leakyRelu(0.25);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Math.min(0.3, Math.max(0.1, expected.getFlat(i))), y.getFlat(i), 1e-6);
        }
    }
}
