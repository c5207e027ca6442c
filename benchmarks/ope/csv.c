/*
 * csv: the line reader and field splitter of the OPE readers (grammar in
 * csv.h).
 */
#include "benchmarks/ope/csv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xalloc.h"
#include "base/yaml_reader.h"

int ope_csv_open(struct ope_csv *c, const char *path, struct diag_list *diags)
{
    memset(c, 0, sizeof(*c));
    c->fp = yr_open_input(path);
    struct stat st;
    int err = !c->fp ? errno : fstat(fileno(c->fp), &st) < 0 ? errno
                             : S_ISDIR(st.st_mode)          ? EISDIR
                                                            : 0;
    if (err) {   /* open() opens a directory; reading it would look empty */
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read '%s': %s", path, strerror(err));
        if (c->fp)
            fclose(c->fp);
        c->fp = NULL;
        return -1;
    }
    c->tee = !S_ISREG(st.st_mode);
    c->path = xstrdup(path);
    c->buf_alloc = 1024;
    c->buf = xmalloc(c->buf_alloc);
    return 0;
}

void ope_csv_close(struct ope_csv *c)
{
    if (c->fp)
        fclose(c->fp);
    free(c->path);
    free(c->buf);
    free(c->at);
    free(c->mem);
    memset(c, 0, sizeof(*c));
}

/* Stop reading for good: after an over-long line or a read error the
 * rest of the input cannot be trusted to end (/dev/zero, a pipe that
 * never sends a newline). A regular file or a replay from memory is left
 * at its end, so the next read reports the end and ope_csv_seek() can
 * still start a new pass; a stream is closed. */
static void stop_reading(struct ope_csv *c)
{
    if (!c->tee && fseek(c->fp, 0, SEEK_END) == 0)
        return;
    fclose(c->fp);
    c->fp = NULL;
}

/* The next byte of the input; a stream's bytes are kept in c->mem. -2
 * when that would pass OPE_CSV_MAX_STREAM. */
static int next_byte(struct ope_csv *c)
{
    int ch = getc(c->fp);
    if (!c->tee || ch == EOF)
        return ch;
    if (c->mem_len == c->mem_alloc) {
        if (c->mem_alloc >= OPE_CSV_MAX_STREAM)
            return -2;
        c->mem_alloc = c->mem_alloc ? 2 * c->mem_alloc : 64 * 1024;
        c->mem = xrealloc(c->mem, c->mem_alloc);
    }
    c->mem[c->mem_len++] = (char)ch;
    return ch;
}

/* Read one line into buf without its end: its length, -1 at the end of
 * the file (or once reading has stopped), -2 when too long: reading stops
 * at the limit and the rest of the line is left unread; -3 when a stream
 * has sent more than OPE_CSV_MAX_STREAM bytes. */
static long read_line(struct ope_csv *c)
{
    size_t n = 0;
    int ch = EOF;
    bool too_long = false;
    c->newline = false;
    if (!c->fp)
        return -1;
    while ((ch = next_byte(c)) != EOF) {
        if (ch == -2) {
            c->line++;
            c->buf[n] = '\0';
            return -3;
        }
        if (ch == '\n') {
            c->newline = true;
            break;
        }
        if (n + 1 >= OPE_CSV_MAX_LINE) {
            too_long = true;
            break;
        }
        if (n + 1 >= c->buf_alloc) {
            c->buf_alloc *= 2;
            c->buf = xrealloc(c->buf, c->buf_alloc);
        }
        c->buf[n++] = (char)ch;
    }
    if (ch == EOF && n == 0 && !too_long)
        return -1;
    c->line++;
    if (n > 0 && c->buf[n - 1] == '\r')
        n--;
    c->buf[n] = '\0';
    /* A UTF-8 byte-order mark opens the files Excel exports as "CSV UTF-8";
     * it is not part of the first field (RFC 3629 sec. 6). */
    if (c->line == 1 && n >= 3 && !memcmp(c->buf, "\xEF\xBB\xBF", 3)) {
        memmove(c->buf, c->buf + 3, n - 2);
        n -= 3;
    }
    return too_long ? -2 : (long)n;
}

static void push_field(struct ope_csv *c, size_t at)
{
    if (c->n_fields == c->at_alloc) {
        c->at_alloc = c->at_alloc ? 2 * c->at_alloc : 64;
        c->at = xrealloc(c->at, c->at_alloc * sizeof(size_t));
    }
    c->at[c->n_fields++] = at;
}

