/*
 * Non-stationary Bernoulli workloads (Garivier & Moulines 2011 call the
 * first "abruptly changing"; the second is smooth drift).
 *
 *   piecewise  the rates are constant between change points; at each
 *              change point the arm order is reversed (mode 0: the best
 *              arm becomes the worst, the worst the best) or the two best
 *              arms swap (mode 1: a competitor overtakes, the hard case for
 *              UCB1, whose estimates of both are confident by then).
 *              Change points every `change_every` rounds, or `changes` of
 *              them evenly spaced;
 *   drift      seasonality: p_i(t) = p_i (1 + A sin(2 pi t / P + 2 pi i / k)),
 *              clipped to [0, 1], so the best arm changes smoothly.
 * Regret is measured against the best arm of each round.
 */
#include <math.h>

#include "benchmarks/workload.h"
#include "benchmarks/workloads/bern_common.h"

/* ---- piecewise ---- */

struct piecewise_state {
    struct bern_state bern;      /* first: the Bernoulli helpers take it */
    long long every;             /* rounds between change points */
    int mode;                    /* 0 reverse, 1 swap the two best */
};

static const struct wl_param piecewise_params[] = {
    {"best", 0.1, "rate of the best arm"},
    {"gap", NAN, "if set, every other arm has rate best - gap"},
    {"worst", 0.001, "without gap: rates log-spaced from best down to worst"},
    {"change_every", NAN, "rounds between change points"},
    {"changes", NAN, "number of evenly spaced change points (default 1 without change_every)"},
    {"mode", 0, "0: reverse the arm order at a change (default); 1: the two best arms swap"},
    {NULL, 0, NULL},
};

static int piecewise_configure(struct wl_config *cfg, const struct bench_spec *s,
                               struct diag_list *diags)
{
    double every = wl_value(cfg, "change_every"), changes = wl_value(cfg, "changes");
    if (!isnan(every) && !isnan(changes)) {
        wl_param_error(s, "changes", diags, "give 'change_every' or 'changes', not both");
        return -1;
    }
    if (!isnan(every) && !(every >= 1 && every == floor(every))) {
        wl_param_error(s, "change_every", diags,
                       "parameter 'change_every' must be a whole number >= 1, not %g", every);
        return -1;
    }
    if (!isnan(changes) && !(changes >= 0 && changes == floor(changes) && changes < 1e9)) {
        wl_param_error(s, "changes", diags,
                       "parameter 'changes' must be a whole number >= 0, not %g", changes);
        return -1;
    }
    double mode = wl_value(cfg, "mode");
    if (mode != 0 && mode != 1) {
        wl_param_error(s, "mode", diags, "parameter 'mode' must be 0 or 1, not %g", mode);
        return -1;
    }
    cfg->stationary = false;
    return wl_bern_check_means(cfg, s, diags);
}

static size_t piecewise_state_size(const struct wl_config *cfg)
{
    return sizeof(struct piecewise_state) - sizeof(struct bern_state) + wl_bern_state_size(cfg);
}

/* Layout: the bern_state helpers place their arrays after struct
 * bern_state; here they go after the larger struct instead. */
static void piecewise_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    struct piecewise_state *st = state;
    struct bern_state *b = &st->bern;
    b->k = cfg->k;
    b->arm_rng = (struct rng *)(st + 1);
    b->means = (double *)(b->arm_rng + cfg->k);
    for (int i = 0; i < cfg->k; i++) {
        b->means[i] = cfg->means[i];
        wl_arm_stream(&b->arm_rng[i], seed, i);
    }
    if (cfg->shuffle)
        wl_shuffle(b->means, cfg->k, seed);
    double every = wl_value(cfg, "change_every"), changes = wl_value(cfg, "changes");
    if (isnan(every)) {
        double n = isnan(changes) ? 1 : changes;
        every = n == 0 ? (double)WL_NEVER : ceil((double)cfg->horizon / (n + 1));
    }
    st->every = every >= 9e18 ? WL_NEVER : (long long)every;
    st->mode = (int)wl_value(cfg, "mode");
}

