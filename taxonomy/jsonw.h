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
/* Finish the document with a newline (top level only). */
void jsonw_finish(struct jsonw *w);

#endif
