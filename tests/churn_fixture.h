/*
 * churn_fixture: catalogue churn seen by a policy (test-only).
 * rounds_to_play_replaced() warms a policy up on fixed Bernoulli arms
 * whose last arm is the worst, then replaces that arm (round->replaced,
 * or silently when notify is false, which is what a policy that ignores
 * the notice sees) by a new item paying 0.5, and returns how many rounds
 * the policy takes to play it, or max_rounds + 1 if it does not.
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
