/**
 * Keras-style training: {@link org.vecgrad.nn.train.Trainer} ({@code fit}, {@code evaluate}, {@code predict}),
 * {@link org.vecgrad.nn.train.FitOptions}, {@link org.vecgrad.nn.train.History}, metrics
 * ({@link org.vecgrad.nn.train.Accuracy}), callbacks ({@link org.vecgrad.nn.train.EarlyStopping},
 * {@link org.vecgrad.nn.train.ModelCheckpoint}) and {@link org.vecgrad.nn.train.Checkpoint}.
 *
 * <h2>Reproducible and resumable</h2>
 * A run is a function of its seeds: the loader's order in epoch e depends only on (seed, e), Dropout masks on each
 * layer's seed and call counter, and GEMM results not on the thread count. A checkpoint stores the weights, the
 * optimizer's state, the finished epochs and the counters; {@code fit} with {@code initialEpoch} then continues
 * bit-identically: 10 epochs straight and 5 + save + load + 5 give the same bits (tested).
 *
 * <h2>Output</h2>
 * Keras's progress bar on a terminal ('\r' redraws), one line per epoch otherwise; see {@code Trainer.verbose}.
 */
package org.vecgrad.nn.train;
