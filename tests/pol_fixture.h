/*
 * pol_fixture: drive a policy by hand (test-only). struct inst is a policy
 * with its default knobs and state (inst_init, inst_start, inst_free);
 * feed() delivers one reward; same_arms() plays a policy and a naive loop
 * (every index every round, argmax with the lowest index among ties) side
 * by side on the same random streams and fails at the first different arm.
 * close_arms and ctr_arms are the two arm sets they are compared on.
 */
#ifndef BM_TEST_POL_FIXTURE_H
#define BM_TEST_POL_FIXTURE_H

#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/policy.h"

/* ---- a policy instance for tests ---- */

struct inst {
    const struct pol_type *t;
    double knobs[8];
    struct pol_config cfg;
    void *st;
};

static inline void inst_init(struct inst *in, const char *id, int k, long long horizon)
{
    in->t = pol_find(id);
    assert_non_null(in->t);
    for (size_t i = 0; i < in->t->n_knobs; i++)
        in->knobs[i] = in->t->knobs[i].def;
    in->cfg = (struct pol_config){.k = k, .horizon = horizon, .delta = 0.05,
                                  .binary_rewards = true, .knobs = in->knobs};
    in->st = NULL;
}

static inline void inst_start(struct inst *in)
{
    in->st = calloc(1, in->t->state_size(&in->cfg));
    in->t->init(in->st, &in->cfg);
}

static inline void inst_free(struct inst *in)
{
    free(in->st);
}

static inline void feed(struct inst *in, int arm, double r, long long t, struct rng *pr)
{
    struct pol_feedback fb = {.arm = arm, .reward = r, .raw = r, .t_played = t, .t_now = t + 1};
    in->t->update(in->st, &fb, pr);
}

/* ---- exact speed-ups against naive loops ---- */

typedef double (*naive_index_fn)(double sum, double n, long long t, long long horizon, int k);

/* Play T rounds of Bernoulli arms with the policy and with the naive
 * argmax side by side; fail at the first different arm. */
static inline void same_arms(const char *id, naive_index_fn naive, const double *p, int k,
                             long long horizon, uint64_t seed)
{
    struct inst in;
    inst_init(&in, id, k, horizon);
    inst_start(&in);
    double *s = calloc((size_t)k, sizeof(double)), *n = calloc((size_t)k, sizeof(double));
    struct rng env, pr;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
    for (long long t = 1; t <= horizon; t++) {
        struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
        int a = in.t->select(in.st, &rd, &pr);
        int b = -1;
        double bi = -INFINITY;
        for (int i = 0; i < k && b < 0; i++)
            if (n[i] == 0)
                b = i;
        if (b < 0) {
            for (int i = 0; i < k; i++) {
                double idx = naive(s[i], n[i], t, horizon, k);
                if (idx > bi) {
                    bi = idx;
                    b = i;
                }
            }
        }
        if (a != b)
            fail_msg("%s: round %lld plays arm %d, the naive loop arm %d", id, t, a, b);
        double r = rng_uniform(&env) < p[a];
        s[a] += r;
        n[a] += 1;
        feed(&in, a, r, t, &pr);
    }
    free(s);
    free(n);
    inst_free(&in);
}

static const double close_arms[] = {0.5, 0.48, 0.48, 0.45, 0.3};
static const double ctr_arms[] = {0.02, 0.05, 0.01, 0.049, 0.03, 0.001, 0.04, 0.02};

#endif
