/* Benchmark twin of sieve.bd: sieve of Eratosthenes over a byte array, repeated. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static int64_t count_primes(int64_t limit) {
    unsigned char *composite = calloc((size_t)limit + 1, 1);
    int64_t count = 0;
    for (int64_t i = 2; i < limit + 1; i++) {
        if (!composite[i]) {
            count += 1;
            for (int64_t j = i * i; j <= limit; j += i) composite[j] = 1;
        }
    }
    free(composite);
    return count;
}

int main(void) {
    int64_t total = 0;
    for (int round = 0; round < 60; round++) total += count_primes(2000000);
    printf("primes below 2000000: %lld, total %lld\n", (long long)count_primes(2000000), (long long)total);
    return 0;
}
