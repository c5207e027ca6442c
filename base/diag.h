/*
 * diag: diagnostics as data.
 *
 * Loaders append {file, line, col, severity, message} records and keep
 * going, so one run reports every problem. Nothing here prints: cli/ and
 * tui/ render a list with diag_format() as
 *     file:line:col: error: unknown trait 'reward_kind'
 * Lines and columns are 1-based; 0 means "no position" (whole file).
 * A diag_list owns copies of every string it holds. Not thread-safe.
 */
#ifndef BM_DIAG_H
#define BM_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity {
    DIAG_ERROR,
    DIAG_WARNING,
    DIAG_NOTE,
};

struct diag {
    char *file;                  /* owned; "" when not from a file */
    int line;                    /* 1-based, 0 if unknown */
    int col;                     /* 1-based, 0 if unknown */
    enum diag_severity severity;
    char *message;               /* owned; lowercase, no full stop */
};

/* A hostile file can hold millions of mistakes; past this many records a
 * list only counts them (in dropped and errors), so memory stays bounded. */
enum { DIAG_MAX_RECORDS = 1000 };

struct diag_list {
    struct diag *items;
    size_t count;
    size_t alloc;
    size_t errors;               /* how many have DIAG_ERROR, kept or dropped */
    size_t dropped;              /* records not kept because of DIAG_MAX_RECORDS */
};

void diag_list_init(struct diag_list *list);
/* Frees every record; the list is empty and reusable afterwards. */
void diag_list_release(struct diag_list *list);

/* Append a record; file may be NULL. Copies all strings. */
void diag_add(struct diag_list *list, enum diag_severity sev, const char *file,
              int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Move every record of src to the end of dst; src is left empty. */
void diag_list_append(struct diag_list *dst, struct diag_list *src);

/* Append copies of every record of src to dst (src unchanged); dst also
 * takes src's error and dropped counts. */
void diag_list_copy(struct diag_list *dst, const struct diag_list *src);

/* Write every record with diag_format(), one per line, to a stream the
 * presentation layer chooses, then "banditmap: N more problems not shown"
 * if records were dropped. */
void diag_list_write(const struct diag_list *list, FILE *out);

/* Render one record as "file:line:col: error: message" into a fresh heap
 * string the caller frees. Parts without a position are left out. */
char *diag_format(const struct diag *d);

const char *diag_severity_name(enum diag_severity sev);

#endif
