package org.vecgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.Module;
import org.vecgrad.nn.Sequential;
import org.vecgrad.nn.data.DataLoader;
import org.vecgrad.nn.data.TensorDataset;
import org.vecgrad.nn.io.SafeTensors;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.Maxout;
import org.vecgrad.nn.layers.PReLU;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.loss.BCELoss;
import org.vecgrad.nn.loss.CrossEntropyLoss;
import org.vecgrad.nn.loss.MSELoss;
import org.vecgrad.nn.loss.NLLLoss;
import org.vecgrad.nn.optim.Adagrad;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.AdamW;
import org.vecgrad.nn.optim.CosineAnnealingLR;
import org.vecgrad.nn.optim.ExponentialLR;
import org.vecgrad.nn.optim.GradClip;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.nn.optim.Parameter;
import org.vecgrad.nn.optim.RMSprop;
import org.vecgrad.nn.optim.SGD;
import org.vecgrad.nn.optim.StepLR;
import org.vecgrad.nn.train.Checkpoint;
import org.vecgrad.nn.train.FitOptions;

/**
 * Bad input at every public entry point of nn (layers, losses, optimizers, schedulers, data, io, training), as a
 * table: each row is a call, the exception type, the substrings its message must contain (the argument, the bad
 * value, what was expected), and the objects involved — parameters, gradients, optimizer state, learning rate —
 * which must compare equal before and after the failed call: nothing is left half-changed.
 */
class BadInputTableTest {

    record Row(String name, Class<? extends Throwable> type, Executable call, Supplier<?> state, String[] needles) {
    }

    private final List<Row> rows = new ArrayList<>();

    private void row(String name, Class<? extends Throwable> type, Executable call, Supplier<?> state,
                     String... needles) {
        rows.add(new Row(name, type, call, state, needles));
    }

    /** The model's weights and gradients, and the optimizer's state dict (learning rate, step counts, buffers). */
    static Supplier<?> snapshot(Module m, Optimizer opt) {
        return () -> {
            Map<String, Object> s = new LinkedHashMap<>(m.stateDict());
            m.namedParameters().forEach((k, p) -> s.put(k + ".grad", p.grad() == null ? "none" : p.grad().data().copy()));
            if (opt != null) {
                opt.stateDict().forEach((k, v) -> s.put("opt." + k, v.copy()));
                s.put("lr", opt.lr());
                s.put("hyperparameters", hyperparameters(opt));
            }
            return s;
        };
    }

