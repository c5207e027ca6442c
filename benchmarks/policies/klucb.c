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
 * Both play exactly the arms of the naive loop (every index every round
 * by pol_kl_ucb / pol_beta_upper_quantile, argmax with the lowest index
 * among ties); tested for identical arm sequences in test_policies.c and
 * test_policy_speedups.c. Two exact speed-ups, in terms of the level
 * L = log t + c log log t (klucb) or L = -log alpha_t (bayesucb):
 *
 * 1. Per-arm bounds (any phase). An arm's index is q_j(L), the inverse of
 *    the convex increasing map q -> n_j kl(x_j, q) (on [x_j, 1)), resp.
 *    x -> H(x) = -log P(Beta(a, b) > x), the cumulative hazard, convex
 *    because a, b >= 1 make the density log-concave (so the survival
 *    function is log-concave). The inverse of a convex increasing map is
 *    concave, so from one point (l_j, c_j) of the curve and its slope g_j
 *        c_j <= q_j(L)  for L >= l_j,   q_j(L) <= c_j + g_j (L - l_j)  for all L
 *    (the tangent). g = q (1 - q) / (n (q - x)) for klucb, S(q) / f(q) for
 *    bayesucb. After a play the old value c_j is put on the new curve by one
 *    divergence (resp. one tail) evaluation, l_j = n kl(x, c_j) (resp.
 *    -log S(c_j)): no inversion. For klucb the slope at c_j + g_j r (above
 *    q_j(l_j + r)) also bounds the slope from below on [l_j, l_j + r],
 *    which keeps the lower bound tight, r = 0.05. Each round an arm is certified the naive
 *    argmax when its lower bound beats every other upper bound by the margin
 *    1e-9 (the inversions are accurate to 1e-12); otherwise the arms in
 *    conflict are refined: first Newton from the right started at the
 *    tangent bound (monotone, 1-3 steps: q -> n kl is convex, and so is H),
 *    then, only if two refined values are within the margin, the naive
 *    expression itself; arms with identical statistics have identical
 *    indices and are ordered by index without computing anything.
 * 2. Window (exploitation). An arm's index is non-decreasing in t while it
 *    is not played, so the window argument of ucb.c applies: keep the
 *    argmax L of a decision at t0 and U = max_{j != L} upper bound_j(t1);
 *    while t0 <= t <= t1, L is the naive argmax whenever index_L(t0) > U,
 *    which needs no inversion:
 *      klucb:    x_L > U, or n_L kl(x_L, U) < log t0 + c log log t0
 *                (kl(x, .) increases on [x, 1]);
 *      bayesucb: P(Beta(a_L, b_L) > U) > 1/(t0 (log T)^c).
 *    More plays of L that pay 0 only lower its index, so a doubling search
 *    finds how many rounds L surely keeps the lead: most rounds cost a
 *    counter compare; plays still in flight (delayed or batched feedback)
 *    count as plays of L that pay 0. Used when the level is non-decreasing
 *    in t (c >= 0).
 */
#include <math.h>

#include "benchmarks/policy.h"

/* Margin over the 1e-12 accuracy of the inversions (bounds, window). */
static const double LZ_MARGIN = 1e-9;
/* The lower slope of an anchor holds over this many units of level. */
static const double LZ_REACH = 0.05;
/* The level of "no anchor" (finite, so that 0 * (level - lev) = 0). */
static const double LZ_NONE = 1e300;

/* ---- the machinery shared by both (see the top comment) ---- */

struct lazy_window {
    int leader;                  /* -1: decide afresh */
    long long t0, t1, span;
    long long safe_until;        /* L is the argmax through this round */
    double bound;                /* U */
};

