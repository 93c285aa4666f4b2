package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Bad input at every public entry point of {@link Tensor}, as a table: each row is a call, the exception type, the
 * substrings its message must contain (the argument, the bad value, what was expected), and the tensors involved,
 * whose values and gradients must be unchanged after the failed call (no half-built graph, no stray gradient).
 */
class BadInputTableTest {

    record Row(String name, Class<? extends Throwable> type, Executable call, Supplier<?> state, String[] needles) {
    }

    private final List<Row> rows = new ArrayList<>();

    private void row(String name, Class<? extends Throwable> type, Executable call, Supplier<?> state,
                     String... needles) {
        rows.add(new Row(name, type, call, state, needles));
    }

    /** Values and gradients (null or a copy) of each tensor. */
    static Supplier<?> snapshot(Tensor... ts) {
        return () -> {
            List<Object> s = new ArrayList<>();
            for (Tensor t : ts) {
                s.add(t.data().copy());
                s.add(t.grad() == null ? "no grad" : t.grad().data().copy());
                s.add(t.requiresGrad());
            }
            return s;
        };
    }

    @TestFactory
    Stream<DynamicTest> tensorOpsRejectBadInputWithClearMessagesAndChangeNothing() {
        Class<IllegalArgumentException> iae = IllegalArgumentException.class;
        Class<IllegalStateException> ise = IllegalStateException.class;
        Class<IndexOutOfBoundsException> ioob = IndexOutOfBoundsException.class;
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad(true);
        Tensor f = Tensor.of(NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)).requiresGrad(true);
        Tensor v = Tensor.of(1, 2, 3, 4).requiresGrad(true);
        Supplier<?> st = snapshot(x, f, v);

