/*
 * pricing_fixture: price_spec(), a benchmark spec of the pricing workload on
 * ten price points with a given demand curve, shared by the pricing
 * workload and policy tests (test-only). The caller owns the spec; free
 * with bench_spec_free().
 */
#ifndef BM_TEST_PRICING_FIXTURE_H
#define BM_TEST_PRICING_FIXTURE_H

#include "tests/helpers.h"

#include "benchmarks/spec.h"

static inline struct bench_spec *price_spec(double demand, long long horizon)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, "pricing");
    s->arms = 10;
    s->horizon = horizon;
    s->seeds = 3;
    s->seed = 11;
    bench_spec_set_param(s, "demand", demand);
    return s;
}

#endif
