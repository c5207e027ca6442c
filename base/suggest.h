/*
 * suggest: "did you mean" hints for a mistyped id.
 *
 * Pure function over caller-owned strings; thread-safe.
 */
#ifndef BM_SUGGEST_H
#define BM_SUGGEST_H

#include <stddef.h>

/* The id among candidates[0..n) closest to word by edit distance (at most
 * about a third of its length), or NULL if none is that close. The result
 * is one of the candidates (not a copy). */
const char *suggest_closest(const char *word, const char *const *candidates, size_t n);

#endif
