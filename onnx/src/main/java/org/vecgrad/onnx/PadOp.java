package org.vecgrad.onnx;

import java.util.Arrays;
import java.util.Map;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * ONNX {@code Pad} from opset 11 (pads, constant_value and, from 18, axes as inputs): modes {@code constant},
 * {@code reflect} (the border element is not repeated, as PyTorch's ReflectionPad), {@code edge} (PyTorch's
 * ReplicationPad) and, from opset 19, {@code wrap}. A negative pad removes elements from that end (a crop), as
 * PyTorch's {@code F.pad} with negative amounts exports.
 *
 * <p>How it runs: one axis at a time, a padded axis is one {@link NdArray#indexSelect} with the source position of
 * every output position along that axis (so any dtype, integer shape data included, runs the same way); constant
 * padding selects from the input with one slab of the constant appended to that axis.
 */
final class PadOp {
    private PadOp() {
    }

    static void register(Map<String, Ops.Factory> all) {
        all.put("Pad", PadOp::compile);
    }

    private static Ops.Kernel compile(Node n) throws OnnxFormatException {
        n.only("mode");
        String mode = n.s("mode", "constant");
        boolean known = mode.equals("constant") || mode.equals("reflect") || mode.equals("edge")
                || mode.equals("wrap") && n.opset >= 19;
        if (!known) {
            throw n.error("mode = '" + mode + "'; expected constant, reflect or edge" + (n.opset >= 19
                    ? " or wrap" : " (wrap is an opset-19 mode)"));
        }
        boolean axesInput = n.opset >= 18;
        if (n.inputs().size() > (axesInput ? 4 : 3)) {
            throw n.error(n.inputs().size() + " inputs; Pad takes data, pads, constant_value"
                    + (axesInput ? " and axes" : ""));
        }
        return in -> new Value[] {pad(in[0], Ops.ints(in, 1), constant(in), axesInput && in.length > 3
                && in[3] != null ? Ops.ints(in, 3) : null, mode)};
    }

    private static double constant(Value[] in) {
        if (in.length < 3 || in[2] == null) {
            return 0;
        }
        if (Shapes.size(in[2].shape()) != 1) {
            throw new IllegalArgumentException("constant_value must be a single value; got " + in[2].describe());
        }
        return in[2] instanceof Value.Ints iv ? iv.data()[0] : Ops.floats(in, 2).getFlat(0);
    }

    /** data padded by {@code pads} ([begin of each axis…, end of each axis…]) on {@code axes} (null: all). */
    static Value pad(Value data, long[] pads, double value, long[] axes, String mode) {
        int[] s = data.shape();
        int r = s.length;
        int[] ax = new int[axes == null ? r : axes.length];
        for (int k = 0; k < ax.length; k++) {
            ax[k] = axes == null ? k : Shapes.axis(Math.toIntExact(axes[k]), r);
        }
        if (pads.length != 2 * ax.length) {
            throw new IllegalArgumentException("pads " + Arrays.toString(pads) + " has " + pads.length
                    + " values; " + (axes == null ? "an input of rank " + r : ax.length + " axes") + " needs "
                    + 2 * ax.length + " (every begin, then every end)");
        }
        NdArray x = data instanceof Value.Floats f ? f.array() : NdArray.wrap(((Value.Ints) data).data(), 0, s);
        for (int k = 0; k < ax.length; k++) {
            long begin = pads[k];
            long end = pads[k + ax.length];
            if (begin != 0 || end != 0) {
                x = padAxis(x, ax[k], begin, end, value, mode, pads);
            }
        }
        if (data instanceof Value.Floats) {
            return new Value.Floats(x);
        }
        long[] out = x.longData();
        return new Value.Ints(x.offset() == 0 && out.length == x.size() ? out
                : Arrays.copyOfRange(out, x.offset(), x.offset() + x.size()), x.shape());
    }

    private static NdArray padAxis(NdArray x, int axis, long begin, long end, double value, String mode,
                                   long[] pads) {
        int dim = x.shape(axis);
        long len = dim + begin + end;
        if (len < 0 || len > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pads " + Arrays.toString(pads) + " give axis " + axis + " (size "
                    + dim + ") the size " + len);
        }
        boolean constant = mode.equals("constant");
        if (!constant && dim == 0 && len > 0) {
            throw new IllegalArgumentException("mode " + mode + " cannot pad axis " + axis + " of size 0");
        }
        if (mode.equals("reflect") && (begin >= dim || end >= dim)) {
            throw new IllegalArgumentException("mode reflect pads at most size − 1 = " + (dim - 1) + " on axis "
                    + axis + "; pads " + Arrays.toString(pads) + " ask for " + Math.max(begin, end));
        }
        int[] s = x.shape();
        long[] index = Ops.intResult(new int[] {(int) len});
        for (int j = 0; j < index.length; j++) {
            long i = j - begin;                                // the source position, before the mode's rule
            index[j] = i >= 0 && i < dim ? i : switch (mode) {
                case "constant" -> dim;                        // the constant slab appended below
                case "edge" -> i < 0 ? 0 : dim - 1;
                case "reflect" -> i < 0 ? -i : 2L * (dim - 1) - i;
                default -> Math.floorMod(i, dim);              // wrap
            };
        }
        NdArray source = x;
        if (constant) {
            s[axis] = 1;
            NdArray slab = NdArray.full(x.dtype(), value, s);
            source = NdArray.concat(axis, x, slab);
        }
        return source.indexSelect(axis, NdArray.wrap(index, 0, index.length));
    }
}
