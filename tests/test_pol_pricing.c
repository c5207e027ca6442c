/*
 * test_pol_pricing: benchmarks/policies/pricing.c, revenue-aware policies
 * beat uniform pricing.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/runner.h"

#include "tests/pricing_fixture.h"

static void test_revenue_policies_beat_uniform_pricing(void **state)
{
    for (double kind = 0; kind <= 1; kind++) {
        struct bench_spec *s = price_spec(kind, 20000);
        bench_spec_add_policy(s, "price_ucb");
        bench_spec_add_policy(s, "price_ts");
        bench_spec_add_policy(s, "demand_ts");
        bench_spec_add_policy(s, "uniform");
        struct bench_results r;
        bench_results_init(&r);
        assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
        for (int p = 0; p < 3; p++)
            assert_true(r.policies[p].regret.mean < 0.5 * r.policies[3].regret.mean);
        bench_results_release(&r);
        bench_spec_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_revenue_policies_beat_uniform_pricing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
