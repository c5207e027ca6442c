/*
 * ope_fixture: the OPE tests' helpers (test-only): format_all() joins the
 * formatted diagnostics, one per line (the caller frees); assert_contains()
 * fails unless a needle is in a text; run() is ope_run() on a fixture of
 * tests/fixtures/; find() is the estimate of one estimator in a report.
 */
#ifndef BM_TEST_OPE_FIXTURE_H
#define BM_TEST_OPE_FIXTURE_H

#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xalloc.h"
#include "benchmarks/ope/estimators.h"
#include "benchmarks/ope/ope.h"

/* The formatted diagnostics of list, one per line (caller frees). */
static inline char *format_all(const struct diag_list *list)
{
    char *all = xstrdup("");
    for (size_t i = 0; i < list->count; i++) {
        char *line = diag_format(&list->items[i]);
        char *next = xasprintf("%s%s\n", all, line);
        free(all);
        free(line);
        all = next;
    }
    return all;
}

static inline void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("expected \"%s\" in:\n%s", needle, haystack);
}

/* ope_run on a fixture; returns its status, report in *rep, diagnostics
 * formatted in *text (caller frees). */
static inline int run(const char *rel, const char *policy, unsigned mask, bool skip_bad,
                      struct ope_report *rep, char **text)
{
    struct ope_config cfg;
    ope_config_init(&cfg);
    char *path = xstrdup(fixture(rel));
    cfg.log_path = path;
    cfg.policy = policy;
    cfg.estimators = mask;
    cfg.skip_bad = skip_bad;
    cfg.items_path = NULL;
    struct diag_list d;
    diag_list_init(&d);
    int r = ope_run(&cfg, rep, &d);
    *text = format_all(&d);
    diag_list_release(&d);
    free(path);
    return r;
}

static inline const struct ope_estimate *find(const struct ope_report *rep, enum ope_estimator e)
{
    for (size_t i = 0; i < rep->n_est; i++)
        if (rep->est[i].id == e)
            return &rep->est[i];
    fail_msg("no estimate for %s", ope_estimator_name(e));
    return NULL;
}

#endif
