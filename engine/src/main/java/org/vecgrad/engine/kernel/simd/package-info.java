/**
 * The Vector API backend ({@code jdk.incubator.vector}): elementwise ops, reductions and optimizer steps, at the
 * width {@link org.vecgrad.engine.kernel.simd.SimdSpecies} picks once ({@code -Dvecgrad.vectorBits} or the CPU's
 * preferred width). Nothing outside this package, {@code gemm} and {@code math} touches the incubator module, so a
 * JVM without it never loads these classes.
 */
package org.vecgrad.engine.kernel.simd;
