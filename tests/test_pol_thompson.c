/*
 * test_pol_thompson: benchmarks/policies/thompson.c, TS's cached Gammas
 * draw what rng_beta() draws, and lazy TS selects with the same law as
 * drawing every arm; TS and Gaussian TS play a replaced arm soon.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/policy.h"

#include "tests/pol_fixture.h"
#include "tests/churn_fixture.h"

static void test_ts_cached_gammas_draw_what_rng_beta_draws(void **state)
{
    const int k = 5;
    struct inst in;
    inst_init(&in, "ts", k, 20000);
    in.knobs[pol_knob_index(in.t, "lazy")] = 0;
    inst_start(&in);
    double sf[2][5] = {{0}};
    struct rng env, pr, pn;
    rng_seed(&env, 8);
    rng_seed(&pr, 9);
    pn = pr;
    for (long long t = 1; t <= 20000; t++) {
        struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
        int a = in.t->select(in.st, &rd, &pr);
        int b = 0;
        double bt = -1;
        for (int i = 0; i < k; i++) {
            double th = rng_beta(&pn, sf[0][i] + 1, sf[1][i] + 1);
            if (th > bt) {
                bt = th;
                b = i;
            }
        }
        if (a != b)
            fail_msg("ts: round %lld plays arm %d, the naive loop arm %d", t, a, b);
        int r = rng_uniform(&env) < close_arms[a];
        sf[r ? 0 : 1][a] += 1;
        feed(&in, a, r, t, &pr);
        pn = pr;   /* binary rewards: update draws nothing, streams stay equal */
    }
    inst_free(&in);
}

/* Lazy TS against drawing every arm: the selection frequencies on fixed
 * posteriors (the lazy path screens arms 1 and 3, arm 2 is drawn in full). */
static void test_lazy_ts_selects_with_the_same_law(void **state)
{
    static const double succ[] = {52000, 470, 30, 4700};
    static const double fail[] = {48000, 530, 28, 5300};
    const int k = 4, rounds = 300000;
    struct inst in;
    inst_init(&in, "ts", k, 1000000);
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 10);
    long long t = 1;
    for (int i = 0; i < k; i++) {
        for (int j = 0; j < succ[i]; j++)
            feed(&in, i, 1, t++, &pr);
        for (int j = 0; j < fail[i]; j++)
            feed(&in, i, 0, t++, &pr);
    }
    long lazy[4] = {0}, naive[4] = {0};
    for (int r = 0; r < rounds; r++) {
        struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
        lazy[in.t->select(in.st, &rd, &pr)]++;
        int b = 0;
        double bt = -1;
        for (int i = 0; i < k; i++) {
            double th = rng_beta(&pr, succ[i] + 1, fail[i] + 1);
            if (th > bt) {
                bt = th;
                b = i;
            }
        }
        naive[b]++;
    }
    for (int i = 0; i < k; i++) {
        double p = (lazy[i] + naive[i]) / (2.0 * rounds);
        double sd = sqrt(2 * p * (1 - p) / rounds);
        if (fabs((double)(lazy[i] - naive[i]) / rounds) > 5 * sd + 1e-6)
            fail_msg("arm %d: lazy %ld naive %ld of %d", i, lazy[i], naive[i], rounds);
    }
    assert_true(naive[1] > 100);   /* the screened arm does win sometimes */
    inst_free(&in);
}

/* ---- replaced arms ---- */

/* A replaced arm is back at the Beta(1, 1) prior (resp. no data), so it
 * soon draws above the others' concentrated posteriors. */
static void test_ts_and_gts_play_a_replaced_arm_soon(void **state)
{
    assert_plays_replaced("ts", 5000, 20, 51);
    assert_plays_replaced("gts", 5000, 20, 52);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* exact speed-ups */
        cmocka_unit_test(test_ts_cached_gammas_draw_what_rng_beta_draws),
        cmocka_unit_test(test_lazy_ts_selects_with_the_same_law),
        /* replaced arms */
        cmocka_unit_test(test_ts_and_gts_play_a_replaced_arm_soon),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
