/*
 * Thompson sampling (Thompson 1933).
 *
 * ts   Beta-Bernoulli TS as in Chapelle & Li (2011), "An empirical
 *      evaluation of Thompson sampling", NIPS 24, Algorithm 2: keep S_i, F_i;
 *      draw theta_i ~ Beta(S_i + alpha, F_i + beta) for every arm and play
 *      the largest (lowest index among ties); prior Beta(1, 1). Rewards in
 *      [0, 1] that are not 0/1 are binarised first, r~ ~ Bernoulli(r)
 *      (Agrawal & Goyal 2012, "Analysis of Thompson sampling for the
 *      multi-armed bandit problem", COLT, Algorithm 2).
 * gts  Gaussian TS, Agrawal & Goyal (2013), "Further optimal regret bounds
 *      for Thompson sampling", AISTATS, Algorithm 2: theta_i ~
 *      N(mu_i, v / (k_i + 1)) with mu_i = S_i / (k_i + 1), v = 1.
 *
 * Speed, exact in law. Beta(a, b) = X / (X + Y) with X ~ Gamma(a),
 * Y ~ Gamma(b) by Marsaglia-Tsang (rng.h) from a ziggurat normal, with
 * the constants of both Gammas cached per arm. On top of that, lazy
 * inversion: the arm F with the highest posterior mean is drawn first;
 * every other arm j with enough data has a screening level q_j (its
 * posterior mean + 3 sd) and eps_j = P(theta_j > q_j), computed once
 * its posterior has been still for 16 draws. If q_j is below the best
 * draw so far, theta_j is drawn by inversion, theta_j = Q_j(u) with u
 * uniform and Q_j the upper quantile function (P(theta_j > Q_j(u)) = u):
 * for u >= eps_j, Q_j(u) <= q_j cannot win, so it is never computed; for
 * u < eps_j (rare) one tail probability decides whether Q_j(u) beats the
 * best draw, and Q_j(u) is computed only when it does. Each theta_j
 * still has exactly its Beta law (the inverse-CDF method, evaluated only
 * when it matters) and the draws stay independent,
 * so the played arm has exactly the law of Algorithm 2; only the way
 * random bits are consumed differs from a naive loop. test_policies.c
 * checks the selection frequencies against the naive loop (rng_beta for
 * every arm) on fixed posteriors, and the cached-Gamma path for identical
 * draws. Arms with q_j above the best draw are drawn in full.
 *
 * Replaced arms (round->replaced, catalogue churn): ts puts the slot back
 * to its prior Beta(alpha, beta) (counts, prepared Gammas, screening level
 * and the arm drawn first recomputed), as Chapelle & Li's section 4.3
 * experiment does for a new item; gts forgets the slot's sum and count.
 */
#include <math.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

struct ts_state {
    int k;
    bool binary;
    bool lazy;                   /* screening on (off: the plain Gamma-ratio loop) */
    double alpha, beta;
    int first;                   /* the highest posterior mean, drawn first */
    double other_max;            /* the highest posterior mean of the other arms */
    double *succ, *fail;
    double *q;                   /* screening level; INFINITY: never; NAN: stale */
    double *eps;                 /* P(theta > q) */
    double *lnorm;               /* log B(a, b) of the screened posterior */
    double *mean;                /* posterior means a / (a + b) */
    double *fresh;               /* full draws since the posterior last changed */
    struct rng_gamma_prep *pa, *pb;   /* prepared Gamma(S+alpha), Gamma(F+beta) */
};

static const struct pol_knob ts_knobs[] = {
    {"alpha", 1.0, "prior Beta(alpha, beta): pseudo-successes (>= 1)"},
    {"beta", 1.0, "prior pseudo-failures (>= 1)"},
    {"lazy", 1.0, "1: lazy inversion of arms that cannot win (same law); 0: draw every arm"},
};

static size_t ts_size(const struct pol_config *cfg)
{
    return sizeof(struct ts_state) +
           (size_t)cfg->k * (7 * sizeof(double) + 2 * sizeof(struct rng_gamma_prep));
}

