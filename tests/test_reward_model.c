/*
 * test_reward_model: benchmarks/ope/reward_model.c, the direct-method reward
 * model recovers the action means.
 */
#include "tests/helpers.h"

#include <stdbool.h>
#include <stdlib.h>

#include "benchmarks/ope/log_csv.h"
#include "benchmarks/ope/reward_model.h"
#include "benchmarks/rng.h"

/* ---- reward model ---- */

/* With no context and a vanishing penalty, the additive model is the
 * per-action mean: tiny.csv has action 0 -> 1/2, action 1 -> 1/2; use
 * generic_full.csv's positions too. */
static void test_model_recovers_action_means(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct ope_log *log = ope_log_open(fixture("ope/tiny.csv"), 0, &d);
    struct ope_model_config mc = {.form = OPE_MODEL_ADDITIVE, .n_actions = 2, .n_positions = 1,
                                  .lambda = 1e-9, .r_mean = 0.5, .r_min = 0, .r_max = 1};
    for (int form = 0; form < 2; form++) {
        mc.form = form ? OPE_MODEL_DISJOINT : OPE_MODEL_ADDITIVE;
        struct ope_model *m = ope_model_new(log, &mc);
        assert_int_equal(ope_log_rewind(log, &d), 0);
        struct ope_row r;
        while (ope_log_next(log, &r, &d) > 0)
            ope_model_add(m, &r, NULL);
        ope_model_fit(m);
        assert_near(ope_model_predict(m, &r, 0), 0.5, 1e-8);
        assert_near(ope_model_predict(m, &r, 1), 0.5, 1e-8);
        ope_model_free(m);
    }
    /* a large penalty shrinks to the overall mean, clipped to [0, 1] */
    mc.lambda = 1e9;
    mc.r_mean = 0.8;
    struct ope_model *m = ope_model_new(log, &mc);
    ope_model_fit(m);
    struct ope_row r = {.action = 0, .position = 1};
    assert_near(ope_model_predict(m, &r, 1), 0.8, 1e-8);
    ope_model_free(m);
    ope_log_free(log);
    diag_list_release(&d);
}

/* A model over the actions with rows predicts exactly what the model
 * with parameters for all K actions predicts, for every action (those
 * without rows too), bit for bit, in both forms. */
static void test_model_over_seen_actions_is_bit_identical(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct ope_log *log = ope_log_open(fixture("ope/generic_full.csv"), 0, &d);
    assert_non_null(log);
    int seen[64], n_seen = 0, K = 0, P = 1;
    bool have[64] = {false};
    struct ope_row r;
    while (ope_log_next(log, &r, &d) > 0) {
        assert_true(r.action < 60);
        have[r.action] = true;
        K = r.action + 3 > K ? r.action + 3 : K;   /* two actions without rows beyond */
        P = r.position > P ? r.position : P;
    }
    for (int a = 0; a < K; a++)
        if (have[a])
            seen[n_seen++] = a;
    for (int form = 0; form < 2; form++) {
        struct ope_model_config mc = {.form = form ? OPE_MODEL_DISJOINT : OPE_MODEL_ADDITIVE,
                                      .n_actions = K, .n_positions = P, .lambda = 0.7,
                                      .r_mean = 0.3, .r_min = -5, .r_max = 5};
        struct ope_model *all = ope_model_new(log, &mc);
        mc.actions = seen;
        mc.n_seen = (size_t)n_seen;
        struct ope_model *sparse = ope_model_new(log, &mc);
        assert_true(ope_model_dim(sparse) <= ope_model_dim(all));
        assert_int_equal(ope_log_rewind(log, &d), 0);
        while (ope_log_next(log, &r, &d) > 0) {
            ope_model_add(all, &r, NULL);
            ope_model_add(sparse, &r, NULL);
        }
        ope_model_fit(all);
        ope_model_fit(sparse);
        assert_int_equal(ope_log_rewind(log, &d), 0);
        while (ope_log_next(log, &r, &d) > 0)
            for (int a = 0; a < K; a++) {
                double x = ope_model_predict(all, &r, a), y = ope_model_predict(sparse, &r, a);
                assert_memory_equal(&x, &y, sizeof(x));
            }
        ope_model_free(all);
        ope_model_free(sparse);
    }
    assert_int_equal(d.errors, 0);
    ope_log_free(log);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* reward model */
        cmocka_unit_test(test_model_over_seen_actions_is_bit_identical),
        cmocka_unit_test(test_model_recovers_action_means),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
