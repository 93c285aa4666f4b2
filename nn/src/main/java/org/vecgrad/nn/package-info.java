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
 * Trainer t = new Trainer(seq, new Adam(seq.parameters(), 0.01), new BCELoss()).metrics(new Accuracy());
 * History hist = t.fit(train, FitOptions.epochs(50).batchSize(32).validationSplit(0.1));
 * System.out.print(seq.summary());
 * }</pre>
 *
 * <h2>Key ideas</h2>
 * <ul>
 *   <li>{@link org.vecgrad.nn.Module}: parameters and submodules registered by name, in order; full names such as
 *       {@code layers.0.weight}; {@code parameters()} feeds the optimizers of {@link org.vecgrad.nn.optim};
 *       buffers (state that is saved but not trained, such as BatchNorm's running statistics);
 *       {@code stateDict()}/{@code loadStateDict} (validated, all-or-nothing), {@code save}/{@code load}
 *       (safetensors); {@code train()}/{@code eval()}; a PyTorch-like {@code toString()} and Keras's
 *       {@code summary()}.</li>
 *   <li>Layers ({@link org.vecgrad.nn.layers}) use fused GEMM-based affine maps ({@link org.vecgrad.nn.Functional}):
 *       the transposes of the backward pass are GEMM flags, not copies.</li>
 *   <li>Seeds: every layer draws its weights from a SplitMix64 generator seeded explicitly or from
 *       {@link org.vecgrad.nn.Rng} (default seed 0), so the same seed gives the same weights on every machine.</li>
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
 * use several threads, see {@link org.vecgrad.engine.Blas#setNumThreads}). Modules are not thread-safe.
 */
package org.vecgrad.nn;