/* Per-arm state of the bounds, embedded first in both policy states. */
struct lazy_index {
    int k;
    int unplayed;                /* arms with n = 0 */
    long long selects, updates;  /* their difference: plays in flight */
    bool window;                 /* the level is non-decreasing in t */
    struct lazy_window w;
    double *x, *n;               /* sum of rewards, plays */
    double *c, *lev, *g;         /* anchor: q(lev) = c, slope g; lev = LZ_NONE: none */
    double *gl;                  /* a lower bound of the slope on [lev, lev + LZ_REACH] */
    double *lo, *hi;             /* bounds of the naive value during one decision */
    int *cand;                   /* the arms in contention during one decision */
    int *dirty_list, n_dirty;    /* the arms played since their anchor was set */
    unsigned char *tier;         /* of lo/hi: 0 cached, 2 Newton, 3 the naive value */
    unsigned char *dirty;        /* played since the anchor was set */
};

struct lazy_ops {
    double (*level)(const void *st, long long t);
    /* the level at which arm's (new) index equals v, and the slope there;
     * refreshes per-arm caches; false if v is not on the curve */
    bool (*anchor)(void *st, int arm, double v, double *lev, double *slope);
    /* the index at level by Newton from start >= it, and the slope; NAN: cannot */
    double (*newton)(const void *st, int arm, double level, double start, double *slope);
    /* the naive expression at round t, bit for bit */
    double (*exact)(const void *st, int arm, long long t);
    /* the slope at value v and level (NAN or infinite: none) */
    double (*slope)(const void *st, int arm, double v, double level);
    /* a lower bound of the slope wherever the index is <= v, or 0 */
    double (*lower_slope)(const void *st, int arm, double v);
    /* index of arm at t0 after `extra` more plays that all pay 0, > bound? */
    bool (*leader_beats)(const void *st, int arm, double extra, long long t0, double bound);
};

static size_t lazy_size(int k)
{
    return (size_t)k * (8 * sizeof(double) + 2 * sizeof(int) + 2);
}

static void lazy_init(struct lazy_index *z, int k, bool window, void *block)
{
    z->k = k;
    z->unplayed = k;
    z->window = window;
    z->w.leader = -1;
    z->w.span = 1;
    z->x = block;
    z->n = z->x + k;
    z->c = z->n + k;
    z->lev = z->c + k;
    z->g = z->lev + k;
    z->lo = z->g + k;
    z->hi = z->lo + k;
    z->gl = z->hi + k;
    z->cand = (int *)(z->gl + k);
    z->dirty_list = z->cand + k;
    z->tier = (unsigned char *)(z->dirty_list + k);
    z->dirty = z->tier + k;
    for (int i = 0; i < k; i++) {
        z->c[i] = 1.0;
        z->lev[i] = LZ_NONE;
    }
}

static void lazy_update(struct lazy_index *z, int arm, double r)
{
    z->x[arm] += fmin(1.0, fmax(0.0, r));
    if (z->n[arm] == 0)
        z->unplayed--;
    z->n[arm] += 1.0;
    if (!z->dirty[arm]) {
        z->dirty[arm] = 1;
        z->dirty_list[z->n_dirty++] = arm;
    }
    z->updates++;
    if (arm != z->w.leader)
        z->w.leader = -1;
}

static void lazy_set_anchor(struct lazy_index *z, const void *st, const struct lazy_ops *ops,
                            int i, double c, double lev, double g)
{
    if (isfinite(g) && g >= 0.0 && isfinite(lev) && lev < LZ_NONE) {
        z->c[i] = c;
        z->lev[i] = lev;
        z->g[i] = g;
        /* q(lev + LZ_REACH) <= c + g LZ_REACH by the tangent (concavity). */
        double gl = g > 0.0 ? ops->lower_slope(st, i, c + g * LZ_REACH) : 0.0;
        z->gl[i] = gl > 0.0 && gl <= g ? gl : 0.0;
    } else {   /* none: every index is <= 1 */
        z->c[i] = 1.0;
        z->lev[i] = LZ_NONE;
        z->g[i] = z->gl[i] = 0.0;
    }
}

static bool lazy_same(const struct lazy_index *z, int i, int j)
{
    return z->x[i] == z->x[j] && z->n[i] == z->n[j];
}