/* Split buf in place; -1 with a diagnostic on an unterminated quote. */
static int split(struct ope_csv *c, size_t len, struct diag_list *diags)
{
    char *s = c->buf;
    size_t i = 0;
    c->n_fields = 0;
    for (;;) {
        push_field(c, i);
        if (s[i] == '"') {
            size_t start = i, out = i;
            for (i++;; ) {
                if (s[i] == '\0') {
                    diag_add(diags, DIAG_ERROR, c->path, (int)c->line, (int)start + 1,
                             "unterminated quoted field");
                    return -1;
                }
                if (s[i] == '"' && s[i + 1] == '"') {
                    s[out++] = '"';
                    i += 2;
                } else if (s[i] == '"') {
                    i++;
                    break;
                } else {
                    s[out++] = s[i++];
                }
            }
            while (s[i] != ',' && s[i] != '\0')     /* text after the quote */
                s[out++] = s[i++];
            char end = s[i];
            s[out] = '\0';
            if (end == '\0')
                break;
            i++;
        } else {
            while (s[i] != ',' && s[i] != '\0')
                i++;
            if (s[i] == '\0')
                break;
            s[i++] = '\0';
        }
    }
    push_field(c, len + 1);   /* sentinel: one past the end, for ope_csv_col() */
    c->n_fields--;
    return 0;
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

int ope_csv_read(struct ope_csv *c, struct diag_list *diags)
{
    for (;;) {
        long len = read_line(c);
        if (len == -1 && c->fp && ferror(c->fp)) {
            diag_add(diags, DIAG_ERROR, c->path, 0, 0, "cannot read '%s': %s", c->path,
                     strerror(errno));
            stop_reading(c);
            c->n_fields = 0;
            return -1;
        }
        if (len == -1)
            return 0;
        if (len == -3) {
            diag_add(diags, DIAG_ERROR, c->path, (int)c->line, 1,
                     "input that is not a regular file is kept in memory to be read again, "
                     "and this one is larger than %d bytes: save it to a file",
                     OPE_CSV_MAX_STREAM);
            stop_reading(c);
            c->n_fields = 0;
            return -1;
        }
        if (len == -2) {   /* the rest may never end: stop */
            diag_add(diags, DIAG_ERROR, c->path, (int)c->line, 1, "line longer than %d bytes",
                     OPE_CSV_MAX_LINE);
            stop_reading(c);
            c->n_fields = 0;
            return -1;
        }
        if (blank(c->buf))
            continue;
        return split(c, (size_t)len, diags) < 0 ? -1 : 1;
    }
}

const char *ope_csv_field(const struct ope_csv *c, size_t k)
{
    if (k >= c->n_fields)
        BUG("ope_csv_field: field %zu of %zu", k, c->n_fields);
    return c->buf + c->at[k];
}

int ope_csv_col(const struct ope_csv *c, size_t k)
{
    if (k > c->n_fields)
        BUG("ope_csv_col: field %zu of %zu", k, c->n_fields);
    return (int)c->at[k] + 1;
}

long ope_csv_tell(const struct ope_csv *c)
{
    if (c->tee)
        return (long)c->mem_len;
    return c->fp ? ftell(c->fp) : -1;
}

/* Switch a stream to replaying c->mem: read what it has not sent yet (up
 * to the limit), then read the copy. -1 with the stream closed when it is
 * larger than the limit. */
static int start_replay(struct ope_csv *c)
{
    int ch;
    while ((ch = next_byte(c)) >= 0)
        ;
    bool too_big = ch == -2 || ferror(c->fp);
    fclose(c->fp);
    c->fp = NULL;
    c->tee = false;
    if (too_big)
        return -1;
    if (c->mem_len == 0) {   /* fmemopen() needs a byte: a blank line reads as nothing */
        c->mem = xrealloc(c->mem, 1);
        c->mem[0] = '\n';
        c->mem_alloc = 1;
    }
    c->fp = fmemopen(c->mem, c->mem_len ? c->mem_len : 1, "r");
    return c->fp ? 0 : -1;
}

int ope_csv_seek(struct ope_csv *c, long offset, long line)
{
    if (!c->fp || offset < 0)
        return -1;
    if (c->tee && start_replay(c) < 0)
        return -1;
    if (fseek(c->fp, offset, SEEK_SET) != 0)
        return -1;
    clearerr(c->fp);
    c->line = line;
    return 0;
}

int ope_csv_double(const char *s, double *out)
{
    if (!*s)
        return -1;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (*end || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

long ope_csv_index(const char *s)
{
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || errno || v > 1000000000L)
        return -1;
    return v;
}
