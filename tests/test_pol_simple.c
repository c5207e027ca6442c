/*
 * test_pol_simple: benchmarks/policies/simple.c, epsilon-greedy explores
 * epsilon of the time.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/policy.h"

#include "tests/pol_fixture.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* closed forms */
        cmocka_unit_test(test_egreedy_explores_epsilon_of_the_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
