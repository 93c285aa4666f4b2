package org.vecgrad.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vecgrad.autodiff.Tensor;
import org.vecgrad.engine.NdArray;

/**
 * The forward and the backward pass of one small network, worked twice: by hand, with the matrix formulas of
 * backpropagation on plain Java arrays, and by the library's autodiff; every intermediate value and gradient is
 * printed side by side, and they agree to rounding (F64).
 *
 * <p>The network is 2 → 3 → 1 with sigmoid units and the squared error of one sample:
 * <pre>
 *   z1 = W1·x + b1      a1 = σ(z1)      z2 = W2·a1 + b2      a2 = σ(z2)      L = ½(a2 − y)²
 * </pre>
 * and the backward pass, from the loss down (⊙ is the elementwise product, σ'(z) = σ(z)(1 − σ(z))):
 * <pre>
 *   ∂L/∂a2 = a2 − y
 *   δ2 = ∂L/∂z2 = ∂L/∂a2 ⊙ σ'(z2)            ∂L/∂W2 = δ2·a1ᵀ      ∂L/∂b2 = δ2
 *   ∂L/∂a1 = W2ᵀ·δ2
 *   δ1 = ∂L/∂z1 = ∂L/∂a1 ⊙ σ'(z1)            ∂L/∂W1 = δ1·xᵀ       ∂L/∂b1 = δ1
 * </pre>
 */
public final class Backprop {
    private Backprop() {
    }

    /** The input, the target and the starting weights. */
    static final double[] X = {0.5, -1.0};
    static final double Y = 1.0;
    static final double[][] W1 = {{0.1, -0.2}, {0.4, 0.3}, {-0.5, 0.2}};
    static final double[] B1 = {0.1, -0.1, 0.05};
    static final double[][] W2 = {{0.3, -0.6, 0.9}};
    static final double[] B2 = {0.2};

    /** One line of the table: a quantity, its formula, its value by hand and by autodiff (flattened row-major). */
    public record Row(String name, String formula, double[] hand, double[] autodiff) {
        public double maxDiff() {
            double m = 0;
            for (int i = 0; i < hand.length; i++) {
                m = Math.max(m, Math.abs(hand[i] - autodiff[i]));
            }
            return m;
        }
    }

    public record Result(List<Row> rows, double maxDiff) {
        public Row row(String name) {
            return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        }
    }

