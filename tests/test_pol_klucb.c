/*
 * test_pol_klucb: benchmarks/policies/klucb.c, KL-UCB and Bayes-UCB play the
 * same arms as naive loops (every index every round) on the same random
 * streams, on well-separated means, and play a replaced arm next.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/policy.h"

#include "tests/pol_fixture.h"
#include "tests/churn_fixture.h"

static double naive_klucb(double s, double n, long long t, long long horizon, int k)
{
    return pol_kl_ucb(s / n, n, log((double)t));
}

static double naive_bayesucb(double s, double n, long long t, long long horizon, int k)
{
    return pol_beta_upper_quantile(s + 1, n - s + 1, 1.0 / (double)t);
}

static void test_klucb_plays_the_naive_arms(void **state)
{
    same_arms("klucb", naive_klucb, close_arms, 5, 100000, 3);
    same_arms("klucb", naive_klucb, ctr_arms, 8, 100000, 4);
}

static void test_bayesucb_plays_the_naive_arms(void **state)
{
    same_arms("bayesucb", naive_bayesucb, close_arms, 5, 3000, 5);
}

/* ---- replaced arms ---- */

static void test_klucb_and_bayesucb_play_a_replaced_arm_next(void **state)
{
    assert_plays_replaced("klucb", 5000, 1, 41);
    assert_plays_replaced("bayesucb", 3000, 1, 42);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* exact speed-ups */
        cmocka_unit_test(test_klucb_plays_the_naive_arms),
        cmocka_unit_test(test_bayesucb_plays_the_naive_arms),
        /* replaced arms */
        cmocka_unit_test(test_klucb_and_bayesucb_play_a_replaced_arm_next),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
