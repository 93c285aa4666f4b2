package org.vecgrad.engine.kernel;

/**
 * An immutable k × n B operand packed once, for products {@code C = alpha·op(A)·B + beta·C} that skip packing it
 * ({@link org.vecgrad.engine.Blas#spack}, {@link org.vecgrad.engine.Blas#sgemm(boolean, int, float, float[], int,
 * int, PackedMatrix, float, float[], int, int)}). Worth it when one B meets many A: a weight over the steps of a
 * recurrent network or over the batches a served model sees.
 *
 * <p>The layout is the packing of the backend that made it. The Vector API GEMM stores, for each depth block of
 * the kc its product uses for depth k, the kc × n block as NR-column panels (the last one only as wide as its
 * whole vectors), exactly as its per-product packing would. The scalar backend stores B as it was stored (a plain
 * k × n copy, or with {@code transB} an n × k copy and the flag). On both, results are bit-identical to the unpacked
 * product. A product on a backend or tile with another layout refuses it ({@link IllegalArgumentException} naming
 * both); pack again there.
 *
 * <p>The array is a copy: changing B afterwards does not change the packed operand.
 *
 * <p><b>Users</b> get one from {@code Blas.spack}/{@code dpack} and pass it to the packed {@code Blas.sgemm}/
 * {@code dgemm}; they need nothing else here. <b>Backends</b> ({@link GemmKernels} implementations) use the
 * constructor, {@link #kind()} and the element accessors {@link #f32()}/{@link #f64()}: they are public only because
 * the backends live in another package (not exported by the engine module), and they hand out the backend's own
 * array, which nothing else may write to.
 */
public final class PackedMatrix {
    /**
     * How the elements are laid out: NR-column panels per depth block; a plain k × n copy of B; or a plain n × k copy
     * of a B stored transposed (op(B) = Bᵀ).
     */
    public enum Kind { PANELS, PLAIN, PLAIN_TRANSPOSED }

    private final Kind kind;
    private final int k;
    private final int n;
    /** Depth of each packed block (the kc of the product at this k); unused by the plain kinds. */
    private final int kc;
    /** Panel width NR; unused by the plain kinds. */
    private final int nr;
    private final float[] f32;
    private final double[] f64;

    /**
     * For {@link GemmKernels} implementations (users call {@code Blas.spack}/{@code dpack}): k × n elements (exactly
     * one of f32, f64 non-null, taken as is, not copied) in layout {@code kind}, cut into depth blocks of kc and
     * panels nr wide. The array's length must be {@code k·n} for the plain kinds, and {@code k·w} for
     * {@link Kind#PANELS}, w the packed width of a depth block: n rounded up within its last panel
     * ({@code n ≤ w ≤ n} rounded up to a multiple of nr).
     *
     * @throws IllegalArgumentException naming the values, for a null kind, not exactly one array, k, n or kc
     *                                  negative, nr below 1, or a length that does not fit the layout
     */
    public PackedMatrix(Kind kind, int k, int n, int kc, int nr, float[] f32, double[] f64) {
        if (kind == null) {
            throw new IllegalArgumentException("PackedMatrix: kind is null (PANELS, PLAIN or PLAIN_TRANSPOSED)");
        }
        if ((f32 == null) == (f64 == null)) {
            throw new IllegalArgumentException("PackedMatrix: exactly one of f32 and f64 must be non-null, got "
                    + (f32 == null ? "neither" : "both"));
        }
        if (k < 0 || n < 0 || kc < 0 || nr < 1) {
            throw new IllegalArgumentException("PackedMatrix: k = " + k + ", n = " + n + ", kc = " + kc + ", nr = "
                    + nr + ": k, n and kc must be ≥ 0 and nr ≥ 1");
        }
        long length = f32 != null ? f32.length : f64.length;
        if (kind != Kind.PANELS) {
            if (length != (long) k * n) {
                throw new IllegalArgumentException("PackedMatrix: a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " " + k + " × " + n + " operand holds k·n = " + (long) k * n + " elements, got an array of "
                        + length);
            }
        } else {
            long widest = (long) k * ((n + (long) nr - 1) / nr * nr);
            boolean fits = k == 0 ? length == 0 : length % k == 0 && length >= (long) k * n && length <= widest;
            if (!fits) {
                throw new IllegalArgumentException("PackedMatrix: a panels " + k + " × " + n + " operand (nr = " + nr
                        + ") holds k·w elements with " + n + " ≤ w ≤ " + (k == 0 ? n : widest / k)
                        + ", got an array of " + length);
            }
        }
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

    /** For {@link GemmKernels} implementations: how the elements are laid out. */
    public Kind kind() {
        return kind;
    }

    /** The layout, for messages: {@code "panels NR=16 kc=256"}, {@code "plain"} or {@code "plain transposed"}. */
    public String layout() {
        return describe(kind, nr, kc);
    }

    private static String describe(Kind kind, int nr, int kc) {
        return switch (kind) {
            case PANELS -> "panels NR=" + nr + " kc=" + kc;
            case PLAIN -> "plain";
            case PLAIN_TRANSPOSED -> "plain transposed";
        };
    }

    /**
     * Whether this operand is {@code f32 ? F32 : F64}, of layout {@code kind} with (for panels) panel width
     * {@code nr} and depth block {@code kc}: {@link #require(boolean, Kind, int, int, String)}'s test, for a backend
     * that builds its name for the message only when it fails (a product then allocates nothing).
     */
    public boolean fits(boolean f32, Kind kind, int nr, int kc) {
        return isF32() == f32 && this.kind == kind && (kind != Kind.PANELS || (this.nr == nr && this.kc == kc));
    }

    /**
     * Throws unless this operand is {@code f32 ? F32 : F64}, of layout {@code kind} with (for panels) panel width
     * {@code nr} and depth block {@code kc}. Checks the layout only: a backend that reads the elements also calls
     * {@link #require(boolean, Kind, int, int, long, String)} with the length its layout needs, before writing C.
     */
    public void require(boolean f32, Kind kind, int nr, int kc, String backend) {
        if (fits(f32, kind, nr, kc)) {
            return;
        }
        if (isF32() != f32) {
            throw new IllegalArgumentException("gemm (packed B): B is " + (isF32() ? "F32" : "F64")
                    + " but the product is " + (f32 ? "F32" : "F64"));
        }
        if (this.kind != kind || (kind == Kind.PANELS && (this.nr != nr || this.kc != kc))) {
            throw new IllegalArgumentException("gemm (packed B): B (" + k + " × " + n + ") was packed as " + layout()
                    + " but the " + backend + " GEMM needs " + describe(kind, nr, kc) + "; pack it again with"
                    + " Blas.spack/dpack on the backend that multiplies");
        }
    }

    /**
     * {@link #require(boolean, Kind, int, int, String)}, and throws unless the array holds exactly {@code length}
     * elements (what the backend's layout of k × n reads), so a product never fails part way through C.
     */
    public void require(boolean f32, Kind kind, int nr, int kc, long length, String backend) {
        require(f32, kind, nr, kc, backend);
        if (packedLength() != length) {
            throw new IllegalArgumentException("gemm (packed B): B (" + k + " × " + n + ", " + layout() + ") holds "
                    + packedLength() + " elements but the " + backend + " GEMM reads " + length
                    + " for it; pack it again with Blas.spack/dpack on the backend that multiplies");
        }
    }

    @Override
    public String toString() {
        return "PackedMatrix[" + (isF32() ? "F32 " : "F64 ") + k + " × " + n + ", " + layout() + "]";
    }
}