    /** Every primitive instance field of {@code o} and its superclasses (an optimizer's hyperparameters). */
    static Map<String, Object> hyperparameters(Object o) {
        Map<String, Object> h = new LinkedHashMap<>();
        for (Class<?> c = o.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (f.getType().isPrimitive() && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    try {
                        f.setAccessible(true);
                        h.put(c.getSimpleName() + "." + f.getName(), f.get(o));
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return h;
    }

    @TestFactory
    Stream<DynamicTest> nnRejectsBadInputWithClearMessagesAndChangesNothing() throws Exception {
        Class<IllegalArgumentException> iae = IllegalArgumentException.class;
        Class<NullPointerException> npe = NullPointerException.class;
        Sequential m = new Sequential(new Linear(3, 4, true, 1), new ReLU(), new Linear(4, 2, true, 2));
        Tensor x = Tensor.of(NdArray.of(new float[] {1, -2, 3, 0.5f, 1, -1}, 2, 3));
        Adam adam = new Adam(m.parameters(), 0.01);
        // one good step, so that the optimizer has moments and a step count to protect
        new CrossEntropyLoss().forward(m.forward(x), new int[] {0, 1}).backward();
        adam.step();
        Supplier<?> st = snapshot(m, adam);
        Tensor logits = Tensor.of(NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)).requiresGrad(true);
        Supplier<?> lst = () -> List.of(logits.data().copy(), logits.grad() == null ? "none" : logits.grad().data());

        // layers: zero and negative sizes, probabilities outside [0, 1), wrong input width
        row("Linear in = 0", iae, () -> new Linear(0, 3), st, "in = 0", ">= 1");
        row("Linear out = -2", iae, () -> new Linear(3, -2), st, "out = -2", ">= 1");
        row("Dense units = 0", iae, () -> new Dense(0), st, "units", "0", ">= 1");
        row("Maxout pieces = 0", iae, () -> new Maxout(3, 2, 0), st, "pieces = 0", ">= 1");
        row("PReLU numParameters = 0", iae, () -> new PReLU(0, 0.25), st, "numParameters", "0");
        row("Dropout p = 1", iae, () -> new Dropout(1.0), st, "p = 1.0", "[0, 1)");
        row("Dropout p = -0.1", iae, () -> new Dropout(-0.1), st, "p = -0.1", "[0, 1)");
        row("Dropout p = NaN", iae, () -> new Dropout(Double.NaN), st, "p = NaN", "[0, 1)");
        row("forward with the wrong width", iae,
                () -> m.forward(Tensor.of(NdArray.zeros(DType.F32, 2, 5))), st, "[2, 5]", "3");
        row("forward dtype mix", iae, () -> m.forward(Tensor.of(NdArray.zeros(DType.F64, 2, 3))), st, "F64",
                "F32");
        row("loadStateDict wrong shape", iae, () -> {
            Map<String, NdArray> bad = new LinkedHashMap<>(m.stateDict());
            bad.put("0.weight", NdArray.zeros(DType.F32, 5, 5));
            m.loadStateDict(bad);
        }, st, "0.weight", "[5, 5]", "[4, 3]");
        // losses: labels out of range, empty batches, mismatched targets
        row("CE label = classes", iae, () -> new CrossEntropyLoss().forward(logits, new int[] {0, 3}), lst,
                "label 3", "3 classes", "[0, 2]");
        row("CE negative label", iae, () -> new CrossEntropyLoss().forward(logits, new int[] {-1, 0}), lst,
                "label -1", "[0, 2]");
        row("CE label count", iae, () -> new CrossEntropyLoss().forward(logits, new int[] {0}), lst,
                "1 labels", "2 samples");
        row("CE empty batch", iae, () -> new CrossEntropyLoss().forward(
                Tensor.of(NdArray.zeros(DType.F32, 0, 3)).requiresGrad(true), new int[0]), lst, "empty batch", "CrossEntropyLoss");
        row("NLL label = classes", iae, () -> new NLLLoss().forward(logits, new int[] {5, 0}), lst, "label 5",
                "3 classes");
        row("MSE shape mismatch", iae, () -> new MSELoss().forward(logits, Tensor.of(1, 2, 3)), lst, "MSELoss",
                "[2, 3]", "[3]");
        row("MSE empty batch", iae, () -> new MSELoss().forward(Tensor.of(NdArray.zeros(DType.F32, 0, 1)),
                Tensor.of(NdArray.zeros(DType.F32, 0, 1))), lst, "empty batch", "[0, 1]");
        row("BCE probability > 1", iae, () -> new BCELoss().forward(Tensor.of(0.5, 1.5), Tensor.of(0, 1)), lst,
                "1.5", "[0, 1]");
        row("loss null target", npe, () -> new MSELoss().forward(logits, (Tensor) null), lst, "target");
        // optimizers: hyperparameters (setters and constructors) and a failed step
        row("SGD lr < 0", iae, () -> new SGD(m.parameters(), -0.1), st, "SGD", "lr = -0.1", "[0, ∞)");
        row("SGD lr NaN", iae, () -> new SGD(m.parameters(), Double.NaN), st, "lr = NaN");
        row("SGD momentum = 1", iae, () -> new SGD(m.parameters(), 0.1).momentum(1.0), st, "momentum = 1.0",
                "[0, 1)");
        row("SGD momentum < 0", iae, () -> new SGD(m.parameters(), 0.1).momentum(-0.5), st, "momentum = -0.5");
        row("SGD nesterov without momentum", iae, () -> {
            SGD sgd = new SGD(m.parameters(), 0.1).nesterov(true);
            sgd.step();
        }, st, "nesterov", "momentum");
        row("Adam beta1 = 1", iae, () -> adam.betas(1.0, 0.999), st, "Adam", "beta1 = 1.0", "[0, 1)");
        row("Adam beta2 < 0 (beta1 not set either)", iae, () -> adam.betas(0.5, -0.1), st, "beta2 = -0.1",
                "[0, 1)");
        row("Adam eps = 0", iae, () -> adam.eps(0), st, "eps = 0.0", "(0, ∞)");
        row("Adam eps < 0", iae, () -> adam.eps(-1e-8), st, "eps = -1.0E-8");
        row("Adam weightDecay < 0", iae, () -> adam.weightDecay(-1), st, "weightDecay = -1.0");
        row("Adam setLr < 0", iae, () -> adam.setLr(-1), st, "lr = -1.0");
        row("AdamW lr infinite", iae, () -> new AdamW(m.parameters(), Double.POSITIVE_INFINITY), st, "AdamW",
                "lr = Infinity");
        row("RMSprop alpha > 1", iae, () -> new RMSprop(m.parameters()).alpha(1.5), st, "alpha = 1.5");
        row("RMSprop momentum = 1", iae, () -> new RMSprop(m.parameters()).momentum(1), st, "momentum = 1.0");
        row("Adagrad lrDecay < 0", iae, () -> new Adagrad(m.parameters()).lrDecay(-1), st, "lrDecay = -1.0");
        row("optimizer with no parameters", iae, () -> new SGD(List.of(), 0.1), st, "empty parameter list");
        row("optimizer null params", npe, () -> new Adam(null), st, "params");
        // A failed step: the model's parameters (with fresh gradients) come first, a parameter whose gradient has
        // the wrong shape last; the step must reject it before updating anything.
        m.zeroGrad();
        new CrossEntropyLoss().forward(m.forward(x), new int[] {1, 0}).backward();
        NdArray oddData = NdArray.zeros(DType.F32, 2, 2);
        Parameter odd = new Parameter() {
            @Override
            public String name() {
                return "odd";
            }

            @Override
            public NdArray data() {
                return oddData;
            }

            @Override
            public NdArray grad() {
                return NdArray.zeros(DType.F32, 4);
            }

            @Override
            public void zeroGrad() {
            }
        };
        List<Parameter> withOdd = new ArrayList<>(m.parameters());
        withOdd.add(odd);
        Adam two = new Adam(withOdd, 0.1);
        Supplier<?> twoState = () -> List.of(snapshot(m, two).get(), oddData.copy());
        row("step with a wrong-shape gradient updates no parameter", iae, two::step, twoState, "\"odd\"",
                "[2, 2]", "gradient F32 [4]", "nothing was updated");
        Supplier<?> st2 = snapshot(m, adam);
        row("loadStateDict unknown key", iae, () -> adam.loadStateDict(Map.of("nope", NdArray.zeros(DType.F32, 1))),
                st2, "nope");
        row("loadStateDict negative lr", iae,
                () -> adam.loadStateDict(Map.of("lr", NdArray.scalar(DType.F64, -1))), st2, "lr = -1.0");
        // schedulers and gradient clipping
        row("StepLR stepSize = 0", iae, () -> new StepLR(adam, 0), st, "stepSize = 0");
        row("ExponentialLR gamma = 0", iae, () -> new ExponentialLR(adam, 0), st, "gamma = 0.0", "(0, ∞)");
        row("ExponentialLR gamma NaN", iae, () -> new ExponentialLR(adam, Double.NaN), st, "gamma = NaN");
        row("CosineAnnealingLR tMax = 0", iae, () -> new CosineAnnealingLR(adam, 0), st, "tMax = 0");
        row("CosineAnnealingLR etaMin < 0", iae, () -> new CosineAnnealingLR(adam, 10, -1), st, "etaMin = -1.0");
        row("scheduler null optimizer", npe, () -> new StepLR(null, 1), st, "optimizer");
        row("scheduler setEpoch < 0", iae, () -> new StepLR(adam, 2).setEpoch(-1), st, "epoch -1", ">= 0");
        row("clipGradNorm maxNorm < 0", iae, () -> GradClip.clipGradNorm(m.parameters(), -1), st,
                "maxNorm = -1.0");
        row("clipGradValue NaN", iae, () -> GradClip.clipGradValue(m.parameters(), Double.NaN), st,
                "clipValue = NaN");
        // data and training options
        TensorDataset data = TensorDataset.of(NdArray.zeros(DType.F32, 4, 3), new int[] {0, 1, 0, 1});
        row("DataLoader batchSize = 0", iae, () -> new DataLoader(data, 0), st, "batchSize 0", ">= 1");
        row("DataLoader null dataset", npe, () -> new DataLoader(null, 4), st, "dataset");
        row("TensorDataset label count", iae,
                () -> TensorDataset.of(NdArray.zeros(DType.F32, 4, 3), new int[] {0, 1}), st, "4 rows", "2");
        row("FitOptions batchSize = 0", iae, () -> FitOptions.epochs(1).batchSize(0), st, "batchSize 0");
        row("FitOptions epochs = 0", iae, () -> FitOptions.epochs(0), st, "epochs 0", ">= 1");
        row("FitOptions validationSplit = 1", iae, () -> FitOptions.epochs(1).validationSplit(1), st,
                "validationSplit 1.0", "[0, 1)");
        // io
        row("SafeTensors.load(null)", npe, () -> SafeTensors.load(null), st, "file");
        row("SafeTensors.save(null, …)", npe, () -> SafeTensors.save(null, Map.of()), st, "file");
        row("SafeTensors.save(…, null)", npe, () -> SafeTensors.save(Path.of("unused.safetensors"), null), st,
                "tensors");
        row("SafeTensors.fromBytes(null)", npe, () -> SafeTensors.fromBytes(null), st, "bytes");
        row("Checkpoint.save null model", npe, () -> Checkpoint.save(Path.of("unused"), null, adam, 1), st,
                "model");
        row("Checkpoint.load null file", npe, () -> Checkpoint.load(null, m, adam), st, "file");
        row("Module.save(null)", npe, () -> m.save(null), st, "file");
        return rows.stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            Object before = r.state().get();
            Throwable t = assertThrows(r.type(), r.call(), r.name());
            String msg = String.valueOf(t.getMessage());
            for (String n : r.needles()) {
                assertTrue(msg.contains(n), r.name() + ": message lacks \"" + n + "\": " + msg);
            }
            assertEquals(before, r.state().get(), r.name() + ": the failed call changed the model or optimizer");
        }));
    }
}