static long long piecewise_advance(void *state, long long t, struct wl_arms *arms)
{
    struct piecewise_state *st = state;
    struct bern_state *b = &st->bern;
    if (t > 1 && st->mode == 0) {   /* a change point: reverse the arm order */
        for (int i = 0, j = b->k - 1; i < j; i++, j--) {
            double tmp = b->means[i];
            b->means[i] = b->means[j];
            b->means[j] = tmp;
        }
    } else if (t > 1 && b->k > 1) {   /* the two best swap (lowest indices on ties) */
        int first = 0, second = -1;
        for (int i = 1; i < b->k; i++)
            if (b->means[i] > b->means[first])
                first = i;
        for (int i = 0; i < b->k; i++)
            if (i != first && (second < 0 || b->means[i] > b->means[second]))
                second = i;
        double tmp = b->means[first];
        b->means[first] = b->means[second];
        b->means[second] = tmp;
    }
    arms->means = b->means;
    wl_arms_best(arms, b->k);
    return st->every == WL_NEVER || t > WL_NEVER - st->every ? WL_NEVER : t + st->every;
}

const struct wl_type wl_piecewise = {
    .name = "piecewise",
    .summary = "Bernoulli rates with abrupt change points (the arm order reverses)",
    .params = piecewise_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_SINGLE,
    .binary = true,
    .configure = piecewise_configure,
    .state_size = piecewise_state_size,
    .init = piecewise_init,
    .advance = piecewise_advance,
    .pull = wl_bern_pull,
    .lower_bound = NULL,
};

/* ---- drift ---- */

struct drift_state {
    struct bern_state bern;      /* first; bern.means holds p_i(t) */
    double *base;                /* k base rates, this seed's order */
    double amplitude, period;
};

static const struct wl_param drift_params[] = {
    {"best", 0.1, "base rate of the best arm"},
    {"gap", NAN, "if set, every other arm has base rate best - gap"},
    {"worst", 0.001, "without gap: base rates log-spaced from best down to worst"},
    {"amplitude", 0.5, "relative amplitude A of the seasonal swing, in [0, 1]"},
    {"period", NAN, "rounds per season (default horizon / 4)"},
    {NULL, 0, NULL},
};

static int drift_configure(struct wl_config *cfg, const struct bench_spec *s, struct diag_list *diags)
{
    double a = wl_value(cfg, "amplitude"), p = wl_value(cfg, "period");
    if (!(a >= 0 && a <= 1)) {
        wl_param_error(s, "amplitude", diags, "parameter 'amplitude' must be in [0, 1], not %g",
                       a);
        return -1;
    }
    if (!isnan(p) && !(p >= 2)) {
        wl_param_error(s, "period", diags, "parameter 'period' must be >= 2 rounds, not %g", p);
        return -1;
    }
    cfg->stationary = false;
    return wl_bern_check_means(cfg, s, diags);
}

static size_t drift_state_size(const struct wl_config *cfg)
{
    return sizeof(struct drift_state) - sizeof(struct bern_state) + wl_bern_state_size(cfg) +
           (size_t)cfg->k * sizeof(double);
}

static void drift_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    struct drift_state *st = state;
    struct bern_state *b = &st->bern;
    b->k = cfg->k;
    b->arm_rng = (struct rng *)(st + 1);
    b->means = (double *)(b->arm_rng + cfg->k);
    st->base = b->means + cfg->k;
    for (int i = 0; i < cfg->k; i++) {
        st->base[i] = cfg->means[i];
        wl_arm_stream(&b->arm_rng[i], seed, i);
    }
    if (cfg->shuffle)
        wl_shuffle(st->base, cfg->k, seed);
    st->amplitude = wl_value(cfg, "amplitude");
    double p = wl_value(cfg, "period");
    st->period = isnan(p) ? fmax(2.0, (double)cfg->horizon / 4.0) : p;
}

static long long drift_advance(void *state, long long t, struct wl_arms *arms)
{
    struct drift_state *st = state;
    struct bern_state *b = &st->bern;
    const double two_pi = 6.283185307179586;
    for (int i = 0; i < b->k; i++) {
        double phase = two_pi * ((double)t / st->period + (double)i / b->k);
        double p = st->base[i] * (1.0 + st->amplitude * sin(phase));
        b->means[i] = fmin(1.0, fmax(0.0, p));
    }
    arms->means = b->means;
    wl_arms_best(arms, b->k);
    return t + 1;
}

const struct wl_type wl_drift = {
    .name = "drift",
    .summary = "Bernoulli rates with smooth seasonal drift (the best arm rotates)",
    .params = drift_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_SINGLE,
    .binary = true,
    .configure = drift_configure,
    .state_size = drift_state_size,
    .init = drift_init,
    .advance = drift_advance,
    .pull = wl_bern_pull,
    .lower_bound = NULL,
};
