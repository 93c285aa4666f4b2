package org.vecgrad.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.optim.Optimizer;

/**
 * A training checkpoint in one safetensors file: the model's parameters ({@code model.<name>}), the optimizer's
 * state ({@code optimizer.<key>}), and in the metadata the number of finished epochs ({@code epoch}) and each
 * random module's state ({@code rng.<path>}, e.g. Dropout's draw counter). The data order needs no state: the
 * loader's permutation is a function of (seed, epoch).
 *
 * <pre>{@code
 * Checkpoint.save(file, model, optimizer, 5);                        // after 5 epochs
 * int epoch = Checkpoint.load(file, model, optimizer);              // into a freshly built model and optimizer
 * trainer.fit(train, FitOptions.epochs(10).initialEpoch(epoch));   // same weights as 10 epochs straight
 * }</pre>
 */
public final class Checkpoint {
    /** Metadata key of the format marker. */
    public static final String FORMAT_KEY = "format";
    /** The format marker's value. */
    public static final String FORMAT = "vecgrad-checkpoint-1";

    private Checkpoint() {
    }

    /** Writes the model, optimizer (may be null), finished-epoch count and random states to {@code file}. */
    public static void save(Path file, Module model, Optimizer optimizer, int epoch) throws IOException {
        Objects.requireNonNull(model, "model");
        Map<String, NdArray> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        if (optimizer != null) {
            optimizer.stateDict().forEach((k, v) -> tensors.put("optimizer." + k, v));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT_KEY, FORMAT);
        meta.put("epoch", Integer.toString(epoch));
        model.randomStates().forEach((p, s) -> meta.put("rng." + p, join(s)));
        SafeTensors.save(file, tensors, meta);
    }

    /**
     * Restores a checkpoint into {@code model} and {@code optimizer} (may be null) and returns its epoch count.
     * Everything is checked before anything changes in the model (names, shapes, dtypes); if the optimizer's state
     * is then rejected, the model is put back as it was.
     */
    public static int load(Path file, Module model, Optimizer optimizer) throws IOException {
        Objects.requireNonNull(model, "model");
        SafeTensors.Contents c = SafeTensors.load(file);
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get(FORMAT_KEY))) {
            throw new IOException(file + " is not a vecgrad checkpoint (metadata " + FORMAT_KEY + " = "
                    + meta.get(FORMAT_KEY) + "); for plain weights use Module.load");
        }
        Map<String, NdArray> modelState = new LinkedHashMap<>();
        Map<String, NdArray> optState = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith("model.")) {
                modelState.put(k.substring(6), v);
            } else if (k.startsWith("optimizer.")) {
                optState.put(k.substring(10), v);
            } else {
                throw new IllegalArgumentException("checkpoint " + file + ": unexpected tensor '" + k + "'");
            }
        });
        Map<String, long[]> rng = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("rng.")) {
                rng.put(k.substring(4), split(v));
            }
        });
        Map<String, NdArray> before = model.stateDict();
        Map<String, long[]> rngBefore = model.randomStates();
        model.loadStateDict(modelState);
        try {
            model.setRandomStates(rng);
            if (optimizer != null) {
                optimizer.loadStateDict(optState);
            }
        } catch (RuntimeException e) {
            model.loadStateDict(before);
            model.setRandomStates(rngBefore);
            throw e;
        }
        return Integer.parseInt(meta.getOrDefault("epoch", "0"));
    }

    private static String join(long[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            sb.append(i == 0 ? "" : ",").append(s[i]);
        }
        return sb.toString();
    }

    private static long[] split(String s) {
        return s.isEmpty() ? new long[0] : Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
