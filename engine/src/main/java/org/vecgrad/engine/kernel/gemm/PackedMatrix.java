package org.vecgrad.engine.kernel.gemm;

/**
 * An immutable k × n B operand packed once, for products {@code C = alpha·op(A)·B + beta·C} that skip packing it
 * ({@link org.vecgrad.engine.Blas#spack}, {@link org.vecgrad.engine.Blas#sgemm(boolean, int, float, float[], int,
 * int, PackedMatrix, float, float[], int, int)}). Worth it when one B meets many A: a weight over the steps of a
 * recurrent network or over the batches a served model sees.
 *
 * <p>The layout is the packing of the backend that made it. The Vector API GEMM stores, for each depth block of
 * the kc its product uses for depth k, the kc × n block as NR-column panels (the last one only as wide as its
 * whole vectors), exactly as its per-product packing would: results are bit-identical to the unpacked product.
 * The scalar backend stores a plain k × n copy. A product on a backend or tile with another layout refuses it
 * ({@link IllegalArgumentException} naming both); pack again there.
 *
 * <p>The array is a copy: changing B afterwards does not change the packed operand.
 */
public final class PackedMatrix {
    /** How the elements are laid out: NR-column panels per depth block, or a plain k × n copy. */
    enum Kind { PANELS, PLAIN }

    final Kind kind;
    final int k;
    final int n;
    /** Depth of each packed block (the kc of the product at this k); k for {@link Kind#PLAIN}. */
    final int kc;
    /** Panel width NR; n for {@link Kind#PLAIN}. */
    final int nr;
    /** The F32 elements, or null. */
    final float[] f32;
    /** The F64 elements, or null. */
    final double[] f64;

    PackedMatrix(Kind kind, int k, int n, int kc, int nr, float[] f32, double[] f64) {
        this.kind = kind;
        this.k = k;
        this.n = n;
        this.kc = kc;
        this.nr = nr;
        this.f32 = f32;
        this.f64 = f64;
    }

    /** Rows k of op(B) (the product's depth). */
    public int rows() {
        return k;
    }

    /** Columns n of op(B) and of C. */
    public int columns() {
        return n;
    }

    /** True for F32 elements, false for F64. */
    public boolean isF32() {
        return f32 != null;
    }

    /** Elements held, padding included: the memory this operand keeps (times the element size). */
    public int packedLength() {
        return f32 != null ? f32.length : f64.length;
    }

    /** The layout for messages: {@code "panels NR=16 kc=256"} or {@code "plain"}. */
    String layout() {
        return kind == Kind.PLAIN ? "plain" : "panels NR=" + nr + " kc=" + kc;
    }

    /**
     * Throws unless this operand is {@code f32 ? F32 : F64}, of layout {@code kind} with panel width {@code nr}
     * and depth block {@code kc}.
     */
    void require(boolean f32, Kind kind, int nr, int kc, String backend) {
        if (isF32() != f32) {
            throw new IllegalArgumentException("gemm (packed B): B is " + (isF32() ? "F32" : "F64")
                    + " but the product is " + (f32 ? "F32" : "F64"));
        }
        if (this.kind != kind || (kind == Kind.PANELS && (this.nr != nr || this.kc != kc))) {
            String want = kind == Kind.PLAIN ? "plain" : "panels NR=" + nr + " kc=" + kc;
            throw new IllegalArgumentException("gemm (packed B): B (" + k + " × " + n + ") was packed as " + layout()
                    + " but the " + backend + " GEMM needs " + want + "; pack it again with Blas.spack/dpack on the"
                    + " backend that multiplies");
        }
    }

    @Override
    public String toString() {
        return "PackedMatrix[" + (isF32() ? "F32 " : "F64 ") + k + " × " + n + ", " + layout() + "]";
    }
}
