package org.vecgrad.nn.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.kernel.OptimizerKernels;
import org.vecgrad.engine.kernel.Kernels;

/**
 * Base of the optimizers: a fixed list of {@link Parameter}s, one learning rate, and per-parameter state (a step
 * count and named buffers such as Adam's {@code exp_avg}), as in PyTorch's {@code torch.optim.Optimizer} with a
 * single parameter group.
 *
 * <p>{@link #step()} first checks every hyperparameter and every gradient (shape and dtype equal to the data's),
 * and only then updates; so a step that throws leaves every parameter and every state as it was. Parameters whose
 * gradient is null are skipped: their data, step count and buffers do not change (PyTorch's behaviour).
 *
 * <p>{@link #stateDict()} exports the state as named arrays, so it can be saved with
 * {@link org.vecgrad.nn.io.SafeTensors}: {@code "<param>.step"} (F64 scalar), {@code "<param>.<buffer>"} (the
 * buffer, the parameter's dtype and shape), and {@code "lr"} (F64 scalar). {@link #loadStateDict} restores it;
 * continuing from a restored state is bit-identical to never having stopped.
 *
 * <p>Updates run in the engine's optimizer-step kernels ({@link OptimizerKernels#adamStep} and its siblings;
 * Vector API or scalar, bit-identical to each other): F32 parameters and their state are updated in float
 * arithmetic, as PyTorch updates float32 parameters — each hyperparameter rounded to float, each operation of the
 * update rounded to float, no fused multiply-add; only the per-step scalars (Adam's γ/(1 − β₁ᵗ) and √(1 − β₂ᵗ),
 * Adagrad's γ/(1 + (t − 1)η)) are computed in double and then rounded to float. F64 parameters are updated in
 * double. Not thread-safe.
 */
public abstract class Optimizer {
    /** Key of the learning rate in {@link #stateDict()}. */
    public static final String LR_KEY = "lr";

    private final List<Parameter> params;
    private final Map<Parameter, State> state = new IdentityHashMap<>();
    private double lr;

    /** Per-parameter state: the number of steps taken with a gradient, and named buffers. */
    protected static final class State {
        long step;
        final Map<String, NdArray> buffers = new LinkedHashMap<>();

        private State() {
        }

        /** The buffer, or null if it does not exist yet. */
        protected NdArray get(String name) {
            return buffers.get(name);
        }

        /** The buffer, created as an array like {@code like} filled with {@code init} if absent. */
        protected NdArray getOrCreate(String name, NdArray like, double init) {
            NdArray b = buffers.get(name); // not computeIfAbsent: its capturing lambda would allocate every step
            if (b == null) {
                b = NdArray.zerosLike(like).fill(init);
                buffers.put(name, b);
            }
            return b;
        }

        /** Sets a buffer. */
        protected void put(String name, NdArray buffer) {
            buffers.put(name, buffer);
        }

        /** Steps taken so far with a gradient (incremented before each update, so 1 during the first). */
        protected long step() {
            return step;
        }
    }

