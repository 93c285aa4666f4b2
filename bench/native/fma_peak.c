/*
 * FMA peak of one core, as a native cross-check of ceiling.FmaPeakBench: 12 independent chains
 * a <- a*m + c on 256-bit vectors (AVX2 + FMA), 200 million steps each; prints GFLOP/s = 2 * lanes * 12 * steps / s.
 *   gcc -O2 -mavx2 -mfma bench/native/fma_peak.c -o /tmp/fma_peak && /tmp/fma_peak
 * (AVX2 machines only; not part of the build.)
 */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    const long steps = 200000000;
    __m256 f[12], fm = _mm256_set1_ps(0.999f), fc = _mm256_set1_ps(1e-3f);
    __m256d d[12], dm = _mm256_set1_pd(0.999), dc = _mm256_set1_pd(1e-3);
    for (int i = 0; i < 12; i++) {
        f[i] = _mm256_set1_ps(1.0f + i * 1e-3f);
        d[i] = _mm256_set1_pd(1.0 + i * 1e-3);
    }
    double t0 = now();
    for (long k = 0; k < steps; k++) {
#pragma GCC unroll 12
        for (int i = 0; i < 12; i++) f[i] = _mm256_fmadd_ps(f[i], fm, fc);
    }
    double tf = now() - t0;
    t0 = now();
    for (long k = 0; k < steps; k++) {
#pragma GCC unroll 12
        for (int i = 0; i < 12; i++) d[i] = _mm256_fmadd_pd(d[i], dm, dc);
    }
    double td = now() - t0;
    float sf = 0;
    double sd = 0;
    for (int i = 0; i < 12; i++) {   /* use the results, so nothing is optimised away */
        float vf[8];
        double vd[4];
        _mm256_storeu_ps(vf, f[i]);
        _mm256_storeu_pd(vd, d[i]);
        sf += vf[0];
        sd += vd[0];
    }
    printf("FMA peak, 1 core: F32 %.1f GFLOP/s, F64 %.1f GFLOP/s (checksums %g %g)\n",
           steps * 12.0 * 8 * 2 / tf / 1e9, steps * 12.0 * 4 * 2 / td / 1e9, sf, sd);
    return 0;
}
