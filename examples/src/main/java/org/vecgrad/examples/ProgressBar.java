package org.vecgrad.examples;

import java.util.Locale;

/**
 * A Keras-style progress line per epoch: {@code epoch 3/50 [==========>...] 24/32 loss 0.4213}. On a terminal it
 * redraws one line per batch; otherwise (a pipe, Maven, a log file) it prints one line when the epoch ends.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private final Options o;
    private final int epochs;
    private final int batches;
    private final boolean live;

    ProgressBar(Options o, int epochs, int batches) {
        this.o = o;
        this.epochs = epochs;
        this.batches = batches;
        java.io.Console c = System.console();
        this.live = o.out() == System.out && c != null && c.isTerminal();
    }

    /** After batch {@code done} (1-based) of epoch {@code epoch} (0-based) with the running mean loss. */
    void batch(int epoch, int done, double runningLoss) {
        if (live) {
            o.out().print("\r" + line(epoch, done, runningLoss) + "   ");
            o.out().flush();
        }
    }

    /** At the end of an epoch, with extra metrics, e.g. "acc 0.93  val_acc 0.91". */
    void epochEnd(int epoch, double loss, String metrics) {
        String s = line(epoch, batches, loss) + "  " + metrics;
        o.out().print(live ? "\r" + s + "\n" : s + "\n");
    }

    private String line(int epoch, int done, double loss) {
        int fill = (int) Math.round(WIDTH * done / (double) batches);
        String bar = "=".repeat(Math.max(0, fill - 1)) + (fill == WIDTH ? "=" : fill > 0 ? ">" : "")
                + ".".repeat(WIDTH - fill);
        int w = Integer.toString(epochs).length();
        return String.format(Locale.ROOT, "epoch %" + w + "d/%d [%s] %d/%d  loss %.4f", epoch + 1, epochs, bar,
                done, batches, loss);
    }
}
