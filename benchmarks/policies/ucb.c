/*
 * Index policies with Hoeffding- or Bernstein-style confidence bonuses.
 *
 * ucb1  Auer, Cesa-Bianchi & Fischer (2002), "Finite-time analysis of the
 *       multiarmed bandit problem", Machine Learning 47, Figure 1: play
 *       each arm once, then the arm maximising
 *           x_j + sqrt(2 ln t / n_j)                                (UCB1)
 *       evaluated in floating point exactly as  S_j/n_j + sqrt(2*log(t)/n_j).
 * ucbv  Audibert, Munos & Szepesvari (2009), "Exploration-exploitation
 *       tradeoff using variance estimates in multi-armed bandits", TCS 410,
 *       eq. (1): x_j + sqrt(2 V_j E_t / n_j) + c 3 b E_t / n_j, with
 *       E_t = zeta log t, V_j the empirical variance, b = 1 (rewards are
 *       normalised to [0, 1]); zeta = 1.2, c = 1 as in their section 3.
 * moss  Audibert & Bubeck (2009), "Minimax policies for adversarial and
 *       stochastic bandits", COLT, section 3: x_j + sqrt(max(log(T/(K n_j)), 0) / n_j).
 *       The index of an arm changes only when it is played, so a cached
 *       index per arm is exact.
 *
 * Exact speed-up of UCB1 (documented in benchmarks/README.md, tested
 * against a naive loop for identical arm sequences in test_policies.c).
 * Between full evaluations we keep the argmax L, a window [t0, t1] and
 *     U = max_{j != L} fl(S_j/n_j + sqrt(2*log(t1)/n_j)).
 * For t0 <= t <= t1, floating-point rounding is monotone, so
 *     fl-index_j(t) <= U          (log t <= log t1, others unchanged), and
 *     fl-index_L(t) >= fl(S_L/n_L + sqrt(2*log(t0)/n_L)).
 * If the right-hand side is > U, L is the naive argmax at t (strictly,
 * so tie-breaking agrees too) and only L's index is computed. Otherwise,
 * or when the window ends or another arm's statistics change (delayed
 * feedback), all K indices are evaluated exactly as the naive loop does.
 * The guarantee (ucb1_guarantee) counts L's plays still in flight
 * (delayed or batched feedback, pend_L) as plays that pay 0, since they
 * may all arrive inside the window: at round t + j, n_L <= n + pend_L + j.
 * The window doubles while the shortcut holds (up to t/64) and drops to
 * one round when it fails, so the extra evaluations stay O(log t) per
 * change of leader. The only assumption is that log() is monotone on
 * integers, which holds for glibc's correctly rounded-in-practice log
 * (consecutive values differ by ~1/t, far above one ulp for t < 1e12).
 *
 * Replaced arms (round->replaced, catalogue churn): every policy here
 * forgets the slot (sum, count, variance, cached index, plays in flight,
 * whose feedback the runner drops) and the UCB1 window restarts, so the
 * new item is unplayed and is played next, as in the initial round robin.
 */
#include <math.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

/* ---- shared layout: sums and counts ---- */

static size_t counts_size(int k, int arrays)
{
    return (size_t)k * (size_t)arrays * sizeof(double);
}

/* ---- UCB1 ---- */

struct ucb1_state {
    int k;
    bool nonnegative;            /* rewards are >= 0 (0/1 here), so skips are safe */
    int leader;                  /* the argmax of the window, or -1 */
    long long t0, t1, span;      /* window and its next length */
    long long safe_until;        /* L is the argmax through this round */
    double log_t0;
    double bound;                /* U above */
    double *sum, *n;
    /* Plays in flight (selected, not yet updated) of arm a: pend[a], plus
     * one if last == a. The latest select is held in last until another
     * select or its update, so immediate feedback never touches pend[]. */
    double *pend;
    int last;                    /* -1: none held */
};

static size_t ucb1_size(const struct pol_config *cfg)
{
    return sizeof(struct ucb1_state) + counts_size(cfg->k, 3);
}

static void ucb1_init(void *state, const struct pol_config *cfg)
{
    struct ucb1_state *st = state;
    st->k = cfg->k;
    st->nonnegative = cfg->binary_rewards;
    st->leader = -1;
    st->span = 1;
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
    st->pend = st->n + cfg->k;
    st->last = -1;
}

