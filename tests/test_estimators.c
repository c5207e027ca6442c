/*
 * test_estimators: benchmarks/ope/estimators.c, the estimators against closed
 * forms on tests/fixtures/ope/tiny.csv, Switch-DR between DM and DR, the
 * seeded bootstrap and its quantiles; and, on simulated logs whose true value
 * is known in closed form (tests/ope_sim.h), each unbiased estimator's 95%
 * bootstrap interval covers the truth in about 95% of seeds.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/ope/estimators.h"
#include "benchmarks/ope/ope.h"
#include "benchmarks/ope/target.h"
#include "benchmarks/rng.h"

#include "tests/ope_fixture.h"
#include "tests/ope_sim.h"

/* ---- estimators ---- */

/* tiny.csv: actions 0 1 0 1, rewards 1 0 0 1, propensities .5 .5 .25 .75.
 * Target item:0 gives weights 2 0 4 0: ips = 2/4, snips = 2/6, Kish ESS =
 * 6^2 / 20. */
static void test_estimators_match_closed_form(void **state)
{
    (void)state;
    struct ope_report rep;
    char *text;
    assert_int_equal(run("ope/tiny.csv", "item:0", OPE_ALL, false, &rep, &text), 0);
    free(text);
    assert_int_equal(rep.n_est, OPE_N_ESTIMATORS);
    assert_near(rep.on_policy_value, 0.5, 0);
    assert_near(find(&rep, OPE_IPS)->value, 0.5, 1e-15);
    assert_near(find(&rep, OPE_SNIPS)->value, 1.0 / 3, 1e-15);
    assert_near(find(&rep, OPE_IPS)->ess, 1.8, 1e-12);
    /* replay of a deterministic target keeps the rows that logged 0 */
    assert_near(find(&rep, OPE_REPLAY)->value, 0.5, 0);
    assert_int_equal(find(&rep, OPE_REPLAY)->n, 2);
    /* replay's denominator lives on 2 of 4 rows: over 5% of replicates
     * resample neither (e^-2), so it reports no interval rather than one
     * from the lucky replicates */
    assert_true(isnan(find(&rep, OPE_REPLAY)->ci_lo));
    assert_false(isnan(find(&rep, OPE_IPS)->ci_lo));
    for (size_t i = 0; i < rep.n_est; i++) {
        const struct ope_estimate *e = &rep.est[i];
        if (isnan(e->ci_lo))
            continue;
        if (!(e->ci_lo <= e->value + 1e-12 && e->value <= e->ci_hi + 1e-12))
            fail_msg("%s: %g outside [%g, %g]", ope_estimator_name(e->id), e->value, e->ci_lo,
                     e->ci_hi);
    }
}

/* n synthetic rows; the bootstrap multiplicities come from seed. */
static void feed(struct ope_acc *acc, int n, double w_scale, int B, uint64_t seed)
{
    struct rng r;
    rng_seed(&r, seed);
    uint8_t mult[256];
    for (int i = 0; i < n; i++) {
        struct ope_obs o = {.reward = i % 3 == 0, .weight = w_scale * (1 + i % 5),
                            .q_logged = 0.3, .q_target = 0.25, .replay_match = i % 2};
        ope_bootstrap_draw(&r, B, mult);
        ope_acc_add(acc, &o, mult);
    }
}

static void test_switch_dr_spans_dm_to_dr(void **state)
{
    (void)state;
    unsigned mask = 1u << OPE_DM | 1u << OPE_DR | 1u << OPE_SWITCH_DR | 1u << OPE_DR_CLIP;
    struct ope_estimate big[OPE_N_ESTIMATORS], small[OPE_N_ESTIMATORS];
    struct ope_est_config c1 = {.mask = mask, .bootstrap = 0, .switch_tau = 1e9, .clip = 1e9};
    struct ope_acc *acc = ope_acc_new(&c1);
    feed(acc, 100, 1.0, 0, 1);
    assert_int_equal(ope_acc_finish(acc, big), 4);
    ope_acc_free(acc);
    struct ope_est_config c2 = c1;
    c2.switch_tau = 1e-9;
    c2.clip = 1e-9;
    acc = ope_acc_new(&c2);
    feed(acc, 100, 1.0, 0, 1);
    ope_acc_finish(acc, small);
    ope_acc_free(acc);
    /* order: dm, dr, switch-dr, dr-clip */
    assert_near(big[2].value, big[1].value, 1e-15);     /* tau = inf: switch-dr = dr */
    assert_near(big[3].value, big[1].value, 1e-15);     /* M = inf: dr-clip = dr */
    assert_near(small[2].value, small[0].value, 1e-15); /* tau = 0: switch-dr = dm */
    assert_near(small[3].value, small[0].value, 1e-6);  /* M = 0: dr-clip -> dm */
    assert_near(small[0].value, 0.25, 1e-15);
}

