package org.vecgrad.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer for safetensors headers; no dependencies.
 *
 * <p>Values map to: object → {@code LinkedHashMap<String, Object>} (key order kept, duplicate keys rejected),
 * array → {@code List<Object>}, string → {@code String}, number → {@link Num} (the literal text, converted on
 * demand), {@code true}/{@code false} → {@code Boolean}, {@code null} → {@link #NULL}. Nesting deeper than the
 * given bound is rejected before it can exhaust the stack. Errors carry the character offset in the text.
 */
final class Json {
    private Json() {
    }

    /** The JSON {@code null} (a Java null would be ambiguous in maps). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number, kept as its literal text (already checked against the JSON grammar). */
    record Num(String text) {
        /** The value as a non-negative long, or -1 if it is not a non-negative integer literal that fits. */
        long asNonNegativeLong() {
            if (text.isEmpty() || text.charAt(0) == '-' || text.indexOf('.') >= 0 || text.indexOf('e') >= 0
                    || text.indexOf('E') >= 0 || text.length() > 19) {
                return -1;
            }
            return Long.parseLong(text); // ≤ 19 digits and no sign: fits unless above Long.MAX_VALUE
        }

        @Override
        public String toString() {
            return text;
        }
    }

    // ------------------------------------------------------------------------------------------------ reader

    /**
     * Parses one JSON value that must span {@code text} up to trailing whitespace.
     *
     * @param what     names the text in error messages ("header")
     * @param maxDepth the deepest nesting of objects and arrays allowed (the top level is depth 1)
     */
    static Object parse(String text, String what, int maxDepth) throws SafeTensorsFormatException {
        Parser p = new Parser(text, what, maxDepth);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + p.describe() + " after the end of the JSON value");
        }
        return v;
    }

    private static final class Parser {
        final String s;
        final String what;
        final int maxDepth;
        int pos;

        Parser(String s, String what, int maxDepth) {
            this.s = s;
            this.what = what;
            this.maxDepth = maxDepth;
        }

        SafeTensorsFormatException error(String msg) {
            return new SafeTensorsFormatException("invalid JSON in " + what + " at character " + pos + ": " + msg);
        }

        String describe() {
            if (pos >= s.length()) {
                return "end of text";
            }
            char c = s.charAt(pos);
            return c < 0x20 || c > 0x7e ? String.format("character U+%04X", (int) c) : "'" + c + "'";
        }

        void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    break;
                }
                pos++;
            }
        }

        Object value(int depth) throws SafeTensorsFormatException {
            if (pos >= s.length()) {
                throw error("expected a value, found end of text");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", NULL);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("expected a value, found " + describe());
                }
            };
        }

        Object literal(String word, Object v) throws SafeTensorsFormatException {
            if (!s.startsWith(word, pos)) {
                throw error("expected a value, found " + describe());
            }
            pos += word.length();
            return v;
        }

        void enter(int depth) throws SafeTensorsFormatException {
            if (depth > maxDepth) {
                throw error("nesting deeper than " + maxDepth + " levels");
            }
        }

        Map<String, Object> object(int depth) throws SafeTensorsFormatException {
            enter(depth);
            pos++; // '{'
            Map<String, Object> m = new LinkedHashMap<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw error("expected a string key, found " + describe());
                }
                int keyAt = pos;
                String key = string();
                skipWs();
                expect(':');
                skipWs();
                Object v = value(depth);
                if (m.containsKey(key)) {
                    pos = keyAt;
                    throw error("duplicate key \"" + key + "\"");
                }
                m.put(key, v);
                skipWs();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        List<Object> array(int depth) throws SafeTensorsFormatException {
            enter(depth);
            pos++; // '['
            List<Object> a = new ArrayList<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return a;
            }
            while (true) {
                skipWs();
                a.add(value(depth));
                skipWs();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return a;
            }
        }

        void expect(char c) throws SafeTensorsFormatException {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "', found " + describe());
            }
            pos++;
        }

        String string() throws SafeTensorsFormatException {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("unescaped control character U+" + String.format("%04X", (int) c) + " in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    pos++;
                    continue;
                }
                pos++;
                if (pos >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        char u = hex4();
                        if (Character.isHighSurrogate(u)) {
                            if (!s.startsWith("\\u", pos)) {
                                throw error("unpaired surrogate \\u" + String.format("%04X", (int) u));
                            }
                            pos += 2;
                            char lo = hex4();
                            if (!Character.isLowSurrogate(lo)) {
                                throw error("unpaired surrogate \\u" + String.format("%04X", (int) u));
                            }
                            sb.append(u).append(lo);
                        } else if (Character.isLowSurrogate(u)) {
                            throw error("unpaired surrogate \\u" + String.format("%04X", (int) u));
                        } else {
                            sb.append(u);
                        }
                    }
                    default -> {
                        pos--;
                        throw error("invalid escape \\" + describe());
                    }
                }
            }
        }

        char hex4() throws SafeTensorsFormatException {
            if (pos + 4 > s.length()) {
                throw error("truncated \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int h = Character.digit(s.charAt(pos), 16);
                if (h < 0) {
                    throw error("invalid hex digit " + describe() + " in a \\u escape");
                }
                v = v * 16 + h;
                pos++;
            }
            return (char) v;
        }

        Num number() throws SafeTensorsFormatException {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == '0') {
                pos++;
            } else if (pos < s.length() && s.charAt(pos) >= '1' && s.charAt(pos) <= '9') {
                digits();
            } else {
                throw error("expected a digit, found " + describe());
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                if (digits() == 0) {
                    throw error("expected a digit after '.', found " + describe());
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (digits() == 0) {
                    throw error("expected a digit in the exponent, found " + describe());
                }
            }
            return new Num(s.substring(start, pos));
        }

        int digits() {
            int n = 0;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
                n++;
            }
            return n;
        }
    }

    // ------------------------------------------------------------------------------------------------ writer

    /** Appends {@code v} as a JSON string literal; non-ASCII characters are written as themselves. */
    static void writeString(StringBuilder sb, String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
