package org.vecgrad.onnx.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * An ONNX graph being written: nodes in execution order, initializers, graph inputs and outputs, every value name
 * unique. {@link #toBytes} checks the graph whole before it writes anything (every node input defined before the
 * node, every value defined once, every initializer's bytes matching its dims and type), so the exporter never
 * hands out a file its own reader or ONNX Runtime would refuse for its structure; then it serializes a ModelProto
 * with onnx.proto's field numbers.
 */
final class OnnxGraph {
    // TensorProto.DataType
    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int DOUBLE = 11;

    /** An attribute: a float, an int, strings (one for type STRING) or ints (AttributeProto.AttributeType). */
    record Attr(String name, int type, float f, long i, List<String> strings, long[] ints) {
        static Attr f(String name, double v) {
            return new Attr(name, 1, (float) v, 0, List.of(), null);
        }

        static Attr i(String name, long v) {
            return new Attr(name, 2, 0, v, List.of(), null);
        }

        static Attr s(String name, String v) {
            return new Attr(name, 3, 0, 0, List.of(v), null);
        }

        static Attr ints(String name, long... v) {
            return new Attr(name, 7, 0, 0, List.of(), v.clone());
        }

        static Attr ints(String name, int... v) {
            return ints(name, Arrays.stream(v).asLongStream().toArray());
        }

        static Attr strings(String name, String... v) {
            return new Attr(name, 8, 0, 0, List.of(v), null);
        }
    }

    record NodeDef(String name, String op, List<String> inputs, List<String> outputs, List<Attr> attrs) {
    }

    record Initializer(String name, int dataType, long[] dims, byte[] raw) {
    }

    /** A graph input or output: dims[i] −1 where params[i] names a dynamic axis. */
    record Port(String name, int elemType, long[] dims, String[] params) {
    }

    private final List<NodeDef> nodes = new ArrayList<>();
    private final Map<String, Initializer> initializers = new LinkedHashMap<>();
    private final List<Port> inputs = new ArrayList<>();
    private final List<Port> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> nodeNames = new HashSet<>();

    /** Keeps {@code name} out of {@link #fresh}'s reach (the graph's input and output names). */
    void reserve(String name) {
        names.add(name);
    }

    /** {@code hint}, or {@code hint_1}, {@code hint_2}, … : a value name not used yet, now taken. */
    String fresh(String hint) {
        String n = hint;
        for (int k = 1; !names.add(n); k++) {
            n = hint + "_" + k;
        }
        return n;
    }

    private String freshNodeName(String hint) {
        String n = hint;
        for (int k = 1; !nodeNames.add(n); k++) {
            n = hint + "_" + k;
        }
        return n;
    }

    /** A node of one output; returns the output's name ({@code hint} made unique). */
    String node(String op, String hint, List<String> in, Attr... attrs) {
        return node(op, hint, in, 1, attrs).get(0);
    }

    /** A node of {@code outputs} outputs; returns their names. An input "" is an absent optional input. */
    List<String> node(String op, String hint, List<String> in, int outputs, Attr... attrs) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            out.add(fresh(hint + (k == 0 ? "" : "_" + k)));
        }
        nodes.add(new NodeDef(freshNodeName(hint), op, List.copyOf(in), out, List.of(attrs)));
        return out;
    }

    /** An initializer holding {@code a} (F32, F64 or I64) under a fresh name from {@code hint}; returns the name. */
    String initializer(String hint, NdArray a) {
        int type = switch (a.dtype()) {
            case F32 -> FLOAT;
            case F64 -> DOUBLE;
            case I64 -> INT64;
            default -> throw new IllegalArgumentException("ONNX export: initializer '" + hint + "' is "
                    + a.dtype() + "; F32, F64 and I64 are written");
        };
        ByteBuffer b = ByteBuffer.allocate(a.size() * a.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (a.dtype()) {
            case F32 -> b.asFloatBuffer().put(a.toFloatArray());
            case F64 -> b.asDoubleBuffer().put(a.toDoubleArray());
            default -> b.asLongBuffer().put(a.toLongArray());
        }
        String name = fresh(hint);
        initializers.put(name, new Initializer(name, type, Arrays.stream(a.shape()).asLongStream().toArray(),
                b.array()));
        return name;
    }

    void input(Port p) {
        names.add(p.name());
        inputs.add(p);
    }

    /**
     * Declares {@code value} a graph output called {@code p.name()}: the node that computes it is renamed to write
     * it there, or, when the value is an input, an initializer or already another output, an Identity copies it.
     */
    void output(String value, Port p) {
        NodeDef producer = null;
        for (NodeDef n : nodes) {
            if (n.outputs().contains(value)) {
                producer = n;
            }
        }
        boolean taken = outputs.stream().anyMatch(o -> o.name().equals(value));
        if (value.equals(p.name())) {
            outputs.add(p);
            return;
        }
        if (producer == null || taken) {
            nodes.add(new NodeDef(freshNodeName(p.name() + "/Identity"), "Identity", List.of(value),
                    List.of(p.name()), List.of()));
        } else {
            for (int k = 0; k < nodes.size(); k++) {
                NodeDef n = nodes.get(k);
                nodes.set(k, new NodeDef(n.name(), n.op(), rename(n.inputs(), value, p.name()),
                        rename(n.outputs(), value, p.name()), n.attrs()));
            }
        }
        outputs.add(p);
    }

    private static List<String> rename(List<String> list, String from, String to) {
        return list.stream().map(s -> s.equals(from) ? to : s).toList();
    }

    // ============================================================================================ checking

    /**
     * The structural checks ONNX's checker makes on a graph, as an IllegalStateException naming the node or
     * tensor: a bug in the exporter, never a property of the model being exported.
     */
    void validate() {
        Set<String> defined = new HashSet<>();
        for (Port p : inputs) {
            define(defined, p.name(), "graph input");
        }
        for (Initializer t : initializers.values()) {
            define(defined, t.name(), "initializer");
            long n = 1;
            for (long d : t.dims()) {
                if (d < 0) {
                    throw invalid("initializer '" + t.name() + "' has a negative dimension " + d);
                }
                n *= d;
            }
            int size = t.dataType() == FLOAT ? 4 : 8;
            if (n * size != t.raw().length) {
                throw invalid("initializer '" + t.name() + "' has " + t.raw().length + " bytes for dims "
                        + Arrays.toString(t.dims()) + " (" + n + " × " + size + " expected)");
            }
        }
        for (NodeDef n : nodes) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    throw invalid("node '" + n.name() + "' (" + n.op() + ") reads '" + in
                            + "', which no earlier node, input or initializer defines");
                }
            }
            for (String out : n.outputs()) {
                define(defined, out, "output of node '" + n.name() + "' (" + n.op() + ")");
            }
        }
        Set<String> outNames = new HashSet<>();
        for (Port p : outputs) {
            if (!defined.contains(p.name()) || !outNames.add(p.name())) {
                throw invalid("graph output '" + p.name() + "' is " + (outNames.contains(p.name())
                        ? "declared twice" : "never computed"));
            }
        }
    }

    private static void define(Set<String> defined, String name, String what) {
        if (name.isEmpty() || !defined.add(name)) {
            throw invalid(what + " '" + name + "' " + (name.isEmpty() ? "has no name" : "is defined twice"));
        }
    }

    private static IllegalStateException invalid(String what) {
        return new IllegalStateException("ONNX export wrote an invalid graph (a bug in the exporter): " + what);
    }

    // ============================================================================================ writing

    /** The ModelProto, after {@link #validate()}. */
    byte[] toBytes(String graphName, String producer, String producerVersion, long irVersion, long opset) {
        validate();
        ProtoWriter g = new ProtoWriter();
        for (NodeDef n : nodes) {
            g.message(1, node(n));
        }
        g.string(2, graphName);
        for (Initializer t : initializers.values()) {
            g.message(5, new ProtoWriter().packedVarints(1, t.dims()).varint(2, t.dataType()).string(8, t.name())
                    .bytes(9, t.raw()));
        }
        for (Port p : inputs) {
            g.message(11, valueInfo(p));
        }
        for (Port p : outputs) {
            g.message(12, valueInfo(p));
        }
        return new ProtoWriter().varint(1, irVersion).string(2, producer).string(3, producerVersion).message(7, g)
                .message(8, new ProtoWriter().string(1, "").varint(2, opset)).toByteArray();
    }

    private static ProtoWriter node(NodeDef n) {
        ProtoWriter w = new ProtoWriter();
        n.inputs().forEach(s -> w.string(1, s));
        n.outputs().forEach(s -> w.string(2, s));
        w.string(3, n.name()).string(4, n.op());
        for (Attr a : n.attrs()) {
            ProtoWriter aw = new ProtoWriter().string(1, a.name());
            switch (a.type()) {
                case 1 -> aw.float32(2, a.f());
                case 2 -> aw.varint(3, a.i());
                case 3 -> aw.string(4, a.strings().get(0));
                case 7 -> aw.packedVarints(8, a.ints());
                case 8 -> a.strings().forEach(s -> aw.string(9, s));
                default -> throw new IllegalStateException("attribute type " + a.type());
            }
            w.message(5, aw.varint(20, a.type()));
        }
        return w;
    }

    private static ProtoWriter valueInfo(Port p) {
        ProtoWriter shape = new ProtoWriter();
        for (int i = 0; i < p.dims().length; i++) {
            shape.message(1, p.params()[i] != null ? new ProtoWriter().string(2, p.params()[i])
                    : new ProtoWriter().varint(1, p.dims()[i]));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, p.elemType()).message(2, shape);
        return new ProtoWriter().string(1, p.name()).message(2, new ProtoWriter().message(1, tensorType));
    }
}
