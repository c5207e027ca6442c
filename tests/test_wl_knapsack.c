/*
 * test_wl_knapsack: benchmarks/workloads/knapsack.c, the budget is never
 * overspent and is reported, budget-aware policies beat uniform, and the
 * costs are independent of the arm order.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/runner.h"
#include "benchmarks/workload.h"

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

/* Costs must not depend on the arm order: over many seeds, the cost of the
 * arm that the shuffle made the best is U[cost_min, 1] on average. Were
 * the costs drawn from the shuffle's stream (1), the best arm would cost
 * 0.58 on average (se 0.0017 over 20,000 seeds), not 0.55. Costs are read
 * through the workload's hooks: the means from the round hook, each cost
 * mean estimated from 400 realised costs. */
static void test_costs_are_independent_of_the_arm_order(void **state)
{
    (void)state;
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, "knapsack");
    s->arms = 10;
    s->horizon = 100000;
    bench_spec_set_param(s, "cost_min", 0.1);
    const struct wl_type *t = wl_find("knapsack");
    struct wl_config cfg;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(wl_configure(t, s, &cfg, &d), 0);
    void *ws = malloc(t->state_size(&cfg));
    enum { SEEDS = 6000, PULLS = 400 };
    double sum = 0, sum2 = 0, rank_cov = 0;
    struct rng keys;
    rng_stream(&keys, 7, 0);
    for (int seed = 0; seed < SEEDS; seed++) {
        struct wl_seed ks = {rng_next(&keys), seed};
        memset(ws, 0, t->state_size(&cfg));
        t->init(ws, &cfg, &ks);
        struct bench_round round = {.k = cfg.k};
        struct wl_arms arms = {0};
        t->round(ws, 1, &round, &arms);
        for (int a = 0; a < cfg.k; a++) {
            double c = 0;
            for (int n = 0; n < PULLS; n++)
                c += t->cost(ws, a, 0);
            c /= PULLS;
            int rank = 0;
            for (int b = 0; b < cfg.k; b++)
                rank += arms.means[b] > arms.means[a];
            rank_cov += (c - 0.55) * (rank - 4.5);
            if (rank == 0) {
                sum += c;
                sum2 += c * c;
            }
        }
    }
    double mean = sum / SEEDS, se = sqrt((sum2 / SEEDS - mean * mean) / SEEDS);
    assert_near(mean, 0.55, 4 * se);
    /* and cost against rank, pooled: corr ~ 0 (sd of cost 0.26, of rank 2.87) */
    double corr = rank_cov / (SEEDS * cfg.k) / (0.26 * 2.87);
    assert_near(corr, 0, 4 / sqrt((double)SEEDS * cfg.k));
    free(ws);
    wl_config_release(&cfg);
    diag_list_release(&d);
    bench_spec_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_is_respected_and_reported),
        cmocka_unit_test(test_costs_are_independent_of_the_arm_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
