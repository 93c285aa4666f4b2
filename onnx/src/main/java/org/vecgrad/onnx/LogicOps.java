package org.vecgrad.onnx;

import java.util.Arrays;
import java.util.Map;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * The masking and shape-building operators of exported graphs: Equal (a BOOL result), Where (a BOOL condition
 * choosing between two broadcast values), Expand (bidirectional broadcast to a shape) and ConstantOfShape. BOOL
 * values travel as integer values of 0 and 1 ({@link Value.Ints}). Expand and ConstantOfShape build their result
 * from a shape the graph computes, possibly at load (constant folding), and Where's three-way broadcast may grow,
 * so their result's size is capped before allocating: {@link Ops#MAX_INT_ELEMENTS} for integers,
 * {@link #MAX_FLOAT_ELEMENTS} for floating point.
 */
final class LogicOps {
    private LogicOps() {
    }

    /** Most elements of a floating-point result of Expand or ConstantOfShape (64 MiB of F32). */
    static final int MAX_FLOAT_ELEMENTS = 1 << 24;

    static void register(Map<String, Ops.Factory> all) {
        all.put("Equal", n -> {
            n.only();
            return in -> {
                int[] out = Shapes.broadcast(in[0].shape(), in[1].shape());
                long[] r = Ops.intResult(out);
                int[] ia = Ops.broadcastIndex(in[0].shape(), out);
                int[] ib = Ops.broadcastIndex(in[1].shape(), out);
                if (in[0] instanceof Value.Ints a && in[1] instanceof Value.Ints b) {
                    for (int k = 0; k < r.length; k++) {
                        r[k] = a.data()[ia[k]] == b.data()[ib[k]] ? 1 : 0;
                    }
                } else {
                    NdArray a = Ops.floats(in, 0);
                    NdArray b = Ops.floats(in, 1);
                    for (int k = 0; k < r.length; k++) {
                        r[k] = a.getFlat(ia[k]) == b.getFlat(ib[k]) ? 1 : 0;
                    }
                }
                return new Value[] {new Value.Ints(r, out)};
            };
        });
        all.put("Where", n -> {
            n.only();
            return in -> {
                Value.Ints cond = Ops.intValue(in, 0);
                int[] out = Shapes.broadcast(cond.shape(), Shapes.broadcast(in[1].shape(), in[2].shape()));
                checkSize(in[1] instanceof Value.Ints, out);
                int[] ic = Ops.broadcastIndex(cond.shape(), out);
                int[] ix = Ops.broadcastIndex(in[1].shape(), out);
                int[] iy = Ops.broadcastIndex(in[2].shape(), out);
                long[] c = cond.data();
                if (in[1] instanceof Value.Ints x && in[2] instanceof Value.Ints y) {
                    long[] r = Ops.intResult(out);
                    for (int k = 0; k < r.length; k++) {
                        r[k] = c[ic[k]] != 0 ? x.data()[ix[k]] : y.data()[iy[k]];
                    }
                    return new Value[] {new Value.Ints(r, out)};
                }
                NdArray x = Ops.floats(in, 1);
                NdArray y = Ops.floats(in, 2);
                if (x.dtype() != y.dtype()) {
                    throw new IllegalArgumentException("X is " + in[1].describe() + " and Y is " + in[2].describe()
                            + "; they must have one type");
                }
                NdArray r = NdArray.zeros(x.dtype(), out);
                for (int k = 0; k < ic.length; k++) {
                    r.setFlat(k, c[ic[k]] != 0 ? x.getFlat(ix[k]) : y.getFlat(iy[k]));
                }
                return new Value[] {new Value.Floats(r)};
            };
        });
        all.put("Expand", n -> {
            n.only();
            return in -> {
                int[] target = dims(Ops.ints(in, 1), "shape");
                int[] out = Shapes.broadcast(in[0].shape(), target);
                checkSize(in[0] instanceof Value.Ints, out);
                int[] idx = Ops.broadcastIndex(in[0].shape(), out);
                if (in[0] instanceof Value.Ints x) {
                    long[] r = Ops.intResult(out);
                    for (int k = 0; k < r.length; k++) {
                        r[k] = x.data()[idx[k]];
                    }
                    return new Value[] {new Value.Ints(r, out)};
                }
                NdArray x = Ops.floats(in, 0);
                NdArray r = NdArray.zeros(x.dtype(), out);
                for (int k = 0; k < idx.length; k++) {
                    r.setFlat(k, x.getFlat(idx[k]));
                }
                return new Value[] {new Value.Floats(r)};
            };
        });
        all.put("ConstantOfShape", n -> {
            n.only("value");
            Value value = n.has("value") ? n.tensor("value") : new Value.Floats(NdArray.zeros(DType.F32, 1));
            if (Shapes.size(value.shape()) != 1) {
                throw n.error("value is " + value.describe() + "; a one-element tensor is expected");
            }
            return in -> {
                int[] out = dims(Ops.ints(in, 0), "shape");
                checkSize(value instanceof Value.Ints, out);
                if (value instanceof Value.Ints v) {
                    long[] r = Ops.intResult(out);
                    Arrays.fill(r, v.data()[0]);
                    return new Value[] {new Value.Ints(r, out)};
                }
                NdArray v = ((Value.Floats) value).array();
                return new Value[] {new Value.Floats(NdArray.zeros(v.dtype(), out).fill(v.getFlat(0)))};
            };
        });
    }

    /** A shape input as dims, each in 0..Integer.MAX_VALUE. */
    private static int[] dims(long[] shape, String what) {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " " + Arrays.toString(shape) + " has the dim " + shape[i]
                        + " (expected 0.." + Integer.MAX_VALUE + ")");
            }
            s[i] = (int) shape[i];
        }
        return s;
    }

    /** Refuses, before allocating, a result larger than the cap for its kind. */
    private static void checkSize(boolean ints, int[] shape) {
        long n = 1;
        for (int d : shape) {
            n = Math.min(n * d, Long.MAX_VALUE / Integer.MAX_VALUE);
        }
        long cap = ints ? Ops.MAX_INT_ELEMENTS : MAX_FLOAT_ELEMENTS;
        if (n > cap) {
            throw new IllegalArgumentException("a result of shape " + Shapes.str(shape) + " has more than " + cap
                    + " elements");
        }
    }
}
