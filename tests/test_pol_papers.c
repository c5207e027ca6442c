/*
 * test_pol_papers: the single-arm policies that had no behaviour test,
 * each against what its paper says, through the public descriptor
 * (pol_find, init, select, update on hand-built rounds and feedback):
 *   - ts on rewards in [0, 1] (Agrawal & Goyal 2012, Algorithm 2: r is a
 *     Bernoulli(r) draw) and with a Beta(alpha, beta) prior;
 *   - gts (Agrawal & Goyal 2013, Algorithm 2), ucbv (Audibert, Munos &
 *     Szepesvari 2009, eq. 1), exp3 (Auer et al. 2002, Fig. 1), softmax
 *     (Boltzmann), egreedy_decay (Auer, Cesa-Bianchi & Fischer 2002,
 *     epsilon_n = min(1, cK / (d^2 n))), dts and ducb (discounted counts,
 *     Garivier & Moulines 2011), cusum_ucb (Liu, Lee & Shroff 2018, the
 *     two-sided CUSUM of Algorithm 2).
 * The naive loops here recompute each index or probability literally from
 * the history, on a copy of the policy's rng stream where the policy
 * draws, and require the same arm every round.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"

#include "tests/pol_fixture.h"

static void set_knob(struct inst *in, const char *name, double v)
{
    int i = pol_knob_index(in->t, name);
    assert_true(i >= 0);
    in->knobs[i] = v;
}

static int select_at(struct inst *in, long long t, int k, struct rng *pr)
{
    struct bench_round rd = {.t = t, .k = k, .slate_size = 1};
    int a = in->t->select(in->st, &rd, pr);
    assert_true(a >= 0 && a < k);
    return a;
}

/* ---- Thompson sampling ---- */

/* Agrawal & Goyal 2012, Algorithm 2: a reward r in [0, 1] updates the Beta
 * posterior with a Bernoulli(r) draw. With binary_rewards off, ts draws
 * u ~ U(0, 1) from its stream in update and counts a success iff u < r; a
 * binary-reward ts fed exactly those 0/1 outcomes must then be in the
 * same state, which shows in identical selections on equal streams. */
static void test_ts_binarises_fractional_rewards_by_a_bernoulli_draw(void **state)
{
    enum { K = 3, N = 600 };
    static const double r_of[K] = {0.25, 0.6, 0.9};
    struct inst frac, bin;
    inst_init(&frac, "ts", K, 10000);
    frac.cfg.binary_rewards = false;
    set_knob(&frac, "lazy", 0);
    inst_start(&frac);
    inst_init(&bin, "ts", K, 10000);
    set_knob(&bin, "lazy", 0);
    inst_start(&bin);
    struct rng pr;
    rng_seed(&pr, 31);
    double succ[K] = {0}, n[K] = {0};
    for (int j = 0; j < N; j++) {
        int a = j % K;
        struct rng copy = pr;
        int s = rng_uniform(&copy) < r_of[a];   /* the draw update will make */
        feed(&frac, a, r_of[a], j + 1, &pr);
        if (memcmp(&copy, &pr, sizeof(pr)) != 0)
            fail_msg("ts update drew other than one uniform for a fractional reward");
        feed(&bin, a, s, j + 1, &pr);           /* binary: draws nothing */
        succ[a] += s;
        n[a] += 1;
    }
    /* The Bernoulli(r) counts are Binomial(200, r): within 5 sd of 200 r.
     * (r > 0.5 as a success would give 0, 200, 200.) */
    for (int a = 0; a < K; a++)
        assert_near(succ[a], n[a] * r_of[a], 5 * sqrt(n[a] * r_of[a] * (1 - r_of[a])));
    struct rng p1, p2;
    rng_seed(&p1, 32);
    p2 = p1;
    for (long long t = 1; t <= 3000; t++) {
        int a = select_at(&frac, t, K, &p1), b = select_at(&bin, t, K, &p2);
        if (a != b)
            fail_msg("round %lld: fractional ts plays %d, binary ts on the draws %d", t, a, b);
    }
    inst_free(&frac);
    inst_free(&bin);
}

/* Chapelle & Li 2011, Algorithm 2 with a Beta(alpha, beta) prior: theta_i ~
 * Beta(S_i + alpha, F_i + beta), computed here with rng_beta on a copy of
 * the stream, every arm in order. */
