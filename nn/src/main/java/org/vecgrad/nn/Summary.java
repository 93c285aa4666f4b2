package org.vecgrad.nn;

import java.util.List;
import java.util.Map;
import org.vecgrad.autodiff.Tensor;

/** Formats Keras's {@code model.summary()} table. */
final class Summary {
    private Summary() {
    }

    /** One table row: a layer (null for an input row), its display name, and its output shape text. */
    record Row(String name, Module layer, String type, String outputShape) {
        Row(String name, Module layer, String outputShape) {
            this(name, layer, layer.getClass().getSimpleName(), outputShape);
        }
    }

    /** Keras's column widths and rule length; a longer layer name or shape widens its column, keeping rows aligned. */
    private static final int W1 = 29;
    private static final int W2 = 26;
    private static final int LINE = 65;

    /** The layer's own name, or Keras's automatic one: the type in snake_case, then _1, _2, … for repeats. */
    static String layerName(Module m, Map<String, Integer> counters) {
        if (m.name() != null) {
            return m.name();
        }
        String base = snake(m.getClass().getSimpleName());
        int k = counters.merge(base, 1, Integer::sum) - 1;
        return k == 0 ? base : base + "_" + k;
    }

    /** "LeakyReLU" → "leaky_re_lu" (Keras's rule), "Dense" → "dense". */
    static String snake(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean boundary = Character.isUpperCase(c) && i > 0
                    && (Character.isLowerCase(s.charAt(i - 1))
                    || i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1)));
            if (boundary) {
                sb.append('_');
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /**
     * The table: a header, one row per entry (parameters counted on the row's layer, each shared layer once), and
     * the totals; trainable = parameters that require grad; non-trainable = frozen parameters and statistic buffers
     * (BatchNorm's running mean and variance, as Keras counts its moving statistics).
     */
    static String format(Module model, List<Row> rows) {
        int w1 = W1;
        int w2 = W2;
        for (Row r : rows) {
            w1 = Math.max(w1, firstColumn(r).length() + 1);
            w2 = Math.max(w2, r.outputShape().length() + 2);
        }
        int line = LINE + (w1 - W1) + (w2 - W2);
        StringBuilder sb = new StringBuilder();
        String title = model.name() != null ? model.name() : snake(model.getClass().getSimpleName());
        sb.append("Model: \"").append(title).append("\"\n");
        sb.append("_".repeat(line)).append('\n');
        sb.append(cols(" Layer (type)", "Output Shape", "Param #", w1, w2)).append('\n');
        sb.append("=".repeat(line)).append('\n');
        java.util.Set<Module> counted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Row r : rows) {
            long n = r.layer() == null || !counted.add(r.layer()) ? 0
                    : r.layer().numParameters() + statistics(r.layer());
            sb.append(cols(firstColumn(r), r.outputShape(), Long.toString(n), w1, w2)).append('\n');
        }
        long total = 0;
        long trainable = 0;
        for (Tensor t : model.namedParameters().values()) {
            total += t.size();
            trainable += t.requiresGrad() ? t.size() : 0;
        }
        total += statistics(model);
        sb.append("=".repeat(line)).append('\n');
        sb.append("Total params: ").append(total).append('\n');
        sb.append("Trainable params: ").append(trainable).append('\n');
        sb.append("Non-trainable params: ").append(total - trainable).append('\n');
        sb.append("_".repeat(line)).append('\n');
        return sb.toString();
    }

    /** Elements of the statistic buffers of {@code m} and its submodules. */
    private static long statistics(Module m) {
        long n = 0;
        for (Module s : m.namedModules().values()) {
            n += s.numStatistics();
        }
        return n;
    }

    private static String firstColumn(Row r) {
        return " " + r.name() + " (" + r.type() + ")";
    }

    private static String cols(String a, String b, String c, int w1, int w2) {
        return pad(a, w1) + " " + pad(b, w2 - 1) + " " + c;
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
