/*
 * lazy_index: per-arm bounds and the exploitation window (see
 * lazy_index.h).
 */
#include "benchmarks/policies/lazy_index.h"

#include <math.h>

/* Margin over the 1e-12 accuracy of the inversions (bounds, window). */
static const double LZ_MARGIN = 1e-9;
/* The lower slope of an anchor holds over this many units of level. */
static const double LZ_REACH = 0.05;
/* The level of "no anchor" (finite, so that 0 * (level - lev) = 0). */
static const double LZ_NONE = 1e300;

size_t lazy_size(int k)
{
    return (size_t)k * (9 * sizeof(double) + 2 * sizeof(int) + 2);
}

void lazy_init(struct lazy_index *z, int k, bool window, void *block)
{
    z->k = k;
    z->unplayed = k;
    z->window = window;
    z->w.leader = -1;
    z->w.span = 1;
    z->last = -1;
    z->x = block;
    z->n = z->x + k;
    z->c = z->n + k;
    z->lev = z->c + k;
    z->g = z->lev + k;
    z->lo = z->g + k;
    z->hi = z->lo + k;
    z->gl = z->hi + k;
    z->pend = z->gl + k;
    z->cand = (int *)(z->pend + k);
    z->dirty_list = z->cand + k;
    z->tier = (unsigned char *)(z->dirty_list + k);
    z->dirty = z->tier + k;
    for (int i = 0; i < k; i++) {
        z->c[i] = 1.0;
        z->lev[i] = LZ_NONE;
    }
}

void lazy_update(struct lazy_index *z, int arm, double r)
{
    z->x[arm] += fmin(1.0, fmax(0.0, r));
    if (z->n[arm] == 0)
        z->unplayed--;
    z->n[arm] += 1.0;
    if (!z->dirty[arm]) {
        z->dirty[arm] = 1;
        z->dirty_list[z->n_dirty++] = arm;
    }
    if (arm == z->last)
        z->last = -1;
    else
        z->pend[arm] -= 1.0;
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

void lazy_forget(struct lazy_index *z, int arm)
{
    if (z->n[arm] > 0)
        z->unplayed++;
    z->x[arm] = z->n[arm] = z->pend[arm] = 0.0;
    if (z->last == arm)
        z->last = -1;
    z->c[arm] = 1.0;
    z->lev[arm] = LZ_NONE;
    z->g[arm] = z->gl[arm] = 0.0;
    z->w.leader = -1;
}

static int lazy_choose(struct lazy_index *z, void *st, const struct lazy_ops *ops, long long t)
{
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
                                                    (long long)z->pend[l] + (z->last == l));
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

int lazy_select(struct lazy_index *z, void *st, const struct lazy_ops *ops, long long t)
{
    int a = lazy_choose(z, st, ops, t);
    if (z->last >= 0)
        z->pend[z->last] += 1.0;
    z->last = a;
    return a;
}
