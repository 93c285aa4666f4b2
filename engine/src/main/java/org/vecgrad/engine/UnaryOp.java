package org.vecgrad.engine;

/**
 * Elementwise functions y = f(x), each with its derivative f'(x). Parameters, where a function has them, are
 * passed as {@code p0} (and {@code p1}) to the kernels; {@link #arity()} says how many are used.
 *
 * <p>At a kink the derivative takes the value stated below (the convention of PyTorch unless noted).
 * Every function maps NaN to NaN.
 */
public enum UnaryOp {
    /** f(x) = x; f' = 1. */
    IDENTITY(0),
    /** f(x) = −x; f' = −1. */
    NEG(0),
    /** f(x) = |x|; f' = sign(x), with f'(0) = 0. */
    ABS(0),
    /** f(x) = eˣ; f' = eˣ = y. */
    EXP(0),
    /** f(x) = ln x (−∞ at 0, NaN below 0); f' = 1/x. */
    LOG(0),
    /** f(x) = √x; f' = 1/(2√x) = 1/(2y) (+∞ at 0). */
    SQRT(0),
    /** f(x) = x²; f' = 2x. */
    SQUARE(0),
    /** f(x) = x^p with p = p0 (Math.pow semantics); f' = p·x^(p−1), and 0 when p = 0. */
    POW(1),
    /** f(x) = min(max(x, lo), hi) with lo = p0, hi = p1; f' = 1 on lo ≤ x ≤ hi (the closed interval), else 0. */
    CLAMP(2),
    /** Heaviside step: f(x) = 1 if x > 0 else 0 (f(0) = 0); f' = 0 everywhere (by convention also at 0). */
    STEP(0),
    /** Logistic sigmoid σ(x) = 1/(1+e^−x); f' = σ(x)(1−σ(x)) = y(1−y). */
    SIGMOID(0),
    /** tanh x; f' = 1 − tanh²x = 1 − y². */
    TANH(0),
    /** ReLU: f(x) = max(x, 0); f' = 1 if x > 0 else 0 (f'(0) = 0). */
    RELU(0),
    /** Leaky ReLU with slope γ = p0: f(x) = x if x > 0 else γx; f' = 1 if x > 0 else γ (f'(0) = γ). */
    LEAKY_RELU(1),
    /** ELU with α = p0: f(x) = x if x > 0 else α(eˣ − 1); f' = 1 if x > 0 else αeˣ = y + α (f'(0) = α). */
    ELU(1),
    /** Softplus: f(x) = ln(1 + eˣ), computed as max(x, 0) + ln(1 + e^−|x|); f' = σ(x). */
    SOFTPLUS(0),
    /** Swish with β = p0 (SiLU at β = 1): f(x) = x·σ(βx); f' = σ(βx) + βx·σ(βx)(1 − σ(βx)). */
    SWISH(1),
    /** Exact GELU: f(x) = x·Φ(x) = x·½(1 + erf(x/√2)); f' = Φ(x) + x·φ(x), φ the standard normal density. */
    GELU(0),
    /**
     * GELU, tanh approximation: f(x) = ½x(1 + tanh(u)), u = √(2/π)(x + 0.044715x³);
     * f' = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
     */
    GELU_TANH(0),
    /**
     * Hard logistic, the first-order Taylor form of σ clipped to [0, 1]: f(x) = clip(0.25x + 0.5, 0, 1);
     * f' = 0.25 on −2 &lt; x &lt; 2, else 0 (0 at the kinks ±2).
     */
    HARD_SIGMOID(0),
    /** Hard tanh: f(x) = clip(x, −1, 1); f' = 1 on −1 &lt; x &lt; 1, else 0 (0 at the kinks ±1). */
    HARD_TANH(0);

    private final int arity;
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    UnaryOp(int arity) {
        this.arity = arity;
    }

    /** Lower-case name for messages and reports, e.g. {@code "leaky_relu"}. */
    public String label() {
        return label;
    }

    /** Number of scalar parameters the function takes (0, 1 or 2). */
    public int arity() {
        return arity;
    }
}
