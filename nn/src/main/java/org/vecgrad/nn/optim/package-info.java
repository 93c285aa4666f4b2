/**
 * Optimizers, learning-rate schedules and gradient clipping, with PyTorch's update rules, defaults and names.
 *
 * <pre>{@code
 * Adam opt = new Adam(model.parameters(), 1e-3);
 * CosineAnnealingLR schedule = new CosineAnnealingLR(opt, epochs);
 * for (int e = 0; e < epochs; e++) {
 *     for (Batch b : loader) {
 *         opt.zeroGrad();
 *         ...forward, backward...
 *         GradClip.clipGradNorm(opt.parameters(), 1.0);
 *         opt.step();
 *     }
 *     schedule.step();
 * }
 * SafeTensors.save(path, opt.stateDict());  // resume later with loadStateDict
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.vecgrad.nn.optim.SGD} (momentum as in Sutskever et al., ICML 2013; Nesterov);</li>
 *   <li>{@link org.vecgrad.nn.optim.Adam} — Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR
 *       2015; AMSGrad from Reddi, Kale &amp; Kumar, "On the Convergence of Adam and Beyond", ICLR 2018;</li>
 *   <li>{@link org.vecgrad.nn.optim.AdamW} — Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization",
 *       ICLR 2019;</li>
 *   <li>{@link org.vecgrad.nn.optim.RMSprop} — Tieleman &amp; Hinton, Lecture 6.5, COURSERA: Neural Networks for
 *       Machine Learning, 2012 (centered variant: Graves, "Generating Sequences With Recurrent Neural Networks",
 *       2013);</li>
 *   <li>{@link org.vecgrad.nn.optim.Adagrad} — Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online
 *       Learning and Stochastic Optimization", JMLR 12, 2011;</li>
 *   <li>{@link org.vecgrad.nn.optim.StepLR}, {@link org.vecgrad.nn.optim.ExponentialLR},
 *       {@link org.vecgrad.nn.optim.CosineAnnealingLR} (Loshchilov &amp; Hutter, "SGDR", ICLR 2017);</li>
 *   <li>{@link org.vecgrad.nn.optim.GradClip}: clipGradNorm, clipGradValue.</li>
 * </ul>
 * Optimizers work on {@link org.vecgrad.nn.optim.Parameter}s (a named array and its gradient):
 * {@link org.vecgrad.nn.optim.TensorParameter} wraps an autodiff {@code Tensor} leaf,
 * {@link org.vecgrad.nn.optim.ArrayParameter} a plain array with a hand-set gradient. A step validates every hyperparameter and gradient before it changes anything.
 * Each update is one pass of the engine's optimizer-step kernel over the parameter (Vector API, or the scalar
 * reference, bit-identical); F32 parameters are updated in float arithmetic as PyTorch does (see
 * {@link org.vecgrad.nn.optim.Optimizer}). Not here: parameter groups with different hyperparameters, sparse
 * gradients, LBFGS, multi-threaded updates.
 */
package org.vecgrad.nn.optim;
