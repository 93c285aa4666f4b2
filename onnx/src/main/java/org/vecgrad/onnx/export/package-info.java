/**
 * ONNX export: vecgrad models written as ONNX files that other runtimes (ONNX Runtime, and vecgrad's own
 * {@link org.vecgrad.onnx.OnnxModel}) run with the same outputs. No dependency: the protobuf writer is part of
 * this package.
 *
 * <pre>{@code
 * OnnxExporter.export(model, new int[] {1, 28, 28}, Path.of("net.onnx"));   // sample shape, no batch axis
 * OnnxModel back = OnnxModel.load(Path.of("net.onnx"));                      // or ONNX Runtime, anywhere
 * }</pre>
 *
 * <h2>What is written</h2>
 * <ul>
 *   <li>Opset 17 (IR version 8), one graph: inputs and outputs named ({@code input}/{@code output}, the
 *       functional Model's own names, or {@link org.vecgrad.onnx.export.ExportOptions}), axis 0 a named dynamic
 *       dimension ({@code batch}) unless told otherwise; weights as initializers named by their state-dict path,
 *       in the model's dtype.</li>
 *   <li>Evaluation semantics: what {@link org.vecgrad.nn.Module#predict} computes.</li>
 *   <li>The graph is checked before anything is written ({@code OnnxGraph.validate}): every node input defined
 *       before it is read, every value defined once, every initializer's bytes matching its dims.</li>
 * </ul>
 *
 * <h2>Layers</h2>
 * <table>
 *   <caption>vecgrad layer → ONNX nodes</caption>
 *   <tr><th>layer</th><th>ONNX</th></tr>
 *   <tr><td>Linear, Dense (with its activation)</td><td>Gemm on [n, in]; MatMul + Add on higher ranks</td></tr>
 *   <tr><td>Maxout</td><td>Gemm, Reshape, ReduceMax</td></tr>
 *   <tr><td>ReLU, Sigmoid, Tanh, Softplus, LeakyReLU, ELU, PReLU, Softmax, LogSoftmax</td><td>the op of that
 *       name (PReLU's per-channel slope as [C, 1, …])</td></tr>
 *   <tr><td>HardSigmoid (vecgrad's slope 1/4), HardTanh</td><td>HardSigmoid(α = 0.25, β = 0.5); Clip(−1, 1)</td></tr>
 *   <tr><td>GELU</td><td>exact: x·½(1 + erf(x/√2)) (Div, Erf, Add, Mul: opset 17 has no Gelu); tanh and sigmoid
 *       forms and the general N(μ, σ²) form likewise spelled out</td></tr>
 *   <tr><td>Swish / SiLU</td><td>x·Sigmoid(βx), β fixed or an initializer</td></tr>
 *   <tr><td>Identity, Dropout, Dropout2d</td><td>nothing (the identity in evaluation)</td></tr>
 *   <tr><td>Flatten</td><td>Flatten(axis 1)</td></tr>
 *   <tr><td>Conv1d, Conv2d, ConvTranspose2d</td><td>Conv / ConvTranspose with pads (per side, "same" resolved),
 *       strides, dilations, group, output_padding</td></tr>
 *   <tr><td>MaxPool1d, MaxPool2d, AvgPool2d</td><td>MaxPool / AveragePool with ceil_mode and
 *       count_include_pad</td></tr>
 *   <tr><td>AdaptiveAvgPool2d, GlobalAveragePooling2D</td><td>GlobalAveragePool (+ Flatten); an output size that
 *       divides the input: AveragePool with that window; other sizes are refused</td></tr>
 *   <tr><td>BatchNorm1d, BatchNorm2d</td><td>BatchNormalization with the running statistics (a layer without them
 *       is refused)</td></tr>
 *   <tr><td>LayerNorm</td><td>LayerNormalization (opset 17)</td></tr>
 *   <tr><td>GroupNorm</td><td>Reshape [N, G, −1], InstanceNormalization, Reshape back, Mul γ, Add β</td></tr>
 *   <tr><td>Embedding</td><td>Cast to INT64, Gather (the ids arrive as the model's float type, as
 *       {@code predict} takes them)</td></tr>
 *   <tr><td>Concatenate, Add</td><td>Concat, Add</td></tr>
 *   <tr><td>LSTM, GRU, RNN</td><td>one LSTM/GRU/RNN node per layer, gates reordered (see {@code Recurrent}),
 *       Transposes for batch_first</td></tr>
 * </table>
 */
package org.vecgrad.onnx.export;
