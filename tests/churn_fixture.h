/*
 * churn_fixture: catalogue churn seen by a policy (test-only).
 * rounds_to_play_replaced() warms a policy up on fixed Bernoulli arms
 * whose last arm is the worst, then replaces that arm (round->replaced,
 * or silently when notify is false, which is what a policy that ignores
 * the notice sees) by a new item paying 0.5, and returns how many rounds
 * the policy takes to play it, or max_rounds + 1 if it does not.
 * plays_of_replaced_best() replaces the best arm by a bad one instead.
 */
#ifndef BM_TEST_CHURN_FIXTURE_H
#define BM_TEST_CHURN_FIXTURE_H

#include "tests/helpers.h"

#include <string.h>

#include "tests/pol_fixture.h"
#include "tests/runner_fixture.h"

static const double churn_arms[] = {0.6, 0.5, 0.45, 0.4, 0.02};

static inline int rounds_to_play_replaced(const char *id, long long warm, int max_rounds,
                                          bool notify, uint64_t seed)
{
    const int k = 5, slot = 4;
    double p[5];
    for (int i = 0; i < k; i++)
        p[i] = churn_arms[i];
    struct inst in;
    inst_init(&in, id, k, warm + max_rounds);
    inst_start(&in);
    struct rng env, pr;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
    int found = max_rounds + 1;
    for (long long t = 1; t <= warm + max_rounds; t++) {
        struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
        if (t == warm + 1) {
            p[slot] = 0.5;
            if (notify) {
                rd.replaced = &slot;
                rd.n_replaced = 1;
            }
        }
        int a = in.t->select(in.st, &rd, &pr);
        if (t > warm && a == slot) {
            found = (int)(t - warm);
            break;
        }
        feed(&in, a, rng_uniform(&env) < p[a], t, &pr);
    }
    if (in.t->release)
        in.t->release(in.st);
    inst_free(&in);
    return found;
}

/* One-arm play on churn_arms: at round warm + 1 the best item (slot 0,
 * 0.6) is replaced by one paying 0.02 (told or not); returns how many of
 * the next n rounds play the slot (a policy that keeps the old item's
 * statistics keeps playing it). */
static inline int plays_of_replaced_best(const char *id, long long warm, int n, bool notify,
                                         uint64_t seed)
{
    const int k = 5, slot = 0;
    double p[5];
    memcpy(p, churn_arms, sizeof(p));
    struct inst in;
    inst_init(&in, id, k, warm + n);
    inst_start(&in);
    struct rng env, pr;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
    int plays = 0;
    for (long long t = 1; t <= warm + n; t++) {
        struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
        if (t == warm + 1) {
            p[slot] = 0.02;
            if (notify) {
                rd.replaced = &slot;
                rd.n_replaced = 1;
            }
        }
        int a = in.t->select(in.st, &rd, &pr);
        plays += t > warm && a == slot;
        feed(&in, a, rng_uniform(&env) < p[a], t, &pr);
    }
    inst_free(&in);
    return plays;
}

/* Shared-feature churn: k = FCHURN_K items with features (1, f_a), f =
 * {0.8, 0.6, 0.4, 0.0}, rewards Bernoulli(click(f_a)); at round
 * FCHURN_WARM + 1 the worst item (slot 3) is replaced by one of feature
 * f_new, told through round->replaced or not. Fills arms with the plays of
 * the FCHURN_AFTER rounds that follow and returns the first of them that
 * plays the slot (1-based), or FCHURN_AFTER + 1. binary: the policy is
 * told rewards are 0/1. The environment draws from seed, the policy from
 * seed + 1. */
enum { FCHURN_K = 4, FCHURN_D = 2, FCHURN_WARM = 2000, FCHURN_AFTER = 200 };

