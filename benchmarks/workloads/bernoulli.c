/*
 * Bernoulli workloads: clicks or conversions with fixed rates.
 *
 *   bernoulli              arm i pays 1 with probability p_i (a CTR);
 *   delayed                the same, with each reward delivered D rounds
 *                          late (fixed or geometric D), as in Chapelle & Li
 *                          (2011), section 4.3;
 *   bai_fixed_confidence   identify argmax p_i with error <= delta, using
 *                          as few pulls as possible (Even-Dar et al. 2006);
 *   bai_fixed_budget       identify argmax p_i after `horizon` pulls
 *                          (Audibert, Bubeck & Munos 2010).
 * Base means: explicit `means`, or best/gap, or best/worst log-spaced
 * (see benchmarks/README.md). Each item has its own reward stream.
 * bernoulli and delayed take catalogue churn (bern_common.h): items
 * replaced at random rounds, new rates from a Beta prior or the base
 * rates; the identification workloads keep their arms.
 */
#include <math.h>
#include <string.h>

#include "benchmarks/workload.h"
#include "benchmarks/workloads/bern_common.h"

size_t wl_bern_block_size(const struct wl_config *cfg)
{
    return (size_t)cfg->k * (sizeof(struct rng) + sizeof(double));
}

size_t wl_bern_state_size(const struct wl_config *cfg)
{
    return sizeof(struct bern_state) + wl_bern_block_size(cfg);
}

/* A param of the type, or def when the type has none (the
 * identification workloads take no churn). */
static double param_or(const struct wl_config *cfg, const char *name, double def)
{
    for (int i = 0; cfg->type->params && cfg->type->params[i].name; i++)
        if (!strcmp(cfg->type->params[i].name, name))
            return cfg->values[i];
    return def;
}

/* The next replacement round after t (see bern_common.h). */
static long long churn_next(struct bern_churn *c, long long t)
{
    if (c->every > 0)
        return t > WL_NEVER - c->every ? WL_NEVER : t + c->every;
    if (c->p > 0) {
        long long g = rng_geometric(&c->rng, c->p);
        return t > WL_NEVER - g ? WL_NEVER : t + g;
    }
    return WL_NEVER;
}

static double churn_rate(struct bern_churn *c)
{
    if (isnan(c->alpha))
        return c->base[rng_below(&c->rng, (uint64_t)c->n_base)];
    return rng_beta(&c->rng, c->alpha, c->beta);
}

void *wl_bern_place(struct bern_state *b, void *block, const struct wl_config *cfg,
                    const struct wl_seed *seed)
{
    struct bern_churn *c = &b->churn;
    b->k = cfg->k;
    b->arm_rng = block;
    b->means = (double *)(b->arm_rng + cfg->k);
    c->p = param_or(cfg, "churn", 0);
    c->every = (long long)param_or(cfg, "churn_every", 0);
    c->alpha = param_or(cfg, "churn_alpha", NAN);
    c->beta = param_or(cfg, "churn_beta", NAN);
    c->base = cfg->means;
    c->n_base = cfg->k;
    c->items = cfg->k;
    c->key = seed->key;
    c->next = WL_NEVER;
    bool prior = !isnan(c->alpha);
    if (c->p > 0 || c->every > 0 || prior)
        rng_stream(&c->rng, seed->key, 4);
    for (int i = 0; i < cfg->k; i++) {
        b->means[i] = prior ? rng_beta(&c->rng, c->alpha, c->beta) : cfg->means[i];
        wl_arm_stream(&b->arm_rng[i], seed, i);
    }
    if (cfg->shuffle && !prior)   /* draws from the prior are exchangeable already */
        wl_shuffle(b->means, cfg->k, seed);
    c->next = churn_next(c, 1);
    return b->means + cfg->k;
}

long long wl_bern_churn(struct bern_state *b, double *rates, long long t, struct wl_arms *arms)
{
    struct bern_churn *c = &b->churn;
    if (t != c->next)
        return c->next;
    c->slot = (int)rng_below(&c->rng, (uint64_t)b->k);
    rates[c->slot] = churn_rate(c);
    /* item j's stream, numbered as wl_arm_stream numbers the first k */
    rng_stream(&b->arm_rng[c->slot], c->key, 1024 + (uint64_t)c->items++);
    arms->replaced = &c->slot;
    arms->n_replaced = 1;
    c->next = churn_next(c, t);
    return c->next;
}

