/*
 * Real-valued workloads.
 *
 *   gaussian   arm i pays N(mu_i, sigma^2) (e.g. a normalised basket
 *              value); Lai-Robbins constant sum_i 2 sigma^2 / Delta_i
 *              (Lai & Robbins 1985 with KL = Delta^2 / (2 sigma^2));
 *   bounded    arm i pays Beta(mu_i c, (1 - mu_i) c) in [0, 1], mean mu_i,
 *              concentration c (e.g. the share of a basket);
 *   revenue    arm i converts with probability p_i and then pays an order
 *              value ~ LogNormal(value_mu, value_sigma^2): heavy-tailed
 *              revenue per visit, mean p_i exp(value_mu + value_sigma^2/2).
 * Each arm has its own reward stream (common random numbers).
 */
#include <math.h>

#include "benchmarks/workload.h"

struct real_state {
    const struct wl_config *cfg;
    int k;
    double *means;               /* k expected rewards, this seed's order */
    double *rates;               /* k: gaussian/bounded: = means; revenue: conversion */
    struct rng *arm_rng;         /* k */
};

static size_t real_state_size(const struct wl_config *cfg)
{
    return sizeof(struct real_state) + (size_t)cfg->k * (sizeof(struct rng) + 2 * sizeof(double));
}

static void real_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    struct real_state *st = state;
    st->cfg = cfg;
    st->k = cfg->k;
    st->arm_rng = (struct rng *)(st + 1);
    st->means = (double *)(st->arm_rng + cfg->k);
    st->rates = st->means + cfg->k;
    for (int i = 0; i < cfg->k; i++) {
        st->rates[i] = cfg->means[i];
        wl_arm_stream(&st->arm_rng[i], seed, i);
    }
    if (cfg->shuffle)
        wl_shuffle(st->rates, cfg->k, seed);
    for (int i = 0; i < cfg->k; i++)
        st->means[i] = st->rates[i];
}

static long long real_advance(void *state, long long t, struct wl_arms *arms)
{
    struct real_state *st = state;
    arms->means = st->means;
    wl_arms_best(arms, st->k);
    return WL_NEVER;
}

/* ---- gaussian ---- */

static const struct wl_param gaussian_params[] = {
    {"best", 1.0, "mean of the best arm"},
    {"gap", 0.5, "every other arm has mean best - gap (default 0.5)"},
    {"sigma", 1.0, "standard deviation of every arm"},
    {NULL, 0, NULL},
};

static int gaussian_configure(struct wl_config *cfg, const struct bench_spec *s,
                              struct diag_list *diags)
{
    double sigma = wl_value(cfg, "sigma");
    if (!(sigma > 0)) {
        wl_param_error(s, "sigma", diags, "parameter 'sigma' must be positive, not %g", sigma);
        return -1;
    }
    double lo = cfg->means[0], hi = cfg->means[0];
    for (int i = 1; i < cfg->k; i++) {
        lo = fmin(lo, cfg->means[i]);
        hi = fmax(hi, cfg->means[i]);
    }
    cfg->lo = lo - 3 * sigma;
    cfg->hi = hi + 3 * sigma;
    return 0;
}

static double gaussian_pull(void *state, int arm)
{
    struct real_state *st = state;
    return st->means[arm] + st->cfg->values[2] * rng_normal(&st->arm_rng[arm]);
}

static double gaussian_lower_bound(const struct wl_config *cfg)
{
    double best = cfg->means[0], sigma = wl_value(cfg, "sigma"), c = 0;
    for (int i = 1; i < cfg->k; i++)
        best = fmax(best, cfg->means[i]);
    for (int i = 0; i < cfg->k; i++)
        if (cfg->means[i] < best)
            c += 2 * sigma * sigma / (best - cfg->means[i]);
    return c;
}

const struct wl_type wl_gaussian = {
    .name = "gaussian",
    .summary = "real rewards N(mu_i, sigma^2)",
    .params = gaussian_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_SINGLE,
    .binary = false,
    .configure = gaussian_configure,
    .state_size = real_state_size,
    .init = real_init,
    .advance = real_advance,
    .pull = gaussian_pull,
    .lower_bound = gaussian_lower_bound,
};

/* ---- bounded ---- */

