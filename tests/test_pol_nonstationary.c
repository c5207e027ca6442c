/*
 * test_pol_nonstationary: benchmarks/policies/nonstationary.c, every
 * policy for changing means forgets a replaced arm and plays it soon.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/policy.h"

#include "tests/churn_fixture.h"
#include "tests/pol_fixture.h"

/* ---- replaced arms ---- */

static void test_windowed_and_discounted_policies_play_a_replaced_arm(void **state)
{
    assert_plays_replaced("swucb", 3000, 1, 71);
    assert_plays_replaced("ducb", 3000, 1, 72);
    assert_plays_replaced("cusum_ucb", 3000, 1, 73);
    /* Discounting forgets an arm that is not played, so untold dts also
     * comes back to the old item soon: only the told case is checked. */
    assert_plays_replaced_told("dts", 3000, 20, 74);
}

/* SW-UCB's window after a replacement: the retired item's plays leave the
 * window without touching the new item's counts, so with a short window
 * the policy still plays as a naive sliding window over the plays it
 * has not retired. */
static void test_swucb_window_forgets_a_replaced_arm_exactly(void **state)
{
    enum { K = 4, TAU = 40, T = 3000 };
    static const double p[K] = {0.7, 0.5, 0.4, 0.2};
    struct inst in;
    inst_init(&in, "swucb", K, T);
    in.knobs[pol_knob_index(in.t, "tau")] = TAU;
    inst_start(&in);
    int ring_arm[TAU];
    double ring_r[TAU];
    long long filled = 0, head = 0;
    struct rng env, pr;
    rng_seed(&env, 75);
    rng_seed(&pr, 76);
    for (long long t = 1; t <= T; t++) {
        int slot = (int)(t / 97) % K;
        struct bench_round rd = {.t = t, .k = K, .slate_size = 1};
        if (t % 97 == 0) {   /* replace a slot, retire its plays in the naive window */
            rd.replaced = &slot;
            rd.n_replaced = 1;
            for (long long j = 0; j < filled; j++)
                if (ring_arm[j] == slot)
                    ring_arm[j] = -1;
        }
        double s[K] = {0}, n[K] = {0};
        for (long long j = 0; j < filled; j++)
            if (ring_arm[j] >= 0) {
                s[ring_arm[j]] += ring_r[j];
                n[ring_arm[j]] += 1;
            }
        double lt = log((double)(t < TAU ? t : TAU));
        int b = -1;
        double bi = -INFINITY;
        for (int i = 0; i < K && b < 0; i++)
            if (n[i] < 0.5)
                b = i;
        if (b < 0)
            for (int i = 0; i < K; i++) {
                double idx = s[i] / n[i] + sqrt(0.6 * lt / n[i]);
                if (idx > bi) {
                    bi = idx;
                    b = i;
                }
            }
        int a = in.t->select(in.st, &rd, &pr);
        if (a != b)
            fail_msg("swucb: round %lld plays arm %d, the naive window arm %d", t, a, b);
        double r = rng_uniform(&env) < p[a];
        feed(&in, a, r, t, &pr);
        ring_arm[head] = a;
        ring_r[head] = r;
        head = (head + 1) % TAU;
        filled += filled < TAU;
    }
    inst_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* replaced arms */
        cmocka_unit_test(test_windowed_and_discounted_policies_play_a_replaced_arm),
        cmocka_unit_test(test_swucb_window_forgets_a_replaced_arm_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