static void ts_prior_same_arms(double alpha, double beta, uint64_t seed)
{
    enum { K = 4, T = 4000 };
    static const double p[K] = {0.3, 0.5, 0.45, 0.2};
    struct inst in;
    inst_init(&in, "ts", K, T);
    set_knob(&in, "alpha", alpha);
    set_knob(&in, "beta", beta);
    set_knob(&in, "lazy", 0);
    inst_start(&in);
    double s[K] = {0}, f[K] = {0};
    struct rng env, pr, pn;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
    for (long long t = 1; t <= T; t++) {
        pn = pr;
        int a = select_at(&in, t, K, &pr), b = 0;
        double bt = -1;
        for (int i = 0; i < K; i++) {
            double th = rng_beta(&pn, s[i] + alpha, f[i] + beta);
            if (th > bt) {
                bt = th;
                b = i;
            }
        }
        if (a != b)
            fail_msg("ts Beta(%g, %g): round %lld plays %d, the naive loop %d", alpha, beta, t,
                     a, b);
        int r = rng_uniform(&env) < p[a];
        (r ? s : f)[a] += 1;
        feed(&in, a, r, t, &pr);
    }
    inst_free(&in);
}

static void test_ts_draws_from_the_beta_prior_posterior(void **state)
{
    ts_prior_same_arms(3, 7, 41);
    ts_prior_same_arms(20, 1, 43);
}

/* The prior's effect on the first selections, as a closed form. Arm 0
 * has 5 failures, arm 1 no data. For X ~ Beta(1, a), Y ~ Beta(1, b)
 * independent, 1 - X = U^(1/a) and 1 - Y = V^(1/b) with U, V uniform, so
 * P(X > Y) = P(U < V^(a/b)) = E[V^(a/b)] = b / (a + b). Prior Beta(1, 1):
 * Beta(1, 6) against Beta(1, 1), arm 0 is drawn highest with probability
 * 1/7; prior Beta(1, 30): Beta(1, 35) against Beta(1, 30), 30/65. */
static double ts_first_share(double beta, int failures)
{
    struct inst in;
    inst_init(&in, "ts", 2, 1000);
    set_knob(&in, "beta", beta);
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 51);
    for (int j = 0; j < failures; j++)
        feed(&in, 0, 0.0, j + 1, &pr);
    int n0 = 0, draws = 100000;
    for (int j = 0; j < draws; j++)
        n0 += select_at(&in, failures + 1, 2, &pr) == 0;
    inst_free(&in);
    return (double)n0 / draws;
}

static void test_ts_prior_sets_the_first_selection_odds(void **state)
{
    /* 5 sd of a binomial share over 100000 draws */
    double p = 1.0 / 7.0;
    assert_near(ts_first_share(1, 5), p, 5 * sqrt(p * (1 - p) / 100000));
    p = 30.0 / 65.0;
    assert_near(ts_first_share(30, 5), p, 5 * sqrt(p * (1 - p) / 100000));
}

/* Agrawal & Goyal 2013, Algorithm 2: theta_i ~ N(mu_i, v / (k_i + 1)),
 * mu_i = S_i / (k_i + 1), one normal per arm in arm order. */
static void test_gts_samples_the_gaussian_posterior(void **state)
{
    enum { K = 4, T = 5000 };
    static const double p[K] = {0.4, 0.6, 0.55, 0.1};
    const double v = 0.25;
    struct inst in;
    inst_init(&in, "gts", K, T);
    set_knob(&in, "v", v);
    inst_start(&in);
    double s[K] = {0}, n[K] = {0};
    struct rng env, pr, pn;
    rng_seed(&env, 61);
    rng_seed(&pr, 62);
    for (long long t = 1; t <= T; t++) {
        pn = pr;
        int a = select_at(&in, t, K, &pr), b = 0;
        double bt = -INFINITY;
        for (int i = 0; i < K; i++) {
            double mu = s[i] / (n[i] + 1), th = mu + sqrt(v / (n[i] + 1)) * rng_normal(&pn);
            if (th > bt) {
                bt = th;
                b = i;
            }
        }
        if (a != b)
            fail_msg("gts: round %lld plays %d, the naive loop %d", t, a, b);
        double r = rng_uniform(&env) < p[a];
        s[a] += r;
        n[a] += 1;
        feed(&in, a, r, t, &pr);
    }
    inst_free(&in);
}

