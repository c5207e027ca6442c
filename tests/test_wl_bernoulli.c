/*
 * test_wl_bernoulli: benchmarks/workloads/bernoulli.c, the default rates are
 * realistic click-through rates and the rewards have them as means;
 * catalogue churn against its closed forms (exact counts with churn_every,
 * the Binomial mean and variance with churn, Beta(a, b) rates), common
 * random numbers, churn 0 giving today's results, and thread-count
 * independence.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "tests/wl_fixture.h"
#include "tests/churn_fixture.h"

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

/* ---- catalogue churn ---- */

/* Restart w's run on another seed. */
static void wl_reseed(struct wl *w, uint64_t key)
{
    const struct wl_type *t = w->cfg.type;
    memset(w->st, 0, t->state_size(&w->cfg));
    struct wl_seed seed = {key, 0};
    t->init(w->st, &w->cfg, &seed);
}

/* Replacements over rounds 1..T, driving advance() as the runner does;
 * rates[] collects the new items' rates (NULL: not kept). */
static long long count_replacements(struct wl *w, long long horizon, double *rates, long long cap)
{
    const struct wl_type *t = w->cfg.type;
    long long n = 0;
    for (long long s = 1; s <= horizon;) {
        w->arms.replaced = NULL;
        w->arms.n_replaced = 0;
        long long next = t->advance(w->st, s, &w->arms);
        if (s == 1)
            assert_int_equal(w->arms.n_replaced, 0);   /* round 1 is the first catalogue */
        for (int j = 0; j < w->arms.n_replaced; j++) {
            int slot = w->arms.replaced[j];
            assert_true(slot >= 0 && slot < w->cfg.k);
            if (rates && n < cap)
                rates[n] = w->arms.means[slot];
            n++;
        }
        assert_true(next > s);
        s = next;
    }
    return n;
}

static void test_churn_every_replaces_exactly_every_n_rounds(void **state)
{
    struct wl w;
    wl_open(&w, "bernoulli", 8, 10000, "churn_every", 7.0, NULL);
    assert_int_equal(count_replacements(&w, 10000, NULL, 0), (10000 - 1) / 7);
    wl_close(&w);
    wl_open(&w, "delayed", 8, 10000, "churn_every", 1.0, "delay_mean", 3.0, NULL);
    assert_int_equal(count_replacements(&w, 10000, NULL, 0), 9999);
    wl_close(&w);
}

/* Each round after the first replaces with probability p: Binomial(T-1,
 * p) replacements, mean (T - 1) p, variance (T - 1) p (1 - p). */
static void test_churn_count_has_the_binomial_mean(void **state)
{
    const long long horizon = 10001;
    const double p = 0.01;
    const int seeds = 200;
    struct wl w;
    wl_open(&w, "bernoulli", 10, horizon, "churn", p, NULL);
    double sum = 0, sum2 = 0;
    for (int s = 0; s < seeds; s++) {
        wl_reseed(&w, 1000 + (uint64_t)s);
        double c = (double)count_replacements(&w, horizon, NULL, 0);
        sum += c;
        sum2 += c * c;
    }
    double mean = sum / seeds, var = sum2 / seeds - mean * mean;
    double mu = (horizon - 1) * p, sigma2 = (horizon - 1) * p * (1 - p);
    assert_near(mean, mu, 5 * sqrt(sigma2 / seeds));
    assert_near(var, sigma2, 0.35 * sigma2);
    wl_close(&w);
}

/* With churn_alpha/beta, new rates (and the first k) ~ Beta(a, b):
 * mean a / (a + b), variance a b / ((a + b)^2 (a + b + 1)). */
