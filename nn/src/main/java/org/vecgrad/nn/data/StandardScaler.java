package org.vecgrad.nn.data;

import java.util.Objects;
import org.vecgrad.engine.NdArray;

/**
 * Standardization, fit on training data and applied to any data (scikit-learn's {@code StandardScaler}):
 * x'ⱼ = (xⱼ − meanⱼ)/scaleⱼ per feature column j, where meanⱼ and scaleⱼ = √varⱼ (population variance, ddof 0)
 * come from the data given to {@link #fit}; a constant column (var 0) gets scale 1, so it maps to 0 rather than
 * NaN. Features of rank &gt; 2 ([n, a, b, …]) are standardized per position (a·b·… columns).
 *
 * <pre>{@code
 * StandardScaler s = StandardScaler.fit(split.train().features());
 * TensorDataset train = s.transform(split.train()), test = s.transform(split.test());
 * }</pre>
 *
 * @param mean  per-column means (length = features per sample)
 * @param scale per-column scales, all &gt; 0
 */
public record StandardScaler(double[] mean, double[] scale) {
    public StandardScaler {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(scale, "scale");
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " columns, scale " + scale.length);
        }
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0) || !Double.isFinite(scale[j]) || !Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("column " + j + ": mean " + mean[j] + " must be finite and scale "
                        + scale[j] + " finite and > 0");
            }
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /** Per-column mean and population standard deviation of {@code x} ([n, …], n ≥ 1); two-pass for accuracy. */
    public static StandardScaler fit(NdArray x) {
        int n = rows(x);
        if (n == 0) {
            throw new IllegalArgumentException("fit on no samples");
        }
        int d = x.size() / n;
        double[] mean = new double[d];
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.getFlat(i * d + j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x.getFlat(i * d + j) - mean[j];
                var[j] += c * c;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(var[j] / n);
            scale[j] = s > 0 ? s : 1.0;
        }
        return new StandardScaler(mean, scale);
    }

    /** (x − mean)/scale per column, into a new array of x's dtype and shape. */
    public NdArray transform(NdArray x) {
        int n = rows(x);
        int d = checkColumns(x, n);
        NdArray out = NdArray.zerosLike(x);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out.setFlat(i * d + j, (x.getFlat(i * d + j) - mean[j]) / scale[j]);
            }
        }
        return out;
    }

    /** x·scale + mean per column (undoes {@link #transform}). */
    public NdArray inverseTransform(NdArray x) {
        int n = rows(x);
        int d = checkColumns(x, n);
        NdArray out = NdArray.zerosLike(x);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out.setFlat(i * d + j, x.getFlat(i * d + j) * scale[j] + mean[j]);
            }
        }
        return out;
    }

    /** The dataset with standardized features (labels or targets unchanged). */
    public TensorDataset transform(TensorDataset data) {
        return data.withFeatures(transform(data.features()));
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    private static int rows(NdArray x) {
        Objects.requireNonNull(x, "x");
        if (x.rank() == 0) {
            throw new IllegalArgumentException("features must be [n, ...], got a scalar");
        }
        return x.shape(0);
    }

    private int checkColumns(NdArray x, int n) {
        int d = n == 0 ? mean.length : x.size() / n;
        if (d != mean.length) {
            throw new IllegalArgumentException("x has " + d + " features per sample; the scaler was fit on "
                    + mean.length);
        }
        return d;
    }
}
