/*
 * sweep_fixture: the sweep tests' helpers (test-only): `tiny`, a sweep of
 * two workloads on a 2 x 3 grid; a group setup/teardown that makes and
 * removes a scratch directory under /tmp; write_tmp() writes a file there
 * (the caller frees the path it returns); load_text() loads a sweep from
 * text; has_diag() says whether some diagnostic contains a needle.
 */
#ifndef BM_TEST_SWEEP_FIXTURE_H
#define BM_TEST_SWEEP_FIXTURE_H

#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "base/diag.h"
#include "benchmarks/sweep.h"

static const char *const tiny =
    "name: t\n"
    "seed: 9\n"
    "seeds: 5\n"
    "horizon: 400\n"
    "arms: 3\n"
    "policies: [ucb1, egreedy]\n"
    "recommended: ucb1\n"
    "workloads:\n"
    "  - name: a\n"
    "    workload: bernoulli\n"
    "    params: {best: 0.5, gap: 0.2}\n"
    "  - gaussian\n"
    "grid:\n"
    "  egreedy.epsilon: [0.1, 0.3]\n"
    "  batch: [1, 4, 8]\n";

static char dir[64];

static inline int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/test_sweep.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static inline int teardown(void **state)
{
    (void)state;
    char *cmd = xasprintf("rm -rf '%s'", dir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static inline char *write_tmp(const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static inline struct sweep *load_text(const char *text, struct diag_list *d)
{
    char *path = write_tmp("s.yaml", text);
    struct sweep *sw = sweep_load(path, d);
    free(path);
    return sw;
}

static inline bool has_diag(const struct diag_list *d, const char *needle)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format(&d->items[i]);
        bool hit = strstr(s, needle) != NULL;
        free(s);
        if (hit)
            return true;
    }
    return false;
}

#endif
