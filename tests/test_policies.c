/*
 * test_policies: every policy id exists; the exact speed-ups play the
 * same arms as naive loops on the same random streams (UCB1, KL-UCB,
 * Bayes-UCB, MOSS, TS's cached Gammas); lazy TS selects with the same law
 * as drawing every arm; closed forms (epsilon-greedy exploration counts,
 * KL and Beta-tail values); every policy survives delayed feedback.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "taxonomy/taxonomy.h"

/* ---- a policy instance for tests ---- */

struct inst {
    const struct pol_type *t;
    double knobs[8];
    struct pol_config cfg;
    void *st;
};

static void inst_init(struct inst *in, const char *id, int k, long long horizon)
{
    in->t = pol_find(id);
    assert_non_null(in->t);
    for (size_t i = 0; i < in->t->n_knobs; i++)
        in->knobs[i] = in->t->knobs[i].def;
    in->cfg = (struct pol_config){.k = k, .horizon = horizon, .delta = 0.05,
                                  .binary_rewards = true, .knobs = in->knobs};
    in->st = NULL;
}

static void inst_start(struct inst *in)
{
    in->st = calloc(1, in->t->state_size(&in->cfg));
    in->t->init(in->st, &in->cfg);
}

static void inst_free(struct inst *in)
{
    free(in->st);
}

static void feed(struct inst *in, int arm, double r, long long t, struct rng *pr)
{
    struct pol_feedback fb = {.arm = arm, .reward = r, .raw = r, .t_played = t, .t_now = t + 1};
    in->t->update(in->st, &fb, pr);
}

/* ---- registry ---- */

static void test_registry_has_every_policy_id(void **state)
{
    static const char *const ids[] = {
        "uniform", "egreedy", "egreedy_decay", "softmax", "ucb1", "ucbv", "klucb",
        "moss", "ts", "gts", "bayesucb", "exp3", "swucb", "ducb", "dts", "cusum_ucb",
        "se", "lucb", "ttts",
        /* issue 5 */
        "linucb", "lints", "logistic_ts", "glm_ucb", "ridge_greedy", "ridge_egreedy",
        "bootstrapped_ts", "squarecb", "cascade_ucb1", "cascade_klucb", "cascade_ts",
        "topk_position_ts", "pbm_ucb", "cucb", "price_ucb", "price_ts", "demand_ts", "ucb_bwk",
        "bwk_primal_dual", "linucb_hybrid",
    };
    size_t n = sizeof(ids) / sizeof(ids[0]);
    assert_int_equal(pol_registry_count, n);
    for (size_t i = 0; i < n; i++) {
        const struct pol_type *t = pol_find(ids[i]);
        assert_non_null(t);
        assert_string_equal(t->name, ids[i]);
        assert_non_null(t->select);
        assert_non_null(t->update);
        for (size_t j = 0; j < t->n_knobs; j++)
            assert_int_equal(pol_knob_index(t, t->knobs[j].name), (int)j);
    }
    assert_null(pol_find("ucb2"));
}

/* Every harness policy is linked from a taxonomy algorithm, and every
 * taxonomy policy id exists in the harness. */
static void test_taxonomy_and_registry_agree_both_ways(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct tax *t = tax_load_dir(NULL, &d);
    if (!t) {
        char *line = d.count ? diag_format(&d.items[0]) : NULL;
        fail_msg("the bundled taxonomy does not load: %s", line ? line : "?");
    }
    for (size_t i = 0; i < t->n_algorithms; i++) {
        const char *id = t->algorithms[i].policy;
        if (id && !pol_find(id))
            fail_msg("algorithm '%s' names policy '%s', which the harness lacks",
                     t->algorithms[i].id, id);
    }
    for (size_t j = 0; j < pol_registry_count; j++) {
        bool linked = false;
        for (size_t i = 0; i < t->n_algorithms && !linked; i++)
            linked = t->algorithms[i].policy &&
                     !strcmp(t->algorithms[i].policy, pol_registry[j]->name);
        if (!linked)
            fail_msg("policy '%s' is not linked from any taxonomy algorithm",
                     pol_registry[j]->name);
    }
    tax_free(t);
    diag_list_release(&d);
}

/* ---- exact speed-ups against naive loops ---- */

typedef double (*naive_index_fn)(double sum, double n, long long t, long long horizon, int k);

static double naive_ucb1(double s, double n, long long t, long long horizon, int k)
{
    return s / n + sqrt(2.0 * log((double)t) / n);
}

