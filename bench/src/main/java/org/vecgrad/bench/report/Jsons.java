package org.vecgrad.bench.report;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.vecgrad.bench.elementwise.Json;

/** JSON for the report: writing the machine description, reading through {@link Json}. */
final class Jsons {
    private Jsons() {
    }

    /** Parses JSON text (objects as ordered maps, numbers as Double). */
    static Object read(String text) {
        return Json.parse(text);
    }

    /** Writes maps, lists, strings, numbers, booleans and null as indented JSON. */
    static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, "");
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object v, String indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Map<?, ?> m) {
            b.append("{\n");
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                b.append(indent).append("  ");
                string(b, String.valueOf(e.getKey()));
                b.append(": ");
                write(b, e.getValue(), indent + "  ");
                b.append(it.hasNext() ? ",\n" : "\n");
            }
            b.append(indent).append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                write(b, l.get(i), indent);
            }
            b.append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else {
            string(b, v.toString());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
