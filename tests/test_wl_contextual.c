/*
 * test_wl_contextual: benchmarks/workloads/contextual.c, the contextual
 * workloads are reproducible across thread counts, replace items under
 * churn, and reject bad specs with their position.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/runner.h"
#include "benchmarks/workload.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* workloads and the runner */
        cmocka_unit_test(test_contextual_results_do_not_depend_on_threads),
        cmocka_unit_test(test_churn_lists_the_replaced_slot),
        cmocka_unit_test(test_bad_contextual_spec_reports_the_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