static const struct wl_param bounded_params[] = {
    {"best", 0.6, "mean of the best arm, in (0, 1)"},
    {"gap", 0.1, "every other arm has mean best - gap (default 0.1)"},
    {"concentration", 10, "c = a + b of each arm's Beta(mu c, (1 - mu) c) reward"},
    {NULL, 0, NULL},
};

static int bounded_configure(struct wl_config *cfg, const struct bench_spec *s,
                             struct diag_list *diags)
{
    double c = wl_value(cfg, "concentration");
    if (!(c > 0)) {
        wl_param_error(s, "concentration", diags,
                       "parameter 'concentration' must be positive, not %g", c);
        return -1;
    }
    for (int i = 0; i < cfg->k; i++)
        if (!(cfg->means[i] > 0 && cfg->means[i] < 1)) {
            wl_param_error(s, "best", diags,
                           "arm mean %g of a bounded workload must be in (0, 1)", cfg->means[i]);
            return -1;
        }
    return 0;
}

static double bounded_pull(void *state, int arm)
{
    struct real_state *st = state;
    double c = st->cfg->values[2], m = st->means[arm];
    return rng_beta(&st->arm_rng[arm], m * c, (1 - m) * c);
}

const struct wl_type wl_bounded = {
    .name = "bounded",
    .summary = "rewards in [0, 1]: Beta-distributed with mean mu_i",
    .params = bounded_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_SINGLE,
    .binary = false,
    .configure = bounded_configure,
    .state_size = real_state_size,
    .init = real_init,
    .advance = real_advance,
    .pull = bounded_pull,
    .lower_bound = NULL,
};

/* ---- revenue ---- */

static const struct wl_param revenue_params[] = {
    {"best", 0.05, "conversion rate of the best arm (default 5%)"},
    {"gap", NAN, "if set, every other arm converts at best - gap"},
    {"worst", 0.01, "without gap: conversion rates log-spaced from best down to worst"},
    {"value_mu", 3.7, "log-scale mean of the order value (default 3.7: median about 40)"},
    {"value_sigma", 1.0, "log-scale standard deviation of the order value"},
    {NULL, 0, NULL},
};

static int revenue_configure(struct wl_config *cfg, const struct bench_spec *s,
                             struct diag_list *diags)
{
    double mu = wl_value(cfg, "value_mu"), sigma = wl_value(cfg, "value_sigma");
    if (!(sigma >= 0 && sigma <= 5) || !(fabs(mu) <= 20)) {
        wl_param_error(s, sigma >= 0 && sigma <= 5 ? "value_mu" : "value_sigma", diags,
                       "order value parameters out of range (|value_mu| <= 20, "
                       "0 <= value_sigma <= 5)");
        return -1;
    }
    for (int i = 0; i < cfg->k; i++)
        if (!(cfg->means[i] >= 0 && cfg->means[i] <= 1)) {
            wl_param_error(s, "best", diags, "conversion rate %g is outside [0, 1]",
                           cfg->means[i]);
            return -1;
        }
    /* Normalise by a high quantile of the order value (mean + 2 sd on the
     * log scale): most rewards land in [0, 1], the tail above it. */
    cfg->lo = 0.0;
    cfg->hi = exp(mu + 2 * sigma);
    return 0;
}

static void revenue_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    real_init(state, cfg, seed);
    struct real_state *st = state;
    double mean_value = exp(cfg->values[3] + 0.5 * cfg->values[4] * cfg->values[4]);
    for (int i = 0; i < cfg->k; i++)
        st->means[i] = st->rates[i] * mean_value;
}

static double revenue_pull(void *state, int arm)
{
    struct real_state *st = state;
    struct rng *r = &st->arm_rng[arm];
    if (!(rng_uniform(r) < st->rates[arm]))
        return 0.0;
    return rng_lognormal(r, st->cfg->values[3], st->cfg->values[4]);
}

const struct wl_type wl_revenue = {
    .name = "revenue",
    .summary = "revenue per visit: conversion x lognormal order value (heavy tail)",
    .params = revenue_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_SINGLE,
    .binary = false,
    .configure = revenue_configure,
    .state_size = real_state_size,
    .init = revenue_init,
    .advance = real_advance,
    .pull = revenue_pull,
    .lower_bound = NULL,
};
