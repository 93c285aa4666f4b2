package org.vecgrad.engine.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the engine's per-dtype twins ({@code GemmF32} and {@code GemmF64}, {@code SimdElementwiseF32} and
 * {@code SimdElementwiseF64}, ...) from one template each, as the JDK writes {@code FloatVector} and
 * {@code DoubleVector} from {@code X-Vector.java.template}. The template syntax, where templates live and how to
 * add one are in {@code engine/src/main/templates/README.md}; in short:
 * <ul>
 *   <li>{@code src/main/templates/<package path>/Name-X.java.template} becomes
 *       {@code src/main/java/<package path>/NameF32.java} and {@code NameF64.java} (X is the dtype), or one file
 *       for each dtype that a first line {@code #dtypes[F32 F64 I64 I32]} lists.</li>
 *   <li>Placeholders {@code $type$ $Type$ $Boxtype$ $DT$ $X$ $Vector$ $bitstype$ $Bitstype$ $x$ $cast$} (see
 *       {@link #DTYPES}).</li>
 *   <li>Lines {@code #if[F32]}, {@code #else[F32]}, {@code #end[F32]} (any dtype name, or a kind: {@code float},
 *       {@code int}; nestable) keep or drop the lines between them; {@code #emit[name]} inserts code written by a
 *       Java method ({@link #EMITTERS}).</li>
 * </ul>
 * Every generated file starts with a header naming its template and this generator. {@code CodegenTest}
 * regenerates every template in memory and fails when a committed file differs.
 *
 * <p>Run from the repository root with any JDK 17 or later (this file is self-contained, so the source launcher
 * runs it as is): {@code java engine/src/test/java/org/vecgrad/engine/codegen/Codegen.java}, or
 * {@code mvn -q -pl engine exec:exec@codegen}. An optional argument names the engine module's directory. The source
 * is kept ASCII so that a JDK whose default charset is not UTF-8 compiles it the same.
 */
public final class Codegen {

    /** Where templates live, relative to the module directory. */
    public static final String TEMPLATES = "src/main/templates";
    /** Where generated sources go, relative to the module directory. */
    public static final String SOURCES = "src/main/java";
    /** This file, relative to the module directory (named in every header). */
    public static final String SELF = "src/test/java/org/vecgrad/engine/codegen/Codegen.java";
    /** The first words of every generated file. */
    public static final String HEADER_START = "// Generated from ";
    /** The command that regenerates every file, from the repository root. */
    public static final String COMMAND = "java engine/" + SELF + " (or mvn -q -pl engine exec:exec@codegen)";

    private static final String SUFFIX = ".java.template";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$([A-Za-z]+)\\$");
    private static final Pattern DIRECTIVE = Pattern.compile("#(if|else|end|emit)\\[([A-Za-z0-9]+)]");
    private static final Pattern DTYPES_LINE = Pattern.compile("#dtypes\\[([A-Za-z0-9]+(?: [A-Za-z0-9]+)*)]");

    /**
     * One element type that templates are written for: its name (the {@code X} of file names and a key of
     * {@code #if[...]}), its kind ({@code float} or {@code int}, the other key of {@code #if[...]}) and the value
     * of each placeholder.
     */
    public record DType(String name, String kind, Map<String, String> values) {
    }

    /**
     * The dtypes every template is expanded for, with their placeholders:
     * {@code $type$} float, {@code $Type$} Float (as in {@code Float.isFinite}, {@code reinterpretAsFloats}),
     * {@code $Boxtype$} Float (type argument: {@code VectorSpecies<$Boxtype$>}), {@code $DT$} F32, {@code $X$} F
     * (the one-letter suffix of {@code SimdSpecies.F}, {@code VecMathF}), {@code $Vector$} FloatVector,
     * {@code $bitstype$} int and {@code $Bitstype$} Int (the same-width integer: {@code reinterpretAsInts}),
     * {@code $x$} f (literal suffix: {@code 0.5$x$} is {@code 0.5f} and {@code 0.5d}), {@code $cast$}
     * "(float) " (rounds a double expression to the dtype; empty for F64, so no redundant cast is generated).
     * The integer rows I64 and I32 follow the JDK's names ({@code $Type$} Int, {@code $Boxtype$} Integer,
     * {@code $x$} L for a long literal); their {@code $cast$} truncates a double expression toward zero. A template
     * is expanded for F32 and F64 ({@link #DEFAULT_DTYPES}) unless its first line lists others.
     */
    public static final List<DType> DTYPES = List.of(
            dtype("F32", "float", "float", "Float", "Float", "F", "FloatVector", "int", "Int", "f", "(float) "),
            dtype("F64", "float", "double", "Double", "Double", "D", "DoubleVector", "long", "Long", "d", ""),
            dtype("I64", "int", "long", "Long", "Long", "L", "LongVector", "long", "Long", "L", "(long) "),
            dtype("I32", "int", "int", "Int", "Integer", "I", "IntVector", "int", "Int", "", "(int) "));

    /** The dtypes of a template without a {@code #dtypes[...]} line: the floating-point twins. */
    public static final List<DType> DEFAULT_DTYPES = DTYPES.subList(0, 2);

    /** The code that a line {@code #emit[name]} inserts, by name: written by Java where a template would repeat. */
    public static final Map<String, Function<DType, String>> EMITTERS = Map.of(
            "gemmMicroKernels", GemmMicroKernels::kernels,
            "gemmKernelCases", t -> GemmMicroKernels.cases(false),
            "gemmRowsKernelCases", t -> GemmMicroKernels.cases(true),
            "convTapBlocks", ConvTapBlocks::kernels,
            "convLaneBlocks", ConvLaneBlocks::kernels,
            "convLaneDotBlocks", ConvLaneBlocks::dotKernels);

    private Codegen() {
    }

    private static DType dtype(String dt, String kind, String type, String cap, String box, String x, String vector,
                               String bits, String capBits, String suffix, String cast) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("type", type);
        v.put("Type", cap);
        v.put("Boxtype", box);
        v.put("DT", dt);
        v.put("X", x);
        v.put("Vector", vector);
        v.put("bitstype", bits);
        v.put("Bitstype", capBits);
        v.put("x", suffix);
        v.put("cast", cast);
        return new DType(dt, kind, Map.copyOf(v));
    }

    /** Regenerates every template of the module (argument, default {@code engine} or {@code .}) and writes changes. */
    public static void main(String[] args) throws IOException {
        Path module = args.length > 0 ? Path.of(args[0])
                : Files.isDirectory(Path.of("engine", TEMPLATES)) ? Path.of("engine") : Path.of(".");
        Map<Path, String> files = generateAll(module);
        int written = 0;
        for (Map.Entry<Path, String> e : files.entrySet()) {
            Path out = e.getKey();
            if (!Files.exists(out) || !Files.readString(out).equals(e.getValue())) {
                Files.writeString(out, e.getValue());
                System.out.println("wrote " + module.relativize(out));
                written++;
            }
        }
        System.out.println(files.size() + " generated files, " + written + " written");
    }

    /** Every generated file of the module: its path under {@link #SOURCES} and its content, sorted by path. */
    public static Map<Path, String> generateAll(Path module) {
        Path root = module.resolve(TEMPLATES);
        String moduleName = module.toAbsolutePath().normalize().getFileName().toString();
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path template : walk.filter(p -> p.toString().endsWith(SUFFIX)).sorted().toList()) {
                String rel = root.relativize(template).toString().replace('\\', '/');
                String text = Files.readString(template);
                for (DType t : dtypesOf(rel, text)) {
                    out.put(module.resolve(SOURCES).resolve(outputName(rel, t)), generate(moduleName, rel, text, t));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The dtypes template {@code text} is for: those its first line {@code #dtypes[F32 F64 I64 I32]} lists, else
     * {@link #DEFAULT_DTYPES}.
     *
     * @throws IllegalArgumentException naming the template for an unknown or repeated dtype
     */
    public static List<DType> dtypesOf(String where, String text) {
        Matcher m = DTYPES_LINE.matcher(text.lines().findFirst().orElse("").strip());
        if (!m.matches()) {
            return DEFAULT_DTYPES;
        }
        List<DType> out = new ArrayList<>();
        for (String name : m.group(1).split(" ")) {
            DType t = DTYPES.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException(where + ":1: #dtypes[" + m.group(1) + "]: " + name
                            + " is not a dtype; known: " + DTYPES.stream().map(DType::name).toList()));
            if (out.contains(t)) {
                throw new IllegalArgumentException(where + ":1: #dtypes[" + m.group(1) + "] lists " + name
                        + " twice");
            }
            out.add(t);
        }
        return out;
    }

    /** {@code org/x/Name-X.java.template} to {@code org/x/NameF32.java}. */
    static String outputName(String rel, DType t) {
        String name = rel.substring(0, rel.length() - SUFFIX.length());
        if (!name.endsWith("-X")) {
            throw new IllegalArgumentException(rel + ": a template's name ends in -X" + SUFFIX
                    + " (X stands for the dtype)");
        }
        return name.substring(0, name.length() - 2) + t.name() + ".java";
    }

    /** The file generated from template {@code rel} (path under {@link #TEMPLATES}) for dtype {@code t}. */
    public static String generate(String rel, String text, DType t) {
        return generate("engine", rel, text, t);
    }

    /** {@link #generate(String, String, DType)} for a template of module {@code moduleName} (e.g. autodiff). */
    public static String generate(String moduleName, String rel, String text, DType t) {
        return HEADER_START + moduleName + "/" + TEMPLATES + "/" + rel + "\n// by engine/" + SELF + "; do not edit.\n"
                + expand(rel, text, t);
    }

    /** One conditional block being read: its key, where it opened, whether its lines are kept. */
    private record Block(String key, int line, boolean keep, boolean inElse) {
    }

    /**
     * Expands {@code text} for dtype {@code t}: directive lines are read and dropped, the other lines kept or
     * dropped by the enclosing {@code #if} blocks, and placeholders replaced in the kept ones.
     *
     * @throws IllegalArgumentException naming the template and line for an unknown placeholder, dtype or emitter,
     *                                  a malformed directive, or an {@code #if} without its {@code #end}
     */
    public static String expand(String where, String text, DType t) {
        List<DType> forDtypes = dtypesOf(where, text);
        if (!forDtypes.contains(t)) {
            throw new IllegalArgumentException(where + ": the template is for " + forDtypes.stream()
                    .map(DType::name).toList() + ", not " + t.name());
        }
        StringBuilder out = new StringBuilder();
        Deque<Block> open = new ArrayDeque<>();
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            String at = where + ":" + (i + 1) + ": ";
            boolean keep = open.isEmpty() || open.peek().keep();
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                if (DTYPES_LINE.matcher(trimmed).matches()) {
                    if (i > 0) {
                        throw new IllegalArgumentException(at + "#dtypes[...] must be the template's first line");
                    }
                    continue;
                }
                Matcher d = DIRECTIVE.matcher(trimmed);
                if (!d.matches()) {
                    throw new IllegalArgumentException(at + "not a directive: '" + trimmed
                            + "' (#dtypes[D ...] on line 1, #if[K], #else[K], #end[K], #emit[name]; no Java line starts"
                            + " with #)");
                }
                String key = d.group(2);
                switch (d.group(1)) {
                    case "if" -> {
                        checkKey(at, key);
                        open.push(new Block(key, i + 1, keep && matches(key, t), false));
                    }
                    case "else" -> {
                        Block b = close(at, open, key, "#else");
                        if (b.inElse()) {
                            throw new IllegalArgumentException(at + "a second #else[" + key + "] for the #if[" + key
                                    + "] of line " + b.line());
                        }
                        boolean outer = open.isEmpty() || open.peek().keep();
                        open.push(new Block(key, b.line(), outer && !matches(key, t), true));
                    }
                    case "end" -> close(at, open, key, "#end");
                    default -> { // emit
                        Function<DType, String> emitter = EMITTERS.get(key);
                        if (emitter == null) {
                            throw new IllegalArgumentException(at + "no emitter '" + key + "'; known: "
                                    + new TreeMap<>(EMITTERS).keySet());
                        }
                        if (keep) {
                            out.append(emitter.apply(t)).append('\n');
                        }
                    }
                }
                continue;
            }
            if (keep) {
                out.append(substitute(at, line, t)).append('\n');
            }
        }
        if (!open.isEmpty()) {
            Block b = open.peek();
            throw new IllegalArgumentException(where + ":" + b.line() + ": #if[" + b.key() + "] has no #end["
                    + b.key() + "]");
        }
        return out.toString();
    }

    /** Whether {@code #if[key]} holds for {@code t}: the key is its name or its kind. */
    private static boolean matches(String key, DType t) {
        return key.equals(t.name()) || key.equals(t.kind());
    }

    private static void checkKey(String at, String key) {
        if (DTYPES.stream().noneMatch(d -> matches(key, d))) {
            throw new IllegalArgumentException(at + "#if[" + key + "]: not a dtype or kind; known: "
                    + DTYPES.stream().map(DType::name).toList() + ", [float, int]");
        }
    }

    private static Block close(String at, Deque<Block> open, String key, String what) {
        if (open.isEmpty() || !open.peek().key().equals(key)) {
            throw new IllegalArgumentException(at + what + "[" + key + "] closes no open #if[" + key + "]"
                    + (open.isEmpty() ? "" : " (the innermost open block is #if[" + open.peek().key()
                    + "] of line " + open.peek().line() + ")"));
        }
        return open.pop();
    }

    private static String substitute(String at, String line, DType t) {
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = t.values().get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(at + "unknown placeholder " + m.group() + "; known: "
                        + new TreeMap<>(t.values()).keySet());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * The GEMM micro-kernels, one per register tile of {@link #SHAPES}: acc = sum over p of A[:, p] (outer) B[p, :]
     * with mr x nv accumulator vectors, unrolled by hand (C2 does not unroll them into this shape), in two forms:
     * {@code k<mr>x<nv>} on A packed p-major and {@code r<mr>x<nv>} on A read row by row. See the class javadoc of
     * the generated {@code GemmF32} for the guards that split the loop body.
     */
    public static final class GemmMicroKernels {
        /** The tile shapes {mr, nv} with a micro-kernel; {@code GemmTile.ALLOWED} must list the same. */
        public static final int[][] SHAPES = {{4, 2}, {6, 2}, {8, 2}, {4, 3}, {8, 3}};
        /**
         * The one-vector kernels for a ragged last column panel of at most one vector (mr × 2 serves two vectors of
         * a 3-vector tile): not tiles of their own, so not in {@code GemmTile.ALLOWED}.
         */
        public static final int[][] EDGE_SHAPES = {{4, 1}, {6, 1}, {8, 1}};
        /** Depth steps per trip of the main loop (a 1-step loop takes the odd last step). */
        static final int UNROLL = 2;

        private GemmMicroKernels() {
        }

        /** Every kernel for dtype {@code t}: the p-major ones, then the by-rows ones, a blank line between two. */
        static String kernels(DType t) {
            List<String> all = new ArrayList<>();
            for (boolean rows : new boolean[] {false, true}) {
                for (int[] s : all()) {
                    all.add(kernel(s[0], s[1], t.values().get("Vector"), t.values().get("type"), rows));
                }
            }
            return String.join("\n\n", all);
        }

        /** {@link #SHAPES}, then {@link #EDGE_SHAPES}. */
        static List<int[]> all() {
            List<int[]> all = new ArrayList<>(List.of(SHAPES));
            all.addAll(List.of(EDGE_SHAPES));
            return all;
        }

        /** The switch cases that pick a kernel by shape code mr * 10 + nv. */
        static String cases(boolean rows) {
            List<String> o = new ArrayList<>();
            for (int[] s : all()) {
                String args = rows ? "(kc, a, ao, lda, bp, bo, out, o, ld);" : "(kc, ap, ao, bp, bo, out, o, ld);";
                o.add("            case " + s[0] + s[1] + " -> " + (rows ? "r" : "k") + s[0] + "x" + s[1] + args);
            }
            return String.join("\n", o);
        }

        /**
         * Rows between two guards: at most 2 broadcasts live (1 with 3 vectors per row, 4 with 1); 4 x 2 needs none.
         */
        static int rowsPerBlock(int mr, int nv) {
            if (mr == 4 && nv == 2) {
                return mr;
            }
            if (nv == 1) {
                return 4;
            }
            return nv == 2 ? 2 : 1;
        }

        static String kernel(int mr, int nv, String vec, String type, boolean rows) {
            int g = rowsPerBlock(mr, nv);
            List<String> o = new ArrayList<>();
            String name = (rows ? "r" : "k") + mr + "x" + nv;
            if (rows) {
                o.add("    /** {@link #k" + mr + "x" + nv + "} reading row r of A at a[ao + r\u00b7lda + p]. */");
                o.add("    static void " + name + "(int kc, " + type + "[] a, int ao, int lda, " + type
                        + "[] bp, int bo, " + type + "[] out, int o, int ld) {");
            } else {
                String guards = g >= mr ? "" : "; a guard every " + g + " row" + (g > 1 ? "s" : "");
                o.add("    /** The " + mr + " \u00d7 " + nv + "-vector tile" + guards + ", " + UNROLL
                        + " depth steps per trip. */");
                o.add("    static void " + name + "(int kc, " + type + "[] ap, int ao, " + type + "[] bp, int bo, "
                        + type + "[] out, int o, int ld) {");
            }
            o.add("        final int nr = " + nv + " * L;");
            if (rows) {
                for (int r = 1; r < mr; r++) {
                    o.add("        final int a" + r + " = ao + " + r + " * lda;");
                }
            }
            List<String> accs = new ArrayList<>();
            for (int r = 0; r < mr; r++) {
                for (int v = 0; v < nv; v++) {
                    accs.add("c" + r + v);
                }
            }
            o.add("        " + vec + " " + accs.get(0) + " = " + vec + ".zero(S);");
            for (int i = 1; i < accs.size(); i += 8) {
                List<String> decl = new ArrayList<>();
                for (String a : accs.subList(i, Math.min(i + 8, accs.size()))) {
                    decl.add(a + " = " + accs.get(0));
                }
                o.add("        " + vec + " " + String.join(", ", decl) + ";");
            }
            o.add("        int p = 0;");
            int[] guards = {0};
            List<String[]> loops = new ArrayList<>();
            loops.add(new String[] {String.valueOf(UNROLL), "p < kc - " + (UNROLL - 1), "p += " + UNROLL});
            if (UNROLL > 1) {
                loops.add(new String[] {"1", "p < kc", "p++"});
            }
            for (String[] loop : loops) {
                o.add("        for (; " + loop[1] + "; " + loop[2] + ") {");
                if (!rows) {
                    o.add("            int ai = ao + p * " + mr + ";");
                }
                o.add("            int bi = bo + p * nr;");
                for (int s = 0; s < Integer.parseInt(loop[0]); s++) {
                    step(o, mr, nv, vec, g, rows, s, guards);
                }
                o.add("        }");
            }
            for (int r = 0; r < mr; r++) {
                List<String> parts = new ArrayList<>();
                for (int v = 0; v < nv; v++) {
                    String idx = "o" + (r == 0 ? "" : r == 1 ? " + ld" : " + " + r + " * ld")
                            + (v == 0 ? "" : v == 1 ? " + L" : " + " + v + " * L");
                    parts.add("c" + r + v + ".intoArray(out, " + idx + ");");
                }
                o.add("        " + String.join(" ", parts));
            }
            o.add("    }");
            return String.join("\n", o);
        }

        /** Depth step s of the unrolled body: nv B loads, then per row a broadcast of A and nv FMAs. */
        private static void step(List<String> o, int mr, int nv, String vec, int g, boolean rows, int s,
                                 int[] guards) {
            String pad = " ".repeat(12);
            String n = s == 0 ? "" : "_" + s; // each step's own names: Java has no shadowing in one block
            if (s > 0 && g < mr) { // also between steps, or the next step's loads rise above this one's FMAs
                guard(o, pad, guards);
            }
            for (int v = 0; v < nv; v++) {
                int off = s * nv + v;
                String idx = off == 0 ? "bi" : off == 1 ? "bi + L" : "bi + " + off + " * L";
                o.add(pad + vec + " b" + v + n + " = " + vec + ".fromArray(S, bp, " + idx + ");");
            }
            for (int r = 0; r < mr; r++) {
                if (r > 0 && r % g == 0) {
                    guard(o, pad, guards);
                }
                String src;
                if (rows) {
                    src = "a[" + (r == 0 ? "ao + p" : "a" + r + " + p") + (s == 0 ? "" : " + " + s) + "]";
                } else {
                    int off = s * mr + r;
                    src = off == 0 ? "ap[ai]" : "ap[ai + " + off + "]";
                }
                o.add(pad + vec + " x" + r + n + " = " + vec + ".broadcast(S, " + src + ");");
                List<String> fmas = new ArrayList<>();
                for (int v = 0; v < nv; v++) {
                    fmas.add("c" + r + v + " = x" + r + n + ".fma(b" + v + n + ", c" + r + v + ");");
                }
                o.add(pad + String.join(" ", fmas));
            }
        }

        private static void guard(List<String> o, String pad, int[] guards) {
            guards[0]++;
            o.add(pad + "if (p == guard + " + guards[0]
                    + ") { // never true: splits the loop body (see class javadoc)");
            o.add(pad + "    out[o] = 0;");
            o.add(pad + "}");
        }
    }

    /**
     * The register blocks of the direct convolution's forward kernel ({@code SimdConvTaps-X}): {@code fwdRx3} holds
     * R output channels × 3 vectors of positions (per tap 3 loads of x and R broadcast weights feed 3·R FMAs), and
     * {@code fwdRx1} the first n ≤ L positions of R channels under a mask, for R in {@link #CHANNELS}.
     */
    public static final class ConvTapBlocks {
        /** The channel counts of the blocks (a single leftover channel runs on the stencil kernel). */
        static final int[] CHANNELS = {4, 3, 2};

        private ConvTapBlocks() {
        }

        static String kernels(DType t) {
            List<String> all = new ArrayList<>();
            for (int r : CHANNELS) {
                all.add(block(r, 3, false, t));
                all.add(block(r, 1, true, t));
            }
            return String.join("\n\n", all);
        }

        private static String at(int j) {
            return j == 0 ? "" : j == 1 ? " + L" : " + " + j + " * L";
        }

        private static String yRow(int c) {
            return c == 0 ? "yo" : "y" + c;
        }

        static String block(int r, int v, boolean masked, DType t) {
            String vec = t.values().get("Vector");
            String type = t.values().get("type");
            String m = masked ? ", m" : "";
            List<String> o = new ArrayList<>();
            o.add("    /** " + (masked ? "The first n \u2264 L positions of " + r + " channels."
                    : r + " channels \u00d7 " + v + " vectors.") + " */");
            o.add("    private static void fwd" + r + "x" + v + "(" + type + "[] w, int wo, int ldw, int[] src, "
                    + "int taps, " + type + "[] x, int xo, " + type + "[] y,");
            o.add("                               int yo, int ldy" + (masked ? ", int n" : "") + ") {");
            if (masked) {
                o.add("        VectorMask<" + t.values().get("Boxtype") + "> m = S.indexInRange(0, n);");
            }
            for (int c = 1; c < r; c++) {
                o.add("        int y" + c + " = " + yRow(c - 1) + " + ldy;");
            }
            for (int c = 0; c < r; c++) {
                for (int j = 0; j < v; j++) {
                    o.add("        " + vec + " a" + c + j + " = " + vec + ".fromArray(S, y, " + yRow(c) + at(j) + m
                            + ");");
                }
            }
            o.add("        for (int k = 0; k < taps; k++) {");
            o.add("            int s = src[k] + xo;");
            for (int j = 0; j < v; j++) {
                o.add("            " + vec + " x" + j + " = " + vec + ".fromArray(S, x, s" + at(j) + m + ");");
            }
            for (int c = 0; c < r; c++) {
                String wi = c == 0 ? "wo + k" : c == 1 ? "wo + ldw + k" : "wo + " + c + " * ldw + k";
                o.add("            " + vec + " w" + c + " = " + vec + ".broadcast(S, w[" + wi + "]);");
                for (int j = 0; j < v; j++) {
                    o.add("            a" + c + j + " = x" + j + ".fma(w" + c + ", a" + c + j + ");");
                }
            }
            o.add("        }");
            for (int c = 0; c < r; c++) {
                for (int j = 0; j < v; j++) {
                    o.add("        a" + c + j + ".intoArray(y, " + yRow(c) + at(j) + m + ");");
                }
            }
            o.add("    }");
            return String.join("\n", o);
        }
    }

    /**
     * The blocks of {@code SimdConvTaps.convLanes}: {@code lanesRxV} holds R positions × V vectors of output
     * channels (R ≤ 12 for V = 1, R ≤ 6 for V = 2: 12 accumulators), the last vector masked to n lanes; per tap V
     * weight loads and R broadcasts of consecutive inputs (C2 checks the range of x[s], …, x[s + R − 1] once)
     * feed R·V FMA chains. {@code lanes1} and {@code lanes2} pick the block by R. Each block has a twin
     * {@code wholeRxV} (switches {@code whole1}, {@code whole2}) for rows padded to whole vectors: no mask, so its
     * loop holds no masked load. (A masked load whose offset might be out of range has a slow path with calls; its
     * branch profile is shared by every caller in the JVM, and when some caller has taken it before C2 compiles the
     * block, the path is compiled into the tap loop and every accumulator is spilled on every tap: 3× slower.)
     */
    public static final class ConvLaneBlocks {
        /** The most positions per block, by vectors of channels (index 1 and 2). */
        static final int[] POSITIONS = {0, 12, 6};
        /** The most taps per block of the weight gradient's {@code dotLanesRxV}, by vectors of channels. */
        static final int[] TAPS = {0, 8, 4};

        /**
         * The blocks of {@code SimdConvTaps.convLanesDot}: {@code dotLanesRxV} holds R taps × V vectors of output
         * channels (R ≤ 8 for V = 1, R ≤ 4 for V = 2); per position V loads of the output gradient and R broadcast
         * inputs (x[s_t + q], one stream per tap) feed R·V FMA chains, stored whole into t at the end (the caller adds
         * them to acc in double: no vector crosses a call). Their twins {@code dotWholeRxV} read rows padded to whole
         * vectors, unmasked (see {@link ConvLaneBlocks}).
         */
        static String dotKernels(DType t) {
            return blocks(TAPS, v -> dotCases(v, t, false), (r, v) -> dotBlock(r, v, t, false)) + "\n\n"
                    + blocks(TAPS, v -> dotCases(v, t, true), (r, v) -> dotBlock(r, v, t, true));
        }

        /** For V = 1, 2: the switch {@code cases(V)}, then {@code block(R, V)} for R = 1 … limits[V]. */
        private static String blocks(int[] limits, IntFunction<String> cases,
                                     BiFunction<Integer, Integer, String> block) {
            List<String> all = new ArrayList<>();
            for (int v = 1; v <= 2; v++) {
                all.add(cases.apply(v));
                for (int r = 1; r <= limits[v]; r++) {
                    all.add(block.apply(r, v));
                }
            }
            return String.join("\n\n", all);
        }

        private static String dotParams(String type) {
            return type + "[] g, int go, int ldg, " + type + "[] x, int[] src, int k,";
        }

        private static String dotTail(DType t, boolean whole) {
            return "int rows, int cols, int ldx, " + (whole ? "" : "int n, ") + t.values().get("type") + "[] t) {";
        }

        static String dotCases(int v, DType t, boolean whole) {
            return switchOver(whole ? "dotWhole" : "dotLanes", "convLanesDot", "taps", TAPS[v], v, whole,
                    dotParams(t.values().get("type")), dotTail(t, whole),
                    whole ? "(g, go, ldg, x, src, k, rows, cols, ldx, t);"
                            : "(g, go, ldg, x, src, k, rows, cols, ldx, n, t);");
        }

        static String dotBlock(int r, int v, DType t, boolean whole) {
            String vec = t.values().get("Vector");
            List<String> o = prologue(whole ? "dotWhole" : "dotLanes", "tap", r, v, dotParams(t.values().get("type")),
                    dotTail(t, whole), t, whole);
            o.add("        for (int row = 0; row < rows; row++) {");
            for (int p = 0; p < r; p++) {
                o.add("            int s" + p + " = src[k" + (p == 0 ? "" : " + " + p) + "] + row * ldx;");
            }
            o.add("            int gr = go + row * cols * ldg;");
            o.add("            for (int q = 0; q < cols; q++) {");
            o.add("                int gq = gr + q * ldg;");
            for (int j = 0; j < v; j++) {
                String mask = j == v - 1 && !whole ? ", m" : "";
                o.add("                " + vec + " g" + j + " = " + vec + ".fromArray(S, g, gq" + (j == 0 ? "" : " + L")
                        + mask + ");");
            }
            for (int p = 0; p < r; p++) {
                o.add("                " + vec + " x" + p + " = " + vec + ".broadcast(S, x[s" + p + " + q]);");
                for (int j = 0; j < v; j++) {
                    o.add("                a" + p + j + " = x" + p + ".fma(g" + j + ", a" + p + j + ");");
                }
            }
            o.add("            }");
            o.add("        }");
            for (int p = 0; p < r; p++) {
                for (int j = 0; j < v; j++) {
                    int at = p * v + j;                                 // t[(p·V + j)·L ...]
                    String to = at == 0 ? "0" : at == 1 ? "L" : at + " * L";
                    o.add("        a" + p + j + ".intoArray(t, " + to + ");");
                }
            }
            o.add("    }");
            return String.join("\n", o);
        }

        private ConvLaneBlocks() {
        }

        static String kernels(DType t) {
            return blocks(POSITIONS, v -> cases(v, t, false), (r, v) -> block(r, v, t, false)) + "\n\n"
                    + blocks(POSITIONS, v -> cases(v, t, true), (r, v) -> block(r, v, t, true));
        }

        private static String params(String type) {
            return type + "[] w, int wo, int ldw, int[] src, int taps, " + type + "[] x, int xo, " + type
                    + "[] y,";
        }

        static String cases(int v, DType t, boolean whole) {
            return switchOver(whole ? "whole" : "lanes", "convLanes", "positions", POSITIONS[v], v, whole,
                    params(t.values().get("type")), whole ? "int yo, int ldy) {" : "int yo, int ldy, int n) {",
                    whole ? "(w, wo, ldw, src, taps, x, xo, y, yo, ldy);"
                            : "(w, wo, ldw, src, taps, x, xo, y, yo, ldy, n);");
        }

        /**
         * The method {@code <name>V(int r, …)} that calls block {@code <name>RxV} for r = 1 … limit: the switch of
         * {@link #cases} and {@link #dotCases}.
         */
        private static String switchOver(String name, String op, String what, int limit, int v, boolean whole,
                                         String params, String tail, String args) {
            List<String> o = new ArrayList<>();
            o.add("    /** r \u2264 " + limit + " " + what + " \u00d7 " + v + (v == 1 ? " vector" : " vectors")
                    + " of channels" + (whole ? ", whole vectors" : "") + ". */");
            String head = "    private static void " + name + v + "(";
            o.add(head + "int r, " + params);
            o.add(" ".repeat(head.length()) + tail);
            o.add("        switch (r) {");
            for (int r = 1; r <= limit; r++) {
                o.add("            case " + r + " -> " + name + r + "x" + v + args);
            }
            o.add("            default -> throw new IllegalArgumentException(\"" + op + ": a block of \" + r"
                    + " + \" " + what + "\");");
            o.add("        }");
            o.add("    }");
            return String.join("\n", o);
        }

        /**
         * The opening of block {@code <name>RxV}: its doc line, signature, the mask of the last vector's n lanes and
         * the R × V accumulators aPJ at zero.
         */
        private static List<String> prologue(String name, String unit, int r, int v, String params, String tail,
                                             DType t, boolean whole) {
            String vec = t.values().get("Vector");
            List<String> o = new ArrayList<>();
            o.add("    /** " + r + " " + unit + (r == 1 ? "" : "s") + " \u00d7 " + v
                    + (v == 1 ? " vector" : " vectors") + " of channels" + (whole ? ", whole vectors" : "")
                    + ". */");
            String head = "    private static void " + name + r + "x" + v + "(";
            o.add(head + params);
            o.add(" ".repeat(head.length()) + tail);
            if (!whole) {
                o.add("        VectorMask<" + t.values().get("Boxtype") + "> m = S.indexInRange(0, n);");
            }
            for (int p = 0; p < r; p++) {
                for (int j = 0; j < v; j++) {
                    o.add("        " + vec + " a" + p + j + " = " + vec + ".zero(S);");
                }
            }
            return o;
        }

        static String block(int r, int v, DType t, boolean whole) {
            String vec = t.values().get("Vector");
            List<String> o = prologue(whole ? "whole" : "lanes", "position", r, v, params(t.values().get("type")),
                    whole ? "int yo, int ldy) {" : "int yo, int ldy, int n) {", t, whole);
            o.add("        for (int k = 0; k < taps; k++) {");
            o.add("            int s = src[k] + xo;");
            o.add("            int wk = wo + k * ldw;");
            for (int j = 0; j < v; j++) {
                String mask = j == v - 1 && !whole ? ", m" : "";
                o.add("            " + vec + " w" + j + " = " + vec + ".fromArray(S, w, wk" + (j == 0 ? "" : " + L")
                        + mask + ");");
            }
            for (int p = 0; p < r; p++) {
                o.add("            " + vec + " x" + p + " = " + vec + ".broadcast(S, x[s" + (p == 0 ? "" : " + " + p)
                        + "]);");
                for (int j = 0; j < v; j++) {
                    o.add("            a" + p + j + " = x" + p + ".fma(w" + j + ", a" + p + j + ");");
                }
            }
            o.add("        }");
            for (int p = 0; p < r; p++) {
                String row = p == 0 ? "yo" : p == 1 ? "yo + ldy" : "yo + " + p + " * ldy";
                for (int j = 0; j < v; j++) {
                    String mask = j == v - 1 && !whole ? ", m" : "";
                    o.add("        a" + p + j + ".intoArray(y, " + row + (j == 0 ? "" : " + L") + mask + ");");
                }
            }
            o.add("    }");
            return String.join("\n", o);
        }
    }
}