/* The largest m in [0, cap] with beats(m + off), given beats(0); beats is
 * non-increasing in m (more zero rewards only lower an index). off: the
 * plays in flight, which may be delivered during the window (delayed and
 * batched feedback). */
static long long lazy_guarantee(const void *st, int l, const struct lazy_ops *ops,
                                long long t0, double bound, long long cap, long long off)
{
    long long good = 0, step = 1;
    while (good < cap) {
        long long next = good + step < cap ? good + step : cap;
        if (!ops->leader_beats(st, l, (double)(next + off), t0, bound))
            break;
        good = next;
        step *= 2;
    }
    for (long long bad = good + step < cap ? good + step : cap; step > 1 && bad > good + 1;) {
        long long mid = good + (bad - good) / 2;
        if (ops->leader_beats(st, l, (double)(mid + off), t0, bound))
            good = mid;
        else
            bad = mid;
    }
    return good;
}

/* Raise arm i's bounds one tier: Newton (2), then the naive value (3). */
static void lazy_refine(struct lazy_index *z, void *st, const struct lazy_ops *ops, int i,
                        double level, long long t)
{
    if (z->tier[i] < 2) {
        double g, v = ops->newton(st, i, level, z->hi[i], &g);
        if (!isnan(v)) {
            lazy_set_anchor(z, st, ops, i, v, level, g);
            z->lo[i] = v - LZ_MARGIN;
            z->hi[i] = v + LZ_MARGIN;
            z->tier[i] = 2;
            return;
        }
    }
    double v = ops->exact(st, i, t);
    if (z->tier[i] < 2)
        lazy_set_anchor(z, st, ops, i, v, level, ops->slope(st, i, v, level));
    z->lo[i] = z->hi[i] = v;
    z->tier[i] = 3;
}

/* The tangent of arm i at level, without margin. */
static inline double lazy_tangent(const struct lazy_index *z, int i, double level)
{
    return z->c[i] + z->g[i] * (level - z->lev[i]);
}

/* The naive argmax among the candidates cand[0..m) (increasing arm
 * order), every other arm being below them, refining only arms in
 * conflict; -1 if that does not settle it (it always does). */
static int lazy_settle(struct lazy_index *z, void *st, const struct lazy_ops *ops,
                       const int *cand, int m, double level, long long t)
{
    for (int round = 0; round <= 2 * m + 1; round++) {
        int a = cand[0];
        for (int c = 1; c < m; c++)
            if (z->lo[cand[c]] > z->lo[a])
                a = cand[c];
        /* Arms with a's statistics have a's naive value: the lowest wins. */
        for (int c = 0; cand[c] < a; c++) {
            int j = cand[c];
            if (lazy_same(z, j, a)) {
                z->lo[j] = z->lo[j] > z->lo[a] ? z->lo[j] : z->lo[a];
                z->hi[j] = z->hi[j] < z->hi[a] ? z->hi[j] : z->hi[a];
                z->tier[j] = z->tier[j] > z->tier[a] ? z->tier[j] : z->tier[a];
                if (z->tier[a] == 3)
                    z->lo[j] = z->hi[j] = z->lo[a];
                a = j;
                break;
            }
        }
        int target = -1;
        for (int c = 0; c < m; c++) {
            int j = cand[c];
            if (j == a || z->hi[j] < z->lo[a] || (j > a && lazy_same(z, j, a)))
                continue;
            if (z->tier[a] == 3 && z->tier[j] == 3 &&
                (z->lo[j] < z->lo[a] || (z->lo[j] == z->lo[a] && a < j)))
                continue;
            if (target < 0 || z->tier[j] < z->tier[target] ||
                (z->tier[j] == z->tier[target] && z->hi[j] > z->hi[target]))
                target = j;
        }
        if (target < 0)
            return a;
        if (z->tier[a] <= z->tier[target] && z->tier[a] < 3)
            target = a;
        if (z->tier[target] == 3)
            return -1;
        lazy_refine(z, st, ops, target, level, t);
    }
    return -1;
}

