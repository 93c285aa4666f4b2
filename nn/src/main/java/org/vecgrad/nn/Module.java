package org.vecgrad.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.engine.Shapes;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.optim.TensorParameter;

/**
 * Base class of every layer and model (PyTorch's {@code torch.nn.Module}). A module owns named parameters (leaf
 * {@link Tensor}s that require grad) and named submodules, both kept in insertion order, and computes
 * {@link #forward(Tensor)}.
 *
 * <pre>{@code
 * class Mlp extends Module {
 *     final Linear fc1 = register("fc1", new Linear(2, 16));
 *     final Linear fc2 = register("fc2", new Linear(16, 1));
 *
 *     public Tensor forward(Tensor x) {
 *         return fc2.forward(fc1.forward(x).relu()).sigmoid();
 *     }
 * }
 * Mlp m = new Mlp();
 * m.namedParameters().keySet();            // [fc1.weight, fc1.bias, fc2.weight, fc2.bias]
 * Optimizer opt = new Adam(m.parameters()); // parameters() plug straight into nn.optim
 * }</pre>
 *
 * <h2>Names</h2>
 * A parameter's full name is the path of submodule names from this module down, joined by dots, then the
 * parameter's own name: {@code layers.0.weight}. Names are stable: they depend only on registration order and the
 * names given, never on hash order or identity.
 *
 * <h2>State</h2>
 * Besides parameters a module may hold <em>buffers</em> ({@link #registerBuffer}): arrays that are part of its state
 * but not trained, such as BatchNorm's running statistics. They get no gradient and no optimizer step, are saved
 * and loaded with the parameters, and {@code summary()} counts the statistics among them as non-trainable
 * parameters (as Keras does).
 * {@link #stateDict()} maps full names to copies of the parameter and buffer values (PyTorch's order: per module
 * its parameters, then its buffers, then its submodules); {@link #loadStateDict} copies values back
 * in place (so an optimizer built on {@link #parameters()} stays attached), after checking every name, shape and
 * dtype first: on any mismatch it throws and changes nothing. {@link #save(Path)} / {@link #load(Path)} store the
 * state dict as a safetensors file.
 *
 * <h2>Modes</h2>
 * {@link #train()} and {@link #eval()} set the mode flag of this module and all its submodules; only some layers
 * (e.g. {@code Dropout}) behave differently. Modules start in training mode. {@link #predict} and an
 * {@link InferenceMode} scope give inference semantics on the calling thread without touching the flag.
 *
 * <h2><a id="Threads">Threads</a></h2>
 * <ul>
 *   <li>Inference is safe from any number of threads at once: {@link #predict}, or {@code forward} inside an
 *       {@link InferenceMode} scope, reads the parameters and changes nothing — no mode flag is flipped, no random
 *       number is drawn, no graph is recorded — so it gives the same outputs, bit for bit, as a serial run in eval
 *       mode, whatever the module's mode and however many threads call it. A lazily sized layer is built once,
 *       by whichever call comes first.</li>
 *   <li>Training is one thread per module: a training-mode forward pass advances Dropout's draw counter and
 *       records a graph, and {@code backward}, the optimizer step, {@link #loadStateDict}, {@link #to},
 *       {@link #train}/{@link #eval} and {@link #requiresGrad(boolean)} change the module. Do not run them while
 *       other threads use the same module.</li>
 * </ul>
 */
public abstract class Module {
    /** A module with no parameters or submodules yet. */
    protected Module() {
    }

    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, NdArray> buffers = new LinkedHashMap<>();
    /** Names of the buffers that are statistics (counted by summary(), converted by to(dtype)), not counters. */
    private final Set<String> statistics = new LinkedHashSet<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    private String name;

    /** The output for input {@code x}. Shapes are documented by each subclass. */
    public abstract Tensor forward(Tensor x);

    // ============================================================================================ registration

