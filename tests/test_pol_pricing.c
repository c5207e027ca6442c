/*
 * test_pol_pricing: benchmarks/policies/pricing.c, revenue-aware policies
 * beat uniform pricing; a replaced item's demand starts afresh, while
 * demand_ts keeps its demand curve.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/runner.h"

#include "tests/churn_fixture.h"
#include "tests/pricing_fixture.h"

static void test_revenue_policies_beat_uniform_pricing(void **state)
{
    for (double kind = 0; kind <= 1; kind++) {
        struct bench_spec *s = price_spec(kind, 20000);
        bench_spec_add_policy(s, "price_ucb");
        bench_spec_add_policy(s, "price_ts");
        bench_spec_add_policy(s, "demand_ts");
        bench_spec_add_policy(s, "uniform");
        struct bench_results r;
        bench_results_init(&r);
        assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
        for (int p = 0; p < 3; p++)
            assert_true(r.policies[p].regret.mean < 0.5 * r.policies[3].regret.mean);
        bench_results_release(&r);
        bench_spec_free(s);
    }
}

/* ---- replaced items ---- */

/* demand_ts by hand on five prices with logistic demand; a replacement
 * notice at round warm + 1 (or none); the arms of the rounds after it. */
static void demand_ts_after_replacement(bool notify, int *arms, int n)
{
    enum { K = 5 };
    const double price[K] = {0.2, 0.4, 0.6, 0.8, 1.0};
    const long long warm = 3000;
    const int slot = 4;
    struct inst in;
    inst_init(&in, "demand_ts", K, warm + n);
    inst_start(&in);
    struct rng env, pr;
    rng_seed(&env, 5);
    rng_seed(&pr, 6);
    for (long long t = 1; t <= warm + n; t++) {
        struct bench_round rd = {.t = t, .k = K, .slate_size = 1, .arm_values = price};
        if (t == warm + 1 && notify) {
            rd.replaced = &slot;
            rd.n_replaced = 1;
        }
        int a = in.t->select(in.st, &rd, &pr);
        if (t > warm)
            arms[t - warm - 1] = a;
        double buy = rng_uniform(&env) < 1.0 / (1.0 + exp(-(2.0 - 4.0 * price[a])));
        struct pol_feedback fb = {.arm = a, .reward = buy * price[a], .raw = buy * price[a],
                                  .t_played = t, .t_now = t + 1};
        in.t->update(in.st, &fb, &pr);
    }
    inst_free(&in);
}

/* price_ucb and price_ts learn each price's demand on its own: a new item
 * at a price that had no buyers gets the prior's index (UCB: infinite,
 * played at once; TS: Beta(1, 1), within a few rounds), and a new item
 * nobody buys in the best item's slot is dropped after a few dozen plays;
 * untold they avoid the first slot and play the second longer. demand_ts's
 * curve is over the price, shared by the items, so a notice changes none
 * of its plays. */
static void test_a_replaced_item_starts_afresh_but_the_demand_curve_stays(void **state)
{
    assert_plays_replaced("price_ucb", 5000, 1, 61);
    assert_plays_replaced("price_ts", 5000, 20, 62);
    const char *ids[] = {"price_ucb", "price_ts"};
    for (int i = 0; i < 2; i++) {   /* all of it: the old sales do not carry over */
        int told = plays_of_replaced_best(ids[i], 5000, 300, true, 63 + (uint64_t)i);
        int silent = plays_of_replaced_best(ids[i], 5000, 300, false, 63 + (uint64_t)i);
        if (told > 60 || silent <= told)
            fail_msg("%s plays a new bad item in the best item's slot %d of 300 rounds told, "
                     "%d untold", ids[i], told, silent);
    }
    int told[200], silent[200];
    demand_ts_after_replacement(true, told, 200);
    demand_ts_after_replacement(false, silent, 200);
    assert_memory_equal(told, silent, sizeof(told));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_revenue_policies_beat_uniform_pricing),
        /* replaced items */
        cmocka_unit_test(test_a_replaced_item_starts_afresh_but_the_demand_curve_stays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
