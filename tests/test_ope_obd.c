/*
 * test_ope_obd: off-policy evaluation on the real Open Bandit Dataset
 * sample (men campaign, 10,000 rows per logging policy), shipped in
 * BM_SOURCE_ROOT/data/obd; a missing file is a failure. The numbers
 * asserted here are the ones benchmarks/OPE.md reports, so the write-up
 * cannot drift from the code.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "benchmarks/ope/ope.h"

#define OBD BM_SOURCE_ROOT "/data/obd"
#define RANDOM_LOG OBD "/random/men/men.csv"
#define BTS_LOG OBD "/bts/men/men.csv"

static void need_data(void)
{
    if (access(RANDOM_LOG, R_OK) != 0 || access(BTS_LOG, R_OK) != 0) {
        fail_msg("Open Bandit Dataset sample not found under %s (it ships in data/obd)", OBD);
    }
}

static void evaluate(const char *log, const char *policy, struct ope_report *rep)
{
    struct ope_config cfg;
    ope_config_init(&cfg);
    cfg.log_path = log;
    cfg.policy = policy;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(ope_run(&cfg, rep, &d), 0);
    assert_int_equal(d.errors, 0);
    diag_list_release(&d);
}

struct expect {
    enum ope_estimator id;
    double value;                /* as printed by --json (10 significant digits) */
    int covers;                  /* the interval contains the on-policy truth */
};

static void check(const struct ope_report *rep, const struct expect *want, size_t n,
                  double truth)
{
    assert_int_equal(rep->n_est, n);
    for (size_t i = 0; i < n; i++) {
        const struct ope_estimate *e = &rep->est[i];
        assert_int_equal(e->id, want[i].id);
        assert_near(e->value, want[i].value, 1e-11);
        int covers = e->ci_lo <= truth && truth <= e->ci_hi;
        if (covers != want[i].covers)
            fail_msg("%s: [%g, %g] %s the truth %g", ope_estimator_name(e->id), e->ci_lo,
                     e->ci_hi, covers ? "covers" : "misses", truth);
    }
}

static void test_on_policy_click_rates_match_the_readme(void **state)
{
    (void)state;
    need_data();
    struct ope_report rep;
    evaluate(RANDOM_LOG, "uniform", &rep);
    assert_int_equal(rep.n_rows, 10000);
    assert_int_equal(rep.n_actions, 34);
    assert_int_equal(rep.n_positions, 3);
    assert_near(rep.on_policy_value, 0.0046, 1e-15);
    /* the random log's propensities are 1/34: uniform has weight 1, so ips
     * is exactly the on-policy value */
    assert_near(rep.max_weight, 1.0, 1e-12);
    assert_near(rep.est[OPE_IPS].value, 0.0046, 1e-15);
    evaluate(BTS_LOG, "uniform", &rep);
    assert_near(rep.on_policy_value, 0.0069, 1e-15);
    assert_near(rep.min_propensity, 0.000165, 1e-15);
}

/* The random policy's value from the BTS log (benchmarks/OPE.md, table 1). */
static void test_random_policy_from_bts_log(void **state)
{
    (void)state;
    need_data();
    struct ope_report rep;
    evaluate(BTS_LOG, "uniform", &rep);
    static const struct expect want[] = {
        {OPE_REPLAY, 0.003215434084, 1}, {OPE_IPS, 0.003008626327, 0},
        {OPE_SNIPS, 0.003189423162, 1},  {OPE_DM, 0.004509679786, 1},
        {OPE_DR, 0.003129046305, 1},     {OPE_SWITCH_DR, 0.003821511467, 1},
        {OPE_DR_CLIP, 0.003510636601, 1},
    };
    check(&rep, want, sizeof(want) / sizeof(want[0]), 0.0046);
}

/* BTS's average action distribution from the random log (table 2). */
static void test_bts_frequencies_from_random_log(void **state)
{
    (void)state;
    need_data();
    struct ope_report rep;
    evaluate(RANDOM_LOG, "freq:" BTS_LOG, &rep);
    static const struct expect want[] = {
        {OPE_REPLAY, 0.003278688525, 1}, {OPE_IPS, 0.005656266701, 1},
        {OPE_SNIPS, 0.005739864702, 1},  {OPE_DM, 0.006050104801, 1},
        {OPE_DR, 0.005752504849, 1},     {OPE_SWITCH_DR, 0.005752504849, 1},
        {OPE_DR_CLIP, 0.005752504849, 1},
    };
    check(&rep, want, sizeof(want) / sizeof(want[0]), 0.0069);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_on_policy_click_rates_match_the_readme),
        cmocka_unit_test(test_random_policy_from_bts_log),
        cmocka_unit_test(test_bts_frequencies_from_random_log),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
