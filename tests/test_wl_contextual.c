/*
 * test_wl_contextual: benchmarks/workloads/contextual.c, the contextual
 * workloads are reproducible across thread counts, replace items under
 * churn, drift hidden from the features, take a budget whose LP is the
 * knapsack LP without personal effects, refuse a budget over a changing
 * catalogue naming both parts, and reject bad specs with their position.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/policy.h"
#include "benchmarks/runner.h"
#include "benchmarks/workload.h"
#include "benchmarks/workloads/budget_common.h"

#include "tests/ctx_fixture.h"

static void test_contextual_results_do_not_depend_on_threads(void **state)
{
    struct bench_spec *s = ctx_spec("contextual_logistic", 50, 3000, 4);
    const char *pols[] = {"linucb", "lints", "logistic_ts", "glm_ucb", "ridge_greedy",
                          "ridge_egreedy", "bootstrapped_ts", "squarecb", "ts", "linucb_hybrid"};
    for (size_t i = 0; i < sizeof(pols) / sizeof(pols[0]); i++)
        bench_spec_add_policy(s, pols[i]);
    bench_spec_set_param(s, "churn_every", 100);
    struct bench_results r1, r2;
    bench_results_init(&r1);
    bench_results_init(&r2);
    r2.threads = 2;
    assert_int_equal(bench_run(s, &r1, NULL, NULL), 0);
    assert_int_equal(bench_run(s, &r2, NULL, NULL), 0);
    assert_int_equal(r1.dim, 10);
    for (size_t p = 0; p < r1.n_policies; p++)
        for (int j = 0; j < r1.seeds; j++)
            assert_true(r1.policies[p].final_regret[j] == r2.policies[p].final_regret[j]);
    /* learning beats ignoring the context */
    assert_true(r1.policies[1].regret.mean < r1.policies[8].regret.mean);
    bench_results_release(&r1);
    bench_results_release(&r2);
    bench_spec_free(s);
}

static void test_churn_lists_the_replaced_slot(void **state)
{
    struct bench_spec *s = ctx_spec("contextual_linear", 7, 100, 1);
    bench_spec_add_policy(s, "linucb");
    bench_spec_set_param(s, "churn_every", 10);
    struct diag_list d;
    diag_list_init(&d);
    struct wl_config cfg;
    const struct wl_type *t = wl_find("contextual_linear");
    assert_int_equal(wl_configure(t, s, &cfg, &d), 0);
    void *ws = calloc(1, t->state_size(&cfg));
    t->init(ws, &cfg, &(struct wl_seed){123, 0});
    struct wl_arms arms;
    int replaced = 0;
    for (long long r = 1; r <= 100; r++) {
        struct bench_round rd = {.t = r, .k = 7};
        t->round(ws, r, &rd, &arms);
        assert_int_equal(rd.n_replaced, r % 10 == 0);
        replaced += rd.n_replaced;
        assert_non_null(rd.arm_features);
        for (int a = 0; a < 7; a++)
            assert_true(arms.best >= arms.means[a]);
    }
    assert_int_equal(replaced, 10);
    free(ws);
    wl_config_release(&cfg);
    diag_list_release(&d);
    bench_spec_free(s);
}

static void test_bad_contextual_spec_reports_the_position(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_load(fixture("spec/bad/contextual-dim.yaml"), &d);
    assert_non_null(s);
    assert_int_equal(bench_check_spec(s, &d), -1);
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(d.items[0].col, 3);
    assert_non_null(strstr(d.items[0].message, "'dim'"));
    bench_spec_free(s);
    diag_list_release(&d);
}

/* Without personal effects (scale 0) every user sees the item appeals
 * v_a0, so the contextual LP's dual is the knapsack LP of those means and
 * the same costs (budget_common.h draws them), with its null arm. */
static void test_budget_lp_without_personal_effects_is_the_knapsack_lp(void **state)
{
    (void)state;
    struct bench_spec *s = ctx_spec("contextual_linear", 6, 10000, 1);
    bench_spec_set_param(s, "scale", 0);
    bench_spec_set_param(s, "spread", 0.6);
    bench_spec_set_param(s, "budget_fraction", 0.2);
    const struct wl_type *t = wl_find("contextual_linear");
    struct wl_config cfg;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(wl_configure(t, s, &cfg, &d), 0);
    assert_near(cfg.budget, 2000, 0);
    void *ws = calloc(1, t->state_size(&cfg));
    struct rng keys;
    rng_stream(&keys, 3, 0);
    for (int seed = 0; seed < 20; seed++) {
        struct wl_seed ks = {rng_next(&keys), seed};
        memset(ws, 0, t->state_size(&cfg));
        t->init(ws, &cfg, &ks);
        struct bench_round round = {.k = cfg.k, .dim = cfg.dim};
        struct wl_arms arms = {0};
        t->round(ws, 1, &round, &arms);
        double cost[6];
        wl_knap_draw_costs(cost, cfg.k, 0.1, &ks);
        double lp = pol_bwk_lp(arms.means, cost, cfg.k, 0.2, NULL, NULL, NULL);
        assert_near(arms.best, lp, 1e-9);
        assert_true(arms.best <= arms.means[arms.best_arm] + 1e-12);   /* a mixture at most */
    }
    free(ws);
    wl_config_release(&cfg);
    diag_list_release(&d);
    bench_spec_free(s);
}

