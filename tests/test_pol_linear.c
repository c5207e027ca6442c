/*
 * test_pol_linear: benchmarks/policies/linear.c (and the GLM policies run
 * beside it): LinUCB converges to the best arm on a disjoint linear problem,
 * and the linear policies beat uniform on a large catalogue. Under churn,
 * LinUCB's disjoint model of a replaced slot starts afresh, while the
 * shared-model policies score the new item by their one theta.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/runner.h"

#include "tests/churn_fixture.h"
#include "tests/ctx_fixture.h"

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

static void test_linear_policies_beat_uniform_on_a_large_catalogue(void **state)
{
    struct bench_spec *s = ctx_spec("contextual_linear", 2000, 2000, 2);
    bench_spec_add_policy(s, "lints");
    bench_spec_add_policy(s, "uniform");
    struct bench_results r;
    bench_results_init(&r);
    assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
    assert_true(r.policies[0].regret.mean < 0.5 * r.policies[1].regret.mean);
    bench_results_release(&r);
    bench_spec_free(s);
}

/* ---- replaced items ---- */

enum { RAFTER = FCHURN_AFTER };

/* k = 4 items with features (1, f_a) and rewards Bernoulli(0.1 + 0.5
 * f_a) (churn_fixture.h, play_after_feature_replacement). */
static double linear_click(double f)
{
    return 0.1 + 0.5 * f;
}

static int play_after_replacement(const char *id, double f_new, bool notify, int *arms)
{
    return play_after_feature_replacement(id, f_new, notify, false, linear_click, 93, arms);
}

/* LinUCB's replaced slot gets the prior's A = lambda I, b = 0 (an index
 * above every learned one: played at once; untold, avoided). The shared
 * models (Agrawal & Goyal 2013; Foster & Rakhlin 2020; Bastani et al.
 * 2021; Eckles & Kaptein 2014) reset nothing: the told and untold runs
 * play the same arms (a new best item and a new second-best one), and the
 * theta learned on the old items finds the new best item within a few
 * rounds. */
static void test_a_replaced_item_is_new_to_linucb_and_known_to_shared_models(void **state)
{
    assert_plays_replaced("linucb", 5000, 1, 95);
    const char *ids[] = {"lints", "ridge_greedy", "ridge_egreedy", "squarecb",
                         "bootstrapped_ts"};
    const double f_new[] = {1.0, 0.7};   /* the new best item; a new second-best */
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
        for (int c = 0; c < 2; c++) {
            int told[RAFTER], silent[RAFTER];
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
        /* policies */
        cmocka_unit_test(test_linucb_converges_to_the_best_arm),
        cmocka_unit_test(test_linear_policies_beat_uniform_on_a_large_catalogue),
        /* replaced items */
        cmocka_unit_test(test_a_replaced_item_is_new_to_linucb_and_known_to_shared_models),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
