/*
 * test_log_csv: benchmarks/ope/log_csv.c, the OPE log reader on the generic
 * columns and on the Open Bandit Dataset format (tests/fixtures/ope/).
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchmarks/ope/log_csv.h"
#include "benchmarks/rng.h"

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

/* An OBD file whose propensity_score column was renamed (or item_id
 * dropped): the error names the one OBD column that is missing, not the
 * generic format's action, reward and propensity. */
static void expect_only_error(const char *header, const char *want)
{
    char path[] = "/tmp/bm_test_log_csv_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fprintf(f, "%s\n0,2019-11-24 00:00:00+00:00,0,1,0,0.5,a,0.0\n", header);
    fclose(f);
    struct diag_list d;
    diag_list_init(&d);
    struct ope_log *log = ope_log_open(path, 0, &d);
    assert_null(log);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.count, 1);
    if (!strstr(d.items[0].message, want))
        fail_msg("got '%s', want '%s'", d.items[0].message, want);
    assert_int_equal(d.items[0].line, 1);
    diag_list_release(&d);
    unlink(path);
}

static void test_obd_header_names_its_missing_column(void **state)
{
    (void)state;
    expect_only_error(",timestamp,item_id,position,click,pscore,user_feature_0,"
                      "user-item_affinity_0",
                      "missing column 'propensity_score' (the header is of an Open Bandit "
                      "Dataset file: it has 'item_id' and 'click')");
    /* renamed to the generic name: still OBD-shaped (no action, no reward) */
    expect_only_error(",timestamp,item_id,position,click,propensity,user_feature_0,"
                      "user-item_affinity_0",
                      "missing column 'propensity_score'");
    expect_only_error(",timestamp,item,position,click,propensity_score,user_feature_0,"
                      "user-item_affinity_0",
                      "missing column 'item_id' (the header is of an Open Bandit Dataset "
                      "file: it has 'click' and 'propensity_score')");
    /* a generic header that happens to have an item_id and a click column
     * keeps the generic format's error */
    expect_only_error("item_id,click,action,reward,x,y,z,w", "missing column 'propensity'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* reading logs */
        cmocka_unit_test(test_log_reads_generic_columns),
        cmocka_unit_test(test_log_reads_obd_format),
        cmocka_unit_test(test_obd_header_names_its_missing_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
