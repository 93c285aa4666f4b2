/**
 * vecgrad nn: safetensors I/O, weight initializers, datasets and data loading, optimizers, LR schedules and
 * gradient clipping. See the package documentation of {@code org.vecgrad.nn}.
 */
module org.vecgrad.nn {
    requires transitive org.vecgrad.autodiff;

    exports org.vecgrad.nn.data;
    exports org.vecgrad.nn.init;
    exports org.vecgrad.nn.io;
    exports org.vecgrad.nn.optim;
}