/* A budget races contextual and budget-aware policies on the same run:
 * nobody overspends, and the budget policies beat uniform play. */
static void test_budgeted_contextual_run_respects_the_budget(void **state)
{
    (void)state;
    struct bench_spec *s = ctx_spec("contextual_logistic", 8, 6000, 4);
    bench_spec_set_param(s, "budget_fraction", 0.15);
    const char *pols[] = {"lints", "ucb_bwk", "bwk_primal_dual", "uniform"};
    for (size_t i = 0; i < 4; i++)
        bench_spec_add_policy(s, pols[i]);
    struct bench_results r;
    bench_results_init(&r);
    assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
    assert_near(r.budget, 900, 0);
    for (size_t p = 0; p < r.n_policies; p++)
        assert_true(r.policies[p].budget_used.mean <= 900);
    assert_true(r.policies[3].budget_used.mean >= 899);   /* uniform spends it all */
    assert_true(r.policies[1].regret.mean < r.policies[3].regret.mean);
    assert_true(r.policies[2].regret.mean < r.policies[3].regret.mean);
    bench_results_release(&r);
    bench_spec_free(s);
}

/* A budget over a changing catalogue (churn, drift) is refused, naming
 * both parts and why. */
static void test_budget_with_churn_or_drift_is_refused_naming_both(void **state)
{
    (void)state;
    static const struct {
        const char *key;
        double value;
        const char *why;
    } cases[] = {
        {"churn_every", 50, "churn replaces its items"},
        {"churn", 0.01, "churn replaces its items"},
        {"amplitude", 0.5, "drift moves its appeals"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct bench_spec *s = ctx_spec("contextual_logistic", 8, 1000, 1);
        bench_spec_set_param(s, "budget_fraction", 0.2);
        bench_spec_set_param(s, cases[i].key, cases[i].value);
        struct wl_config cfg;
        struct diag_list d;
        diag_list_init(&d);
        assert_int_equal(wl_configure(wl_find("contextual_logistic"), s, &cfg, &d), -1);
        assert_int_equal(d.errors, 1);
        char *want = xasprintf("cannot combine 'budget_fraction' with '%s' yet", cases[i].key);
        assert_non_null(strstr(d.items[0].message, want));
        assert_non_null(strstr(d.items[0].message, cases[i].why));
        free(want);
        wl_config_release(&cfg);
        diag_list_release(&d);
        bench_spec_free(s);
    }
}

/* Drift moves the items' means while their features stay put. */
static void test_drift_moves_the_means_not_the_features(void **state)
{
    (void)state;
    struct bench_spec *s = ctx_spec("contextual_linear", 4, 4000, 1);
    bench_spec_set_param(s, "amplitude", 1);
    bench_spec_set_param(s, "period", 400);
    bench_spec_set_param(s, "scale", 0);
    bench_spec_set_param(s, "noise", 0);
    const struct wl_type *t = wl_find("contextual_linear");
    struct wl_config cfg;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(wl_configure(t, s, &cfg, &d), 0);
    void *ws = calloc(1, t->state_size(&cfg));
    struct wl_seed ks = {42, 0};
    t->init(ws, &cfg, &ks);
    struct bench_round round = {.k = cfg.k, .dim = cfg.dim};
    struct wl_arms arms = {0};
    double m0[4], x0[4], moved = 0;
    t->round(ws, 400, &round, &arms);   /* a whole period: offset (spread / 2) sin(phi_a) */
    for (int a = 0; a < 4; a++) {
        m0[a] = arms.means[a];
        x0[a] = round.arm_features[(size_t)a * (size_t)cfg.dim];
    }
    t->round(ws, 500, &round, &arms);   /* a quarter period later */
    for (int a = 0; a < 4; a++) {
        /* then (spread / 2) sin(pi / 2 + phi_a), phi_a = 2 pi a / 4, spread 0.2 */
        double phi = 6.283185307179586 * a / 4;
        assert_near(arms.means[a] - m0[a], 0.1 * (cos(phi) - sin(phi)), 1e-9);
        assert_near(round.arm_features[(size_t)a * (size_t)cfg.dim], x0[a], 0);
        moved += fabs(arms.means[a] - m0[a]);
    }
    assert_true(moved > 0.1);
    free(ws);
    wl_config_release(&cfg);
    diag_list_release(&d);
    bench_spec_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* workloads and the runner */
        cmocka_unit_test(test_contextual_results_do_not_depend_on_threads),
        cmocka_unit_test(test_churn_lists_the_replaced_slot),
        cmocka_unit_test(test_bad_contextual_spec_reports_the_position),
        /* drift and budgets */
        cmocka_unit_test(test_drift_moves_the_means_not_the_features),
        cmocka_unit_test(test_budget_lp_without_personal_effects_is_the_knapsack_lp),
        cmocka_unit_test(test_budgeted_contextual_run_respects_the_budget),
        cmocka_unit_test(test_budget_with_churn_or_drift_is_refused_naming_both),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