static double naive_klucb(double s, double n, long long t, long long horizon, int k)
{
    return pol_kl_ucb(s / n, n, log((double)t));
}

static double naive_bayesucb(double s, double n, long long t, long long horizon, int k)
{
    return pol_beta_upper_quantile(s + 1, n - s + 1, 1.0 / (double)t);
}

static double naive_moss(double s, double n, long long t, long long horizon, int k)
{
    return s / n + sqrt(fmax(log((double)horizon / (k * n)), 0.0) / n);
}

/* Play T rounds of Bernoulli arms with the policy and with the naive
 * argmax side by side; fail at the first different arm. */
static void same_arms(const char *id, naive_index_fn naive, const double *p, int k,
                      long long horizon, uint64_t seed)
{
    struct inst in;
    inst_init(&in, id, k, horizon);
    inst_start(&in);
    double *s = calloc((size_t)k, sizeof(double)), *n = calloc((size_t)k, sizeof(double));
    struct rng env, pr;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
    for (long long t = 1; t <= horizon; t++) {
        struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
        int a = in.t->select(in.st, &rd, &pr);
        int b = -1;
        double bi = -INFINITY;
        for (int i = 0; i < k && b < 0; i++)
            if (n[i] == 0)
                b = i;
        if (b < 0) {
            for (int i = 0; i < k; i++) {
                double idx = naive(s[i], n[i], t, horizon, k);
                if (idx > bi) {
                    bi = idx;
                    b = i;
                }
            }
        }
        if (a != b)
            fail_msg("%s: round %lld plays arm %d, the naive loop arm %d", id, t, a, b);
        double r = rng_uniform(&env) < p[a];
        s[a] += r;
        n[a] += 1;
        feed(&in, a, r, t, &pr);
    }
    free(s);
    free(n);
    inst_free(&in);
}

static const double close_arms[] = {0.5, 0.48, 0.48, 0.45, 0.3};
static const double ctr_arms[] = {0.02, 0.05, 0.01, 0.049, 0.03, 0.001, 0.04, 0.02};

static void test_ucb1_plays_the_naive_arms(void **state)
{
    same_arms("ucb1", naive_ucb1, close_arms, 5, 200000, 1);
    same_arms("ucb1", naive_ucb1, ctr_arms, 8, 200000, 2);
}

static void test_klucb_plays_the_naive_arms(void **state)
{
    same_arms("klucb", naive_klucb, close_arms, 5, 100000, 3);
    same_arms("klucb", naive_klucb, ctr_arms, 8, 100000, 4);
}

static void test_bayesucb_plays_the_naive_arms(void **state)
{
    same_arms("bayesucb", naive_bayesucb, close_arms, 5, 3000, 5);
}

static void test_moss_plays_the_naive_arms(void **state)
{
    same_arms("moss", naive_moss, close_arms, 5, 50000, 6);
}

static void test_ts_cached_gammas_draw_what_rng_beta_draws(void **state)
{
    const int k = 5;
    struct inst in;
    inst_init(&in, "ts", k, 20000);
    in.knobs[pol_knob_index(in.t, "lazy")] = 0;
    inst_start(&in);
    double sf[2][5] = {{0}};
    struct rng env, pr, pn;
    rng_seed(&env, 8);
    rng_seed(&pr, 9);
    pn = pr;
    for (long long t = 1; t <= 20000; t++) {
        struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
        int a = in.t->select(in.st, &rd, &pr);
        int b = 0;
        double bt = -1;
        for (int i = 0; i < k; i++) {
            double th = rng_beta(&pn, sf[0][i] + 1, sf[1][i] + 1);
            if (th > bt) {
                bt = th;
                b = i;
            }
        }
        if (a != b)
            fail_msg("ts: round %lld plays arm %d, the naive loop arm %d", t, a, b);
        int r = rng_uniform(&env) < close_arms[a];
        sf[r ? 0 : 1][a] += 1;
        feed(&in, a, r, t, &pr);
        pn = pr;   /* binary rewards: update draws nothing, streams stay equal */
    }
    inst_free(&in);
}

/* Lazy TS against drawing every arm: the selection frequencies on fixed
 * posteriors (the lazy path screens arms 1 and 3, arm 2 is drawn in full). */
