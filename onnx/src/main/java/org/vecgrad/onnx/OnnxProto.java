package org.vecgrad.onnx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of the ONNX protobuf schema (onnx.proto, IR version ≤ 9) that inference needs, as immutable records,
 * and its parser. Field numbers are onnx.proto's; fields the schema has but inference does not use (doc strings,
 * metadata, training info, functions, sparse tensors, quantization annotations) are skipped as protobuf readers
 * skip unknown fields. Every count, nesting level and length is checked before anything is allocated from it:
 * see the {@code MAX_*} constants.
 */
final class OnnxProto {
    private OnnxProto() {
    }

    /** Deepest nesting of messages that may recurse (graphs inside attributes, types inside types). */
    static final int MAX_DEPTH = 32;
    /** Most nodes, initializers, inputs, outputs or value infos in one graph. */
    static final int MAX_GRAPH_ITEMS = 1_000_000;
    /** Most inputs, outputs or attributes of one node; most opset imports. */
    static final int MAX_NODE_ITEMS = 65_536;
    /** Highest tensor rank accepted (ONNX sets no limit; real models stay under 10). */
    static final int MAX_RANK = 64;

    // ONNX TensorProto.DataType values that vecgrad reads
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT16 = 5;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int DOUBLE = 11;

    /** A tensor as stored: its data in exactly one of raw bytes (a range of the file), a typed field, or external. */
    record Tensor(String path, int offset, String name, int dataType, long[] dims, int rawFrom, int rawTo,
                  float[] floatData, double[] doubleData, long[] int64Data, long[] int32Data,
                  Map<String, String> externalData, boolean external) {
        boolean hasRaw() {
            return rawFrom >= 0;
        }
    }

    /** A node attribute; {@code type} is AttributeProto.AttributeType (1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, …). */
    record Attribute(String path, String name, int type, float f, long i, byte[] s, Tensor t, Graph g,
                     float[] floats, long[] ints, List<byte[]> strings) {
    }

    record Node(String path, String name, String opType, String domain, List<String> inputs, List<String> outputs,
                List<Attribute> attributes) {
    }

    /** A graph input or output: elemType 0 when not given; dims null when the shape is not given, a dim -1 when
     *  it is symbolic ({@code dimParams} holds its name) or absent. */
    record ValueInfo(String name, int elemType, long[] dims, String[] dimParams) {
    }

    record Graph(String path, String name, List<Node> nodes, List<Tensor> initializers, List<ValueInfo> inputs,
                 List<ValueInfo> outputs) {
    }

    record Model(long irVersion, String producerName, String producerVersion, Map<String, Long> opsets,
                 Graph graph) {
    }

    // ============================================================================================ parsing

