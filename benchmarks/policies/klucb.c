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
 * Exact speed-up (both): an arm's index is non-decreasing in t while the
 * arm is not played, so the window argument of ucb.c applies: keep the
 * argmax L of a full evaluation at t0 and U = max_{j != L} index_j(t1) +
 * 1e-9 (the numerical indices are accurate to 1e-12, so the margin covers
 * their error); while t0 <= t <= t1, L is the naive argmax whenever
 * index_L(t0) > U, which needs no inversion:
 *   klucb:    x_L > U, or n_L kl(x_L, U) < log t0 + c log log t0
 *             (kl(x, .) increases on [x, 1]);
 *   bayesucb: P(Beta(a_L, b_L) > U) > 1/(t0 (log T)^c).
 * Tested for identical arm sequences against the naive evaluation.
 */
#include <float.h>
#include <math.h>

#include "benchmarks/policy.h"

/* ---- the window shared by both (see the top comment) ---- */

struct lazy_window {
    int leader;                  /* -1: evaluate everything */
    long long t0, t1, span;
    long long safe_until;        /* L is the argmax through this round */
    double bound;                /* U */
};

struct lazy_ops {
    double (*index)(const void *state, int arm, long long t);
    /* index of arm at t0 after `extra` more plays that all pay 0, > bound? */
    bool (*leader_beats)(const void *state, int arm, double extra, long long t0, double bound);
};

/* The largest m in [0, cap] with beats(m), given beats(0); beats is
 * non-increasing in m (more zero rewards only lower an index). */
static long long lazy_guarantee(const void *state, int l, const struct lazy_ops *ops,
                                long long t0, double bound, long long cap)
{
    long long good = 0, step = 1;
    while (good < cap) {
        long long next = good + step < cap ? good + step : cap;
        if (!ops->leader_beats(state, l, (double)next, t0, bound))
            break;
        good = next;
        step *= 2;
    }
    for (long long bad = good + step < cap ? good + step : cap; step > 1 && bad > good + 1;) {
        long long mid = good + (bad - good) / 2;
        if (ops->leader_beats(state, l, (double)mid, t0, bound))
            good = mid;
        else
            bad = mid;
    }
    return good;
}

static int lazy_full(struct lazy_window *w, const void *state, int k, const double *n,
                     const struct lazy_ops *ops, long long t)
{
    for (int i = 0; i < k; i++)
        if (n[i] == 0) {
            w->leader = -1;
            return i;
        }
    int best = 0;
    double best_idx = ops->index(state, 0, t);
    for (int i = 1; i < k; i++) {
        double idx = ops->index(state, i, t);
        if (idx > best_idx) {
            best_idx = idx;
            best = i;
        }
    }
    w->leader = best;
    w->t0 = t;
    w->t1 = t + w->span;
    w->safe_until = t;
    double u = -INFINITY;
    for (int i = 0; i < k; i++)
        if (i != best)
            u = fmax(u, ops->index(state, i, w->t1));
    w->bound = u + 1e-9;
    return best;
}

static int lazy_select(struct lazy_window *w, const void *state, int k, const double *n,
                       const struct lazy_ops *ops, long long t)
{
    int l = w->leader;
    if (l >= 0) {
        if (t <= w->safe_until)
            return l;
        if (t <= w->t1) {
            if (w->bound < 1.0 && ops->leader_beats(state, l, 0.0, w->t0, w->bound)) {
                w->safe_until = t + lazy_guarantee(state, l, ops, w->t0, w->bound, w->t1 - t);
                return l;
            }
            w->span = w->span / 8 > 1 ? w->span / 8 : 1;
        } else {
            long long cap = t / 256 > 1 ? t / 256 : 1;
            w->span = w->span * 2 < cap ? w->span * 2 : cap;
        }
    }
    return lazy_full(w, state, k, n, ops, t);
}

/* ---- KL-UCB ---- */

struct klucb_state {
    int k;
    double c;
    struct lazy_window w;
    double *sum, *n;
};

static const struct pol_knob klucb_knobs[] = {
    {"c", 0.0, "exploration log t + c log log t (0 in the paper's experiments, 3 in its theorem)"},
};

