/*
 * test_workloads: every workload id exists; base means from best/gap/worst;
 * rewards have the stated means; per-arm streams give common random
 * numbers; change points and drift behave; Lai-Robbins constants match the
 * values derived in map-of-bandits.md section 4.2.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/workload.h"

struct wl {
    struct bench_spec *s;
    struct wl_config cfg;
    void *st;
    struct wl_arms arms;
};

/* Configure workload id on k arms with params "key", value, ..., NULL. */
static void wl_open(struct wl *w, const char *id, int k, long long horizon, ...)
{
    w->s = bench_spec_new();
    bench_spec_set_string(&w->s->workload, id);
    w->s->arms = k;
    w->s->horizon = horizon;
    va_list ap;
    va_start(ap, horizon);
    for (const char *key; (key = va_arg(ap, const char *));)
        bench_spec_set_param(w->s, key, va_arg(ap, double));
    va_end(ap);
    struct diag_list d;
    diag_list_init(&d);
    const struct wl_type *t = wl_find(id);
    assert_non_null(t);
    if (wl_configure(t, w->s, &w->cfg, &d) < 0) {
        char *line = diag_format(&d.items[0]);
        fail_msg("configure %s: %s", id, line);
    }
    diag_list_release(&d);
    w->st = calloc(1, t->state_size(&w->cfg));
    struct wl_seed seed = {12345, 0};
    t->init(w->st, &w->cfg, &seed);
    t->advance(w->st, 1, &w->arms);
}

static void wl_close(struct wl *w)
{
    free(w->st);
    wl_config_release(&w->cfg);
    bench_spec_free(w->s);
}

static double mean_reward(struct wl *w, int arm, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += w->cfg.type->pull(w->st, arm);
    return s / n;
}

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

static void test_default_bernoulli_rates_are_realistic_ctrs(void **state)
{
    struct wl w;
    wl_open(&w, "bernoulli", 10, 1000, "shuffle", 0.0, NULL);
    assert_near(w.cfg.means[0], 0.1, 1e-15);
    assert_near(w.cfg.means[9], 0.001, 1e-15);
    for (int i = 1; i < 10; i++)
        assert_true(w.cfg.means[i] < w.cfg.means[i - 1]);
    assert_near(mean_reward(&w, 0, 200000), 0.1, 5 * sqrt(0.09 / 200000));
    wl_close(&w);
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

static void test_real_valued_rewards_have_their_means(void **state)
{
    struct wl w;
    wl_open(&w, "gaussian", 2, 1000, "best", 1.0, "gap", 0.5, "sigma", 2.0, "shuffle", 0.0,
            NULL);
    assert_near(mean_reward(&w, 1, 200000), 0.5, 5 * 2 / sqrt(200000));
    assert_near(w.cfg.type->lower_bound(&w.cfg), 2 * 4.0 / 0.5, 1e-12);
    wl_close(&w);
    wl_open(&w, "bounded", 2, 1000, "best", 0.7, "gap", 0.2, "shuffle", 0.0, NULL);
    for (int i = 0; i < 1000; i++) {
        double r = w.cfg.type->pull(w.st, 0);
        assert_true(r >= 0 && r <= 1);
    }
    assert_near(mean_reward(&w, 0, 200000), 0.7, 0.003);
    wl_close(&w);
    wl_open(&w, "revenue", 2, 1000, "best", 0.05, "gap", 0.01, "value_mu", 3.0, "value_sigma",
            0.5, "shuffle", 0.0, NULL);
    double expected = 0.05 * exp(3.0 + 0.125);
    assert_near(w.arms.means[0], expected, 1e-12);
    assert_near(mean_reward(&w, 0, 400000), expected, 0.05 * expected);
    wl_close(&w);
}

static void test_piecewise_reverses_at_change_points(void **state)
{
    struct wl w;
    wl_open(&w, "piecewise", 3, 1000, "changes", 1.0, "shuffle", 0.0, "best", 0.9, "worst",
            0.1, NULL);
    const struct wl_type *t = w.cfg.type;
    long long next = t->advance(w.st, 1, &w.arms);
    assert_int_equal(next, 501);
    assert_int_equal(w.arms.best_arm, 0);
    next = t->advance(w.st, next, &w.arms);
    assert_int_equal(w.arms.best_arm, 2);
    assert_near(w.arms.means[0], 0.1, 1e-12);
    wl_close(&w);
    wl_open(&w, "piecewise", 2, 1000, "change_every", 100.0, NULL);
    assert_int_equal(w.cfg.type->advance(w.st, 1, &w.arms), 101);
    wl_close(&w);
}

static void test_drift_stays_in_unit_interval_and_moves(void **state)
{
    struct wl w;
    wl_open(&w, "drift", 4, 4000, "best", 0.6, "gap", 0.1, "amplitude", 1.0, NULL);
    const struct wl_type *t = w.cfg.type;
    int best_changes = 0, last = -1;
    for (long long s = 1; s <= 4000; s++) {
        assert_int_equal(t->advance(w.st, s, &w.arms), s + 1);
        for (int i = 0; i < 4; i++)
            assert_true(w.arms.means[i] >= 0 && w.arms.means[i] <= 1);
        best_changes += last >= 0 && w.arms.best_arm != last;
        last = w.arms.best_arm;
    }
    assert_true(best_changes >= 4);
    wl_close(&w);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry_has_every_workload),
        cmocka_unit_test(test_default_bernoulli_rates_are_realistic_ctrs),
        cmocka_unit_test(test_best_gap_and_shuffle),
        cmocka_unit_test(test_arm_streams_give_common_random_numbers),
        cmocka_unit_test(test_real_valued_rewards_have_their_means),
        cmocka_unit_test(test_piecewise_reverses_at_change_points),
        cmocka_unit_test(test_drift_stays_in_unit_interval_and_moves),
        cmocka_unit_test(test_lai_robbins_constants_match_the_reference),
        cmocka_unit_test(test_bad_values_are_diagnosed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
