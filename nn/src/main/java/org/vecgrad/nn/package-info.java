/**
 * vecgrad nn: what sits on top of the arrays to train networks. So far the parts that need no autodiff
 * {@code Tensor}:
 * <ul>
 *   <li>{@link org.vecgrad.nn.io} — safetensors files for weights and optimizer state;</li>
 *   <li>{@link org.vecgrad.nn.init} — weight initializers (Xavier/Glorot, Kaiming/He, LeCun, …);</li>
 *   <li>{@link org.vecgrad.nn.data} — datasets, a seeded data loader, synthetic and bundled data, CSV;</li>
 *   <li>{@link org.vecgrad.nn.optim} — SGD, Adam, AdamW, RMSprop, Adagrad, LR schedules, gradient clipping.</li>
 * </ul>
 * Not here yet: modules and layers ({@code Linear}, {@code Sequential}), losses and a training loop; they come
 * with the autodiff {@code Tensor}, which will implement {@link org.vecgrad.nn.optim.Parameter}.
 */
package org.vecgrad.nn;