static inline double ucb1_in_flight(const struct ucb1_state *st, int a)
{
    return st->pend[a] + (st->last == a);
}

static inline double ucb1_index(double sum, double n, double log_t)
{
    return sum / n + sqrt(2.0 * log_t / n);
}

static int ucb1_full(struct ucb1_state *st, long long t)
{
    for (int i = 0; i < st->k; i++)
        if (st->n[i] == 0) {
            st->leader = -1;
            return i;
        }
    double lt = log((double)t);
    int best = 0;
    double best_idx = ucb1_index(st->sum[0], st->n[0], lt);
    for (int i = 1; i < st->k; i++) {
        double idx = ucb1_index(st->sum[i], st->n[i], lt);
        if (idx > best_idx) {
            best_idx = idx;
            best = i;
        }
    }
    st->leader = best;
    st->t0 = t;
    st->safe_until = t;
    st->log_t0 = lt;
    st->t1 = t + st->span;
    double l1 = log((double)st->t1);
    double u = -INFINITY;
    for (int i = 0; i < st->k; i++)
        if (i != best)
            u = fmax(u, ucb1_index(st->sum[i], st->n[i], l1));
    st->bound = u;
    return best;
}

/* The largest m <= cap such that L stays above U after m more plays that
 * all pay 0, on top of its pend_L plays in flight: fl(S/(n+m) +
 * sqrt(2*log(t0)/(n+m))) is non-increasing in m, and with rewards >= 0
 * the real sum is >= S, so L is the naive argmax for the next m rounds
 * whatever they pay and whenever the feedback in flight arrives.
 * Exponential then binary search: O(log m) index evaluations buy m
 * rounds. */
static long long ucb1_guarantee(const struct ucb1_state *st, int l, long long cap)
{
    long long good = 0, step = 1, bad = cap + 1;
    double s = st->sum[l], n = st->n[l] + ucb1_in_flight(st, l);
    while (good < cap) {
        long long next = good + step < cap ? good + step : cap;
        if (!(ucb1_index(s, n + (double)next, st->log_t0) > st->bound)) {
            bad = next;
            break;
        }
        good = next;
        step *= 2;
    }
    while (bad - good > 1 && good < cap) {
        long long mid = good + (bad - good) / 2;
        if (ucb1_index(s, n + (double)mid, st->log_t0) > st->bound)
            good = mid;
        else
            bad = mid;
    }
    return good;
}

static void ucb1_forget(struct ucb1_state *st, const struct bench_round *round)
{
    for (int r = 0; r < round->n_replaced; r++) {
        int a = round->replaced[r];
        st->sum[a] = st->n[a] = st->pend[a] = 0.0;
        if (st->last == a)
            st->last = -1;
    }
    st->leader = -1;
}

static int ucb1_choose(struct ucb1_state *st, long long t)
{
    int l = st->leader;
    if (l >= 0) {
        if (t <= st->safe_until)
            return l;
        if (t <= st->t1) {
            if (ucb1_index(st->sum[l], st->n[l], st->log_t0) > st->bound) {
                if (st->nonnegative)
                    st->safe_until = t + ucb1_guarantee(st, l, st->t1 - t);
                return l;
            }
            st->span = st->span / 8 > 1 ? st->span / 8 : 1;
        } else {
            long long cap = t / 256 > 1 ? t / 256 : 1;
            st->span = st->span * 2 < cap ? st->span * 2 : cap;
        }
    }
    return ucb1_full(st, t);
}

static int ucb1_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct ucb1_state *st = state;
    if (round->n_replaced)
        ucb1_forget(st, round);
    int a = ucb1_choose(st, round->t);
    if (st->last >= 0)
        st->pend[st->last] += 1.0;
    st->last = a;
    return a;
}

static void ucb1_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct ucb1_state *st = state;
    st->sum[fb->arm] += fb->reward;
    st->n[fb->arm] += 1.0;
    if (fb->arm == st->last)
        st->last = -1;
    else
        st->pend[fb->arm] -= 1.0;
    if (fb->arm != st->leader)
        st->leader = -1;
}