/* ---- UCB-V ---- */

/* Audibert, Munos & Szepesvari 2009, eq. (1) with E_t = zeta log t:
 * B = mean + sqrt(2 V E / n) + c 3 E / n, V the empirical variance
 * (1/n). Rewards in [0, 1] with different variances (a constant arm, a
 * Bernoulli arm, a three-point arm), so the variance term decides. */
static double ucbv_reward(int a, struct rng *env)
{
    double u = rng_uniform(env);
    switch (a) {
    case 0: return 0.45;                            /* V = 0 */
    case 1: return u < 0.5;                         /* mean 0.5, V = 1/4 */
    default: return u < 1.0 / 3 ? 0.2 : u < 2.0 / 3 ? 0.5 : 0.8;   /* mean 0.5 */
    }
}

static void ucbv_same_arms(double zeta, double c, uint64_t seed)
{
    enum { K = 3, T = 6000 };
    struct inst in;
    inst_init(&in, "ucbv", K, T);
    in.cfg.binary_rewards = false;
    set_knob(&in, "zeta", zeta);
    set_knob(&in, "c", c);
    inst_start(&in);
    double s[K] = {0}, s2[K] = {0}, n[K] = {0};
    struct rng env, pr;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
    for (long long t = 1; t <= T; t++) {
        int a = select_at(&in, t, K, &pr), b = -1;
        for (int i = 0; i < K && b < 0; i++)
            if (n[i] == 0)
                b = i;
        if (b < 0) {
            double e = zeta * log((double)t), bi = -INFINITY;
            for (int i = 0; i < K; i++) {
                double m = s[i] / n[i], var = s2[i] / n[i] - m * m;
                if (var < 0)
                    var = 0;
                double idx = m + sqrt(2 * var * e / n[i]) + c * 3 * e / n[i];
                if (idx > bi) {
                    bi = idx;
                    b = i;
                }
            }
        }
        if (a != b)
            fail_msg("ucbv zeta %g c %g: round %lld plays %d, the index formula %d", zeta, c, t,
                     a, b);
        double r = ucbv_reward(a, &env);
        s[a] += r;
        s2[a] += r * r;
        n[a] += 1;
        feed(&in, a, r, t, &pr);
    }
    inst_free(&in);
}

static void test_ucbv_plays_the_empirical_bernstein_index(void **state)
{
    ucbv_same_arms(1.2, 1.0, 71);
    ucbv_same_arms(2.0, 0.5, 73);
}

/* The index on known statistics, by hand: arm 0 has n = 4 rewards
 * {0, 1, 1, 0} (mean 1/2, V = 1/4), arm 1 has n = 4 rewards 0.6 (V = 0).
 * At t = 9, E = 1.2 ln 9 = 2.63667: B_0 = 0.5 + sqrt(2 (1/4) E / 4) + 3 E / 4
 * = 0.5 + 0.57410 + 1.97750 = 3.0516; B_1 = 0.6 + 0 + 1.97750 = 2.5775:
 * arm 0, although its mean is lower; without the variance term (or with
 * it subtracted) the two share 3 E / n and arm 1's mean wins. */
static void test_ucbv_variance_term_decides_on_known_statistics(void **state)
{
    struct inst in;
    inst_init(&in, "ucbv", 2, 100);
    in.cfg.binary_rewards = false;
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 1);
    static const double r0[4] = {0, 1, 1, 0};
    for (int j = 0; j < 4; j++) {
        feed(&in, 0, r0[j], 2 * j + 1, &pr);
        feed(&in, 1, 0.6, 2 * j + 2, &pr);
    }
    double e = 1.2 * log(9.0);
    double b0 = 0.5 + sqrt(2 * 0.25 * e / 4) + 3 * e / 4, b1 = 0.6 + 3 * e / 4;
    assert_true(b0 > b1);
    assert_int_equal(select_at(&in, 9, 2, &pr), 0);
    /* with c = 0 the index is mean + sqrt(2 V E / n): 1.0741 vs 0.6 */
    inst_free(&in);
    inst_init(&in, "ucbv", 2, 100);
    in.cfg.binary_rewards = false;
    set_knob(&in, "c", 0);
    inst_start(&in);
    for (int j = 0; j < 4; j++) {
        feed(&in, 0, 0.2 + 0.1 * (j % 2), 2 * j + 1, &pr);   /* mean 0.25, V = 0.0025 */
        feed(&in, 1, 0.3, 2 * j + 2, &pr);                  /* mean 0.3, V = 0 */
    }
    /* B_0 = 0.25 + sqrt(2 * 0.0025 * E / 4) = 0.25 + 0.0574 = 0.3074 > 0.3 */
    assert_true(0.25 + sqrt(2 * 0.0025 * e / 4) > 0.3);
    assert_int_equal(select_at(&in, 9, 2, &pr), 0);
    inst_free(&in);
}

