/*
 * test_pol_identification: benchmarks/policies/identification.c, the
 * identification policies forget a replaced arm and sample it soon.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/policy.h"

#include "tests/churn_fixture.h"
#include "tests/pol_fixture.h"

/* ---- replaced arms ---- */

static void test_identification_policies_sample_a_replaced_arm(void **state)
{
    assert_plays_replaced("se", 3000, 1, 81);
    assert_plays_replaced("lucb", 3000, 1, 82);
    assert_plays_replaced("ttts", 3000, 20, 83);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* replaced arms */
        cmocka_unit_test(test_identification_policies_sample_a_replaced_arm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