static void ts_prepare(struct ts_state *st, int i)
{
    rng_gamma_prepare(&st->pa[i], st->succ[i] + st->alpha);
    rng_gamma_prepare(&st->pb[i], st->fail[i] + st->beta);
}

static void ts_init(void *state, const struct pol_config *cfg)
{
    struct ts_state *st = state;
    st->k = cfg->k;
    st->binary = cfg->binary_rewards;
    st->alpha = fmax(1.0, cfg->knobs[0]);
    st->beta = fmax(1.0, cfg->knobs[1]);
    st->lazy = cfg->knobs[2] != 0.0;
    st->pa = (struct rng_gamma_prep *)(st + 1);
    st->pb = st->pa + cfg->k;
    st->succ = (double *)(st->pb + cfg->k);
    st->fail = st->succ + cfg->k;
    st->q = st->fail + cfg->k;
    st->eps = st->q + cfg->k;
    st->mean = st->eps + cfg->k;
    st->fresh = st->mean + cfg->k;
    st->lnorm = st->fresh + cfg->k;
    for (int i = 0; i < cfg->k; i++) {
        ts_prepare(st, i);
        st->q[i] = NAN;
        st->mean[i] = st->alpha / (st->alpha + st->beta);
    }
    st->other_max = cfg->k > 1 ? st->mean[0] : -1.0;
}

static inline double ts_draw(struct ts_state *st, int i, struct rng *rng)
{
    double x = rng_gamma_prepared(rng, &st->pa[i]);
    double y = rng_gamma_prepared(rng, &st->pb[i]);
    return x / (x + y);
}

/* The screening level of arm i (see the top comment). */
static void ts_screen(struct ts_state *st, int i)
{
    double a = st->succ[i] + st->alpha, b = st->fail[i] + st->beta, n = a + b;
    st->q[i] = INFINITY;
    if (n < 30)
        return;
    double mean = a / n, sd = sqrt(a * b / (n * n * (n + 1.0)));
    double q = mean + 3.0 * sd;
    if (q >= 1.0)
        return;
    double lnorm = pol_beta_lnorm(a, b);
    double eps = pol_beta_upper_tail_ln(q, a, b, lnorm);
    if (eps > 0.02)
        return;
    st->lnorm[i] = lnorm;
    st->q[i] = q;
    st->eps[i] = eps;
}

/* The arm drawn first and the best posterior mean of the others. */
static void ts_rank(struct ts_state *st)
{
    st->first = pol_argmax(st->mean, st->k);
    st->other_max = -1.0;
    for (int i = 0; i < st->k; i++)
        if (i != st->first && st->mean[i] > st->other_max)
            st->other_max = st->mean[i];
}

static void ts_forget(struct ts_state *st, const struct bench_round *round)
{
    for (int r = 0; r < round->n_replaced; r++) {
        int a = round->replaced[r];
        st->succ[a] = st->fail[a] = 0.0;
        ts_prepare(st, a);
        st->q[a] = NAN;
        st->fresh[a] = 0;
        st->mean[a] = st->alpha / (st->alpha + st->beta);
    }
    ts_rank(st);
}

static int ts_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct ts_state *st = state;
    if (round->n_replaced)
        ts_forget(st, round);
    if (!st->lazy) {
        int best = 0;
        double best_theta = -1.0;
        for (int i = 0; i < st->k; i++) {
            double theta = ts_draw(st, i, rng);
            if (theta > best_theta) {
                best_theta = theta;
                best = i;
            }
        }
        return best;
    }
    int best = st->first;
    double best_theta = ts_draw(st, best, rng);
    for (int i = 0; i < st->k; i++) {
        if (i == st->first)
            continue;
        /* Screening costs a continued fraction: only for arms whose
         * posterior has stayed put for a few draws. */
        if (isnan(st->q[i]) && ++st->fresh[i] >= 16)
            ts_screen(st, i);
        double theta;
        if (st->q[i] < best_theta) {   /* false while q is NAN */
            double u = rng_uniform(rng);
            if (u >= st->eps[i])
                continue;   /* theta_i = Q_i(u) <= q_i < best_theta */
            /* Q_i(u) > best_theta iff u < P(theta_i > best_theta): one tail
             * evaluation; the inversion only when arm i takes the lead. */
            double a = st->succ[i] + st->alpha, b = st->fail[i] + st->beta;
            if (u >= pol_beta_upper_tail_ln(best_theta, a, b, st->lnorm[i]))
                continue;
            theta = pol_beta_upper_quantile_ln(a, b, u, st->lnorm[i], best_theta);
        } else {
            theta = ts_draw(st, i, rng);
        }
        if (theta > best_theta || (theta == best_theta && i < best)) {
            best_theta = theta;
            best = i;
        }
    }
    return best;
}

