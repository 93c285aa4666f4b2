/**
 * Runs ONNX models exported from PyTorch (or any exporter at opsets 11–20) on vecgrad's arrays, with no runtime
 * dependency: the protobuf reader is part of this package. User documentation: {@code docs/onnx.md}.
 *
 * <pre>{@code
 * OnnxModel model = OnnxModel.load(Path.of("classifier.onnx"));   // parse, check, compile: all or nothing
 * System.out.println(model.summary());                              // inputs, outputs, operators, parameters
 * NdArray probs = model.run(Map.of("input", batch)).get("output");  // any batch size where the axis is dynamic
 * }</pre>
 *
 * <h2>Reading</h2>
 * <ul>
 *   <li>{@code WireReader}: protobuf's four record kinds (varint, 64-bit, length-delimited, 32-bit) over one
 *       message's byte range; groups and unknown wire types are refused, unknown field numbers skipped.</li>
 *   <li>{@code OnnxProto}: the schema subset inference needs (ModelProto, GraphProto, NodeProto, AttributeProto,
 *       TensorProto with raw, typed and external data, ValueInfoProto/TypeProto shapes, OperatorSetIdProto) as
 *       records. Limits are checked before anything is allocated from a size read in the file: a length may not
 *       run past its enclosing message, graphs and types nest at most {@code MAX_DEPTH} (32) levels, a graph has
 *       at most a million nodes, initializers or value infos, a node 65 536 inputs, outputs or attributes, a tensor
 *       rank 64 and fewer than 2³¹ elements.</li>
 *   <li>{@code TensorData}: a tensor's declared shape must match its data exactly (raw bytes, one typed field,
 *       or an external range) before its array is allocated. External data follows ONNX's convention
 *       ({@code location}, {@code offset}, {@code length}): relative paths only, confined to the model's folder
 *       (no {@code ..}, no symbolic link out), ranges inside the file, a cap on the model's total, streamed in
 *       64 KiB chunks into the arrays.</li>
 * </ul>
 * Every refusal is an {@link org.vecgrad.onnx.OnnxFormatException} whose message gives the field path and byte
 * offset ({@code model.graph.initializer[0] ('W', at byte 85): raw_data has 20 bytes but FLOAT [2, 3] needs
 * 6 × 4 = 24}) or the node ({@code node 'loop1' (Loop, opset 13): operator Loop is not supported yet}); a model
 * that uses an operator, opset or data type vecgrad cannot run yet gets its subclass
 * {@link org.vecgrad.onnx.OnnxUnsupportedException}. No model loads half-way. The reader is fuzzed with Jazzer
 * ({@code OnnxFuzzTest}).
 *
 * <h2>Running</h2>
 * <ul>
 *   <li>The graph is checked whole at load: every input defined, one producer per value, no cycle (Kahn's
 *       algorithm gives the order), every node compiled by {@code Ops} with its attributes validated (an attribute
 *       the operator does not know is refused rather than ignored).</li>
 *   <li>Values are {@link org.vecgrad.engine.NdArray}s (F32/F64) or integer tensors (INT64 and the narrower
 *       integer and boolean types, widened): the shape arithmetic PyTorch emits for {@code x.view(x.size(0), -1)}
 *       runs on those, and is folded at load when its inputs are constants. Graph inputs are FLOAT or DOUBLE, or
 *       INT64/INT32 (token ids, sequence lengths) given as I64/I32 arrays.</li>
 *   <li>Operators: Gemm, MatMul, Add, Sub, Mul, Div, Pow, Sqrt, Exp, Log, Erf, Neg, Abs, Relu, LeakyRelu, PRelu,
 *       Elu, Selu, Sigmoid, HardSigmoid, Tanh, Softplus, Clip, Gelu, Softmax, LogSoftmax, Flatten, Reshape,
 *       Transpose, Concat, Split, Slice, Squeeze, Unsqueeze, Gather, Shape, Constant, Cast, Identity, Dropout,
 *       ReduceMean, ReduceSum, ReduceMax, Equal, Where, Expand, ConstantOfShape, Pad ({@code PadOp}: constant,
 *       reflect, edge, and wrap from opset 19; axes from 18; negative pads crop); Conv, ConvTranspose, MaxPool,
 *       AveragePool, GlobalAveragePool, BatchNormalization, LayerNormalization, InstanceNormalization
 *       ({@code SpatialOps}: 1-D and 2-D inputs; Conv takes any pads and every auto_pad; the pools and
 *       ConvTranspose need equal pads at both ends of an axis; refused by name: 3-D windows, MaxPool's Indices
 *       output and storage_order = 1, BatchNormalization's training_mode = 1, ConvTranspose with auto_pad SAME_*
 *       and no output_shape, or an output_shape that needs unequal pads); LSTM, GRU, RNN ({@code RecurrentOps}:
 *       on the fused recurrent kernel of autodiff, gates reordered from ONNX's order to PyTorch's once at load;
 *       every direction, sequence_lens, initial states, layout 0 and 1, any subset of Y, Y_h, Y_c; refused by
 *       name: non-default activations (RNN takes Tanh or Relu), activation_alpha/beta, clip, input_forget = 1,
 *       peepholes, GRU's linear_before_reset = 0).</li>
 *   <li>Opsets 18–20 are read with the changes that touch these operators: ReduceMean/ReduceMax axes as an
 *       input and Split's num_outputs (18), Pad's axes (18) and wrap mode (19), Gelu (20, and refused before
 *       20); attributes added in those opsets that vecgrad does not implement (AveragePool's dilations, Cast's
 *       saturate) are refused by name like any unknown attribute.</li>
 *   <li>Eval semantics only (Dropout is the identity). {@code run} is stateless and thread-safe.</li>
 *   <li>Serving: {@code OnnxModel.load} maps the file and decodes each initializer from the mapping into its array
 *       (the heap never holds the file and the weights at once). Gemm layers with constant weights are planned
 *       once ({@code Dense}: op(B) packed for the engine's GEMM at load, every batch size on the packed product,
 *       so {@code run} is batch-invariant: a row's output does not depend on the rows around it), a Relu that alone reads a Gemm's or Conv's output runs in place inside it, and max pooling whose
 *       windows lie inside the input skips the engine's argmax bookkeeping ({@code MaxPoolInside}).
 *       {@code OnnxServeBench} (bench module) compares {@code run} with ONNX Runtime.</li>
 * </ul>
 */
package org.vecgrad.onnx;
