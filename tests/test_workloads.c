/*
 * test_workloads: benchmarks/workloads/registry.c and properties of every
 * workload: every workload id exists; base means from best/gap and the
 * shuffle; per-arm streams give common random numbers; Lai-Robbins constants
 * match the values derived in map-of-bandits.md section 4.2; bad parameter
 * values are diagnosed; the feedback params are common to every workload.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/workload.h"

#include "tests/wl_fixture.h"

static void test_registry_has_every_workload(void **state)
{
    static const char *const ids[] = {"bernoulli", "gaussian", "bounded", "revenue", "piecewise",
                                      "drift", "delayed", "bai_fixed_confidence",
                                      "bai_fixed_budget", "contextual_linear",
                                      "contextual_logistic", "cascade", "pbm", "pricing",
                                      "knapsack"};
    size_t n = sizeof(ids) / sizeof(ids[0]);
    assert_int_equal(wl_registry_count, n);
    for (size_t i = 0; i < n; i++)
        assert_non_null(wl_find(ids[i]));
    assert_null(wl_find("bernouli"));
}

static void test_best_gap_and_shuffle(void **state)
{
    struct wl w;
    wl_open(&w, "bernoulli", 5, 1000, "best", 0.3, "gap", 0.1, NULL);
    double sorted[5];
    memcpy(sorted, w.arms.means, sizeof(sorted));
    int best = 0;
    for (int i = 0; i < 5; i++)
        best += sorted[i] == 0.3;
    assert_int_equal(best, 1);
    assert_near(w.arms.best, 0.3, 0);
    assert_near(w.arms.means[w.arms.best_arm], 0.3, 0);
    for (int i = 0; i < 5; i++)
        if (i != w.arms.best_arm)
            assert_near(w.arms.means[i], 0.2, 1e-15);
    wl_close(&w);
}

static void test_arm_streams_give_common_random_numbers(void **state)
{
    struct wl a, b;
    wl_open(&a, "bernoulli", 3, 1000, "best", 0.5, "gap", 0.2, NULL);
    wl_open(&b, "bernoulli", 3, 1000, "best", 0.5, "gap", 0.2, NULL);
    double ra[50], rb[50];
    for (int i = 0; i < 50; i++) {
        ra[i] = a.cfg.type->pull(a.st, 1);
        a.cfg.type->pull(a.st, 2);   /* other arms in between */
    }
    for (int i = 0; i < 50; i++)
        rb[i] = b.cfg.type->pull(b.st, 1);
    assert_memory_equal(ra, rb, sizeof(ra));
    wl_close(&a);
    wl_close(&b);
}

static void test_lai_robbins_constants_match_the_reference(void **state)
{
    /* map-of-bandits.md 4.2: C = sum (p* - p_i) / kl(p_i, p*). */
    static const struct {
        int k;
        double eps, c, tol;
    } cases[] = {{10, 0.02, 224.9, 0.1}, {10, 0.1, 44.7, 0.1}, {100, 0.02, 2474, 1},
                 {100, 0.1, 491.7, 0.1}};
    for (size_t i = 0; i < 4; i++) {
        double *m = calloc((size_t)cases[i].k, sizeof(double));
        m[0] = 0.5;
        for (int j = 1; j < cases[i].k; j++)
            m[j] = 0.5 - cases[i].eps;
        assert_near(wl_lai_robbins_bernoulli(m, cases[i].k), cases[i].c, cases[i].tol);
        free(m);
    }
}

static void test_bad_values_are_diagnosed(void **state)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, "bernoulli");
    bench_spec_set_param(s, "best", 1.5);
    bench_spec_set_param(s, "gap", 0.1);
    struct diag_list d;
    diag_list_init(&d);
    struct wl_config cfg;
    assert_int_equal(wl_configure(wl_find("bernoulli"), s, &cfg, &d), -1);
    assert_non_null(strstr(d.items[0].message, "outside [0, 1]"));
    wl_config_release(&cfg);
    diag_list_release(&d);
    diag_list_init(&d);
    bench_spec_set_param(s, "best", 0.5);
    bench_spec_set_param(s, "batch", 2.5);
    assert_int_equal(wl_configure(wl_find("bernoulli"), s, &cfg, &d), -1);
    assert_non_null(strstr(d.items[0].message, "'batch' must be a whole number"));
    wl_config_release(&cfg);
    diag_list_release(&d);
    bench_spec_free(s);
}

/* batch, delay_mean, delay_kind and window are common params: every
 * workload, of every kind, takes them into its config (a type listing one
 * keeps its own default), and bad values are diagnosed on any kind. */
static void test_feedback_params_are_common_to_every_workload(void **state)
{
    for (size_t i = 0; i < wl_registry_count; i++) {
        struct bench_spec *s = bench_spec_new();
        bench_spec_set_string(&s->workload, wl_registry[i]->name);
        s->horizon = 1000;
        bench_spec_set_param(s, "batch", 3);
        bench_spec_set_param(s, "delay_mean", 5);
        bench_spec_set_param(s, "delay_kind", 1);
        bench_spec_set_param(s, "window", 4);
        struct diag_list d;
        diag_list_init(&d);
        struct wl_config cfg;
        if (wl_configure(wl_registry[i], s, &cfg, &d) != 0)
            fail_msg("%s: %s", wl_registry[i]->name, d.items[0].message);
        assert_int_equal(cfg.batch, 3);
        assert_near(cfg.delay_mean, 5, 0);
        assert_int_equal(cfg.delay_kind, WL_DELAY_FIXED);
        assert_int_equal(cfg.window, 4);
        wl_config_release(&cfg);
        diag_list_release(&d);
        bench_spec_free(s);
    }
    static const struct {
        const char *workload;
        double delay_mean;
    } defaults[] = {{"bernoulli", 0}, {"cascade", 0}, {"delayed", 100}};
    for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
        struct wl w;
        wl_open(&w, defaults[i].workload, 10, 1000, NULL);
        assert_near(w.cfg.delay_mean, defaults[i].delay_mean, 0);
        assert_int_equal(w.cfg.batch, 1);
        assert_int_equal(w.cfg.window, 0);
        wl_close(&w);
    }
    static const struct {
        const char *key;
        double value;
        const char *message;
    } bad[] = {
        {"window", -1, "'window' must be a whole number of rounds >= 0, not -1"},
        {"window", 2.5, "'window' must be a whole number of rounds >= 0, not 2.5"},
        {"delay_kind", 2, "'delay_kind' must be 0 (geometric) or 1 (fixed), not 2"},
        {"delay_mean", -3, "'delay_mean' must be between 0 and 1e9, not -3"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct bench_spec *s = bench_spec_new();
        bench_spec_set_string(&s->workload, "contextual_logistic");
        bench_spec_set_param(s, bad[i].key, bad[i].value);
        struct diag_list d;
        diag_list_init(&d);
        struct wl_config cfg;
        assert_int_equal(wl_configure(wl_find("contextual_logistic"), s, &cfg, &d), -1);
        assert_int_equal(d.errors, 1);
        assert_non_null(strstr(d.items[0].message, bad[i].message));
        wl_config_release(&cfg);
        diag_list_release(&d);
        bench_spec_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry_has_every_workload),
        cmocka_unit_test(test_best_gap_and_shuffle),
        cmocka_unit_test(test_arm_streams_give_common_random_numbers),
        cmocka_unit_test(test_lai_robbins_constants_match_the_reference),
        cmocka_unit_test(test_bad_values_are_diagnosed),
        cmocka_unit_test(test_feedback_params_are_common_to_every_workload),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
