/*
 * test_ope: the OPE log reader, targets, reward model, estimators and
 * driver on small shipped fixtures (tests/fixtures/ope/). The coverage
 * check is in test_ope_coverage.c, the real Open Bandit Dataset in
 * test_ope_obd.c.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "benchmarks/log_writer.h"
#include "benchmarks/ope/estimators.h"
#include "benchmarks/ope/log_csv.h"
#include "benchmarks/ope/ope.h"
#include "benchmarks/ope/reward_model.h"
#include "benchmarks/ope/target.h"
#include "benchmarks/rng.h"

/* The formatted diagnostics of list, one per line (caller frees). */
static char *format_all(const struct diag_list *list)
{
    char *all = xstrdup("");
    for (size_t i = 0; i < list->count; i++) {
        char *line = diag_format(&list->items[i]);
        char *next = xasprintf("%s%s\n", all, line);
        free(all);
        free(line);
        all = next;
    }
    return all;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("expected \"%s\" in:\n%s", needle, haystack);
}

/* ope_run on a fixture; returns its status, report in *rep, diagnostics
 * formatted in *text (caller frees). */
static int run(const char *rel, const char *policy, unsigned mask, bool skip_bad,
               struct ope_report *rep, char **text)
{
    struct ope_config cfg;
    ope_config_init(&cfg);
    char *path = xstrdup(fixture(rel));
    cfg.log_path = path;
    cfg.policy = policy;
    cfg.estimators = mask;
    cfg.skip_bad = skip_bad;
    cfg.items_path = NULL;
    struct diag_list d;
    diag_list_init(&d);
    int r = ope_run(&cfg, rep, &d);
    *text = format_all(&d);
    diag_list_release(&d);
    free(path);
    return r;
}

static const struct ope_estimate *find(const struct ope_report *rep, enum ope_estimator e)
{
    for (size_t i = 0; i < rep->n_est; i++)
        if (rep->est[i].id == e)
            return &rep->est[i];
    fail_msg("no estimate for %s", ope_estimator_name(e));
    return NULL;
}

/* ---- the log reader ---- */

static void test_log_reads_generic_columns(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct ope_log *log = ope_log_open(fixture("ope/generic_full.csv"), 0, &d);
    assert_non_null(log);
    assert_int_equal(ope_log_format(log), OPE_LOG_GENERIC);
    assert_int_equal(ope_log_has_position(log), 1);
    assert_int_equal(ope_log_n_x(log), 1);
    assert_int_equal(ope_log_n_cat(log), 1);
    assert_string_equal(ope_log_x_name(log, 0), "x_a");
    struct ope_row r;
    uint32_t cats[3];
    int want_action[3] = {0, 1, 2}, want_pos[3] = {1, 2, 1};
    double want_p[3] = {0.5, 0.5, 0.25}, want_x[3] = {0.5, -1, 2.5};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(ope_log_next(log, &r, &d), 1);
        assert_int_equal(r.line, i + 2);
        assert_int_equal(r.action, want_action[i]);
        assert_int_equal(r.position, want_pos[i]);
        assert_near(r.propensity, want_p[i], 0);
        assert_near(r.x[0], want_x[i], 0);
        cats[i] = r.cat[0];
    }
    assert_int_equal(ope_log_next(log, &r, &d), 0);
    assert_true(cats[0] != cats[1] && cats[1] != cats[2]);   /* "u,3" read as one field */
    assert_int_equal(d.count, 0);
    /* a second pass sees the same rows */
    assert_int_equal(ope_log_rewind(log, &d), 0);
    assert_int_equal(ope_log_next(log, &r, &d), 1);
    assert_int_equal(r.line, 2);
    assert_int_equal(r.cat[0], cats[0]);
    ope_log_free(log);
    diag_list_release(&d);
}

static void test_log_reads_obd_format(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct ope_log *log = ope_log_open(fixture("ope/obd_small.csv"), 0, &d);
    assert_non_null(log);
    assert_int_equal(ope_log_format(log), OPE_LOG_OBD);
    assert_int_equal(ope_log_n_actions(log), 3);       /* from the affinity columns */
    assert_int_equal(ope_log_n_x(log), 3);
    assert_int_equal(ope_log_n_cat(log), 2);
    assert_int_equal(ope_log_action_x(log, 2), ope_log_x_index(log, "user-item_affinity_2"));
    struct ope_row r;
    assert_int_equal(ope_log_next(log, &r, &d), 1);
    assert_int_equal(r.action, 0);
    assert_int_equal(r.position, 1);
    assert_near(r.reward, 0, 0);
    assert_near(r.propensity, 1.0 / 3, 1e-15);
    assert_near(r.x[ope_log_action_x(log, 1)], 1.0, 0);
    ope_log_free(log);
    diag_list_release(&d);
}

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

