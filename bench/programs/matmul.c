/* Benchmark twin of matmul.bd: dense f64 matrix multiply on flat row-major arrays. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static double *make(int64_t n, int64_t seed) {
    double *m = calloc((size_t)(n * n), sizeof(double));
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) m[i * n + j] = (double)((i * seed + j * 7 + seed) % 10);
    return m;
}

static double *multiply(const double *a, const double *b, int64_t n) {
    double *c = calloc((size_t)(n * n), sizeof(double));
    for (int64_t i = 0; i < n; i++)
        for (int64_t k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int64_t j = 0; j < n; j++) c[i * n + j] = c[i * n + j] + aik * b[k * n + j];
        }
    return c;
}

int main(void) {
    int64_t n = 1000;
    double *a = make(n, 3), *b = make(n, 5);
    double *c = multiply(a, b, n);
    double sum = 0.0, trace = 0.0;
    for (int64_t i = 0; i < n; i++) {
        trace = trace + c[i * n + i];
        for (int64_t j = 0; j < n; j++) sum = sum + c[i * n + j];
    }
    printf("matmul %lldx%lld: sum %lld, trace %lld\n", (long long)n, (long long)n, (long long)sum, (long long)trace);
    free(a);
    free(b);
    free(c);
    return 0;
}
