/*
 * test_runner: benchmarks/runner.c, checkpoints; the uniform policy's regret
 * against its closed form; known orderings on well-separated settings (TS
 * and KL-UCB beat UCB1, SW-UCB beats UCB1 after a change point);
 * identification error rates; delayed and batched feedback; byte-identical
 * JSON for 1 and 2 threads, also with delayed, batched and censored
 * feedback on contextual and list workloads; cancellation.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmarks/runner.h"
#include "report/results.h"

#include "tests/runner_fixture.h"

static const struct bench_policy_result *find(const struct bench_results *r, const char *id)
{
    for (size_t i = 0; i < r->n_policies; i++)
        if (!strcmp(r->policies[i].id, id))
            return &r->policies[i];
    fail_msg("no result for %s", id);
    return NULL;
}

static void test_checkpoints_are_log_spaced(void **state)
{
    long long *cp;
    size_t n = bench_checkpoints(1000, &cp);
    static const long long expected[] = {1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50,
                                         63, 79, 100, 126, 158, 200, 251, 316, 398, 501, 631,
                                         794, 1000};
    assert_int_equal(n, sizeof(expected) / sizeof(expected[0]));
    assert_memory_equal(cp, expected, sizeof(expected));
    free(cp);
    n = bench_checkpoints(1, &cp);
    assert_int_equal(n, 1);
    assert_int_equal(cp[0], 1);
    free(cp);
}

static void test_uniform_regret_matches_closed_form(void **state)
{
    /* E[R_T] = T (mu* - mean mu) = 10000 (0.9 - 0.5) = 4000. */
    struct bench_spec *s = make("bernoulli", 3, 10000, 30, "uniform");
    double means[] = {0.9, 0.5, 0.1};
    s->means = malloc(sizeof(means));
    memcpy(s->means, means, sizeof(means));
    s->n_means = 3;
    struct bench_results r;
    run_ok(s, &r, 2);
    const struct bench_policy_result *u = find(&r, "uniform");
    assert_true(u->regret.lo <= 4000 && 4000 <= u->regret.hi);
    assert_near(u->regret.mean, 4000, 40);
    /* Regret grows linearly: at the checkpoint t, 0.4 t on average. */
    double t = (double)r.checkpoints[r.n_checkpoints - 2];
    assert_near(u->curve[r.n_checkpoints - 2].mean, 0.4 * t, 0.02 * 0.4 * t + 5);
    bench_results_release(&r);
    bench_spec_free(s);
}

static void test_ts_and_klucb_beat_ucb1_on_bernoulli(void **state)
{
    struct bench_spec *s = make("bernoulli", 5, 20000, 16, "ucb1,ts,klucb");
    bench_spec_set_param(s, "best", 0.5);
    bench_spec_set_param(s, "gap", 0.1);
    bench_spec_set_string(&s->recommended, "ts");
    struct bench_results r;
    run_ok(s, &r, 2);
    const struct bench_policy_result *ucb = find(&r, "ucb1"), *ts = find(&r, "ts"),
                                     *kl = find(&r, "klucb");
    assert_true(ts->regret.hi < ucb->regret.lo);
    assert_true(kl->regret.hi < ucb->regret.lo);
    assert_non_null(r.lower_bound);
    assert_near(r.lower_bound_c, 4 * 0.1 / 0.0201355, 0.01);
    bench_results_release(&r);
    bench_spec_free(s);
}

/* A separated race, so the verdict is determined: TS against uniform
 * play (regret 0.1 x 4/5 x T = 1600 in expectation) and UCB1 (the
 * previous test: its CI is far above TS's) on the same problem; TS has
 * the lowest mean, so the verdict must be BEST, naming ts. */
static void test_verdict_is_best_on_a_separated_race(void **state)
{
    struct bench_spec *s = make("bernoulli", 5, 20000, 16, "uniform,ucb1,ts");
    bench_spec_set_param(s, "best", 0.5);
    bench_spec_set_param(s, "gap", 0.1);
    bench_spec_set_string(&s->recommended, "ts");
    struct bench_results r;
    run_ok(s, &r, 2);
    const struct bench_policy_result *u = find(&r, "uniform"), *ts = find(&r, "ts");
    assert_near(u->regret.mean, 1600, 5 * 0.1 * sqrt(20000 * 0.2 * 0.8 / 16.0) + 1);
    assert_true(ts->regret.hi < u->regret.lo);
    assert_int_equal(r.verdict.kind, BENCH_VERDICT_BEST);
    assert_string_equal(r.verdict.best, "ts");
    bench_results_release(&r);
    bench_spec_free(s);
}

