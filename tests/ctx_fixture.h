/*
 * ctx_fixture: ctx_spec(), a benchmark spec of a contextual workload, shared
 * by the contextual policy and workload tests (test-only). The caller owns
 * the spec; free with bench_spec_free().
 */
#ifndef BM_TEST_CTX_FIXTURE_H
#define BM_TEST_CTX_FIXTURE_H

#include "tests/helpers.h"

#include "benchmarks/spec.h"

/* ---- the workloads through the runner ---- */

static inline struct bench_spec *ctx_spec(const char *workload, int k, long long horizon, int seeds)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, workload);
    s->arms = k;
    s->horizon = horizon;
    s->seeds = seeds;
    s->seed = 5;
    return s;
}

#endif
