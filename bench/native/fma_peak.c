/*
 * FMA peak in C, the native ceiling of the performance report (next to the Java ceiling.FmaPeakBench):
 * 12 independent chains a <- a*m + c on the widest vectors the compiler targets (GCC vector extensions:
 * 512 bits with AVX-512, 256 with AVX/AVX2, else 128), F32 then F64, in every thread at once.
 *
 *   gcc -O2 -march=native -ffp-contract=fast -pthread bench/native/fma_peak.c -o fma_peak && ./fma_peak [threads]
 *
 * bench/report.sh (report.RunSuite) compiles and runs it exactly so, with 1 and all threads. Output: a header line,
 * then "F32 <GFLOP/s> GFLOP/s ..." and "F64 ..." where GFLOP/s = 2 * lanes * 12 * steps / s, the mean over ROUNDS
 * timed rounds (after one untimed warm-up round), summed over threads; the report parses those two lines.
 *
 * The chain is the multiplicand here: gcc has an in-place FMA for every operand order (vfmadd132ps/213ps), and
 * with the chain as the addend (a <- x*y + a, FmaPeakBench's form) gcc could hoist the loop-invariant x*y and
 * time additions. Check with objdump -d that the loop is 12 vfmadd instructions and a counter.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(__AVX512F__)
#define VBYTES 64
#elif defined(__AVX__)
#define VBYTES 32
#else
#define VBYTES 16
#endif
#define CHAINS 12
#define ROUNDS 5
#define STEPS 100000000L
#define MAXT 256

typedef float vf __attribute__((vector_size(VBYTES)));
typedef double vd __attribute__((vector_size(VBYTES)));

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* m, c through volatile globals, so the compiler cannot fold the chains */
static volatile float mf = 0.999f, cf = 1e-3f;
static volatile double md = 0.999, cd = 1e-3;

static __attribute__((noinline)) float chains_f32(long steps) {
    vf m = (vf){0} + mf, c = (vf){0} + cf, a[CHAINS];
    for (int i = 0; i < CHAINS; i++) a[i] = (vf){0} + (1.0f + i * 1e-3f);
    for (long k = 0; k < steps; k++) {
#pragma GCC unroll 12
        for (int i = 0; i < CHAINS; i++) a[i] = a[i] * m + c;   /* contracted to one FMA */
    }
    float s = 0;
    for (int i = 0; i < CHAINS; i++) s += a[i][0];
    return s;
}

static __attribute__((noinline)) double chains_f64(long steps) {
    vd m = (vd){0} + md, c = (vd){0} + cd, a[CHAINS];
    for (int i = 0; i < CHAINS; i++) a[i] = (vd){0} + (1.0 + i * 1e-3);
    for (long k = 0; k < steps; k++) {
#pragma GCC unroll 12
        for (int i = 0; i < CHAINS; i++) a[i] = a[i] * m + c;
    }
    double s = 0;
    for (int i = 0; i < CHAINS; i++) s += a[i][0];
    return s;
}

static pthread_barrier_t barrier;
static double gflops[MAXT][2];   /* per thread: mean GFLOP/s of F32, F64 */
static volatile double sink;

static void *worker(void *arg) {
    long t = (long) arg;
    double flop32 = 2.0 * (VBYTES / 4) * CHAINS * STEPS, flop64 = 2.0 * (VBYTES / 8) * CHAINS * STEPS;
    for (int d = 0; d < 2; d++) {
        pthread_barrier_wait(&barrier);
        sink += d == 0 ? chains_f32(STEPS / 2) : chains_f64(STEPS / 2);   /* warm-up: clocks ramp up */
        double sum = 0;
        for (int r = 0; r < ROUNDS; r++) {
            double t0 = now();
            sink += d == 0 ? chains_f32(STEPS) : chains_f64(STEPS);
            sum += (d == 0 ? flop32 : flop64) / (now() - t0) / 1e9;
        }
        gflops[t][d] = sum / ROUNDS;
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    if (threads < 1 || threads > MAXT) {
        fprintf(stderr, "usage: fma_peak [threads 1..%d]\n", MAXT);
        return 2;
    }
    pthread_t th[MAXT];
    pthread_barrier_init(&barrier, NULL, threads);
    for (long t = 0; t < threads; t++) pthread_create(&th[t], NULL, worker, (void *) t);
    for (int t = 0; t < threads; t++) pthread_join(th[t], NULL);
    double total[2] = {0, 0};
    for (int t = 0; t < threads; t++)
        for (int d = 0; d < 2; d++) total[d] += gflops[t][d];
    printf("native FMA peak: %d-bit vectors, %d chains, %d thread(s), mean of %d rounds of %ld steps\n",
           VBYTES * 8, CHAINS, threads, ROUNDS, STEPS);
    printf("F32 %.1f GFLOP/s (summed over threads; per thread %.1f)\n", total[0], total[0] / threads);
    printf("F64 %.1f GFLOP/s (summed over threads; per thread %.1f)\n", total[1], total[1] / threads);
    return 0;
}
