/*
 * arena: memory for data loaded once (after git's mem_pool).
 *
 * Allocations are bump-pointer from large blocks and are never freed one
 * by one: arena_release() frees everything at once. Every pointer handed
 * out stays valid until then. Not thread-safe.
 */
#ifndef BM_ARENA_H
#define BM_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;    /* newest block first */
    size_t used;                 /* bytes handed out, for statistics */
};

void arena_init(struct arena *a);
void arena_release(struct arena *a);

/* Zeroed, max-aligned memory; never NULL (dies on out of memory). */
void *arena_alloc(struct arena *a, size_t size);
void *arena_calloc(struct arena *a, size_t count, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

#endif
