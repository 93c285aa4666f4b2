package org.vecgrad.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One graph node as an operator sees it when it is compiled: its attributes, read with their types checked, and its
 * opset. Errors at load name the node ({@link #where()}); errors at run time are wrapped the same way by
 * {@link OnnxModel#run}.
 */
final class Node {
    final OnnxProto.Node proto;
    final long opset;
    private final Map<String, OnnxProto.Attribute> attrs = new HashMap<>();
    /** The model's bytes, for TENSOR attributes; dropped by {@link #release} once the node is compiled. */
    private java.nio.ByteBuffer file;
    private final Value[] constantInputs;

    Node(OnnxProto.Node proto, long opset, java.nio.ByteBuffer file) throws OnnxFormatException {
        this(proto, opset, file, new Value[0]);
    }

    /**
     * A node whose inputs' values are known at load where {@code constantInputs[i]} is not null (initializers,
     * Constant nodes and folded shape arithmetic), so an operator can check and prepare them once.
     */
    Node(OnnxProto.Node proto, long opset, java.nio.ByteBuffer file, Value[] constantInputs)
            throws OnnxFormatException {
        this.proto = proto;
        this.opset = opset;
        this.file = file;
        this.constantInputs = constantInputs.clone();
        for (OnnxProto.Attribute a : proto.attributes()) {
            if (attrs.put(a.name(), a) != null) {
                throw error("attribute '" + a.name() + "' given twice");
            }
        }
    }

    /** Drops the reference to the model's bytes (a compiled model must not keep the file, or its mapping, alive). */
    void release() {
        file = null;
    }

    /** "node 'Gemm_0' (Gemm, opset 13)" */
    String where() {
        return "node '" + proto.name() + "' (" + proto.opType() + ", opset " + opset + ")";
    }

    OnnxFormatException error(String what) {
        return new OnnxFormatException(where() + ": " + what);
    }

    List<String> inputs() {
        return proto.inputs();
    }

    /** Whether optional input {@code i} is given (present and not the empty name). */
    boolean hasInput(int i) {
        return i < proto.inputs().size() && !proto.inputs().get(i).isEmpty();
    }

    /** Input {@code i}'s value when it is known at load (a weight or a folded constant), else null. */
    Value constantInput(int i) {
        return i < constantInputs.length ? constantInputs[i] : null;
    }

    boolean has(String name) {
        return attrs.containsKey(name);
    }

    private OnnxProto.Attribute typed(String name, int type, String typeName) throws OnnxFormatException {
        OnnxProto.Attribute a = attrs.get(name);
        if (a != null && a.type() != type) {
            throw error("attribute '" + name + "' has type " + a.type() + ", expected " + typeName + " (" + type
                    + ")");
        }
        return a;
    }

    long i(String name, long dflt) throws OnnxFormatException {
        OnnxProto.Attribute a = typed(name, 2, "INT");
        return a == null ? dflt : a.i();
    }

    /** An INT attribute that must fit an int and lie in [lo, hi]. */
    int i(String name, long dflt, int lo, int hi) throws OnnxFormatException {
        long v = i(name, dflt);
        if (v < lo || v > hi) {
            throw error("attribute " + name + " = " + v + " is outside " + lo + ".." + hi);
        }
        return (int) v;
    }

    float f(String name, float dflt) throws OnnxFormatException {
        OnnxProto.Attribute a = typed(name, 1, "FLOAT");
        return a == null ? dflt : a.f();
    }

    long[] ints(String name, long[] dflt) throws OnnxFormatException {
        OnnxProto.Attribute a = typed(name, 7, "INTS");
        return a == null ? dflt : a.ints();
    }

    float[] floats(String name) throws OnnxFormatException {
        OnnxProto.Attribute a = typed(name, 6, "FLOATS");
        return a == null ? null : a.floats();
    }

    String s(String name, String dflt) throws OnnxFormatException {
        OnnxProto.Attribute a = typed(name, 3, "STRING");
        return a == null ? dflt : new String(a.s() == null ? new byte[0] : a.s(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A STRINGS attribute as UTF-8 strings (null when absent). */
    List<String> strings(String name) throws OnnxFormatException {
        OnnxProto.Attribute a = typed(name, 8, "STRINGS");
        return a == null ? null : a.strings().stream()
                .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    /** A TENSOR attribute as a value (null when absent). */
    Value tensor(String name) throws OnnxFormatException {
        OnnxProto.Attribute a = typed(name, 4, "TENSOR");
        if (a == null) {
            return null;
        }
        if (a.t() == null) {
            throw error("attribute '" + name + "' of type TENSOR holds no tensor");
        }
        return TensorData.toValue(a.t(), file, new TensorData.External(null, 0));
    }

    /** Refuses every attribute not in {@code known} (an attribute vecgrad would silently ignore). */
    void only(String... known) throws OnnxFormatException {
        for (String a : attrs.keySet()) {
            if (!List.of(known).contains(a)) {
                throw new OnnxUnsupportedException(where() + ": attribute '" + a + "' is not supported"
                        + (known.length == 0 ? "" : " (known: " + String.join(", ", known) + ")"));
            }
        }
    }
}