static inline int play_after_feature_replacement(const char *id, double f_new, bool notify,
                                                 bool binary, double (*click)(double f),
                                                 uint64_t seed, int *arms)
{
    enum { K = FCHURN_K, D = FCHURN_D, WARM = FCHURN_WARM, AFTER = FCHURN_AFTER };
    double f[K] = {0.8, 0.6, 0.4, 0.0}, feat[K * D];
    const int slot = K - 1;
    struct inst in;
    inst_init(&in, id, K, WARM + AFTER);
    in.cfg.dim = D;
    in.cfg.binary_rewards = binary;
    inst_start(&in);
    struct rng env, pr;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
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
        double y = rng_uniform(&env) < click(f[a]);
        struct pol_feedback fb = {.arm = a, .reward = y, .raw = y, .t_played = t,
                                  .t_now = t + 1, .features = feat + a * D};
        in.t->update(in.st, &fb, &pr);
    }
    inst_free(&in);
    return found;
}

/* The policy plays the new item within m rounds when told of it. */
static inline void assert_plays_replaced_told(const char *id, long long warm, int m,
                                              uint64_t seed)
{
    if (rounds_to_play_replaced(id, warm, m, true, seed) > m)
        fail_msg("%s does not play the replaced arm within %d rounds", id, m);
}

/* ... and not when it is not (so the notice is what makes the difference). */
static inline void assert_plays_replaced(const char *id, long long warm, int m, uint64_t seed)
{
    assert_plays_replaced_told(id, warm, m, seed);
    int silent = rounds_to_play_replaced(id, warm, m, false, seed);
    if (silent <= m)
        fail_msg("%s plays the replaced arm within %d rounds even untold: the test is not "
                 "sensitive", id, m);
}

/* ---- churn 0 against today's runs (workload tests) ---- */

/* Runs with churn 0 give today's numbers: the final regrets of these
 * specs as `banditmap bench ... --json` printed them before churn
 * existed (%.10g), and runs with churn unset and 0 agree to the bit. */
struct churn0_case {
    const char *workload, *policies;
    const char *key, *key2;       /* extra params (or NULL) */
    double value, value2;
    const char *expected[8];      /* final_regret_mean, policy order */
};

static inline void run_spec(const struct churn0_case *c, bool zero, int threads,
                     struct bench_results *r)
{
    struct bench_spec *s = make(c->workload, 6, 3000, 3, c->policies);
    s->seed = 7;
    if (c->key)
        bench_spec_set_param(s, c->key, c->value);
    if (c->key2)
        bench_spec_set_param(s, c->key2, c->value2);
    if (zero) {
        bench_spec_set_param(s, "churn", 0);
        bench_spec_set_param(s, "churn_every", 0);
    }
    run_ok(s, r, threads);
    bench_spec_free(s);
}

static inline void assert_same_results(const struct bench_results *x, const struct bench_results *y)
{
    assert_int_equal(x->n_policies, y->n_policies);
    assert_int_equal(x->n_checkpoints, y->n_checkpoints);
    for (size_t p = 0; p < x->n_policies; p++)
        for (size_t c = 0; c < x->n_checkpoints; c++) {
            assert_true(x->policies[p].curve[c].mean == y->policies[p].curve[c].mean);
            assert_true(x->policies[p].reward_curve[c] == y->policies[p].reward_curve[c]);
        }
}

static inline void check_churn0(const struct churn0_case *c)
{
    struct bench_results unset, zero;
    run_spec(c, false, 1, &unset);
    run_spec(c, true, 2, &zero);
    assert_same_results(&unset, &zero);
    for (size_t p = 0; p < zero.n_policies; p++) {
        char got[64];
        snprintf(got, sizeof(got), "%.10g", zero.policies[p].regret.mean);
        if (strcmp(got, c->expected[p]))
            fail_msg("%s, %s: final regret %s, today's %s", c->workload,
                     zero.policies[p].type->name, got, c->expected[p]);
    }
    bench_results_release(&unset);
    bench_results_release(&zero);
}

#endif