    /**
     * Registers {@code module} as a submodule called {@code name} (no dots, unique within this module) and returns
     * it, so a field can be initialised in one line.
     */
    protected final <M extends Module> M register(String name, M module) {
        checkName(name);
        if (params.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name
                    + "' is already used by a parameter or buffer");
        }
        Objects.requireNonNull(module, "module");
        if (module == this) {
            throw new IllegalArgumentException("a module cannot be its own submodule ('" + name + "')");
        }
        children.put(name, module);
        return module;
    }

    /**
     * Registers a parameter: {@code value} becomes a leaf that requires grad, stored under {@code name}. Re-registering
     * an existing name replaces the tensor in place (same position in the order). Returns the tensor.
     */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        if (buffers.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name
                    + "' is already used by a buffer");
        }
        if (!value.isLeaf()) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a leaf tensor; got the result of '"
                    + value.op() + "' (use detach())");
        }
        value.requiresGrad(true);
        params.put(name, value);
        return value;
    }

    /**
     * Registers a buffer (PyTorch's {@code register_buffer}): state that is saved and loaded with the parameters but
     * not trained. A {@code statistic} (BatchNorm's running_mean, running_var) is converted by {@link #to(DType)}
     * and counted by {@code summary()} as non-trainable parameters, as Keras counts them; otherwise it is a counter
     * (num_batches_tracked), kept as it is. Re-registering a name replaces the array. Returns {@code value}.
     */
    protected final NdArray registerBuffer(String name, NdArray value, boolean statistic) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        if (params.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name
                    + "' is already used by a parameter");
        }
        buffers.put(name, value);
        if (statistic) {
            statistics.add(name);
        } else {
            statistics.remove(name);
        }
        return value;
    }

    /** The buffer registered under {@code name} directly on this module. */
    protected final NdArray buffer(String name) {
        NdArray b = buffers.get(name);
        if (b == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no buffer '" + name + "'");
        }
        return b;
    }

    /** Full name → buffer (the arrays themselves, not copies), depth first, in registration order. */
    public final Map<String, NdArray> namedBuffers() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        namedModules().forEach((path, m) -> m.buffers.forEach((n, b) -> out.put(path.isEmpty() ? n
                : path + "." + n, b)));
        return out;
    }

    /** Elements of this module's own statistic buffers (summary() counts them as non-trainable parameters). */
    final long numStatistics() {
        long n = 0;
        for (String b : statistics) {
            n += buffers.get(b).size();
        }
        return n;
    }

    /** The parameter registered under {@code name} directly on this module (not a path). */
    protected final Tensor param(String name) {
        Tensor t = params.get(name);
        if (t == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no parameter '" + name + "'"
                    + (params.isEmpty() ? " (it is not built yet: call it once or give its input size)" : ""));
        }
        return t;
    }

    private void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("name '" + name + "' must be non-empty and contain no '.'");
        }
        if (children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the name '" + name
                    + "' is already used by a submodule");
        }
    }

    // ============================================================================================ traversal

    /**
     * The trainable parameters of this module and its submodules, in registration order, as
     * {@link TensorParameter}s named by their full path, ready for an optimizer: {@code new Adam(model.parameters())}.
     * Frozen parameters ({@link #requiresGrad(boolean) requiresGrad(false)}) are left out, as PyTorch users do with
     * {@code filter(lambda p: p.requires_grad, model.parameters())}; {@link #namedParameters()} lists them all. A
     * tensor shared by two submodules is listed once, under its first name. The adapters wrap the current tensors:
     * create the optimizer after any {@link #to(DType)} and after building lazily sized layers.
     *
     * @throws IllegalStateException if a lazily sized layer (a {@code Dense} without input size) is not built yet
     */
    public final List<TensorParameter> parameters() {
        String unbuilt = unbuilt();
        if (unbuilt != null) {
            throw new IllegalStateException(unbuilt + " has no weights yet: build it before asking for its"
                    + " parameters (give its input size, call build(sampleShape), run one batch through it, or use"
                    + " Sequential.inputShape / the functional API)");
        }
        List<TensorParameter> out = new ArrayList<>();
        namedParameters().forEach((n, t) -> {
            if (t.requiresGrad()) {
                out.add(TensorParameter.of(n, t));
            }
        });
        return out;
    }

    /** "'0' (Dense)" for the first submodule that is not built yet ("this Dense" for this one), or null. */
    private String unbuilt() {
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            Module m = e.getValue();
            if (!m.isBuilt()) {
                return e.getKey().isEmpty() ? "this " + m.getClass().getSimpleName()
                        : "'" + e.getKey() + "' (" + m.getClass().getSimpleName() + ")";
            }
        }
        return null;
    }

    /** Full name → parameter tensor, in registration order (each tensor once, under its first name). */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        collect("", out, seen);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, Set<Tensor> seen) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (seen.add(e.getValue())) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out, seen);
        }
    }

    /** The direct submodules by name, in registration order (unmodifiable). */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** This module and every submodule below it, depth first, keyed by full path ("" for this module). */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        walk("", out);
        return out;
    }

    private void walk(String path, Map<String, Module> out) {
        out.put(path, this);
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
        }
    }

    /** The parameters registered directly on this module (not its submodules), by local name. */
    public final Map<String, Tensor> localParameters() {
        return Collections.unmodifiableMap(params);
    }

    /** False for a lazily sized layer whose weights do not exist yet (e.g. a Dense before its first call). */
    public boolean isBuilt() {
        return true;
    }

    /** Total number of parameter elements (trainable or not). */
    public final long numParameters() {
        long n = 0;
        for (Tensor t : namedParameters().values()) {
            n += t.size();
        }
        return n;
    }

    /**
     * Runs {@code forward(x)} with some parameters temporarily replaced by other tensors (PyTorch's
     * {@code torch.func.functional_call}): {@code params} maps full names (as in {@link #namedParameters()}) to
     * tensors of the same shape and dtype, which need not be leaves. The originals are restored afterwards, even on
     * an exception. Gradients then flow to the given tensors, e.g. for {@code GradCheck} or meta-learning.
     */
    public final Tensor functionalCall(Map<String, Tensor> params, Tensor x) {
        Objects.requireNonNull(params, "params");
        Map<String, Module> modules = namedModules();
        List<Runnable> undo = new ArrayList<>();
        try {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                String full = e.getKey();
                int dot = full.lastIndexOf('.');
                Module owner = modules.get(dot < 0 ? "" : full.substring(0, dot));
                String local = full.substring(dot + 1);
                Tensor old = owner == null ? null : owner.params.get(local);
                Tensor t = Objects.requireNonNull(e.getValue(), full);
                if (old == null) {
                    throw new IllegalArgumentException("functionalCall: no parameter '" + full + "'; parameters are "
                            + namedParameters().keySet());
                }
                if (old.dtype() != t.dtype() || !Arrays.equals(old.shape(), t.shape())) {
                    throw new IllegalArgumentException("functionalCall: '" + full + "' is " + old.dtype() + " "
                            + Shapes.str(old.shape()) + ", got " + t.dtype() + " " + Shapes.str(t.shape()));
                }
                owner.params.put(local, t);
                undo.add(() -> owner.params.put(local, old));
            }
            return forward(x);
        } finally {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
        }
    }

    // ============================================================================================ modes

    /** Sets training mode on this module and every submodule; returns this. */
    public final Module train() {
        return train(true);
    }

    /** Sets training ({@code true}) or evaluation mode on this module and every submodule; returns this. */
    public Module train(boolean mode) {
        for (Module m : namedModules().values()) {
            m.training = mode;
        }
        return this;
    }

    /** Sets evaluation mode (Dropout becomes the identity); returns this. */
    public final Module eval() {
        return train(false);
    }

    /**
     * True when this module computes with training semantics: its mode flag is training (the default; see
     * {@link #train}) and the calling thread is not inside an {@link InferenceMode} scope (where this is false on
     * that thread only, and the flag itself is unchanged). Layers consult this.
     */
    public final boolean isTraining() {
        return training && !InferenceMode.isActive();
    }

    /**
     * Freezes ({@code false}) or unfreezes every parameter: frozen parameters get no gradient, so the optimizer
     * skips them, and {@code summary()} counts them as non-trainable. Returns this.
     */
    public final Module requiresGrad(boolean requiresGrad) {
        for (Tensor t : namedParameters().values()) {
            t.requiresGrad(requiresGrad);
        }
        return this;
    }

    /** Drops every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        for (Tensor t : namedParameters().values()) {
            t.clearGrad();
        }
    }

    /**
     * Converts every parameter to {@code dtype} (new leaf tensors with the converted values; the trainable flag is
     * kept). Returns this. Optimizers built before hold the old tensors: build them afterwards.
     */
    public Module to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        for (Module m : namedModules().values()) {
            for (Map.Entry<String, Tensor> e : m.params.entrySet()) {
                Tensor t = e.getValue();
                if (t.dtype() != dtype) {
                    e.setValue(Tensor.of(t.data().to(dtype), t.requiresGrad()));
                }
            }
            for (String b : m.statistics) {
                m.buffers.put(b, m.buffers.get(b).to(dtype));
            }
        }
        return this;
    }

    /** The dtype of the first parameter, or null for a module without parameters. */
    public final DType dtype() {
        for (Tensor t : namedParameters().values()) {
            return t.dtype();
        }
        return null;
    }

    // ============================================================================================ state dict

    /** Full name → a copy of each parameter's and buffer's values, in PyTorch's order (see State above). */
    public final Map<String, NdArray> stateDict() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        stateArrays().forEach((n, a) -> out.put(n, a.copy()));
        return out;
    }

    /** Full name → the array itself of every parameter (each tensor once) and buffer, in state-dict order. */
    private Map<String, NdArray> stateArrays() {
        Map<String, NdArray> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        namedModules().forEach((path, m) -> {
            String prefix = path.isEmpty() ? "" : path + ".";
            m.params.forEach((n, t) -> {
                if (seen.add(t)) {
                    out.put(prefix + n, t.data());
                }
            });
            m.buffers.forEach((n, b) -> out.put(prefix + n, b));
        });
        return out;
    }

    /**
     * Copies {@code state} into the parameters and buffers in place. The names must be exactly those of
     * {@link #stateDict()}, and each array must have its parameter's or buffer's shape and dtype; otherwise throws an
     * IllegalArgumentException that lists the missing and unexpected names or the first mismatch, and nothing
     * changes.
     */
    public final void loadStateDict(Map<String, NdArray> state) {
        Objects.requireNonNull(state, "state");
        Map<String, NdArray> mine = stateArrays();
        Set<String> missing = new LinkedHashSet<>(mine.keySet());
        missing.removeAll(state.keySet());
        Set<String> extra = new LinkedHashSet<>(state.keySet());
        extra.removeAll(mine.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            String unbuilt = unbuilt();
            if (unbuilt != null) {
                throw new IllegalStateException("loadStateDict into " + getClass().getSimpleName() + ": the model is"
                        + " not built yet: " + unbuilt + " has no weights until it knows its input size, so there is"
                        + " nothing to load " + (extra.isEmpty() ? "" : extra + " ") + "into. Build it first: give"
                        + " the input size (Dense.builder(units).inputDim(n), Sequential.inputShape(n)), call"
                        + " build(sampleShape), or run one batch through it; nothing was loaded");
            }
            throw new IllegalArgumentException("loadStateDict into " + getClass().getSimpleName() + ": "
                    + (missing.isEmpty() ? "" : "missing " + missing + (extra.isEmpty() ? "" : "; "))
                    + (extra.isEmpty() ? "" : "unexpected " + extra) + "; nothing was loaded");
        }
        for (Map.Entry<String, NdArray> e : mine.entrySet()) {
            NdArray src = Objects.requireNonNull(state.get(e.getKey()), e.getKey());
            NdArray dst = e.getValue();
            if (src.dtype() != dst.dtype() || !Arrays.equals(src.shape(), dst.shape())) {
                throw new IllegalArgumentException("loadStateDict: '" + e.getKey() + "' is " + src.dtype() + " "
                        + Shapes.str(src.shape()) + " but the " + (namedBuffers().containsKey(e.getKey()) ? "buffer"
                        : "parameter") + " is " + dst.dtype() + " "
                        + Shapes.str(dst.shape()) + "; nothing was loaded");
            }
        }
        for (Map.Entry<String, NdArray> e : mine.entrySet()) {
            e.getValue().copyFrom(state.get(e.getKey()));
        }
    }

    /** Writes {@link #stateDict()} to a safetensors file. */
    public final void save(Path file) throws IOException {
        SafeTensors.save(file, stateDict());
    }

    /** Loads a safetensors file written by {@link #save(Path)} with {@link #loadStateDict} (same checks). */
    public final void load(Path file) throws IOException {
        loadStateDict(SafeTensors.load(file).tensors());
    }

    // ============================================================================================ display

    /** A display name (Keras's layer name) or null; used by {@code summary()}. */
    public final String name() {
        return name;
    }

    /** Sets the display name; returns this. */
    public Module name(String name) {
        this.name = name;
        return this;
    }

    /** The arguments shown in {@link #toString()}, e.g. "in_features=3, out_features=2, bias=true". */
    protected String extraRepr() {
        return "";
    }

    /**
     * A PyTorch-like tree:
     * <pre>
     * Sequential(
     *   (0): Linear(in_features=2, out_features=4, bias=true)
     *   (1): ReLU()
     * )
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(extraRepr());
        if (!children.isEmpty()) {
            sb.append('\n');
            for (Map.Entry<String, Module> e : children.entrySet()) {
                String child = e.getValue().toString().replace("\n", "\n  ");
                sb.append("  (").append(e.getKey()).append("): ").append(child).append('\n');
            }
        }
        return sb.append(')').toString();
    }

    /**
     * A Keras-style table of the direct submodules (name, type, output shape, parameter count) and the totals.
     * Output shapes are known for {@link Sequential} and {@link Model}; plain modules show "?" (as Keras shows
     * "multiple"/"?" for subclassed models).
     */
    public String summary() {
        List<Summary.Row> rows = new ArrayList<>();
        Map<String, Integer> counters = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : children.entrySet()) {
            rows.add(new Summary.Row(Summary.layerName(e.getValue(), counters), e.getValue(), "?"));
        }
        return Summary.format(this, rows);
    }

    // ============================================================================================ functional API

    /**
     * The feature shape (without the batch axis) this module expects, when it knows it (a {@code Linear} knows its
     * in_features), else null. Lets {@link Sequential#summary()} work without being told the input shape.
     */
    public int[] inputShape() {
        return null;
    }

    /**
     * Applies this module to symbolic inputs (Keras's functional API): records the call and returns the symbolic
     * output, whose shape is found by running the module once on a batch of one zero sample (in eval mode, without
     * a graph; this also builds lazily sized layers). One input, except for {@link Merge} layers.
     */
    public SymbolicTensor call(SymbolicTensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.length != 1 && !(this instanceof Merge)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " takes one input, got " + inputs.length
                    + " (combine several with a Merge layer such as Concatenate or Add)");
        }
        Tensor[] probes = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            probes[i] = Tensor.zeros(inputs[i].dtype(), Functional.batchOf1(inputs[i].shape()));
        }
        Tensor y = probe(() -> this instanceof Merge mg ? mg.forward(List.of(probes)) : forward(probes[0]));
        int[] s = y.shape();
        return new SymbolicTensor(this, List.of(inputs), Arrays.copyOfRange(s, 1, s.length), y.dtype(), null);
    }

    /** Runs {@code f} with inference semantics and no graph ({@link InferenceMode}); no mode flag changes. */
    final Tensor probe(java.util.function.Supplier<Tensor> f) {
        try (var _ = InferenceMode.enter()) {
            return f.get();
        }
    }

    /**
     * Builds lazily sized layers (a {@code Dense} without input size) for samples of {@code sampleShape} (without
     * the batch axis), by running one zero sample through this module with inference semantics: Keras's
     * {@code model.build}. Then {@link #parameters()}, {@link #load} and {@link #summary()} work. Returns this.
     */
    public Module build(int... sampleShape) {
        Objects.requireNonNull(sampleShape, "sampleShape");
        DType dt = dtype() != null ? dtype() : DType.F32;
        probe(() -> forward(Tensor.zeros(dt, Functional.batchOf1(sampleShape))));
        return this;
    }

    // ============================================================================================ predict

    /**
     * Keras's {@code model.predict(x)}: the output for the rows of {@code x} ([n, …], converted to this module's
     * dtype), computed with inference semantics ({@link InferenceMode}: no dropout, no graph) whatever this
     * module's mode, which is left unchanged. Safe to call from many threads at once (see <a href="#Threads">
     * Threads</a>). The result may share storage with {@code x} when the module does not compute (an identity).
     */
    public final NdArray predict(NdArray x) {
        Objects.requireNonNull(x, "x");
        try (var _ = InferenceMode.enter()) {
            return forward(Tensor.of(toMyDtype(x))).data();
        }
    }

    /**
     * {@link #predict(NdArray)} in batches of {@code batchSize} rows (to bound the memory of large inputs), the
     * outputs stacked: [n, output shape…].
     */
    public final NdArray predict(NdArray x, int batchSize) {
        Objects.requireNonNull(x, "x");
        if (batchSize < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".predict: batchSize " + batchSize
                    + " must be >= 1");
        }
        if (x.rank() == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".predict: x must have a batch axis,"
                    + " got a rank-0 array");
        }
        int n = x.shape(0);
        if (n <= batchSize) {
            return predict(x);
        }
        List<NdArray> parts = new ArrayList<>();
        try (var _ = InferenceMode.enter()) {
            for (int from = 0; from < n; from += batchSize) {
                parts.add(forward(Tensor.of(toMyDtype(x.rows(from, Math.min(n, from + batchSize))))).data());
            }
        }
        return NdArray.concat(0, parts.toArray(NdArray[]::new));
    }

    private NdArray toMyDtype(NdArray x) {
        DType dt = dtype();
        return dt == null || x.dtype() == dt ? x : x.to(dt);
    }

    // ============================================================================================ RNG state

    /**
     * The state of this module's own random stream (e.g. Dropout's draw counter), or null if it has none. Saved
     * in checkpoints so a resumed run draws the same masks.
     */
    protected long[] randomState() {
        return null;
    }

    /** Restores what {@link #randomState()} returned. */
    protected void setRandomState(long[] state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no random state");
    }

    /** Full path → random state, for every module that has one. */
    public final Map<String, long[]> randomStates() {
        Map<String, long[]> out = new LinkedHashMap<>();
        namedModules().forEach((p, m) -> {
            long[] s = m.randomState();
            if (s != null) {
                out.put(p, s.clone());
            }
        });
        return out;
    }

    /** Restores {@link #randomStates()}; paths must match this module's random modules exactly. */
    public final void setRandomStates(Map<String, long[]> states) {
        Map<String, long[]> mine = randomStates();
        if (!mine.keySet().equals(states.keySet())) {
            throw new IllegalArgumentException("random states for " + states.keySet() + " do not match this model's "
                    + "random modules " + mine.keySet());
        }
        Map<String, Module> modules = namedModules();
        states.forEach((p, s) -> modules.get(p).setRandomState(s.clone()));
    }
}
