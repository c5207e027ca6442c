/*
 * test_rng: known answers against the reference xoshiro256** and
 * splitmix64 outputs, save/restore, streams, and the samplers' moments
 * against closed forms.
 */
#include "tests/helpers.h"

#include <string.h>

#include "benchmarks/rng.h"

/* ---- known answers ---- */

static void test_splitmix64_matches_reference(void **state)
{
    /* splitmix64.c (Vigna) from state 0. */
    static const uint64_t expected[] = {0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL,
                                        0x06c45d188009454fULL, 0xf88bb8a8724c81ecULL};
    uint64_t x = 0;
    for (int i = 0; i < 4; i++)
        assert_true(rng_splitmix64(&x) == expected[i]);
}

static void test_xoshiro_matches_reference_from_state_1234(void **state)
{
    /* xoshiro256starstar.c next() from s = {1, 2, 3, 4}. */
    static const uint64_t expected[] = {0x2d00, 0x0, 0x5a007080, 0x10e0000000009d80ULL,
                                        0x10e0b61ce1009d80ULL, 0x0870021ce143ad00ULL};
    struct rng r = {{1, 2, 3, 4}};
    for (int i = 0; i < 6; i++)
        assert_true(rng_next(&r) == expected[i]);
}

static void test_seed_is_four_splitmix_outputs(void **state)
{
    static const uint64_t expected[] = {0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL,
                                        0xae17533239e499a1ULL};
    struct rng r;
    rng_seed(&r, 42);
    for (int i = 0; i < 3; i++)
        assert_true(rng_next(&r) == expected[i]);
}

/* ---- state ---- */

static void test_copy_saves_and_restores_state(void **state)
{
    struct rng r, saved;
    rng_seed(&r, 7);
    saved = r;
    uint64_t a = rng_next(&r), b = rng_next(&r);
    r = saved;
    assert_true(rng_next(&r) == a);
    assert_true(rng_next(&r) == b);
}

static void test_streams_are_reproducible_and_distinct(void **state)
{
    struct rng a, b, c, d;
    rng_stream(&a, 5, 0);
    rng_stream(&b, 5, 0);
    rng_stream(&c, 5, 1);
    rng_stream(&d, 6, 0);
    uint64_t xa = rng_next(&a);
    assert_true(xa == rng_next(&b));
    assert_true(xa != rng_next(&c));
    assert_true(xa != rng_next(&d));
}

static void test_jump_is_deterministic_and_moves(void **state)
{
    struct rng a, b;
    rng_seed(&a, 3);
    b = a;
    rng_jump(&a);
    rng_jump(&b);
    assert_memory_equal(a.s, b.s, sizeof(a.s));
    struct rng c;
    rng_seed(&c, 3);
    assert_memory_not_equal(a.s, c.s, sizeof(a.s));
}

/* ---- samplers against closed forms ---- */

enum { N = 400000 };

static void moments(double *x, int n, double *mean, double *var)
{
    double s = 0, s2 = 0;
    for (int i = 0; i < n; i++)
        s += x[i];
    *mean = s / n;
    for (int i = 0; i < n; i++)
        s2 += (x[i] - *mean) * (x[i] - *mean);
    *var = s2 / (n - 1);
}

static double sample[N];

static void test_uniform_is_in_unit_interval_with_mean_half(void **state)
{
    struct rng r;
    rng_seed(&r, 1);
    for (int i = 0; i < N; i++) {
        sample[i] = rng_uniform(&r);
        assert_true(sample[i] >= 0.0 && sample[i] < 1.0);
    }
    double m, v;
    moments(sample, N, &m, &v);
    assert_near(m, 0.5, 5 * sqrt(1.0 / 12 / N));
    assert_near(v, 1.0 / 12, 0.002);
}

static void test_below_is_unbiased(void **state)
{
    struct rng r;
    rng_seed(&r, 2);
    long counts[3] = {0};
    for (int i = 0; i < 300000; i++)
        counts[rng_below(&r, 3)]++;
    for (int i = 0; i < 3; i++)
        assert_near(counts[i], 100000, 5 * sqrt(300000 * (1.0 / 3) * (2.0 / 3)));
    for (int i = 0; i < 1000; i++) {
        assert_true(rng_below(&r, 1) == 0);
        assert_true(rng_below(&r, UINT64_C(1) << 63 | 5) < (UINT64_C(1) << 63 | 5));
    }
}

