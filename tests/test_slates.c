/*
 * test_slates: the cascade and position-based workloads (list values in
 * closed form, click feedback), cascade-aware learning beats the
 * position-blind baseline, position-aware TS wins on the PBM, the top-L
 * helper, and list workloads reject single-arm policies with a position.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/runner.h"

static struct bench_spec *list_spec(const char *workload, long long horizon, int seeds)
{
    static const double means[] = {0.6, 0.6, 0.6, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3};
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, workload);
    s->n_means = 10;
    s->means = malloc(sizeof(means));
    memcpy(s->means, means, sizeof(means));
    s->arms = 10;
    s->horizon = horizon;
    s->seeds = seeds;
    s->seed = 3;
    bench_spec_set_param(s, "positions", 3);
    return s;
}

static double mean_regret(const struct bench_results *r, const char *id)
{
    for (size_t i = 0; i < r->n_policies; i++)
        if (!strcmp(r->policies[i].id, id))
            return r->policies[i].regret.mean;
    fail_msg("no policy %s", id);
    return 0;
}

static void test_list_values_follow_the_click_models(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    for (int pbm = 0; pbm < 2; pbm++) {
        struct bench_spec *s = list_spec(pbm ? "pbm" : "cascade", 10, 1);
        bench_spec_set_param(s, "shuffle", 0);
        const struct wl_type *t = wl_find(s->workload);
        struct wl_config cfg;
        assert_int_equal(wl_configure(t, s, &cfg, &d), 0);
        void *ws = calloc(1, t->state_size(&cfg));
        t->init(ws, &cfg, &(struct wl_seed){9, 0});
        struct bench_round rd = {.t = 1, .k = 10, .slate_size = 3};
        struct wl_arms arms;
        t->round(ws, 1, &rd, &arms);
        int list[3] = {3, 0, 4};
        if (!pbm) {
            assert_near(arms.best, 1 - 0.4 * 0.4 * 0.4, 1e-12);
            assert_near(t->slate_value(ws, list, 3), 1 - 0.7 * 0.4 * 0.7, 1e-12);
            assert_null(rd.position_weights);
        } else {   /* kappa_l = 1 / (l + 1) */
            assert_near(arms.best, 0.6 * (1 + 0.5 + 1.0 / 3), 1e-12);
            assert_near(t->slate_value(ws, list, 3), 0.3 + 0.6 / 2 + 0.3 / 3, 1e-12);
            assert_near(rd.position_weights[2], 1.0 / 3, 1e-15);
        }
        /* cascade feedback: at most one click, examined up to it */
        double clicks[3];
        for (int n = 0; n < 200; n++) {
            int ex = 0;
            double r = t->pull_slate(ws, list, 3, clicks, &ex);
            double sum = clicks[0] + clicks[1] + clicks[2];
            assert_near(r, sum, 0);
            if (!pbm) {
                assert_true(sum <= 1);
                assert_true(sum == 0 ? ex == 3 : clicks[ex - 1] == 1);
            }
        }
        free(ws);
        wl_config_release(&cfg);
        bench_spec_free(s);
    }
    diag_list_release(&d);
}

static void test_cascade_aware_beats_position_blind(void **state)
{
    struct bench_spec *s = list_spec("cascade", 20000, 4);
    bench_spec_add_policy(s, "cascade_klucb");
    bench_spec_add_policy(s, "cascade_ts");
    bench_spec_add_policy(s, "cascade_ucb1");
    bench_spec_add_policy(s, "cucb");
    bench_spec_add_policy(s, "uniform");
    struct bench_results r;
    bench_results_init(&r);
    r.threads = 2;
    assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
    double blind = mean_regret(&r, "cucb");
    assert_true(mean_regret(&r, "cascade_klucb") < 0.5 * blind);
    assert_true(mean_regret(&r, "cascade_ts") < 0.5 * blind);
    assert_true(mean_regret(&r, "cascade_ucb1") < 0.5 * blind);
    assert_true(blind < mean_regret(&r, "uniform"));
    assert_int_equal(r.slate_size, 3);
    bench_results_release(&r);
    bench_spec_free(s);
}

static void test_position_aware_ts_wins_on_the_position_based_model(void **state)
{
    struct bench_spec *s = list_spec("pbm", 20000, 4);
    bench_spec_add_policy(s, "topk_position_ts");
    bench_spec_add_policy(s, "cucb");
    bench_spec_add_policy(s, "uniform");
    struct bench_results r1, r2;
    bench_results_init(&r1);
    bench_results_init(&r2);
    r2.threads = 2;
    assert_int_equal(bench_run(s, &r1, NULL, NULL), 0);
    assert_int_equal(bench_run(s, &r2, NULL, NULL), 0);
    assert_true(mean_regret(&r1, "topk_position_ts") < mean_regret(&r1, "cucb"));
    assert_true(mean_regret(&r1, "cucb") < mean_regret(&r1, "uniform"));
    for (size_t p = 0; p < r1.n_policies; p++)   /* thread count changes nothing */
        for (int j = 0; j < r1.seeds; j++)
            assert_true(r1.policies[p].final_regret[j] == r2.policies[p].final_regret[j]);
    bench_results_release(&r1);
    bench_results_release(&r2);
    bench_spec_free(s);
}

static void test_top_l_orders_scores_with_low_index_ties(void **state)
{
    const double score[] = {0.1, 0.5, 0.3, 0.5, 0.9, -1};
    int out[4];
    pol_top_l(score, 6, 4, out);
    assert_int_equal(out[0], 4);
    assert_int_equal(out[1], 1);
    assert_int_equal(out[2], 3);
    assert_int_equal(out[3], 2);
}

static void test_list_workloads_reject_single_arm_policies(void **state)
{
    struct bench_spec *s = list_spec("cascade", 100, 1);
    bench_spec_add_policy(s, "ucb1");
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(bench_check_spec(s, &d), -1);
    assert_non_null(strstr(d.items[0].message, "policy 'ucb1' picks one arm"));
    diag_list_release(&d);
    bench_spec_free(s);
    diag_list_init(&d);
    s = bench_spec_load(fixture("spec/bad/cascade-positions.yaml"), &d);
    assert_non_null(s);
    assert_int_equal(bench_check_spec(s, &d), -1);
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(d.items[0].col, 3);
    assert_non_null(strstr(d.items[0].message, "'positions'"));
    bench_spec_free(s);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* workloads */
        cmocka_unit_test(test_list_values_follow_the_click_models),
        cmocka_unit_test(test_list_workloads_reject_single_arm_policies),
        /* policies */
        cmocka_unit_test(test_top_l_orders_scores_with_low_index_ties),
        cmocka_unit_test(test_cascade_aware_beats_position_blind),
        cmocka_unit_test(test_position_aware_ts_wins_on_the_position_based_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
