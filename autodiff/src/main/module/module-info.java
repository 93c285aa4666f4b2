/**
 * vecgrad autodiff: tensors that record their operations, the reverse-mode backward pass, higher-order and
 * forward-mode products, and GradCheck. See the package documentation of {@code org.vecgrad.autodiff}.
 */
module org.vecgrad.autodiff {
    requires transitive org.vecgrad.engine;

    exports org.vecgrad.autodiff;
}