static void test_normal_has_unit_moments_and_tails(void **state)
{
    struct rng r;
    rng_seed(&r, 3);
    long above2 = 0, above4 = 0;
    for (int i = 0; i < N; i++) {
        sample[i] = rng_normal(&r);
        above2 += sample[i] > 2.0;
        above4 += sample[i] > 3.5;   /* beyond the ziggurat's base strip R = 3.44 */
    }
    double m, v;
    moments(sample, N, &m, &v);
    assert_near(m, 0.0, 5 / sqrt(N));
    assert_near(v, 1.0, 0.01);
    /* P(Z > 2) = 0.0227501, P(Z > 3.5) = 2.326e-4 */
    assert_near(above2 / (double)N, 0.0227501, 5 * sqrt(0.0227501 / N));
    assert_near(above4 / (double)N, 2.326e-4, 5 * sqrt(2.326e-4 / N));
}

static void test_gamma_moments_match_shape(void **state)
{
    static const double shapes[] = {0.3, 1.0, 3.7, 250.0};
    struct rng r;
    rng_seed(&r, 4);
    for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
        double a = shapes[k];
        for (int i = 0; i < N; i++)
            sample[i] = rng_gamma(&r, a);
        double m, v;
        moments(sample, N, &m, &v);
        assert_near(m, a, 5 * sqrt(a / N));
        assert_near(v / a, 1.0, 0.03);
    }
}

static void test_prepared_gamma_equals_gamma(void **state)
{
    struct rng a, b;
    rng_seed(&a, 9);
    b = a;
    struct rng_gamma_prep g;
    rng_gamma_prepare(&g, 17.0);
    for (int i = 0; i < 1000; i++)
        assert_true(rng_gamma(&a, 17.0) == rng_gamma_prepared(&b, &g));
}

static void test_beta_posterior_mean_and_variance(void **state)
{
    /* Beta(S+1, F+1) after S = 30 successes and F = 70 failures. */
    double a = 31, b = 71;
    struct rng r;
    rng_seed(&r, 5);
    for (int i = 0; i < N; i++)
        sample[i] = rng_beta(&r, a, b);
    double m, v;
    moments(sample, N, &m, &v);
    double em = a / (a + b), ev = a * b / ((a + b) * (a + b) * (a + b + 1));
    assert_near(m, em, 5 * sqrt(ev / N));
    assert_near(v / ev, 1.0, 0.03);
}

static void test_exponential_geometric_lognormal_means(void **state)
{
    struct rng r;
    rng_seed(&r, 6);
    double se = 0, sg = 0, sl = 0;
    long below = 0;
    for (int i = 0; i < N; i++) {
        se += rng_exponential(&r);
        long long g = rng_geometric(&r, 0.2);
        assert_true(g >= 1);
        sg += (double)g;
        double l = rng_lognormal(&r, 1.0, 0.5);
        sl += l;
        below += l < exp(1.0);
    }
    assert_near(se / N, 1.0, 5 / sqrt(N));
    assert_near(sg / N, 5.0, 5 * sqrt(20.0 / N));   /* var (1-p)/p^2 = 20 */
    assert_near(sl / N, exp(1.0 + 0.125), 0.02);
    assert_near(below / (double)N, 0.5, 5 * sqrt(0.25 / N));   /* median exp(mu) */
    assert_int_equal(rng_geometric(&r, 1.0), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* known answers */
        cmocka_unit_test(test_splitmix64_matches_reference),
        cmocka_unit_test(test_xoshiro_matches_reference_from_state_1234),
        cmocka_unit_test(test_seed_is_four_splitmix_outputs),
        /* state */
        cmocka_unit_test(test_copy_saves_and_restores_state),
        cmocka_unit_test(test_streams_are_reproducible_and_distinct),
        cmocka_unit_test(test_jump_is_deterministic_and_moves),
        /* samplers */
        cmocka_unit_test(test_uniform_is_in_unit_interval_with_mean_half),
        cmocka_unit_test(test_below_is_unbiased),
        cmocka_unit_test(test_normal_has_unit_moments_and_tails),
        cmocka_unit_test(test_gamma_moments_match_shape),
        cmocka_unit_test(test_prepared_gamma_equals_gamma),
        cmocka_unit_test(test_beta_posterior_mean_and_variance),
        cmocka_unit_test(test_exponential_geometric_lognormal_means),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