static void test_lower_bound_is_clipped_at_the_most_a_run_can_lose(void **state)
{
    (void)state;
    /* Two arms 0.5 and 0.499: C = 0.001 / kl(0.499, 0.5) ~ 500, so C ln t
     * passes t x 0.001 (the regret of always playing the worse arm) at
     * every checkpoint but t = 1; the curve is that maximum there. */
    struct bench_spec *s = make("bernoulli", 2, 1000, 2, "uniform");
    double close[] = {0.5, 0.499};
    s->means = malloc(sizeof(close));
    memcpy(s->means, close, sizeof(close));
    s->n_means = 2;
    struct bench_results r;
    run_ok(s, &r, 1);
    assert_non_null(r.lower_bound);
    double kl = 0.499 * log(0.499 / 0.5) + 0.501 * log(0.501 / 0.5);
    assert_near(r.lower_bound_c, 0.001 / kl, 1e-6 * (0.001 / kl));
    for (size_t c = 0; c < r.n_checkpoints; c++)
        assert_near(r.lower_bound[c],
                    fmin(r.lower_bound_c * log((double)r.checkpoints[c]),
                         0.001 * (double)r.checkpoints[c]), 1e-9);
    assert_near(r.lower_bound[r.n_checkpoints - 1], 1.0, 1e-9);
    bench_results_release(&r);
    bench_spec_free(s);
    /* Far apart (0.9, 0.4): C ln T = 0.5 / kl(0.4, 0.9) ln 1000 ~ 4.6, far
     * below 500, so nothing is clipped. */
    s = make("bernoulli", 2, 1000, 2, "uniform");
    double apart[] = {0.9, 0.4};
    s->means = malloc(sizeof(apart));
    memcpy(s->means, apart, sizeof(apart));
    s->n_means = 2;
    run_ok(s, &r, 1);
    double kl2 = 0.4 * log(0.4 / 0.9) + 0.6 * log(0.6 / 0.1);
    assert_near(r.lower_bound[r.n_checkpoints - 1], 0.5 / kl2 * log(1000.0), 1e-9);
    bench_results_release(&r);
    bench_spec_free(s);
}

static void test_swucb_beats_ucb1_after_a_change_point(void **state)
{
    /* 30000 rounds at (0.9, 0.1), then reversed: UCB1's confident
     * estimate of the old best arm keeps it playing that arm. */
    struct bench_spec *s = make("piecewise", 2, 40000, 8, "ucb1,swucb");
    double means[] = {0.9, 0.1};
    s->means = malloc(sizeof(means));
    memcpy(s->means, means, sizeof(means));
    s->n_means = 2;
    bench_spec_set_param(s, "change_every", 30000);
    bench_spec_set_string(&s->recommended, "ucb1");
    struct bench_results r;
    run_ok(s, &r, 2);
    const struct bench_policy_result *ucb = find(&r, "ucb1"), *sw = find(&r, "swucb");
    assert_true(sw->regret.hi < ucb->regret.lo);
    assert_int_equal(r.verdict.kind, BENCH_VERDICT_WORSE);
    assert_string_equal(r.verdict.best, "swucb");
    bench_results_release(&r);
    bench_spec_free(s);
}

static void test_identification_policies_meet_their_confidence(void **state)
{
    struct bench_spec *s = make("bai_fixed_confidence", 4, 200000, 20, "se,lucb,ttts");
    bench_spec_set_param(s, "best", 0.6);
    bench_spec_set_param(s, "gap", 0.2);
    bench_spec_set_param(s, "delta", 0.05);
    struct bench_results r;
    run_ok(s, &r, 2);
    for (size_t i = 0; i < r.n_policies; i++) {
        const struct bench_policy_result *p = &r.policies[i];
        assert_true(p->error_rate <= 0.1);
        assert_true(p->samples_ci.mean < 200000);   /* they stopped */
        assert_true(p->samples_ci.mean > 20);
    }
    assert_string_equal(r.verdict.metric, "samples used");
    bench_results_release(&r);
    bench_spec_free(s);
    s = make("bai_fixed_budget", 4, 2000, 20, "uniform,ttts");
    bench_spec_set_param(s, "gap", 0.2);
    run_ok(s, &r, 1);
    assert_true(find(&r, "ttts")->error_rate <= 0.2);
    assert_int_equal(find(&r, "uniform")->samples[0], 2000);
    bench_results_release(&r);
    bench_spec_free(s);
}

/* Means {0.9, 0.1, 0.1, 0.1}: uniform play loses 0.6 a round, 3000 over
 * T = 5000. With feedback 50 rounds late every policy still learns the
 * clear best arm: its regret is under half of uniform's. With batches of
 * 100, TS sees nothing in the first 100 rounds and plays from its
 * Beta(1, 1) priors, uniformly: 100 x 0.6 = 60 regret in expectation
 * from that batch alone (the pseudo-regret of a Binomial(100, 3/4) count
 * of bad plays: sd 0.8 x 4.3 / sqrt(4 seeds) = 1.7), so its mean regret
 * is above 50, and above that of TS updated every round on the same
 * seeds. */
