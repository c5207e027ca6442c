/*
 * test_wl_bernoulli: benchmarks/workloads/bernoulli.c, the default rates are
 * realistic click-through rates and the rewards have them as means.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "tests/wl_fixture.h"

static void test_default_bernoulli_rates_are_realistic_ctrs(void **state)
{
    struct wl w;
    wl_open(&w, "bernoulli", 10, 1000, "shuffle", 0.0, NULL);
    assert_near(w.cfg.means[0], 0.1, 1e-15);
    assert_near(w.cfg.means[9], 0.001, 1e-15);
    for (int i = 1; i < 10; i++)
        assert_true(w.cfg.means[i] < w.cfg.means[i - 1]);
    assert_near(mean_reward(&w, 0, 200000), 0.1, 5 * sqrt(0.09 / 200000));
    wl_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_bernoulli_rates_are_realistic_ctrs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
