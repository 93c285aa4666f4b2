package org.vecgrad.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.data.Batch;
import org.vecgrad.nn.data.DataLoader;
import org.vecgrad.nn.data.Dataset;
import org.vecgrad.nn.data.Example;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.optim.ArrayParameter;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.nn.optim.Parameter;
import org.vecgrad.nn.optim.TensorParameter;
import org.vecgrad.nn.train.Checkpoint;
import org.vecgrad.nn.train.History;
import org.vecgrad.nn.train.Metric;

/**
 * Data-parallel training of a vecgrad model on Spark: the data spread over P partitions ({@link ShardedData}), the
 * model's master copy and the optimizer on the driver.
 *
 * <pre>{@code
 * ShardedData data = ShardedData.of(spark, train, 4);
 * DataParallelTrainer t = new DataParallelTrainer(spark, Digits::model, p -> new Adam(p, 3e-3), CrossEntropyLoss::new)
 *         .batchSize(128).shuffle(7).metrics(new Accuracy()).checkpointEvery(50, "hdfs:///ckpt/digits");
 * History h = t.fit(data, 30);                    // the same History as Trainer.fit
 * t.model().save(Path.of("digits.safetensors"));
 * }</pre>
 *
 * <h2>Steps and batches</h2>
 * Global step t belongs to epoch e = t / b (b = ⌈n / batchSize⌉ batches per epoch) and takes batch t mod b of
 * that epoch's order: {@code DataLoader.order(e)} of a loader with the same batch size and shuffle seed, so the
 * global batches are exactly those {@code Trainer.fit} would visit with {@code FitOptions.shuffle(seed)}.
 *
 * <h2>Synchronous mode (the default)</h2>
 * Each step is one Spark job: the driver broadcasts the parameters and the batch's global indices; partition k
 * computes the gradient of (n_k / B)·(mean loss over its n_k samples of the batch), whose sum over partitions is the
 * gradient of the global batch's mean loss; {@code collect()} returns the results ordered by partition index (not
 * by task completion), the driver sums them in that order and takes one optimizer step. For a model without batch
 * statistics or random layers, P partitions train like one JVM with the same global batch, up to the summation
 * order of the gradient (float rounding). BatchNorm normalises each partition's share with that share's own batch
 * statistics (as PyTorch's DDP without SyncBatchNorm), and Dropout's masks depend on (step, partition), so such
 * models train differently from one JVM (not worse). In every case two runs with the same seed and P are
 * bit-identical. Costs per step: one job (scheduling, a few ms locally, more on a
 * cluster), the parameters out and P gradients back.
 *
 * <h2>Local SGD mode ({@link #averageEvery(int) averageEvery(k)}, k ≥ 2)</h2>
 * DL4J's parameter averaging: each round of k steps is one job; every partition starts from the averaged model and
 * optimizer state, takes k optimizer steps of its own on its shares of the round's k global batches (the mean loss
 * over its share), and returns its model and optimizer state; the driver averages them (equal weights, partition
 * order). Traffic and scheduling drop k-fold; the price is that the partitions' models drift apart within a round
 * and their average is not the step one large batch would take, so convergence per sample is usually slower and
 * the result depends on P and k; it no longer equals single-JVM training. Deterministic all the same.
 *
 * <h2>Failures and checkpoints</h2>
 * A task is a pure function of its inputs ({@link StepTasks}), so Spark's retries change nothing. With
 * {@link #checkpointEvery(int, String)} the driver writes the model, the optimizer state and the step count every
 * N steps to {@code <dir>/checkpoint-<step>.safetensors} through Hadoop's FileSystem (the session's Hadoop
 * configuration: file://, hdfs://, s3a://, …); {@link #resume(String)} into a trainer built the same way continues
 * bit-identically to a run that never stopped, and {@link #resumeLatest(String)} picks the directory's latest
 * checkpoint. The file is a {@link Checkpoint} ({@code model.*}, {@code optimizer.*}; finished epochs, step, the
 * random layers' states {@code rng.*}, batch size, shuffle seed, P and averageEvery in the metadata), so
 * {@code Checkpoint.load} reads it too; a resume with another batch size, seed, P or averageEvery is refused. A
 * run resumed in the middle of an epoch reports that epoch's loss and metrics over the steps after the resume
 * only. In local SGD mode a checkpoint is written at the end of the round that reaches a multiple of N, and a run
 * split by {@code fitSteps} or a resume matches an unbroken run when it is split at a round boundary (a multiple
 * of k).
 *
 * <h2>Progress</h2>
 * Per epoch, the driver records the loss (the batch losses weighted by batch size, as {@code Trainer.fit}) and the
 * metrics, updated on each partition's outputs in partition order, in a {@link History}. The metrics see
 * {@code Batch}es whose x is an empty [n, 0] array (outputs and labels or targets are what is shipped back).
 *
 * <h2>Running statistics</h2>
 * In synchronous mode each task returns its model's buffers after the step's forward pass, and the driver sets its
 * own to their combination in partition order: BatchNorm's running_mean and running_var to the mean weighted by
 * the partitions' sample counts in the step, num_batches_tracked to the common count. (PyTorch's DDP broadcasts
 * rank 0's instead; the weighted mean uses every sample, and for running_mean equals what the global batch would
 * give.) Local SGD averages buffers with the rest of the model.
 */
