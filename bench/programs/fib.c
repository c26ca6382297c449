/* Benchmark twin of fib.bd: naive recursive Fibonacci. */
#include <stdio.h>
#include <stdint.h>

static int64_t fib(int64_t n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

int main(void) {
    printf("fib(41) = %lld\n", (long long)fib(41));
    return 0;
}