/* ---- EXP3 ---- */

/* Auer, Cesa-Bianchi, Freund & Schapire 2002, Fig. 1: p_i = (1 - gamma)
 * w_i / sum_j w_j + gamma / K; the played arm's weight is multiplied by
 * exp(gamma xhat / K), xhat = x / p. The test keeps the weights as
 * logarithms (the ratio w_i / sum_j w_j is taken after subtracting the
 * largest) and draws the arm by inversion of one uniform on a copy of the
 * policy's stream. */
static void exp3_same_arms(double gamma, int k, uint64_t seed)
{
    enum { T = 3000 };
    static const double p[6] = {0.2, 0.7, 0.5, 0.1, 0.65, 0.3};
    struct inst in;
    inst_init(&in, "exp3", k, T);
    set_knob(&in, "gamma", gamma);
    inst_start(&in);
    double lw[6] = {0}, prob[6];   /* ln w_i: w_i itself overflows within T */
    struct rng env, pr, pn;
    rng_seed(&env, seed);
    rng_seed(&pr, seed + 1);
    for (long long t = 1; t <= T; t++) {
        pn = pr;
        int a = select_at(&in, t, k, &pr);
        double mx = lw[0], W = 0;
        for (int i = 1; i < k; i++)
            mx = fmax(mx, lw[i]);
        for (int i = 0; i < k; i++)
            W += exp(lw[i] - mx);
        for (int i = 0; i < k; i++)
            prob[i] = (1 - gamma) * exp(lw[i] - mx) / W + gamma / k;
        double u = rng_uniform(&pn), acc = 0;
        int b = k - 1;
        for (int i = 0; i < k; i++) {
            acc += prob[i];
            if (u < acc) {
                b = i;
                break;
            }
        }
        if (a != b)
            fail_msg("exp3 gamma %g: round %lld plays %d, Fig. 1 draws %d (u %.17g)", gamma, t,
                     a, b, u);
        double x = rng_uniform(&env) < p[a];
        lw[a] += gamma * (x / prob[a]) / k;
        feed(&in, a, x, t, &pr);
    }
    inst_free(&in);
}

static void test_exp3_draws_from_the_paper_probabilities(void **state)
{
    exp3_same_arms(0.1, 3, 81);
    exp3_same_arms(0.3, 6, 83);
}

/* The default gamma is Corollary 3.2's min(1, sqrt(K ln K / ((e - 1) T))),
 * and after known updates the selection frequencies are the paper's
 * probabilities: K = 10, T = 100 (gamma = 0.366), arm 0 rewarded 60
 * times (its weight updated with the literal p_0 of each round), after
 * which each other arm is played with probability about gamma / K +
 * 0.004 = 0.041 (0.034 with e in place of e - 1: 15 sd of the share
 * apart over 200000 draws). */
static void test_exp3_default_gamma_and_probabilities(void **state)
{
    enum { K = 10 };
    struct inst in;
    inst_init(&in, "exp3", K, 100);
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 91);
    double gamma = fmin(1.0, sqrt(K * log((double)K) / ((exp(1.0) - 1) * 100)));
    double lw0 = 0, p0 = 0, p1 = 0;
    for (int j = 0; j < 60; j++) {
        (void)select_at(&in, j + 1, K, &pr);
        double w0 = exp(lw0), W = w0 + K - 1;
        p0 = (1 - gamma) * w0 / W + gamma / K;
        feed(&in, 0, 1.0, j + 1, &pr);
        lw0 += gamma * (1.0 / p0) / K;
    }
    double w0 = exp(lw0), W = w0 + K - 1;
    p0 = (1 - gamma) * w0 / W + gamma / K;
    p1 = (1 - gamma) / W + gamma / K;
    int cnt[K] = {0}, draws = 200000;
    for (int j = 0; j < draws; j++)
        cnt[select_at(&in, 61, K, &pr)]++;
    assert_near(cnt[0] / (double)draws, p0, 5 * sqrt(p0 * (1 - p0) / draws));
    for (int a = 1; a < K; a++)
        assert_near(cnt[a] / (double)draws, p1, 5 * sqrt(p1 * (1 - p1) / draws));
    inst_free(&in);
}

