/*
 * test_pol_bwk: benchmarks/policies/bwk.c, the bandits-with-knapsacks LP in
 * closed form, and on the shipped spec (where the budget binds) the
 * budget-aware policies beat the budget-blind ts and ucb1 against the LP
 * benchmark; a replaced arm's reward and cost estimates start afresh.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/runner.h"

#include "tests/churn_fixture.h"

static void test_lp_mixes_at_most_two_arms(void **state)
{
    const double r[] = {0.9, 0.5, 0.2}, c[] = {0.8, 0.2, 0.05};
    int i, j;
    double xj;
    /* rho = 0.5: mix arm 1 (c 0.2) and arm 0 (c 0.8) half and half: 0.7 */
    assert_near(pol_bwk_lp(r, c, 3, 0.5, &i, &j, &xj), 0.7, 1e-12);
    assert_int_equal(i, 1);
    assert_int_equal(j, 0);
    assert_near(xj, 0.5, 1e-12);
    /* rho >= every cost: the best arm alone */
    assert_near(pol_bwk_lp(r, c, 3, 0.9, &i, &j, &xj), 0.9, 1e-12);
    assert_int_equal(j, -1);
    /* rho below every cost: the best reward per cost, scaled (arm 2: 4 per unit) */
    assert_near(pol_bwk_lp(r, c, 3, 0.01, NULL, NULL, NULL), 0.2 * 0.01 / 0.05, 1e-12);
}

/* benchmarks/specs/knapsack-k10.yaml, shortened (T = 20,000) but with more
 * seeds: both BwK policies must beat ts and ucb1 in regret against the LP
 * benchmark (OPT_LP - reward), with disjoint 95% intervals, and earn
 * most of OPT_LP, while the budget-blind ones lose a large share of it. */
static void test_bwk_policies_beat_budget_blind_ones_when_the_budget_binds(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_load(BM_SOURCE_ROOT "/benchmarks/specs/knapsack-k10.yaml", &d);
    assert_non_null(s);
    s->horizon = 20000;
    s->seeds = 30;
    struct bench_results r;
    bench_results_init(&r);
    r.threads = 2;
    assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
    const char *ids[] = {"ucb_bwk", "bwk_primal_dual", "ucb1", "ts"};
    const struct bench_policy_result *p[4] = {NULL};
    for (size_t i = 0; i < r.n_policies; i++)
        for (int j = 0; j < 4; j++)
            if (!strcmp(r.policies[i].id, ids[j]))
                p[j] = &r.policies[i];
    for (int j = 0; j < 4; j++)
        assert_non_null(p[j]);
    const size_t last = r.n_checkpoints - 1;
    for (int b = 0; b < 2; b++) {
        /* reward + regret = OPT_LP (pseudo-regret): BwK earns >= 90% of it */
        double opt = p[b]->reward_curve[last] + p[b]->regret.mean;
        assert_true(p[b]->reward_curve[last] >= 0.9 * opt);
        for (int blind = 2; blind < 4; blind++) {
            assert_true(p[b]->regret.hi < p[blind]->regret.lo);
            assert_true(p[b]->regret.mean < 0.25 * p[blind]->regret.mean);
            assert_true(p[b]->reward_curve[last] > p[blind]->reward_curve[last]);
        }
    }
    for (int blind = 2; blind < 4; blind++) {   /* the spec makes ignoring the budget costly */
        double opt = p[blind]->reward_curve[last] + p[blind]->regret.mean;
        assert_true(p[blind]->regret.mean > 0.25 * opt);
    }
    bench_results_release(&r);
    bench_spec_free(s);
    diag_list_release(&d);
}

/* ---- replaced arms ---- */

struct swap {
    double budget_frac;          /* of the horizon; 0 = no budget */
    int slot;                    /* replaced at round WARM + 1 ... */
    double r, c;                 /* ... by an arm of this reward and cost */
};

enum { WARM = 3000, AFTER = 300 };

/* Both policies by hand on k = 4 arms of Bernoulli rewards and costs, r =
 * (0.6, 0.5, 0.4, 0.05), c = (0.5, 0.4, 0.3, 0.9); one slot is replaced
 * at round WARM + 1 (told or not). Returns how many of the AFTER rounds
 * that follow play the slot; *first is the first of them (1-based), or
 * AFTER + 1. */
static int plays_of_replaced(const char *id, const struct swap *w, bool notify, int *first)
{
    enum { K = 4 };
    double r[K] = {0.6, 0.5, 0.4, 0.05}, c[K] = {0.5, 0.4, 0.3, 0.9};
    const long long horizon = 10000;
    struct inst in;
    inst_init(&in, id, K, horizon);
    in.cfg.budget = w->budget_frac * (double)horizon;
    inst_start(&in);
    struct rng env, pr;
    rng_seed(&env, 71);
    rng_seed(&pr, 72);
    double left = in.cfg.budget;
    int plays = 0;
    *first = AFTER + 1;
    for (long long t = 1; t <= WARM + AFTER; t++) {
        struct bench_round rd = {.t = t, .k = K, .slate_size = 1, .budget_left = left};
        if (t == WARM + 1) {
            r[w->slot] = w->r;
            c[w->slot] = w->c;
            if (notify) {
                rd.replaced = &w->slot;
                rd.n_replaced = 1;
            }
        }
        int a = in.t->select(in.st, &rd, &pr);
        if (t > WARM && a == w->slot) {
            plays++;
            if (*first > AFTER)
                *first = (int)(t - WARM);
        }
        double y = rng_uniform(&env) < r[a], cost = rng_uniform(&env) < c[a];
        left -= cost;
        struct pol_feedback fb = {.arm = a, .reward = y, .raw = y, .t_played = t,
                                  .t_now = t + 1, .cost = cost};
        in.t->update(in.st, &fb, &pr);
    }
    inst_free(&in);
    return plays;
}

/* A replaced arm's reward and cost estimates are the initial ones (the
 * arm of its own of the BwK model): a new arm in the costly bad arm's
 * slot is pulled at once, with or without a budget, and under the budget
 * it then wins most plays by its low cost (not so if the old costs had
 * stayed); a new bad arm in the best arm's slot is dropped after a few
 * plays (not so if the old rewards had stayed). Untold, the policy keeps
 * avoiding the first slot and playing the second longer. */
static void test_a_replaced_arm_is_pulled_afresh(void **state)
{
    const char *ids[] = {"ucb_bwk", "bwk_primal_dual"};
    const struct swap cheap = {0.4, 3, 0.7, 0.1}, bad = {0, 0, 0.02, 0.5};
    for (int i = 0; i < 2; i++) {
        assert_plays_replaced(ids[i], 5000, 1, 81 + (uint64_t)i);   /* no budget */
        int first, plays = plays_of_replaced(ids[i], &cheap, true, &first);
        if (first != 1 || plays < AFTER / 2)
            fail_msg("%s: a new cheap arm first played after %d rounds, %d of %d plays",
                     ids[i], first, plays, AFTER);
        assert_int_equal(plays_of_replaced(ids[i], &cheap, false, &first), 0);
        int told = plays_of_replaced(ids[i], &bad, true, &first);
        int silent = plays_of_replaced(ids[i], &bad, false, &first);
        if (told > 60 || silent <= told)
            fail_msg("%s plays a new bad arm in the best arm's slot %d of %d rounds told, %d "
                     "untold", ids[i], told, AFTER, silent);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lp_mixes_at_most_two_arms),
        cmocka_unit_test(test_bwk_policies_beat_budget_blind_ones_when_the_budget_binds),
        /* replaced arms */
        cmocka_unit_test(test_a_replaced_arm_is_pulled_afresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
