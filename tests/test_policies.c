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

static void test_every_policy_survives_delayed_feedback(void **state)
{
    for (size_t i = 0; i < pol_registry_count; i++) {
        struct inst in;
        inst_init(&in, pol_registry[i]->name, 4, 3000);
        inst_start(&in);
        struct rng pr, env;
        rng_seed(&pr, 12);
        rng_seed(&env, 13);
        int pending[50];
        long long played[50];
        for (long long t = 1; t <= 3000; t++) {
            struct bench_round rd = {.t = t, .k = 4, .slate_size = 1};
            int a = in.t->select(in.st, &rd, &pr);
            assert_true(a >= 0 && a < 4);
            pending[t % 50] = a;
            played[t % 50] = t;
            if (t % 50 == 0)   /* a batch of 50 delivered at once */
                for (int j = 0; j < 50; j++) {
                    int arm = pending[(j + 1) % 50];
                    double r = rng_uniform(&env) < close_arms[arm];
                    struct pol_feedback fb = {.arm = arm, .reward = r, .raw = r,
                                              .t_played = played[(j + 1) % 50],
                                              .t_now = t + 1};
                    in.t->update(in.st, &fb, &pr);
                }
        }
        if (in.t->recommend) {
            int rec = in.t->recommend(in.st);
            assert_true(rec >= 0 && rec < 4);
        }
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
        cmocka_unit_test(test_every_policy_survives_delayed_feedback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
