/**
 * Data for training: a {@link org.vecgrad.nn.data.Dataset} abstraction (PyTorch's map-style dataset), the
 * in-memory {@link org.vecgrad.nn.data.TensorDataset}, a seeded {@link org.vecgrad.nn.data.DataLoader}, synthetic
 * problems and bundled data sets ({@link org.vecgrad.nn.data.Datasets}: two circles, moons, spirals, XOR, the
 * digits and iris data sets), a numeric {@link org.vecgrad.nn.data.CsvReader}, a (stratified) train/test split and
 * a {@link org.vecgrad.nn.data.StandardScaler}.
 *
 * <pre>{@code
 * Datasets.Split s = Datasets.trainTestSplit(Datasets.digits(), 0.2, true, 42);
 * StandardScaler scaler = StandardScaler.fit(s.train().features());   // fit on train only
 * DataLoader loader = new DataLoader(scaler.transform(s.train()), 64).shuffle(42);
 * for (Batch b : loader) { ... b.x() [64, 64], b.labels() ... }
 * }</pre>
 *
 * <ul>
 *   <li>Reproducible: every random choice comes from a seed (SplitMix64), given or, for {@code shuffle()} and
 *       {@code trainTestSplit} without one, taken from {@link org.vecgrad.nn.Rng} (fixed by
 *       {@code Rng.manualSeed}); a loader's order in epoch e depends only on (seed, e).</li>
 *   <li>Single-threaded and in memory; batches are copies, so a training step may modify them freely.</li>
 * </ul>
 * The bundled data sets come from scikit-learn (see {@code ATTRIBUTION} and the {@code .rst} descriptions next to
 * the data files). Not here: worker threads, streaming (iterable) datasets, image or text decoding.
 */
package org.vecgrad.nn.data;