static void test_new_items_rates_follow_the_beta_prior(void **state)
{
    enum { N = 20000 };
    const double a = 2, b = 6;
    double *rates = malloc(N * sizeof(double));
    struct wl w;
    wl_open(&w, "bernoulli", 10, N + 1, "churn_every", 1.0, "churn_alpha", a, "churn_beta", b,
            NULL);
    assert_int_equal(count_replacements(&w, N + 1, rates, N), N);
    double m = 0, v = 0;
    for (int i = 0; i < N; i++)
        m += rates[i] / N;
    for (int i = 0; i < N; i++)
        v += (rates[i] - m) * (rates[i] - m) / (N - 1);
    double mu = a / (a + b), var = a * b / ((a + b) * (a + b) * (a + b + 1));
    assert_near(m, mu, 5 * sqrt(var / N));
    assert_near(v, var, 0.05 * var);
    double first = 0;   /* the initial catalogue, over seeds */
    for (int s = 0; s < 400; s++) {
        wl_reseed(&w, 5000 + (uint64_t)s);
        w.cfg.type->advance(w.st, 1, &w.arms);
        for (int i = 0; i < 10; i++)
            first += w.arms.means[i] / 4000;
    }
    assert_near(first, mu, 5 * sqrt(var / 4000));
    free(rates);
    wl_close(&w);
}

/* A new item pays from its own stream: the n-th pull of item j is the
 * same whichever slot history led to it, and churn is invisible to the
 * other slots' streams. */
static void test_churn_leaves_other_slots_streams_alone(void **state)
{
    struct wl a, b;
    wl_open(&a, "bernoulli", 4, 1000, "best", 0.5, "gap", 0.1, NULL);
    wl_open(&b, "bernoulli", 4, 1000, "best", 0.5, "gap", 0.1, "churn_every", 10.0, NULL);
    long long next = b.cfg.type->advance(b.st, 1, &b.arms);
    b.arms.n_replaced = 0;
    next = b.cfg.type->advance(b.st, next, &b.arms);
    assert_int_equal(b.arms.n_replaced, 1);
    int slot = b.arms.replaced[0];
    for (int arm = 0; arm < 4; arm++)
        if (arm != slot)
            for (int i = 0; i < 500; i++)
                assert_true(a.cfg.type->pull(a.st, arm) == b.cfg.type->pull(b.st, arm));
    wl_close(&a);
    wl_close(&b);
}

static void test_churn_zero_is_todays_bernoulli_and_delayed(void **state)
{
    static const struct churn0_case cases[] = {
        {"bernoulli", "ts,ucb1,klucb,egreedy,swucb,exp3,moss,dts", NULL, NULL, 0, 0,
         {"29.82555095", "159.1792052", "35.69557086", "78.86139551", "183.9650088",
          "159.829217", "71.93648586", "208.3836246"}},
        {"delayed", "ts,klucb,egreedy,swucb,exp3,moss,dts", "delay_mean", NULL, 20, 0,
         {"29.57238242", "37.04244005", "61.54423318", "187.8673512", "161.1376336",
          "74.00729524", "208.8561519"}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_churn0(&cases[i]);
}

/* Same seeds, same results at any thread count, with churn and batches. */
static void test_churn_runs_are_identical_across_thread_counts(void **state)
{
    static const struct churn0_case c = {"bernoulli", "ts,ucb1,klucb,swucb,egreedy", "churn",
                                         "batch", 0.01, 10, {NULL}};
    struct bench_results one, two;
    run_spec(&c, false, 1, &one);
    run_spec(&c, false, 2, &two);
    assert_same_results(&one, &two);
    bench_results_release(&one);
    bench_results_release(&two);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_bernoulli_rates_are_realistic_ctrs),
        /* catalogue churn */
        cmocka_unit_test(test_churn_every_replaces_exactly_every_n_rounds),
        cmocka_unit_test(test_churn_count_has_the_binomial_mean),
        cmocka_unit_test(test_new_items_rates_follow_the_beta_prior),
        cmocka_unit_test(test_churn_leaves_other_slots_streams_alone),
        cmocka_unit_test(test_churn_zero_is_todays_bernoulli_and_delayed),
        cmocka_unit_test(test_churn_runs_are_identical_across_thread_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
