/*
 * lazy_index: the exact speed-ups shared by the index policies of
 * policies/klucb.c (KL-UCB and Bayes-UCB), whose index is the inverse of a
 * convex increasing map of a level L.
 *
 * Both play exactly the arms of the naive loop (every index every round
 * by pol_kl_ucb / pol_beta_upper_quantile, argmax with the lowest index
 * among ties); tested for identical arm sequences in test_policies.c and
 * test_lazy_index.c. Two exact speed-ups, in terms of the level
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
 *    counter compare; L's plays still in flight (delayed or batched
 *    feedback, counted per arm) count as plays of L that pay 0. Used when
 *    the level is non-decreasing in t (c >= 0).
 *
 * A replaced arm (catalogue churn, lazy_forget) loses its sums, counts,
 * plays in flight (the runner drops their feedback) and anchor, and the
 * window restarts: it is unplayed again, so it is played next, as every
 * arm is at the start.
 *
 * A policy state embeds a struct lazy_index first, sized by lazy_size()
 * and placed by lazy_init() in the block that follows the state; the
 * struct lazy_ops callbacks see that state. Not thread-safe; one index per
 * run.
 */
#ifndef BM_POLICIES_LAZY_INDEX_H
#define BM_POLICIES_LAZY_INDEX_H

#include <stdbool.h>
#include <stddef.h>

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
    bool window;                 /* the level is non-decreasing in t */
    struct lazy_window w;
    double *x, *n;               /* sum of rewards, plays */
    double *pend;                /* plays in flight (selected, not yet updated), */
    int last;                    /* plus one for arm last (-1: none): the latest select,
                                    held until the next one or its update */
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

/* Bytes of the per-arm arrays of k arms (the block lazy_init() takes). */
size_t lazy_size(int k);

/* Set up z for k arms in block (lazy_size(k) zeroed bytes, owned by the
 * caller). window: the level is non-decreasing in t, so part 2 applies. */
void lazy_init(struct lazy_index *z, int k, bool window, void *block);

/* Record one reward r of arm. */
void lazy_update(struct lazy_index *z, int arm, double r);

/* Forget arm: a new item took its slot (its pending feedback never comes). */
void lazy_forget(struct lazy_index *z, int arm);

/* The arm to play at round t: the naive argmax, lowest index among ties. */
int lazy_select(struct lazy_index *z, void *st, const struct lazy_ops *ops, long long t);

#endif
