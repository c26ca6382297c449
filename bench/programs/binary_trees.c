/* Benchmark twin of binary_trees.bd: allocation of many short-lived tree nodes. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct Node { struct Node *left, *right; } Node;

static Node *build(int depth) {
    Node *n = malloc(sizeof(Node));
    if (depth == 0) {
        n->left = NULL;
        n->right = NULL;
        return n;
    }
    n->left = build(depth - 1);
    n->right = build(depth - 1);
    return n;
}

/* Leaves are NULL; every allocated node counts one, as in the Beskid version. */
static int64_t check(const Node *t) {
    if (t == NULL) return 0;
    return 1 + check(t->left) + check(t->right);
}

static void release(Node *t) {
    if (t == NULL) return;
    release(t->left);
    release(t->right);
    free(t);
}

int main(void) {
    int min_depth = 4, max_depth = 16, stretch = max_depth + 1;
    Node *s = build(stretch);
    printf("stretch tree of depth %d\t check: %lld\n", stretch, (long long)check(s));
    release(s);
    Node *long_lived = build(max_depth);
    for (int depth = min_depth; depth <= max_depth; depth += 2) {
        int iterations = 1 << (max_depth - depth + min_depth);
        int64_t c = 0;
        for (int i = 0; i < iterations; i++) {
            Node *t = build(depth);
            c += check(t);
            release(t);
        }
        printf("%d\t trees of depth %d\t check: %lld\n", iterations, depth, (long long)c);
    }
    printf("long lived tree of depth %d\t check: %lld\n", max_depth, (long long)check(long_lived));
    release(long_lived);
    return 0;
}
