package org.vecgrad.nn.io;

import org.vecgrad.engine.DType;

/**
 * Element type of a tensor inside a safetensors file, named as the format names it, and the {@link DType} the
 * reader gives it in memory. vecgrad computes in five dtypes; a file may hold more, so the narrower ones widen
 * exactly on reading:
 *
 * <table>
 *   <caption>What each file dtype reads as, and which can be written</caption>
 *   <tr><th>file dtype</th><th>bytes</th><th>PyTorch</th><th>read as</th><th>written from</th></tr>
 *   <tr><td>{@link #F64}</td><td>8</td><td>{@code float64}</td><td>F64</td><td>F32, F64</td></tr>
 *   <tr><td>{@link #F32}</td><td>4</td><td>{@code float32}</td><td>F32</td><td>F32, F64 (rounded)</td></tr>
 *   <tr><td>{@link #F16}</td><td>2</td><td>{@code float16}</td><td>F32 (exact)</td>
 *       <td>F32, F64 (rounded to nearest even)</td></tr>
 *   <tr><td>{@link #BF16}</td><td>2</td><td>{@code bfloat16}</td><td>F32 (exact)</td>
 *       <td>F32, F64 (rounded to nearest even)</td></tr>
 *   <tr><td>{@link #F8_E4M3}</td><td>1</td><td>{@code float8_e4m3fn}</td><td>F32 (exact)</td><td>—</td></tr>
 *   <tr><td>{@link #F8_E5M2}</td><td>1</td><td>{@code float8_e5m2}</td><td>F32 (exact)</td><td>—</td></tr>
 *   <tr><td>{@link #I64}</td><td>8</td><td>{@code int64}</td><td>I64</td><td>I64</td></tr>
 *   <tr><td>{@link #I32}</td><td>4</td><td>{@code int32}</td><td>I32</td><td>I32</td></tr>
 *   <tr><td>{@link #I16}</td><td>2</td><td>{@code int16}</td><td>I32 (widened)</td><td>—</td></tr>
 *   <tr><td>{@link #I8}</td><td>1</td><td>{@code int8}</td><td>I32 (widened)</td><td>—</td></tr>
 *   <tr><td>{@link #U8}</td><td>1</td><td>{@code uint8}</td><td>I32 (widened, 0..255)</td><td>—</td></tr>
 *   <tr><td>{@link #BOOL}</td><td>1</td><td>{@code bool}</td><td>BOOL (a byte 0 or 1)</td><td>BOOL</td></tr>
 * </table>
 * The format's other dtypes (U16, U32, U64, C64, F8_E8M0, F4, F6_E2M3, F6_E3M2) are refused by name.
 */
public enum FileDType {
    F64(8, DType.F64),
    F32(4, DType.F32),
    F16(2, DType.F32),
    BF16(2, DType.F32),
    F8_E4M3(1, DType.F32),
    F8_E5M2(1, DType.F32),
    I64(8, DType.I64),
    I32(4, DType.I32),
    I16(2, DType.I32),
    I8(1, DType.I32),
    U8(1, DType.I32),
    BOOL(1, DType.BOOL);

    private final int byteSize;
    private final DType readsAs;

    FileDType(int byteSize, DType readsAs) {
        this.byteSize = byteSize;
        this.readsAs = readsAs;
    }

    /** Bytes per element in the file. */
    public int byteSize() {
        return byteSize;
    }

    /** The in-memory dtype the reader gives a tensor of this file dtype. */
    public DType readsAs() {
        return readsAs;
    }

    /** The file dtype with the same name as {@code dtype} (every {@link DType} is also a file dtype). */
    public static FileDType of(DType dtype) {
        return valueOf(dtype.name());
    }

    /**
     * True when an array of {@code dtype} can be written as this file dtype: a floating-point array as F64, F32,
     * F16 or BF16 (rounding as {@link NarrowFloats} rounds), any other array only as its own dtype.
     */
    public boolean canWrite(DType dtype) {
        return dtype.isFloatingPoint() ? this == F64 || this == F32 || this == F16 || this == BF16
                : this == of(dtype);
    }

    /** The names of the file dtypes the reader accepts, for messages: "F64, F32, F16, …". */
    static String readable() {
        StringBuilder sb = new StringBuilder();
        for (FileDType t : values()) {
            sb.append(sb.length() > 0 ? ", " : "").append(t.name());
        }
        return sb.toString();
    }
}
