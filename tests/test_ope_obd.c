/*
 * test_ope_obd: off-policy evaluation on the real Open Bandit Dataset
 * sample (men campaign, 10,000 rows per logging policy), shipped in
 * BM_SOURCE_ROOT/data/obd; a missing file is a failure. Every expected
 * value is computed here from the raw CSV columns (item_id, position,
 * click, propensity_score) by a reader of its own, never taken from the
 * program's output:
 *   - the on-policy value of a log is its mean click;
 *   - IPS = sum_i w_i r_i / n and SNIPS = sum_i w_i r_i / sum_i w_i with
 *     w_i = pi(a_i | p_i) / propensity_i, for the uniform target, item:A
 *     and the per-position frequencies of the other log;
 *   - against the truth: the random log is an on-policy sample of the
 *     uniform policy, and the BTS log of BTS, so each log's click rate is
 *     the value the other log's estimates must find, within their
 *     sampling error (computed here too).
 */
#include "tests/helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "benchmarks/ope/ope.h"

#define OBD BM_SOURCE_ROOT "/data/obd"
#define RANDOM_LOG OBD "/random/men/men.csv"
#define BTS_LOG OBD "/bts/men/men.csv"

enum { MAX_ROWS = 10000, MAX_ITEMS = 64, MAX_POS = 4 };

/* The raw columns of one OBD log. */
struct obd {
    int n;
    int item[MAX_ROWS], pos[MAX_ROWS];
    double click[MAX_ROWS], prop[MAX_ROWS];
    int n_items, n_pos;          /* largest item_id + 1, largest position */
};

static int column(char *header, const char *name)
{
    int c = 0;
    for (char *tok = strtok(header, ",\r\n"); tok; tok = strtok(NULL, ",\r\n"), c++)
        if (!strcmp(tok, name))
            return c;
    return -1;
}

/* A reader of its own: split each line at commas (OBD has no quoted
 * fields) and take the four columns by their header names. */
static void obd_read(const char *path, struct obd *d)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("Open Bandit Dataset sample %s not found (it ships in data/obd)", path);
    static char line[1 << 14], hdr[1 << 14];
    assert_non_null(fgets(line, sizeof(line), f));
    /* the index column has an empty name: count it by hand */
    int col[4];
    const char *names[4] = {"item_id", "position", "click", "propensity_score"};
    for (int k = 0; k < 4; k++) {
        strcpy(hdr, line[0] == ',' ? line + 1 : line);
        col[k] = column(hdr, names[k]) + (line[0] == ',');
        assert_true(col[k] >= 0);
    }
    memset(d, 0, sizeof(*d));
    while (fgets(line, sizeof(line), f)) {
        assert_true(d->n < MAX_ROWS);
        char *fields[64];
        int nf = 0;
        for (char *p = line, *q; nf < 64; p = q + 1) {
            fields[nf++] = p;
            q = strchr(p, ',');
            if (!q)
                break;
            *q = '\0';
        }
        int i = d->n++;
        d->item[i] = atoi(fields[col[0]]);
        d->pos[i] = atoi(fields[col[1]]);
        d->click[i] = strtod(fields[col[2]], NULL);
        d->prop[i] = strtod(fields[col[3]], NULL);
        assert_true(d->item[i] >= 0 && d->item[i] < MAX_ITEMS);
        assert_true(d->pos[i] >= 1 && d->pos[i] < MAX_POS);
        if (d->item[i] + 1 > d->n_items)
            d->n_items = d->item[i] + 1;
        if (d->pos[i] > d->n_pos)
            d->n_pos = d->pos[i];
    }
    fclose(f);
}

static double mean_click(const struct obd *d)
{
    double s = 0;
    for (int i = 0; i < d->n; i++)
        s += d->click[i];
    return s / d->n;
}

/* pi(a | p) of a target as a K x P table (row a, column p - 1). */
struct pi_table {
    double p[MAX_ITEMS][MAX_POS];
};

static void pi_uniform(struct pi_table *t, int k)
{
    for (int a = 0; a < MAX_ITEMS; a++)
        for (int p = 0; p < MAX_POS; p++)
            t->p[a][p] = a < k ? 1.0 / k : 0.0;
}

static void pi_item(struct pi_table *t, int item)
{
    memset(t, 0, sizeof(*t));
    for (int p = 0; p < MAX_POS; p++)
        t->p[item][p] = 1.0;
}

/* freq:LOG: the share of each action among LOG's rows at each position. */
static void pi_freq(struct pi_table *t, const struct obd *log)
{
    double n_pos[MAX_POS] = {0};
    memset(t, 0, sizeof(*t));
    for (int i = 0; i < log->n; i++) {
        t->p[log->item[i]][log->pos[i] - 1] += 1;
        n_pos[log->pos[i] - 1] += 1;
    }
    for (int a = 0; a < MAX_ITEMS; a++)
        for (int p = 0; p < MAX_POS; p++)
            if (n_pos[p] > 0)
                t->p[a][p] /= n_pos[p];
}

