package org.vecgrad.autodiff;

/**
 * The local backward rule of one operation for one of its inputs: given g = ∂L/∂y, the gradient of the final scalar
 * L with respect to the operation's output y, returns ∂L/∂x for the input x, which must have x's shape and dtype
 * (vector-Jacobian product gᵀ·∂y/∂x).
 *
 * <p>Rules are written with {@link Tensor} operations, so the same rule records a graph (and can be differentiated
 * again) when the backward pass runs with {@code createGraph}, and records nothing otherwise.
 */
@FunctionalInterface
public interface BackwardRule {
    /**
     * @param g the gradient flowing into the output, same shape as {@code y}
     * @param y the output of the operation
     * @return the gradient with respect to the input this rule belongs to
     */
    Tensor apply(Tensor g, Tensor y);
}
