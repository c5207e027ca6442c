/*
 * test_sweep: benchmarks/sweep.c, sweep files (every problem reported with
 * its position, once), their expansion into cells, and shards.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/sweep.h"

#include "tests/sweep_fixture.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* loading */
        cmocka_unit_test(test_load_reports_every_problem_with_position),
        cmocka_unit_test(test_a_problem_shared_by_cells_is_reported_once),
        /* expansion and shards */
        cmocka_unit_test(test_cells_are_workloads_times_grid_last_axis_fastest),
        cmocka_unit_test(test_shards_partition_every_cell_and_seed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
