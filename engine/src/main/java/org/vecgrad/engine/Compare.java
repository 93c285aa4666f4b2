package org.vecgrad.engine;

/**
 * Comparisons and logical operations, each producing a BOOL array: scalar loops over the operands' storages with
 * NumPy broadcasting ({@link Broadcast#indexMap}). Floating-point operands compare as doubles (exact for F32 and
 * F64), integer and BOOL operands as longs, so large I64 values never round.
 */
final class Compare {
    enum Logic { AND, OR, XOR }

    private Compare() {
    }

    /** a op b with broadcasting; a and b share a dtype. */
    static NdArray arrays(CompareOp op, NdArray a, NdArray b) {
        NdArray.requireSameType(op.label(), a, b);
        int[] os = broadcast(op.label(), a.shape(), b.shape());
        NdArray out = NdArray.zeros(DType.BOOL, os);
        int[] ia = Broadcast.indexMap(a.shape(), os);
        int[] ib = Broadcast.indexMap(b.shape(), os);
        boolean[] m = out.booleanData();
        Storage sa = a.storage();
        Storage sb = b.storage();
        int ao = a.offset();
        int bo = b.offset();
        if (a.dtype().isFloatingPoint()) {
            for (int k = 0; k < m.length; k++) {
                m[k] = op.test(sa.getDouble(ao + ia[k]), sb.getDouble(bo + ib[k]));
            }
        } else {
            for (int k = 0; k < m.length; k++) {
                m[k] = op.fromOrder(Long.compare(sa.getLong(ao + ia[k]), sb.getLong(bo + ib[k])));
            }
        }
        return out;
    }

    /** a op s, element by element; integer elements compare with s exactly. */
    static NdArray scalar(CompareOp op, NdArray a, double s) {
        NdArray out = NdArray.zeros(DType.BOOL, a.shape());
        boolean[] m = out.booleanData();
        Storage sa = a.storage();
        int ao = a.offset();
        if (a.dtype().isFloatingPoint() || Double.isNaN(s)) {
            for (int i = 0; i < m.length; i++) {
                m[i] = op.test(sa.getDouble(ao + i), s);
            }
        } else {
            for (int i = 0; i < m.length; i++) {
                m[i] = op.fromOrder(compareExact(sa.getLong(ao + i), s));
            }
        }
        return out;
    }

    /** The sign of x − s, exactly (no rounding of x to a double); s is not NaN. */
    static int compareExact(long x, double s) {
        if (s >= 0x1p63) {
            return -1;
        }
        if (s < -0x1p63) {
            return 1;
        }
        long f = (long) Math.floor(s); // in [-2^63, 2^63): exact
        int c = Long.compare(x, f);
        return c != 0 ? c : (s == f ? 0 : -1); // x == floor(s) < s when s has a fraction
    }

    /** a ∧ b, a ∨ b or a ⊕ b with broadcasting; both BOOL. */
    static NdArray logical(Logic logic, NdArray a, NdArray b) {
        String op = switch (logic) {
            case AND -> "logicalAnd";
            case OR -> "logicalOr";
            case XOR -> "logicalXor";
        };
        requireBool(op, a);
        requireBool(op, b);
        int[] os = broadcast(op, a.shape(), b.shape());
        NdArray out = NdArray.zeros(DType.BOOL, os);
        int[] ia = Broadcast.indexMap(a.shape(), os);
        int[] ib = Broadcast.indexMap(b.shape(), os);
        boolean[] x = a.booleanData();
        boolean[] y = b.booleanData();
        boolean[] m = out.booleanData();
        int ao = a.offset();
        int bo = b.offset();
        for (int k = 0; k < m.length; k++) {
            boolean p = x[ao + ia[k]];
            boolean q = y[bo + ib[k]];
            m[k] = switch (logic) {
                case AND -> p && q;
                case OR -> p || q;
                case XOR -> p ^ q;
            };
        }
        return out;
    }

    /** ¬a; a BOOL. */
    static NdArray not(NdArray a) {
        requireBool("logicalNot", a);
        NdArray out = NdArray.zeros(DType.BOOL, a.shape());
        boolean[] x = a.booleanData();
        boolean[] m = out.booleanData();
        for (int i = 0; i < m.length; i++) {
            m[i] = !x[a.offset() + i];
        }
        return out;
    }

    private static void requireBool(String op, NdArray a) {
        if (a.dtype() != DType.BOOL) {
            throw NdArray.unsupported(op, a.dtype(), a.shape(), "BOOL (make a mask with a comparison such as gt)");
        }
    }

    /** The broadcast shape of a and b, or an exception that names {@code op}. */
    static int[] broadcast(String op, int[] a, int[] b) {
        try {
            return Shapes.broadcast(a, b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }
}
