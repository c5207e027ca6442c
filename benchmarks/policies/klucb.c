/*
 * Index policies whose index is an inverted divergence or a posterior
 * quantile.
 *
 * klucb     Garivier & Cappe (2011), "The KL-UCB algorithm for bounded
 *           stochastic bandits and beyond", COLT, eq. (4): play each arm
 *           once, then the arm maximising
 *               max{q in [x_j, 1] : n_j kl(x_j, q) <= log t + c log log t}
 *           with kl the Bernoulli divergence and c = 0 as in their
 *           experiments (section 6). Rewards in [0, 1].
 * bayesucb  Kaufmann, Cappe & Garivier (2012), "On Bayesian upper
 *           confidence bounds for bandit problems", AISTATS, Algorithm 1:
 *           the quantile of order 1 - 1/(t (log T)^c) of the Beta(S+1, F+1)
 *           posterior, c = 0 as in their experiments (section 5); for
 *           rewards in [0, 1] S and F add r and 1 - r.
 *
 * The index is computed lazily but exactly: both play the arms of the
 * naive loop (every index every round, argmax with the lowest index among
 * ties); see lazy_index.h for the two speed-ups and test_policies.c and
 * test_lazy_index.c for the identical arm sequences. A replaced arm
 * (round->replaced) is forgotten (lazy_forget): unplayed again, its
 * Bayes-UCB posterior the Beta(1, 1) prior, played next.
 */
#include <math.h>

#include "benchmarks/policies/lazy_index.h"
#include "benchmarks/policy.h"

/* ---- KL-UCB ---- */

struct klucb_state {
    struct lazy_index z;         /* first: the ops cast back */
    double c;
};

static const struct pol_knob klucb_knobs[] = {
    {"c", 0.0, "exploration log t + c log log t (0 in the paper's experiments, 3 in its theorem)"},
};

static size_t klucb_size(const struct pol_config *cfg)
{
    return sizeof(struct klucb_state) + lazy_size(cfg->k);
}

static void klucb_init(void *state, const struct pol_config *cfg)
{
    struct klucb_state *st = state;
    st->c = cfg->knobs[0];
    lazy_init(&st->z, cfg->k, st->c >= 0.0, st + 1);
}

static double klucb_level_at(double c, long long t)
{
    double l = log((double)t);
    return c != 0.0 && l > 1.0 ? l + c * log(l) : l;
}

static double klucb_level(const void *state, long long t)
{
    return klucb_level_at(((const struct klucb_state *)state)->c, t);
}

static double klucb_slope(const void *state, int i, double v, double level)
{
    const struct klucb_state *st = state;
    double p = st->z.x[i] / st->z.n[i];
    if (v >= 1.0)
        return 0.0;   /* the index never exceeds 1 */
    return v > p ? v * (1.0 - v) / (st->z.n[i] * (v - p)) : NAN;
}

/* The slope is decreasing along the curve (concavity), so its value at
 * any v above the index bounds it from below. */
static double klucb_lower_slope(const void *state, int i, double v)
{
    double g = klucb_slope(state, i, v, 0.0);
    return isfinite(g) ? g : 0.0;
}

static bool klucb_anchor(void *state, int i, double v, double *lev, double *slope)
{
    const struct klucb_state *st = state;
    double p = st->z.x[i] / st->z.n[i];
    if (!(v > p) || !(v < 1.0 - 1e-9))
        return false;
    *lev = st->z.n[i] * pol_kl_bernoulli(p, v);
    *slope = klucb_slope(state, i, v, *lev);
    return true;
}

/* kl(p, q) = d by Newton on the convex increasing q -> kl(p, q) - d from
 * start, or from p + d + sqrt(d^2 + 2 p d), where (q - p)^2 / (2 q) = d:
 * kl(p, q) >= (q - p)^2 / (2 q) for q >= p, so both are right of the
 * root, and the iterates decrease to it (as pol_kl_ucb, common.c). After
 * a step s the error left is about C s^2, C = f'' / (2 f'); we stop when
 * 4 C s^2 < 1e-12, far inside the margin. */
