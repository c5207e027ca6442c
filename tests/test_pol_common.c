/*
 * test_pol_common: benchmarks/policies/common.c, the helpers the policies
 * share: the top-L selection with low-index ties, and the KL and Beta-tail
 * bounds against closed forms.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>

#include "benchmarks/policy.h"

static void test_top_l_orders_scores_with_low_index_ties(void **state)
{
    const double score[] = {0.1, 0.5, 0.3, 0.5, 0.9, -1};
    int out[4];
    pol_top_l(score, 6, 4, out);
    assert_int_equal(out[0], 4);
    assert_int_equal(out[1], 1);
    assert_int_equal(out[2], 3);
    assert_int_equal(out[3], 2);
}

static void test_kl_and_klucb_closed_forms(void **state)
{
    assert_near(pol_kl_bernoulli(0.5, 0.5), 0, 1e-15);
    assert_near(pol_kl_bernoulli(0.48, 0.5), 0.000800213, 1e-8);
    assert_near(pol_kl_bernoulli(0.0, 0.5), log(2.0), 1e-12);
    double q = pol_kl_ucb(0.3, 100, 2.0);
    assert_true(q > 0.3);
    assert_near(100 * pol_kl_bernoulli(0.3, q), 2.0, 1e-9);
    assert_near(pol_kl_ucb(0.0, 10, 1.0), 1 - exp(-0.1), 1e-10);
    assert_near(pol_kl_ucb(1.0, 10, 1.0), 1.0, 0);
    q = pol_kl_lcb(0.3, 100, 2.0);
    assert_true(q < 0.3);
    assert_near(100 * pol_kl_bernoulli(0.3, q), 2.0, 1e-9);
}

static void test_beta_tail_and_quantile_closed_forms(void **state)
{
    assert_near(pol_beta_upper_tail(0.3, 1, 1), 0.7, 1e-13);
    assert_near(pol_beta_upper_tail(0.5, 2, 3), 0.3125, 1e-13);   /* 1 - I_0.5(2,3) */
    assert_near(pol_beta_upper_tail(0.9, 5, 1), 1 - pow(0.9, 5), 1e-13);
    assert_near(pol_beta_upper_quantile(1, 1, 0.25), 0.75, 1e-12);
    double x = pol_beta_upper_quantile(300, 700, 1e-3);
    assert_near(pol_beta_upper_tail(x, 300, 700), 1e-3, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* policies */
        cmocka_unit_test(test_top_l_orders_scores_with_low_index_ties),
        /* closed forms */
        cmocka_unit_test(test_kl_and_klucb_closed_forms),
        cmocka_unit_test(test_beta_tail_and_quantile_closed_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
