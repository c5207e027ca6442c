/*
 * test_pol_chernoff_ucb: benchmarks/policies/chernoff_ucb.c, Chapelle &
 * Li's Chernoff-bound UCB plays the arms of its formula and a replaced
 * arm next.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/policy.h"

#include "tests/churn_fixture.h"
#include "tests/pol_fixture.h"

/* x + sqrt(2 x L / n) + 2 L / n, L = log(1 / delta) = (log t) / 2. */
static double naive_chernoff(double s, double n, long long t, long long horizon, int k)
{
    double x = s / n, l = 0.5 * log((double)t);
    return x + sqrt(2.0 * x * l / n) + 2.0 * l / n;
}

static void test_ucb_chernoff_plays_the_arms_of_its_formula(void **state)
{
    same_arms("ucb_chernoff", naive_chernoff, close_arms, 5, 50000, 91);
    same_arms("ucb_chernoff", naive_chernoff, ctr_arms, 8, 50000, 92);
}

static void test_ucb_chernoff_plays_a_replaced_arm_next(void **state)
{
    assert_plays_replaced("ucb_chernoff", 5000, 1, 93);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* the index */
        cmocka_unit_test(test_ucb_chernoff_plays_the_arms_of_its_formula),
        /* replaced arms */
        cmocka_unit_test(test_ucb_chernoff_plays_a_replaced_arm_next),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
