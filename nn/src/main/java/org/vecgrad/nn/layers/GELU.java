package org.vecgrad.nn.layers;

import java.util.Locale;
import org.vecgrad.autodiff.Tensor;

/**
 * GELU, y = x·Φ(x) and its approximations, chosen by {@code approximate} as in PyTorch (plus "sigmoid"):
 * <ul>
 *   <li>"none" (the default): exact, y = x·Φ(x), Φ the standard normal CDF; y' = Φ(x) + x·φ(x)
 *       ({@link Tensor#gelu()});</li>
 *   <li>"tanh": y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))), within 5e-4 of exact ({@link Tensor#geluTanh()});</li>
 *   <li>"sigmoid": y = x·σ(1.702x), within 0.021 of exact ({@link Tensor#geluSigmoid()}).</li>
 * </ul>
 * {@link #GELU(double, double)} gives the general form y = x·P(X ≤ x), X ~ N(μ, σ²) ({@link Tensor#gelu(double,
 * double)}); μ = 0, σ = 1 is exact GELU.
 */
public class GELU extends Activation {
    private final String approximate;
    private final double mu;
    private final double sigma;

    /** The exact form. */
    public GELU() {
        this("none");
    }

    /** {@code approximate} is "none" (exact), "tanh" (as in PyTorch) or "sigmoid" (x·σ(1.702x)). */
    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate) && !"sigmoid".equals(approximate)) {
            throw new IllegalArgumentException("GELU: approximate must be \"none\", \"tanh\" or \"sigmoid\", got \""
                    + approximate + "\"");
        }
        this.approximate = approximate;
        this.mu = 0;
        this.sigma = 1;
    }

    /**
     * The general form x·P(X ≤ x) for X ~ N(μ, σ²), μ and σ fixed (not learned).
     *
     * @throws IllegalArgumentException if μ is not finite or σ is not a finite positive number
     */
    public GELU(double mu, double sigma) {
        if (!Double.isFinite(mu) || !(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("GELU(mu, sigma): mu must be finite and sigma finite and > 0; got mu = "
                    + mu + ", sigma = " + sigma);
        }
        this.approximate = "normal";
        this.mu = mu;
        this.sigma = sigma;
    }

    @Override
    public Tensor forward(Tensor x) {
        return switch (approximate) {
            case "tanh" -> x.geluTanh();
            case "sigmoid" -> x.geluSigmoid();
            case "normal" -> x.gelu(mu, sigma);
            default -> x.gelu();
        };
    }

    /** "none" (exact), "tanh", "sigmoid", or "normal" for the general form {@link #GELU(double, double)}. */
    public String approximate() {
        return approximate;
    }

    /** μ of the general form (0 otherwise). */
    public double mu() {
        return mu;
    }

    /** σ of the general form (1 otherwise). */
    public double sigma() {
        return sigma;
    }

    @Override
    protected String extraRepr() {
        return approximate.equals("normal") ? String.format(Locale.ROOT, "mu=%s, sigma=%s", mu, sigma)
                : "approximate='" + approximate + "'";
    }
}