/* ---- softmax and epsilon_n-greedy ---- */

/* Boltzmann exploration: p_i = exp(mu_i / tau) / sum_j exp(mu_j / tau) on
 * the empirical means, here 0.5, 0.3, 0.1 after 10 plays each. */
static void test_softmax_plays_boltzmann_probabilities(void **state)
{
    static const int clicks[3] = {5, 3, 1};
    static const double mu[3] = {0.5, 0.3, 0.1};
    const double tau = 0.2;
    struct inst in;
    inst_init(&in, "softmax", 3, 1000);
    set_knob(&in, "tau", tau);
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 101);
    long long t = 1;
    for (int a = 0; a < 3; a++)
        for (int j = 0; j < 10; j++)
            feed(&in, a, j < clicks[a] ? 1.0 : 0.0, t++, &pr);
    double z = 0, p[3];
    for (int a = 0; a < 3; a++)
        z += exp(mu[a] / tau);
    int cnt[3] = {0}, draws = 200000;
    for (int j = 0; j < draws; j++)
        cnt[select_at(&in, t, 3, &pr)]++;
    for (int a = 0; a < 3; a++) {
        p[a] = exp(mu[a] / tau) / z;   /* 0.6285, 0.2312, 0.0851 */
        assert_near(cnt[a] / (double)draws, p[a], 5 * sqrt(p[a] * (1 - p[a]) / draws));
    }
    inst_free(&in);
}

/* Auer, Cesa-Bianchi & Fischer 2002, epsilon_n-greedy: at round n the
 * arm is uniform with probability epsilon_n = min(1, c K / (d^2 n)), else
 * the best mean. K = 4, c = 0.15, d = 0.1: epsilon_n = 60 / n. With arm 2
 * the best mean, a non-greedy arm is played with probability epsilon_n (K
 * - 1) / K: 3/4 at n <= 60, 0.375 at n = 120, 0.0375 at n = 1200,
 * 0.00375 at n = 12000. */
static void test_egreedy_decay_follows_the_epsilon_schedule(void **state)
{
    struct inst in;
    inst_init(&in, "egreedy_decay", 4, 100000);
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 111);
    for (int a = 0; a < 4; a++)
        feed(&in, a, a == 2 ? 1.0 : 0.0, a + 1, &pr);
    static const long long rounds[] = {30, 60, 120, 1200, 12000};
    for (size_t r = 0; r < sizeof(rounds) / sizeof(rounds[0]); r++) {
        double eps = fmin(1.0, 0.15 * 4 / (0.1 * 0.1 * (double)rounds[r]));
        double q = eps * 3 / 4;
        int other = 0, draws = 100000;
        for (int j = 0; j < draws; j++)
            other += select_at(&in, rounds[r], 4, &pr) != 2;
        assert_near(other / (double)draws, q, 5 * sqrt(q * (1 - q) / draws) + 1e-12);
    }
    inst_free(&in);
}

/* ---- discounted policies ---- */

/* Discounted TS (Raj & Kalyani 2017, the discounted counts of Garivier &
 * Moulines 2011): after each update every arm's S_i, F_i is multiplied by
 * gamma, then the played arm's gets the reward; theta_i ~ Beta(S_i +
 * alpha, F_i + beta) with rng_beta, every arm in order. */
