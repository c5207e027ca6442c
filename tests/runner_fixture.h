/*
 * runner_fixture: small benchmarks for the runner and report tests
 * (test-only). make() builds a spec of `workload` on k arms with the
 * comma-separated `policies` (the caller owns it; free with
 * bench_spec_free()); run_ok() runs it on `threads` threads into r, which
 * it initialises, and fails the test if the run fails.
 */
#ifndef BM_TEST_RUNNER_FIXTURE_H
#define BM_TEST_RUNNER_FIXTURE_H

#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "benchmarks/runner.h"

static inline struct bench_spec *make(const char *workload, int k, long long horizon, int seeds,
                                      const char *policies)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, workload);
    s->arms = k;
    s->horizon = horizon;
    s->seeds = seeds;
    s->seed = 2024;
    char *copy = strdup(policies), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
        bench_spec_add_policy(s, tok);
    free(copy);
    return s;
}

static inline void run_ok(const struct bench_spec *s, struct bench_results *r, int threads)
{
    bench_results_init(r);
    r->threads = threads;
    if (bench_run(s, r, NULL, NULL) < 0) {
        char *line = r->diags.count ? diag_format(&r->diags.items[0]) : strdup("cancelled");
        fail_msg("bench_run: %s", line);
    }
}

#endif
