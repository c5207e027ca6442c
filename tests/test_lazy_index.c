/*
 * test_lazy_index: benchmarks/policies/lazy_index.c, the exact speed-ups of
 * the KL-UCB and Bayes-UCB indices (policies/klucb.c): both play the arms of
 * the naive loop (every index every round by pol_kl_ucb /
 * pol_beta_upper_quantile, argmax with the lowest index among ties) at
 * e-commerce click rates (means 0.01-0.03, K = 10 and K = 100), where every
 * arm is still being explored and the leader changes almost every round, so
 * the per-arm bounds and their refinement decide; also with the knob c,
 * rewards in [0, 1] that are not 0/1, batched feedback, and ties (arms that
 * never pay, arms that always pay). test_pol_klucb.c covers 0.5/0.4.
 */
#include "tests/helpers.h"

#include <stdbool.h>
#include <stdlib.h>

#include "benchmarks/policy.h"
#include "benchmarks/rng.h"

struct naive_case {
    const char *id;              /* "klucb" or "bayesucb" */
    double c;                    /* the policy's knob c */
    const double *p;             /* arm means */
    int k;
    long long horizon;
    uint64_t seed;
    int every;                   /* compare the arms every this many rounds (1: all) */
    int batch;                   /* feedback delivered every this many rounds */
    bool graded;                 /* rewards U(0, 1) on a click instead of 1 */
};

static double naive_index(const struct naive_case *nc, double s, double n, long long t)
{
    if (nc->id[0] == 'k') {
        double l = log((double)t);
        double level = nc->c != 0.0 && l > 1.0 ? l + nc->c * log(l) : l;
        return pol_kl_ucb(s / n, n, level);
    }
    double log_h = log((double)(nc->horizon > 3 ? nc->horizon : 3));
    return pol_beta_upper_quantile(s + 1.0, n - s + 1.0, 1.0 / ((double)t * pow(log_h, nc->c)));
}

/* The naive argmax on the delivered statistics. */
static int naive_arm(const struct naive_case *nc, const double *s, const double *n, long long t)
{
    for (int i = 0; i < nc->k; i++)
        if (n[i] == 0)
            return i;
    int best = -1;
    double best_idx = -INFINITY;
    for (int i = 0; i < nc->k; i++) {
        double idx = naive_index(nc, s[i], n[i], t);
        if (idx > best_idx) {
            best_idx = idx;
            best = i;
        }
    }
    return best;
}

/* Play the policy for nc->horizon rounds on Bernoulli (or graded) rewards
 * and fail at the first checked round where it leaves the naive argmax. */
static void same_arms(const struct naive_case *nc)
{
    const struct pol_type *type = pol_find(nc->id);
    assert_non_null(type);
    double knobs[4] = {nc->c};
    struct pol_config cfg = {.k = nc->k, .horizon = nc->horizon, .delta = 0.05,
                             .binary_rewards = !nc->graded, .knobs = knobs};
    void *st = calloc(1, type->state_size(&cfg));
    type->init(st, &cfg);
    double *s = calloc((size_t)nc->k, sizeof(double));
    double *n = calloc((size_t)nc->k, sizeof(double));
    int *arm = calloc((size_t)nc->batch, sizeof(int));
    double *rew = calloc((size_t)nc->batch, sizeof(double));
    struct rng env, pr;
    rng_seed(&env, nc->seed);
    rng_seed(&pr, nc->seed + 1);
    long long checked = 0;
    for (long long t = 1; t <= nc->horizon; t++) {
        struct bench_round rd = {.t = t, .k = nc->k, .slate_size = 1};
        int a = type->select(st, &rd, &pr);
        assert_true(a >= 0 && a < nc->k);
        if (t % nc->every == 0 || t > nc->horizon - 50) {
            int b = naive_arm(nc, s, n, t);
            if (a != b)
                fail_msg("%s (c = %g, K = %d, seed %d): round %lld plays arm %d, the naive loop arm %d",
                         nc->id, nc->c, nc->k, (int)nc->seed, t, a, b);
            checked++;
        }
        double r = rng_uniform(&env) < nc->p[a];
        if (nc->graded)
            r *= rng_uniform(&env);
        int slot = (int)((t - 1) % nc->batch);
        arm[slot] = a;
        rew[slot] = r;
        if (slot == nc->batch - 1)
            for (int j = 0; j < nc->batch; j++) {
                struct pol_feedback fb = {.arm = arm[j], .reward = rew[j], .raw = rew[j],
                                          .t_played = t - nc->batch + 1 + j, .t_now = t + 1};
                type->update(st, &fb, &pr);
                s[arm[j]] += rew[j];
                n[arm[j]] += 1.0;
            }
    }
    assert_true(checked >= nc->horizon / nc->every);
    free(rew);
    free(arm);
    free(n);
    free(s);
    free(st);
}