static double klucb_newton(const void *state, int i, double level, double start, double *slope)
{
    const struct klucb_state *st = state;
    double n = st->z.n[i], p = st->z.x[i] / n;
    if (!(p < 1.0) || !(level > 0.0))
        return NAN;
    double d = level / n;
    double q = fmin(start, p + d + sqrt(d * d + 2.0 * p * d));
    if (!(q > p) || !(q < 1.0 - 1e-6))
        return NAN;
    double f = pol_kl_bernoulli(p, q) - d;
    if (!(f > 0.0))
        return NAN;
    for (int it = 0; it < 64; it++) {
        double step = f * q * (1.0 - q) / (q - p);
        if (!(q - step > p))
            return NAN;
        q -= step;
        double c2 = (p / (q * q) + (1.0 - p) / ((1.0 - q) * (1.0 - q))) * q * (1.0 - q) /
                    (2.0 * (q - p));
        if (step < 1e-15 || 4.0 * c2 * step * step < 1e-12) {
            *slope = klucb_slope(state, i, q, level);
            return q;
        }
        f = pol_kl_bernoulli(p, q) - d;
        if (f <= 0.0) {
            *slope = klucb_slope(state, i, q, level);
            return q;
        }
    }
    return NAN;
}

static double klucb_exact(const void *state, int i, long long t)
{
    const struct klucb_state *st = state;
    return pol_kl_ucb(st->z.x[i] / st->z.n[i], st->z.n[i], klucb_level_at(st->c, t));
}

static bool klucb_beats(const void *state, int l, double extra, long long t0, double u)
{
    const struct klucb_state *st = state;
    double n = st->z.n[l] + extra, p = st->z.x[l] / n, level = klucb_level_at(st->c, t0);
    if (!(level > 0.0))
        return false;
    return p > u || n * pol_kl_bernoulli(p, u) < level * (1.0 - 1e-12);
}

static const struct lazy_ops klucb_ops = {
    klucb_level, klucb_anchor, klucb_newton, klucb_exact, klucb_slope, klucb_lower_slope, klucb_beats,
};

static int klucb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct klucb_state *st = state;
    for (int r = 0; r < round->n_replaced; r++)
        lazy_forget(&st->z, round->replaced[r]);
    return lazy_select(&st->z, st, &klucb_ops, round->t);
}

static void klucb_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct klucb_state *st = state;
    lazy_update(&st->z, fb->arm, fb->reward);
}

const struct pol_type pol_klucb = {
    .name = "klucb",
    .title = "KL-UCB (Garivier & Cappe 2011)",
    .knobs = klucb_knobs,
    .n_knobs = 1,
    .state_size = klucb_size,
    .init = klucb_init,
    .select = klucb_select,
    .update = klucb_update,
};

/* ---- Bayes-UCB (Beta tails and quantiles are in common.c) ---- */

struct bayesucb_state {
    struct lazy_index z;         /* first: the ops cast back; x = S, n - x = F */
    double c, log_horizon;
    double *lnorm;               /* log B(a, b) of each posterior, set with the anchor */
};

static const struct pol_knob bayesucb_knobs[] = {
    {"c", 0.0, "quantile order 1 - 1/(t (log T)^c); 0 in the paper's experiments"},
};

static size_t bayesucb_size(const struct pol_config *cfg)
{
    return sizeof(struct bayesucb_state) + (size_t)cfg->k * sizeof(double) + lazy_size(cfg->k);
}

static void bayesucb_init(void *state, const struct pol_config *cfg)
{
    struct bayesucb_state *st = state;
    st->c = cfg->knobs[0];
    st->log_horizon = log((double)(cfg->horizon > 3 ? cfg->horizon : 3));
    st->lnorm = (double *)(st + 1);
    lazy_init(&st->z, cfg->k, true, st->lnorm + cfg->k);
}

static double bayesucb_alpha(const struct bayesucb_state *st, long long t)
{
    return 1.0 / ((double)t * pow(st->log_horizon, st->c));
}

static double bayesucb_level(const void *state, long long t)
{
    return -log(bayesucb_alpha(state, t));
}

/* The density of Beta(a, b) at v, given log B(a, b). */
static double beta_density(double v, double a, double b, double lnorm)
{
    return exp((a - 1.0) * log(v) + (b - 1.0) * log1p(-v) - lnorm);
}

static double bayesucb_slope(const void *state, int i, double v, double level)
{
    const struct bayesucb_state *st = state;
    double a = st->z.x[i] + 1.0, b = st->z.n[i] - st->z.x[i] + 1.0;
    if (!(v > 0.0) || !(v < 1.0))
        return NAN;
    return exp(-level) / beta_density(v, a, b, st->lnorm[i]);
}

