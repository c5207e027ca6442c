/*
 * test_wl_knapsack: benchmarks/workloads/knapsack.c, the budget is never
 * overspent and is reported, and budget-aware policies beat uniform.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/runner.h"

static void test_budget_is_respected_and_reported(void **state)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, "knapsack");
    s->arms = 8;
    s->horizon = 20000;
    s->seeds = 4;
    s->seed = 2;
    bench_spec_set_param(s, "budget_fraction", 0.1);
    bench_spec_add_policy(s, "ucb_bwk");
    bench_spec_add_policy(s, "bwk_primal_dual");
    bench_spec_add_policy(s, "ucb1");
    bench_spec_add_policy(s, "uniform");
    struct bench_results r1, r2;
    bench_results_init(&r1);
    bench_results_init(&r2);
    r2.threads = 2;
    assert_int_equal(bench_run(s, &r1, NULL, NULL), 0);
    assert_int_equal(bench_run(s, &r2, NULL, NULL), 0);
    assert_near(r1.budget, 2000, 0);
    for (size_t p = 0; p < r1.n_policies; p++) {
        assert_true(r1.policies[p].budget_used.mean <= 2000);
        assert_true(r1.policies[p].budget_used.mean >= 1999 - 1e-9 || p < 2);
        for (int j = 0; j < r1.seeds; j++)
            assert_true(r1.policies[p].final_regret[j] == r2.policies[p].final_regret[j]);
    }
    assert_true(r1.policies[0].regret.mean < r1.policies[3].regret.mean);
    assert_true(r1.policies[1].regret.mean < r1.policies[3].regret.mean);
    bench_results_release(&r1);
    bench_results_release(&r2);
    bench_spec_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_is_respected_and_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
