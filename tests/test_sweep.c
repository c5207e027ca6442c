/*
 * test_sweep: sweep files, their expansion into cells, shards, part files,
 * and the promise that a cell's result is bench_run()'s, byte for byte.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "benchmarks/sweep.h"
#include "report/results.h"

static const char *const tiny =
    "name: t\n"
    "seed: 9\n"
    "seeds: 5\n"
    "horizon: 400\n"
    "arms: 3\n"
    "policies: [ucb1, egreedy]\n"
    "recommended: ucb1\n"
    "workloads:\n"
    "  - name: a\n"
    "    workload: bernoulli\n"
    "    params: {best: 0.5, gap: 0.2}\n"
    "  - gaussian\n"
    "grid:\n"
    "  egreedy.epsilon: [0.1, 0.3]\n"
    "  batch: [1, 4, 8]\n";

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/test_sweep.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char *cmd = xasprintf("rm -rf '%s'", dir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static char *write_tmp(const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static struct sweep *load_text(const char *text, struct diag_list *d)
{
    char *path = write_tmp("s.yaml", text);
    struct sweep *sw = sweep_load(path, d);
    free(path);
    return sw;
}

static bool has_diag(const struct diag_list *d, const char *needle)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format(&d->items[i]);
        bool hit = strstr(s, needle) != NULL;
        free(s);
        if (hit)
            return true;
    }
    return false;
}

/* ---- loading ---- */

static void test_load_reports_every_problem_with_position(void **state)
{
    static const struct {
        const char *title, *yaml, *expected;
    } cases[] = {
        {"unknown key", "seedz: 3\nworkloads: [bernoulli]\n",
         "s.yaml:1:1: error: unknown key 'seedz' in the sweep (did you mean 'seed'?)"},
        {"no workloads", "seeds: 3\n", "error: missing key 'workloads' in the sweep"},
        {"grid not a list", "workloads: [bernoulli]\npolicies: [ucb1]\ngrid: {batch: 3}\n",
         "s.yaml:3:15: error: grid axis 'batch' must be a list"},
        {"unknown knob in the grid",
         "workloads: [bernoulli]\npolicies: [egreedy]\ngrid:\n  egreedy.epsilom: [0.1]\n",
         "s.yaml:4:21: error: policy 'egreedy' has no knob 'epsilom' (did you mean 'epsilon'?)"},
        {"unknown workload", "policies: [ucb1]\nworkloads:\n  - workload: bernouli\n",
         "s.yaml:3:15: error: unknown workload 'bernouli' (did you mean 'bernoulli'?)"},
        {"bad seeds", "seeds: 0\nworkloads: [bernoulli]\npolicies: [ucb1]\n",
         "s.yaml:1:8: error: sweep key 'seeds' must be between 1"},
        {"entry key", "policies: [ucb1]\nworkloads:\n  - {workload: bernoulli, horizn: 3}\n",
         "s.yaml:3:27: error: unknown key 'horizn' in a workloads entry"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct diag_list d;
        diag_list_init(&d);
        struct sweep *sw = load_text(cases[i].yaml, &d);
        if (sw || !has_diag(&d, cases[i].expected)) {
            for (size_t j = 0; j < d.count; j++) {
                char *s = diag_format(&d.items[j]);
                print_message("  got: %s\n", s);
                free(s);
            }
            fail_msg("case '%s': expected '%s'", cases[i].title, cases[i].expected);
        }
        diag_list_release(&d);
    }
}

static void test_a_problem_shared_by_cells_is_reported_once(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct sweep *sw = load_text("policies: [ucbb]\nworkloads: [bernoulli, gaussian]\n"
                                 "grid: {batch: [1, 2, 3]}\n", &d);
    assert_null(sw);
    assert_int_equal(d.errors, 1);
    diag_list_release(&d);
}

/* ---- expansion ---- */

static void test_cells_are_workloads_times_grid_last_axis_fastest(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct sweep *sw = load_text(tiny, &d);
    assert_non_null(sw);
    assert_int_equal(sw->n_cells, 12);
    static const char *const labels[] = {"a egreedy.epsilon=0.1 batch=1",
                                         "a egreedy.epsilon=0.1 batch=4",
                                         "a egreedy.epsilon=0.3 batch=1",
                                         "gaussian egreedy.epsilon=0.3 batch=8"};
    static const size_t at[] = {0, 1, 3, 11};
    for (size_t i = 0; i < 4; i++) {
        char *l = sweep_cell_label(sw, at[i]);
        assert_string_equal(l, labels[i]);
        free(l);
    }
    struct bench_spec *s = sweep_cell_spec(sw, 4);
    assert_string_equal(s->workload, "bernoulli");
    assert_int_equal(s->arms, 3);
    assert_int_equal(s->horizon, 400);
    assert_int_equal(s->seeds, 5);
    assert_int_equal(s->n_policies, 2);
    assert_near(bench_spec_param_or(s, "egreedy.epsilon", -1), 0.3, 0);
    assert_near(bench_spec_param_or(s, "batch", -1), 4, 0);
    assert_near(bench_spec_param_or(s, "gap", -1), 0.2, 0);
    bench_spec_free(s);
    for (size_t c = 1; c < sw->n_cells; c++)
        assert_true(sw->cell_fp[c] != sw->cell_fp[c - 1]);
    sweep_free(sw);
    diag_list_release(&d);
}

static void test_shards_partition_every_cell_and_seed(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct sweep *sw = load_text(tiny, &d);
    assert_non_null(sw);
    for (int n = 1; n <= 7; n++)
        for (size_t c = 0; c < sw->n_cells; c++)
            for (int s = 0; s < sw->seeds; s++) {
                int owners = 0;
                for (int i = 1; i <= n; i++)
                    owners += sweep_shard_owns(sw, c, s, i, n);
                assert_int_equal(owners, 1);
            }
    int i, n;
    assert_int_equal(sweep_parse_shard("2/4", &i, &n), 0);
    assert_int_equal(i * 10 + n, 24);
    static const char *const bad[] = {"0/4", "5/4", "1/", "/4", "1/4x", "a/b", ""};
    for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
        assert_int_equal(sweep_parse_shard(bad[k], &i, &n), -1);
    sweep_free(sw);
    diag_list_release(&d);
}

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* loading */
        cmocka_unit_test(test_load_reports_every_problem_with_position),
        cmocka_unit_test(test_a_problem_shared_by_cells_is_reported_once),
        /* expansion and shards */
        cmocka_unit_test(test_cells_are_workloads_times_grid_last_axis_fastest),
        cmocka_unit_test(test_shards_partition_every_cell_and_seed),
        /* results */
        cmocka_unit_test(test_a_cell_is_bench_run_byte_for_byte),
        cmocka_unit_test(test_parts_round_trip_exactly_and_stale_parts_are_ignored),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