/* 1 / hazard at v would need a tail: no lower slope. */
static double bayesucb_lower_slope(const void *state, int i, double v)
{
    return 0.0;
}

static bool bayesucb_anchor(void *state, int i, double v, double *lev, double *slope)
{
    struct bayesucb_state *st = state;
    double a = st->z.x[i] + 1.0, b = st->z.n[i] - st->z.x[i] + 1.0;
    st->lnorm[i] = pol_beta_lnorm(a, b);
    if (!(v > 0.0) || !(v < 1.0))
        return false;
    double s = pol_beta_upper_tail_ln(v, a, b, st->lnorm[i]);
    if (!(s > 0.0) || !(s < 1.0))
        return false;
    *lev = -log(s);
    *slope = s / beta_density(v, a, b, st->lnorm[i]);
    return true;
}

/* H(x) = level for H = -log P(Beta > x), convex increasing (top comment),
 * by Newton from start >= the root: the iterates decrease to it. With
 * h = H' = f / S the hazard, H'' = h (f'/f + h): as for klucb, we stop
 * when 4 C s^2 < 1e-12, C = H'' / (2 H') = (f'/f + h) / 2. */
static double bayesucb_newton(const void *state, int i, double level, double start, double *slope)
{
    const struct bayesucb_state *st = state;
    double a = st->z.x[i] + 1.0, b = st->z.n[i] - st->z.x[i] + 1.0, ln = st->lnorm[i];
    double x = start;
    if (!(x > 0.0) || !(x < 1.0 - 1e-9))
        return NAN;
    double s = pol_beta_upper_tail_ln(x, a, b, ln);
    if (!(s > 0.0))
        return NAN;
    double gap = -log(s) - level;
    if (!(gap > 0.0))
        return NAN;
    for (int it = 0; it < 64; it++) {
        double h = beta_density(x, a, b, ln) / s;
        double step = gap / h;
        if (!(step > 0.0) || !(x - step > 0.0))
            return NAN;
        double c2 = 0.5 * ((a - 1.0) / x - (b - 1.0) / (1.0 - x) + h);
        x -= step;
        if (step < 1e-15 || 4.0 * fabs(c2) * step * step < 1e-12)
            break;
        s = pol_beta_upper_tail_ln(x, a, b, ln);
        gap = -log(s) - level;
        if (!(gap > 0.0))
            break;
        if (it == 63)
            return NAN;
    }
    *slope = bayesucb_slope(state, i, x, level);
    return x;
}

static double bayesucb_exact(const void *state, int i, long long t)
{
    const struct bayesucb_state *st = state;
    double a = st->z.x[i] + 1.0, b = st->z.n[i] - st->z.x[i] + 1.0;
    return pol_beta_upper_quantile(a, b, bayesucb_alpha(st, t));
}

static bool bayesucb_beats(const void *state, int l, double extra, long long t0, double u)
{
    const struct bayesucb_state *st = state;
    double a = st->z.x[l] + 1.0, b = st->z.n[l] + extra - st->z.x[l] + 1.0;
    return pol_beta_upper_tail(u, a, b) > bayesucb_alpha(st, t0) * (1.0 + 1e-6);
}

static const struct lazy_ops bayesucb_ops = {
    bayesucb_level, bayesucb_anchor, bayesucb_newton,
    bayesucb_exact, bayesucb_slope, bayesucb_lower_slope, bayesucb_beats,
};

static int bayesucb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct bayesucb_state *st = state;
    for (int r = 0; r < round->n_replaced; r++)   /* lnorm is set again with the anchor */
        lazy_forget(&st->z, round->replaced[r]);
    /* Unplayed arms have the Beta(1, 1) prior; play them first like the
     * other index policies so the bounds start from data. */
    return lazy_select(&st->z, st, &bayesucb_ops, round->t);
}

static void bayesucb_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct bayesucb_state *st = state;
    lazy_update(&st->z, fb->arm, fb->reward);
}

const struct pol_type pol_bayesucb = {
    .name = "bayesucb",
    .title = "Bayes-UCB (Kaufmann, Cappe & Garivier 2012)",
    .knobs = bayesucb_knobs,
    .n_knobs = 1,
    .state_size = bayesucb_size,
    .init = bayesucb_init,
    .select = bayesucb_select,
    .update = bayesucb_update,
};