public final class DataParallelTrainer {
    private final SparkSession spark;
    private final JavaSparkContext sc;
    private final ModelFactory modelFactory;
    private final LossFactory lossFactory;
    private final OptimizerFactory optimizerFactory;
    private final String modelKey;
    private final Module model;
    private final Optimizer optimizer;
    private final Map<String, ArrayParameter> params = new LinkedHashMap<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Double> stepLosses = new ArrayList<>();
    private int batchSize = 32;
    private boolean shuffle;
    private long seed;
    private int averageEvery = 1;
    private int checkpointEvery;
    private String checkpointDir;
    private int threadsPerTask = 1;
    private PrintStream out;
    private long step;
    private int lastBatchesPerEpoch;
    private int lastPartitions;
    /** What a resumed checkpoint was written with (0: no resume, or not recorded); checked by fitSteps. */
    private int resumedPartitions;
    private int resumedAverageEvery;

    /**
     * A trainer of the model {@code model} builds (on the driver now: training starts from its weights), with the
     * optimizer {@code optimizer} builds over its parameters and the loss {@code loss} builds.
     */
    public DataParallelTrainer(SparkSession spark, ModelFactory model, OptimizerFactory optimizer, LossFactory loss) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.modelFactory = Objects.requireNonNull(model, "model");
        this.optimizerFactory = Objects.requireNonNull(optimizer, "optimizer");
        this.lossFactory = Objects.requireNonNull(loss, "loss");
        this.modelKey = ModelCache.digestOf(model);
        ModelCache.digestOf(optimizer); // fails now, on the driver, if a factory cannot travel
        ModelCache.digestOf(loss);
        this.model = model.create();
        List<Parameter> ps = new ArrayList<>();
        for (TensorParameter p : this.model.parameters()) {
            ArrayParameter a = new ArrayParameter(p.name(), p.data());
            params.put(p.name(), a);
            ps.add(a);
        }
        this.optimizer = optimizer.create(ps);
    }

    /** The global batch size B (default 32); returns this. */
    public DataParallelTrainer batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataParallelTrainer: batchSize " + batchSize + " must be >= 1");
        }
        this.batchSize = batchSize;
        return this;
    }

    /** Visit the data in a new seeded permutation each epoch (as {@code FitOptions.shuffle(seed)}); returns this. */
    public DataParallelTrainer shuffle(long seed) {
        this.shuffle = true;
        this.seed = seed;
        return this;
    }

    /** Metrics reported beside the loss; returns this. */
    public DataParallelTrainer metrics(Metric... ms) {
        for (Metric m : ms) {
            metrics.add(Objects.requireNonNull(m, "metric"));
        }
        return this;
    }

    /**
     * 1 (default): synchronous training. k ≥ 2: local SGD, averaging the partitions' models every k steps (see the
     * class documentation for the trade-off); returns this.
     */
    public DataParallelTrainer averageEvery(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("DataParallelTrainer: averageEvery " + k + " must be >= 1");
        }
        this.averageEvery = k;
        return this;
    }

    /** Writes a checkpoint every {@code n} steps into directory {@code dirUri}; returns this. */
    public DataParallelTrainer checkpointEvery(int n, String dirUri) {
        if (n < 1) {
            throw new IllegalArgumentException("DataParallelTrainer: checkpointEvery " + n + " must be >= 1");
        }
        this.checkpointEvery = n;
        this.checkpointDir = Objects.requireNonNull(dirUri, "dirUri");
        return this;
    }

    /** GEMM threads per task (default 1: Spark runs one task per core already); returns this. */
    public DataParallelTrainer threadsPerTask(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("DataParallelTrainer: threadsPerTask " + threads + " must be >= 1");
        }
        this.threadsPerTask = threads;
        return this;
    }

    /** Prints one line per epoch to {@code out} (null: nothing, the default); returns this. */
    public DataParallelTrainer verbose(PrintStream out) {
        this.out = out;
        return this;
    }

    /** The driver's model: the trained weights. */
    public Module model() {
        return model;
    }

    /** The driver's optimizer (over {@link ArrayParameter}s named as {@code model.parameters()}). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Steps taken so far (counting those before a resumed checkpoint). */
    public long step() {
        return step;
    }

    /** The mean loss of each global batch trained by this trainer object, in order. */
    public List<Double> stepLosses() {
        return Collections.unmodifiableList(stepLosses);
    }

    // ============================================================================================ training

    /** Trains until {@code epochs} epochs are complete (counting those before a resume); the per-epoch history. */
    public History fit(ShardedData data, int epochs) {
        long total = (long) epochs * batchesPerEpoch(data);
        return fitSteps(data, Math.max(0, total - step));
    }

    /** Takes {@code steps} more global steps; the history of the epochs completed meanwhile. */
    public History fitSteps(ShardedData data, long steps) {
        Objects.requireNonNull(data, "data");
        if (steps < 0) {
            throw new IllegalArgumentException("DataParallelTrainer: steps " + steps + " must be >= 0");
        }
        checkResumedSettings(data);
        lastPartitions = data.partitions();
        StepTasks.Job job = new StepTasks.Job(modelKey, modelFactory, lossFactory, optimizerFactory,
                data.partitions(), threadsPerTask);
        Epochs epochs = new Epochs(data);
        History history = new History();
        long end = step + steps;
        while (step < end) {
            // a round ends at the next multiple of averageEvery (1 step in synchronous mode)
            int k = (int) Math.min(averageEvery - step % averageEvery, end - step);
            int[][] batches = new int[k][];
            for (int s = 0; s < k; s++) {
                batches[s] = epochs.batch(step + s);
            }
            List<StepTasks.Result> results = runRound(job, data, batches);
            for (int s = 0; s < k; s++) {
                epochs.record(step + s, results, s, history);
            }
            long before = step;
            step += k;
            if (checkpointEvery > 0 && step / checkpointEvery > before / checkpointEvery) {
                checkpoint(checkpointUri(checkpointDir, step));
            }
        }
        return history;
    }

    private List<StepTasks.Result> runRound(StepTasks.Job job, ShardedData data, int[][] batches) {
        boolean local = averageEvery > 1;
        byte[] optState = local ? SafeTensors.toBytes(optimizer.stateDict()) : null;
        StepTasks.Round round = new StepTasks.Round(step, SafeTensors.toBytes(model.stateDict()), optState, batches);
        Broadcast<StepTasks.Round> bc = sc.broadcast(round);
        List<StepTasks.Result> results;
        try {
            results = local
                    ? data.shards.map(s -> StepTasks.localSteps(job, bc.value(), s)).collect()
                    : data.shards.map(s -> StepTasks.gradients(job, bc.value(), s)).collect();
        } finally {
            bc.destroy();
        }
        if (local) {
            average(results);
        } else {
            applyGradients(results);
        }
        return results;
    }

    /** Sums the partitions' gradients in partition order and takes one optimizer step. */
    void applyGradients(List<StepTasks.Result> results) {
        Map<String, NdArray> sum = new LinkedHashMap<>();
        for (StepTasks.Result r : results) {          // collect() keeps partition order
            if (r.tensors() == null) {
                continue;
            }
            Blobs.arrays(r.tensors()).forEach((name, g) -> {
                NdArray acc = sum.get(name);
                if (acc == null) {
                    sum.put(name, g);
                } else {
                    acc.addInPlace(g);
                }
            });
        }
        optimizer.zeroGrad();
        sum.forEach((name, g) -> params.get(name).setGrad(g));
        optimizer.step();
        optimizer.zeroGrad();
        combineBuffers(results);
    }

    /**
     * Synchronous mode: sets the driver's buffers to the partitions' updated ones, combined in partition order:
     * floating-point buffers (BatchNorm's running_mean, running_var) to the mean weighted by each partition's
     * sample count in the step, Σ (n_k / n)·b_k; integral ones (num_batches_tracked, the same count on every
     * partition that trained) to the first such partition's value. Partitions without samples in the step do not
     * count. For running_mean this is the update the global batch's mean would give (up to rounding);
     * running_var becomes the weighted mean of the shards' variances, which leaves out the spread between the
     * shards' means.
     */
    void combineBuffers(List<StepTasks.Result> results) {
        long total = 0;
        for (StepTasks.Result r : results) {
            if (r.buffers() != null) {
                total += r.counts()[0];
            }
        }
        if (total == 0) {
            return;
        }
        Map<String, NdArray> combined = new LinkedHashMap<>();
        for (StepTasks.Result r : results) {          // partition order
            if (r.buffers() == null) {
                continue;
            }
            double w = r.counts()[0] / (double) total;
            Blobs.arrays(r.buffers()).forEach((name, b) -> {
                NdArray acc = combined.get(name);
                if (!b.dtype().isFloatingPoint()) {
                    combined.putIfAbsent(name, b);
                } else if (acc == null) {
                    combined.put(name, b.mulInPlace(w));
                } else {
                    acc.addInPlace(b.mulInPlace(w));
                }
            });
        }
        Map<String, NdArray> state = model.stateDict();
        state.putAll(combined);
        model.loadStateDict(state);
    }

    /** Local SGD: the equal-weight mean of the partitions' models and optimizer states, summed in partition order. */
    private void average(List<StepTasks.Result> results) {
        Map<String, NdArray> startModel = model.stateDict();
        Map<String, NdArray> startOpt = optimizer.stateDict();
        List<Map<String, NdArray>> models = new ArrayList<>();
        List<Map<String, NdArray>> opts = new ArrayList<>();
        for (StepTasks.Result r : results) {
            models.add(Blobs.arrays(r.tensors()));
            opts.add(Blobs.arrays(r.optimizerState()));
        }
        model.loadStateDict(mean(models, startModel));
        Map<String, NdArray> opt = mean(opts, startOpt);
        opt.put(Optimizer.LR_KEY, NdArray.scalar(DType.F64, optimizer.lr()));
        optimizer.loadStateDict(opt);
    }

    /**
     * The mean of each floating-point entry over the keys of all maps (in order of first appearance, partition
     * order); step counts (keys ending ".step") take their maximum, other integral entries the first value. A key a
     * partition lacks (its optimizer took no step in the round, e.g. with more partitions than a batch has
     * samples, so it has no Adam moments yet) counts as the round's starting value from {@code start}, and where
     * that lacks it too, as zeros (what an optimizer starts its moments from) and step 0.
     */
    private static Map<String, NdArray> mean(List<Map<String, NdArray>> maps, Map<String, NdArray> start) {
        Set<String> keys = new LinkedHashSet<>();
        maps.forEach(m -> keys.addAll(m.keySet()));
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (String key : keys) {
            NdArray like = null;
            for (Map<String, NdArray> m : maps) {
                like = like != null ? like : m.get(key);
            }
            NdArray fallback = start.get(key);
            if (key.endsWith(".step")) {
                double max = 0;
                for (Map<String, NdArray> m : maps) {
                    NdArray v = m.getOrDefault(key, fallback);
                    max = v == null ? max : Math.max(max, v.item());
                }
                out.put(key, NdArray.scalar(DType.F64, max));
            } else if (like.dtype().isFloatingPoint()) {
                NdArray acc = null;
                for (Map<String, NdArray> m : maps) {
                    NdArray v = m.getOrDefault(key, fallback);
                    NdArray t = v != null ? v : NdArray.zerosLike(like);
                    acc = acc == null ? t.copy() : acc.addInPlace(t);
                }
                out.put(key, acc.mulInPlace(1.0 / maps.size()));
            } else {
                out.put(key, like);
            }
        }
        return out;
    }

    // ============================================================================================ epochs, history

    private int batchesPerEpoch(ShardedData data) {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The global batches of each step, and the per-epoch accumulation of loss and metrics. */
    private final class Epochs {
        private final int n;
        private final int perEpoch;
        private final DataLoader loader;
        private int orderEpoch = -1;
        private int[] order;
        private final List<Metric> ms = new ArrayList<>();
        private double lossSum;
        private long seen;

        Epochs(ShardedData data) {
            this.n = data.size();
            this.perEpoch = batchesPerEpoch(data);
            lastBatchesPerEpoch = perEpoch;
            this.loader = new DataLoader(indexOnly(n), batchSize);
            if (shuffle) {
                loader.shuffle(seed);
            }
            metrics.forEach(m -> ms.add(m.copy()));
        }

        int[] batch(long t) {
            int e = Math.toIntExact(t / perEpoch);
            int b = (int) (t % perEpoch);
            if (e != orderEpoch) {
                order = loader.order(e);
                orderEpoch = e;
            }
            return Arrays.copyOfRange(order, b * batchSize, Math.min(n, (b + 1) * batchSize));
        }

        void record(long t, List<StepTasks.Result> results, int s, History history) {
            double sum = 0;
            int count = 0;
            for (StepTasks.Result r : results) {
                if (r.counts()[s] == 0) {
                    continue;
                }
                sum += r.lossSums()[s];
                count += r.counts()[s];
                if (!ms.isEmpty()) {
                    NdArray output = Blobs.array(r.outputs()[s]);
                    NdArray x = NdArray.zeros(DType.F32, r.counts()[s], 0);
                    Batch b = r.labels()[s] != null ? new Batch(x, r.labels()[s], null)
                            : new Batch(x, null, Blobs.array(r.targets()[s]));
                    for (Metric m : ms) {
                        m.update(output, b);
                    }
                }
            }
            stepLosses.add(sum / count);
            lossSum += sum;
            seen += count;
            if ((t + 1) % perEpoch == 0) {
                Map<String, Double> logs = new LinkedHashMap<>();
                logs.put("loss", lossSum / seen);
                for (Metric m : ms) {
                    logs.put(m.name(), m.result());
                }
                int epoch = Math.toIntExact(t / perEpoch);
                history.record(epoch, logs);
                if (out != null) {
                    out.println("epoch " + (epoch + 1) + ": " + logs);
                }
                lossSum = 0;
                seen = 0;
                ms.forEach(Metric::reset);
            }
        }
    }

    /** A data set of n samples used only for its size (DataLoader.order). */
    private static Dataset indexOnly(int n) {
        return new Dataset() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Example get(int i) {
                throw new UnsupportedOperationException("indices only");
            }
        };
    }

    // ============================================================================================ checkpoints

    /** Writes a checkpoint of the model, the optimizer and the step count to {@code uri} now. */
    public void checkpoint(String uri) {
        Map<String, NdArray> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        optimizer.stateDict().forEach((k, v) -> tensors.put("optimizer." + k, v));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(Checkpoint.FORMAT_KEY, Checkpoint.FORMAT);
        meta.put("epoch", Long.toString(lastBatchesPerEpoch == 0 ? 0 : step / lastBatchesPerEpoch));
        meta.put("step", Long.toString(step));
        meta.put("batch_size", Integer.toString(batchSize));
        meta.put("shuffle_seed", shuffle ? Long.toString(seed) : "none");
        if (lastPartitions > 0) {
            meta.put("partitions", Integer.toString(lastPartitions));
        }
        meta.put("average_every", Integer.toString(averageEvery));
        // as Checkpoint.save: so that Checkpoint.load accepts the file for a model with random layers
        model.randomStates().forEach((p, s) -> meta.put("rng." + p, joinLongs(s)));
        try {
            HadoopFiles.write(HadoopFiles.conf(spark), uri, SafeTensors.toBytes(tensors, meta));
        } catch (IOException e) {
            throw new UncheckedIOException("DataParallelTrainer: cannot write the checkpoint " + uri, e);
        }
    }

    /**
     * Restores a checkpoint written by {@link #checkpoint} (or by {@link #checkpointEvery}) into this trainer's model
     * and optimizer and continues from its step. The batch size and shuffle seed must be the checkpoint's (checked
     * now), and so must the number of partitions and averageEvery (checked when training continues).
     */
    public DataParallelTrainer resume(String uri) {
        SafeTensors.Contents c;
        try {
            c = Blobs.contents(HadoopFiles.read(HadoopFiles.conf(spark), uri));
        } catch (IOException e) {
            throw new UncheckedIOException("DataParallelTrainer: cannot read the checkpoint " + uri, e);
        }
        Map<String, String> meta = c.metadata();
        if (!Checkpoint.FORMAT.equals(meta.get(Checkpoint.FORMAT_KEY)) || meta.get("step") == null) {
            throw new IllegalArgumentException("DataParallelTrainer: " + uri + " is not a checkpoint of a"
                    + " DataParallelTrainer (no format marker or no step)");
        }
        String mySeed = shuffle ? Long.toString(seed) : "none";
        if (!Integer.toString(batchSize).equals(meta.get("batch_size")) || !mySeed.equals(meta.get("shuffle_seed"))) {
            throw new IllegalArgumentException("DataParallelTrainer: checkpoint " + uri + " has batch size "
                    + meta.get("batch_size") + " and shuffle seed " + meta.get("shuffle_seed") + ", this trainer "
                    + batchSize + " and " + mySeed + "; resume with the same settings");
        }
        Map<String, NdArray> m = new LinkedHashMap<>();
        Map<String, NdArray> o = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith("model.")) {
                m.put(k.substring(6), v);
            } else if (k.startsWith("optimizer.")) {
                o.put(k.substring(10), v);
            } else {
                throw new IllegalArgumentException("DataParallelTrainer: checkpoint " + uri + " has an unexpected"
                        + " tensor '" + k + "'");
            }
        });
        Map<String, long[]> rng = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("rng.") && !v.isEmpty()) {
                rng.put(k.substring(4), Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray());
            }
        });
        if (!rng.isEmpty() && !rng.keySet().equals(model.randomStates().keySet())) {
            throw new IllegalArgumentException("DataParallelTrainer: checkpoint " + uri + " has random states for "
                    + rng.keySet() + ", this model's random modules are " + model.randomStates().keySet());
        }
        Map<String, NdArray> before = model.stateDict();
        Map<String, long[]> rngBefore = model.randomStates();
        model.loadStateDict(m);
        try {
            optimizer.loadStateDict(o);
            if (!rng.isEmpty()) {
                model.setRandomStates(rng);
            }
        } catch (RuntimeException e) {
            model.loadStateDict(before);
            model.setRandomStates(rngBefore);
            throw e;
        }
        step = Long.parseLong(meta.get("step"));
        resumedPartitions = Integer.parseInt(meta.getOrDefault("partitions", "0"));
        resumedAverageEvery = Integer.parseInt(meta.getOrDefault("average_every", "0"));
        return this;
    }

    /**
     * {@link #resume(String) Resumes} from the checkpoint with the highest step among the
     * {@code checkpoint-<step>.safetensors} files in directory {@code dirUri} (as {@link #checkpointEvery} writes
     * them), e.g. after the job was killed; throws if there is none.
     */
    public DataParallelTrainer resumeLatest(String dirUri) {
        Objects.requireNonNull(dirUri, "dirUri");
        List<String> names;
        try {
            names = HadoopFiles.list(HadoopFiles.conf(spark), dirUri);
        } catch (IOException e) {
            throw new UncheckedIOException("DataParallelTrainer: cannot list the checkpoint directory " + dirUri, e);
        }
        long latest = -1;
        for (String name : names) {
            Matcher m = CHECKPOINT_NAME.matcher(name);
            if (m.matches()) {
                latest = Math.max(latest, Long.parseLong(m.group(1)));
            }
        }
        if (latest < 0) {
            throw new IllegalArgumentException("DataParallelTrainer: no checkpoint-<step>.safetensors in " + dirUri);
        }
        return resume(checkpointUri(dirUri, latest));
    }

    private static final Pattern CHECKPOINT_NAME = Pattern.compile("checkpoint-(\\d+)\\.safetensors");

    private static String checkpointUri(String dirUri, long step) {
        return dirUri + (dirUri.endsWith("/") ? "" : "/") + "checkpoint-" + step + ".safetensors";
    }

    /** A resumed run must keep the partitioning and the averaging period of the run that wrote the checkpoint. */
    private void checkResumedSettings(ShardedData data) {
        if (resumedPartitions > 0 && resumedPartitions != data.partitions()) {
            throw new IllegalArgumentException("DataParallelTrainer: the resumed checkpoint was written by a run on "
                    + resumedPartitions + " partitions, this data has " + data.partitions() + "; a resumed run"
                    + " continues bit-identically only with the same partitioning: shard the data into "
                    + resumedPartitions + " partitions");
        }
        if (resumedAverageEvery > 0 && resumedAverageEvery != averageEvery) {
            throw new IllegalArgumentException("DataParallelTrainer: the resumed checkpoint was written with"
                    + " averageEvery " + resumedAverageEvery + ", this trainer has averageEvery " + averageEvery
                    + "; resume with the same setting");
        }
    }

    private static String joinLongs(long[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            sb.append(i == 0 ? "" : ",").append(s[i]);
        }
        return sb.toString();
    }
}
