/*
 * test_sweep_exec: benchmarks/sweep_exec.c, a cell's result is
 * bench_run()'s, byte for byte, and part files round-trip exactly while
 * stale parts are ignored.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "base/xalloc.h"
#include "benchmarks/sweep.h"
#include "report/results.h"

#include "tests/sweep_fixture.h"

/* ---- results ---- */

static char *json_of(const struct bench_results *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    report_results_json(r, mem, true, false);
    fclose(mem);
    return buf;
}

static char *cell_json(struct sweep_cell *cell)
{
    struct bench_results r;
    bench_results_init(&r);
    sweep_cell_results(cell, &r);
    char *j = json_of(&r);
    bench_results_release(&r);
    return j;
}

static void test_a_cell_is_bench_run_byte_for_byte(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct sweep *sw = load_text(tiny, &d);
    assert_non_null(sw);
    static const size_t cells[] = {0, 5, 11};
    for (size_t k = 0; k < 3; k++) {
        struct bench_spec *s = sweep_cell_spec(sw, cells[k]);
        struct bench_results r;
        bench_results_init(&r);
        assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
        char *want = json_of(&r);
        bench_results_release(&r);
        bench_spec_free(s);
        /* seeds in a scrambled order, on 3 threads, in two calls */
        struct sweep_cell *cell = sweep_cell_new(sw, cells[k]);
        int first[] = {4, 1}, rest[] = {0, 3, 2};
        sweep_cell_run(cell, first, 2, 3);
        assert_int_equal(sweep_cell_missing(cell), 3 * sweep_cell_policies(cell));
        sweep_cell_run(cell, rest, 3, 2);
        char *got = cell_json(cell);
        assert_string_equal(got, want);
        free(got);
        free(want);
        sweep_cell_free(cell);
    }
    sweep_free(sw);
    diag_list_release(&d);
}

static void test_parts_round_trip_exactly_and_stale_parts_are_ignored(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct sweep *sw = load_text(tiny, &d);
    assert_non_null(sw);
    int all[] = {0, 1, 2, 3, 4};
    struct sweep_cell *ref = sweep_cell_new(sw, 7);
    sweep_cell_run(ref, all, 5, 1);
    char *want = cell_json(ref);
    /* three shards write their parts; a fresh cell reads them back */
    for (int i = 1; i <= 3; i++) {
        char tag[32];
        snprintf(tag, sizeof(tag), "shard-%d-of-3", i);
        assert_int_equal(sweep_cell_write_part(ref, dir, tag, i, 3, &d), 0);
    }
    struct sweep_cell *back = sweep_cell_new(sw, 7);
    assert_int_equal(sweep_cell_load_parts(back, dir, &d), 5 * 2);
    assert_int_equal(sweep_cell_missing(back), 0);
    char *got = cell_json(back);
    assert_string_equal(got, want);
    free(got);
    assert_int_equal(d.count, 0);
    /* the same directory read for another cell index finds nothing */
    struct sweep_cell *other = sweep_cell_new(sw, 6);
    assert_int_equal(sweep_cell_load_parts(other, dir, &d), 0);
    /* a part whose fingerprint does not match is a warning, not data */
    char *path = xasprintf("%s/cell-00006.x.part", dir);
    char *cmd = xasprintf("sed 's/^cell 7 /cell 6 /' '%s/cell-00007.shard-1-of-3.part' > '%s'",
                          dir, path);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(sweep_cell_load_parts(other, dir, &d), 0);
    assert_true(has_diag(&d, "stale part"));
    assert_int_equal(d.errors, 0);
    free(cmd);
    free(path);
    free(want);
    sweep_cell_free(other);
    sweep_cell_free(back);
    sweep_cell_free(ref);
    sweep_free(sw);
    diag_list_release(&d);
}

/* A value changed inside a part (here a regret's exponent, which still
 * parses as a finite number) fails the part's checksum: the part is
 * ignored with a warning naming it, and its units stay missing, so they
 * are recomputed rather than merged. */
static void test_part_with_a_changed_value_fails_its_checksum(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct sweep *sw = load_text(tiny, &d);
    assert_non_null(sw);
    int all[] = {0, 1, 2, 3, 4};
    struct sweep_cell *ref = sweep_cell_new(sw, 3);
    sweep_cell_run(ref, all, 5, 1);
    assert_int_equal(sweep_cell_write_part(ref, dir, "sum", 0, 0, &d), 0);
    char *path = xasprintf("%s/cell-00003.sum.part", dir);
    char *cmd = xasprintf("sed -i '/^u 0 0 /s/p+/p+9/' '%s' && grep -q 'p+9' '%s'", path, path);
    assert_int_equal(system(cmd), 0);
    struct sweep_cell *back = sweep_cell_new(sw, 3);
    size_t missing = sweep_cell_missing(back);
    assert_int_equal(sweep_cell_load_parts(back, dir, &d), 0);
    assert_int_equal(sweep_cell_missing(back), missing);
    char *want = xasprintf("%s:3: warning: checksum mismatch (the part changed after it was "
                           "written); ignored", path);
    bool found = false;
    for (size_t i = 0; i < d.count && !found; i++) {
        char *f = diag_format(&d.items[i]);
        found = !strcmp(f, want);
        free(f);
    }
    assert_true(found);
    assert_int_equal(d.errors, 0);
    free(want);
    free(cmd);
    free(path);
    sweep_cell_free(back);
    sweep_cell_free(ref);
    sweep_free(sw);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_part_with_a_changed_value_fails_its_checksum),
        /* results */
        cmocka_unit_test(test_a_cell_is_bench_run_byte_for_byte),
        cmocka_unit_test(test_parts_round_trip_exactly_and_stale_parts_are_ignored),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
