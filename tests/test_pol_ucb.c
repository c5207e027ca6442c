/*
 * test_pol_ucb: benchmarks/policies/ucb.c, UCB1 and MOSS play the same arms
 * as naive loops (every index every round) on the same random streams, UCB1
 * also with batched and delayed feedback, and every UCB policy plays a
 * replaced arm next.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "tests/pol_fixture.h"
#include "tests/churn_fixture.h"

static double naive_ucb1(double s, double n, long long t, long long horizon, int k)
{
    return s / n + sqrt(2.0 * log((double)t) / n);
}

static double naive_moss(double s, double n, long long t, long long horizon, int k)
{
    return s / n + sqrt(fmax(log((double)horizon / (k * n)), 0.0) / n);
}

static void test_ucb1_plays_the_naive_arms(void **state)
{
    same_arms("ucb1", naive_ucb1, close_arms, 5, 200000, 1);
    same_arms("ucb1", naive_ucb1, ctr_arms, 8, 200000, 2);
}

static void test_moss_plays_the_naive_arms(void **state)
{
    same_arms("moss", naive_moss, close_arms, 5, 50000, 6);
}

/* ---- delayed and batched feedback, replaced arms ---- */

/* UCB1 by the book: every index every round, unplayed arms first. */
static int naive_ucb1_arm(const double *s, const double *n, int k, long long t)
{
    for (int i = 0; i < k; i++)
        if (n[i] == 0)
            return i;
    int b = 0;
    double bi = -INFINITY;
    for (int i = 0; i < k; i++) {
        double idx = naive_ucb1(s[i], n[i], t, 0, k);
        if (idx > bi) {
            bi = idx;
            b = i;
        }
    }
    return b;
}

struct late {
    long long avail, t_played;
    int arm;
    double r;
};

/* UCB1 and the naive loop side by side with feedback delayed by D ~
 * Geometric on {0, 1, ...} with mean delay_mean, then held to the next
 * batch boundary (rounds B+1, 2B+1, ...), as the runner delivers it. */
static void ucb1_same_arms_late(const double *p, int k, long long horizon, double delay_mean,
                                long long batch, uint64_t seed)
{
    struct inst in;
    inst_init(&in, "ucb1", k, horizon);
    inst_start(&in);
    double s[16] = {0}, n[16] = {0};
    struct late q[4096];
    int nq = 0;
    struct rng env, pr, dr;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
    rng_seed(&dr, seed + 2);
    for (long long t = 1; t <= horizon; t++) {
        int w = 0;
        for (int j = 0; j < nq; j++) {   /* q is in (avail, t_played) order */
            if (q[j].avail <= t) {
                struct pol_feedback fb = {.arm = q[j].arm, .reward = q[j].r, .raw = q[j].r,
                                          .t_played = q[j].t_played, .t_now = t};
                in.t->update(in.st, &fb, &pr);
                s[q[j].arm] += q[j].r;
                n[q[j].arm] += 1;
            } else {
                q[w++] = q[j];
            }
        }
        nq = w;
        struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
        int a = in.t->select(in.st, &rd, &pr);
        int b = naive_ucb1_arm(s, n, k, t);
        if (a != b)
            fail_msg("ucb1 (delay %g, batch %lld): round %lld plays arm %d, the naive loop %d",
                     delay_mean, batch, t, a, b);
        long long avail = t + rng_geometric(&dr, 1.0 / (1.0 + delay_mean));
        avail = ((avail - 2) / batch + 1) * batch + 1;
        assert_true(nq < 4096);
        int j = nq++;
        for (; j > 0 && q[j - 1].avail > avail; j--)
            q[j] = q[j - 1];
        q[j] = (struct late){avail, t, a, rng_uniform(&env) < p[a]};
    }
    inst_free(&in);
}

static void test_ucb1_plays_the_naive_arms_under_batches_and_delays(void **state)
{
    ucb1_same_arms_late(close_arms, 5, 100000, 0.0, 10, 21);
    ucb1_same_arms_late(close_arms, 5, 100000, 5.0, 10, 22);
    ucb1_same_arms_late(ctr_arms, 8, 100000, 20.0, 1, 23);
    /* short batches and delays: one play in flight at a time, often */
    ucb1_same_arms_late(close_arms, 5, 200000, 0.0, 2, 24);
    ucb1_same_arms_late(close_arms, 5, 200000, 1.0, 1, 26);
}

static void test_ucb_policies_play_a_replaced_arm_next(void **state)
{
    assert_plays_replaced("ucb1", 5000, 1, 31);
    assert_plays_replaced("ucbv", 5000, 1, 32);
    assert_plays_replaced("moss", 5000, 1, 33);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* exact speed-ups */
        cmocka_unit_test(test_ucb1_plays_the_naive_arms),
        cmocka_unit_test(test_moss_plays_the_naive_arms),
        /* delayed and batched feedback, replaced arms */
        cmocka_unit_test(test_ucb1_plays_the_naive_arms_under_batches_and_delays),
        cmocka_unit_test(test_ucb_policies_play_a_replaced_arm_next),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
