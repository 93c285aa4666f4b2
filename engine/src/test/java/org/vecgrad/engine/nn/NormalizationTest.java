package org.vecgrad.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vecgrad.engine.DType;
import org.vecgrad.engine.NdArray;

/**
 * The normalization passes against plain double loops, F32 and F64, on run lengths that hit the vector tails
 * (1 … 70 elements: below, at and past one and several vectors on every width).
 */
class NormalizationTest {

    @Test
    void passesMatchPlainLoops() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            double tol = dt == DType.F32 ? 2e-5 : 1e-12;
            int a = r.nextInt(1, 4);
            int k = r.nextInt(1, 4);
            int b = r.nextInt(1, 71);
            NdArray x = NdArray.uniform(dt, r, -2, 3, a, k, b);
            NdArray g = NdArray.uniform(dt, r, -1, 1, a, k, b);
            double[] mean = new double[k];
            double[] var = new double[k];
            Normalization.moments(x, a, k, b, mean, var);
            double[] sumG = new double[k];
            double[] sumGX = new double[k];
            Normalization.sums(g, x, a, k, b, sumG, sumGX);
            double[] al = new double[k];
            double[] be = new double[k];
            double[] c = new double[k];
            for (int q = 0; q < k; q++) {
                al[q] = r.nextDouble(-2, 2);
                be[q] = r.nextDouble(-2, 2);
                c[q] = r.nextDouble(-2, 2);
            }
            NdArray y = NdArray.zerosLike(x);
            Normalization.scaleShift(x, a, k, b, al, c, y);
            NdArray dx = NdArray.zerosLike(x);
            Normalization.combine(g, x, a, k, b, al, be, c, dx);
            for (int q = 0; q < k; q++) {
                double s = 0;
                double sg = 0;
                double sgx = 0;
                for (int i = 0; i < a; i++) {
                    for (int j = 0; j < b; j++) {
                        s += x.get(i, q, j);
                        sg += g.get(i, q, j);
                        sgx += g.get(i, q, j) * x.get(i, q, j);
                    }
                }
                double m = s / (a * b);
                double v = 0;
                for (int i = 0; i < a; i++) {
                    for (int j = 0; j < b; j++) {
                        v += (x.get(i, q, j) - m) * (x.get(i, q, j) - m);
                        assertEquals(x.get(i, q, j) * al[q] + c[q], y.get(i, q, j), tol * 10, "scaleShift");
                        assertEquals(al[q] * g.get(i, q, j) + be[q] * x.get(i, q, j) + c[q], dx.get(i, q, j),
                                tol * 10, "combine");
                    }
                }
                assertEquals(m, mean[q], tol, "mean");
                assertEquals(v / (a * b), var[q], tol * 4, "variance");
                assertEquals(sg, sumG[q], tol * b, "sum g");
                assertEquals(sgx, sumGX[q], tol * 3 * b, "sum g·x");
            }
        });
    }

    @Test
    void layerNormMatchesPlainLoops() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            DType dt = r.nextBoolean() ? DType.F32 : DType.F64;
            double tol = dt == DType.F32 ? 5e-5 : 1e-11;
            int rows = r.nextInt(1, 4);
            int d = r.nextInt(2, 71);
            NdArray x = NdArray.uniform(dt, r, -2, 3, rows, d);
            NdArray gamma = NdArray.uniform(dt, r, 0.5, 1.5, d);
            NdArray beta = NdArray.uniform(dt, r, -1, 1, d);
            NdArray g = NdArray.uniform(dt, r, -1, 1, rows, d);
            double[] mean = new double[rows];
            double[] rstd = new double[rows];
            NdArray y = NdArray.zerosLike(x);
            Normalization.layerNorm(x, rows, d, 1e-5, gamma, beta, mean, rstd, y);
            NdArray dx = NdArray.zerosLike(x);
            NdArray dGamma = NdArray.zerosLike(gamma);
            NdArray dBeta = NdArray.zerosLike(beta);
            Normalization.layerNormBackward(g, x, rows, d, mean, rstd, gamma, dx, dGamma, dBeta);
            double ampMax = 1;
            double[] wantDGamma = new double[d];
            double[] wantDBeta = new double[d];
            for (int i = 0; i < rows; i++) {
                double m = 0;
                for (int j = 0; j < d; j++) {
                    m += x.get(i, j) / d;
                }
                double v = 0;
                for (int j = 0; j < d; j++) {
                    v += (x.get(i, j) - m) * (x.get(i, j) - m) / d;
                }
                double s = 1 / Math.sqrt(v + 1e-5);
                double amp = Math.max(1, s) * Math.max(1, s);          // rounding grows with s² (a row of equals)
                double m1 = 0;
                double m2 = 0;
                for (int j = 0; j < d; j++) {
                    double xh = (x.get(i, j) - m) * s;
                    double gh = g.get(i, j) * gamma.getFlat(j);
                    m1 += gh / d;
                    m2 += gh * xh / d;
                    assertEquals(xh * gamma.getFlat(j) + beta.getFlat(j), y.get(i, j), tol * amp, "y");
                    wantDGamma[j] += g.get(i, j) * xh;
                    wantDBeta[j] += g.get(i, j);
                }
                ampMax = Math.max(ampMax, amp);
                for (int j = 0; j < d; j++) {
                    double xh = (x.get(i, j) - m) * s;
                    double want = s * (g.get(i, j) * gamma.getFlat(j) - m1 - xh * m2);
                    assertEquals(want, dx.get(i, j), tol * 10 * amp, "dx");
                }
            }
            for (int j = 0; j < d; j++) {
                assertEquals(wantDGamma[j], dGamma.getFlat(j), tol * 10 * ampMax, "dgamma");
                assertEquals(wantDBeta[j], dBeta.getFlat(j), tol * 10, "dbeta");
            }
        });
    }
}
