/*
 * test_ope: benchmarks/ope/ope.c, the OPE pipeline (reader -> target ->
 * estimators -> report) on small shipped fixtures (tests/fixtures/ope/): bad
 * inputs and rows reported with their position, tiny propensities warned
 * about, harness policies replayed, and a simulated log written, read and
 * evaluated recovers its known value. The real Open Bandit Dataset is in
 * test_ope_obd.c.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "benchmarks/log_writer.h"
#include "benchmarks/ope/estimators.h"
#include "benchmarks/ope/ope.h"
#include "benchmarks/ope/target.h"
#include "benchmarks/rng.h"

#include "tests/ope_fixture.h"
#include "tests/ope_sim.h"

/* Each bad input is reported at its line and column, and ope_run fails. */
static void test_bad_inputs_are_reported_with_position(void **state)
{
    (void)state;
    static const struct {
        const char *file, *expected;
    } cases[] = {
        {"missing_column.csv", ":1:1: error: missing column 'propensity'"},
        {"propensity_zero.csv", ":3:5: error: propensity '0' is not in (0, 1]"},
        {"propensity_above_one.csv", ":3:5: error: propensity '1.5' is not in (0, 1]"},
        {"propensity_missing.csv", ":2:5: error: missing value in column 'propensity'"},
        {"non_numeric.csv", ":3:3: error: reward 'yes' is not a number"},
        {"truncated.csv", ":4:5: error: truncated last line: expected 3 fields, found 2"},
        {"empty.csv", ":1:1: error: empty file, expected a header line"},
        {"header_only.csv", ":2:1: error: no data rows after the header"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char rel[128], *text;
        snprintf(rel, sizeof(rel), "ope/%s", cases[i].file);
        struct ope_report rep;
        int r = run(rel, "uniform", OPE_ALL, false, &rep, &text);
        if (r != -1)
            fail_msg("%s: ope_run returned %d", cases[i].file, r);
        char *want = xasprintf("%s%s", fixture(rel), cases[i].expected);
        assert_contains(text, want);
        free(want);
        free(text);
    }
}

static void test_bad_rows_stop_by_default_and_are_skipped_on_request(void **state)
{
    (void)state;
    struct ope_report rep;
    char *text;
    assert_int_equal(run("ope/many_bad.csv", "uniform", 1u << OPE_IPS, false, &rep, &text), -1);
    assert_contains(text, "many_bad.csv:3:1: error: action '-1' is not a non-negative integer");
    assert_contains(text, "many_bad.csv:4:1: error: action 'x' is not a non-negative integer");
    assert_contains(text, "many_bad.csv:5:9: error: expected 3 fields, found 4");
    free(text);
    assert_int_equal(run("ope/many_bad.csv", "uniform", 1u << OPE_IPS, true, &rep, &text), 0);
    assert_contains(text, "many_bad.csv:4:1: warning: action 'x' is not a non-negative integer "
                          "(row skipped)");
    assert_null(strstr(text, "error"));
    assert_int_equal(rep.n_bad, 3);
    assert_int_equal(rep.n_rows, 2);
    assert_near(rep.on_policy_value, 1.0, 0);
    free(text);
}

static void test_tiny_propensities_warn(void **state)
{
    (void)state;
    struct ope_report rep;
    char *text;
    assert_int_equal(run("ope/tiny_propensity.csv", "uniform", 1u << OPE_IPS, false, &rep,
                         &text), 0);
    assert_contains(text, "tiny_propensity.csv:5: warning: 1 row with propensity below 0.001");
    assert_int_equal(rep.n_tiny, 1);
    assert_near(rep.max_weight, 0.5 / 0.0004, 1e-9);
    free(text);
}

/* ---- harness policies as targets ---- */

static void test_harness_policy_is_replayed(void **state)
{
    (void)state;
    struct ope_report rep;
    char *text;
    assert_int_equal(run("ope/obd_small.csv", "policy:ucb1", 1u << OPE_REPLAY | 1u << OPE_IPS,
                         false, &rep, &text), 0);
    assert_contains(text, "note: policy 'policy:ucb1' learns during the replay");
    free(text);
    /* UCB1 first plays arm 0 at each position, and the first row (position
     * 1) logged item 0, so at least that row matches. Its "probabilities"
     * are one-hot picks: each match has weight 1 / (1/3) = 3, and
     * ips = 3 * (matched rewards) / 6. */
    assert_true(find(&rep, OPE_REPLAY)->n >= 1);
    assert_near(find(&rep, OPE_IPS)->value * 6 / 3,
                find(&rep, OPE_REPLAY)->value * find(&rep, OPE_REPLAY)->n, 1e-12);
    assert_int_equal(run("ope/obd_small.csv", "policy:nope", 1u << OPE_IPS, false, &rep, &text),
                     -1);
    assert_contains(text, "error: unknown harness policy 'nope' (known: ");
    assert_contains(text, "ucb1");
    free(text);
    assert_int_equal(run("ope/obd_small.csv", "policy:ucb1,zz=1", 1u << OPE_IPS, false, &rep,
                         &text), -1);
    assert_contains(text, "error: policy 'ucb1' has no knob 'zz'");
    free(text);
}

/* Writer -> file -> ope_run: a context-free target given as a dist: file,
 * on a log with the context written as x_0. Deterministic (fixed seed), so
 * the interval check is exact, not a coin flip. */
static void test_simulated_log_round_trip_recovers_known_value(void **state)
{
    (void)state;
    char log_path[] = "/tmp/test_ope_simXXXXXX", dist_path[] = "/tmp/test_ope_distXXXXXX";
    int fd = mkstemp(log_path);
    close(fd);
    fd = mkstemp(dist_path);
    FILE *df = fdopen(fd, "w");
    static const double pi[K] = {0.1, 0.2, 0.3, 0.4};
    fprintf(df, "action,prob\n0,0.1\n1,0.2\n2,0.3\n3,0.4\n");
    fclose(df);
    struct diag_list d;
    diag_list_init(&d);
    struct bench_log_writer *w = bench_log_writer_open(log_path, 1, false, &d);
    assert_non_null(w);
    struct rng env;
    rng_stream(&env, 99, 1);
    for (int t = 0; t < 20000; t++) {
        int x = rng_uniform(&env) < 0.5;
        int a = ope_target_sample(logging[x], K, &env);
        double xv = x;
        struct bench_log_record rec = {.round = t + 1, .action = a,
                                       .reward = rng_uniform(&env) < mean[x][a],
                                       .propensity = logging[x][a], .x = &xv};
        bench_log_writer_row(w, &rec);
    }
    assert_int_equal(bench_log_writer_commit(w, &d), 0);
    double v = 0;
    for (int x = 0; x < 2; x++)
        for (int a = 0; a < K; a++)
            v += 0.5 * pi[a] * mean[x][a];
    struct ope_config cfg;
    ope_config_init(&cfg);
    cfg.log_path = log_path;
    char *spec = xasprintf("dist:%s", dist_path);
    cfg.policy = spec;
    cfg.estimators = 1u << OPE_IPS | 1u << OPE_SNIPS | 1u << OPE_DM | 1u << OPE_DR;
    struct ope_report rep;
    assert_int_equal(ope_run(&cfg, &rep, &d), 0);
    assert_int_equal(rep.n_rows, 20000);
    assert_int_equal(rep.n_actions, K);
    for (size_t i = 0; i < rep.n_est; i++) {
        const struct ope_estimate *e = &rep.est[i];
        print_message("%-6s %.4f [%.4f, %.4f] truth %.4f\n", ope_estimator_name(e->id),
                      e->value, e->ci_lo, e->ci_hi, v);
        if (e->id != OPE_DM && !(e->ci_lo <= v && v <= e->ci_hi))
            fail_msg("%s interval [%g, %g] misses the truth %g", ope_estimator_name(e->id),
                     e->ci_lo, e->ci_hi, v);
        /* the additive model misses the action-context interaction, so
         * dm is only roughly right; the others are within sampling error */
        assert_near(e->value, v, e->id == OPE_DM ? 0.05 : 0.02);
    }
    free(spec);
    diag_list_release(&d);
    unlink(log_path);
    unlink(dist_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* reading logs */
        cmocka_unit_test(test_bad_inputs_are_reported_with_position),
        cmocka_unit_test(test_bad_rows_stop_by_default_and_are_skipped_on_request),
        cmocka_unit_test(test_tiny_propensities_warn),
        /* harness policies */
        cmocka_unit_test(test_harness_policy_is_replayed),
        cmocka_unit_test(test_simulated_log_round_trip_recovers_known_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