static void test_delayed_and_batched_feedback_run(void **state)
{
    double means[] = {0.9, 0.1, 0.1, 0.1};
    struct bench_spec *s = make("delayed", 4, 5000, 4, "ts,ucb1,exp3,ducb");
    s->means = malloc(sizeof(means));
    memcpy(s->means, means, sizeof(means));
    s->n_means = 4;
    bench_spec_set_param(s, "delay_mean", 50);
    struct bench_results r;
    run_ok(s, &r, 2);
    assert_int_equal(r.n_policies, 4);
    for (size_t i = 0; i < r.n_policies; i++)
        if (!(r.policies[i].regret.mean > 0 && r.policies[i].regret.hi < 0.5 * 3000))
            fail_msg("%s: regret %g [%g, %g] with delays, uniform's is 3000",
                     r.policies[i].id, r.policies[i].regret.mean, r.policies[i].regret.lo,
                     r.policies[i].regret.hi);
    bench_results_release(&r);
    bench_spec_free(s);
    struct bench_results b1, b100;
    for (int batch = 1; batch <= 100; batch += 99) {
        s = make("bernoulli", 4, 5000, 4, "ts");
        s->means = malloc(sizeof(means));
        memcpy(s->means, means, sizeof(means));
        s->n_means = 4;
        bench_spec_set_param(s, "batch", batch);
        run_ok(s, batch == 1 ? &b1 : &b100, 1);
        bench_spec_free(s);
    }
    assert_true(b100.policies[0].regret.mean > 50);
    assert_true(b100.policies[0].regret.lo > b1.policies[0].regret.hi);
    bench_results_release(&b1);
    bench_results_release(&b100);
}

static char *json_of(const struct bench_spec *s, int threads, size_t *len)
{
    struct bench_results r;
    run_ok(s, &r, threads);
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    report_results_json(&r, f, true, false);
    fclose(f);
    bench_results_release(&r);
    return buf;
}

static void test_json_is_byte_identical_for_1_and_2_threads(void **state)
{
    struct bench_spec *s = make("bernoulli", 6, 3000, 5, "ts,ucb1,egreedy,exp3");
    bench_spec_set_string(&s->recommended, "ts");
    size_t n1, n2;
    char *a = json_of(s, 1, &n1), *b = json_of(s, 2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    s->seed = 2025;   /* and the seed does matter */
    size_t n3;
    char *c = json_of(s, 2, &n3);
    assert_true(n3 != n1 || memcmp(a, c, n1) != 0);
    free(c);
    assert_non_null(strstr(a, "\"final_regret_ci95\""));
    assert_non_null(strstr(a, "\"rounds_per_second\": null"));
    assert_non_null(strstr(a, "\"verdict\""));
    free(a);
    free(b);
    bench_spec_free(s);
}

/* Delayed, batched and censored feedback on the structured kinds (a
 * contextual workload with churn, a list workload): the same spec and
 * seed give the same bytes on 1 and 2 threads, and the delays are the
 * seed's (another master seed changes them). */
static void test_delayed_structured_runs_are_byte_identical_for_1_and_2_threads(void **state)
{
    (void)state;
    static const struct {
        const char *workload, *policies;
        double delay_mean, window, batch, churn_every;
    } cases[] = {
        {"contextual_linear", "linucb,lints", 20, 30, 5, 50},
        {"cascade", "cascade_ts,cascade_ucb1", 15, 20, 3, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct bench_spec *s = make(cases[i].workload, 10, 3000, 5, cases[i].policies);
        bench_spec_set_param(s, "delay_mean", cases[i].delay_mean);
        bench_spec_set_param(s, "window", cases[i].window);
        bench_spec_set_param(s, "batch", cases[i].batch);
        if (cases[i].churn_every > 0)
            bench_spec_set_param(s, "churn_every", cases[i].churn_every);
        size_t n1, n2, n3;
        char *a = json_of(s, 1, &n1), *b = json_of(s, 2, &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, n1);
        bench_spec_set_param(s, "delay_mean", cases[i].delay_mean + 1);
        char *c = json_of(s, 2, &n3);
        assert_true(n3 != n1 || memcmp(a, c, n1) != 0);
        free(a);
        free(b);
        free(c);
        bench_spec_free(s);
    }
}

static int cancel_at_once(const struct bench_progress *p, void *ctx)
{
    ++*(int *)ctx;
    return 1;
}

static void test_progress_can_cancel(void **state)
{
    struct bench_spec *s = make("bernoulli", 10, 50000000, 4, "ts");
    struct bench_results r;
    bench_results_init(&r);
    int calls = 0;
    assert_int_equal(bench_run(s, &r, cancel_at_once, &calls), -1);
    assert_true(r.cancelled);
    assert_true(calls >= 1);
    bench_results_release(&r);
    bench_spec_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkpoints_are_log_spaced),
        /* closed forms and orderings */
        cmocka_unit_test(test_uniform_regret_matches_closed_form),
        cmocka_unit_test(test_ts_and_klucb_beat_ucb1_on_bernoulli),
        cmocka_unit_test(test_verdict_is_best_on_a_separated_race),
        cmocka_unit_test(test_lower_bound_is_clipped_at_the_most_a_run_can_lose),
        cmocka_unit_test(test_swucb_beats_ucb1_after_a_change_point),
        cmocka_unit_test(test_identification_policies_meet_their_confidence),
        cmocka_unit_test(test_delayed_and_batched_feedback_run),
        /* reproducibility and control */
        cmocka_unit_test(test_json_is_byte_identical_for_1_and_2_threads),
        cmocka_unit_test(test_delayed_structured_runs_are_byte_identical_for_1_and_2_threads),
        cmocka_unit_test(test_progress_can_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