static void test_bootstrap_is_reproducible_and_seeded(void **state)
{
    (void)state;
    struct ope_estimate a[OPE_N_ESTIMATORS], b[OPE_N_ESTIMATORS], c[OPE_N_ESTIMATORS];
    struct ope_est_config cfg = {.mask = OPE_ALL, .bootstrap = 100, .switch_tau = 3, .clip = 3};
    struct ope_acc *acc = ope_acc_new(&cfg);
    feed(acc, 500, 0.5, 100, 7);
    ope_acc_finish(acc, a);
    ope_acc_free(acc);
    acc = ope_acc_new(&cfg);
    feed(acc, 500, 0.5, 100, 7);
    ope_acc_finish(acc, b);
    ope_acc_free(acc);
    acc = ope_acc_new(&cfg);
    feed(acc, 500, 0.5, 100, 8);
    ope_acc_finish(acc, c);
    ope_acc_free(acc);
    for (int e = 0; e < OPE_N_ESTIMATORS; e++) {
        assert_int_equal(a[e].id, e);
        assert_true(a[e].value == b[e].value && a[e].ci_lo == b[e].ci_lo
                    && a[e].ci_hi == b[e].ci_hi && a[e].ess == b[e].ess);
        assert_near(a[e].value, c[e].value, 0);          /* the point estimate is not random */
        assert_true(a[e].ci_lo <= a[e].value && a[e].value <= a[e].ci_hi);
    }
    assert_true(a[OPE_IPS].ci_lo != c[OPE_IPS].ci_lo);   /* but the replicates are */
}

static void test_quantile_interpolates_order_statistics(void **state)
{
    (void)state;
    double v[] = {4, 1, 3, 2, 5};
    assert_near(ope_quantile(v, 5, 0.0), 1, 0);
    assert_near(ope_quantile(v, 5, 0.5), 3, 0);
    assert_near(ope_quantile(v, 5, 0.125), 1.5, 1e-15);
    assert_near(ope_quantile(v, 5, 1.0), 5, 0);
    assert_true(isnan(ope_quantile(v, 0, 0.5)));
}
static const double uniform[2][K] = {{0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25}};
static const double target[2][K] = {{0.1, 0.1, 0.1, 0.7}, {0.6, 0.2, 0.1, 0.1}};

static double true_value(void)
{
    double v = 0;
    for (int x = 0; x < 2; x++)
        for (int a = 0; a < K; a++)
            v += 0.5 * target[x][a] * mean[x][a];
    return v;
}

/* One simulated log of ROUNDS rows fed straight to an accumulator, with a
 * deliberately wrong constant reward model q = 0.4 (DR must stay unbiased
 * anyway). Returns how many of the selected estimators covered the truth,
 * per estimator in covered[]. */
static void one_run(uint64_t seed, const double (*mu)[K], unsigned mask, int *covered)
{
    struct rng env, pick;
    rng_stream(&env, seed, 1);
    rng_stream(&pick, seed, 2);
    struct ope_est_config cfg = {.mask = mask, .bootstrap = REPLICATES, .switch_tau = 1e9,
                                 .clip = 1e9};
    struct rng boot;
    rng_stream(&boot, seed, 3);
    uint8_t mult[REPLICATES];
    struct ope_acc *acc = ope_acc_new(&cfg);
    for (int t = 0; t < ROUNDS; t++) {
        int x = rng_uniform(&env) < 0.5;
        int a = ope_target_sample(mu[x], K, &env);
        double r = rng_uniform(&env) < mean[x][a];
        struct ope_obs o = {.reward = r, .weight = target[x][a] / mu[x][a],
                            .q_logged = 0.4, .q_target = 0.4,
                            .replay_match = ope_target_sample(target[x], K, &pick) == a};
        ope_bootstrap_draw(&boot, REPLICATES, mult);
        ope_acc_add(acc, &o, mult);
    }
    struct ope_estimate est[OPE_N_ESTIMATORS];
    size_t n = ope_acc_finish(acc, est);
    ope_acc_free(acc);
    double v = true_value();
    for (size_t i = 0; i < n; i++)
        covered[est[i].id] += est[i].ci_lo <= v && v <= est[i].ci_hi;
}

static void check_coverage(const double (*mu)[K], unsigned mask)
{
    int covered[OPE_N_ESTIMATORS] = {0};
    for (uint64_t s = 1; s <= SEEDS; s++)
        one_run(s, mu, mask, covered);
    for (int e = 0; e < OPE_N_ESTIMATORS; e++) {
        if (!(mask & (1u << e)))
            continue;
        double rate = (double)covered[e] / SEEDS;
        print_message("%-6s covered the truth in %d of %d seeds (%.3f)\n",
                      ope_estimator_name((enum ope_estimator)e), covered[e], SEEDS, rate);
        if (rate < 0.88 || rate > 0.99)
            fail_msg("%s: coverage %.3f outside [0.88, 0.99]",
                     ope_estimator_name((enum ope_estimator)e), rate);
    }
}

/* ips and dr are unbiased under any logging policy with full support;
 * snips is consistent (bias O(1/n), negligible at n = 2000). */
static void test_ips_snips_dr_intervals_cover_the_truth(void **state)
{
    (void)state;
    check_coverage(logging, 1u << OPE_IPS | 1u << OPE_SNIPS | 1u << OPE_DR);
}

/* Replay is unbiased when the logging policy is uniformly random. */
static void test_replay_intervals_cover_the_truth_on_uniform_logs(void **state)
{
    (void)state;
    check_coverage(uniform, 1u << OPE_REPLAY | 1u << OPE_IPS | 1u << OPE_DR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* estimators */
        cmocka_unit_test(test_estimators_match_closed_form),
        cmocka_unit_test(test_switch_dr_spans_dm_to_dr),
        cmocka_unit_test(test_bootstrap_is_reproducible_and_seeded),
        cmocka_unit_test(test_quantile_interpolates_order_statistics),
        cmocka_unit_test(test_ips_snips_dr_intervals_cover_the_truth),
        cmocka_unit_test(test_replay_intervals_cover_the_truth_on_uniform_logs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
