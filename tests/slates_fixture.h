/*
 * slates_fixture: list_spec(), a benchmark spec of a list workload (cascade
 * or pbm) on ten items, three good ones, and three positions, shared by the
 * list workload and policy tests (test-only). The caller owns the spec;
 * free with bench_spec_free().
 */
#ifndef BM_TEST_SLATES_FIXTURE_H
#define BM_TEST_SLATES_FIXTURE_H

#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/spec.h"

static inline struct bench_spec *list_spec(const char *workload, long long horizon, int seeds)
{
    static const double means[] = {0.6, 0.6, 0.6, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3};
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, workload);
    s->n_means = 10;
    s->means = malloc(sizeof(means));
    memcpy(s->means, means, sizeof(means));
    s->arms = 10;
    s->horizon = horizon;
    s->seeds = seeds;
    s->seed = 3;
    bench_spec_set_param(s, "positions", 3);
    return s;
}

#endif
