/*
 * test_yaml_reader: base/yaml_reader.c, the size limit, 1-based positions
 * and the typed scalar conversions.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/yaml_reader.h"

/* ---- yaml_reader ---- */

static void test_yaml_reader_refuses_huge_files(void **state)
{
    (void)state;
    struct yr_limits small = {.max_bytes = 100, .max_depth = 8};
    char buf[200];
    memset(buf, 'a', sizeof(buf));
    struct diag_list d;
    diag_list_init(&d);
    assert_null(yr_load_buffer("big.yaml", buf, sizeof(buf), &small, &d));
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "too large"));
    diag_list_release(&d);
}

static void test_yaml_reader_positions_and_scalars(void **state)
{
    (void)state;
    const char *text = "a: 1\nb:\n  - x\n  - \"y\"\nc: 1_000\nd: .nan\n";
    struct diag_list d;
    diag_list_init(&d);
    struct yr_doc *doc = yr_load_buffer("t.yaml", text, strlen(text), NULL, &d);
    assert_non_null(doc);
    const struct yr_node *b = yr_get(doc->root, "b");
    assert_int_equal(b->kind, YR_SEQUENCE);
    assert_int_equal(b->count, 2);
    assert_int_equal(b->items[1]->line, 4);
    assert_int_equal(b->items[1]->col, 5);
    assert_true(b->items[1]->quoted);
    long long v;
    assert_int_equal(yr_scalar_int(yr_get(doc->root, "c"), "c", "t.yaml", &d, &v), 0);
    assert_int_equal(v, 1000);
    double x;
    assert_int_equal(yr_scalar_double(yr_get(doc->root, "d"), "d", "t.yaml", &d, &x), -1);
    assert_int_equal(yr_scalar_double(yr_get(doc->root, "a"), "a", "t.yaml", &d, &x), 0);
    assert_near(x, 1.0, 0);
    const char *allowed[] = {"a", "b", "c", NULL};
    assert_int_equal(yr_check_keys(doc->root, allowed, "the test", "t.yaml", &d), 1);
    assert_int_equal(d.errors, 2);
    yr_doc_free(doc);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_reader_refuses_huge_files),
        cmocka_unit_test(test_yaml_reader_positions_and_scalars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
