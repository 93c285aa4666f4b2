package org.vecgrad.nn.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's console output. Mode 1 (a terminal): a bar redrawn in place with '\r' while the epoch runs
 * ({@code 12/32 [=========>....................] - ETA: 1s - loss: 0.6931}), then the epoch's final line. Mode 2
 * (output is a file or pipe): one plain line per epoch. Mode 0: silent.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 50_000_000L;

    private final PrintStream out;
    private final int mode;
    private long epochStart;
    private long lastDraw;
    private int lastLength;

    ProgressBar(PrintStream out, int mode) {
        this.out = out;
        this.mode = mode;
    }

    void epochBegin(int epoch, int epochs) {
        epochStart = System.nanoTime();
        lastDraw = 0;
        lastLength = 0;
        if (mode != 0) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    void batchEnd(int done, int total, Map<String, Double> logs) {
        if (mode != 1) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < REDRAW_NANOS) {
            return;                                           // redraw at most 20 times a second
        }
        lastDraw = now;
        double elapsed = (now - epochStart) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        String line = counter(done, total) + " " + bar(done, total) + " - ETA: " + Math.round(eta) + "s"
                + values(logs);
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        out.flush();
        lastLength = line.length();
    }

    void epochEnd(int total, Map<String, Double> logs) {
        if (mode == 0) {
            return;
        }
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        String time = Math.round(elapsed) + "s " + Math.round(elapsed * 1000 / Math.max(1, total)) + "ms/step";
        String line = mode == 1 ? counter(total, total) + " " + bar(total, total) + " - " + time + values(logs)
                : total + "/" + total + " - " + time + values(logs);
        if (mode == 1) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())) + "\n");
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String counter(int done, int total) {
        String t = Integer.toString(total);
        String d = Integer.toString(done);
        return " ".repeat(t.length() - d.length()) + d + "/" + t;
    }

    private static String bar(int done, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled - 1 || i == filled - 1 && done == total ? '=' : i == filled - 1 ? '>' : '.');
        }
        return sb.append(']').toString();
    }

    private static String values(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        logs.forEach((k, v) -> sb.append(" - ").append(k).append(": ").append(String.format(Locale.ROOT, "%.4f", v)));
        return sb.toString();
    }
}
