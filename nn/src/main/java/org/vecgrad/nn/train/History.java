package org.vecgrad.nn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns (Keras's {@code History}): for each key ("loss", "accuracy", "val_loss", …) the value
 * at the end of each epoch, in order; {@link #epochs()} gives the (0-based) epoch of each position.
 */
public final class History {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /** An empty history; {@link Trainer#fit} fills it (and other training loops, such as vecgrad-spark's). */
    public History() {
    }

    /** Appends the logs of {@code epoch} (0-based): one value per key; a key seen first now starts its list. */
    public void record(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        logs.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    /** The epochs recorded, 0-based. */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Key → per-epoch values (unmodifiable view). */
    public Map<String, List<Double>> history() {
        return Collections.unmodifiableMap(values);
    }

    /** The per-epoch values of {@code key}. */
    public List<Double> get(String key) {
        List<Double> v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "' in the history; keys are " + values.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** The last value of {@code key}. */
    public double last(String key) {
        List<Double> v = get(key);
        return v.get(v.size() - 1);
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
