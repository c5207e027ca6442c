/*
 * test_log_csv: benchmarks/ope/log_csv.c, the OPE log reader on the generic
 * columns and on the Open Bandit Dataset format (tests/fixtures/ope/).
 */
#include "tests/helpers.h"

#include <stdlib.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* reading logs */
        cmocka_unit_test(test_log_reads_generic_columns),
        cmocka_unit_test(test_log_reads_obd_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
