/*
 * test_wl_nonstationary: benchmarks/workloads/nonstationary.c, piecewise
 * means reverse at their change points (the best arm becomes the worst in
 * every seed), drift stays in [0, 1] and moves, both take churn, and churn
 * 0 gives today's results.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/workload.h"

#include "tests/wl_fixture.h"
#include "tests/churn_fixture.h"

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

/* ---- the ranking flip and churn ---- */

/* Mode 0: in every seed (shuffled order) the best arm before a change
 * point is the worst after it, and the whole ranking reverses. */
static void test_piecewise_best_arm_becomes_the_worst_in_every_seed(void **state)
{
    struct wl w;
    wl_open(&w, "piecewise", 6, 4000, "changes", 3.0, NULL);
    const struct wl_type *t = w.cfg.type;
    for (uint64_t key = 1; key <= 50; key++) {
        memset(w.st, 0, t->state_size(&w.cfg));
        t->init(w.st, &w.cfg, &(struct wl_seed){key, 0});
        double before[6];
        long long next = t->advance(w.st, 1, &w.arms);
        for (int c = 0; c < 3; c++) {
            int best = w.arms.best_arm;
            for (int i = 0; i < 6; i++)
                before[i] = w.arms.means[i];
            assert_int_equal(next, 1 + (c + 1) * 1000);
            next = t->advance(w.st, next, &w.arms);
            int worst = 0;
            for (int i = 1; i < 6; i++)
                if (w.arms.means[i] < w.arms.means[worst])
                    worst = i;
            if (worst != best)
                fail_msg("seed %llu, change %d: the best arm %d is not the worst after it",
                         (unsigned long long)key, c, best);
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++)
                    if (before[i] > before[j])
                        assert_true(w.arms.means[i] < w.arms.means[j]);
        }
    }
    wl_close(&w);
}

/* Change points and replacements interleave: advance() is called at both
 * and reports replacements only at its churn rounds. */
static void test_piecewise_and_drift_take_churn(void **state)
{
    struct wl w;
    wl_open(&w, "piecewise", 5, 1000, "change_every", 300.0, "churn_every", 70.0, NULL);
    const struct wl_type *t = w.cfg.type;
    long long next = t->advance(w.st, 1, &w.arms), n = 0;
    while (next <= 1000) {
        long long s = next;
        w.arms.n_replaced = 0;
        next = t->advance(w.st, s, &w.arms);
        assert_int_equal(w.arms.n_replaced, (s - 1) % 70 == 0);
        n += w.arms.n_replaced;
    }
    assert_int_equal(n, 999 / 70);
    wl_close(&w);
    wl_open(&w, "drift", 5, 1000, "churn_every", 50.0, "churn_alpha", 1.0, "churn_beta", 1.0,
            NULL);
    t = w.cfg.type;
    n = 0;
    for (long long s = 2; s <= 1000; s++) {
        w.arms.n_replaced = 0;
        assert_int_equal(t->advance(w.st, s, &w.arms), s + 1);
        n += w.arms.n_replaced;
    }
    assert_int_equal(n, 999 / 50);
    wl_close(&w);
}

static void test_churn_zero_is_todays_drift_and_piecewise(void **state)
{
    static const struct churn0_case cases[] = {
        /* ducb's figure is that of its discount as Garivier & Moulines'
         * eq. 2 has it (the last play weighs 1 when the next is chosen) */
        {"drift", "ts,ucb1,klucb,dts,ducb", NULL, NULL, 0, 0,
         {"31.8179244", "150.6004744", "32.03325362", "206.8821792", "203.7923523"}},
        {"piecewise", "ts,ucb1,klucb,swucb,cusum_ucb", "mode", "changes", 1, 3,
         {"108.5034984", "169.1370064", "80.14755741", "185.0002462", "155.8007895"}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_churn0(&cases[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_piecewise_reverses_at_change_points),
        cmocka_unit_test(test_drift_stays_in_unit_interval_and_moves),
        /* the ranking flip and churn */
        cmocka_unit_test(test_piecewise_best_arm_becomes_the_worst_in_every_seed),
        cmocka_unit_test(test_piecewise_and_drift_take_churn),
        cmocka_unit_test(test_churn_zero_is_todays_drift_and_piecewise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