static void test_lazy_ts_selects_with_the_same_law(void **state)
{
    static const double succ[] = {52000, 470, 30, 4700};
    static const double fail[] = {48000, 530, 28, 5300};
    const int k = 4, rounds = 300000;
    struct inst in;
    inst_init(&in, "ts", k, 1000000);
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 10);
    long long t = 1;
    for (int i = 0; i < k; i++) {
        for (int j = 0; j < succ[i]; j++)
            feed(&in, i, 1, t++, &pr);
        for (int j = 0; j < fail[i]; j++)
            feed(&in, i, 0, t++, &pr);
    }
    long lazy[4] = {0}, naive[4] = {0};
    for (int r = 0; r < rounds; r++) {
        struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
        lazy[in.t->select(in.st, &rd, &pr)]++;
        int b = 0;
        double bt = -1;
        for (int i = 0; i < k; i++) {
            double th = rng_beta(&pr, succ[i] + 1, fail[i] + 1);
            if (th > bt) {
                bt = th;
                b = i;
            }
        }
        naive[b]++;
    }
    for (int i = 0; i < k; i++) {
        double p = (lazy[i] + naive[i]) / (2.0 * rounds);
        double sd = sqrt(2 * p * (1 - p) / rounds);
        if (fabs((double)(lazy[i] - naive[i]) / rounds) > 5 * sd + 1e-6)
            fail_msg("arm %d: lazy %ld naive %ld of %d", i, lazy[i], naive[i], rounds);
    }
    assert_true(naive[1] > 100);   /* the screened arm does win sometimes */
    inst_free(&in);
}

/* ---- closed forms ---- */

static void test_egreedy_explores_epsilon_of_the_time(void **state)
{
    /* Arm 0 always pays 1 and arm 1 never: greedy is arm 0, so arm 1 is
     * played on the K initial rounds plus epsilon T / K in expectation. */
    const long long horizon = 200000;
    struct inst in;
    inst_init(&in, "egreedy", 2, horizon);
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 11);
    long arm1 = 0;
    for (long long t = 1; t <= horizon; t++) {
        struct bench_round rd = {.t = t, .k = 2, .slate_size = 1};
        int a = in.t->select(in.st, &rd, &pr);
        arm1 += a == 1;
        feed(&in, a, a == 0, t, &pr);
    }
    double expected = 1 + 0.1 * (horizon - 2) / 2, sd = sqrt(horizon * 0.05 * 0.95);
    assert_near(arm1, expected, 5 * sd);
    inst_free(&in);
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

/* ---- robustness ---- */

static void test_every_policy_survives_delayed_feedback(void **state)
{
    for (size_t i = 0; i < pol_registry_count; i++) {
        struct inst in;
        inst_init(&in, pol_registry[i]->name, 4, 3000);
        inst_start(&in);
        struct rng pr, env;
        rng_seed(&pr, 12);
        rng_seed(&env, 13);
        int pending[50];
        long long played[50];
        for (long long t = 1; t <= 3000; t++) {
            struct bench_round rd = {.t = t, .k = 4, .slate_size = 1};
            int a = in.t->select(in.st, &rd, &pr);
            assert_true(a >= 0 && a < 4);
            pending[t % 50] = a;
            played[t % 50] = t;
            if (t % 50 == 0)   /* a batch of 50 delivered at once */
                for (int j = 0; j < 50; j++) {
                    int arm = pending[(j + 1) % 50];
                    double r = rng_uniform(&env) < close_arms[arm];
                    struct pol_feedback fb = {.arm = arm, .reward = r, .raw = r,
                                              .t_played = played[(j + 1) % 50],
                                              .t_now = t + 1};
                    in.t->update(in.st, &fb, &pr);
                }
        }
        if (in.t->recommend) {
            int rec = in.t->recommend(in.st);
            assert_true(rec >= 0 && rec < 4);
        }
        inst_free(&in);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* registry */
        cmocka_unit_test(test_registry_has_every_policy_id),
        cmocka_unit_test(test_taxonomy_and_registry_agree_both_ways),
        /* exact speed-ups */
        cmocka_unit_test(test_ucb1_plays_the_naive_arms),
        cmocka_unit_test(test_klucb_plays_the_naive_arms),
        cmocka_unit_test(test_bayesucb_plays_the_naive_arms),
        cmocka_unit_test(test_moss_plays_the_naive_arms),
        cmocka_unit_test(test_ts_cached_gammas_draw_what_rng_beta_draws),
        cmocka_unit_test(test_lazy_ts_selects_with_the_same_law),
        /* closed forms */
        cmocka_unit_test(test_egreedy_explores_epsilon_of_the_time),
        cmocka_unit_test(test_kl_and_klucb_closed_forms),
        cmocka_unit_test(test_beta_tail_and_quantile_closed_forms),
        /* robustness */
        cmocka_unit_test(test_every_policy_survives_delayed_feedback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
