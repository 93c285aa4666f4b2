/**
 * Special functions shared by the scalar and SIMD backends: {@link org.vecgrad.engine.kernel.math.Erf} (erf,
 * erfc, erfcx and the normal CDF, scalar) and the vector polynomials {@code VecMathF} / {@code VecMathD} (exp,
 * expm1, log, log1p, tanh, sigmoid, GELU) the SIMD kernels are built from. Accuracy contracts are stated on each
 * function and tested against the F64 scalar reference.
 */
package org.vecgrad.engine.kernel.math;
