/*
 * wl_fixture: the workload tests' helpers (test-only): wl_open() configures
 * a workload by id with "key", value, ..., NULL parameters, starts it and
 * advances it to round 1 (failing the test if it does not configure);
 * wl_close() frees what wl_open() made; mean_reward() averages n pulls of
 * one arm.
 */
#ifndef BM_TEST_WL_FIXTURE_H
#define BM_TEST_WL_FIXTURE_H

#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/workload.h"

struct wl {
    struct bench_spec *s;
    struct wl_config cfg;
    void *st;
    struct wl_arms arms;
};

/* Configure workload id on k arms with params "key", value, ..., NULL. */
static inline void wl_open(struct wl *w, const char *id, int k, long long horizon, ...)
{
    w->s = bench_spec_new();
    bench_spec_set_string(&w->s->workload, id);
    w->s->arms = k;
    w->s->horizon = horizon;
    va_list ap;
    va_start(ap, horizon);
    for (const char *key; (key = va_arg(ap, const char *));)
        bench_spec_set_param(w->s, key, va_arg(ap, double));
    va_end(ap);
    struct diag_list d;
    diag_list_init(&d);
    const struct wl_type *t = wl_find(id);
    assert_non_null(t);
    if (wl_configure(t, w->s, &w->cfg, &d) < 0) {
        char *line = diag_format(&d.items[0]);
        fail_msg("configure %s: %s", id, line);
    }
    diag_list_release(&d);
    w->st = calloc(1, t->state_size(&w->cfg));
    struct wl_seed seed = {12345, 0};
    t->init(w->st, &w->cfg, &seed);
    t->advance(w->st, 1, &w->arms);
}

static inline void wl_close(struct wl *w)
{
    free(w->st);
    wl_config_release(&w->cfg);
    bench_spec_free(w->s);
}

static inline double mean_reward(struct wl *w, int arm, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += w->cfg.type->pull(w->st, arm);
    return s / n;
}

#endif
