package org.vecgrad.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input to the dtype operations, as a table in the form of {@link BadInputTableTest}: operations a dtype does
 * not support, out-of-range and negative indices, wrong index dtypes, shape mismatches. Each call must throw the
 * named exception with the operation, the dtype or shape and the allowed values in its message, and leave every
 * array it was given as it was.
 */
class DTypeBadInputTest {

    private final List<BadInputTableTest.Row> rows = new ArrayList<>();

    private void row(String name, Class<? extends Throwable> type, Executable call, Supplier<?> state,
                     String... needles) {
        rows.add(new BadInputTableTest.Row(name, type, call, state, needles));
    }

    /** The floating-point-only operations, each as a call on an array of another dtype. */
    static List<java.util.Map.Entry<String, java.util.function.Consumer<NdArray>>> floatOnly() {
        return List.of(
                java.util.Map.entry("exp", NdArray::exp),
                java.util.Map.entry("relu", NdArray::relu),
                java.util.Map.entry("add", x -> x.add(x)),
                java.util.Map.entry("add", x -> x.add(1.0)),
                java.util.Map.entry("mul", x -> x.mulInPlace(2.0)),
                java.util.Map.entry("sub", x -> x.subInPlace(x)),
                java.util.Map.entry("max", x -> x.maximum(x)),
                java.util.Map.entry("addScaledInPlace", x -> x.addScaledInPlace(1, x)),
                java.util.Map.entry("softmax", x -> x.softmax(-1)),
                java.util.Map.entry("logSoftmax", x -> x.logSoftmax(0)),
                java.util.Map.entry("logSumExp", x -> x.logSumExp(-1, false)),
                java.util.Map.entry("mean", x -> x.mean()),
                java.util.Map.entry("mean", x -> x.mean(0, true)),
                java.util.Map.entry("matmul", x -> x.matmul(x)),
                java.util.Map.entry("sigmoid backward", x -> x.unaryBackward(UnaryOp.SIGMOID, 0, 0, x, null, x)),
                java.util.Map.entry("tanh", x -> x.derivative(UnaryOp.TANH)));
    }

