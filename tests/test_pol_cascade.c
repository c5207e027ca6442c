/*
 * test_pol_cascade: benchmarks/policies/cascade.c, cascade-aware learning
 * beats the position-blind baseline, and position-aware TS wins on the
 * position-based model; a replaced item starts afresh, in one-arm play and
 * in lists.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/runner.h"

#include "tests/churn_fixture.h"
#include "tests/slates_fixture.h"

static double mean_regret(const struct bench_results *r, const char *id)
{
    for (size_t i = 0; i < r->n_policies; i++)
        if (!strcmp(r->policies[i].id, id))
            return r->policies[i].regret.mean;
    fail_msg("no policy %s", id);
    return 0;
}

static void test_cascade_aware_beats_position_blind(void **state)
{
    struct bench_spec *s = list_spec("cascade", 20000, 4);
    bench_spec_add_policy(s, "cascade_klucb");
    bench_spec_add_policy(s, "cascade_ts");
    bench_spec_add_policy(s, "cascade_ucb1");
    bench_spec_add_policy(s, "cucb");
    bench_spec_add_policy(s, "uniform");
    struct bench_results r;
    bench_results_init(&r);
    r.threads = 2;
    assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
    double blind = mean_regret(&r, "cucb");
    assert_true(mean_regret(&r, "cascade_klucb") < 0.5 * blind);
    assert_true(mean_regret(&r, "cascade_ts") < 0.5 * blind);
    assert_true(mean_regret(&r, "cascade_ucb1") < 0.5 * blind);
    assert_true(blind < mean_regret(&r, "uniform"));
    assert_int_equal(r.slate_size, 3);
    bench_results_release(&r);
    bench_spec_free(s);
}

static void test_position_aware_ts_wins_on_the_position_based_model(void **state)
{
    struct bench_spec *s = list_spec("pbm", 20000, 4);
    bench_spec_add_policy(s, "topk_position_ts");
    bench_spec_add_policy(s, "cucb");
    bench_spec_add_policy(s, "uniform");
    struct bench_results r1, r2;
    bench_results_init(&r1);
    bench_results_init(&r2);
    r2.threads = 2;
    assert_int_equal(bench_run(s, &r1, NULL, NULL), 0);
    assert_int_equal(bench_run(s, &r2, NULL, NULL), 0);
    assert_true(mean_regret(&r1, "topk_position_ts") < mean_regret(&r1, "cucb"));
    assert_true(mean_regret(&r1, "cucb") < mean_regret(&r1, "uniform"));
    for (size_t p = 0; p < r1.n_policies; p++)   /* thread count changes nothing */
        for (int j = 0; j < r1.seeds; j++)
            assert_true(r1.policies[p].final_regret[j] == r2.policies[p].final_regret[j]);
    bench_results_release(&r1);
    bench_results_release(&r2);
    bench_spec_free(s);
}

/* ---- replaced items ---- */

static const char *const rank_ids[] = {"cascade_ucb1", "cascade_klucb", "cascade_ts",
                                       "topk_position_ts", "pbm_ucb", "cucb"};

/* The cascade model by hand on k = 6 items, lists of 2: after warm rounds
 * the worst item (slot 5, attraction 0.01) is replaced by one of 0.5
 * (told through round->replaced, or silently); returns how many rounds
 * the policy takes to put the slot in its list, or max_rounds + 1. */
static int rounds_to_list_replaced(const char *id, long long warm, int max_rounds, bool notify,
                                   uint64_t seed)
{
    enum { K = 6, L = 2 };
    double w[K] = {0.6, 0.5, 0.45, 0.4, 0.3, 0.01};
    const int slot = K - 1;
    struct inst in;
    inst_init(&in, id, K, warm + max_rounds);
    in.cfg.slate_size = L;
    inst_start(&in);
    struct rng env, pr;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
    int found = max_rounds + 1;
    for (long long t = 1; t <= warm + max_rounds; t++) {
        struct bench_round rd = {.t = t, .k = K, .slate_size = L};
        if (t == warm + 1) {
            w[slot] = 0.5;
            if (notify) {
                rd.replaced = &slot;
                rd.n_replaced = 1;
            }
        }
        int list[L];
        in.t->select_slate(in.st, &rd, &pr, list);
        if (t > warm && (list[0] == slot || list[1] == slot)) {
            found = (int)(t - warm);
            break;
        }
        double clicks[L] = {0, 0};
        int examined = L;
        for (int j = 0; j < L; j++)
            if (rng_uniform(&env) < w[list[j]]) {
                clicks[j] = 1;
                examined = j + 1;
                break;
            }
        struct pol_feedback fb = {.arm = list[0], .reward = clicks[0] + clicks[1],
                                  .raw = clicks[0] + clicks[1], .t_played = t,
                                  .t_now = t + 1, .slate = list, .clicks = clicks,
                                  .slate_len = L, .examined = examined};
        in.t->update(in.st, &fb, &pr);
    }
    inst_free(&in);
    return found;
}

/* After a replacement the item's statistics are the prior's: the UCB
 * policies show a new item in a bad item's slot at once (infinite index),
 * the Thompson ones within a few rounds (Beta(1, 1)), and a new bad item
 * in the best item's slot is dropped after a few dozen plays (all 300 if
 * the old clicks stayed); untold, each avoids the first slot longer and
 * plays the second more. */
static void test_a_replaced_item_starts_afresh(void **state)
{
    for (size_t i = 0; i < sizeof(rank_ids) / sizeof(rank_ids[0]); i++) {
        bool ts = strstr(rank_ids[i], "ts") != NULL;
        int m = ts ? 20 : 1;
        assert_plays_replaced(rank_ids[i], 5000, m, 41 + i);   /* one arm: select */
        int told = rounds_to_list_replaced(rank_ids[i], 5000, m, true, 51 + i);
        int silent = rounds_to_list_replaced(rank_ids[i], 5000, m, false, 51 + i);
        if (told > m || silent <= m)
            fail_msg("%s lists the replaced item after %d rounds told, %d untold (max %d)",
                     rank_ids[i], told, silent, m);
        /* all of it: the old best item's clicks do not make the new one look good */
        told = plays_of_replaced_best(rank_ids[i], 5000, 300, true, 61 + i);
        silent = plays_of_replaced_best(rank_ids[i], 5000, 300, false, 61 + i);
        if (told > 60 || silent <= told)
            fail_msg("%s plays a new bad item in the best item's slot %d of 300 rounds told, "
                     "%d untold", rank_ids[i], told, silent);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* policies */
        cmocka_unit_test(test_cascade_aware_beats_position_blind),
        cmocka_unit_test(test_position_aware_ts_wins_on_the_position_based_model),
        /* replaced items */
        cmocka_unit_test(test_a_replaced_item_starts_afresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
