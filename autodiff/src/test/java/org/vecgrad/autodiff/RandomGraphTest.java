package org.vecgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.NdArray;

/**
 * Random expression graphs over the smooth ops: depth up to 8, operands drawn from every earlier result (so
 * subexpressions are shared, sometimes as both operands of one op), inputs of shapes [3, 4], [4] and [3, 1] that
 * broadcast against each other. Each graph must pass gradcheck (and a few gradgradcheck).
 */
class RandomGraphTest {

    static final int MAX_DEPTH = 8;
    static final int UNARY = 13;
    static final int BINARY = 4;

    /** One step: op code, operand indices into the pool, an axis. */
    record Step(int op, int a, int b, int axis) {
    }

    /** A random program over the inputs; interpreting it is the function under test. */
    record Program(List<Step> steps, NdArray[] inputs) implements TensorFunction {
        @Override
        public Tensor apply(Tensor... xs) {
            List<Tensor> pool = new ArrayList<>(List.of(xs));
            for (Step s : steps) {
                pool.add(apply(s, pool.get(s.a()), pool.get(s.b())));
            }
            return pool.get(pool.size() - 1);
        }

        private static Tensor apply(Step s, Tensor x, Tensor y) {
            return switch (s.op()) {
                case 0 -> x.tanh();
                case 1 -> x.sigmoid();
                case 2 -> x.softplus();
                case 3 -> x.gelu();
                case 4 -> x.swish(0.7);
                case 5 -> x.tanh().exp();
                case 6 -> x.square().add(1).log();
                case 7 -> x.square().add(1).sqrt();
                case 8 -> x.tanh().square();
                case 9 -> x.rank() == 0 ? x.geluTanh() : x.softmax(s.axis() % x.rank());
                case 10 -> x.rank() == 0 ? x.elu(1.0).tanh() : x.logSumExp(s.axis() % x.rank(), true);
                case 11 -> x.rank() == 0 ? x.sigmoid() : x.sum(s.axis() % x.rank(), true).tanh();
                case 12 -> x.mean();
                case 13 -> x.add(y);
                case 14 -> x.sub(y);
                case 15 -> x.mul(y);
                default -> x.div(y.square().add(1));
            };
        }
    }

    static Program randomProgram(SplittableRandom r) {
        NdArray[] inputs = {Gen.uniform(r, -1, 1, 3, 4), Gen.uniform(r, -1, 1, 4), Gen.uniform(r, -1, 1, 3, 1)};
        List<Integer> depth = new ArrayList<>(List.of(0, 0, 0));
        List<Step> steps = new ArrayList<>();
        int n = r.nextInt(3, 25);
        for (int i = 0; i < n; i++) {
            int op = r.nextInt(UNARY + BINARY);
            int a = pick(r, depth);
            int b = r.nextInt(4) == 0 ? a : pick(r, depth);       // x ∘ x: the same node on both sides
            depth.add(1 + Math.max(depth.get(a), op >= UNARY ? depth.get(b) : 0));
            steps.add(new Step(op, a, b, r.nextInt(0, 3)));
        }
        return new Program(steps, inputs);
    }

    /** An earlier result shallower than MAX_DEPTH, biased towards recent ones so graphs get deep. */
    private static int pick(SplittableRandom r, List<Integer> depth) {
        while (true) {
            int i = r.nextBoolean() ? depth.size() - 1 - r.nextInt(Math.min(3, depth.size())) : r.nextInt(depth.size());
            if (depth.get(i) < MAX_DEPTH) {
                return i;
            }
        }
    }

    private static Tensor[] leaves(NdArray[] a) {
        Tensor[] t = new Tensor[a.length];
        for (int i = 0; i < a.length; i++) {
            t[i] = Gen.leaf(a[i].copy());
        }
        return t;
    }

    @Test
    void randomGraphsPassGradcheck() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Program p = randomProgram(new SplittableRandom(seed));
            GradCheck.Report r = GradCheck.check(p, leaves(p.inputs()));
            assertTrue(r.passed(), () -> p.steps() + "\n" + r);
        });
    }

    @Test
    void randomGraphsPassGradgradcheck() {
        qt().withExamples(12).forAll(longs().all()).checkAssert(seed -> {
            Program p = randomProgram(new SplittableRandom(seed));
            GradCheck.Report r = GradCheck.gradgradcheck(p, leaves(p.inputs()));
            assertTrue(r.passed(), () -> p.steps() + "\n" + r);
        });
    }
}
