package org.vecgrad.autodiff;

import org.vecgrad.engine.NdArray;

/**
 * The forward-mode (jvp) rule of a {@linkplain Tensor#customWithJvp custom} operation y = f(x₀, x₁, …): given the
 * inputs' tangents ẋᵢ, returns ẏ = Σᵢ ∂y/∂xᵢ·ẋᵢ (Jacobian-vector product), shaped like y.
 */
@FunctionalInterface
public interface ForwardRule {
    /**
     * @param tangents one per input, null for an input without a tangent (its term is zero)
     * @return ẏ, with the result's shape and dtype; null when it is zero
     */
    NdArray apply(NdArray[] tangents);
}