    // ------------------------------------------------------------------------------------------------- by hand

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** W·v + b. */
    static double[] affine(double[][] w, double[] v, double[] b) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = b[i];
            for (int j = 0; j < v.length; j++) {
                out[i] += w[i][j] * v[j];
            }
        }
        return out;
    }

    static double[] sigmoid(double[] z) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = sigmoid(z[i]);
        }
        return out;
    }

    /** The loss of the network with these weights, by hand (for the tests' finite differences). */
    static double loss(double[][] w1, double[] b1, double[][] w2, double[] b2) {
        double a2 = sigmoid(affine(w2, sigmoid(affine(w1, X, b1)), b2))[0];
        return 0.5 * (a2 - Y) * (a2 - Y);
    }

    /** u·vᵀ, an outer product. */
    static double[] outer(double[] u, double[] v) {
        double[] out = new double[u.length * v.length];
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i * v.length + j] = u[i] * v[j];
            }
        }
        return out;
    }

    public static Result run(Options o) {
        // ---- by hand: forward
        double[] z1 = affine(W1, X, B1);
        double[] a1 = sigmoid(z1);
        double[] z2 = affine(W2, a1, B2);
        double[] a2 = sigmoid(z2);
        double loss = 0.5 * (a2[0] - Y) * (a2[0] - Y);
        // ---- by hand: backward
        double[] dA2 = {a2[0] - Y};
        double[] d2 = {dA2[0] * a2[0] * (1 - a2[0])};                                  // δ2 = ∂L/∂a2 ⊙ σ'(z2)
        double[] dW2 = outer(d2, a1);                                                   // δ2·a1ᵀ
        double[] dB2 = d2.clone();
        double[] dA1 = new double[3];
        for (int j = 0; j < 3; j++) {
            dA1[j] = W2[0][j] * d2[0];                                                  // W2ᵀ·δ2
        }
        double[] d1 = new double[3];
        for (int j = 0; j < 3; j++) {
            d1[j] = dA1[j] * a1[j] * (1 - a1[j]);                                       // δ1 = ∂L/∂a1 ⊙ σ'(z1)
        }
        double[] dW1 = outer(d1, X);                                                    // δ1·xᵀ
        double[] dB1 = d1.clone();

        // ---- by autodiff: the same network on column vectors, every intermediate kept with retainGrad
        Tensor x = Tensor.of(new double[][] {{X[0]}, {X[1]}});
        Tensor w1 = Tensor.of(W1).requiresGrad(true);
        Tensor b1 = Tensor.of(column(B1)).requiresGrad(true);
        Tensor w2 = Tensor.of(W2).requiresGrad(true);
        Tensor b2 = Tensor.of(column(B2)).requiresGrad(true);
        Tensor tz1 = w1.matmul(x).add(b1).retainGrad();
        Tensor ta1 = tz1.sigmoid().retainGrad();
        Tensor tz2 = w2.matmul(ta1).add(b2).retainGrad();
        Tensor ta2 = tz2.sigmoid().retainGrad();
        Tensor tl = ta2.sub(Y).square().mul(0.5).sum();
        tl.backward();

        List<Row> rows = new ArrayList<>();
        rows.add(new Row("z1", "W1 x + b1", z1, v(tz1)));
        rows.add(new Row("a1", "sigmoid(z1)", a1, v(ta1)));
        rows.add(new Row("z2", "W2 a1 + b2", z2, v(tz2)));
        rows.add(new Row("a2", "sigmoid(z2)", a2, v(ta2)));
        rows.add(new Row("L", "(a2 - y)^2 / 2", new double[] {loss}, v(tl)));
        rows.add(new Row("dL/da2", "a2 - y", dA2, g(ta2)));
        rows.add(new Row("dL/dz2", "delta2 = dL/da2 * a2(1 - a2)", d2, g(tz2)));
        rows.add(new Row("dL/dW2", "delta2 a1^T", dW2, g(w2)));
        rows.add(new Row("dL/db2", "delta2", dB2, g(b2)));
        rows.add(new Row("dL/da1", "W2^T delta2", dA1, g(ta1)));
        rows.add(new Row("dL/dz1", "delta1 = dL/da1 * a1(1 - a1)", d1, g(tz1)));
        rows.add(new Row("dL/dW1", "delta1 x^T", dW1, g(w1)));
        rows.add(new Row("dL/db1", "delta1", dB1, g(b1)));
        double worst = rows.stream().mapToDouble(Row::maxDiff).max().orElseThrow();

        o.println("The 2-3-1 network (sigmoid units, loss (a2 - y)^2 / 2) on x = [0.5, -1], y = 1:");
        o.println("forward and backward by hand (matrix formulas on double[]) and by autodiff (Tensor, F64).\n");
        o.printf("%-8s %-30s %-30s %-30s %s%n", "", "formula", "by hand", "by autodiff", "max |diff|");
        for (Row r : rows) {
            if (r.name().equals("dL/da2")) {
                o.println("-- backward --");
            }
            // the weight gradients are matrices: one line per row (dW1 is 3 x 2, dW2 is 1 x 3)
            int cols = r.name().equals("dL/dW1") ? 2 : r.hand().length;
            for (int i = 0; i < r.hand().length; i += cols) {
                o.println(String.format(Locale.ROOT, "%-8s %-30s %-30s %-30s %s", i == 0 ? r.name() : "",
                        i == 0 ? r.formula() : "", fmt(r.hand(), i, cols), fmt(r.autodiff(), i, cols),
                        i == 0 ? String.format(Locale.ROOT, "%.1e", r.maxDiff()) : "").stripTrailing());
            }
        }
        o.printf("%nlargest difference between the hand-computed and the autodiff values: %.2e%n", worst);
        return new Result(List.copyOf(rows), worst);
    }

    private static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    private static double[] v(Tensor t) {
        return t.data().toDoubleArray();
    }

    private static double[] g(Tensor t) {
        NdArray grad = t.grad().data();
        return grad.toDoubleArray();
    }

    /** v[from .. from + n) as "[0.12345, -0.00332]". */
    private static String fmt(double[] v, int from, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < from + n; i++) {
            sb.append(i == from ? "" : ", ").append(String.format(Locale.ROOT, "%.5f", v[i]));
        }
        return sb.append(']').toString();
    }
}
