/*
 * test_policies: benchmarks/policies/registry.c and properties of every
 * policy: every policy id exists, the registry and the taxonomy agree both
 * ways, and every policy survives delayed feedback.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "taxonomy/taxonomy.h"

#include "tests/pol_fixture.h"

/* ---- registry ---- */

static void test_registry_has_every_policy_id(void **state)
{
    static const char *const ids[] = {
        "uniform", "egreedy", "egreedy_decay", "softmax", "ucb1", "ucbv", "klucb",
        "moss", "ucb_chernoff", "ts", "gts", "bayesucb", "exp3", "swucb", "ducb", "dts", "cusum_ucb",
        "se", "lucb", "ttts",
        /* contextual, ranking, pricing and budgeted policies */
        "linucb", "lints", "logistic_ts", "glm_ucb", "ridge_greedy", "ridge_egreedy",
        "bootstrapped_ts", "squarecb", "cascade_ucb1", "cascade_klucb", "cascade_ts",
        "topk_position_ts", "pbm_ucb", "cucb", "price_ucb", "price_ts", "demand_ts", "ucb_bwk",
        "bwk_primal_dual", "linucb_hybrid",
    };
    size_t n = sizeof(ids) / sizeof(ids[0]);
    assert_int_equal(pol_registry_count, n);
    for (size_t i = 0; i < n; i++) {
        const struct pol_type *t = pol_find(ids[i]);
        assert_non_null(t);
        assert_string_equal(t->name, ids[i]);
        assert_non_null(t->select);
        assert_non_null(t->update);
        for (size_t j = 0; j < t->n_knobs; j++)
            assert_int_equal(pol_knob_index(t, t->knobs[j].name), (int)j);
    }
    assert_null(pol_find("ucb2"));
}

/* Every harness policy is linked from a taxonomy algorithm, and every
 * taxonomy policy id exists in the harness. */
static void test_taxonomy_and_registry_agree_both_ways(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct tax *t = tax_load_dir(NULL, &d);
    if (!t) {
        char *line = d.count ? diag_format(&d.items[0]) : NULL;
        fail_msg("the bundled taxonomy does not load: %s", line ? line : "?");
    }
    for (size_t i = 0; i < t->n_algorithms; i++) {
        const char *id = t->algorithms[i].policy;
        if (id && !pol_find(id))
            fail_msg("algorithm '%s' names policy '%s', which the harness lacks",
                     t->algorithms[i].id, id);
    }
    for (size_t j = 0; j < pol_registry_count; j++) {
        bool linked = false;
        for (size_t i = 0; i < t->n_algorithms && !linked; i++)
            linked = t->algorithms[i].policy &&
                     !strcmp(t->algorithms[i].policy, pol_registry[j]->name);
        if (!linked)
            fail_msg("policy '%s' is not linked from any taxonomy algorithm",
                     pol_registry[j]->name);
    }
    tax_free(t);
    diag_list_release(&d);
}

/* ---- robustness ---- */

/* Means {0.2, 0.8, 0.3, 0.1}, feedback in batches of 50 (every play's
 * reward arrives up to 49 rounds late): every policy must still find arm
 * 1, the one right answer on a problem this separated (gap 0.5, 3000
 * rounds: even a fixed-epsilon greedy has its mean known to 0.05 after
 * a few dozen plays). Over rounds 2001..3000 arm 1 is the most played
 * arm of every policy but the uniform ones, which play each arm 1/4 of
 * the time (within 5 sd of 1000 draws, 0.068); an identification policy
 * recommends arm 1. Each arm has the one-hot features e_a (dim 4), so the
 * policies with a model shared over the features (lints, the ridge and
 * GLM policies, squarecb, bootstrapped TS) can tell the arms apart too;
 * with no features all arms would be the one feature 1 for them, and the
 * same score. demand_ts models the demand over the price: with no prices
 * every arm is at price 1, one point of its curve, so its arms all score
 * the same and it plays arm 0, the lowest index, every round. ridge_greedy
 * has no exploration (Bastani, Bayati & Khosravi 2021 need covariate
 * diversity, which one-hot arms without a context lack): every estimate
 * starts at 0, it plays arm 0 (the lowest index), whose estimate turns
 * positive with its first click while the others stay 0, so it keeps
 * arm 0 for good: the one outcome is arm 0 in every late round too.
 * bootstrapped_ts must find the best arm like the others: its replicates
 * start from prior draws (Osband & Van Roy 2015), so an arm never played
 * does not score 0 in every replicate. */
static const double separated_arms[4] = {0.2, 0.8, 0.3, 0.1};

static void test_every_policy_finds_the_best_arm_under_delayed_feedback(void **state)
{
    for (size_t i = 0; i < pol_registry_count; i++) {
        static const double onehot[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        struct inst in;
        inst_init(&in, pol_registry[i]->name, 4, 3000);
        in.cfg.dim = 4;
        inst_start(&in);
        struct rng pr, env;
        rng_seed(&pr, 12);
        rng_seed(&env, 13);
        int pending[50];
        long long played[50];
        int late[4] = {0};
        for (long long t = 1; t <= 3000; t++) {
            struct bench_round rd = {.t = t, .k = 4, .slate_size = 1, .dim = 4,
                                     .arm_features = onehot};
            int a = in.t->select(in.st, &rd, &pr);
            assert_true(a >= 0 && a < 4);
            if (t > 2000)
                late[a]++;
            pending[t % 50] = a;
            played[t % 50] = t;
            if (t % 50 == 0)   /* a batch of 50 delivered at once */
                for (int j = 0; j < 50; j++) {
                    int arm = pending[(j + 1) % 50];
                    double r = rng_uniform(&env) < separated_arms[arm];
                    struct pol_feedback fb = {.arm = arm, .reward = r, .raw = r,
                                              .t_played = played[(j + 1) % 50],
                                              .t_now = t + 1, .features = onehot + 4 * arm};
                    in.t->update(in.st, &fb, &pr);
                }
        }
        const char *id = in.t->name;
        if (!strcmp(id, "demand_ts") || !strcmp(id, "ridge_greedy")) {
            if (late[0] != 1000)
                fail_msg("%s: arm 0 played %d of 1000 late rounds, not all", id, late[0]);
        } else if (in.t->flags & POL_UNIFORM) {
            for (int a = 0; a < 4; a++)
                if (fabs(late[a] / 1000.0 - 0.25) > 5 * sqrt(0.25 * 0.75 / 1000))
                    fail_msg("%s: arm %d played %d of 1000 late rounds, not 1/4", id, a, late[a]);
        } else {
            for (int a = 0; a < 4; a++)
                if (a != 1 && late[a] >= late[1])
                    fail_msg("%s: arm %d played %d times in rounds 2001-3000, the best arm 1 %d",
                             id, a, late[a], late[1]);
        }
        if (in.t->recommend)
            if (in.t->recommend(in.st) != 1)
                fail_msg("%s recommends arm %d, not the best arm 1", id, in.t->recommend(in.st));
        if (in.t->release)
            in.t->release(in.st);
        inst_free(&in);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* registry */
        cmocka_unit_test(test_registry_has_every_policy_id),
        cmocka_unit_test(test_taxonomy_and_registry_agree_both_ways),
        /* robustness */
        cmocka_unit_test(test_every_policy_finds_the_best_arm_under_delayed_feedback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
