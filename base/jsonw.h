/*
 * jsonw: a small streaming JSON writer into a caller-supplied FILE.
 *
 * The engines use it to serialise their results without printing: the
 * presentation layer decides where the stream goes. Commas and nesting are
 * tracked for you; keys are only valid inside objects (BUG otherwise).
 * Non-finite numbers are written as null. Strings are escaped as RFC 8259
 * requires; bytes >= 0x80 pass through (input is expected to be UTF-8).
 */
#ifndef BM_JSONW_H
#define BM_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { JSONW_MAX_DEPTH = 64 };

struct jsonw {
    FILE *out;
    bool pretty;                          /* newline + two-space indent */
    int depth;
    bool first[JSONW_MAX_DEPTH];          /* no element written yet at this depth */
    bool in_object[JSONW_MAX_DEPTH];
    bool after_key;
};

void jsonw_init(struct jsonw *w, FILE *out, bool pretty);
void jsonw_object_begin(struct jsonw *w);
void jsonw_object_end(struct jsonw *w);
void jsonw_array_begin(struct jsonw *w);
void jsonw_array_end(struct jsonw *w);
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_string(struct jsonw *w, const char *s);  /* NULL writes null */
void jsonw_number(struct jsonw *w, double v);       /* %.10g; NaN/Inf -> null */
void jsonw_int(struct jsonw *w, long long v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);

/*
 * Object members: each writes jsonw_key(w, key) followed by one value, with
 * exactly the bytes the two calls would write (so switching to them never
 * changes output). Like jsonw_key they are only valid inside an object (BUG
 * otherwise). Nothing is retained: key and values are copied to the stream.
 */
void jsonw_member_string(struct jsonw *w, const char *key, const char *s);  /* NULL -> null */
void jsonw_member_number(struct jsonw *w, const char *key, double v);       /* as jsonw_number */
void jsonw_member_int(struct jsonw *w, const char *key, long long v);
void jsonw_member_bool(struct jsonw *w, const char *key, bool v);
/* key: [lo, hi], two jsonw_number values (an interval, e.g. a 95% CI). */
void jsonw_member_pair(struct jsonw *w, const char *key, double lo, double hi);
/* key: [strings[0], ..., strings[n-1]]; NULL entries are written as null,
 * and n == 0 writes []. strings may be NULL when n == 0. */
void jsonw_string_array(struct jsonw *w, const char *key, const char *const *strings,
                        size_t n);

/* Finish the document with a newline (top level only). */
void jsonw_finish(struct jsonw *w);

#endif