void wl_bern_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    struct bern_state *st = state;
    wl_bern_place(st, st + 1, cfg, seed);
}

long long wl_bern_advance(void *state, long long t, struct wl_arms *arms)
{
    struct bern_state *st = state;
    long long next = wl_bern_churn(st, st->means, t, arms);
    arms->means = st->means;
    wl_arms_best(arms, st->k);
    return next;
}

double wl_bern_pull(void *state, int arm)
{
    struct bern_state *st = state;
    return rng_uniform(&st->arm_rng[arm]) < st->means[arm] ? 1.0 : 0.0;
}

int wl_bern_check_churn(struct wl_config *cfg, const struct bench_spec *s,
                        struct diag_list *diags)
{
    double p = param_or(cfg, "churn", 0), every = param_or(cfg, "churn_every", 0);
    double a = param_or(cfg, "churn_alpha", NAN), b = param_or(cfg, "churn_beta", NAN);
    if (!(p >= 0 && p <= 1)) {
        wl_param_error(s, "churn", diags, "parameter 'churn' must be in [0, 1], not %g", p);
        return -1;
    }
    if (!(every >= 0 && every <= 1e18 && every == floor(every))) {
        wl_param_error(s, "churn_every", diags,
                       "parameter 'churn_every' must be a whole number >= 0, not %g", every);
        return -1;
    }
    if (p > 0 && every > 0) {
        wl_param_error(s, "churn_every", diags, "give 'churn' or 'churn_every', not both");
        return -1;
    }
    if (isnan(a) != isnan(b)) {
        wl_param_error(s, isnan(a) ? "churn_beta" : "churn_alpha", diags,
                       "give both 'churn_alpha' and 'churn_beta', or neither");
        return -1;
    }
    if (!isnan(a) && !(a > 0 && b > 0 && a < 1e9 && b < 1e9)) {
        wl_param_error(s, a > 0 && a < 1e9 ? "churn_beta" : "churn_alpha", diags,
                       "the churn prior Beta(%g, %g) needs both parameters in (0, 1e9)", a, b);
        return -1;
    }
    if (p > 0 || every > 0 || !isnan(a))
        cfg->stationary = false;
    return 0;
}

int wl_bern_check_means(struct wl_config *cfg, const struct bench_spec *s, struct diag_list *diags)
{
    for (int i = 0; i < cfg->k; i++)
        if (!(cfg->means[i] >= 0.0 && cfg->means[i] <= 1.0)) {
            if (s->n_means)
                diag_add(diags, DIAG_ERROR, s->file, s->line_workload, s->col_workload,
                         "arm mean %g of a Bernoulli workload is outside [0, 1]", cfg->means[i]);
            else
                wl_param_error(s, "best", diags,
                               "arm mean %g of a Bernoulli workload is outside [0, 1]",
                               cfg->means[i]);
            return -1;
        }
    return wl_bern_check_churn(cfg, s, diags);
}

/* Lai & Robbins (1985) for fixed arms; none (NAN) once items churn or
 * come from a prior, where that constant does not apply. */
double wl_bern_lower_bound(const struct wl_config *cfg)
{
    if (!cfg->stationary)
        return NAN;
    return wl_lai_robbins_bernoulli(cfg->means, cfg->k);
}

/* The arm machinery of all four types below (0/1 rewards, one stream per
 * arm, fixed means): they differ only in parameters, goal, configure check
 * and lower bound. */
#define BERN_ARMS                                                              \
    .binary = true, .state_size = wl_bern_state_size, .init = wl_bern_init,  \
    .advance = wl_bern_advance, .pull = wl_bern_pull

static const struct wl_param bernoulli_params[] = {
    {"best", 0.1, "rate of the best arm (default 0.1, i.e. 10%)"},
    {"gap", NAN, "if set, every other arm has rate best - gap"},
    {"worst", 0.001, "without gap: rates log-spaced from best down to worst (default 0.1%)"},
    WL_BERN_CHURN_PARAMS,
    {NULL, 0, NULL},
};

