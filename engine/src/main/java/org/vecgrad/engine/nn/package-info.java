/**
 * The engine's neural-network kernels on {@link org.vecgrad.engine.NdArray}s: convolution (1-D, 2-D, transposed),
 * pooling (max, average, adaptive average) and normalization (batch, group, layer), F32 and F64. The autodiff
 * operations of {@code org.vecgrad.autodiff.NnOps} call them; nothing here records a graph.
 *
 * <pre>{@code
 * ConvGeometry g = ConvGeometry.conv2d("conv2d", x.shape(), w.shape(), new int[] {1, 1}, Padding.SAME,
 *         new int[] {1, 1}, 1);
 * NdArray y = Convolution.forward(x, w, b, g);          // [N, O, H, W]
 * NdArray dx = Convolution.inputGrad(gy, w, null, g);   // [N, C, H, W]
 * NdArray dw = Convolution.weightGrad(x, gy, g);        // [O, C, kH, kW]
 * }</pre>
 *
 * <h2>Shapes</h2>
 * {@link org.vecgrad.engine.nn.ConvGeometry}, {@link org.vecgrad.engine.nn.PoolGeometry} and
 * {@link org.vecgrad.engine.nn.Windows} hold the shape arithmetic (PyTorch's formulas, PyTorch's checks) and are
 * built once per call; every bad argument is refused there, with a message naming the operation or layer, the
 * shapes and the rule broken, before anything is computed.
 *
 * <h2>Convolution on the GEMM</h2>
 * Per image and group a convolution is a matrix product: the weight as Og × K (K = C/g·kH·kW) times the
 * im2col matrix K × P (P = OH·OW: column p holds the K input values output position p reads). The input gradient
 * is the transposed product followed by col2im (the adjoint of im2col), the weight gradient the product with the
 * im2col matrix transposed. All three run on {@link org.vecgrad.engine.Blas}'s packed SIMD GEMM; im2col is built in
 * column chunks in one per-thread buffer of at most max(2¹⁹, K + Og) elements (kept, so the steady state allocates
 * nothing but results), and a 1×1 stride-1 unpadded convolution skips it: its input already is that matrix.
 * A convolution with one input channel per group (depthwise, channel multipliers, a single input channel) is a
 * stencil instead, on the backend's register-blocked {@code tapAxpy}/{@code tapDot} kernels, or for a 3×3
 * stride-1 kernel on {@code stencil3x3}/{@code stencil3x3Dot} (see {@code Workspace} for their buffers). At
 * column stride 2 the im2col rows are copied by the backend's {@code stridedRows} (two loads and a rearrange of
 * their even lanes per vector of columns) and added back by {@code stridedTapsAdd}; above 2, each im2col row is one
 * masked SIMD gather. A stride-1 forward on images wider than a chunk
 * builds its chunks as bands of whole output rows on a grid OW + dW·(kW − 1) columns wide, each channel's band padded
 * once: every im2col row is then one copy from it at the flat offset of its tap (the grid's extra outputs are computed
 * and dropped), within the same buffer bound and, on the SIMD backend, with the same bits as the chunks built run by
 * run ({@code Workspace.bandRows}). The stride-1 input and weight gradients use the same bands: dx as the band's
 * Wᵀ·G on the grid (G gathered with zeros in the extra columns), each of its rows then added to the padded band in one
 * run (col2im without short runs); dw as the band's cols · Gᵀ, the K-row product, summed over the bands and added
 * transposed ({@code Workspace.backwardBandRows}).
 *
 * <h2 id="direct">Direct convolution (few channels, stride 1)</h2>
 * A convolution with one group, stride 1 and few channels (LeNet-5's 1 → 6 and 6 → 16 layers; the rule and its
 * measurements are in {@link org.vecgrad.engine.nn.DirectConv}) skips im2col: its GEMM would be a short, narrow
 * product whose time goes to building, packing and scattering the im2col matrix. Each image is zero-padded into
 * a per-thread plane of width Wp, output (oh, ow) is computed at flat index oh·Wp + ow, and every tap is then one
 * shift of that index ("wide rows": the columns past OW are scratch, dropped when added into y). The backend's
 * {@code convTaps} keeps 4 output channels × 3 vectors in registers (3 loads and 4 broadcasts per 12 FMAs); the
 * input gradient is the same kernel on the zero-padded output gradient with the weights transposed and flipped;
 * the weight gradient is {@code convTapDot}, 2 channels × 4 taps of dot products over a chunk of images. The
 * forward and input gradient run by bands of rows (bit-identical to one band) and split the (image, band) pairs
 * over the GEMM's threads, the weight gradient the output channels by pairs; buffers are per thread and bounded by
 * about 2¹⁹ elements each ({@code DirectConv.planeBound}, {@code outputBound}).
 * When the output channels fill one or two vectors (L ≤ O ≤ 2L: LeNet-5's 16), the kernels turn around and hold the
 * channels in the lanes instead ({@code convLanes}: a block of up to 12 positions of a row, one weight vector per
 * tap and one broadcast input per position; {@code convLanesDot} for the weight gradient, up to 8 taps per block):
 * no scratch columns, no masked tail, the same bits as the wide rows for the forward and the input gradient.
 * {@link org.vecgrad.engine.nn.DirectConv#setEnabled} turns the direct kernels off and
 * {@link org.vecgrad.engine.nn.DirectConv#select} picks a path by name, to measure them side by side.
 *
 * <h2>Per-dtype code</h2>
 * The loops that touch {@code float[]}/{@code double[]} directly (im2col, col2im, the GEMM drivers, pooling) are
 * written once in {@code engine/src/main/templates/org/vecgrad/engine/nn/Spatial-X.java.template} and generated
 * into {@code SpatialF32} and {@code SpatialF64} (see the templates' README), the direct convolution's driver
 * likewise in {@code DirectConv-X.java.template}; normalization needs no such code: it
 * runs on the backend's kernels through their float/double overloads.
 *
 * <h2>Threads</h2>
 * The GEMM runs on several threads, cutting C into blocks (never along the depth), and so does the direct
 * convolution (by images, or by pairs of output channels for its weight gradient, each sum in a fixed order);
 * everything else is sequential. Results are bit-identical for any thread count.
 */
package org.vecgrad.engine.nn;