/* ---- targets ---- */

static struct ope_target *make_target(const char *spec, const char *rel_log, const char *items,
                                      struct ope_log **log, struct diag_list *d)
{
    *log = ope_log_open(fixture(rel_log), 0, d);
    assert_non_null(*log);
    char *items_path = items ? xstrdup(fixture(items)) : NULL;
    struct ope_target_env env = {.n_actions = 3, .n_positions = 2, .log = *log,
                                 .items_path = items_path, .seed = 1};
    struct ope_target *t = ope_target_new(spec, &env, d);
    free(items_path);
    return t;
}

static void test_targets_give_the_documented_distributions(void **state)
{
    (void)state;
    static const struct {
        const char *spec, *items;
        int row;                 /* 0-based data row of obd_small.csv */
        double probs[3];
    } cases[] = {
        {"uniform", NULL, 0, {1.0 / 3, 1.0 / 3, 1.0 / 3}},
        {"item:2", NULL, 1, {0, 0, 1}},
        /* item_feature_0: -0.5, 2.0, 1.5 -> item 1 at position 1, item 2 at 2 */
        {"top:item_feature_0", "ope/items.csv", 0, {0, 1, 0}},
        {"top:item_feature_0", "ope/items.csv", 1, {0, 0, 1}},
        /* row 4 (position 1): affinities 0, 5, 1 -> item 1 */
        {"top:user-item_affinity_", NULL, 4, {0, 1, 0}},
        /* row 1 (position 2): affinities 2, 0, 0 -> second best: 1 (tie, lower id) */
        {"top:user-item_affinity_", NULL, 1, {0, 1, 0}},
        {"dist:" BM_FIXTURES "/ope/dist_positions.csv", NULL, 0, {1, 0, 0}},
        {"dist:" BM_FIXTURES "/ope/dist_positions.csv", NULL, 1, {0, 0.5, 0.5}},
        /* obd_small's own frequencies at position 2: items 1, 0, 2 once each */
        {"freq:" BM_FIXTURES "/ope/obd_small.csv", NULL, 1, {1.0 / 3, 1.0 / 3, 1.0 / 3}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct diag_list d;
        diag_list_init(&d);
        struct ope_log *log;
        struct ope_target *t = make_target(cases[i].spec, "ope/obd_small.csv", cases[i].items,
                                           &log, &d);
        if (!t) {
            char *text = format_all(&d);
            fail_msg("%s: %s", cases[i].spec, text);
        }
        struct ope_row r;
        for (int k = 0; k <= cases[i].row; k++)
            assert_int_equal(ope_log_next(log, &r, &d), 1);
        double p[3];
        ope_target_probs(t, &r, p);
        for (int a = 0; a < 3; a++)
            if (fabs(p[a] - cases[i].probs[a]) > 1e-12)
                fail_msg("%s row %d: pi(%d) = %g, want %g", cases[i].spec, cases[i].row, a,
                         p[a], cases[i].probs[a]);
        ope_target_free(t);
        ope_log_free(log);
        diag_list_release(&d);
    }
}

static void test_bad_targets_are_reported(void **state)
{
    (void)state;
    static const struct {
        const char *spec, *expected;
    } cases[] = {
        {"sometimes", "error: unknown policy 'sometimes'"},
        {"item:", "error: policy 'item:' needs an argument after ':'"},
        {"item:7", "error: policy 'item:7': item '7' is not an integer in [0, 3)"},
        {"top:nothing", "no numeric columns nothing0..nothing2 and no --items file"},
        {"dist:" BM_FIXTURES "/ope/dist_bad_sum.csv",
         "dist_bad_sum.csv: error: probabilities for position 1 sum to 0.75, not 1"},
        {"dist:/nonexistent/dist.csv", "error: cannot read '/nonexistent/dist.csv'"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct diag_list d;
        diag_list_init(&d);
        struct ope_log *log;
        struct ope_target *t = make_target(cases[i].spec, "ope/obd_small.csv", NULL, &log, &d);
        assert_null(t);
        char *text = format_all(&d);
        assert_contains(text, cases[i].expected);
        free(text);
        ope_log_free(log);
        diag_list_release(&d);
    }
}

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

/* ---- reward model ---- */

/* With no context and a vanishing penalty, the additive model is the
 * per-action mean: tiny.csv has action 0 -> 1/2, action 1 -> 1/2; use
 * generic_full.csv's positions too. */
static void test_model_recovers_action_means(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct ope_log *log = ope_log_open(fixture("ope/tiny.csv"), 0, &d);
    struct ope_model_config mc = {.form = OPE_MODEL_ADDITIVE, .n_actions = 2, .n_positions = 1,
                                  .lambda = 1e-9, .r_mean = 0.5, .r_min = 0, .r_max = 1};
    for (int form = 0; form < 2; form++) {
        mc.form = form ? OPE_MODEL_DISJOINT : OPE_MODEL_ADDITIVE;
        struct ope_model *m = ope_model_new(log, &mc);
        assert_int_equal(ope_log_rewind(log, &d), 0);
        struct ope_row r;
        while (ope_log_next(log, &r, &d) > 0)
            ope_model_add(m, &r, NULL);
        ope_model_fit(m);
        assert_near(ope_model_predict(m, &r, 0), 0.5, 1e-8);
        assert_near(ope_model_predict(m, &r, 1), 0.5, 1e-8);
        ope_model_free(m);
    }
    /* a large penalty shrinks to the overall mean, clipped to [0, 1] */
    mc.lambda = 1e9;
    mc.r_mean = 0.8;
    struct ope_model *m = ope_model_new(log, &mc);
    ope_model_fit(m);
    struct ope_row r = {.action = 0, .position = 1};
    assert_near(ope_model_predict(m, &r, 1), 0.8, 1e-8);
    ope_model_free(m);
    ope_log_free(log);
    diag_list_release(&d);
}

/* ---- the log writer ---- */

static void test_writer_round_trips_through_the_reader(void **state)
{
    (void)state;
    char path[] = "/tmp/test_ope_writerXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    struct diag_list d;
    diag_list_init(&d);
    struct bench_log_writer *w = bench_log_writer_open(path, 2, true, &d);
    assert_non_null(w);
    double xs[3][2] = {{0.1, -2}, {1.0 / 3, 1e-300}, {0, 7}};
    double props[3] = {0.1, 1.0 / 3, 1};
    for (int i = 0; i < 3; i++) {
        struct bench_log_record rec = {.round = i + 1, .action = i, .position = 1 + i % 2,
                                       .reward = i * 0.1, .propensity = props[i], .x = xs[i]};
        bench_log_writer_row(w, &rec);
    }
    assert_int_equal(bench_log_writer_commit(w, &d), 0);
    struct ope_log *log = ope_log_open(path, 0, &d);
    assert_non_null(log);
    assert_int_equal(ope_log_n_x(log), 2);
    struct ope_row r;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(ope_log_next(log, &r, &d), 1);
        assert_int_equal(r.action, i);
        assert_int_equal(r.position, 1 + i % 2);
        assert_true(r.reward == i * 0.1);         /* exact, not approximately */
        assert_true(r.propensity == props[i]);
        assert_true(r.x[0] == xs[i][0] && r.x[1] == xs[i][1]);
    }
    assert_int_equal(ope_log_next(log, &r, &d), 0);
    assert_int_equal(d.count, 0);
    ope_log_free(log);
    diag_list_release(&d);
    unlink(path);
}

static void test_explore_reports_exact_propensities(void **state)
{
    (void)state;
    struct rng r;
    rng_seed(&r, 5);
    int counts[4] = {0};
    double p;
    for (int i = 0; i < 40000; i++) {
        int a = bench_log_explore(&r, 4, 0.2, 2, &p);
        counts[a]++;
        assert_near(p, a == 2 ? 0.85 : 0.05, 1e-15);
    }
    assert_near(counts[2] / 40000.0, 0.85, 0.01);
    assert_near(counts[0] / 40000.0, 0.05, 0.01);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* reading logs */
        cmocka_unit_test(test_log_reads_generic_columns),
        cmocka_unit_test(test_log_reads_obd_format),
        cmocka_unit_test(test_bad_inputs_are_reported_with_position),
        cmocka_unit_test(test_bad_rows_stop_by_default_and_are_skipped_on_request),
        cmocka_unit_test(test_tiny_propensities_warn),
        /* evaluation policies */
        cmocka_unit_test(test_targets_give_the_documented_distributions),
        cmocka_unit_test(test_bad_targets_are_reported),
        /* estimators */
        cmocka_unit_test(test_estimators_match_closed_form),
        cmocka_unit_test(test_switch_dr_spans_dm_to_dr),
        cmocka_unit_test(test_bootstrap_is_reproducible_and_seeded),
        cmocka_unit_test(test_quantile_interpolates_order_statistics),
        /* reward model */
        cmocka_unit_test(test_model_recovers_action_means),
        /* writing logs */
        cmocka_unit_test(test_writer_round_trips_through_the_reader),
        cmocka_unit_test(test_explore_reports_exact_propensities),
        /* harness policies */
        cmocka_unit_test(test_harness_policy_is_replayed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