const struct pol_type pol_ucb1 = {
    .name = "ucb1",
    .title = "UCB1 (Auer, Cesa-Bianchi & Fischer 2002)",
    .baseline_on = WL_KIND_SINGLE | WL_KIND_PRICING | WL_KIND_KNAPSACK,
    .tier = POL_TIER_CLASSIC,
    .state_size = ucb1_size,
    .init = ucb1_init,
    .select = ucb1_select,
    .update = ucb1_update,
};

/* ---- UCB-V ---- */

struct ucbv_state {
    int k;
    double zeta, c;
    double *sum, *sum2, *n;
};

static const struct pol_knob ucbv_knobs[] = {
    {"zeta", 1.2, "exploration function E_t = zeta log t (zeta > 1 in the theory)"},
    {"c", 1.0, "weight of the range term 3 b E_t / n"},
};

static size_t ucbv_size(const struct pol_config *cfg)
{
    return sizeof(struct ucbv_state) + counts_size(cfg->k, 3);
}

static void ucbv_init(void *state, const struct pol_config *cfg)
{
    struct ucbv_state *st = state;
    st->k = cfg->k;
    st->zeta = cfg->knobs[0];
    st->c = cfg->knobs[1];
    st->sum = (double *)(st + 1);
    st->sum2 = st->sum + cfg->k;
    st->n = st->sum2 + cfg->k;
}

static int ucbv_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct ucbv_state *st = state;
    for (int r = 0; r < round->n_replaced; r++) {
        int a = round->replaced[r];
        st->sum[a] = st->sum2[a] = st->n[a] = 0.0;
    }
    for (int i = 0; i < st->k; i++)
        if (st->n[i] == 0)
            return i;
    double e = st->zeta * log((double)round->t);
    int best = 0;
    double best_idx = -INFINITY;
    for (int i = 0; i < st->k; i++) {
        double n = st->n[i], mean = st->sum[i] / n;
        double var = fmax(0.0, st->sum2[i] / n - mean * mean);
        double idx = mean + sqrt(2.0 * var * e / n) + st->c * 3.0 * e / n;
        if (idx > best_idx) {
            best_idx = idx;
            best = i;
        }
    }
    return best;
}

static void ucbv_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct ucbv_state *st = state;
    st->sum[fb->arm] += fb->reward;
    st->sum2[fb->arm] += fb->reward * fb->reward;
    st->n[fb->arm] += 1.0;
}

const struct pol_type pol_ucbv = {
    .name = "ucbv",
    .title = "UCB-V (Audibert, Munos & Szepesvari 2009)",
    .knobs = ucbv_knobs,
    .n_knobs = 2,
    .state_size = ucbv_size,
    .init = ucbv_init,
    .select = ucbv_select,
    .update = ucbv_update,
};

/* ---- MOSS ---- */

struct moss_state {
    int k;
    double horizon;
    double *sum, *n, *index;     /* index: +inf until played */
};

static size_t moss_size(const struct pol_config *cfg)
{
    return sizeof(struct moss_state) + counts_size(cfg->k, 3);
}

static void moss_init(void *state, const struct pol_config *cfg)
{
    struct moss_state *st = state;
    st->k = cfg->k;
    st->horizon = (double)cfg->horizon;
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
    st->index = st->n + cfg->k;
    for (int i = 0; i < cfg->k; i++)
        st->index[i] = INFINITY;
}

static int moss_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct moss_state *st = state;
    for (int r = 0; r < round->n_replaced; r++) {
        int a = round->replaced[r];
        st->sum[a] = st->n[a] = 0.0;
        st->index[a] = INFINITY;
    }
    return pol_argmax(st->index, st->k);
}

static void moss_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct moss_state *st = state;
    int a = fb->arm;
    st->sum[a] += fb->reward;
    st->n[a] += 1.0;
    double n = st->n[a];
    st->index[a] = st->sum[a] / n + sqrt(fmax(log(st->horizon / (st->k * n)), 0.0) / n);
}

const struct pol_type pol_moss = {
    .name = "moss",
    .title = "MOSS (Audibert & Bubeck 2009)",
    .state_size = moss_size,
    .init = moss_init,
    .select = moss_select,
    .update = moss_update,
};
