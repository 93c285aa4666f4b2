/**
 * Data for training: a {@link org.vecgrad.nn.data.Dataset} abstraction (PyTorch's map-style dataset), the
 * in-memory {@link org.vecgrad.nn.data.TensorDataset}, a seeded {@link org.vecgrad.nn.data.DataLoader}, synthetic
 * problems and data sets ({@link org.vecgrad.nn.data.Datasets}: two circles, moons, spirals, XOR, the bundled
 * digits and iris data sets, Fashion-MNIST from a local copy), a numeric {@link org.vecgrad.nn.data.CsvReader}, an
 * {@link org.vecgrad.nn.data.Idx} reader for the MNIST file format, a (stratified) train/test split, a
 * {@link org.vecgrad.nn.data.StandardScaler}, and per-sample image {@link org.vecgrad.nn.data.Transforms}
 * (seeded random crop and flip, normalisation) that a loader applies as it makes batches.
 *
 * <pre>{@code
 * Datasets.Split s = Datasets.trainTestSplit(Datasets.digits(), 0.2, true, 42);
 * StandardScaler scaler = StandardScaler.fit(s.train().features());   // fit on train only
 * DataLoader loader = new DataLoader(scaler.transform(s.train()), 64).shuffle(42);
 * for (Batch b : loader) { ... b.x() [64, 64], b.labels() ... }
 *
 * Datasets.Split f = Datasets.fashionMnist();                          // [60000, 1, 28, 28], pixels in [0, 1]
 * Transform augment = Transform.compose(Transforms.randomCrop(28, 2), Transforms.randomHorizontalFlip());
 * DataLoader images = new DataLoader(f.train(), 64).shuffle(42).transform(augment, 7);
 * for (Batch b : images) { ... b.x() [64, 1, 28, 28] (NCHW), b.labels() ... }
 * }</pre>
 *
 * <ul>
 *   <li>Reproducible: every random choice comes from a seed (SplitMix64), given or, for {@code shuffle()} and
 *       {@code trainTestSplit} without one, taken from {@link org.vecgrad.nn.Rng} (fixed by
 *       {@code Rng.manualSeed}); a loader's order in epoch e depends only on (seed, e), and the augmentation of
 *       sample i in epoch e only on (transform seed, e, i).</li>
 *   <li>Images are NCHW: a dataset of images has features {@code [n, C, H, W]}, so its batches are
 *       {@code [b, C, H, W]}; flat rows become images with {@link org.vecgrad.nn.data.TensorDataset#reshapeFeatures}
 *       (the digits: {@code reshapeFeatures(1, 8, 8)}).</li>
 *   <li>Files are read strictly: a malformed IDX file gets an {@link org.vecgrad.nn.data.IdxFormatException} naming
 *       the file, the field and the values, and no size from a file is allocated before it has been checked.</li>
 *   <li>Nothing is downloaded: Fashion-MNIST is read from a directory (by default where Debian's
 *       {@code dataset-fashion-mnist} installs it), and a missing copy gets a message saying how to get it.</li>
 *   <li>Single-threaded and in memory; batches are copies, so a training step may modify them freely.</li>
 * </ul>
 * The bundled data sets come from scikit-learn (see {@code ATTRIBUTION} and the {@code .rst} descriptions next to
 * the data files). Not here: worker threads, streaming (iterable) datasets, image file decoding (PNG, JPEG), text.
 */
package org.vecgrad.nn.data;