static size_t klucb_size(const struct pol_config *cfg)
{
    return sizeof(struct klucb_state) + 2 * (size_t)cfg->k * sizeof(double);
}

static void klucb_init(void *state, const struct pol_config *cfg)
{
    struct klucb_state *st = state;
    st->k = cfg->k;
    st->c = cfg->knobs[0];
    st->w.leader = -1;
    st->w.span = 1;
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
}

static double klucb_level(double c, long long t)
{
    double l = log((double)t);
    return c != 0.0 && l > 1.0 ? l + c * log(l) : l;
}

static double klucb_index(const void *state, int i, long long t)
{
    const struct klucb_state *st = state;
    return pol_kl_ucb(st->sum[i] / st->n[i], st->n[i], klucb_level(st->c, t));
}

static bool klucb_beats(const void *state, int l, double extra, long long t0, double u)
{
    const struct klucb_state *st = state;
    double n = st->n[l] + extra, p = st->sum[l] / n, level = klucb_level(st->c, t0);
    if (!(level > 0.0))
        return false;
    return p > u || n * pol_kl_bernoulli(p, u) < level * (1.0 - 1e-12);
}

static const struct lazy_ops klucb_ops = {klucb_index, klucb_beats};

static int klucb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct klucb_state *st = state;
    return lazy_select(&st->w, st, st->k, st->n, &klucb_ops, round->t);
}

static void klucb_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct klucb_state *st = state;
    st->sum[fb->arm] += fmin(1.0, fmax(0.0, fb->reward));
    st->n[fb->arm] += 1.0;
    if (fb->arm != st->w.leader)
        st->w.leader = -1;
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
    int k;
    double c, log_horizon;
    struct lazy_window w;
    double *succ, *n;
};

static const struct pol_knob bayesucb_knobs[] = {
    {"c", 0.0, "quantile order 1 - 1/(t (log T)^c); 0 in the paper's experiments"},
};

static size_t bayesucb_size(const struct pol_config *cfg)
{
    return sizeof(struct bayesucb_state) + 2 * (size_t)cfg->k * sizeof(double);
}

static void bayesucb_init(void *state, const struct pol_config *cfg)
{
    struct bayesucb_state *st = state;
    st->k = cfg->k;
    st->c = cfg->knobs[0];
    st->log_horizon = log((double)(cfg->horizon > 3 ? cfg->horizon : 3));
    st->w.leader = -1;
    st->w.span = 1;
    st->succ = (double *)(st + 1);
    st->n = st->succ + cfg->k;
}

static double bayesucb_alpha(const struct bayesucb_state *st, long long t)
{
    return 1.0 / ((double)t * pow(st->log_horizon, st->c));
}

static double bayesucb_index(const void *state, int i, long long t)
{
    const struct bayesucb_state *st = state;
    double a = st->succ[i] + 1.0, b = st->n[i] - st->succ[i] + 1.0;
    return pol_beta_upper_quantile(a, b, bayesucb_alpha(st, t));
}

static bool bayesucb_beats(const void *state, int l, double extra, long long t0, double u)
{
    const struct bayesucb_state *st = state;
    double a = st->succ[l] + 1.0, b = st->n[l] + extra - st->succ[l] + 1.0;
    return pol_beta_upper_tail(u, a, b) > bayesucb_alpha(st, t0) * (1.0 + 1e-6);
}

static const struct lazy_ops bayesucb_ops = {bayesucb_index, bayesucb_beats};

static int bayesucb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct bayesucb_state *st = state;
    /* Unplayed arms have the Beta(1, 1) prior; play them first like the
     * other index policies so the window starts from data. */
    return lazy_select(&st->w, st, st->k, st->n, &bayesucb_ops, round->t);
}

static void bayesucb_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct bayesucb_state *st = state;
    st->succ[fb->arm] += fmin(1.0, fmax(0.0, fb->reward));
    st->n[fb->arm] += 1.0;
    if (fb->arm != st->w.leader)
        st->w.leader = -1;
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
