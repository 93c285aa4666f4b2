/**
 * Layers: {@link org.vecgrad.nn.layers.Linear} (PyTorch's layout and init), {@link org.vecgrad.nn.layers.Dense}
 * (Keras's layout, builder and defaults, lazily sized), one layer per activation (see
 * {@link org.vecgrad.nn.layers.Activation#of} for the names), {@link org.vecgrad.nn.layers.Maxout},
 * {@link org.vecgrad.nn.layers.Dropout} (inverted, seeded), {@link org.vecgrad.nn.layers.Flatten}, and the merge
 * layers {@link org.vecgrad.nn.layers.Concatenate} and {@link org.vecgrad.nn.layers.Add} for the functional API, and
 * {@link org.vecgrad.nn.layers.Embedding} (a lookup table by integer ids, with PyTorch's padding_idx).
 *
 * <p>Convolutional networks, with PyTorch's names, defaults, initialisation and state-dict names (NCHW):
 * {@link org.vecgrad.nn.layers.Conv1d}, {@link org.vecgrad.nn.layers.Conv2d} and
 * {@link org.vecgrad.nn.layers.ConvTranspose2d} (a builder for stride, padding — numbers, per side, "same",
 * "valid" —, dilation, groups, output_padding, bias; see {@link org.vecgrad.nn.layers.ConvNd}),
 * {@link org.vecgrad.nn.layers.MaxPool1d}, {@link org.vecgrad.nn.layers.MaxPool2d},
 * {@link org.vecgrad.nn.layers.AvgPool2d}, {@link org.vecgrad.nn.layers.AdaptiveAvgPool2d},
 * {@link org.vecgrad.nn.layers.GlobalAveragePooling2D} (Keras's name), {@link org.vecgrad.nn.layers.BatchNorm1d}
 * and {@link org.vecgrad.nn.layers.BatchNorm2d} (running statistics as buffers), {@link
 * org.vecgrad.nn.layers.LayerNorm}, {@link org.vecgrad.nn.layers.GroupNorm} and {@link
 * org.vecgrad.nn.layers.Dropout2d}. Branches (an Inception block) join with {@code new Concatenate(1)}. Their
 * operations are {@link org.vecgrad.autodiff.NnOps}; the kernels live in {@code org.vecgrad.engine.nn}. A bad input
 * (wrong rank, channels that do not match or do not divide into the groups, a kernel larger than the padded input,
 * negative padding) is refused with a message that names the layer, the shapes and the rule.
 *
 * <p>Shapes: inputs are batches, axis 0 the sample; dense layers act on the last axis. Every layer's javadoc
 * states its formula and derivative; the values used at kinks are the engine's ({@link org.vecgrad.engine.UnaryOp}).
 * Weights are F32 by default ({@link org.vecgrad.nn.Module#to} converts), and reproducible from their seed.
 */
package org.vecgrad.nn.layers;
