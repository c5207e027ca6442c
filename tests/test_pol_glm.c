/*
 * test_pol_glm: benchmarks/policies/glm.c, the logistic policies under
 * catalogue churn: their one weight vector over the features is what a new
 * item is scored by, so a replacement notice changes none of their plays,
 * and a new item whose features are the best is played within a few
 * rounds.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"

#include "tests/pol_fixture.h"

enum { K = 4, D = 2, WARM = 2000, AFTER = 200 };

/* k = 4 items with features (1, f_a) and clicks Bernoulli(sigma(-2 + 3
 * f_a)); at round WARM + 1 the worst item (slot 3, f = 0) is replaced by
 * one of f = f_new, told through round->replaced or not. Fills arms with
 * the plays of the AFTER rounds that follow and returns the first of them
 * that plays the slot (1-based), or AFTER + 1. */
static int play_after_replacement(const char *id, double f_new, bool notify, int *arms)
{
    double f[K] = {0.8, 0.6, 0.4, 0.0}, feat[K * D];
    const int slot = K - 1;
    struct inst in;
    inst_init(&in, id, K, WARM + AFTER);
    in.cfg.dim = D;
    in.cfg.binary_rewards = true;
    inst_start(&in);
    struct rng env, pr;
    rng_seed(&env, 91);
    rng_seed(&pr, 92);
    int found = AFTER + 1;
    for (long long t = 1; t <= WARM + AFTER; t++) {
        struct bench_round rd = {.t = t, .k = K, .slate_size = 1, .dim = D,
                                 .arm_features = feat};
        if (t == WARM + 1) {
            f[slot] = f_new;
            if (notify) {
                rd.replaced = &slot;
                rd.n_replaced = 1;
            }
        }
        for (int a = 0; a < K; a++) {
            feat[a * D] = 1.0;
            feat[a * D + 1] = f[a];
        }
        int a = in.t->select(in.st, &rd, &pr);
        if (t > WARM) {
            arms[t - WARM - 1] = a;
            if (a == slot && found > AFTER)
                found = (int)(t - WARM);
        }
        double y = rng_uniform(&env) < 1.0 / (1.0 + exp(-(-2.0 + 3.0 * f[a])));
        struct pol_feedback fb = {.arm = a, .reward = y, .raw = y, .t_played = t,
                                  .t_now = t + 1, .features = feat + a * D};
        in.t->update(in.st, &fb, &pr);
    }
    inst_free(&in);
    return found;
}

/* ---- replaced items ---- */

/* The replaced slot's score is the shared model's prediction on the new
 * item's features (Chapelle & Li 2011; Filippi et al. 2010): nothing is
 * reset, the told and the untold runs play the same arms (a new best item
 * and a new second-best one), and the model learned on the old items
 * finds the new best item at once. */
static void test_a_replaced_item_is_scored_by_the_shared_model(void **state)
{
    const char *ids[] = {"logistic_ts", "glm_ucb"};
    const double f_new[] = {1.2, 0.7};   /* the new best item; a new second-best */
    for (int i = 0; i < 2; i++)
        for (int c = 0; c < 2; c++) {
            int told[AFTER], silent[AFTER];
            int first = play_after_replacement(ids[i], f_new[c], true, told);
            play_after_replacement(ids[i], f_new[c], false, silent);
            if (memcmp(told, silent, sizeof(told)))
                fail_msg("%s: a replacement notice changed its plays (f = %g)", ids[i],
                         f_new[c]);
            if (c == 0 && first > 10)
                fail_msg("%s first plays the new best item after %d rounds", ids[i], first);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* replaced items */
        cmocka_unit_test(test_a_replaced_item_is_scored_by_the_shared_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
