/**
 * Layers: {@link org.vecgrad.nn.layers.Linear} (PyTorch's layout and init), {@link org.vecgrad.nn.layers.Dense}
 * (Keras's layout, builder and defaults, lazily sized), one layer per activation (see
 * {@link org.vecgrad.nn.layers.Activation#of} for the names), {@link org.vecgrad.nn.layers.Maxout},
 * {@link org.vecgrad.nn.layers.Dropout} (inverted, seeded), {@link org.vecgrad.nn.layers.Flatten}, and the merge
 * layers {@link org.vecgrad.nn.layers.Concatenate} and {@link org.vecgrad.nn.layers.Add} for the functional API, and
 * {@link org.vecgrad.nn.layers.Embedding} (a lookup table by integer ids, with PyTorch's padding_idx).
 *
 * <p>Shapes: inputs are batches, axis 0 the sample; dense layers act on the last axis. Every layer's javadoc
 * states its formula and derivative; the values used at kinks are the engine's ({@link org.vecgrad.engine.UnaryOp}).
 * Weights are F32 by default ({@link org.vecgrad.nn.Module#to} converts), and reproducible from their seed.
 */
package org.vecgrad.nn.layers;