    /** Parses a model from {@code file}'s bytes [0, limit) (a heap buffer, or the model file mapped). */
    static Model parseModel(ByteBuffer file) throws OnnxFormatException {
        WireReader r = new WireReader(file, 0, file.limit(), "model");
        long ir = 0;
        String producer = "";
        String producerVersion = "";
        Map<String, Long> opsets = new LinkedHashMap<>();
        Graph graph = null;
        while (r.hasMore()) {
            int at = r.position();
            int tag = r.tag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> ir = r.varint(wire, at, "ir_version");
                case 2 -> producer = r.string(wire, at, "producer_name");
                case 3 -> producerVersion = r.string(wire, at, "producer_version");
                case 7 -> {
                    r.expect(wire, WireReader.LEN, at, "graph");
                    if (graph != null) {
                        throw r.error(at, "graph", "a second graph (a model has one)");
                    }
                    graph = parseGraph(r.message("graph", "model.graph"), 1);
                }
                case 8 -> {
                    r.expect(wire, WireReader.LEN, at, "opset_import");
                    String p = "opset_import[" + opsets.size() + "]";
                    if (opsets.size() >= MAX_NODE_ITEMS) {
                        throw r.error(at, p, "more than " + MAX_NODE_ITEMS + " opset imports");
                    }
                    WireReader o = r.message(p, "model." + p);
                    String domain = "";
                    long version = 0;
                    while (o.hasMore()) {
                        int oat = o.position();
                        int otag = o.tag();
                        switch (otag >>> 3) {
                            case 1 -> domain = o.string(otag & 7, oat, "domain");
                            case 2 -> version = o.varint(otag & 7, oat, "version");
                            default -> o.skip(otag & 7, "(field " + (otag >>> 3) + ")");
                        }
                    }
                    if (opsets.put(domain.equals("ai.onnx") ? "" : domain, version) != null) {
                        throw r.error(at, p, "domain '" + domain + "' imported twice");
                    }
                }
                default -> r.skip(wire, "(field " + (tag >>> 3) + ")");
            }
        }
        if (graph == null) {
            throw new OnnxFormatException("model: no graph (field 7) in " + file.limit() + " bytes");
        }
        return new Model(ir, producer, producerVersion, opsets, graph);
    }

    static Graph parseGraph(WireReader r, int depth) throws OnnxFormatException {
        if (depth > MAX_DEPTH) {
            throw r.error(r.position(), "", "graphs nested deeper than " + MAX_DEPTH + " levels");
        }
        String name = "";
        List<Node> nodes = new ArrayList<>();
        List<Tensor> inits = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        int valueInfos = 0;
        while (r.hasMore()) {
            int at = r.position();
            int tag = r.tag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> {
                    String p = "node[" + nodes.size() + "]";
                    r.expect(wire, WireReader.LEN, at, p);
                    count(r, at, p, nodes.size(), MAX_GRAPH_ITEMS);
                    nodes.add(parseNode(r.message(p, r.path + "." + p), depth));
                }
                case 2 -> name = r.string(wire, at, "name");
                case 5 -> {
                    String p = "initializer[" + inits.size() + "]";
                    r.expect(wire, WireReader.LEN, at, p);
                    count(r, at, p, inits.size(), MAX_GRAPH_ITEMS);
                    inits.add(parseTensor(r.message(p, r.path + "." + p)));
                }
                case 11, 12 -> {
                    List<ValueInfo> list = (tag >>> 3) == 11 ? inputs : outputs;
                    String p = ((tag >>> 3) == 11 ? "input[" : "output[") + list.size() + "]";
                    r.expect(wire, WireReader.LEN, at, p);
                    count(r, at, p, list.size(), MAX_GRAPH_ITEMS);
                    list.add(parseValueInfo(r.message(p, r.path + "." + p), depth));
                }
                case 13 -> {
                    // value_info: intermediate shapes; parsed for validity (and depth), not kept
                    String p = "value_info[" + valueInfos + "]";
                    r.expect(wire, WireReader.LEN, at, p);
                    count(r, at, p, valueInfos++, MAX_GRAPH_ITEMS);
                    parseValueInfo(r.message(p, r.path + "." + p), depth);
                }
                default -> r.skip(wire, "(field " + (tag >>> 3) + ")");
            }
        }
        return new Graph(r.path, name, List.copyOf(nodes), List.copyOf(inits), List.copyOf(inputs),
                List.copyOf(outputs));
    }

    private static void count(WireReader r, int at, String p, int n, int max) throws OnnxFormatException {
        if (n >= max) {
            throw r.error(at, p, "more than " + max + " entries");
        }
    }

    static Node parseNode(WireReader r, int depth) throws OnnxFormatException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<Attribute> attrs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        while (r.hasMore()) {
            int at = r.position();
            int tag = r.tag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1, 2 -> {
                    List<String> list = (tag >>> 3) == 1 ? inputs : outputs;
                    String p = ((tag >>> 3) == 1 ? "input[" : "output[") + list.size() + "]";
                    r.expect(wire, WireReader.LEN, at, p);
                    count(r, at, p, list.size(), MAX_NODE_ITEMS);
                    list.add(r.string(p));
                }
                case 3 -> name = r.string(wire, at, "name");
                case 4 -> op = r.string(wire, at, "op_type");
                case 5 -> {
                    String p = "attribute[" + attrs.size() + "]";
                    r.expect(wire, WireReader.LEN, at, p);
                    count(r, at, p, attrs.size(), MAX_NODE_ITEMS);
                    attrs.add(parseAttribute(r.message(p, r.path + "." + p), depth));
                }
                case 7 -> domain = r.string(wire, at, "domain");
                default -> r.skip(wire, "(field " + (tag >>> 3) + ")");
            }
        }
        if (op.isEmpty()) {
            throw r.error(r.position(), "op_type", "node '" + name + "' has no op_type");
        }
        return new Node(r.path, name, op, domain, List.copyOf(inputs), List.copyOf(outputs), List.copyOf(attrs));
    }

    static Attribute parseAttribute(WireReader r, int depth) throws OnnxFormatException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        byte[] s = null;
        Tensor t = null;
        Graph g = null;
        Longs floats = new Longs();
        Longs ints = new Longs();
        List<byte[]> strings = new ArrayList<>();
        while (r.hasMore()) {
            int at = r.position();
            int tag = r.tag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> name = r.string(wire, at, "name");
                case 20 -> type = (int) r.varint(wire, at, "type");
                case 2 -> {
                    r.expect(wire, WireReader.I32, at, "f");
                    f = Float.intBitsToFloat(r.fixed32("f"));
                }
                case 3 -> i = r.varint(wire, at, "i");
                case 4 -> {
                    r.expect(wire, WireReader.LEN, at, "s");
                    s = r.bytes("s");
                }
                case 5 -> {
                    r.expect(wire, WireReader.LEN, at, "t");
                    t = parseTensor(r.message("t", r.path + ".t"));
                }
                case 6 -> {
                    r.expect(wire, WireReader.LEN, at, "g");
                    g = parseGraph(r.message("g", r.path + ".g"), depth + 1);
                }
                case 7 -> floats.read(r, wire, at, "floats", WireReader.I32);
                case 8 -> ints.readVarints(r, wire, at, "ints");
                case 9 -> {
                    String p = "strings[" + strings.size() + "]";
                    r.expect(wire, WireReader.LEN, at, p);
                    count(r, at, p, strings.size(), MAX_GRAPH_ITEMS);
                    strings.add(r.bytes(p));
                }
                case 11 -> {
                    // graphs: subgraphs are not run, but they are parsed (and their depth checked)
                    r.expect(wire, WireReader.LEN, at, "graphs");
                    parseGraph(r.message("graphs", r.path + ".graphs"), depth + 1);
                }
                default -> r.skip(wire, "(field " + (tag >>> 3) + ")");
            }
        }
        if (name.isEmpty()) {
            throw r.error(r.position(), "name", "attribute without a name");
        }
        return new Attribute(r.path, name, type, f, i, s, t, g, floats.toFloats(), ints.toArray(),
                List.copyOf(strings));
    }

    static Tensor parseTensor(WireReader r) throws OnnxFormatException {
        int start = r.position();
        Longs dims = new Longs();
        int dataType = 0;
        String name = "";
        int rawFrom = -1;
        int rawTo = -1;
        Longs floats = new Longs();
        Longs doubles = new Longs();
        Longs int64 = new Longs();
        Longs int32 = new Longs();
        Map<String, String> external = new LinkedHashMap<>();
        boolean isExternal = false;
        while (r.hasMore()) {
            int at = r.position();
            int tag = r.tag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> {
                    dims.readVarints(r, wire, at, "dims");
                    if (dims.size > MAX_RANK) {
                        throw r.error(at, "dims", "rank above " + MAX_RANK);
                    }
                }
                case 2 -> dataType = (int) r.varint(wire, at, "data_type");
                case 4 -> floats.read(r, wire, at, "float_data", WireReader.I32);
                case 5 -> int32.readVarints(r, wire, at, "int32_data");
                case 7 -> int64.readVarints(r, wire, at, "int64_data");
                case 8 -> name = r.string(wire, at, "name");
                case 9 -> {
                    r.expect(wire, WireReader.LEN, at, "raw_data");
                    int[] range = r.bytesRange("raw_data");
                    rawFrom = range[0];
                    rawTo = range[1];
                }
                case 10 -> doubles.read(r, wire, at, "double_data", WireReader.I64);
                case 13 -> {
                    String p = "external_data[" + external.size() + "]";
                    r.expect(wire, WireReader.LEN, at, p);
                    count(r, at, p, external.size(), 16);
                    WireReader e = r.message(p, r.path + "." + p);
                    String key = null;
                    String value = "";
                    while (e.hasMore()) {
                        int eat = e.position();
                        int etag = e.tag();
                        switch (etag >>> 3) {
                            case 1 -> key = e.string(etag & 7, eat, "key");
                            case 2 -> value = e.string(etag & 7, eat, "value");
                            default -> e.skip(etag & 7, "(field " + (etag >>> 3) + ")");
                        }
                    }
                    if (key == null || external.put(key, value) != null) {
                        throw r.error(at, p, key == null ? "entry without a key" : "key '" + key + "' repeated");
                    }
                }
                case 14 -> {
                    r.expect(wire, WireReader.VARINT, at, "data_location");
                    long loc = r.varint("data_location");
                    if (loc != 0 && loc != 1) {
                        throw r.error(at, "data_location", loc + " is neither DEFAULT (0) nor EXTERNAL (1)");
                    }
                    isExternal = loc == 1;
                }
                case 3 -> throw r.error(at, "segment", "segmented tensors are not supported");
                default -> r.skip(wire, "(field " + (tag >>> 3) + ")");
            }
        }
        return new Tensor(r.path, start, name, dataType, dims.toArray(), rawFrom, rawTo, floats.toFloats(),
                doubles.toDoubles(), int64.toArray(), int32.toArray(), Map.copyOf(external), isExternal);
    }

    static ValueInfo parseValueInfo(WireReader r, int depth) throws OnnxFormatException {
        String name = "";
        int elemType = 0;
        long[] dims = null;
        String[] params = null;
        while (r.hasMore()) {
            int at = r.position();
            int tag = r.tag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> name = r.string(wire, at, "name");
                case 2 -> {
                    r.expect(wire, WireReader.LEN, at, "type");
                    TypeInfo t = parseType(r.message("type", r.path + ".type"), depth + 1);
                    elemType = t.elemType;
                    dims = t.dims;
                    params = t.params;
                }
                default -> r.skip(wire, "(field " + (tag >>> 3) + ")");
            }
        }
        return new ValueInfo(name, elemType, dims, params);
    }

    private record TypeInfo(int elemType, long[] dims, String[] params) {
    }

    /** TypeProto: a tensor type is kept; sequence, map and optional types are parsed (depth-checked) and dropped. */
    private static TypeInfo parseType(WireReader r, int depth) throws OnnxFormatException {
        if (depth > MAX_DEPTH) {
            throw r.error(r.position(), "", "types nested deeper than " + MAX_DEPTH + " levels");
        }
        TypeInfo out = new TypeInfo(0, null, null);
        while (r.hasMore()) {
            int at = r.position();
            int tag = r.tag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> {
                    r.expect(wire, WireReader.LEN, at, "tensor_type");
                    out = parseTensorType(r.message("tensor_type", r.path + ".tensor_type"));
                }
                case 4, 9 -> { // sequence_type, optional_type: { TypeProto elem_type = 1; }
                    String f = (tag >>> 3) == 4 ? "sequence_type" : "optional_type";
                    r.expect(wire, WireReader.LEN, at, f);
                    WireReader s = r.message(f, r.path + "." + f);
                    while (s.hasMore()) {
                        int sat = s.position();
                        int stag = s.tag();
                        if ((stag >>> 3) == 1) {
                            s.expect(stag & 7, WireReader.LEN, sat, "elem_type");
                            parseType(s.message("elem_type", s.path + ".elem_type"), depth + 1);
                        } else {
                            s.skip(stag & 7, "(field " + (stag >>> 3) + ")");
                        }
                    }
                }
                case 5 -> { // map_type: { int32 key_type = 1; TypeProto value_type = 2; }
                    r.expect(wire, WireReader.LEN, at, "map_type");
                    WireReader s = r.message("map_type", r.path + ".map_type");
                    while (s.hasMore()) {
                        int sat = s.position();
                        int stag = s.tag();
                        if ((stag >>> 3) == 2) {
                            s.expect(stag & 7, WireReader.LEN, sat, "value_type");
                            parseType(s.message("value_type", s.path + ".value_type"), depth + 1);
                        } else {
                            s.skip(stag & 7, "(field " + (stag >>> 3) + ")");
                        }
                    }
                }
                default -> r.skip(wire, "(field " + (tag >>> 3) + ")");
            }
        }
        return out;
    }

    private static TypeInfo parseTensorType(WireReader r) throws OnnxFormatException {
        int elem = 0;
        long[] dims = null;
        String[] params = null;
        while (r.hasMore()) {
            int at = r.position();
            int tag = r.tag();
            int wire = tag & 7;
            switch (tag >>> 3) {
                case 1 -> elem = (int) r.varint(wire, at, "elem_type");
                case 2 -> {
                    r.expect(wire, WireReader.LEN, at, "shape");
                    WireReader s = r.message("shape", r.path + ".shape");
                    List<Long> ds = new ArrayList<>();
                    List<String> ps = new ArrayList<>();
                    while (s.hasMore()) {
                        int sat = s.position();
                        int stag = s.tag();
                        if ((stag >>> 3) != 1) {
                            s.skip(stag & 7, "(field " + (stag >>> 3) + ")");
                            continue;
                        }
                        String p = "dim[" + ds.size() + "]";
                        s.expect(stag & 7, WireReader.LEN, sat, p);
                        count(s, sat, p, ds.size(), MAX_RANK);
                        WireReader d = s.message(p, s.path + "." + p);
                        long value = -1;
                        String param = null;
                        while (d.hasMore()) {
                            int dat = d.position();
                            int dtag = d.tag();
                            switch (dtag >>> 3) {
                                case 1 -> {
                                    d.expect(dtag & 7, WireReader.VARINT, dat, "dim_value");
                                    value = d.varint("dim_value");
                                    if (value < 0) {
                                        throw d.error(dat, "dim_value", "negative dimension " + value);
                                    }
                                }
                                case 2 -> param = d.string(dtag & 7, dat, "dim_param");
                                default -> d.skip(dtag & 7, "(field " + (dtag >>> 3) + ")");
                            }
                        }
                        ds.add(value);
                        ps.add(param);
                    }
                    dims = ds.stream().mapToLong(Long::longValue).toArray();
                    params = ps.toArray(new String[0]);
                }
                default -> r.skip(wire, "(field " + (tag >>> 3) + ")");
            }
        }
        return new TypeInfo(elem, dims, params);
    }

    // ------------------------------------------------------------------------ repeated scalars, packed or not

    /**
     * A growable long[] of a repeated scalar field, packed or not: varints as values, 32- and 64-bit fields as
     * their bits. A packed field's element count is bounded by its byte length, which the reader has checked.
     */
    private static final class Longs {
        long[] a = new long[0];
        int size;

        void add(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, Math.max(8, 2 * size));
            }
            a[size++] = v;
        }

        /** Reads one element (or a packed run) of wire type {@code scalarWire}: VARINT, I32 or I64. */
        void read(WireReader r, int wire, int at, String field, int scalarWire) throws OnnxFormatException {
            if (wire == WireReader.LEN) {
                WireReader p = r.message(field, r.path + "." + field);
                while (p.hasMore()) {
                    add(one(p, scalarWire, field));
                }
            } else {
                r.expect(wire, scalarWire, at, field);
                add(one(r, scalarWire, field));
            }
        }

        private static long one(WireReader r, int scalarWire, String field) throws OnnxFormatException {
            return switch (scalarWire) {
                case WireReader.VARINT -> r.varint(field);
                case WireReader.I32 -> r.fixed32(field);
                default -> r.fixed64(field);
            };
        }

        void readVarints(WireReader r, int wire, int at, String field) throws OnnxFormatException {
            read(r, wire, at, field, WireReader.VARINT);
        }

        float[] toFloats() {
            float[] f = new float[size];
            for (int i = 0; i < size; i++) {
                f[i] = Float.intBitsToFloat((int) a[i]);
            }
            return f;
        }

        double[] toDoubles() {
            double[] d = new double[size];
            for (int i = 0; i < size; i++) {
                d[i] = Double.longBitsToDouble(a[i]);
            }
            return d;
        }

        long[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
