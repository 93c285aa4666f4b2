/**
 * vecgrad nn: modules and layers, losses, the training loop, safetensors I/O, weight initializers, datasets and
 * data loading, optimizers, LR schedules and gradient clipping. See the package documentation of {@code org.vecgrad.nn}.
 */
module org.vecgrad.nn {
    requires transitive org.vecgrad.autodiff;

    exports org.vecgrad.nn;
    exports org.vecgrad.nn.layers;
    exports org.vecgrad.nn.loss;
    exports org.vecgrad.nn.train;
    exports org.vecgrad.nn.data;
    exports org.vecgrad.nn.init;
    exports org.vecgrad.nn.io;
    exports org.vecgrad.nn.optim;
    exports org.vecgrad.nn.rnn;
    exports org.vecgrad.nn.attention;
}
