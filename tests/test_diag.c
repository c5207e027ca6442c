/*
 * test_diag: base/diag.c, diagnostics as data: every position form of
 * diag_format() and the bounded record list.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "base/diag.h"

/* ---- diag ---- */

static void test_diag_format_has_every_position_form(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    diag_add(&d, DIAG_ERROR, "a.yaml", 3, 7, "unknown trait '%s'", "reward_kind");
    diag_add(&d, DIAG_WARNING, "a.yaml", 0, 0, "file is empty");
    diag_add(&d, DIAG_ERROR, NULL, 0, 0, "no file");
    diag_add(&d, DIAG_NOTE, "b.csv", 12, 0, "row skipped");
    const char *want[] = {"a.yaml:3:7: error: unknown trait 'reward_kind'",
                          "a.yaml: warning: file is empty", "error: no file",
                          "b.csv:12: note: row skipped"};
    assert_int_equal(d.count, 4);
    assert_int_equal(d.errors, 2);
    for (size_t i = 0; i < 4; i++) {
        char *s = diag_format(&d.items[i]);
        assert_string_equal(s, want[i]);
        free(s);
    }
    struct diag_list other;
    diag_list_init(&other);
    diag_add(&other, DIAG_ERROR, "c", 1, 1, "x");
    diag_list_append(&d, &other);
    assert_int_equal(d.count, 5);
    assert_int_equal(d.errors, 3);
    assert_int_equal(other.count, 0);
    diag_list_release(&d);
}

static void test_diag_list_keeps_a_bounded_number_of_records(void **state)
{
    (void)state;
    struct diag_list d, other;
    diag_list_init(&d);
    diag_list_init(&other);
    for (int i = 0; i < DIAG_MAX_RECORDS + 500; i++)
        diag_add(&d, DIAG_ERROR, "big.yaml", i + 1, 1, "unknown key 'k%d'", i);
    assert_int_equal(d.count, DIAG_MAX_RECORDS);
    assert_int_equal(d.dropped, 500);
    assert_int_equal(d.errors, DIAG_MAX_RECORDS + 500);
    diag_add(&other, DIAG_WARNING, "w.yaml", 1, 1, "w");
    diag_add(&other, DIAG_ERROR, "w.yaml", 2, 1, "e");
    diag_list_append(&d, &other);
    assert_int_equal(d.count, DIAG_MAX_RECORDS);
    assert_int_equal(d.dropped, 502);
    assert_int_equal(d.errors, DIAG_MAX_RECORDS + 501);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diag_format_has_every_position_form),
        cmocka_unit_test(test_diag_list_keeps_a_bounded_number_of_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
