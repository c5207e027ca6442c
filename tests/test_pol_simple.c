/*
 * test_pol_simple: benchmarks/policies/simple.c, epsilon-greedy explores
 * epsilon of the time; the greedy family and EXP3 play a replaced arm.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/policy.h"

#include "tests/pol_fixture.h"
#include "tests/churn_fixture.h"

/* ---- closed forms ---- */

static void test_egreedy_explores_epsilon_of_the_time(void **state)
{
    /* Arm 0 always pays 1 and arm 1 never: greedy is arm 0, so arm 1 is
     * played on the K initial rounds plus epsilon T / K in expectation. */
    const long long horizon = 200000;
    struct inst in;
    inst_init(&in, "egreedy", 2, horizon);
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 11);
    long arm1 = 0;
    for (long long t = 1; t <= horizon; t++) {
        struct bench_round rd = {.t = t, .k = 2, .slate_size = 1};
        int a = in.t->select(in.st, &rd, &pr);
        arm1 += a == 1;
        feed(&in, a, a == 0, t, &pr);
    }
    double expected = 1 + 0.1 * (horizon - 2) / 2, sd = sqrt(horizon * 0.05 * 0.95);
    assert_near(arm1, expected, 5 * sd);
    inst_free(&in);
}

/* ---- replaced arms ---- */

static void test_greedy_family_plays_a_replaced_arm_next(void **state)
{
    assert_plays_replaced("egreedy", 3000, 1, 61);
    assert_plays_replaced("egreedy_decay", 3000, 1, 62);
    assert_plays_replaced("softmax", 3000, 1, 63);
}

/* EXP3 gives the new arm the mean weight: played within a few rounds. */
static void test_exp3_plays_a_replaced_arm_soon(void **state)
{
    assert_plays_replaced("exp3", 5000, 20, 64);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* closed forms */
        cmocka_unit_test(test_egreedy_explores_epsilon_of_the_time),
        /* replaced arms */
        cmocka_unit_test(test_greedy_family_plays_a_replaced_arm_next),
        cmocka_unit_test(test_exp3_plays_a_replaced_arm_soon),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
