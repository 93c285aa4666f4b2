#!/usr/bin/env python3
"""Derives the rational approximations of VecMathF (F32 vector math) and checks them in simulated float arithmetic.

Method: near-minimax relative-error rational fits R(v) = P(v)/Q(v), Q(0) = 1, by iteratively reweighted linearised
least squares (Loeb's linearisation P - f*Q = 0 weighted by 1/(|Q| |f|), Lawson's weight update toward the points of
largest error), on a dense grid, against 30-digit mpmath values of the target function. The coefficients are then
rounded to float and the error re-measured with float evaluation (each FMA rounded once) on a denser grid.

  gelu central form: M(t) = Phi(-t) exp(t^2/2) (the Mills ratio over sqrt(2 pi)) on t in [0, 4.5], degrees (3, 4)
      in t (VecMathF.geluCentral)
  tanh: tanh(x)/x on x in [0, 9.02], degrees (4, 4) in z = x^2 (VecMathF.tanh)

Run: python3 engine/fit/vecmathf_fit.py   (numpy, mpmath)
"""
import numpy as np
import mpmath as mp

mp.mp.dps = 30
f32 = np.float32


def ratfit(v, f, m, n, iters=200):
    w = np.ones_like(v)
    qv = np.ones_like(v)
    best = None
    for _ in range(iters):
        a = np.hstack([np.vander(v, m + 1, increasing=True), -(f[:, None]) * np.vander(v, n + 1, increasing=True)[:, 1:]])
        wt = w / (np.abs(qv) * np.abs(f))
        sol, *_ = np.linalg.lstsq(a * wt[:, None], f * wt, rcond=None)
        p = sol[:m + 1]
        q = np.concatenate([[1.0], sol[m + 1:]])
        qv = np.polyval(q[::-1], v)
        err = (np.polyval(p[::-1], v) / qv - f) / f
        e = np.max(np.abs(err))
        if best is None or e < best[0]:
            best = (e, p, q)
        w = w * (np.abs(err) / e + 0.02)
        w /= w.max()
    return best


def fma32(a, b, c):
    # float inputs: a*b is exact in double, so this is the float FMA up to a negligible double rounding
    return f32(np.float64(a) * np.float64(b) + np.float64(c))


def horner32(coef, v):
    acc = np.full_like(v, f32(coef[-1]))
    for c in coef[-2::-1]:
        acc = fma32(acc, v, f32(c))
    return acc


def show(name, coef):
    print(name + " = {" + ", ".join(repr(float(f32(c))) + "f" for c in coef) + "}")


# --- gelu: M(t) on [0, 4.5] (VecMathF.geluCentral; beyond 4.5 the older Schonfelder form of lowerTail is used)
t = np.linspace(0.0, 4.5, 6001)
mills = np.array([float(mp.ncdf(-mp.mpf(x)) * mp.exp(mp.mpf(x) ** 2 / 2)) for x in t])
e, p, q = ratfit(t, mills, 3, 4)
print("gelu M(t) = P3(t)/Q4(t) on [0, 4.5]: max relative error (exact arithmetic) %.3g" % e)
show("GELU_P", p)
show("GELU_Q", q)
tt = np.linspace(0.0, 4.5, 4001).astype(f32)
ref = np.array([float(mp.ncdf(-mp.mpf(float(x))) * mp.exp(mp.mpf(float(x)) ** 2 / 2)) for x in tt])
r32 = (horner32(p, tt) / horner32(q, tt)).astype(f32)
print("  float evaluation: max relative error %.3g" % np.max(np.abs(r32 / ref - 1)))

# --- tanh: tanh(x)/x = P(z)/Q(z), z = x^2, on [0, 9.02]
for (m, n) in [(4, 4)]:
    x = np.linspace(1e-4, 9.02, 8001)
    th = np.array([float(mp.tanh(mp.mpf(v)) / mp.mpf(v)) for v in x])
    e, p, q = ratfit(x * x, th, m, n)
    print("tanh(x)/x = P%d(x^2)/Q%d(x^2) on [0, 9.02]: max relative error (exact arithmetic) %.3g" % (m, n, e))
    show("TANH_P", p)
    show("TANH_Q", q)
    xx = np.linspace(0.0, 9.02, 100001).astype(f32)[1:]
    z = (xx * xx).astype(f32)
    r32 = (xx * (horner32(p, z) / horner32(q, z)).astype(f32)).astype(f32)
    ref = np.array([float(mp.tanh(mp.mpf(float(v)))) for v in xx])
    print("  float evaluation: max relative error of tanh %.3g" % np.max(np.abs(r32 / ref - 1)))