static void test_dts_draws_from_the_discounted_posterior(void **state)
{
    enum { K = 3, T = 3000 };
    static const double p[K] = {0.3, 0.6, 0.5};
    const double g = 0.9;
    struct inst in;
    inst_init(&in, "dts", K, T);
    set_knob(&in, "gamma", g);
    set_knob(&in, "alpha", 2);
    inst_start(&in);
    double s[K] = {0}, f[K] = {0};
    struct rng env, pr, pn;
    rng_seed(&env, 121);
    rng_seed(&pr, 122);
    for (long long t = 1; t <= T; t++) {
        /* means flip at t = 1500, so the discount shows */
        double pa[K];
        for (int i = 0; i < K; i++)
            pa[i] = t < 1500 ? p[i] : 0.9 - p[i];
        pn = pr;
        int a = select_at(&in, t, K, &pr), b = 0;
        double bt = -1;
        for (int i = 0; i < K; i++) {
            double th = rng_beta(&pn, s[i] + 2, f[i] + 1);
            if (th > bt) {
                bt = th;
                b = i;
            }
        }
        if (a != b)
            fail_msg("dts: round %lld plays %d, the naive loop %d", t, a, b);
        int r = rng_uniform(&env) < pa[a];
        for (int i = 0; i < K; i++) {
            s[i] *= g;
            f[i] *= g;
        }
        (r ? s : f)[a] += 1;
        feed(&in, a, r, t, &pr);
    }
    inst_free(&in);
}

/* Discounted UCB (Garivier & Moulines 2011, section 3): N_i = sum_s
 * gamma^(t-s) 1{I_s = i}, X_i = sum_s gamma^(t-s) X_s 1{I_s = i} / N_i,
 * n_t = sum_i N_i, index X_i + 2 sqrt(xi log n_t / N_i). The sums are
 * recomputed from the whole history every round: the weight of a play at
 * round s when round t is chosen is gamma^(t - 1 - s), the paper's
 * N_{t-1}(gamma, i) (eq. 2). */
static void test_ducb_plays_the_discounted_index(void **state)
{
    enum { K = 3, T = 2500 };
    static const double p[K] = {0.3, 0.6, 0.5};
    const double g = 0.98, xi = 0.6;
    struct inst in;
    inst_init(&in, "ducb", K, T);
    set_knob(&in, "gamma", g);
    inst_start(&in);
    int arm[T + 1];
    double rew[T + 1];
    struct rng env, pr;
    rng_seed(&env, 131);
    rng_seed(&pr, 132);
    for (long long t = 1; t <= T; t++) {
        double N[K] = {0}, S[K] = {0};
        for (long long s = 1; s < t; s++) {
            double w = pow(g, (double)(t - 1 - s));
            N[arm[s]] += w;
            S[arm[s]] += w * rew[s];
        }
        int b = -1;
        double tot = 0;
        for (int i = 0; i < K && b < 0; i++) {
            if (N[i] <= 0)
                b = i;
            tot += N[i];
        }
        if (b < 0) {
            double bi = -INFINITY, lt = log(tot > 1 ? tot : 1);
            for (int i = 0; i < K; i++) {
                double idx = S[i] / N[i] + 2 * sqrt(xi * lt / N[i]);
                if (idx > bi) {
                    bi = idx;
                    b = i;
                }
            }
        }
        int a = select_at(&in, t, K, &pr);
        if (a != b)
            fail_msg("ducb: round %lld plays %d, the discounted index %d", t, a, b);
        double pt = t < 1200 ? p[a] : 0.9 - p[a];
        rew[t] = rng_uniform(&env) < pt;
        arm[t] = a;
        feed(&in, a, rew[t], t, &pr);
    }
    inst_free(&in);
}

/* ---- CUSUM-UCB ---- */

/* Liu, Lee & Shroff 2018, Algorithm 2 on one arm: the first M samples fix
 * u0; then g+ = max(0, g+ + y - u0 - eps), g- = max(0, g- + u0 - y - eps),
 * an alarm when either passes h, and the arm restarts. An alarm shows as
 * the policy playing the restarted arm at once (its count is 0), while a
 * sure arm 1 (three rewards of 1: its index 1 + sqrt(2 ln n / 3) beats
 * arm 0's whenever arm 0 has more than 3 samples) is played otherwise.
 * alpha = 0: no uniform exploration. Returns the 1-based sample of arm 0
 * after which the policy restarted it (0: none), and *naive the same from
 * the literal CUSUM on the same samples. */