    @TestFactory
    Stream<DynamicTest> operationsOutsideADtypeAreRefusedNamingOpDtypeAndAllowedDtypes() {
        SplittableRandom rng = new SplittableRandom(7);
        Class<IllegalArgumentException> iae = IllegalArgumentException.class;
        for (DType dt : new DType[] {DType.I64, DType.I32, DType.BOOL}) {
            NdArray x = DTypeData.random(dt, rng, 2, 2);
            Supplier<?> state = x::copy;
            for (var op : floatOnly()) {
                row(op.getKey() + " on " + dt, iae, () -> op.getValue().accept(x), state, op.getKey(),
                        "dtype " + dt, "[2, 2]", "allowed: F32, F64");
            }
            row("randn " + dt, iae, () -> NdArray.randn(dt, rng, 3), () -> null, "normal", dt.name(), "F32, F64");
            row("uniform " + dt, iae, () -> NdArray.uniform(dt, rng, 0, 1, 3), () -> null, "uniform", dt.name());
        }
        NdArray mask = NdArray.of(new boolean[] {true, false});
        NdArray f = NdArray.of(new float[] {1, 2});
        NdArray l = NdArray.of(new long[] {1, 2});
        Supplier<?> all = () -> List.of(mask.copy(), f.copy(), l.copy());
        row("argmax on BOOL", iae, () -> mask.argmax(0), all, "argmax", "BOOL", "F32, F64, I64, I32");
        row("argmin on BOOL", iae, () -> mask.argmin(), all, "argmin", "BOOL");
        row("sumLong on F32", iae, () -> f.sumLong(), all, "sumLong", "F32", "I64, I32, BOOL");
        row("logicalAnd on I64", iae, () -> l.logicalAnd(mask), all, "logicalAnd", "I64", "BOOL");
        row("logicalOr with F32", iae, () -> mask.logicalOr(f), all, "logicalOr", "F32", "BOOL");
        row("logicalNot on F32", iae, () -> f.logicalNot(), all, "logicalNot", "F32");
        row("compare dtype mix", iae, () -> f.lt(l), all, "lt", "F32", "I64", "to(DType)");
        row("compare shapes", iae, () -> f.eq(NdArray.zeros(DType.F32, 3)), all, "eq", "[2]", "[3]");
        row("logical shapes", iae, () -> mask.logicalXor(NdArray.zeros(DType.BOOL, 3)), all, "logicalXor",
                "[2]", "[3]");
        row("where mask not BOOL", iae, () -> NdArray.where(l, f, f), all, "where", "mask", "BOOL", "I64");
        row("where dtype mix", iae, () -> NdArray.where(mask, f, l), all, "where", "F32", "I64");
        row("where shapes", iae, () -> NdArray.where(mask, f, NdArray.zeros(DType.F32, 3)), all, "where",
                "[2]", "[3]");
        row("to(I64) of NaN", iae, () -> NdArray.of(new float[] {Float.NaN}).to(DType.I64), () -> null,
                "to(I64)", "element 0", "NaN");
        row("setFlat NaN into I64", iae, () -> l.setFlat(0, Double.NaN), all, "setFlat", "NaN", "I64");
        row("setFlatLong I32 overflow", iae, () -> NdArray.zeros(DType.I32, 1).setFlatLong(0, 1L << 40),
                () -> null, "setFlatLong", "1099511627776", "[-2147483648, 2147483647]");
        row("full I32 overflow", iae, () -> NdArray.full(DType.I32, 3e9, 2), () -> null, "full", "3.0E9", "I32");
        // gather and indexSelect
        NdArray x = NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        NdArray idx = NdArray.of(new long[] {0, 3}, 2, 1);
        Supplier<?> xs = () -> List.of(x.copy(), idx.copy());
        Class<IndexOutOfBoundsException> ioobe = IndexOutOfBoundsException.class;
        row("gather index too large", ioobe, () -> x.gather(1, idx), xs, "gather(axis=1)", "index value 3",
                "position [1, 0]", "size 3", "0 <= index < 3");
        row("gather negative index", ioobe, () -> x.gather(0, NdArray.of(new int[] {-1}, 1, 1)), xs,
                "gather(axis=0)", "-1", "negative indices are refused");
        row("gather F32 index", iae, () -> x.gather(1, x), xs, "gather(axis=1) index", "F32", "I64, I32");
        row("gather BOOL index", iae, () -> x.gather(1, mask.reshape(1, 2)), xs, "gather", "BOOL", "I64, I32");
        row("gather rank mismatch", iae, () -> x.gather(1, l), xs, "gather", "rank 1", "rank 2");
        row("gather index larger off the axis", iae, () -> x.gather(1, NdArray.zeros(DType.I64, 3, 1)), xs,
                "gather", "[3, 1]", "[2, 3]", "axis 0");
        row("gather bad axis", iae, () -> x.gather(2, idx), xs, "gather(axis=2)", "axis 2", "rank 2");
        row("indexSelect out of range", ioobe, () -> x.indexSelect(0, l), xs, "indexSelect(axis=0)",
                "index value 2", "position [1]", "size 2");
        row("indexSelect negative", ioobe, () -> x.indexSelect(1, NdArray.of(new long[] {0, -2})), xs,
                "indexSelect(axis=1)", "-2", "negative");
        row("indexSelect 2-D index", iae, () -> x.indexSelect(0, idx), xs, "indexSelect", "1-D", "[2, 1]");
        row("indexSelect F64 index", iae, () -> x.indexSelect(0, NdArray.of(new double[] {0})), xs,
                "indexSelect", "F64", "I64, I32");
        return BadInputTableTest.run(rows);
    }

    @Test
    void everyFloatOnlyOperationStillWorksOnFloats() {
        // the table above would also pass if these operations threw for every dtype: they must not for F32/F64
        for (DType dt : new DType[] {DType.F32, DType.F64}) {
            for (var op : floatOnly()) {
                NdArray x = NdArray.of(new double[] {0.5, 1, 2, 3}, 2, 2).to(dt);
                op.getValue().accept(x);
                assertEquals(dt, x.dtype());
            }
        }
    }
}
