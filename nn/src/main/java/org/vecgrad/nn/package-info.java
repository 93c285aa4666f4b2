/**
 * vecgrad nn: modules, layers, losses and training on top of the autodiff {@code Tensor}, with the parts that need
 * no Tensor in subpackages.
 *
 * <h2>Three ways to build a model</h2>
 * <pre>{@code
 * // 1. Subclass Module and write forward (PyTorch's nn.Module)
 * class Mlp extends Module {
 *     final Linear fc1 = register("fc1", new Linear(2, 16));
 *     final Linear fc2 = register("fc2", new Linear(16, 1));
 *     public Tensor forward(Tensor x) { return fc2.forward(fc1.forward(x).relu()).sigmoid(); }
 * }
 *
 * // 2. Sequential (PyTorch's nn.Sequential / Keras's Sequential)
 * Sequential seq = new Sequential(Dense.builder(16).activation("relu").inputDim(2).build(),
 *                                 new Dense(1, "sigmoid"));
 *
 * // 3. The functional API (Keras's functional Model)
 * SymbolicTensor x = Input.of("x", 2);
 * SymbolicTensor h = new Dense(16, "relu").call(x);
 * Model fn = Model.of(x, new Dense(1, "sigmoid").call(h));
 *
 * // Training (Keras's compile/fit) — or write the loop: zeroGrad, forward, loss, backward, step
 * Rng.manualSeed(42);                                  // weights, dropout, shuffling, splits: one seed
 * Trainer t = new Trainer(seq, new Adam(seq.parameters(), 0.01), new BCELoss()).metrics(new Accuracy());
 * History hist = t.fit(train, FitOptions.epochs(50).batchSize(32).validationSplit(0.1));
 * System.out.print(seq.summary());
 * NdArray probabilities = seq.predict(xTest);         // inference semantics, any thread, no graph
 * }</pre>
 *
 * <h2>Key ideas</h2>
 * <ul>
 *   <li>{@link org.vecgrad.nn.Module}: parameters and submodules registered by name, in order; full names such as
 *       {@code layers.0.weight}; {@code parameters()} feeds the optimizers of {@link org.vecgrad.nn.optim};
 *       buffers (state that is saved but not trained, such as BatchNorm's running statistics);
 *       {@code stateDict()}/{@code loadStateDict} (validated, all-or-nothing), {@code save}/{@code load}
 *       (safetensors); {@code train()}/{@code eval()}; a PyTorch-like {@code toString()} and Keras's
 *       {@code summary()}; Keras's {@code plot_model} as Graphviz DOT through {@link org.vecgrad.nn.ModelGraph}
 *       (subclassed modules are traced on one forward pass).</li>
 *   <li>Layers ({@link org.vecgrad.nn.layers}) use fused GEMM-based affine maps ({@link org.vecgrad.nn.Functional}):
 *       the transposes of the backward pass are GEMM flags, not copies.</li>
 *   <li>Seeds: {@link org.vecgrad.nn.Rng#manualSeed Rng.manualSeed(s)} fixes everything drawn without an
 *       explicit seed (weights, Dropout masks, DataLoader shuffling, splits, fit's order): each consumer takes a
 *       seed of its own when created and draws from its own SplitMix64 generator; no generator is shared.</li>
 *   <li><a id="Threads">Threads</a>: {@link org.vecgrad.nn.Module#predict} (or {@code forward} in an
 *       {@link org.vecgrad.nn.InferenceMode} scope) computes with inference semantics — no dropout, no graph —
 *       without touching the model's mode flag and without drawing a random number, so any number of threads
 *       can predict at once on one model, with the same outputs bit for bit as a serial run in eval mode, even
 *       while the model is in training mode. Training (a training-mode forward, backward, the optimizer step) and
 *       changing a module ({@code loadStateDict}, {@code to}, {@code train}/{@code eval}) are one thread per
 *       model, with no inference running on it at the same time.</li>
 *   <li>Losses ({@link org.vecgrad.nn.loss}) take PyTorch's reductions and are stable for extreme logits.</li>
 *   <li>Training ({@link org.vecgrad.nn.train}): {@code fit}/{@code evaluate}/{@code predict}, callbacks, and
 *       checkpoints that resume bit-identically.</li>
 * </ul>
 *
 * <h2>Subpackages without Tensor</h2>
 * <ul>
 *   <li>{@link org.vecgrad.nn.io} — safetensors files for weights and optimizer state;</li>
 *   <li>{@link org.vecgrad.nn.init} — weight initializers (Xavier/Glorot, Kaiming/He, LeCun, …);</li>
 *   <li>{@link org.vecgrad.nn.data} — datasets, a seeded data loader, synthetic and bundled data, CSV;</li>
 *   <li>{@link org.vecgrad.nn.optim} — SGD, Adam, AdamW, RMSprop, Adagrad, LR schedules, gradient clipping.</li>
 * </ul>
 *
 * <h2>What this package is not</h2>
 * No recurrent layers yet; no multi-GPU or data-parallel training (GEMMs
 * use several threads, see {@link org.vecgrad.engine.Blas#setNumThreads}). Modules are not safe to change or
 * train from several threads; inference is (see Threads above).
 */
package org.vecgrad.nn;