static int cusum_alarm(const double *y, int n, double m, double eps, double h, int *naive)
{
    struct inst in;
    inst_init(&in, "cusum_ucb", 2, 10000);
    set_knob(&in, "M", m);
    set_knob(&in, "eps", eps);
    set_knob(&in, "h", h);
    set_knob(&in, "alpha", 0);
    inst_start(&in);
    struct rng pr;
    rng_seed(&pr, 1);
    long long t = 1;
    for (int j = 0; j < 3; j++)
        feed(&in, 1, 1.0, t++, &pr);
    int alarm = 0;
    for (int j = 0; j < n && !alarm; j++) {
        feed(&in, 0, y[j], t++, &pr);
        if (j + 1 > 3 && select_at(&in, t, 2, &pr) == 0)
            alarm = j + 1;
    }
    inst_free(&in);
    double u0 = 0, gp = 0, gn = 0;
    *naive = 0;
    for (int j = 0; j < n && !*naive; j++) {
        if (j < m) {
            u0 += y[j];
            if (j + 1 == (int)m)
                u0 /= m;
            continue;
        }
        gp = fmax(0, gp + y[j] - u0 - eps);
        gn = fmax(0, gn + u0 - y[j] - eps);
        if (gp > h || gn > h)
            *naive = j + 1;
    }
    return alarm;
}

/* theta > 0 with mu e^(theta x1) + (1 - mu) e^(theta x0) = 1, for a
 * two-point step of negative mean (bisection). */
static double lundberg_theta(double mu, double x1, double x0)
{
    double lo = 1e-9, hi = 200;
    for (int i = 0; i < 200; i++) {
        double th = (lo + hi) / 2;
        if (mu * exp(th * x1) + (1 - mu) * exp(th * x0) < 1)
            lo = th;
        else
            hi = th;
    }
    return lo;
}

/* Lundberg's bound for one side of the CUSUM on Bernoulli(mu) samples:
 * the increment is x1 = y=1's step w.p. mu, x0 = y=0's w.p. 1 - mu, with
 * negative mean; theta > 0 solves mu e^(theta x1) + (1 - mu) e^(theta x0)
 * = 1 (bisection), and a walk started at its first up-step s reaches h
 * with probability at most e^(-theta (h - s)). Returns that bound times
 * the expected number of up-steps in n samples (the union over
 * excursions), or 1 when the drift is not negative. */
static double lundberg_alarms(double mu, double x1, double x0, double h, int n)
{
    if (mu * x1 + (1 - mu) * x0 >= 0)
        return 1;
    double up = x1 > 0 ? x1 : x0, p_up = x1 > 0 ? mu : 1 - mu;
    return fmin(1.0, n * p_up * exp(-lundberg_theta(mu, x1, x0) * (h - up)));
}

/* A clear change (Bernoulli 0.9 to 0.1 after 2000 samples, M = 1000,
 * eps = 0.05, h = log 10^4 = 9.21), the delay Liu et al. bound through h
 * / (Delta - eps) (their Lemma 2's detection delay): each post-change
 * sample moves g- by u0 - y - eps, of mean Delta - eps = 0.75, so by
 * Wald's identity the mean delay is (h + overshoot - g-(change)) / 0.75.
 * The overshoot is at most one step, u0 - eps = 0.85, and g- at the
 * change is the reflected pre-change walk, whose mean is at most
 * 1 / theta (Lundberg: P(g > x) <= e^(-theta x), theta = 0.89 for the
 * steps -0.15 and +0.85). So the mean delay over the streams without a
 * false alarm is in [(h - 1 / theta) / 0.75, (h + 0.85) / 0.75] =
 * [10.8, 13.4]; the sd of one stream's delay is about 1.4, 0.1 for the
 * mean of 200. Every alarm also matches the literal CUSUM. */
static void test_cusum_ucb_detects_a_clear_change_within_the_stated_delay(void **state)
{
    enum { M = 1000, PRE = 2000, POST = 200, RUNS = 200 };
    const double h = log(10000.0), eps = 0.05, drift = 0.8 - eps;
    static double y[PRE + POST];
    double sum_delay = 0;
    int early = 0, missed = 0;
    struct rng env;
    rng_seed(&env, 141);
    for (int r = 0; r < RUNS; r++) {
        for (int j = 0; j < PRE + POST; j++)
            y[j] = rng_uniform(&env) < (j < PRE ? 0.9 : 0.1);
        int naive, alarm = cusum_alarm(y, PRE + POST, M, eps, h, &naive);
        if (alarm != naive)
            fail_msg("stream %d: cusum_ucb restarts after sample %d, the CUSUM after %d", r,
                     alarm, naive);
        if (alarm == 0)
            missed++;
        else if (alarm <= PRE)
            early++;   /* a false alarm: the stationary test bounds their rate */
        else
            sum_delay += alarm - PRE;
    }
    assert_int_equal(missed, 0);
    assert_true(early < RUNS / 10);
    double mean = sum_delay / (RUNS - early - missed);
    double lo = (h - 1 / lundberg_theta(0.9, 0.9 - 1 - eps, 0.9 - eps)) / drift,
           hi = (h + 0.9 - eps) / drift;
    if (mean < lo || mean > hi)
        fail_msg("mean detection delay %g outside [%g, %g]", mean, lo, hi);
}

