package org.vecgrad.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;

/**
 * Checks backward rules against central finite differences.
 *
 * <p>For a function f of tensors and a fixed random cotangent w shaped like f's output, the scalar
 * L(x) = Σ w ⊙ f(x) has the analytic gradient the backward pass computes (wᵀJ, one reverse pass) and, for every
 * element xⱼ of every input that requires grad, the numeric estimate
 * <pre>  ∂L/∂xⱼ ≈ (L(x + ε·eⱼ) − L(x − ε·eⱼ)) / 2ε        (error O(ε²) plus rounding ≈ 1e−16·|L|/ε)</pre>
 * An element passes when |analytic − numeric| ≤ atol + rtol·|numeric|. A random w (rather than the full Jacobian)
 * keeps the cost at two forward passes per input element and one backward pass; a wrong rule passes only on a set
 * of w of measure zero. {@link #fullJacobian(boolean)} compares every entry of the Jacobian instead (one backward
 * pass per output element) and names the output element of the worst entry.
 *
 * <pre>{@code
 * GradCheck.Report r = GradCheck.check(xs -> xs[0].mul(xs[1]).tanh(), a, b);   // a, b: F64, requiresGrad
 * System.out.println(r);          // a table: per input, max errors and the worst element
 * r.assertPassed();
 * }</pre>
 *
 * <p>Inputs must be F64: in F32 the difference of two nearby values of L is mostly rounding error for any ε small
 * enough to be accurate. {@link #upcastF32(boolean)} lets the check convert F32 inputs itself. The inputs are
 * copied; neither their values nor their grads are touched. {@link #gradgradcheck} checks second derivatives the
 * same way, on the function x ↦ ⟨∇ₓL(x), v⟩ for a fixed random v.
 *
 * <p>Defaults (PyTorch's gradcheck uses the same ε and similar tolerances): ε = {@value #DEFAULT_EPS},
 * atol = {@value #DEFAULT_ATOL}, rtol = {@value #DEFAULT_RTOL}.
 */
@SuppressWarnings("try") // GradMode scopes are opened for their effect and never referenced
public final class GradCheck {

    /** Default step of the central differences. */
    public static final double DEFAULT_EPS = 1e-6;
    /** Default absolute tolerance. */
    public static final double DEFAULT_ATOL = 1e-5;
    /** Default relative tolerance (relative to the numeric value). */
    public static final double DEFAULT_RTOL = 1e-3;

    private final double eps;
    private final double atol;
    private final double rtol;
    private final boolean upcast;
    private final long seed;
    private final boolean full;

