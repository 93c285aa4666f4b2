/**
 * The scalar reference backend: every kernel of the SPI as a plain Java loop. It is the oracle the SIMD kernels are
 * property-tested against, and the backend the provider falls back to when the Vector API is absent
 * ({@code --add-modules jdk.incubator.vector} missing) or forced off ({@code -Dvecgrad.kernels=scalar}).
 */
package org.vecgrad.engine.kernel.scalar;