    /**
     * @param params parameters with unique names; at least one
     * @param lr     learning rate, finite and ≥ 0
     */
    protected Optimizer(List<? extends Parameter> params, double lr) {
        Objects.requireNonNull(params, "params");
        if (params.isEmpty()) {
            throw new IllegalArgumentException(name() + ": got an empty parameter list");
        }
        Set<String> names = new HashSet<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Parameter p : params) {
            Objects.requireNonNull(p, "parameter");
            Objects.requireNonNull(p.name(), "parameter name");
            if (!seen.add(p)) {
                throw new IllegalArgumentException(name() + ": parameter \"" + p.name() + "\" appears twice");
            }
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(name() + ": two parameters are named \"" + p.name()
                        + "\"; names key the optimizer state and must be unique");
            }
        }
        this.params = List.copyOf(params);
        setLr(lr);
    }

    /** "SGD", "Adam", …: the class's simple name, used in messages. */
    protected final String name() {
        return getClass().getSimpleName();
    }

    /** The parameters, in the order given. */
    public final List<Parameter> parameters() {
        return params;
    }

    /** The current learning rate. */
    public final double lr() {
        return lr;
    }

    /** Sets the learning rate (schedulers call this); finite and ≥ 0. */
    public final void setLr(double lr) {
        this.lr = checkRange("lr", lr, 0, Double.POSITIVE_INFINITY, true, false);
    }

    /** Clears every parameter's gradient ({@link Parameter#zeroGrad()}). */
    public final void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    /** Steps taken by parameter {@code p} (0 before its first gradient). */
    public final long stepCount(Parameter p) {
        State s = state.get(p);
        return s == null ? 0 : s.step;
    }

    /**
     * One update of every parameter that has a gradient. Throws, changing nothing, on a bad hyperparameter or a
     * gradient whose shape or dtype differs from its parameter's.
     */
    public final void step() {
        validate();
        for (Parameter p : params) {
            NdArray g = p.grad();
            if (g == null) {
                continue;
            }
            NdArray d = p.data();
            if (g.dtype() != d.dtype() || !Arrays.equals(g.shape(), d.shape())) {
                throw new IllegalArgumentException(name() + ": parameter \"" + p.name() + "\" has data " + d.dtype()
                        + " " + Arrays.toString(d.shape()) + " but gradient " + g.dtype() + " "
                        + Arrays.toString(g.shape()) + "; nothing was updated");
            }
        }
        for (Parameter p : params) {
            NdArray g = p.grad();
            if (g != null) {
                State s = state.computeIfAbsent(p, k -> new State());
                s.step++;
                update(p.data(), g, s);
            }
        }
    }

    /** Checks combinations of hyperparameters that single setters cannot (e.g. nesterov needs momentum). */
    protected void validate() {
    }

    /**
     * Updates {@code data} in place from {@code grad} (same shape and dtype, already checked) and the parameter's
     * state, whose step count has already been incremented.
     */
    protected abstract void update(NdArray data, NdArray grad, State s);

    /** The engine's optimizer kernels (the active backend), whose {@code *Step} methods do the updates. */
    protected static OptimizerKernels kernels() {
        return Kernels.active().optimizer();
    }

    // ------------------------------------------------------------------------------------------- state dict

    /** The state as named arrays (copies): "lr", and for each parameter with state "p.step" and "p.buffer". */
    public final Map<String, NdArray> stateDict() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        out.put(LR_KEY, NdArray.scalar(DType.F64, lr));
        for (Parameter p : params) {
            State s = state.get(p);
            if (s == null) {
                continue;
            }
            out.put(p.name() + ".step", NdArray.scalar(DType.F64, s.step));
            for (Map.Entry<String, NdArray> b : s.buffers.entrySet()) {
                out.put(p.name() + "." + b.getKey(), b.getValue().copy());
            }
        }
        return out;
    }

    /**
     * Replaces the state with one from {@link #stateDict()} (copied in). Every key must belong to this
     * optimizer's parameters; a parameter absent from the map starts fresh. Validates everything first: on an
     * error nothing changes.
     *
     * @throws IllegalArgumentException naming the key for an unknown key, a shape or dtype that does not match
     *                                  the parameter, a step count that is not a non-negative integer, or buffers
     *                                  without a step count
     */
    public final void loadStateDict(Map<String, NdArray> dict) {
        Objects.requireNonNull(dict, "dict");
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Parameter p : params) {
            byName.put(p.name(), p);
        }
        double newLr = lr;
        Map<Parameter, State> fresh = new IdentityHashMap<>();
        Map<Parameter, Map<String, NdArray>> buffers = new IdentityHashMap<>();
        for (Map.Entry<String, NdArray> e : dict.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "key");
            NdArray a = Objects.requireNonNull(e.getValue(), key);
            if (key.equals(LR_KEY)) {
                newLr = checkRange("lr", scalar(a, key), 0, Double.POSITIVE_INFINITY, true, false);
                continue;
            }
            int dot = key.lastIndexOf('.'); // buffer names have no dots; parameter names may
            Parameter p = dot < 0 ? null : byName.get(key.substring(0, dot));
            String buffer = dot < 0 ? key : key.substring(dot + 1);
            if (p == null || !(buffer.equals("step") || bufferNames().contains(buffer))) {
                throw new IllegalArgumentException(name() + ": unknown state key \"" + key + "\" (expected \""
                        + LR_KEY + "\" or \"<parameter>.<step|" + String.join("|", bufferNames()) + ">\")");
            }
            if (buffer.equals("step")) {
                double st = scalar(a, key);
                if (!(st >= 0) || st != Math.rint(st) || st > 0x1p53) {
                    throw new IllegalArgumentException(name() + ": \"" + key + "\" = " + st
                            + " is not a non-negative integer step count");
                }
                fresh.computeIfAbsent(p, k -> new State()).step = (long) st;
            } else {
                NdArray d = p.data();
                if (a.dtype() != d.dtype() || !Arrays.equals(a.shape(), d.shape())) {
                    throw new IllegalArgumentException(name() + ": \"" + key + "\" is " + a.dtype() + " "
                            + Arrays.toString(a.shape()) + ", parameter \"" + p.name() + "\" is " + d.dtype() + " "
                            + Arrays.toString(d.shape()));
                }
                buffers.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(buffer, a);
            }
        }
        for (Map.Entry<Parameter, Map<String, NdArray>> e : buffers.entrySet()) {
            State s = fresh.get(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException(name() + ": buffers " + e.getValue().keySet() + " of parameter \""
                        + e.getKey().name() + "\" come without its \"" + e.getKey().name() + ".step\"");
            }
            for (Map.Entry<String, NdArray> b : e.getValue().entrySet()) {
                s.buffers.put(b.getKey(), b.getValue().copy());
            }
        }
        state.clear();
        state.putAll(fresh);
        lr = newLr;
    }

    /** Every buffer name this optimizer may keep per parameter (names without dots), e.g. "exp_avg". */
    protected abstract Set<String> bufferNames();

    private double scalar(NdArray a, String key) {
        if (a.size() != 1) {
            throw new IllegalArgumentException(name() + ": \"" + key + "\" must hold one number, has shape "
                    + Arrays.toString(a.shape()));
        }
        return a.item();
    }

    // ------------------------------------------------------------------------------------------- validation

    /**
     * Returns {@code v} if it lies in the range (bounds inclusive as flagged), else throws an
     * IllegalArgumentException naming the optimizer, the hyperparameter, its value and the allowed range.
     */
    protected final double checkRange(String what, double v, double lo, double hi, boolean loInclusive,
            boolean hiInclusive) {
        return checkRange(name(), what, v, lo, hi, loInclusive, hiInclusive);
    }

    /** {@link #checkRange(String, double, double, double, boolean, boolean)} naming {@code owner} (for constructors). */
    static double checkRange(String owner, String what, double v, double lo, double hi, boolean loInclusive,
            boolean hiInclusive) {
        boolean ok = !Double.isNaN(v) && (loInclusive ? v >= lo : v > lo) && (hiInclusive ? v <= hi : v < hi)
                && (Double.isFinite(v) || hiInclusive && v == hi);
        if (!ok) {
            throw new IllegalArgumentException(owner + ": " + what + " = " + v + " is outside the allowed range "
                    + (loInclusive ? "[" : "(") + fmt(lo) + ", " + fmt(hi) + (hiInclusive ? "]" : ")"));
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Double.POSITIVE_INFINITY ? "∞" : v == Math.rint(v) ? Long.toString((long) v)
                : Double.toString(v);
    }

    /** A parameter list for error messages. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Parameter p : params) {
            names.add(p.name());
        }
        return name() + "(lr=" + lr + ", params=" + names + ")";
    }
}
