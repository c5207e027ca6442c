/*
 * test_log_writer: benchmarks/log_writer.c, logs written during a benchmark
 * read back through the OPE reader, and exploration reports exact
 * propensities.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "benchmarks/log_writer.h"
#include "benchmarks/ope/log_csv.h"
#include "benchmarks/rng.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* writing logs */
        cmocka_unit_test(test_writer_round_trips_through_the_reader),
        cmocka_unit_test(test_explore_reports_exact_propensities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
