package org.vecgrad.autodiff;

/** A function of tensors returning one tensor, as checked by {@link GradCheck} and differentiated by {@link Autograd#jvp}. */
@FunctionalInterface
public interface TensorFunction {
    /** The output for these inputs; must not modify them. */
    Tensor apply(Tensor... inputs);
}
