/*
 * Non-stationary Bernoulli workloads (Garivier & Moulines 2011 call the
 * first "abruptly changing"; the second is smooth drift).
 *
 *   piecewise  the rates are constant between change points; at each
 *              change point the ranking flips (mode 0: the arm of rank r,
 *              by rate, takes the rate of rank k-1-r, so the best arm
 *              really becomes the worst in every seed) or the two best
 *              arms swap (mode 1: a competitor overtakes, the hard case for
 *              UCB1, whose estimates of both are confident by then).
 *              Change points every `change_every` rounds (rounds 1 + N,
 *              1 + 2N, ...), or `changes` of them evenly spaced;
 *   drift      seasonality: p_i(t) = p_i (1 + A sin(2 pi t / P + 2 pi i / k)),
 *              clipped to [0, 1], so the best arm changes smoothly.
 * Both take catalogue churn (bern_common.h; drift replaces base rates).
 * Regret is measured against the best arm of each round.
 */
#include <math.h>
#include <stdlib.h>

#include "benchmarks/workload.h"
#include "benchmarks/workloads/bern_common.h"

/* ---- piecewise ---- */

/* One arm by its rate, for the ranking flip. */
struct rank {
    double mean;
    int arm;
};

struct piecewise_state {
    struct bern_state bern;      /* first: the Bernoulli helpers take it */
    long long every;             /* rounds between change points */
    long long next_change;       /* the next change point, WL_NEVER: none */
    long long next_churn;        /* the next replacement (bern_common.h) */
    int mode;                    /* 0 the ranking flips, 1 the two best swap */
    struct rank *order;          /* k: scratch for the ranking */
};

static const struct wl_param piecewise_params[] = {
    {"best", 0.1, "rate of the best arm"},
    {"gap", NAN, "if set, every other arm has rate best - gap"},
    {"worst", 0.001, "without gap: rates log-spaced from best down to worst"},
    {"change_every", NAN, "rounds between change points"},
    {"changes", NAN, "number of evenly spaced change points (default 1 without change_every)"},
    {"mode", 0, "0: the ranking flips at a change (default: the best arm becomes the worst); "
                "1: the two best arms swap"},
    WL_BERN_CHURN_PARAMS,
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
    return sizeof(struct piecewise_state) + wl_bern_block_size(cfg) +
           (size_t)cfg->k * sizeof(struct rank);
}

static void piecewise_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    struct piecewise_state *st = state;
    st->order = wl_bern_place(&st->bern, st + 1, cfg, seed);
    double every = wl_value(cfg, "change_every"), changes = wl_value(cfg, "changes");
    if (isnan(every)) {
        double n = isnan(changes) ? 1 : changes;
        every = n == 0 ? (double)WL_NEVER : ceil((double)cfg->horizon / (n + 1));
    }
    st->every = every >= 9e18 ? WL_NEVER : (long long)every;
    st->next_change = st->every == WL_NEVER ? WL_NEVER : 1 + st->every;
    st->next_churn = st->bern.churn.next;
    st->mode = (int)wl_value(cfg, "mode");
}

/* Decreasing rate, then increasing arm: the ranking with ties to the
 * lower index (the best arm of wl_arms_best comes first). */
static int rank_cmp(const void *pa, const void *pb)
{
    const struct rank *a = pa, *b = pb;
    if (a->mean != b->mean)
        return a->mean > b->mean ? -1 : 1;
    return (a->arm > b->arm) - (a->arm < b->arm);
}

/* Mode 0: the arm of rank r takes the rate of rank k-1-r, so the best
 * arm gets the worst rate and the worst the best (Garivier & Moulines
 * 2011's abrupt change, with the ranking reversed on the arms as they
 * stand, whatever the per-seed order). */
static void flip_ranking(struct piecewise_state *st)
{
    struct bern_state *b = &st->bern;
    for (int i = 0; i < b->k; i++)
        st->order[i] = (struct rank){b->means[i], i};
    qsort(st->order, (size_t)b->k, sizeof(*st->order), rank_cmp);
    for (int r = 0; r < b->k; r++)
        b->means[st->order[r].arm] = st->order[b->k - 1 - r].mean;
}

/* Mode 1: the two best swap (lowest indices on ties). */
static void swap_two_best(struct bern_state *b)
{
    if (b->k < 2)
        return;
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

static long long piecewise_advance(void *state, long long t, struct wl_arms *arms)
{
    struct piecewise_state *st = state;
    struct bern_state *b = &st->bern;
    if (t == st->next_change) {
        if (st->mode == 0)
            flip_ranking(st);
        else
            swap_two_best(b);
        st->next_change = t > WL_NEVER - st->every ? WL_NEVER : t + st->every;
    }
    if (t == st->next_churn)   /* after a change point of the same round */
        st->next_churn = wl_bern_churn(b, b->means, t, arms);
    arms->means = b->means;
    wl_arms_best(arms, b->k);
    return st->next_change < st->next_churn ? st->next_change : st->next_churn;
}

const struct wl_type wl_piecewise = {
    .name = "piecewise",
    .summary = "Bernoulli rates with abrupt change points (the ranking flips)",
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
    double *base;                /* k base rates, this seed's order (churn replaces them) */
    double amplitude, period;
};

static const struct wl_param drift_params[] = {
    {"best", 0.1, "base rate of the best arm"},
    {"gap", NAN, "if set, every other arm has base rate best - gap"},
    {"worst", 0.001, "without gap: base rates log-spaced from best down to worst"},
    {"amplitude", 0.5, "relative amplitude A of the seasonal swing, in [0, 1]"},
    {"period", NAN, "rounds per season (default horizon / 4)"},
    WL_BERN_CHURN_PARAMS,
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
    return sizeof(struct drift_state) + wl_bern_block_size(cfg) + (size_t)cfg->k * sizeof(double);
}

/* The base rates are the placed rates; bern.means then holds p_i(t). */
static void drift_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    struct drift_state *st = state;
    struct bern_state *b = &st->bern;
    st->base = wl_bern_place(b, st + 1, cfg, seed);
    for (int i = 0; i < cfg->k; i++)
        st->base[i] = b->means[i];
    st->amplitude = wl_value(cfg, "amplitude");
    double p = wl_value(cfg, "period");
    st->period = isnan(p) ? fmax(2.0, (double)cfg->horizon / 4.0) : p;
}

static long long drift_advance(void *state, long long t, struct wl_arms *arms)
{
    struct drift_state *st = state;
    struct bern_state *b = &st->bern;
    const double two_pi = 6.283185307179586;
    wl_bern_churn(b, st->base, t, arms);   /* called every round: its next is t + 1 or later */
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