        Tensor ids = Tensor.of(NdArray.of(new long[] {3, 1, 2}, 3));
        row("requiresGrad on I64", iae, () -> ids.requiresGrad(true), snapshot(ids), "I64", "floating-point");
        row("of(I64, requiresGrad)", iae, () -> Tensor.of(NdArray.of(new long[] {1}, 1), true), st, "I64",
                "floating-point");
        row("add shape mismatch", iae, () -> x.add(v), st, "[2, 3]", "[4]");
        row("mul dtype mix", iae, () -> x.mul(f), st, "F64", "F32", "cannot mix");
        row("matmul inner mismatch", iae, () -> x.matmul(x), st, "[2, 3]");
        row("matmul rank 1", iae, () -> v.matmul(x), st, "2-D or 3-D", "[4]");
        row("matmul dtype mix", iae, () -> x.matmul(f.transpose()), st, "F64", "F32");
        row("addmm inner mismatch", iae, () -> Tensor.addmm(v, x, x), st, "inner", "[2, 3]", "3 columns", "2 rows");
        row("addmm bias shape", iae, () -> Tensor.addmm(v, x, x.transpose()), st, "bias", "[4]", "[2, 2]",
                "[2, 3]", "[3, 2]");
        row("addmm rank 1", iae, () -> Tensor.addmm(v, v, x), st, "matrices", "[4]", "[2, 3]");
        row("addmm dtype mix", iae, () -> Tensor.addmm(v, x, f.transpose()), st, "F64", "F32", "[3, 2]");
        row("addmm null", NullPointerException.class, () -> Tensor.addmm(null, x, x), st, "addmm: bias");
        row("reshape size mismatch", iae, () -> x.reshape(4, 2), st, "[2, 3]", "[4, 2]");
        row("reshape int overflow", iae, () -> x.reshape(65536, 65536), st, "65536");
        row("sum bad axis", iae, () -> x.sum(2, false), st, "axis 2", "rank 2");
        row("softmax bad axis", iae, () -> x.softmax(-3), st, "axis -3");
        row("logSumExp bad axis", iae, () -> x.logSumExp(7, true), st, "axis 7");
        row("squeeze non-1 axis", iae, () -> x.squeeze(0), st, "squeeze(0)", "[2, 3]");
        row("unsqueeze bad axis", iae, () -> x.unsqueeze(4), st, "4");
        row("transpose of vector", iae, () -> v.transpose(), st, "matrix", "[4]");
        row("permute repeated axis", iae, () -> x.permute(1, 1), st, "[1, 1]");
        row("expand incompatible", iae, () -> x.expand(4, 3), st, "[2, 3]", "[4, 3]");
        row("narrow out of range", ioob, () -> x.narrow(1, 2, 2), st, "start 2", "length 2", "[2, 3]");
        row("rows reversed", ioob, () -> x.rows(2, 1), st, "[2, 3]");
        row("indexSelect out of range", ioob, () -> x.indexSelect(0, 2), st, "index[1] = 2", "[2, 3]");
        row("gather label >= classes", ioob, () -> x.gather(0, 3), st, "labels[1] = 3", "0 .. 2");
        row("gather negative label", ioob, () -> x.gather(-1, 0), st, "labels[0] = -1", "0 .. 2");
        row("gather label count", iae, () -> x.gather(0), st, "1 labels", "[2, 3]");
        row("concat shape mismatch", iae, () -> Tensor.concat(0, x, v), st, "[2, 3]", "[4]");
        row("concat nothing", iae, () -> Tensor.concat(0), st, "at least one");
        row("maxout pieces not dividing", iae, () -> x.maxout(2), st, "maxout(2)", "[2, 3]");
        row("prelu slope shape", iae, () -> x.prelu(Tensor.of(1, 2)), st, "prelu", "[2]");
        row("gelu(mu, sigma) sigma 0", iae, () -> x.gelu(0, 0), st, "gelu(mu, sigma)", "sigma = 0.0", "> 0");
        row("gelu(mu, sigma) sigma NaN", iae, () -> x.gelu(0, Double.NaN), st, "sigma = NaN", "[2, 3]");
        row("gelu(mu, sigma) mu infinite", iae, () -> x.gelu(Double.POSITIVE_INFINITY, 1), st, "mu = Infinity",
                "finite");
        row("swish beta shape", iae, () -> x.swish(Tensor.of(1, 2)), st, "[2, 3]", "[2]", "broadcast");
        row("backward non-scalar", ise, () -> x.mul(2).backward(), st, "one-element", "6 elements", "[2, 3]");
        row("backward upstream shape", iae, () -> x.mul(2).backward(Tensor.of(1, 2, 3)), st, "upstream",
                "[3]", "[2, 3]");
        row("backward upstream dtype", iae,
                () -> x.mul(2).backward(Tensor.of(NdArray.zeros(DType.F32, 2, 3))), st, "upstream", "F32");
        row("backward on a graph already released", ise, () -> {
            Tensor l = x.mul(3).sum();
            l.backward();
            x.clearGrad();
            l.backward();
        }, st, "retainGraph");
        row("requiresGrad on a non-leaf", ise, () -> x.mul(2).requiresGrad(false), st, "requiresGrad(false)");
        row("retainGrad without grad", ise, () -> Tensor.of(1, 2).retainGrad(), st, "does not require grad");
        row("custom op input count", iae, () -> Tensor.custom("twice", x.data(), new Tensor[] {x, v},
                (g, y) -> g), st, "twice", "2 inputs");
        row("of null", NullPointerException.class, () -> Tensor.of((NdArray) null), st, "data");
        row("add null", NullPointerException.class, () -> x.add((Tensor) null), st, "add: operand");
        row("pow of NaN exponent", iae, () -> x.pow(Double.NaN), st, "NaN");
        row("clamp lo > hi", iae, () -> x.clamp(3, 1), st, "3.0", "1.0");
        return rows.stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            Object before = r.state().get();
            Throwable t = assertThrows(r.type(), r.call(), r.name());
            String msg = String.valueOf(t.getMessage());
            for (String n : r.needles()) {
                assertTrue(msg.contains(n), r.name() + ": message lacks \"" + n + "\": " + msg);
            }
            assertEquals(before, r.state().get(), r.name() + ": the failed call changed a tensor or gradient "
                    + Arrays.toString(r.needles()));
        }));
    }
}