static void ts_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct ts_state *st = state;
    double r = fb->reward;
    int success = st->binary ? r > 0.5 : rng_uniform(rng) < fmin(1.0, fmax(0.0, r));
    int a = fb->arm;
    if (success) {   /* only the Gamma whose shape changed is prepared again */
        st->succ[a] += 1.0;
        rng_gamma_prepare(&st->pa[a], st->succ[a] + st->alpha);
    } else {
        st->fail[a] += 1.0;
        rng_gamma_prepare(&st->pb[a], st->fail[a] + st->beta);
    }
    st->q[a] = NAN;
    st->fresh[a] = 0;
    double old = st->mean[a];
    st->mean[a] = (st->succ[a] + st->alpha) / (st->succ[a] + st->fail[a] + st->alpha + st->beta);
    /* The arm drawn first: the highest posterior mean (any choice keeps the
     * law exact; this one makes screening effective). */
    if (a == st->first && st->mean[a] >= st->other_max)
        return;
    if (a != st->first && st->mean[a] <= st->mean[st->first] && st->mean[a] <= old) {
        return;   /* other_max can only have dropped: still an upper bound */
    }
    ts_rank(st);
}

const struct pol_type pol_ts = {
    .name = "ts",
    .title = "Thompson sampling, Beta-Bernoulli (Chapelle & Li 2011)",
    .flags = POL_RANDOMISED,
    .baseline_on = WL_KIND_SINGLE | WL_KIND_CONTEXTUAL | WL_KIND_PRICING | WL_KIND_KNAPSACK,
    .tier = POL_TIER_CLASSIC,
    .knobs = ts_knobs,
    .n_knobs = 3,
    .state_size = ts_size,
    .init = ts_init,
    .select = ts_select,
    .update = ts_update,
};

/* ---- Gaussian TS ---- */

struct gts_state {
    int k;
    double v;
    double *sum, *n;
};

static const struct pol_knob gts_knobs[] = {
    {"v", 1.0, "posterior variance scale: theta ~ N(mu, v / (n + 1))"},
};

static size_t gts_size(const struct pol_config *cfg)
{
    return sizeof(struct gts_state) + 2 * (size_t)cfg->k * sizeof(double);
}

static void gts_init(void *state, const struct pol_config *cfg)
{
    struct gts_state *st = state;
    st->k = cfg->k;
    st->v = cfg->knobs[0];
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
}

static int gts_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct gts_state *st = state;
    for (int r = 0; r < round->n_replaced; r++)
        st->sum[round->replaced[r]] = st->n[round->replaced[r]] = 0.0;
    int best = 0;
    double best_theta = -INFINITY;
    for (int i = 0; i < st->k; i++) {
        double n1 = st->n[i] + 1.0;
        double theta = st->sum[i] / n1 + sqrt(st->v / n1) * rng_normal(rng);
        if (theta > best_theta) {
            best_theta = theta;
            best = i;
        }
    }
    return best;
}

static void gts_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct gts_state *st = state;
    st->sum[fb->arm] += fb->reward;
    st->n[fb->arm] += 1.0;
}

const struct pol_type pol_gts = {
    .name = "gts",
    .title = "Gaussian Thompson sampling (Agrawal & Goyal 2013)",
    .flags = POL_RANDOMISED,
    .knobs = gts_knobs,
    .n_knobs = 1,
    .state_size = gts_size,
    .init = gts_init,
    .select = gts_select,
    .update = gts_update,
};