/* Means log-spaced-ish around 2%: best 0.03, the rest 0.01 to 0.028. */
static double *ctr_means(int k, double best, double gap)
{
    double *p = malloc((size_t)k * sizeof(double));
    p[k / 3] = best;
    for (int i = 0, j = 0; i < k; i++)
        if (i != k / 3)
            p[i] = best - gap - (0.02 - gap) * (double)(j++ % 7) / 6.0;
    return p;
}

static void test_klucb_low_ctr_k10(void **state)
{
    static const double p[] = {0.02, 0.01, 0.022, 0.03, 0.015, 0.02, 0.025, 0.012, 0.028, 0.018};
    struct naive_case nc = {"klucb", 0.0, p, 10, 150000, 11, 1, 1, false};
    same_arms(&nc);
    double *q = ctr_means(10, 0.022, 0.002);
    nc = (struct naive_case){"klucb", 0.0, q, 10, 100000, 12, 1, 1, false};
    same_arms(&nc);
    free(q);
}

static void test_klucb_low_ctr_k100(void **state)
{
    double *p = ctr_means(100, 0.03, 0.002);
    struct naive_case nc = {"klucb", 0.0, p, 100, 60000, 13, 1, 1, false};
    same_arms(&nc);
    free(p);
}

static void test_klucb_knob_graded_and_batched(void **state)
{
    double *p = ctr_means(10, 0.03, 0.004);
    struct naive_case nc = {"klucb", 3.0, p, 10, 50000, 14, 1, 1, false};
    same_arms(&nc);
    nc = (struct naive_case){"klucb", 0.0, p, 10, 50000, 15, 1, 1, true};
    same_arms(&nc);
    nc = (struct naive_case){"klucb", 0.0, p, 10, 50000, 16, 1, 7, false};
    same_arms(&nc);
    free(p);
}

static void test_klucb_ties(void **state)
{
    static const double never[] = {0, 0, 0, 0, 0, 0};
    static const double always[] = {1.0, 0.5, 1.0, 0.0, 1.0};
    struct naive_case nc = {"klucb", 0.0, never, 6, 20000, 17, 1, 1, false};
    same_arms(&nc);
    nc = (struct naive_case){"klucb", 0.0, always, 5, 20000, 18, 1, 1, false};
    same_arms(&nc);
    nc = (struct naive_case){"klucb", 0.0, never, 6, 5000, 19, 1, 3, false};
    same_arms(&nc);
}

static void test_bayesucb_low_ctr_k10(void **state)
{
    static const double p[] = {0.02, 0.01, 0.022, 0.03, 0.015, 0.02, 0.025, 0.012, 0.028, 0.018};
    struct naive_case nc = {"bayesucb", 0.0, p, 10, 6000, 21, 1, 1, false};
    same_arms(&nc);
    double *q = ctr_means(10, 0.022, 0.002);
    nc = (struct naive_case){"bayesucb", 0.0, q, 10, 60000, 22, 25, 1, false};
    same_arms(&nc);
    free(q);
}

static void test_bayesucb_low_ctr_k100(void **state)
{
    double *p = ctr_means(100, 0.03, 0.002);
    struct naive_case nc = {"bayesucb", 0.0, p, 100, 20000, 23, 40, 1, false};
    same_arms(&nc);
    free(p);
}

static void test_bayesucb_knob_graded_batched_and_ties(void **state)
{
    double *p = ctr_means(10, 0.03, 0.004);
    struct naive_case nc = {"bayesucb", 1.0, p, 10, 4000, 24, 1, 1, false};
    same_arms(&nc);
    nc = (struct naive_case){"bayesucb", 0.0, p, 10, 4000, 25, 1, 1, true};
    same_arms(&nc);
    nc = (struct naive_case){"bayesucb", 0.0, p, 10, 4000, 26, 1, 5, false};
    same_arms(&nc);
    free(p);
    static const double never[] = {0, 0, 0, 0, 0, 0};
    static const double always[] = {1.0, 0.5, 1.0, 0.0, 1.0};
    nc = (struct naive_case){"bayesucb", 0.0, never, 6, 3000, 27, 1, 1, false};
    same_arms(&nc);
    nc = (struct naive_case){"bayesucb", 0.0, always, 5, 3000, 28, 1, 1, false};
    same_arms(&nc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_klucb_low_ctr_k10),
        cmocka_unit_test(test_klucb_low_ctr_k100),
        cmocka_unit_test(test_klucb_knob_graded_and_batched),
        cmocka_unit_test(test_klucb_ties),
        cmocka_unit_test(test_bayesucb_low_ctr_k10),
        cmocka_unit_test(test_bayesucb_low_ctr_k100),
        cmocka_unit_test(test_bayesucb_knob_graded_batched_and_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
