/*
 * test_knapsack: the bandits-with-knapsacks LP in closed form, the budget
 * is never overspent and is reported, budget-aware policies beat uniform,
 * and on the shipped spec (where the budget binds) they beat the
 * budget-blind ts and ucb1 against the LP benchmark.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/runner.h"

static void test_lp_mixes_at_most_two_arms(void **state)
{
    const double r[] = {0.9, 0.5, 0.2}, c[] = {0.8, 0.2, 0.05};
    int i, j;
    double xj;
    /* rho = 0.5: mix arm 1 (c 0.2) and arm 0 (c 0.8) half and half: 0.7 */
    assert_near(pol_bwk_lp(r, c, 3, 0.5, &i, &j, &xj), 0.7, 1e-12);
    assert_int_equal(i, 1);
    assert_int_equal(j, 0);
    assert_near(xj, 0.5, 1e-12);
    /* rho >= every cost: the best arm alone */
    assert_near(pol_bwk_lp(r, c, 3, 0.9, &i, &j, &xj), 0.9, 1e-12);
    assert_int_equal(j, -1);
    /* rho below every cost: the best reward per cost, scaled (arm 2: 4 per unit) */
    assert_near(pol_bwk_lp(r, c, 3, 0.01, NULL, NULL, NULL), 0.2 * 0.01 / 0.05, 1e-12);
}

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

/* benchmarks/specs/knapsack-k10.yaml, shortened (T = 20,000) but with more
 * seeds: both BwK policies must beat ts and ucb1 in regret against the LP
 * benchmark (OPT_LP - reward), with disjoint 95% intervals, and earn
 * most of OPT_LP, while the budget-blind ones lose a large share of it. */
static void test_bwk_policies_beat_budget_blind_ones_when_the_budget_binds(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_load(BM_SOURCE_ROOT "/benchmarks/specs/knapsack-k10.yaml", &d);
    assert_non_null(s);
    s->horizon = 20000;
    s->seeds = 30;
    struct bench_results r;
    bench_results_init(&r);
    r.threads = 2;
    assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
    const char *ids[] = {"ucb_bwk", "bwk_primal_dual", "ucb1", "ts"};
    const struct bench_policy_result *p[4] = {NULL};
    for (size_t i = 0; i < r.n_policies; i++)
        for (int j = 0; j < 4; j++)
            if (!strcmp(r.policies[i].id, ids[j]))
                p[j] = &r.policies[i];
    for (int j = 0; j < 4; j++)
        assert_non_null(p[j]);
    const size_t last = r.n_checkpoints - 1;
    for (int b = 0; b < 2; b++) {
        /* reward + regret = OPT_LP (pseudo-regret): BwK earns >= 90% of it */
        double opt = p[b]->reward_curve[last] + p[b]->regret.mean;
        assert_true(p[b]->reward_curve[last] >= 0.9 * opt);
        for (int blind = 2; blind < 4; blind++) {
            assert_true(p[b]->regret.hi < p[blind]->regret.lo);
            assert_true(p[b]->regret.mean < 0.25 * p[blind]->regret.mean);
            assert_true(p[b]->reward_curve[last] > p[blind]->reward_curve[last]);
        }
    }
    for (int blind = 2; blind < 4; blind++) {   /* the spec makes ignoring the budget costly */
        double opt = p[blind]->reward_curve[last] + p[blind]->regret.mean;
        assert_true(p[blind]->regret.mean > 0.25 * opt);
    }
    bench_results_release(&r);
    bench_spec_free(s);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lp_mixes_at_most_two_arms),
        cmocka_unit_test(test_budget_is_respected_and_reported),
        cmocka_unit_test(test_bwk_policies_beat_budget_blind_ones_when_the_budget_binds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
