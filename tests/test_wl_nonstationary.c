/*
 * test_wl_nonstationary: benchmarks/workloads/nonstationary.c, piecewise
 * means reverse at their change points, and drift stays in [0, 1] and moves.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "benchmarks/workload.h"

#include "tests/wl_fixture.h"

static void test_piecewise_reverses_at_change_points(void **state)
{
    struct wl w;
    wl_open(&w, "piecewise", 3, 1000, "changes", 1.0, "shuffle", 0.0, "best", 0.9, "worst",
            0.1, NULL);
    const struct wl_type *t = w.cfg.type;
    long long next = t->advance(w.st, 1, &w.arms);
    assert_int_equal(next, 501);
    assert_int_equal(w.arms.best_arm, 0);
    next = t->advance(w.st, next, &w.arms);
    assert_int_equal(w.arms.best_arm, 2);
    assert_near(w.arms.means[0], 0.1, 1e-12);
    wl_close(&w);
    wl_open(&w, "piecewise", 2, 1000, "change_every", 100.0, NULL);
    assert_int_equal(w.cfg.type->advance(w.st, 1, &w.arms), 101);
    wl_close(&w);
}

static void test_drift_stays_in_unit_interval_and_moves(void **state)
{
    struct wl w;
    wl_open(&w, "drift", 4, 4000, "best", 0.6, "gap", 0.1, "amplitude", 1.0, NULL);
    const struct wl_type *t = w.cfg.type;
    int best_changes = 0, last = -1;
    for (long long s = 1; s <= 4000; s++) {
        assert_int_equal(t->advance(w.st, s, &w.arms), s + 1);
        for (int i = 0; i < 4; i++)
            assert_true(w.arms.means[i] >= 0 && w.arms.means[i] <= 1);
        best_changes += last >= 0 && w.arms.best_arm != last;
        last = w.arms.best_arm;
    }
    assert_true(best_changes >= 4);
    wl_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_piecewise_reverses_at_change_points),
        cmocka_unit_test(test_drift_stays_in_unit_interval_and_moves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
