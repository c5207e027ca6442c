/*
 * test_pol_ucb: benchmarks/policies/ucb.c, UCB1 and MOSS play the same arms
 * as naive loops (every index every round) on the same random streams.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "tests/pol_fixture.h"

static double naive_ucb1(double s, double n, long long t, long long horizon, int k)
{
    return s / n + sqrt(2.0 * log((double)t) / n);
}

static double naive_moss(double s, double n, long long t, long long horizon, int k)
{
    return s / n + sqrt(fmax(log((double)horizon / (k * n)), 0.0) / n);
}

static void test_ucb1_plays_the_naive_arms(void **state)
{
    same_arms("ucb1", naive_ucb1, close_arms, 5, 200000, 1);
    same_arms("ucb1", naive_ucb1, ctr_arms, 8, 200000, 2);
}

static void test_moss_plays_the_naive_arms(void **state)
{
    same_arms("moss", naive_moss, close_arms, 5, 50000, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* exact speed-ups */
        cmocka_unit_test(test_ucb1_plays_the_naive_arms),
        cmocka_unit_test(test_moss_plays_the_naive_arms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
