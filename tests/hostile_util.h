/*
 * hostile_util: what test_hostile.c and test_hostile_io.c share (test-only):
 * a scratch directory under /tmp per test, files written into it (the
 * 100 MB ones at run time, never committed), and assert_diag(), which
 * passes when some diagnostic formats exactly as expected and otherwise
 * prints every diagnostic it got.
 */
#ifndef BM_TEST_HOSTILE_UTIL_H
#define BM_TEST_HOSTILE_UTIL_H

#include "tests/helpers.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xalloc.h"
#include "taxonomy/taxonomy.h"

struct tmpdir {
    char path[64];
};

static inline void tmpdir_make(struct tmpdir *t)
{
    snprintf(t->path, sizeof(t->path), "/tmp/bm-hostile-XXXXXX");
    assert_non_null(mkdtemp(t->path));
}

static inline void tmpdir_remove(struct tmpdir *t)
{
    char *cmd = xasprintf("rm -rf '%s'", t->path);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

/* Write len bytes to dir/name; returns the path (caller frees). */
static inline char *put_file(const struct tmpdir *t, const char *name, const char *data,
                             size_t len)
{
    char *path = xasprintf("%s/%s", t->path, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

static inline char *put_text(const struct tmpdir *t, const char *name, const char *text)
{
    return put_file(t, name, text, strlen(text));
}

/* A file of `mb` megabytes of valid-looking text, made at run time. */
static inline char *put_huge(const struct tmpdir *t, const char *name, const char *line,
                             size_t mb)
{
    char *path = xasprintf("%s/%s", t->path, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    size_t n = strlen(line), want = mb << 20;
    for (size_t done = 0; done < want; done += n)
        assert_int_equal(fwrite(line, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

static inline void print_diags(const struct diag_list *d)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format(&d->items[i]);
        print_message("  got: %s\n", s);
        free(s);
    }
}

/* Some diagnostic formats exactly as want (printf-style). */
static inline void assert_diag(const struct diag_list *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline void assert_diag(const struct diag_list *d, const char *fmt, ...)
{
    char want[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(want, sizeof(want), fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format(&d->items[i]);
        bool eq = !strcmp(s, want);
        free(s);
        if (eq)
            return;
    }
    print_diags(d);
    fail_msg("no diagnostic '%s'", want);
}

/* No file in dir whose name contains part (a temporary left behind). */
static inline void assert_no_file_like(const char *dir, const char *part)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;  /* a missing directory holds nothing */
    struct dirent *e;
    while ((e = readdir(dp)))
        if (strstr(e->d_name, part)) {
            closedir(dp);
            fail_msg("left behind: %s/%s", dir, e->d_name);
        }
    closedir(dp);
}

/* The bundled questionnaire alone (taxonomy/traits.yaml). */
static inline struct tax *bundled_traits(void)
{
    const char *paths[] = {BM_SOURCE_ROOT "/taxonomy/traits.yaml"};
    struct diag_list d;
    diag_list_init(&d);
    struct tax *t = tax_load(paths, 1, &d);
    if (!t)
        print_diags(&d);
    assert_non_null(t);
    diag_list_release(&d);
    return t;
}

#endif
