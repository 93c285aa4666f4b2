package org.vecgrad.engine;

/** Element type of an {@link NdArray}: IEEE-754 binary32 ({@code float}) or binary64 ({@code double}). */
public enum DType {
    /** 32-bit float, Java {@code float}. */
    F32(4),
    /** 64-bit float, Java {@code double}. */
    F64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element: 4 or 8. */
    public int byteSize() {
        return byteSize;
    }
}