/* No change (Bernoulli 0.9): Liu et al.'s false-alarm argument (their
 * Lemma 1 bounds it through h) made concrete with Lundberg's inequality:
 * given the reference mean u0 of the first M = 1000 samples, the
 * expected number of alarms over 200 streams of 2000 further samples is
 * at most B = sum over streams of the two sides' bounds (lundberg_alarms
 * with steps u0 - y - eps and y - u0 - eps); the count is a sum of
 * independent indicators with mean <= B, so more than B + 4 sqrt(B) + 2
 * alarms has probability below 1e-3. The literal CUSUM and the policy
 * also agree stream by stream. */
static void test_cusum_ucb_rarely_alarms_on_a_stationary_stream(void **state)
{
    enum { M = 1000, N = 3000, RUNS = 200 };
    const double h = log(10000.0), eps = 0.05, mu = 0.9;
    static double y[N];
    int alarms = 0;
    double bound = 0;
    struct rng env;
    rng_seed(&env, 151);
    for (int r = 0; r < RUNS; r++) {
        double u0 = 0;
        for (int j = 0; j < N; j++) {
            y[j] = rng_uniform(&env) < mu;
            if (j < M)
                u0 += y[j] / M;
        }
        int naive, alarm = cusum_alarm(y, N, M, eps, h, &naive);
        if (alarm != naive)
            fail_msg("stream %d: cusum_ucb restarts after sample %d, the CUSUM after %d", r,
                     alarm, naive);
        alarms += alarm > 0;
        bound += fmin(1.0, lundberg_alarms(mu, u0 - 1 - eps, u0 - eps, h, N - M) +
                               lundberg_alarms(mu, 1 - u0 - eps, -u0 - eps, h, N - M));
    }
    if (alarms > bound + 4 * sqrt(bound) + 2)
        fail_msg("%d of %d stationary streams alarmed; Lundberg's bound %g", alarms, RUNS,
                 bound);
    /* the bound is not vacuous (about a quarter of the streams here; the
     * union over excursions is loose): a CUSUM without the drift eps
     * alarms in most streams and fails it */
    assert_true(bound < 0.3 * RUNS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* Thompson sampling */
        cmocka_unit_test(test_ts_binarises_fractional_rewards_by_a_bernoulli_draw),
        cmocka_unit_test(test_ts_draws_from_the_beta_prior_posterior),
        cmocka_unit_test(test_ts_prior_sets_the_first_selection_odds),
        cmocka_unit_test(test_gts_samples_the_gaussian_posterior),
        /* UCB-V */
        cmocka_unit_test(test_ucbv_plays_the_empirical_bernstein_index),
        cmocka_unit_test(test_ucbv_variance_term_decides_on_known_statistics),
        /* EXP3 */
        cmocka_unit_test(test_exp3_draws_from_the_paper_probabilities),
        cmocka_unit_test(test_exp3_default_gamma_and_probabilities),
        /* softmax and epsilon_n-greedy */
        cmocka_unit_test(test_softmax_plays_boltzmann_probabilities),
        cmocka_unit_test(test_egreedy_decay_follows_the_epsilon_schedule),
        /* discounted */
        cmocka_unit_test(test_dts_draws_from_the_discounted_posterior),
        cmocka_unit_test(test_ducb_plays_the_discounted_index),
        /* CUSUM-UCB */
        cmocka_unit_test(test_cusum_ucb_detects_a_clear_change_within_the_stated_delay),
        cmocka_unit_test(test_cusum_ucb_rarely_alarms_on_a_stationary_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
