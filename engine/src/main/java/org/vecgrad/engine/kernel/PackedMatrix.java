package org.vecgrad.engine.kernel;

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
 * <p>The array is a copy: changing B afterwards does not change the packed operand. Users get one from
 * {@code Blas.spack}/{@code dpack}; the constructor and the element accessors are for {@link GemmKernels}
 * implementations, which own the elements (nothing else may write to them).
 */
public final class PackedMatrix {
    /** How the elements are laid out: NR-column panels per depth block, or a plain k × n copy. */
    public enum Kind { PANELS, PLAIN }

    private final Kind kind;
    private final int k;
    private final int n;
    /** Depth of each packed block (the kc of the product at this k); k for {@link Kind#PLAIN}. */
    private final int kc;
    /** Panel width NR; n for {@link Kind#PLAIN}. */
    private final int nr;
    private final float[] f32;
    private final double[] f64;

    /**
     * For {@link GemmKernels} implementations: k × n elements (exactly one of f32, f64 non-null) in layout
     * {@code kind}, cut into depth blocks of kc and panels nr wide.
     */
    public PackedMatrix(Kind kind, int k, int n, int kc, int nr, float[] f32, double[] f64) {
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

    /** For {@link GemmKernels} implementations: the F32 elements (not a copy; never write to them), or null. */
    public float[] f32() {
        return f32;
    }

    /** For {@link GemmKernels} implementations: the F64 elements (not a copy; never write to them), or null. */
    public double[] f64() {
        return f64;
    }

    /** Elements held, padding included: the memory this operand keeps (times the element size). */
    public int packedLength() {
        return f32 != null ? f32.length : f64.length;
    }

    /** The layout, for messages: {@code "panels NR=16 kc=256"} or {@code "plain"}. */
    public String layout() {
        return kind == Kind.PLAIN ? "plain" : "panels NR=" + nr + " kc=" + kc;
    }

    /**
     * Throws unless this operand is {@code f32 ? F32 : F64}, of layout {@code kind} with panel width {@code nr}
     * and depth block {@code kc}.
     */
    public void require(boolean f32, Kind kind, int nr, int kc, String backend) {
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
