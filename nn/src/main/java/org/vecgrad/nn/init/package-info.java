/**
 * Weight initializers ({@link org.vecgrad.nn.init.Init}), under the names PyTorch's {@code torch.nn.init} and
 * Keras's {@code initializers} use: constants, uniform and normal draws, Keras's truncated normal, and the
 * fan-scaled schemes of Glorot &amp; Bengio (2010, "xavier"/"glorot"), He et al. (2015, "kaiming"/"he") and LeCun
 * et al. (1998, "lecun"), all expressed as Keras's variance scaling.
 *
 * <pre>{@code
 * RandomGenerator rng = Init.generator(42);
 * Init.kaimingUniform(weight, rng);                                          // weight is [out, in]
 * Init.standardUniform(bias, Init.Fans.of(weight.shape()), rng);             // PyTorch's Linear bias
 * }</pre>
 *
 * Each initializer fills an {@link org.vecgrad.engine.NdArray} in place, in row-major order, from the generator
 * it is given: the same seed gives the same weights on every run. Fans follow PyTorch's weight layout
 * ({@code [out, in, k…]}) unless given explicitly. Not here: orthogonal, sparse and identity/Dirac initializers.
 */
package org.vecgrad.nn.init;
