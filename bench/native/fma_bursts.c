/*
 * The native FMA loop timed one call (4096 steps of 12 chains a <- a*m + c, ~25 us) at a time: the C twin of
 * org.vecgrad.bench.ceiling.FmaBursts, for a loaded machine where averages measure the load. After 1 s of warm-up,
 * N timed calls of the F32 and the F64 loop, interleaved; prints the best, 10th-percentile and median GFLOP/s.
 *   gcc -O2 -march=native -ffp-contract=fast bench/native/fma_bursts.c -o /tmp/fma_bursts && /tmp/fma_bursts [N=2000]
 * AVX2 + FMA intrinsics (256-bit), like the kernels' species on this machine.
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
__attribute__((noinline)) static float bf(const float*seed,float mm,float cc,long steps){
  __m256 f[12], fm=_mm256_set1_ps(mm), fc=_mm256_set1_ps(cc);
  for(int i=0;i<12;i++) f[i]=_mm256_loadu_ps(seed+8*i);
  for(long k=0;k<steps;k++){
#pragma GCC unroll 12
    for(int i=0;i<12;i++) f[i]=_mm256_fmadd_ps(f[i],fm,fc);
  }
  __m256 s=f[0]; for(int i=1;i<12;i++) s=_mm256_add_ps(s,f[i]);
  float v[8]; _mm256_storeu_ps(v,s); return v[0];
}
__attribute__((noinline)) static double bd(const double*seed,double mm,double cc,long steps){
  __m256d f[12], fm=_mm256_set1_pd(mm), fc=_mm256_set1_pd(cc);
  for(int i=0;i<12;i++) f[i]=_mm256_loadu_pd(seed+4*i);
  for(long k=0;k<steps;k++){
#pragma GCC unroll 12
    for(int i=0;i<12;i++) f[i]=_mm256_fmadd_pd(f[i],fm,fc);
  }
  __m256d s=f[0]; for(int i=1;i<12;i++) s=_mm256_add_pd(s,f[i]);
  double v[4]; _mm256_storeu_pd(v,s); return v[0];
}
int main(int argc,char**argv){
  int n=argc>1?atoi(argv[1]):2000; long steps=4096;
  float sf[96]; double sd[48]; for(int i=0;i<96;i++) sf[i]=1+i*1e-3f; for(int i=0;i<48;i++) sd[i]=1+i*1e-3;
  double *tf=malloc(n*sizeof(double)),*td=malloc(n*sizeof(double)); volatile double sink=0;
  double end=now()+1; while(now()<end){sink+=bf(sf,0.999f,1e-3f,steps);sink+=bd(sd,0.999,1e-3,steps);}
  for(int i=0;i<n;i++){double t0=now();sink+=bf(sf,0.999f,1e-3f,steps);tf[i]=now()-t0;t0=now();sink+=bd(sd,0.999,1e-3,steps);td[i]=now()-t0;}
  qsort(tf,n,sizeof(double),cmp);qsort(td,n,sizeof(double),cmp);
  double ff=2.0*8*12*steps, fd=2.0*4*12*steps;
  printf("native f32     best %6.1f  p10 %6.1f  median %6.1f GFLOP/s\n",ff/tf[0]/1e9,ff/tf[n/10]/1e9,ff/tf[n/2]/1e9);
  printf("native f64     best %6.1f  p10 %6.1f  median %6.1f GFLOP/s\n",fd/td[0]/1e9,fd/td[n/10]/1e9,fd/td[n/2]/1e9);
  return 0;
}
