/*
 * test_wl_pricing: benchmarks/workloads/pricing.c, the demand curves in
 * closed form, an inventory is never oversold, and drift moves the best
 * price.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>

#include "benchmarks/policy.h"
#include "benchmarks/runner.h"
#include "benchmarks/workload.h"

#include "tests/pricing_fixture.h"

static void test_demand_curves_in_closed_form(void **state)
{
    const struct {
        double kind, price_index, want;   /* grid 1, 2, ..., 10 */
    } cases[] = {
        {0, 4, 5 * (1 - 0.1 * 5)},                    /* linear: p (1 - 0.1 p) */
        {1, 2, 3 / (1 + exp(-(3 - 0.6 * 3)))},        /* logistic */
        {2, 0, 1.0},                                  /* elasticity: min(1, 2 p^-1.5) */
        {2, 3, 4 * 2 * pow(4, -1.5)},
    };
    struct diag_list d;
    diag_list_init(&d);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct bench_spec *s = price_spec(cases[i].kind, 100);
        const struct wl_type *t = wl_find("pricing");
        struct wl_config cfg;
        assert_int_equal(wl_configure(t, s, &cfg, &d), 0);
        void *ws = calloc(1, t->state_size(&cfg));
        t->init(ws, &cfg, &(struct wl_seed){1, 0});
        struct bench_round rd = {.t = 1, .k = 10};
        struct wl_arms arms;
        t->round(ws, 1, &rd, &arms);
        int a = (int)cases[i].price_index;
        assert_near(rd.arm_values[a], a + 1.0, 1e-12);
        assert_near(arms.means[a], cases[i].want, 1e-12);
        double r = t->pull(ws, a);
        assert_true(r == 0 || r == rd.arm_values[a]);
        free(ws);
        wl_config_release(&cfg);
        bench_spec_free(s);
    }
    diag_list_release(&d);
}

static void test_inventory_is_never_oversold(void **state)
{
    struct bench_spec *s = price_spec(0, 5000);
    bench_spec_set_param(s, "inventory", 300);
    bench_spec_add_policy(s, "price_ts");
    bench_spec_add_policy(s, "demand_ts");
    bench_spec_add_policy(s, "uniform");
    struct bench_results r;
    bench_results_init(&r);
    assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
    assert_near(r.budget, 300, 0);
    for (size_t p = 0; p < r.n_policies; p++) {
        assert_true(r.policies[p].budget_used.mean <= 300);
        assert_true(r.policies[p].budget_used.mean > 250);   /* demand far exceeds 300 */
        /* revenue at most 300 sales at the top price */
        assert_true(r.policies[p].reward_curve[r.n_checkpoints - 1] <= 300 * 10);
    }
    bench_results_release(&r);
    bench_spec_free(s);
}

/* Drift swings the price sensitivity b(t) = b (1 + A sin(2 pi t / P)):
 * each round's means are the closed-form revenues of that curve and the
 * benchmark is their maximum, so the best price moves over a season. */
static void test_drift_moves_the_best_price(void **state)
{
    (void)state;
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, "pricing");
    s->arms = 10;
    s->horizon = 1000;
    bench_spec_set_param(s, "amplitude", 0.5);
    bench_spec_set_param(s, "period", 400);
    const struct wl_type *t = wl_find("pricing");
    struct wl_config cfg;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(wl_configure(t, s, &cfg, &d), 0);
    void *ws = calloc(1, t->state_size(&cfg));
    struct wl_seed ks = {1, 0};
    t->init(ws, &cfg, &ks);
    int best_at[2];
    long long when[2] = {100, 300};   /* b x 1.5, then b x 0.5 */
    for (int k = 0; k < 2; k++) {
        struct bench_round round = {.k = cfg.k};
        struct wl_arms arms = {0};
        t->round(ws, when[k], &round, &arms);
        double b = 0.1 * (1 + 0.5 * sin(6.283185307179586 * (double)when[k] / 400)), top = 0;
        best_at[k] = 0;
        for (int i = 0; i < 10; i++) {   /* linear demand a - b p, a = 1, prices 1..10 */
            double p = round.arm_values[i];
            assert_near(arms.means[i], p * fmin(1, fmax(0, 1 - b * p)), 1e-12);
            if (arms.means[i] > top) {
                top = arms.means[i];
                best_at[k] = i;
            }
        }
        assert_near(arms.best, top, 1e-12);
    }
    assert_true(best_at[0] < best_at[1]);   /* less sensitive buyers: a higher price */
    free(ws);
    wl_config_release(&cfg);
    diag_list_release(&d);
    bench_spec_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demand_curves_in_closed_form),
        cmocka_unit_test(test_inventory_is_never_oversold),
        cmocka_unit_test(test_drift_moves_the_best_price),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