    private GradCheck(double eps, double atol, double rtol, boolean upcast, long seed, boolean full) {
        if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("GradCheck: expected eps > 0, atol >= 0, rtol >= 0; got eps=" + eps
                    + ", atol=" + atol + ", rtol=" + rtol);
        }
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
        this.upcast = upcast;
        this.seed = seed;
        this.full = full;
    }

    /** The default settings, to adjust with the withers and run with {@link #run}. */
    public static GradCheck options() {
        return new GradCheck(DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL, false, 0x5eed, false);
    }

    /** A copy with step ε. */
    public GradCheck eps(double eps) {
        return new GradCheck(eps, atol, rtol, upcast, seed, full);
    }

    /** A copy with absolute tolerance atol. */
    public GradCheck atol(double atol) {
        return new GradCheck(eps, atol, rtol, upcast, seed, full);
    }

    /** A copy with relative tolerance rtol. */
    public GradCheck rtol(double rtol) {
        return new GradCheck(eps, atol, rtol, upcast, seed, full);
    }

    /** A copy that converts F32 inputs to F64 (instead of refusing them). */
    public GradCheck upcastF32(boolean upcast) {
        return new GradCheck(eps, atol, rtol, upcast, seed, full);
    }

    /** A copy whose random cotangents come from this seed. */
    public GradCheck seed(long seed) {
        return new GradCheck(eps, atol, rtol, upcast, seed, full);
    }

    /**
     * A copy that compares the full Jacobian, entry by entry (one backward pass per output element), instead of the
     * product with one random cotangent; the report then also names the output element of the worst entry.
     */
    public GradCheck fullJacobian(boolean full) {
        return new GradCheck(eps, atol, rtol, upcast, seed, full);
    }

    /** First-order check with the default settings. */
    public static Report check(TensorFunction f, Tensor... inputs) {
        return options().run(f, inputs);
    }

    /** Second-order check with the default settings. */
    public static Report gradgradcheck(TensorFunction f, Tensor... inputs) {
        return options().runSecondOrder(f, inputs);
    }

    /** First-order check: the gradients of Σ w ⊙ f(x) against central differences. */
    public Report run(TensorFunction f, Tensor... inputs) {
        Objects.requireNonNull(f, "f");
        Tensor[] xs = prepare(inputs);
        return compare("gradcheck", f, xs);
    }

    /**
     * Second-order check: the analytic gradient of h(x) = Σₖ ⟨∂L/∂xₖ, vₖ⟩, with ∂L/∂x computed by a backward pass
     * that records its graph (createGraph), against central differences of h. Catches backward rules that are right
     * in value but not differentiable correctly.
     */
    public Report runSecondOrder(TensorFunction f, Tensor... inputs) {
        Objects.requireNonNull(f, "f");
        Tensor[] xs = prepare(inputs);
        int[] wrt = wrt(xs);
        Tensor probe;
        try (GradMode.Scope off = GradMode.noGrad()) {
            probe = f.apply(xs);
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x9e3779b97f4a7c15L);
        Tensor w = Tensor.constant(randn(rng, probe.data.shape()));
        Tensor[] v = new Tensor[wrt.length];
        for (int k = 0; k < wrt.length; k++) {
            v[k] = Tensor.constant(randn(rng, xs[wrt[k]].data.shape()));
        }
        TensorFunction h = zs -> {
            Tensor y = f.apply(zs);
            Tensor sum = Tensor.scalar(0);
            if (!y.requiresGrad) {
                return sum;
            }
            Tensor[] targets = new Tensor[wrt.length];
            for (int k = 0; k < wrt.length; k++) {
                targets[k] = zs[wrt[k]];
            }
            Tensor[] gs = Autograd.grad(new Tensor[] {y}, targets, new Tensor[] {w}, true, true);
            for (int k = 0; k < wrt.length; k++) {
                sum = sum.add(gs[k].mul(v[k]).sum());
            }
            return sum;
        };
        return compare("gradgradcheck", h, xs);
    }

    private Tensor[] prepare(Tensor[] inputs) {
        Objects.requireNonNull(inputs, "inputs");
        Tensor[] xs = new Tensor[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = Objects.requireNonNull(inputs[i], "inputs[" + i + "]");
            any |= x.requiresGrad;
            if (x.dtype() == DType.F32 && !upcast && x.requiresGrad) {
                throw new IllegalArgumentException("GradCheck needs F64 inputs, but input " + i + " is F32 "
                        + Shapes.str(x.data.shape()) + ". Central differences divide the difference of two nearby"
                        + " function values by 2·eps; with F32's 7 significant digits that difference is mostly"
                        + " rounding error for any eps small enough to be accurate, so correct rules would fail."
                        + " Convert with to(DType.F64), or use GradCheck.options().upcastF32(true).run(...).");
            }
            NdArray copy = x.dtype() == DType.F32 ? x.data.to(DType.F64) : x.data.copy();
            xs[i] = new Tensor(copy, x.requiresGrad);
        }
        if (!any) {
            throw new IllegalArgumentException("GradCheck: no input requires grad, so there is nothing to check;"
                    + " call requiresGrad(true) on the inputs to differentiate");
        }
        return xs;
    }

    private static int[] wrt(Tensor[] xs) {
        int n = 0;
        int[] idx = new int[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (xs[i].requiresGrad) {
                idx[n++] = i;
            }
        }
        return Arrays.copyOf(idx, n);
    }

    private static NdArray randn(SplittableRandom rng, int[] shape) {
        NdArray a = NdArray.zeros(DType.F64, shape);
        for (int i = 0; i < a.size(); i++) {
            a.setFlat(i, rng.nextDouble(-1, 1));
        }
        return a;
    }

    private static double dot(NdArray a, NdArray w) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.getFlat(i) * w.getFlat(i);
        }
        return s;
    }

    private Report compare(String kind, TensorFunction f, Tensor[] xs) {
        int[] wrt = wrt(xs);
        Tensor y;
        try (GradMode.Scope on = GradMode.enableGrad()) {
            y = f.apply(xs);
        }
        if (y.dtype() != DType.F64) {
            throw new IllegalArgumentException(kind + ": f returned " + y.dtype() + " from F64 inputs; the check"
                    + " needs an F64 output (do not convert inside f)");
        }
        Tensor[] targets = new Tensor[wrt.length];
        for (int k = 0; k < wrt.length; k++) {
            targets[k] = xs[wrt[k]];
        }
        // Cotangents: one random w (L = Σ w ⊙ f), or every unit vector eₒ (the rows of the Jacobian).
        NdArray[] cot;
        if (full) {
            cot = new NdArray[y.size()];
            for (int o = 0; o < cot.length; o++) {
                cot[o] = NdArray.zeros(DType.F64, y.data.shape());
                cot[o].setFlat(o, 1);
            }
        } else {
            cot = new NdArray[] {randn(new SplittableRandom(seed), y.data.shape())};
        }
        NdArray[][] analytic = new NdArray[cot.length][wrt.length];
        for (int c = 0; c < cot.length; c++) {
            if (y.requiresGrad) {
                Tensor[] g = Autograd.grad(new Tensor[] {y}, targets, new Tensor[] {Tensor.constant(cot[c])},
                        c < cot.length - 1, false);
                for (int k = 0; k < wrt.length; k++) {
                    analytic[c][k] = g[k].data;
                    for (Tensor x : xs) {                     // the loop below perturbs xs in place
                        if (sharesStorage(analytic[c][k], x.data)) {
                            analytic[c][k] = analytic[c][k].copy();
                        }
                    }
                }
            } else {
                for (int k = 0; k < wrt.length; k++) {
                    analytic[c][k] = NdArray.zerosLike(targets[k].data);
                }
            }
        }
        List<InputReport> rows = new ArrayList<>();
        for (int k = 0; k < wrt.length; k++) {
            NdArray x = targets[k].data;
            Worst worst = new Worst();
            for (int j = 0; j < x.size(); j++) {
                double orig = x.getFlat(j);
                x.setFlat(j, orig + eps);
                NdArray fp = eval(f, xs);
                x.setFlat(j, orig - eps);
                NdArray fm = eval(f, xs);
                x.setFlat(j, orig);
                for (int c = 0; c < cot.length; c++) {
                    double num = (dot(fp, cot[c]) - dot(fm, cot[c])) / (2 * eps);
                    worst.add(analytic[c][k].getFlat(j), num, j, full ? c : -1);
                }
            }
            rows.add(new InputReport(wrt[k], x.shape(), worst.maxAbs, worst.maxRel, worst.index, worst.output,
                    full ? y.data.shape() : null, worst.analytic, worst.numeric, worst.passed));
        }
        return new Report(kind, List.copyOf(rows), eps, atol, rtol);
    }

    /** Running maxima over the compared entries, and the entry furthest outside its tolerance. */
    private final class Worst {
        double maxAbs;
        double maxRel;
        double ratio = -1;
        int index = -1;
        int output = -1;
        double analytic;
        double numeric;
        boolean passed = true;

        void add(double an, double num, int j, int o) {
            double err = Math.abs(an - num);
            double scale = Math.max(Math.abs(an), Math.abs(num));
            double rel = scale == 0 ? 0 : err / scale;
            double r = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / (atol + rtol * Math.abs(num));
            passed &= err <= atol + rtol * Math.abs(num);
            maxAbs = Double.isNaN(err) || Double.isNaN(maxAbs) ? Double.NaN : Math.max(maxAbs, err);
            maxRel = Double.isNaN(rel) || Double.isNaN(maxRel) ? Double.NaN : Math.max(maxRel, rel);
            if (r > ratio) {
                ratio = r;
                index = j;
                output = o;
                analytic = an;
                numeric = num;
            }
        }
    }

    /**
     * f's value; with grad mode on, since f may differentiate internally (as gradgradcheck's h does). Copied when it
     * shares storage with an input (f = identity, a reshape view, …): the caller perturbs the inputs in place and
     * compares values from before and after, which a view would follow.
     */
    private static NdArray eval(TensorFunction f, Tensor[] xs) {
        NdArray y;
        try (GradMode.Scope s = GradMode.enableGrad()) {
            y = f.apply(xs).data;
        }
        for (Tensor x : xs) {
            if (sharesStorage(y, x.data)) {
                return y.copy();
            }
        }
        return y;
    }

    private static boolean sharesStorage(NdArray a, NdArray b) {
        return a.dtype() == DType.F64 ? a.dtype() == b.dtype() && a.doubleData() == b.doubleData()
                : a.dtype() == b.dtype() && a.floatData() == b.floatData();
    }

    /**
     * The result for one input.
     *
     * @param input       index of the input among the function's arguments
     * @param shape       its shape
     * @param maxAbsError max over compared entries of |analytic − numeric|
     * @param maxRelError max over compared entries of |analytic − numeric| / max(|analytic|, |numeric|) (0 when both
     *                    are 0)
     * @param worstIndex  flat index (in this input) of the entry furthest outside (or least inside) its tolerance,
     *                    −1 if the input is empty
     * @param worstOutput flat index of the output element of that entry with {@link #fullJacobian}, else −1
     * @param outputShape the output's shape with {@link #fullJacobian}, else null
     * @param analytic    the analytic derivative of that entry
     * @param numeric     the numeric derivative of that entry
     * @param passed      every entry within atol + rtol·|numeric|
     */
    public record InputReport(int input, int[] shape, double maxAbsError, double maxRelError, int worstIndex,
                              int worstOutput, int[] outputShape, double analytic, double numeric, boolean passed) {
        /** The worst entry's position: "[1, 2]" in the input, plus " of out[0]" with the full Jacobian. */
        public String worstPosition() {
            if (worstIndex < 0) {
                return "-";
            }
            String in = Arrays.toString(unflatten(worstIndex, shape));
            return worstOutput < 0 ? in : in + " of out" + Arrays.toString(unflatten(worstOutput, outputShape));
        }

        private static int[] unflatten(int flat, int[] shape) {
            int[] idx = new int[shape.length];
            for (int i = shape.length - 1; i >= 0; i--) {
                idx[i] = flat % shape[i];
                flat /= shape[i];
            }
            return idx;
        }
    }

    /** The result of a check: one row per input that requires grad. */
    public record Report(String kind, List<InputReport> inputs, double eps, double atol, double rtol) {

        /** True when every input passed. */
        public boolean passed() {
            for (InputReport r : inputs) {
                if (!r.passed()) {
                    return false;
                }
            }
            return true;
        }

        /** Returns this when passed; otherwise throws an AssertionError whose message is the table. */
        public Report assertPassed() {
            if (!passed()) {
                throw new AssertionError(toString());
            }
            return this;
        }

        /** A table: one row per input with shape, max errors, the worst element and both values there. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(kind).append(passed() ? " PASSED" : " FAILED").append(String.format(
                    " (eps=%.1e, pass when |analytic - numeric| <= %.1e + %.1e*|numeric|)%n", eps, atol, rtol));
            sb.append(String.format("%-6s %-14s %-11s %-11s %-22s %-15s %-15s %s%n", "input", "shape",
                    "max abs", "max rel", "worst at", "analytic", "numeric", "result"));
            for (InputReport r : inputs) {
                sb.append(String.format("%-6d %-14s %-11.3e %-11.3e %-22s %-15.8g %-15.8g %s%n", r.input(),
                        Shapes.str(r.shape()), r.maxAbsError(), r.maxRelError(), r.worstPosition(), r.analytic(),
                        r.numeric(), r.passed() ? "ok" : "FAIL"));
            }
            return sb.toString();
        }
    }
}
