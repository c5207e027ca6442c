/*
 * test_verdict: benchmarks/verdict.c, which policies are best, tied with the
 * best, or worse.
 */
#include "tests/helpers.h"

#include <string.h>

#include "benchmarks/verdict.h"

/* ---- the verdict ---- */

static void test_verdict_best_tied_worse(void **state)
{
    static const double good[] = {100, 110, 90, 105, 95, 100};
    static const double close[] = {102, 108, 93, 104, 96, 101};   /* +1 on average, noisy */
    static const double bad[] = {200, 210, 190, 205, 195, 200};
    const char *ids[] = {"ts", "klucb", "ucb1"};
    const double *scores[] = {good, close, bad};
    struct bench_verdict v;
    bench_verdict_compute(&v, "ts", ids, scores, 3, 6, "final regret");
    assert_int_equal(v.kind, BENCH_VERDICT_BEST);
    assert_string_equal(v.best, "ts");
    assert_string_equal(v.runner_up, "klucb");
    bench_verdict_compute(&v, "klucb", ids, scores, 3, 6, "final regret");
    assert_int_equal(v.kind, BENCH_VERDICT_TIED);
    assert_near(v.paired.diff.mean, 4.0 / 6, 1e-12);
    assert_non_null(strstr(v.text, "statistically tied"));
    bench_verdict_compute(&v, "ucb1", ids, scores, 3, 6, "final regret");
    assert_int_equal(v.kind, BENCH_VERDICT_WORSE);
    assert_near(v.paired.diff.mean, 100.0, 1e-12);
    assert_near(v.relative, 1.0, 1e-12);
    assert_non_null(strstr(v.text, "worse than the best, ts"));
    bench_verdict_compute(&v, NULL, ids, scores, 3, 6, "final regret");
    assert_int_equal(v.kind, BENCH_VERDICT_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verdict_best_tied_worse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
