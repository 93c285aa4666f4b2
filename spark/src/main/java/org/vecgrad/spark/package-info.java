/**
 * vecgrad on Apache Spark: batch inference over DataFrames and RDDs, and data-parallel training. Spark is a
 * {@code provided} dependency of this module only; user documentation: {@code docs/spark.md}.
 *
 * <pre>{@code
 * ModelFactory factory = () -> new Sequential(new Linear(64, 64, true, 1), new ReLU(), new Linear(64, 10, true, 2));
 * // train: P partitions, one optimizer on the driver
 * DataParallelTrainer t = new DataParallelTrainer(spark, factory, p -> new Adam(p, 3e-3), CrossEntropyLoss::new)
 *         .batchSize(256).shuffle(42);
 * History h = t.fit(ShardedData.of(spark, train, 4), 20);
 * t.model().save(Path.of("digits.safetensors"));
 * // score: the model built and loaded once per executor JVM
 * BatchPredictor p = BatchPredictor.load(spark, "file:///…/digits.safetensors", factory);
 * Dataset<Row> scored = new VecgradTransformer(p).setInputCol("features").setOutputCol("logits").transform(df);
 * }</pre>
 *
 * <h2>Key ideas</h2>
 * <ul>
 *   <li><b>Code and weights travel apart.</b> The architecture is a serializable {@link org.vecgrad.spark.ModelFactory}
 *       (a lambda), shipped in task closures; weights are safetensors bytes, broadcast (inference) or sent per
 *       step (training). Or the model comes whole as an ONNX file ({@code BatchPredictor.loadOnnx}).</li>
 *   <li><b>One model per executor JVM for inference</b> ({@link org.vecgrad.spark.ModelCache}), shared by all
 *       tasks: {@code Module.predict} is thread-safe. Training borrows models from a per-JVM pool, one per running
 *       task, and overwrites their whole state first.</li>
 *   <li><b>Fixed summation order.</b> Per-partition results (gradients, BatchNorm statistics) are collected in
 *       partition order and combined on the driver in that order, so runs are bit-reproducible whatever order
 *       the tasks finish in; a task is a pure function of its inputs, so retries change nothing
 *       ({@link org.vecgrad.spark.DataParallelTrainer}).</li>
 *   <li><b>No oversubscription.</b> Each task caps vecgrad's GEMM threads (default 1): Spark already runs one
 *       task per core.</li>
 * </ul>
 */
package org.vecgrad.spark;
