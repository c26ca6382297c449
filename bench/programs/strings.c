/* Benchmark twin of strings.bd: string building with a fresh allocation per concatenation
 * (as Beskid strings are immutable), FNV-1a over each finished line. XOR is spelled
 * (h | b) - (h & b) in both versions since Beskid has no `^` operator. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { size_t len; char *bytes; } Str;

static Str concat(Str a, const char *b, size_t blen) {
    Str s;
    s.len = a.len + blen;
    s.bytes = malloc(s.len + 1);
    memcpy(s.bytes, a.bytes, a.len);
    memcpy(s.bytes + a.len, b, blen);
    return s;
}

int main(void) {
    Str line = {0, malloc(1)};
    int64_t lines = 0, total = 0;
    uint64_t hash = 14695981039346656037ULL;
    char num[32];
    for (int32_t i = 0; i < 2000000; i++) {
        Str a = concat(line, "item ", 5);
        int n = snprintf(num, sizeof num, "%d", i);
        Str b = concat(a, num, (size_t)n);
        Str c = concat(b, ";", 1);
        free(line.bytes);
        free(a.bytes);
        free(b.bytes);
        line = c;
        if (line.len > 80) {
            for (size_t k = 0; k < line.len; k++) {
                uint64_t ch = (unsigned char)line.bytes[k];
                hash = (hash | ch) - (hash & ch);
                hash = hash * 1099511628211ULL;
            }
            total += (int64_t)line.len;
            lines += 1;
            free(line.bytes);
            line.len = 0;
            line.bytes = malloc(1);
        }
    }
    printf("lines %lld, bytes %lld, hash %llu\n", (long long)lines, (long long)total, (unsigned long long)hash);
    free(line.bytes);
    return 0;
}
