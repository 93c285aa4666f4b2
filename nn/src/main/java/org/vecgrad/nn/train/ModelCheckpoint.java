package org.vecgrad.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves after each epoch (Keras's {@code ModelCheckpoint}). The path may contain {@code {epoch}} or
 * {@code {epoch:02d}} (the 1-based epoch, as Keras numbers them). With {@code saveBestOnly}, saves only when the
 * monitored value improves (min mode, or max for names containing "acc"). {@code weightsOnly} writes the model's
 * state dict ({@link org.vecgrad.nn.Module#save}); otherwise a full {@link Checkpoint} with the optimizer state,
 * epoch count and random states, to resume from.
 */
public final class ModelCheckpoint implements Callback {
    private static final Pattern EPOCH = Pattern.compile("\\{epoch(?::0?(\\d+)d)?}");
    private final String path;
    private final String monitor;
    private final boolean saveBestOnly;
    private final boolean weightsOnly;
    private final boolean max;
    private Trainer trainer;
    private double best;

    /** Saves a full checkpoint after every epoch. */
    public ModelCheckpoint(Path path) {
        this(path, "val_loss", false, false);
    }

    /**
     * @param path         the file, optionally with {@code {epoch}}/{@code {epoch:02d}}
     * @param monitor      the log key compared when {@code saveBestOnly}
     * @param saveBestOnly save only on improvement
     * @param weightsOnly  only the model's weights instead of a full checkpoint
     */
    public ModelCheckpoint(Path path, String monitor, boolean saveBestOnly, boolean weightsOnly) {
        this.path = Objects.requireNonNull(path, "path").toString();
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.saveBestOnly = saveBestOnly;
        this.weightsOnly = weightsOnly;
        this.max = monitor.contains("acc");
    }

    @Override
    public void onTrainBegin(Trainer trainer) {
        this.trainer = trainer;
        best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double v = logs.get(monitor);
            if (v == null) {
                throw new IllegalStateException("ModelCheckpoint monitors '" + monitor + "', not among the logs "
                        + logs.keySet());
            }
            if (!(max ? v > best : v < best)) {
                return;
            }
            best = v;
        }
        Path file = fileFor(epoch);
        try {
            if (weightsOnly) {
                trainer.model().save(file);
            } else {
                Checkpoint.save(file, trainer.model(), trainer.optimizer(), epoch + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot write " + file, e);
        }
    }

    /** The file for 0-based {@code epoch} (the pattern gets epoch + 1). */
    public Path fileFor(int epoch) {
        Matcher m = EPOCH.matcher(path);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String n = Integer.toString(epoch + 1);
            int width = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement("0".repeat(Math.max(0, width - n.length())) + n));
        }
        m.appendTail(sb);
        return Path.of(sb.toString());
    }
}
