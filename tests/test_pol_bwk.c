/*
 * test_pol_bwk: benchmarks/policies/bwk.c, the bandits-with-knapsacks LP in
 * closed form, and on the shipped spec (where the budget binds) the
 * budget-aware policies beat the budget-blind ts and ucb1 against the LP
 * benchmark.
 */
#include "tests/helpers.h"

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
        cmocka_unit_test(test_bwk_policies_beat_budget_blind_ones_when_the_budget_binds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