/* The naive argmax at t; with the window on, also its bound U at t1. */
static int lazy_decide(struct lazy_index *z, void *st, const struct lazy_ops *ops, long long t)
{
    const int k = z->k;
    double level = ops->level(st, t), lo_max = -INFINITY;
    for (int d = 0; d < z->n_dirty; d++) {   /* put the old value on the new curve */
        int i = z->dirty_list[d];
        double lev, g;
        double v = z->lev[i] < LZ_NONE ? z->c[i] : NAN;
        if (ops->anchor(st, i, v, &lev, &g))
            lazy_set_anchor(z, st, ops, i, v, lev, g);
        else
            lazy_set_anchor(z, st, ops, i, 1.0, LZ_NONE, 0.0);
        z->dirty[i] = 0;
    }
    z->n_dirty = 0;
    int top = 0;
    for (int i = 0; i < k; i++) {
        double d = level - z->lev[i], dl = d < LZ_REACH ? d : LZ_REACH;
        double lo = d >= 0.0 ? z->c[i] + z->gl[i] * dl - LZ_MARGIN : -LZ_MARGIN;
        z->hi[i] = z->c[i] + z->g[i] * d + LZ_MARGIN;
        z->lo[i] = lo;   /* every index is >= 0 */
        z->tier[i] = 0;
        lo_max = lo > lo_max ? lo : lo_max;
        top = z->hi[i] > z->hi[top] ? i : top;
    }
    /* The arm with the highest upper bound is the likely winner: refined
     * first, its lower bound sets the bar. Refinement only raises lower
     * and lowers upper bounds, so the arms below lo_max stay out; they
     * bound U from the tangents. */
    lazy_refine(z, st, ops, top, level, t);
    lo_max = z->lo[top] > lo_max ? z->lo[top] : lo_max;
    bool window = z->window && k > 1;
    double level1 = window ? ops->level(st, z->w.t1) : 0.0, u = -INFINITY;
    int m = 0;
    for (int i = 0; i < k; i++) {
        if (z->hi[i] >= lo_max) {
            z->cand[m++] = i;
        } else if (window) {
            double v = lazy_tangent(z, i, level1);
            u = v > u ? v : u;
        }
    }
    int best = lazy_settle(z, st, ops, z->cand, m, level, t);
    if (best < 0) {   /* a safety net: the naive loop */
        double best_v = -INFINITY;
        for (int i = 0; i < k; i++) {
            double v = ops->exact(st, i, t);
            if (v > best_v) {
                best_v = v;
                best = i;
            }
        }
        window = false;
    }
    if (window) {
        for (int c = 0; c < m; c++)
            if (z->cand[c] != best && lazy_tangent(z, z->cand[c], level1) > u)
                u = lazy_tangent(z, z->cand[c], level1);
        z->w.leader = best;
        z->w.bound = u + LZ_MARGIN;
    }
    return best;
}

static int lazy_select(struct lazy_index *z, void *st, const struct lazy_ops *ops, long long t)
{
    long long in_flight = z->selects++ - z->updates;
    if (z->unplayed > 0)
        for (int i = 0; i < z->k; i++)
            if (z->n[i] == 0) {
                z->w.leader = -1;
                return i;
            }
    struct lazy_window *w = &z->w;
    int l = w->leader;
    if (l >= 0) {
        if (t <= w->safe_until)
            return l;
        if (t <= w->t1) {
            if (w->bound < 1.0 && ops->leader_beats(st, l, 0.0, w->t0, w->bound)) {
                w->safe_until = t + lazy_guarantee(st, l, ops, w->t0, w->bound, w->t1 - t,
                                                    in_flight);
                return l;
            }
            w->span = w->span / 8 > 1 ? w->span / 8 : 1;
        } else {
            long long cap = t / 256 > 1 ? t / 256 : 1;
            w->span = w->span * 2 < cap ? w->span * 2 : cap;
        }
    }
    w->leader = -1;
    w->t0 = w->safe_until = t;
    w->t1 = t + w->span;
    return lazy_decide(z, st, ops, t);
}

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
