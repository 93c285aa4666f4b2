package org.vecgrad.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Reads a numeric CSV file into a {@link TensorDataset}: every column a finite decimal number, one column the
 * label (an integer class index ≥ 0, or a real target with {@link #regression()}).
 *
 * <pre>{@code
 * TensorDataset d = new CsvReader().header(true).labelColumn("species").read(path);
 * }</pre>
 *
 * <p>Defaults: no header, separator ',', the last column is the label, F32 features. Fields may be surrounded by
 * spaces and by double quotes (no quote escaping inside fields: the format is numeric). Blank lines are skipped.
 * Every error is a {@link CsvFormatException} naming the source, the 1-based line (and column) and what was found.
 */
public final class CsvReader {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private boolean header;
    private char separator = ',';
    private int labelIndex = -1;
    private String labelName;
    private boolean regression;
    private int skipLines;
    private DType dtype = DType.F32;

    /** Thrown for malformed CSV input; the message names the source and the 1-based line. */
    public static final class CsvFormatException extends IOException {
        private static final long serialVersionUID = 1L;

        CsvFormatException(String message) {
            super(message);
        }
    }

    /** Whether the first (non-skipped) line holds column names (default false); returns this. */
    public CsvReader header(boolean header) {
        this.header = header;
        return this;
    }

    /** The field separator (default ','); returns this. */
    public CsvReader separator(char separator) {
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("separator " + separator + " cannot be a quote or a line break");
        }
        this.separator = separator;
        return this;
    }

    /** The label column by 0-based index; negative counts from the end (−1, the default, is the last). */
    public CsvReader labelColumn(int index) {
        this.labelIndex = index;
        this.labelName = null;
        return this;
    }

    /** The label column by its header name (needs {@code header(true)}). */
    public CsvReader labelColumn(String name) {
        this.labelName = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Reads the label column as a real target (an array [n, 1]) instead of an integer class index. */
    public CsvReader regression() {
        this.regression = true;
        return this;
    }

    /** Lines to skip before the header or data (default 0). */
    public CsvReader skipLines(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("skipLines " + lines + " must be >= 0");
        }
        this.skipLines = lines;
        return this;
    }

    /** The dtype of the features (and targets); default F32. */
    public CsvReader dtype(DType dtype) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        return this;
    }

    /** Reads a UTF-8 file. */
    public TensorDataset read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /** Reads from {@code in} (not closed); {@code source} names it in error messages. */
    public TensorDataset read(Reader in, String source) throws IOException {
        BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int lineNo = 0;
        for (int i = 0; i < skipLines; i++) {
            lineNo++;
            if (br.readLine() == null) {
                throw new CsvFormatException(source + ": ended at line " + lineNo + " while skipping " + skipLines
                        + " lines");
            }
        }
        String[] names = null;
        int columns = -1;
        if (header) {
            String line;
            do {
                line = br.readLine();
                lineNo++;
            } while (line != null && line.isBlank());
            if (line == null) {
                throw new CsvFormatException(source + ": no header line (the input is empty)");
            }
            names = split(line);
            for (int i = 0; i < names.length; i++) {
                names[i] = unquote(names[i].strip());
            }
            columns = names.length;
        } else if (labelName != null) {
            throw new IllegalStateException("labelColumn(\"" + labelName + "\") needs header(true)");
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        int label = -2;
        String line;
        while ((line = br.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = split(line);
            if (columns < 0) {
                columns = fields.length;
            }
            if (label == -2) {
                label = resolveLabel(names, columns, source);
            }
            if (fields.length != columns) {
                throw new CsvFormatException(source + ": line " + lineNo + " has " + fields.length + " fields, "
                        + "expected " + columns + (header ? " (as in the header)" : " (as in the first row)"));
            }
            double[] row = new double[columns];
            for (int c = 0; c < columns; c++) {
                String f = unquote(fields[c].strip());
                String col = "column " + (c + 1) + (names != null ? " (\"" + names[c] + "\")" : "");
                if (f.isEmpty()) {
                    throw new CsvFormatException(source + ": line " + lineNo + ", " + col + ": empty field");
                }
                if (!NUMBER.matcher(f).matches()) {
                    throw new CsvFormatException(source + ": line " + lineNo + ", " + col + ": \"" + f
                            + "\" is not a decimal number");
                }
                row[c] = Double.parseDouble(f);
                if (!Double.isFinite(row[c])) {
                    throw new CsvFormatException(source + ": line " + lineNo + ", " + col + ": " + f
                            + " overflows a double");
                }
                if (c == label && !regression && (row[c] != Math.rint(row[c]) || row[c] < 0
                        || row[c] > Integer.MAX_VALUE)) {
                    throw new CsvFormatException(source + ": line " + lineNo + ", " + col + ": label " + f
                            + " is not a class index (an integer >= 0); use regression() for real targets");
                }
            }
            rows.add(row);
            lineNumbers.add(lineNo);
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(source + ": no data rows");
        }
        if (columns < 2) {
            throw new CsvFormatException(source + ": " + columns + " column; need at least one feature and the label");
        }
        int n = rows.size();
        NdArray x = NdArray.zeros(dtype, n, columns - 1);
        int[] labels = regression ? null : new int[n];
        NdArray y = regression ? NdArray.zeros(dtype, n, 1) : null;
        for (int r = 0; r < n; r++) {
            double[] row = rows.get(r);
            int k = 0;
            for (int c = 0; c < columns; c++) {
                if (c == label) {
                    if (regression) {
                        y.setFlat(r, row[c]);
                    } else {
                        labels[r] = (int) row[c];
                    }
                } else {
                    x.setFlat(r * (columns - 1) + k++, row[c]);
                }
            }
        }
        return regression ? TensorDataset.of(x, y) : TensorDataset.of(x, labels);
    }

    private int resolveLabel(String[] names, int columns, String source) throws CsvFormatException {
        if (labelName != null) {
            int found = Arrays.asList(names).indexOf(labelName);
            if (found < 0) {
                throw new CsvFormatException(source + ": no column named \"" + labelName + "\" in the header "
                        + Arrays.toString(names));
            }
            return found;
        }
        int idx = labelIndex < 0 ? columns + labelIndex : labelIndex;
        if (idx < 0 || idx >= columns) {
            throw new CsvFormatException(source + ": label column " + labelIndex + " is out of range for "
                    + columns + " columns");
        }
        return idx;
    }

    private String[] split(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == separator && !quoted) {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
        return out.toArray(new String[0]);
    }

    private static String unquote(String f) {
        return f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"'
                ? f.substring(1, f.length() - 1).strip() : f;
    }
}
