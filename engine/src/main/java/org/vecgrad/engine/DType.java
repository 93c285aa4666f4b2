package org.vecgrad.engine;

/**
 * Element type of an {@link NdArray}, named as safetensors and ONNX name them.
 *
 * <table>
 *   <caption>The dtypes, their Java storage and what they are for</caption>
 *   <tr><th>dtype</th><th>Java storage</th><th>bytes</th><th>PyTorch</th><th>for</th></tr>
 *   <tr><td>{@link #F32}</td><td>{@code float[]}</td><td>4</td><td>{@code torch.float32}</td>
 *       <td>parameters, activations (the default)</td></tr>
 *   <tr><td>{@link #F64}</td><td>{@code double[]}</td><td>8</td><td>{@code torch.float64}</td>
 *       <td>gradient checks, reference results</td></tr>
 *   <tr><td>{@link #I64}</td><td>{@code long[]}</td><td>8</td><td>{@code torch.int64}</td>
 *       <td>indices, labels, token ids, counters (what index and arg-reduction results are)</td></tr>
 *   <tr><td>{@link #I32}</td><td>{@code int[]}</td><td>4</td><td>{@code torch.int32}</td>
 *       <td>compact indices and labels</td></tr>
 *   <tr><td>{@link #BOOL}</td><td>{@code boolean[]}</td><td>1</td><td>{@code torch.bool}</td>
 *       <td>masks (what comparisons produce)</td></tr>
 * </table>
 *
 * <p>{@link #byteSize()} is the size of one element in a file or on the wire (a safetensors or ONNX tensor); a Java
 * {@code boolean[]} also takes one byte per element on HotSpot, though the JVM does not promise it.
 */
public enum DType {
    /** 32-bit IEEE-754 float, Java {@code float}. */
    F32(4, true, true),
    /** 64-bit IEEE-754 float, Java {@code double}. */
    F64(8, true, true),
    /** 64-bit two's-complement integer, Java {@code long}. */
    I64(8, false, true),
    /** 32-bit two's-complement integer, Java {@code int}. */
    I32(4, false, true),
    /** Boolean, Java {@code boolean}: true or false (1 or 0 where a number is asked for). */
    BOOL(1, false, false);

    private final int byteSize;
    private final boolean floatingPoint;
    private final boolean signed;

    DType(int byteSize, boolean floatingPoint, boolean signed) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
        this.signed = signed;
    }

    /** Bytes per element: 4 (F32, I32), 8 (F64, I64) or 1 (BOOL); PyTorch's {@code dtype.itemsize}. */
    public int byteSize() {
        return byteSize;
    }

    /** True for F32 and F64; PyTorch's {@code dtype.is_floating_point}. */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** True for I64 and I32 (not BOOL): the integer dtypes. */
    public boolean isIntegral() {
        return !floatingPoint && this != BOOL;
    }

    /** True for every dtype that can hold a negative value (all but BOOL); PyTorch's {@code dtype.is_signed}. */
    public boolean isSigned() {
        return signed;
    }
}
