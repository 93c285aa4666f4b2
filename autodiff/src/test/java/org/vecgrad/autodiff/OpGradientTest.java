package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * Every differentiable op, on random shapes (with broadcasting where the op broadcasts) and random values away from
 * kinks: gradcheck and gradgradcheck in F64, and F32 gradients against F64 ones.
 */
class OpGradientTest {

    /** Random values of a given shape. */
    interface Values {
        NdArray make(SplittableRandom r, int[] shape);
    }

    /** One random instance of an op: its inputs and the function under test. */
    record Instance(NdArray[] inputs, TensorFunction f) {
    }

    /** An op and a generator of random instances of it. */
    record OpCase(String name, Function<SplittableRandom, Instance> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Values ANY = Gen::awayFromKinks;
    static final Values POSITIVE = (r, s) -> Gen.uniform(r, 0.3, 2.5, s);
    static final Values NONZERO = (r, s) -> Gen.signedMagnitude(r, 0.4, 2.5, s);
    static final Values SMALL = (r, s) -> Gen.uniform(r, -1, 1, s);
    static final Values EVEN = (r, s) -> Gen.apart(r, false, s);
    static final Values ODD = (r, s) -> Gen.apart(r, true, s);

    static OpCase unary(String name, Values v, UnaryOperator<Tensor> f) {
        return new OpCase(name, r -> {
            int[] s = Gen.shape(r, 0, 3, 4);
            return new Instance(new NdArray[] {v.make(r, s)}, xs -> f.apply(xs[0]));
        });
    }

    /** Random shape pairs that broadcast, in either direction. */
    static OpCase binary(String name, Values va, Values vb, BinaryOperator<Tensor> f) {
        return new OpCase(name, r -> {
            int[] s = Gen.shape(r, 0, 3, 4);
            int[] t = Gen.broadcastable(r, s);
            if (r.nextBoolean()) {
                int[] u = s;
                s = t;
                t = u;
            }
            return new Instance(new NdArray[] {va.make(r, s), vb.make(r, t)}, xs -> f.apply(xs[0], xs[1]));
        });
    }

    /** A rank-1..3 input and a random axis. */
    static OpCase axisOp(String name, Values v, AxisFn f) {
        return new OpCase(name, r -> {
            int[] s = Gen.shape(r, 1, 3, 4);
            int axis = r.nextInt(-s.length, s.length);
            boolean keep = r.nextBoolean();
            return new Instance(new NdArray[] {v.make(r, s)}, xs -> f.apply(xs[0], axis, keep));
        });
    }

    interface AxisFn {
        Tensor apply(Tensor x, int axis, boolean keepDims);
    }

    static List<OpCase> ops() {
        List<OpCase> ops = new ArrayList<>();
        // ---- binary, broadcasting
        ops.add(binary("add", ANY, ANY, Tensor::add));
        ops.add(binary("sub", ANY, ANY, Tensor::sub));
        ops.add(binary("mul", ANY, ANY, Tensor::mul));
        ops.add(binary("div", ANY, NONZERO, Tensor::div));
        ops.add(binary("maximum", EVEN, ODD, Tensor::maximum));     // kinked where a = b: kept 0.06 apart
        ops.add(binary("minimum", ODD, EVEN, Tensor::minimum));
        // ---- scalar forms
        ops.add(unary("add(s)", ANY, x -> x.add(0.7)));
        ops.add(unary("sub(s)", ANY, x -> x.sub(0.7)));
        ops.add(unary("mul(s)", ANY, x -> x.mul(-1.3)));
        ops.add(unary("div(s)", ANY, x -> x.div(1.7)));
        ops.add(unary("rsub", ANY, x -> x.rsub(2.0)));
        ops.add(unary("rdiv", NONZERO, x -> x.rdiv(3.0)));
        // ---- elementwise math
        ops.add(unary("neg", ANY, Tensor::neg));
        ops.add(unary("abs", ANY, Tensor::abs));
        ops.add(unary("exp", ANY, Tensor::exp));
        ops.add(unary("log", POSITIVE, Tensor::log));
        ops.add(unary("sqrt", POSITIVE, Tensor::sqrt));
        ops.add(unary("square", ANY, Tensor::square));
        ops.add(unary("pow(3)", ANY, x -> x.pow(3)));
        ops.add(unary("pow(2.5)", POSITIVE, x -> x.pow(2.5)));
        ops.add(unary("pow(-1.5)", POSITIVE, x -> x.pow(-1.5)));
        ops.add(unary("clamp", ANY, x -> x.clamp(-1.5, 1.5)));
        // ---- activations
        ops.add(unary("sigmoid", ANY, Tensor::sigmoid));
        ops.add(unary("tanh", ANY, Tensor::tanh));
        ops.add(unary("relu", ANY, Tensor::relu));
        ops.add(unary("leakyRelu", ANY, x -> x.leakyRelu(0.1)));
        ops.add(unary("elu", ANY, x -> x.elu(1.3)));
        ops.add(unary("softplus", ANY, Tensor::softplus));
        ops.add(unary("swish", ANY, x -> x.swish(0.8)));
        ops.add(unary("silu", ANY, Tensor::silu));
        ops.add(unary("gelu", ANY, Tensor::gelu));
        ops.add(unary("geluTanh", ANY, Tensor::geluTanh));
        ops.add(unary("geluSigmoid", ANY, Tensor::geluSigmoid));
        ops.add(new OpCase("gelu(mu, sigma)", r -> {
            double mu = r.nextDouble(-1, 1);
            double sigma = r.nextDouble(0.3, 2);
            int[] s = Gen.shape(r, 0, 3, 4);
            return new Instance(new NdArray[] {ANY.make(r, s)}, xs -> xs[0].gelu(mu, sigma));
        }));
        ops.add(unary("hardSigmoid", ANY, Tensor::hardSigmoid));
        ops.add(unary("hardTanh", ANY, Tensor::hardTanh));
        ops.add(unary("step", ANY, x -> x.step().add(x)));
        ops.add(new OpCase("swish(tensor beta)", r -> {
            int[] s = Gen.shape(r, 1, 3, 4);
            int[] b = Gen.broadcastable(r, s);
            return new Instance(new NdArray[] {ANY.make(r, s), Gen.uniform(r, 0.3, 2, b)},
                    xs -> xs[0].swish(xs[1]));
        }));
        ops.add(new OpCase("prelu(shared)", r -> {
            int[] s = Gen.shape(r, 1, 3, 4);
            return new Instance(new NdArray[] {ANY.make(r, s), Gen.uniform(r, 0.05, 0.5, 1)},
                    xs -> xs[0].prelu(xs[1]));
        }));
        ops.add(new OpCase("prelu(per channel)", r -> {
            int[] s = Gen.shape(r, 2, 4, 3);
            return new Instance(new NdArray[] {ANY.make(r, s), Gen.uniform(r, 0.05, 0.5, s[1])},
                    xs -> xs[0].prelu(xs[1]));
        }));
        ops.add(new OpCase("maxout", r -> {
            int k = r.nextInt(1, 4);
            int[] s = Gen.shape(r, 1, 3, 3);
            s[s.length - 1] *= k;
            return new Instance(new NdArray[] {Gen.distinct(r, s)}, xs -> xs[0].maxout(k));
        }));
        // ---- reductions
        ops.add(unary("sum", ANY, Tensor::sum));
        ops.add(unary("mean", ANY, Tensor::mean));
        ops.add(axisOp("sum(axis)", ANY, Tensor::sum));
        ops.add(axisOp("mean(axis)", ANY, Tensor::mean));
        ops.add(axisOp("max(axis)", Gen::distinct, Tensor::max));
        ops.add(axisOp("min(axis)", Gen::distinct, Tensor::min));
        ops.add(new OpCase("max()", r -> new Instance(new NdArray[] {Gen.distinct(r, Gen.shape(r, 0, 3, 4))},
                xs -> xs[0].max())));
        ops.add(axisOp("softmax", ANY, (x, a, k) -> x.softmax(a)));
        ops.add(axisOp("logSoftmax", ANY, (x, a, k) -> x.logSoftmax(a)));
        ops.add(axisOp("logSumExp", ANY, Tensor::logSumExp));
        // ---- matmul
        ops.add(new OpCase("matmul 2-D", r -> {
            int m = r.nextInt(1, 5);
            int k = r.nextInt(1, 5);
            int n = r.nextInt(1, 5);
            return new Instance(new NdArray[] {SMALL.make(r, new int[] {m, k}), SMALL.make(r, new int[] {k, n})},
                    xs -> xs[0].matmul(xs[1]));
        }));
        ops.add(new OpCase("matmul batched", r -> {
            int b = r.nextInt(1, 4);
            int m = r.nextInt(1, 4);
            int k = r.nextInt(1, 4);
            int n = r.nextInt(1, 4);
            int[][] shapes = switch (r.nextInt(4)) {
                case 0 -> new int[][] {{b, m, k}, {b, k, n}};
                case 1 -> new int[][] {{1, m, k}, {b, k, n}};
                case 2 -> new int[][] {{m, k}, {b, k, n}};
                default -> new int[][] {{b, m, k}, {k, n}};
            };
            return new Instance(new NdArray[] {SMALL.make(r, shapes[0]), SMALL.make(r, shapes[1])},
                    xs -> xs[0].matmul(xs[1]));
        }));
        ops.add(new OpCase("addmm", r -> {                          // bias of every shape that broadcasts
            int m = r.nextInt(1, 5);
            int k = r.nextInt(1, 5);
            int n = r.nextInt(1, 5);
            int[] bias = switch (r.nextInt(5)) {
                case 0 -> new int[] {n};
                case 1 -> new int[] {1, n};
                case 2 -> new int[] {m, 1};
                case 3 -> new int[] {m, n};
                default -> new int[] {};
            };
            return new Instance(new NdArray[] {SMALL.make(r, bias), SMALL.make(r, new int[] {m, k}),
                    SMALL.make(r, new int[] {k, n})}, xs -> Tensor.addmm(xs[0], xs[1], xs[2]));
        }));
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                ops.add(new OpCase("affine(transA=" + ta + ", transB=" + tb + ")", r -> {
                    AffineTest.Case c = AffineTest.Case.random(r, ta, tb, 4);
                    NdArray[] in = c.inputs(r);
                    return new Instance(in, c::apply);
                }));
            }
        }
        // ---- shape ops
        ops.add(new OpCase("reshape", r -> {
            int[] s = Gen.shape(r, 1, 3, 4);
            return new Instance(new NdArray[] {ANY.make(r, s)}, xs -> xs[0].reshape(-1, 1).mul(xs[0].reshape(1, -1)));
        }));
        ops.add(new OpCase("transpose", r -> {
            int[] s = Gen.shape(r, 2, 2, 4);
            NdArray c = Gen.uniform(r, -1, 1, s[1], s[0]);
            return new Instance(new NdArray[] {ANY.make(r, s)},
                    xs -> xs[0].transpose().mul(Tensor.of(c.to(xs[0].dtype()))));
        }));
        ops.add(new OpCase("transpose(d0, d1)", r -> {
            int[] s = Gen.shape(r, 3, 3, 3);
            return new Instance(new NdArray[] {ANY.make(r, s)}, xs -> xs[0].transpose(0, 2).tanh());
        }));
        ops.add(new OpCase("permute", r -> {
            int[] s = Gen.shape(r, 3, 3, 3);
            return new Instance(new NdArray[] {ANY.make(r, s)}, xs -> xs[0].permute(2, 0, 1).square());
        }));
        ops.add(new OpCase("expand", r -> {
            int[] s = Gen.shape(r, 1, 3, 4);
            int[] b = Gen.broadcastable(r, s);
            return new Instance(new NdArray[] {ANY.make(r, b)}, xs -> xs[0].expand(s).square());
        }));
        ops.add(new OpCase("concat", r -> {
            int[] s = Gen.shape(r, 1, 3, 3);
            int axis = r.nextInt(s.length);
            NdArray[] parts = new NdArray[3];
            for (int i = 0; i < 3; i++) {
                int[] p = s.clone();
                p[axis] = r.nextInt(1, 4);
                parts[i] = ANY.make(r, p);
            }
            return new Instance(parts, xs -> Tensor.concat(axis, xs).square());
        }));
        ops.add(new OpCase("narrow", r -> {
            int[] s = Gen.shape(r, 1, 3, 4);
            int axis = r.nextInt(s.length);
            int start = r.nextInt(s[axis]);
            int len = r.nextInt(0, s[axis] - start + 1);
            return new Instance(new NdArray[] {ANY.make(r, s)}, xs -> xs[0].narrow(axis, start, len).square());
        }));
        ops.add(new OpCase("rows", r -> {
            int[] s = Gen.shape(r, 1, 3, 4);
            int from = r.nextInt(s[0]);
            int to = r.nextInt(from, s[0] + 1);
            return new Instance(new NdArray[] {ANY.make(r, s)}, xs -> xs[0].rows(from, to).exp());
        }));
        ops.add(new OpCase("indexSelect", r -> {
            int[] s = Gen.shape(r, 1, 3, 4);
            int[] idx = new int[r.nextInt(1, 6)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = r.nextInt(s[0]);                         // repeats on purpose: their gradients add up
            }
            return new Instance(new NdArray[] {ANY.make(r, s)}, xs -> xs[0].indexSelect(idx).tanh());
        }));
        ops.add(new OpCase("gather", r -> {
            int n = r.nextInt(1, 5);
            int c = r.nextInt(1, 5);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = r.nextInt(c);
            }
            return new Instance(new NdArray[] {ANY.make(r, new int[] {n, c})},
                    xs -> xs[0].logSoftmax(1).gather(labels));
        }));
        return ops;
    }

    private static Tensor[] leaves(NdArray[] a) {
        Tensor[] t = new Tensor[a.length];
        for (int i = 0; i < a.length; i++) {
            t[i] = Gen.leaf(a[i].copy());
        }
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradcheckF64(OpCase op) {
        qt().withExamples(8).forAll(longs().all()).checkAssert(seed -> {
            Instance in = op.make().apply(new SplittableRandom(seed));
            GradCheck.check(in.f(), leaves(in.inputs())).assertPassed();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void fullJacobianF64(OpCase op) {
        qt().withExamples(2).forAll(longs().all()).checkAssert(seed -> {
            Instance in = op.make().apply(new SplittableRandom(seed));
            GradCheck.options().fullJacobian(true).run(in.f(), leaves(in.inputs())).assertPassed();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradgradcheckF64(OpCase op) {
        qt().withExamples(4).forAll(longs().all()).checkAssert(seed -> {
            Instance in = op.make().apply(new SplittableRandom(seed));
            GradCheck.gradgradcheck(in.f(), leaves(in.inputs())).assertPassed();
        });
    }

    /** The tensor formulas (used when createGraph) and the engine's fused derivative kernels give one gradient. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void formulaRulesAgreeWithFusedKernels(OpCase op) {
        qt().withExamples(4).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Instance in = op.make().apply(r);
            Tensor[] x = leaves(in.inputs());
            Tensor y = in.f().apply(x);
            Tensor w = Tensor.of(Gen.uniform(r, -1, 1, y.shape()));
            Tensor[] formula = Autograd.grad(new Tensor[] {y}, x, new Tensor[] {w}, true, true);
            Tensor[] fused = Autograd.grad(new Tensor[] {y}, x, new Tensor[] {w}, false, false);
            for (int i = 0; i < x.length; i++) {
                assertTrue(formula[i].data().allClose(fused[i].data(), 1e-10, 1e-12, false),
                        op.name() + " input " + i + ": formula " + formula[i].data() + " vs fused " + fused[i].data());
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void f32GradientsAgreeWithF64(OpCase op) {
        qt().withExamples(6).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Instance in = op.make().apply(r);
            Tensor[] x64 = leaves(in.inputs());
            Tensor[] x32 = new Tensor[x64.length];
            for (int i = 0; i < x64.length; i++) {
                x32[i] = Gen.leaf(in.inputs()[i].to(DType.F32));
            }
            Tensor y64 = in.f().apply(x64);
            Tensor y32 = in.f().apply(x32);
            assertEquals(DType.F32, y32.dtype(), "an F32 input gives an F32 result");
            NdArray w = Gen.uniform(r, -1, 1, y64.shape());
            y64.backward(Tensor.of(w));
            y32.backward(Tensor.of(w.to(DType.F32)));
            for (int i = 0; i < x64.length; i++) {
                NdArray g64 = x64[i].grad().data();
                NdArray g32 = x32[i].grad().data();
                assertNotNull(g32);
                assertEquals(DType.F32, g32.dtype());
                double scale = 0;
                for (int j = 0; j < g64.size(); j++) {
                    scale = Math.max(scale, Math.abs(g64.getFlat(j)));
                }
                for (int j = 0; j < g64.size(); j++) {
                    double a = g64.getFlat(j);
                    double b = g32.getFlat(j);
                    assertTrue(Math.abs(a - b) <= 1e-4 * (1 + scale) + 1e-3 * Math.abs(a),
                            op.name() + ": input " + i + " element " + j + ": F64 grad " + a + ", F32 grad " + b);
                }
            }
        });
    }
}
