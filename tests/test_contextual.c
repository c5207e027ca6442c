/*
 * test_contextual: the rank-one linear algebra against direct inversion;
 * LinUCB converges to the best arm on a disjoint linear problem; the
 * contextual workloads are reproducible across thread counts, replace
 * items under churn, and reject bad specs with their position.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmarks/linalg.h"
#include "benchmarks/policy.h"
#include "benchmarks/runner.h"

/* ---- linear algebra ---- */

static void test_sherman_morrison_and_cholesky_match_direct_inversion(void **state)
{
    enum { D = 6 };
    double a[D * D], ainv[D * D], direct[D * D], l[D * D], work[2 * D * D], tmp[D], x[D];
    struct rng r;
    rng_seed(&r, 7);
    la_identity(a, D, 2.0);
    la_identity(ainv, D, 0.5);
    la_identity(l, D, sqrt(2.0));
    for (int step = 0; step < 50; step++) {
        for (int i = 0; i < D; i++)
            x[i] = rng_normal(&r);
        double w = step % 3 == 0 ? 2.0 : 1.0;
        for (int i = 0; i < D; i++)
            for (int j = 0; j < D; j++)
                a[i * D + j] += w * x[i] * x[j];
        double q = la_sherman_morrison(ainv, x, w, D, tmp);
        assert_true(q > 0);
        double sx[D];
        for (int i = 0; i < D; i++)
            sx[i] = sqrt(w) * x[i];
        la_chol_update(l, sx, D, tmp);
        assert_int_equal(la_invert(a, D, direct, work), 0);
        for (int i = 0; i < D * D; i++)
            assert_near(ainv[i], direct[i], 1e-10);
        for (int i = 0; i < D; i++)   /* L L^T = A */
            for (int j = 0; j < D; j++) {
                double s = 0;
                for (int k = 0; k < D; k++)
                    s += l[i * D + k] * l[j * D + k];
                assert_near(s, a[i * D + j], 1e-8 * fabs(a[i * D + j]) + 1e-9);
            }
        assert_near(la_quad(ainv, x, D), q - (w * q * q) / (1 + w * q), 1e-9);
    }
    /* triangular solves: L L^T y = b gives A^{-1} b */
    double b[D] = {1, -2, 3, 0.5, 0, 4}, y[D], want[D];
    la_solve_lower(l, b, D, y);
    la_solve_lower_t(l, y, D, y);
    la_matvec(direct, b, D, want);
    for (int i = 0; i < D; i++)
        assert_near(y[i], want[i], 1e-9);
}

/* ---- LinUCB on a disjoint linear problem ---- */

static void test_linucb_converges_to_the_best_arm(void **state)
{
    enum { K = 4, D = 3, T = 20000 };
    const double theta[K][D] = {{0.5, 0.3, 0.0}, {0.5, -0.3, 0.0}, {0.5, 0.0, 0.3},
                                {0.3, 0.0, 0.0}};
    const struct pol_type *t = pol_find("linucb");
    double knobs[2] = {1.0, 1.0};
    struct pol_config cfg = {.k = K, .horizon = T, .knobs = knobs, .dim = D};
    void *st = calloc(1, t->state_size(&cfg));
    t->init(st, &cfg);
    struct rng pr, env;
    rng_seed(&pr, 1);
    rng_seed(&env, 2);
    int best_late = 0;
    for (long long s = 1; s <= T; s++) {
        double x[D] = {1, rng_normal(&env), rng_normal(&env)};
        struct bench_round rd = {.t = s, .k = K, .context = x, .dim = D, .slate_size = 1};
        int a = t->select(st, &rd, &pr);
        double mean[K];
        for (int i = 0; i < K; i++)
            mean[i] = theta[i][0] * x[0] + theta[i][1] * x[1] + theta[i][2] * x[2];
        int best = pol_argmax(mean, K);
        if (s > T - 2000)
            best_late += a == best || mean[a] == mean[best];
        struct pol_feedback fb = {.arm = a, .reward = mean[a] + 0.1 * rng_normal(&env),
                                  .t_played = s, .t_now = s + 1, .context = x};
        fb.raw = fb.reward;
        t->update(st, &fb, &pr);
    }
    free(st);
    assert_true(best_late >= 1900);   /* >= 95% of the last 2000 rounds */
}

/* ---- the workloads through the runner ---- */

static struct spec *ctx_spec(const char *workload, int k, long long horizon, int seeds)
{
    struct spec *s = spec_new();
    spec_set_string(&s->workload, workload);
    s->arms = k;
    s->horizon = horizon;
    s->seeds = seeds;
    s->seed = 5;
    return s;
}

static void test_contextual_results_do_not_depend_on_threads(void **state)
{
    struct spec *s = ctx_spec("contextual_logistic", 50, 3000, 4);
    const char *pols[] = {"linucb", "lints", "logistic_ts", "glm_ucb", "ridge_greedy",
                          "ridge_egreedy", "bootstrapped_ts", "squarecb", "ts"};
    for (size_t i = 0; i < sizeof(pols) / sizeof(pols[0]); i++)
        spec_add_policy(s, pols[i]);
    spec_set_param(s, "churn_every", 100);
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
    spec_free(s);
}

static void test_linear_policies_beat_uniform_on_a_large_catalogue(void **state)
{
    struct spec *s = ctx_spec("contextual_linear", 2000, 2000, 2);
    spec_add_policy(s, "lints");
    spec_add_policy(s, "uniform");
    struct bench_results r;
    bench_results_init(&r);
    assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
    assert_true(r.policies[0].regret.mean < 0.5 * r.policies[1].regret.mean);
    bench_results_release(&r);
    spec_free(s);
}

static void test_churn_lists_the_replaced_slot(void **state)
{
    struct spec *s = ctx_spec("contextual_linear", 7, 100, 1);
    spec_add_policy(s, "linucb");
    spec_set_param(s, "churn_every", 10);
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
    spec_free(s);
}

static void test_bad_contextual_spec_reports_the_position(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct spec *s = spec_load(fixture("spec/bad/contextual-dim.yaml"), &d);
    assert_non_null(s);
    assert_int_equal(bench_check_spec(s, &d), -1);
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(d.items[0].col, 3);
    assert_non_null(strstr(d.items[0].message, "'dim'"));
    spec_free(s);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* linear algebra */
        cmocka_unit_test(test_sherman_morrison_and_cholesky_match_direct_inversion),
        /* policies */
        cmocka_unit_test(test_linucb_converges_to_the_best_arm),
        cmocka_unit_test(test_linear_policies_beat_uniform_on_a_large_catalogue),
        /* workloads and the runner */
        cmocka_unit_test(test_contextual_results_do_not_depend_on_threads),
        cmocka_unit_test(test_churn_lists_the_replaced_slot),
        cmocka_unit_test(test_bad_contextual_spec_reports_the_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