const struct wl_type wl_bernoulli = {
    .name = "bernoulli",
    .summary = "clicks/conversions: arm i pays 1 with probability p_i (CTRs 0.1%-10% by default)",
    .params = bernoulli_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_SINGLE,
    .configure = wl_bern_check_means,
    BERN_ARMS,
    .lower_bound = wl_bern_lower_bound,
};

/* ---- delayed ---- */

static const struct wl_param delayed_params[] = {
    {"best", 0.1, "rate of the best arm"},
    {"gap", NAN, "if set, every other arm has rate best - gap"},
    {"worst", 0.001, "without gap: rates log-spaced from best down to worst"},
    {"delay_mean", 100, "mean delay in rounds before a reward reaches the policy"},
    {"delay_kind", 0, "0: geometric delay with that mean (default); 1: fixed delay"},
    WL_BERN_CHURN_PARAMS,
    {NULL, 0, NULL},
};

static int delayed_configure(struct wl_config *cfg, const struct bench_spec *s,
                             struct diag_list *diags)
{
    double mean = wl_value(cfg, "delay_mean"), kind = wl_value(cfg, "delay_kind");
    if (!(mean >= 0 && mean <= 1e9)) {
        wl_param_error(s, "delay_mean", diags,
                       "parameter 'delay_mean' must be between 0 and 1e9, not %g", mean);
        return -1;
    }
    if (kind != 0 && kind != 1) {
        wl_param_error(s, "delay_kind", diags,
                       "parameter 'delay_kind' must be 0 (geometric) or 1 (fixed), not %g", kind);
        return -1;
    }
    if (kind == 1 && mean != floor(mean)) {
        wl_param_error(s, "delay_mean", diags,
                       "a fixed delay must be a whole number of rounds, not %g", mean);
        return -1;
    }
    cfg->delay_mean = mean;
    cfg->delay_kind = kind == 1 ? WL_DELAY_FIXED : WL_DELAY_GEOMETRIC;
    return wl_bern_check_means(cfg, s, diags);
}

const struct wl_type wl_delayed = {
    .name = "delayed",
    .summary = "Bernoulli rewards that arrive late (fixed or geometric delay)",
    .params = delayed_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_SINGLE,
    .configure = delayed_configure,
    BERN_ARMS,
    .lower_bound = wl_bern_lower_bound,
};

/* ---- best-arm identification ---- */

static const struct wl_param bai_confidence_params[] = {
    {"best", 0.5, "rate of the best arm"},
    {"gap", 0.1, "every other arm has rate best - gap (default 0.1)"},
    {"delta", 0.05, "allowed error probability, in (0, 1)"},
    {NULL, 0, NULL},
};

static int bai_confidence_configure(struct wl_config *cfg, const struct bench_spec *s,
                                    struct diag_list *diags)
{
    double delta = wl_value(cfg, "delta");
    if (!(delta > 0 && delta < 1)) {
        wl_param_error(s, "delta", diags, "parameter 'delta' must be in (0, 1), not %g", delta);
        return -1;
    }
    cfg->delta = delta;
    return wl_bern_check_means(cfg, s, diags);
}

const struct wl_type wl_bai_fixed_confidence = {
    .name = "bai_fixed_confidence",
    .summary = "best-arm identification: error <= delta with few pulls (horizon caps them)",
    .params = bai_confidence_params,
    .goal = WL_GOAL_FIXED_CONFIDENCE,
    .kind = WL_KIND_BAI,
    .configure = bai_confidence_configure,
    BERN_ARMS,
    .lower_bound = NULL,
};

static const struct wl_param bai_budget_params[] = {
    {"best", 0.5, "rate of the best arm"},
    {"gap", 0.1, "every other arm has rate best - gap (default 0.1)"},
    {NULL, 0, NULL},
};

const struct wl_type wl_bai_fixed_budget = {
    .name = "bai_fixed_budget",
    .summary = "best-arm identification: the best guess after horizon pulls",
    .params = bai_budget_params,
    .goal = WL_GOAL_FIXED_BUDGET,
    .kind = WL_KIND_BAI,
    .configure = wl_bern_check_means,
    BERN_ARMS,
    .lower_bound = NULL,
};

#undef BERN_ARMS
