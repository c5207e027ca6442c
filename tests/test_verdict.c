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

/* Below BENCH_VERDICT_MIN_SEEDS paired seeds nothing is called best,
 * tied or worse, whatever the scores: 1 seed gave a zero-width interval
 * and "worse by ..." for the runner-up. */
static void test_verdict_with_too_few_seeds_claims_nothing(void **state)
{
    (void)state;
    static const double good[] = {100, 110, 90, 105, 95, 100};
    static const double bad[] = {200, 210, 190, 205, 195, 200};
    const char *ids[] = {"ts", "ucb1"};
    const double *scores[] = {good, bad};
    struct bench_verdict v;
    assert_int_equal(BENCH_VERDICT_MIN_SEEDS, 5);
    for (size_t n = 1; n < BENCH_VERDICT_MIN_SEEDS; n++)
        for (size_t r = 0; r < 2; r++) {
            bench_verdict_compute(&v, ids[r], ids, scores, 2, n, "final regret");
            if (v.kind != BENCH_VERDICT_NONE || !strstr(v.text, "too few seeds to tell") ||
                !strstr(v.text, "needs at least 5") || strstr(v.text, "95%") ||
                strstr(v.text, "worse") || strstr(v.text, "tied"))
                fail_msg("%zu seeds, %s: kind %s, '%s'", n, ids[r],
                         bench_verdict_kind_name(v.kind), v.text);
            assert_string_equal(v.recommended, ids[r]);
            assert_string_equal(v.best, "ts");
        }
    bench_verdict_compute(&v, "ucb1", ids, scores, 2, BENCH_VERDICT_MIN_SEEDS, "final regret");
    assert_int_equal(v.kind, BENCH_VERDICT_WORSE);
    bench_verdict_compute(&v, "ts", ids, scores, 2, BENCH_VERDICT_MIN_SEEDS, "final regret");
    assert_int_equal(v.kind, BENCH_VERDICT_BEST);
    /* one policy raced: nothing is compared, so nothing is claimed either way */
    bench_verdict_compute(&v, "ts", ids, scores, 1, 1, "final regret");
    assert_int_equal(v.kind, BENCH_VERDICT_BEST);
    assert_null(strstr(v.text, "95%"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verdict_best_tied_worse),
        cmocka_unit_test(test_verdict_with_too_few_seeds_claims_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
