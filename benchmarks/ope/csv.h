/*
 * csv: line-at-a-time CSV splitting shared by the OPE readers (the log,
 * the --items file and target-distribution files).
 *
 * Grammar, per line:
 *     line   := field ("," field)* ["\r"] "\n"
 *     field  := bare | '"' (char | '""')* '"'
 * No newlines inside quotes. Blank lines are skipped. A line longer than
 * OPE_CSV_MAX_LINE bytes is an error, so memory is bounded by one line
 * whatever the file's size. A regular file is read from disk on every
 * pass; any other input (`<(cmd)`, a FIFO) is read once, and what it sent
 * is kept in memory, up to OPE_CSV_MAX_STREAM bytes, so that
 * ope_csv_seek() can replay it (past the limit reading stops with an
 * error). Opening a FIFO does not wait for a writer; reading it waits for
 * data or end-of-file, as on any pipe. A struct ope_csv is embedded by its user:
 * ope_csv_open() / ope_csv_close(). Not thread-safe.
 */
#ifndef BM_OPE_CSV_H
#define BM_OPE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"

enum { OPE_CSV_MAX_LINE = 1 << 20 };
/* Bytes of a non-regular input (a pipe, a FIFO, a device) kept in memory
 * so that it can be read again. */
enum { OPE_CSV_MAX_STREAM = 256 << 20 };

struct ope_csv {
    FILE *fp;
    char *path;                  /* owned */
    long line;                   /* 1-based number of the line last read */
    bool newline;                /* whether that line ended with '\n' */
    char *buf;                   /* owned; the line, split in place */
    size_t buf_alloc;
    size_t *at;                  /* owned; byte offset of each field in the line */
    size_t n_fields;
    size_t at_alloc;
    bool tee;                    /* fp is a stream: keep what is read in mem */
    char *mem;                   /* owned; a stream's bytes, read once */
    size_t mem_len, mem_alloc;  /* once replayed, fp reads mem (fmemopen) */
};

/* Open path for reading. -1 with a diagnostic if it cannot be opened;
 * c is then closed (ope_csv_close() is harmless). */
int ope_csv_open(struct ope_csv *c, const char *path, struct diag_list *diags);
void ope_csv_close(struct ope_csv *c);

/* Read and split the next non-blank line. 1 on success, 0 at the end of
 * the file, -1 (with a diagnostic at the line) for an unterminated quote,
 * after which the next call goes on with the following line. An over-long
 * line or a read error also gives -1, but then reading stops for good: the
 * next call returns 0 (an endless line, as from /dev/zero, is never read
 * to its end). */
int ope_csv_read(struct ope_csv *c, struct diag_list *diags);

/* Field k of the line last read (k < n_fields), NUL-terminated and
 * unquoted. Valid until the next read. */
const char *ope_csv_field(const struct ope_csv *c, size_t k);
/* 1-based byte column where field k starts; k == n_fields gives the
 * column just past the end of the line. */
int ope_csv_col(const struct ope_csv *c, size_t k);

/* Byte offset of the next line, and going back to it (for another pass
 * over the rows). seek returns -1 if reading has stopped (after an
 * over-long line or a read error on a stream). */
long ope_csv_tell(const struct ope_csv *c);
int ope_csv_seek(struct ope_csv *c, long offset, long line);

/* Whole-field conversions: 0 and *out set, or -1 if s is empty, has
 * trailing text, or is not finite / out of range. */
int ope_csv_double(const char *s, double *out);
/* A non-negative decimal integer up to 10^9 spelled by all of s, or -1. */
long ope_csv_index(const char *s);

#endif
