/**
 * Recurrent networks with PyTorch's semantics and parameter layouts, so weights move both ways by name.
 *
 * <h2>Layers and cells</h2>
 * {@link org.vecgrad.nn.rnn.RNN} (tanh or relu), {@link org.vecgrad.nn.rnn.LSTM} and {@link org.vecgrad.nn.rnn.GRU}
 * take PyTorch's arguments in PyTorch's order (input_size, hidden_size, num_layers, [nonlinearity,] bias,
 * batch_first, dropout, bidirectional) and a seed; their parameters are {@code weight_ih_l0}, {@code weight_hh_l0},
 * {@code bias_ih_l0}, {@code bias_hh_l0}, then {@code …_l0_reverse} and the next layers, with the gates stacked in
 * PyTorch's order (LSTM i, f, g, o; GRU r, z, n). {@code forward(x)} returns the output; {@code forward(x, h0[, c0]
 * [, lengths])} returns an {@link org.vecgrad.nn.rnn.RNNBase.Result}: the output, h_n and (LSTM) c_n.
 * {@link org.vecgrad.nn.rnn.RNNCell}, {@link org.vecgrad.nn.rnn.LSTMCell} and {@link org.vecgrad.nn.rnn.GRUCell}
 * are one step each, for hand-written loops.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(128, 256, 2, true, true, 0.1, false, 42);      // 2 layers, batch_first, dropout 0.1
 * RNNBase.Result r = lstm.forward(x, null, null, lengths);           // x [B, T, 128], lengths[b] in 1..T
 * Tensor last = r.hN().narrow(0, 1, 1).squeeze(0);                   // the top layer's final state [B, 256]
 * }</pre>
 *
 * <h2>Two implementations, one checked against the other</h2>
 * The cells are written with ordinary differentiable tensor operations: the reference, differentiable any number
 * of times. The layers run each direction of each layer as one {@link org.vecgrad.autodiff.Recurrent} op: one GEMM
 * for the input projections of all time steps, then per step one small GEMM (h·W_hhᵀ) and one fused loop over the
 * gates that writes the new state and keeps what the backward pass needs, with nothing allocated per step; its
 * backward through time runs the same way and ends with three GEMMs over all steps (input, W_ih and W_hh
 * gradients). Tests check the op by gradcheck (F64), the layers against loops of the cells on random shapes, and
 * both against PyTorch 1.13 on committed fixtures ({@code nn/src/test/fixtures/make_rnn_fixtures.py}): outputs,
 * final states and every gradient within 1e-10 in F64.
 *
 * <h2>Higher order and forward mode</h2>
 * The fused backward is the fast first-order path. A backward pass that records its graph (createGraph: gradient
 * penalties, Hessian-vector products, gradgradcheck) and forward mode ({@code Autograd.jvp}, a
 * {@code ForwardAD} dual level) run the op's Tensor-op twin instead, the step formulas written out one op at a
 * time, so the layers are differentiable any number of times and carry tangents; this path is slower and
 * allocates per step. Tests: gradgradcheck of whole layers (every cell, two layers, bidirectional, lengths) and
 * jvp against central differences.
 *
 * <h2>Variable lengths</h2>
 * With per-sequence lengths (ONNX's {@code sequence_lens}), steps t ≥ lengths[b] are padding: they output zeros
 * and leave the state as it was, so h_n is the state after each sequence's last step and a reverse direction
 * starts at that step, which is what PyTorch computes from a {@code PackedSequence} padded back with
 * {@code pad_packed_sequence}.
 */
package org.vecgrad.nn.rnn;
