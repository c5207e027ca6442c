/*
 * test_stats: benchmarks/stats.c, Welford moments, t quantiles, intervals,
 * quantiles and paired comparisons, against closed forms.
 */
#include "tests/helpers.h"

#include "benchmarks/stats.h"

static void test_welford_matches_two_pass(void **state)
{
    static const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
    struct stats_run s;
    stats_run_init(&s);
    for (int i = 0; i < 8; i++)
        stats_run_add(&s, x[i]);
    assert_int_equal(s.n, 8);
    assert_near(s.mean, 5.0, 1e-15);
    assert_near(stats_run_variance(&s), 32.0 / 7.0, 1e-13);
    /* Large offset: the one-pass sum-of-squares formula would lose it. */
    stats_run_init(&s);
    for (int i = 0; i < 8; i++)
        stats_run_add(&s, 1e9 + x[i]);
    assert_near(stats_run_variance(&s), 32.0 / 7.0, 1e-6);
}

static void test_t975_table_and_expansion(void **state)
{
    static const struct {
        long long df;
        double t;
    } cases[] = {{1, 12.706205}, {2, 4.302653}, {10, 2.228139}, {30, 2.042272},
                 {40, 2.021075}, {100, 1.983972}, {1000, 1.962339}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_near(stats_t975(cases[i].df), cases[i].t, 2e-6);
}

static void test_ci95_is_mean_plus_minus_t_se(void **state)
{
    struct stats_run s;
    stats_run_init(&s);
    for (int i = 1; i <= 5; i++)
        stats_run_add(&s, i);
    struct stats_ci ci = stats_run_ci95(&s);
    double half = 2.776445 * sqrt(2.5) / sqrt(5.0);
    assert_near(ci.mean, 3.0, 1e-15);
    assert_near(ci.lo, 3.0 - half, 1e-5);
    assert_near(ci.hi, 3.0 + half, 1e-5);
    stats_run_init(&s);
    stats_run_add(&s, 4.0);
    ci = stats_run_ci95(&s);
    assert_true(ci.lo == 4.0 && ci.hi == 4.0);
}

static void test_quantiles_use_linear_interpolation(void **state)
{
    double x[10];
    for (int i = 0; i < 10; i++)
        x[i] = 10 - i;   /* unsorted input */
    struct stats_summary q = stats_quantiles(x, 10);
    assert_near(q.median, 5.5, 1e-15);
    assert_near(q.q1, 3.25, 1e-15);
    assert_near(q.q3, 7.75, 1e-15);
    assert_near(q.min, 1, 0);
    assert_near(q.max, 10, 0);
    assert_near(x[0], 10, 0);   /* input untouched */
    double one = 42;
    q = stats_quantiles(&one, 1);
    assert_near(q.q1, 42, 0);
}

static void test_paired_compare_counts_and_interval(void **state)
{
    static const double a[] = {10, 12, 9, 11, 10};
    static const double b[] = {11, 14, 10, 11, 12};
    struct stats_paired p = stats_paired_compare(a, b, 5);
    assert_int_equal(p.a_wins, 4);
    assert_int_equal(p.ties, 1);
    assert_int_equal(p.b_wins, 0);
    assert_near(p.diff.mean, -1.2, 1e-12);   /* diffs -1 -2 -1 0 -2 */
    assert_true(p.diff.hi < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welford_matches_two_pass),
        cmocka_unit_test(test_t975_table_and_expansion),
        cmocka_unit_test(test_ci95_is_mean_plus_minus_t_se),
        cmocka_unit_test(test_quantiles_use_linear_interpolation),
        cmocka_unit_test(test_paired_compare_counts_and_interval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