/* IPS and SNIPS of pi on d, their standard error (sd of w r / sqrt(n);
 * for SNIPS the delta method's sd of w (r - snips) / mean w), the sum and
 * largest weight. */
struct direct {
    double ips, snips, se_ips, se_snips, sum_w, max_w;
};

static struct direct direct_estimates(const struct obd *d, const struct pi_table *pi)
{
    struct direct e = {0};
    double swr = 0, swr2 = 0;
    for (int i = 0; i < d->n; i++) {
        double w = pi->p[d->item[i]][d->pos[i] - 1] / d->prop[i];
        swr += w * d->click[i];
        swr2 += w * d->click[i] * w * d->click[i];
        e.sum_w += w;
        e.max_w = w > e.max_w ? w : e.max_w;
    }
    double n = d->n;
    e.ips = swr / n;
    e.snips = swr / e.sum_w;
    e.se_ips = sqrt((swr2 / n - e.ips * e.ips) / n);
    double v = 0, wbar = e.sum_w / n;
    for (int i = 0; i < d->n; i++) {
        double w = pi->p[d->item[i]][d->pos[i] - 1] / d->prop[i];
        double z = w * (d->click[i] - e.snips) / wbar;
        v += z * z;
    }
    e.se_snips = sqrt(v / n / n);
    return e;
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

/* The report's IPS, SNIPS and weights against the direct sums, to
 * rounding (the sums of 10,000 terms in another order: 1e-12 relative). */
static void assert_matches_direct(const struct ope_report *rep, const struct direct *e)
{
    assert_near(rep->est[OPE_IPS].value, e->ips, 1e-12 * fabs(e->ips) + 1e-16);
    assert_near(rep->est[OPE_SNIPS].value, e->snips, 1e-12 * fabs(e->snips) + 1e-16);
    assert_near(rep->sum_weight, e->sum_w, 1e-12 * e->sum_w);
    assert_near(rep->max_weight, e->max_w, 1e-12 * e->max_w);
}

static struct obd random_log, bts_log;

static int read_logs(void **state)
{
    (void)state;
    obd_read(RANDOM_LOG, &random_log);
    obd_read(BTS_LOG, &bts_log);
    return 0;
}

/* ---- the logs themselves ---- */

static void test_on_policy_value_is_the_logs_click_rate(void **state)
{
    (void)state;
    assert_int_equal(access(RANDOM_LOG, R_OK), 0);
    struct ope_report rep;
    evaluate(RANDOM_LOG, "uniform", &rep);
    assert_int_equal(rep.n_rows, random_log.n);
    assert_int_equal(rep.n_actions, random_log.n_items);
    assert_int_equal(rep.n_positions, random_log.n_pos);
    assert_near(rep.on_policy_value, mean_click(&random_log), 1e-15);
    evaluate(BTS_LOG, "uniform", &rep);
    assert_int_equal(rep.n_rows, bts_log.n);
    assert_near(rep.on_policy_value, mean_click(&bts_log), 1e-15);
    double lo = 1, hi = 0;
    for (int i = 0; i < bts_log.n; i++) {
        lo = fmin(lo, bts_log.prop[i]);
        hi = fmax(hi, bts_log.prop[i]);
    }
    assert_near(rep.min_propensity, lo, 0);
    assert_near(rep.max_propensity, hi, 0);
}

/* The random log's propensities are all 1/K (checked here), so the
 * uniform target has weight 1 on every row: IPS and SNIPS are the mean
 * click exactly (to the rounding of (1/K) / p), and the truth is in both
 * intervals. */
static void test_uniform_target_on_the_uniform_log_is_its_click_rate(void **state)
{
    (void)state;
    int k = random_log.n_items;
    for (int i = 0; i < random_log.n; i++)
        assert_near(random_log.prop[i], 1.0 / k, 1e-15);
    struct ope_report rep;
    evaluate(RANDOM_LOG, "uniform", &rep);
    struct pi_table pi;
    pi_uniform(&pi, k);
    struct direct e = direct_estimates(&random_log, &pi);
    double truth = mean_click(&random_log);
    assert_near(e.ips, truth, 1e-12 * truth);
    assert_near(e.snips, truth, 1e-12 * truth);
    assert_matches_direct(&rep, &e);
    assert_near(rep.max_weight, 1.0, 1e-12);
    for (int s = OPE_IPS; s <= OPE_SNIPS; s++)
        if (!(rep.est[s].ci_lo <= truth && truth <= rep.est[s].ci_hi))
            fail_msg("%s: [%g, %g] misses %g", ope_estimator_name((enum ope_estimator)s),
                     rep.est[s].ci_lo, rep.est[s].ci_hi, truth);
}

/* ---- the BTS log: direct sums and the truth ---- */

/* The item BTS shows most often, and one it shows rarely (but at least
 * 20 times, so the estimate is not a handful of rows). */
static void bts_items(int *most, int *rare)
{
    int cnt[MAX_ITEMS] = {0};
    for (int i = 0; i < bts_log.n; i++)
        cnt[bts_log.item[i]]++;
    *most = 0;
    *rare = -1;
    for (int a = 0; a < bts_log.n_items; a++) {
        if (cnt[a] > cnt[*most])
            *most = a;
        if (cnt[a] >= 20 && (*rare < 0 || cnt[a] < cnt[*rare]))
            *rare = a;
    }
    assert_true(*rare >= 0 && *rare != *most);
}

static void test_ips_on_the_bts_log_is_the_weighted_sum_of_its_rows(void **state)
{
    (void)state;
    struct ope_report rep;
    struct pi_table pi;
    struct direct e;
    evaluate(BTS_LOG, "uniform", &rep);
    pi_uniform(&pi, bts_log.n_items);
    e = direct_estimates(&bts_log, &pi);
    assert_matches_direct(&rep, &e);
    int most, rare;
    bts_items(&most, &rare);
    int items[2] = {most, rare};
    for (int j = 0; j < 2; j++) {
        char spec[32];
        snprintf(spec, sizeof(spec), "item:%d", items[j]);
        evaluate(BTS_LOG, spec, &rep);
        pi_item(&pi, items[j]);
        e = direct_estimates(&bts_log, &pi);
        assert_true(e.sum_w > 0);
        assert_matches_direct(&rep, &e);
    }
}

/* The truth, the uniform policy's value, is the random log's click rate
 * (an on-policy sample of it, the same campaign and period). The BTS
 * log's IPS and SNIPS of the uniform target must be within 3 standard
 * errors of it, the error being that of the estimate and of the random
 * log's own mean (Bernoulli: sqrt(v (1 - v) / n)) together. (IPS here
 * is about 2 of these errors low: its interval from the bootstrap can
 * miss the truth, which is why the interval is not the test.) */
static void test_bts_log_estimates_of_uniform_find_the_random_logs_rate(void **state)
{
    (void)state;
    double truth = mean_click(&random_log);
    double se_truth = sqrt(truth * (1 - truth) / random_log.n);
    struct pi_table pi;
    pi_uniform(&pi, bts_log.n_items);
    struct direct e = direct_estimates(&bts_log, &pi);
    struct ope_report rep;
    evaluate(BTS_LOG, "uniform", &rep);
    double tol_ips = 3 * sqrt(e.se_ips * e.se_ips + se_truth * se_truth);
    double tol_snips = 3 * sqrt(e.se_snips * e.se_snips + se_truth * se_truth);
    assert_near(rep.est[OPE_IPS].value, truth, tol_ips);
    assert_near(rep.est[OPE_SNIPS].value, truth, tol_snips);
    assert_near(rep.est[OPE_DR].value, truth, tol_ips);
}

/* BTS's per-position action frequencies as the target on the random log:
 * IPS is the direct sum with pi computed here from the BTS log's rows,
 * and the truth is BTS's own click rate (the BTS log's mean), within 3
 * standard errors as above. */
static void test_bts_frequencies_on_the_random_log(void **state)
{
    (void)state;
    struct pi_table pi;
    pi_freq(&pi, &bts_log);
    struct direct e = direct_estimates(&random_log, &pi);
    struct ope_report rep;
    evaluate(RANDOM_LOG, "freq:" BTS_LOG, &rep);
    assert_matches_direct(&rep, &e);
    double truth = mean_click(&bts_log);
    double se_truth = sqrt(truth * (1 - truth) / bts_log.n);
    assert_near(rep.est[OPE_IPS].value, truth, 3 * sqrt(e.se_ips * e.se_ips + se_truth * se_truth));
    assert_near(rep.est[OPE_SNIPS].value, truth,
                3 * sqrt(e.se_snips * e.se_snips + se_truth * se_truth));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* the logs */
        cmocka_unit_test(test_on_policy_value_is_the_logs_click_rate),
        cmocka_unit_test(test_uniform_target_on_the_uniform_log_is_its_click_rate),
        /* direct sums and the truth */
        cmocka_unit_test(test_ips_on_the_bts_log_is_the_weighted_sum_of_its_rows),
        cmocka_unit_test(test_bts_log_estimates_of_uniform_find_the_random_logs_rate),
        cmocka_unit_test(test_bts_frequencies_on_the_random_log),
    };
    return cmocka_run_group_tests(tests, read_logs, NULL);
}
