package org.vecgrad.examples;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How an example runs: where it writes its pictures, whether it runs at full size or small ("quick", as the tests
 * do), the random seed, where it prints, and free-form {@code --key=value} settings (e.g. {@code --epochs=20}).
 *
 * @param outDir folder for the PNG/DOT/safetensors files (created when missing)
 * @param quick  small sizes, for tests: the same code path with fewer samples/epochs
 * @param seed   every random number of an example comes from this seed
 * @param out    where progress and tables are printed
 * @param params extra settings, read with {@link #intParam}/{@link #doubleParam}
 */
public record Options(Path outDir, boolean quick, long seed, PrintStream out, Map<String, String> params) {

    /** The default output folder: {@code -Dvecgrad.examples.out} (the pom sets examples/out), else ./out. */
    public static Path defaultOutDir() {
        return Path.of(System.getProperty("vecgrad.examples.out", "out")).toAbsolutePath().normalize();
    }

    public Options {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(out, "out");
        params = Map.copyOf(params);
    }

    /** Full size, seed 42, printing to System.out, writing to {@link #defaultOutDir()}. */
    public static Options defaults() {
        return new Options(defaultOutDir(), false, 42, System.out, Map.of());
    }

    /** Small sizes writing to {@code dir}, printing nothing: what the tests use. */
    public static Options quiet(Path dir) {
        return new Options(dir, true, 42, new PrintStream(OutputStream.nullOutputStream()), Map.of());
    }

    /** A copy with {@code out} as the print stream. */
    public Options withOut(PrintStream out) {
        return new Options(outDir, quick, seed, out, params);
    }

    /** A copy with one more {@code --key=value} setting. */
    public Options with(String key, String value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(key, value);
        return new Options(outDir, quick, seed, out, p);
    }

    /**
     * Parses {@code --out=DIR}, {@code --quick}, {@code --seed=N} and any other {@code --key=value}; blank arguments
     * are ignored (Maven passes an empty {@code example.args} as one). Each argument is split into words at white
     * space outside single or double quotes, and the quotes are dropped: Maven passes all of {@code example.args} as
     * one argument, so {@code -Dexample.args="--prompt='It is a truth' --temperature=0.5"} gives two settings.
     */
    public static Options parse(String... args) {
        Path dir = defaultOutDir();
        boolean quick = false;
        long seed = 42;
        Map<String, String> params = new LinkedHashMap<>();
        for (String raw : args) {
            for (String a : words(raw)) {
                if (!a.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + a
                            + "'; expected --out=DIR, --quick, --seed=N or --key=value");
                }
                String body = a.substring(2);
                int eq = body.indexOf('=');
                String key = eq < 0 ? body : body.substring(0, eq);
                String value = eq < 0 ? "true" : body.substring(eq + 1);
                switch (key) {
                    case "out" -> dir = Path.of(value).toAbsolutePath().normalize();
                    case "quick" -> quick = Boolean.parseBoolean(value);
                    case "seed" -> seed = Long.parseLong(value);
                    default -> params.put(key.toLowerCase(Locale.ROOT), value);
                }
            }
        }
        return new Options(dir, quick, seed, System.out, params);
    }

    /** {@code raw} split at white space outside quotes ('...' or "..."), the quotes removed; no empty words. */
    static java.util.List<String> words(String raw) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    w.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(ch);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in the arguments: " + raw);
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }

    /** The integer setting {@code key}, or {@code full} (normal run) / {@code small} (quick run) when absent. */
    public int intParam(String key, int full, int small) {
        String v = params.get(key);
        if (v == null) {
            return quick ? small : full;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + "=" + v + " is not an integer", e);
        }
    }

    /** The real setting {@code key}, or {@code dflt} when absent. */
    public double doubleParam(String key, double dflt) {
        String v = params.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + "=" + v + " is not a number", e);
        }
    }

    /** {@code outDir.resolve(name)}, creating the folder first. */
    public Path file(String name) {
        try {
            java.nio.file.Files.createDirectories(outDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the output folder " + outDir, e);
        }
        return outDir.resolve(name);
    }

    /** printf to {@link #out()} with the root locale (decimal points, not commas). */
    public void printf(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
    }

    /** print to {@link #out()}. */
    public void print(String text) {
        out.print(text);
    }

    /** println to {@link #out()}. */
    public void println(String line) {
        out.println(line);
    }
}
