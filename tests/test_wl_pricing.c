/*
 * test_wl_pricing: benchmarks/workloads/pricing.c, the demand curves in
 * closed form, and an inventory is never oversold.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>

#include "benchmarks/policy.h"
#include "benchmarks/runner.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demand_curves_in_closed_form),
        cmocka_unit_test(test_inventory_is_never_oversold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
