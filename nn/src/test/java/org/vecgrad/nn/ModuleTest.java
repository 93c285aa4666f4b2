package org.vecgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;
import org.vecgrad.nn.layers.Dense;
import org.vecgrad.nn.layers.Dropout;
import org.vecgrad.nn.layers.Linear;
import org.vecgrad.nn.layers.PReLU;
import org.vecgrad.nn.layers.ReLU;
import org.vecgrad.nn.optim.Adam;
import org.vecgrad.nn.optim.Optimizer;
import org.vecgrad.nn.optim.TensorParameter;

class ModuleTest {

    /** The first way to build a model: subclass Module and write forward. */
    static final class Net extends Module {
        final Sequential layers = register("layers", new Sequential(new Linear(3, 4, true, 1), new ReLU(),
                new Linear(4, 2, true, 2)));
        final PReLU act = register("act", new PReLU());
        final Dropout drop = register("drop", new Dropout(0.5, 3));

        @Override
        public Tensor forward(Tensor x) {
            return drop.forward(act.forward(layers.forward(x)));
        }
    }

    @Test
    void hierarchicalNamesInRegistrationOrder() {
        Net net = new Net();
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "act.weight"),
                List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "act.weight"),
                net.parameters().stream().map(TensorParameter::name).toList());
        assertEquals(List.of("", "layers", "layers.0", "layers.1", "layers.2", "act", "drop"),
                List.copyOf(net.namedModules().keySet()));
        assertEquals(3 * 4 + 4 + 4 * 2 + 2 + 1, net.numParameters());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                List.copyOf(net.layers.namedParameters().keySet()), "names relative to the module asked");
    }

    @Test
    void registrationRejectsBadNames() {
        class Bad extends Module {
            Bad(String name) {
                register(name, new ReLU());
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Bad("a.b"));
        assertThrows(IllegalArgumentException.class, () -> new Bad(""));
        var twice = assertThrows(IllegalArgumentException.class, () -> new Sequential() {
            {
                register("0", new ReLU());
                add(new ReLU());
            }
        });
        assertTrue(twice.getMessage().contains("'0'"), twice.getMessage());
    }

    @Test
    void trainEvalModesReachEverySubmodule() {
        Net net = new Net();
        assertTrue(net.isTraining());
        net.eval();
        for (Module m : net.namedModules().values()) {
            assertFalse(m.isTraining(), m.toString());
        }
        Tensor x = Tensor.randn(DType.F32, new java.util.SplittableRandom(1), 5, 3);
        assertEquals(net.forward(x).data(), net.forward(x).data(), "eval: dropout off, deterministic");
        net.train();
        assertTrue(net.drop.isTraining());
    }

    @Test
    void zeroGradAndOptimizerAdapter() {
        Net net = new Net();
        Tensor x = Tensor.randn(DType.F32, new java.util.SplittableRandom(1), 5, 3);
        net.forward(x).sum().backward();
        for (TensorParameter p : net.parameters()) {
            assertNotNull(p.grad(), p.name());
            assertArrayEquals(p.data().shape(), p.grad().shape());
        }
        Map<String, NdArray> before = net.stateDict();
        Optimizer opt = new Adam(net.parameters(), 0.1);
        opt.step();
        Map<String, NdArray> after = net.stateDict();
        for (String k : before.keySet()) {
            assertNotEquals(before.get(k), after.get(k), k + " updated in place through the adapter");
        }
        net.zeroGrad();
        for (TensorParameter p : net.parameters()) {
            assertNull(p.grad(), p.name());
        }
    }

    @Test
    void frozenParametersGetNoGradient() {
        Net net = new Net();
        net.layers.get(0).requiresGrad(false);
        Tensor x = Tensor.randn(DType.F32, new java.util.SplittableRandom(1), 5, 3);
        net.forward(x).sum().backward();
        Map<String, Tensor> p = net.namedParameters();
        assertEquals(List.of("layers.2.weight", "layers.2.bias", "act.weight"),
                net.parameters().stream().map(TensorParameter::name).toList(), "frozen ones left out");
        assertNull(p.get("layers.0.weight").grad());
        assertNotNull(p.get("layers.2.weight").grad());
    }

    @Test
    void toStringIsAPyTorchLikeTree() {
        assertEquals("""
                Net(
                  (layers): Sequential(
                    (0): Linear(in_features=3, out_features=4, bias=true)
                    (1): ReLU()
                    (2): Linear(in_features=4, out_features=2, bias=true)
                  )
                  (act): PReLU(num_parameters=1)
                  (drop): Dropout(p=0.5)
                )""", new Net().toString());
    }

    @Test
    void sameSeedSameWeightsAndPyTorchInitBounds() {
        assertEquals(new Linear(30, 20, true, 5).stateDict(), new Linear(30, 20, true, 5).stateDict());
        assertNotEquals(new Linear(30, 20, true, 5).stateDict(), new Linear(30, 20, true, 6).stateDict());
        Rng.manualSeed(9);
        Map<String, NdArray> a = new Net().stateDict();
        Rng.manualSeed(9);
        assertEquals(a, new Net().stateDict(), "Rng.manualSeed makes unseeded layers reproducible");
        Linear l = new Linear(50, 40, true, 1);
        double bound = 1 / Math.sqrt(50);
        for (Tensor t : List.of(l.weight(), l.bias())) {
            double max = 0;
            for (int i = 0; i < t.size(); i++) {
                max = Math.max(max, Math.abs(t.data().getFlat(i)));
            }
            assertTrue(max <= bound && max > 0.9 * bound, "max |w| " + max + " vs 1/√in " + bound);
        }
        Dense d = Dense.builder(40).inputDim(50).seed(1).build();
        double glorot = Math.sqrt(6.0 / (50 + 40));
        double max = 0;
        for (int i = 0; i < d.kernel().size(); i++) {
            max = Math.max(max, Math.abs(d.kernel().data().getFlat(i)));
        }
        assertTrue(max <= glorot && max > 0.9 * glorot, "Glorot bound " + glorot + ", max " + max);
        assertEquals(0, d.bias().data().sum(), 0, "Keras's zero bias");
        assertArrayEquals(new int[] {50, 40}, d.kernel().shape(), "Keras layout [in, units]");
    }

    @Test
    void lazyDenseBuildsAtFirstCallAndRefusesParametersBefore() {
        Dense d = new Dense(3, "relu");
        assertFalse(d.isBuilt());
        var e = assertThrows(IllegalStateException.class, d::parameters);
        assertTrue(e.getMessage().contains("build"), e.getMessage());
        Tensor y = d.forward(Tensor.randn(DType.F64, new java.util.SplittableRandom(2), 4, 7));
        assertArrayEquals(new int[] {4, 3}, y.shape());
        assertEquals(DType.F64, d.kernel().dtype(), "built in the input's dtype");
        assertArrayEquals(new int[] {7, 3}, d.kernel().shape());
        var wrong = assertThrows(IllegalArgumentException.class,
                () -> d.forward(Tensor.zeros(DType.F64, 4, 6)));
        assertTrue(wrong.getMessage().contains("7 input features"), wrong.getMessage());
    }

    @Test
    void loadStateDictValidatesEverythingFirst() {
        Net net = new Net();
        Map<String, NdArray> good = new Net().stateDict();
        Map<String, NdArray> original = net.stateDict();

        Map<String, NdArray> missing = new LinkedHashMap<>(good);
        missing.remove("act.weight");
        missing.put("act.wieght", NdArray.zeros(DType.F32, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(missing));
        assertTrue(e.getMessage().contains("missing [act.weight]") && e.getMessage().contains("unexpected [act.wieght]"),
                e.getMessage());

        Map<String, NdArray> badShape = new LinkedHashMap<>(good);
        badShape.put("layers.2.bias", NdArray.zeros(DType.F32, 3));
        e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(badShape));
        assertTrue(e.getMessage().contains("layers.2.bias") && e.getMessage().contains("[3]"), e.getMessage());

        Map<String, NdArray> badType = new LinkedHashMap<>(good);
        badType.put("act.weight", NdArray.zeros(DType.F64, 1));
        e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(badType));
        assertTrue(e.getMessage().contains("F64") && e.getMessage().contains("F32"), e.getMessage());

        assertEquals(original, net.stateDict(), "a rejected load changes nothing");
        net.loadStateDict(good);
        assertEquals(good, net.stateDict());
    }

    @Test
    void saveAndLoadThroughSafeTensors(@TempDir Path dir) throws Exception {
        Net a = new Net();
        Path f = dir.resolve("net.safetensors");
        a.save(f);
        assertTrue(Files.size(f) > 0);
        Net b = new Net();
        b.layers.get(0).to(DType.F32);
        assertNotEquals(a.stateDict(), new Linear(3, 4, true, 77).stateDict());
        b.load(f);
        assertEquals(a.stateDict(), b.stateDict());
    }

    @Test
    void toDtypeConvertsEveryParameter() {
        Net net = new Net();
        net.to(DType.F64);
        for (Tensor t : net.namedParameters().values()) {
            assertEquals(DType.F64, t.dtype());
            assertTrue(t.requiresGrad());
        }
        assertEquals(DType.F64, net.forward(Tensor.zeros(DType.F64, 2, 3)).dtype());
        var e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(DType.F32, 2, 3)));
        assertTrue(e.getMessage().contains("F32") && e.getMessage().contains("F64"), e.getMessage());
    }
}
