/*
 * test_wl_continuous: benchmarks/workloads/continuous.c, the gaussian,
 * bounded and revenue rewards have their stated means.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "tests/wl_fixture.h"

static void test_real_valued_rewards_have_their_means(void **state)
{
    struct wl w;
    wl_open(&w, "gaussian", 2, 1000, "best", 1.0, "gap", 0.5, "sigma", 2.0, "shuffle", 0.0,
            NULL);
    assert_near(mean_reward(&w, 1, 200000), 0.5, 5 * 2 / sqrt(200000));
    assert_near(w.cfg.type->lower_bound(&w.cfg), 2 * 4.0 / 0.5, 1e-12);
    wl_close(&w);
    wl_open(&w, "bounded", 2, 1000, "best", 0.7, "gap", 0.2, "shuffle", 0.0, NULL);
    for (int i = 0; i < 1000; i++) {
        double r = w.cfg.type->pull(w.st, 0);
        assert_true(r >= 0 && r <= 1);
    }
    assert_near(mean_reward(&w, 0, 200000), 0.7, 0.003);
    wl_close(&w);
    wl_open(&w, "revenue", 2, 1000, "best", 0.05, "gap", 0.01, "value_mu", 3.0, "value_sigma",
            0.5, "shuffle", 0.0, NULL);
    double expected = 0.05 * exp(3.0 + 0.125);
    assert_near(w.arms.means[0], expected, 1e-12);
    assert_near(mean_reward(&w, 0, 400000), expected, 0.05 * expected);
    wl_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_valued_rewards_have_their_means),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
