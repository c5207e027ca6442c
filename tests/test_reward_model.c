/*
 * test_reward_model: benchmarks/ope/reward_model.c, the direct-method reward
 * model recovers the action means.
 */
#include "tests/helpers.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* reward model */
        cmocka_unit_test(test_model_recovers_action_means),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
