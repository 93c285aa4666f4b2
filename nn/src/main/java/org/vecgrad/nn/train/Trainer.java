package org.vecgrad.nn.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.InferenceMode;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.data.Batch;
import org.vecgrad.nn.data.DataLoader;
import org.vecgrad.nn.data.Dataset;
import org.vecgrad.nn.data.Example;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.loss.Loss;
import org.vecgrad.nn.optim.Optimizer;

/**
 * Keras's {@code compile}/{@code fit}/{@code evaluate}/{@code predict} for a {@link Module}: a model, the
 * optimizer built on its {@code parameters()}, a loss and metrics.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, new Adam(model.parameters(), 0.01), new BCELoss()).metrics(new Accuracy());
 * History h = trainer.fit(train, FitOptions.epochs(50).batchSize(32).validationSplit(0.1));
 * Map<String, Double> test = trainer.evaluate(testSet, 256);      // {loss=…, accuracy=…}
 * NdArray probabilities = model.predict(testSet.features());          // or trainer.predict(x, batchSize)
 * }</pre>
 *
 * <h2>One training step</h2>
 * For each batch (labels, or targets y): output = model.forward(x); loss = loss.forward(output, labels or y);
 * gradients are cleared, {@code loss.backward()}, {@code optimizer.step()}. The reported "loss" is the mean of the
 * batch losses weighted by batch size (the epoch's mean per-sample loss for a MEAN-reduced loss), and metrics are
 * accumulated on the outputs seen during training, as Keras reports them. Batches are converted to the model's
 * dtype.
 *
 * <h2>Output</h2>
 * verbose 1: Keras's progress bar, redrawn with '\r'; verbose 2: one line per epoch; verbose 0: nothing. The default
 * ("auto") is 1 when standard output is a terminal ({@code System.console()} exists and
 * {@code isTerminal()}: since JDK 22 a Console may exist for redirected output) and 2 otherwise.
 *
 * <h2>Reproducibility</h2>
 * Epoch e visits the data in the DataLoader's permutation for (seed, e) (the seed given to
 * {@link FitOptions#shuffle(long)}, else one taken from {@link org.vecgrad.nn.Rng} when the options were created),
 * dropout masks come from the layers' seeded counters, and the GEMM's results do not depend on its thread count; so a run is bit-reproducible, and
 * resuming from a {@link Checkpoint} with {@code initialEpoch} continues it bit-identically.
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final List<Metric> metrics = new ArrayList<>();
    private int verbose = -1;
    private PrintStream out = System.out;
    private volatile boolean stop;

    /** A trainer of {@code model} by {@code optimizer} (built on the model's parameters) on {@code loss}. */
    public Trainer(Module model, Optimizer optimizer, Loss loss) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** Metrics reported beside the loss (e.g. {@code new Accuracy()}); returns this. */
    public Trainer metrics(Metric... metrics) {
        for (Metric m : metrics) {
            this.metrics.add(Objects.requireNonNull(m, "metric"));
        }
        return this;
    }

    /** 0 silent, 1 progress bar, 2 one line per epoch; returns this. */
    public Trainer verbose(int verbose) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose " + verbose + " must be 0, 1 or 2");
        }
        this.verbose = verbose;
        return this;
    }

    /** Where progress goes (default System.out); returns this. */
    public Trainer output(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        return this;
    }

    /** The model. */
    public Module model() {
        return model;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Ends {@link #fit} after the current epoch (for callbacks). */
    public void stopTraining() {
        stop = true;
    }

    // ================================================================================================ fit

    /** Keras's {@code fit(x, y)} with class labels: features [n, …] and n labels. */
    public History fit(NdArray x, int[] labels, FitOptions options) {
        return fit(TensorDataset.of(x, labels), options);
    }

    /** Keras's {@code fit(x, y)} with targets: features [n, …] and targets [n, …]. */
    public History fit(NdArray x, NdArray y, FitOptions options) {
        return fit(TensorDataset.of(x, y), options);
    }

    /** Trains on {@code train} as {@code options} say; returns the per-epoch history. */
    public History fit(Dataset train, FitOptions options) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(options, "options");
        Dataset trainSet = train;
        Dataset valSet = options.validationData;
        if (valSet == null && options.validationSplit > 0) {
            int n = train.size();
            int nVal = (int) Math.floor(n * options.validationSplit);
            if (nVal < 1 || nVal >= n) {
                throw new IllegalArgumentException("validationSplit " + options.validationSplit + " of " + n
                        + " samples leaves " + (n - nVal) + " for training and " + nVal + " for validation");
            }
            trainSet = view(train, 0, n - nVal);
            valSet = view(train, n - nVal, n);
        }
        DataLoader loader = new DataLoader(trainSet, options.batchSize);
        if (options.shuffle) {
            loader.shuffle(options.seed);
        }
        int mode = verbose >= 0 ? verbose : isTerminal() ? 1 : 2;
        ProgressBar bar = new ProgressBar(out, mode);
        History history = new History();
        stop = false;
        List<Metric> trainMetrics = copies();
        for (Callback c : options.callbacks) {
            c.onTrainBegin(this);
        }
        for (int epoch = options.initialEpoch; epoch < options.epochs && !stop; epoch++) {
            for (Callback c : options.callbacks) {
                c.onEpochBegin(epoch);
            }
            bar.epochBegin(epoch, options.epochs);
            model.train();
            trainMetrics.forEach(Metric::reset);
            double lossSum = 0;
            long seen = 0;
            int b = 0;
            int batches = loader.numBatches();
            Map<String, Double> logs = new LinkedHashMap<>();
            for (Batch batch : loader.epoch(epoch)) {
                Tensor output = model.forward(input(batch));
                Tensor l = lossOf(output, batch);
                optimizer.zeroGrad();
                l.backward();
                optimizer.step();
                lossSum += l.item() * batch.size();
                seen += batch.size();
                for (Metric m : trainMetrics) {
                    m.update(output.data(), batch);
                }
                b++;
                logs = logs(lossSum / seen, trainMetrics, "");
                for (Callback c : options.callbacks) {
                    c.onBatchEnd(b - 1, logs);
                }
                bar.batchEnd(b, batches, logs);
            }
            if (valSet != null) {
                logs.putAll(prefixed(evaluate(valSet, options.batchSize)));
            }
            history.record(epoch, logs);
            bar.epochEnd(batches, logs);
            for (Callback c : options.callbacks) {
                c.onEpochEnd(epoch, logs);
            }
        }
        for (Callback c : options.callbacks) {
            c.onTrainEnd();
        }
        return history;
    }

    private static boolean isTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    private static Map<String, Double> prefixed(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put("val_" + k, v));
        return out;
    }

    // ================================================================================================ evaluate, predict

    /**
     * The loss and metrics over {@code data} with inference semantics ({@link InferenceMode}: no dropout, no
     * graph; "loss" is the batch-size-weighted mean of the batch losses). The model's mode flag is not touched.
     */
    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        List<Metric> ms = copies();
        double lossSum = 0;
        long seen = 0;
        try (var _ = InferenceMode.enter()) {
            for (Batch batch : new DataLoader(data, batchSize)) {
                Tensor output = model.forward(input(batch));
                lossSum += lossOf(output, batch).item() * batch.size();
                seen += batch.size();
                for (Metric m : ms) {
                    m.update(output.data(), batch);
                }
            }
        }
        return logs(lossSum / seen, ms, "");
    }

    /**
     * The model's outputs for the rows of {@code x} ([n, …]), computed in batches and stacked: [n, output shape…];
     * {@link Module#predict(NdArray, int)}, so with inference semantics, the model's mode flag untouched, and safe
     * from many threads at once.
     */
    public NdArray predict(NdArray x, int batchSize) {
        return model.predict(x, batchSize);
    }

    // ================================================================================================ helpers

    private Tensor input(Batch batch) {
        DType dt = model.dtype();
        NdArray x = batch.x();
        return Tensor.of(dt == null || x.dtype() == dt ? x : x.to(dt));
    }

    private Tensor lossOf(Tensor output, Batch batch) {
        if (batch.labels() != null) {
            return loss.forward(output, batch.labels());
        }
        NdArray y = batch.y();
        return loss.forward(output, Tensor.of(y.dtype() == output.dtype() ? y : y.to(output.dtype())));
    }

    private List<Metric> copies() {
        List<Metric> out = new ArrayList<>();
        for (Metric m : metrics) {
            out.add(m.copy());
        }
        return out;
    }

    private static Map<String, Double> logs(double loss, List<Metric> ms, String prefix) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put(prefix + "loss", loss);
        for (Metric m : ms) {
            logs.put(prefix + m.name(), m.result());
        }
        return logs;
    }

    /** Samples [from, to) of {@code base} as a dataset (no copy). */
    static Dataset view(Dataset base, int from, int to) {
        return new Dataset() {
            @Override
            public int size() {
                return to - from;
            }

            @Override
            public Example get(int i) {
                return base.get(from + i);
            }

            @Override
            public Batch batch(int[] indices) {
                int[] idx = new int[indices.length];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = from + indices[i];
                }
                return base.batch(idx);
            }
        };
    }
}
