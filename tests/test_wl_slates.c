/*
 * test_wl_slates: benchmarks/workloads/slates.c, the cascade and
 * position-based workloads: list values in closed form, click feedback,
 * catalogue churn, and single-arm policies rejected with a position.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/runner.h"
#include "benchmarks/workload.h"

#include "tests/slates_fixture.h"

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

/* Churn gives a slot a new item with one of the base attractions, lists
 * the slot, and the best list's value follows the new attractions. */
static void test_churn_replaces_a_slot_and_updates_the_best_list(void **state)
{
    (void)state;
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, "cascade");
    s->arms = 6;
    s->horizon = 1000;
    bench_spec_set_param(s, "positions", 2);
    bench_spec_set_param(s, "churn_every", 10);
    const struct wl_type *t = wl_find("cascade");
    struct wl_config cfg;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(wl_configure(t, s, &cfg, &d), 0);
    void *ws = calloc(1, t->state_size(&cfg));
    struct wl_seed ks = {9, 0};
    t->init(ws, &cfg, &ks);
    size_t churned = 0;
    for (long long r = 1; r <= 200; r++) {
        struct bench_round round = {.k = cfg.k};
        struct wl_arms arms = {0};
        t->round(ws, r, &round, &arms);
        assert_int_equal(round.n_replaced, r % 10 == 0 ? 1 : 0);
        churned += (size_t)round.n_replaced;
        double w[6], top = 0, second = 0;
        for (int a = 0; a < 6; a++) {
            w[a] = arms.means[a];
            bool base = false;   /* every attraction is one of the base ones */
            for (int b = 0; b < 6; b++)
                base |= w[a] == cfg.means[b];
            assert_true(base);
            if (w[a] > top) {
                second = top;
                top = w[a];
            } else if (w[a] > second) {
                second = w[a];
            }
        }
        assert_near(arms.best, 1 - (1 - top) * (1 - second), 1e-12);
    }
    assert_int_equal(churned, 20);
    free(ws);
    wl_config_release(&cfg);
    diag_list_release(&d);
    bench_spec_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* workloads */
        cmocka_unit_test(test_list_values_follow_the_click_models),
        cmocka_unit_test(test_list_workloads_reject_single_arm_policies),
        cmocka_unit_test(test_churn_replaces_a_slot_and_updates_the_best_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
