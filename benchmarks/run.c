/*
 * run: one simulated run of one policy on one seed (see runner.h for the
 * contract and runner_internal.h for the plan).
 *
 * Streams of a run, all from the seed key (bench_seed_key): 0 the
 * policy's, 1 the workload's arm order, 2 the delays, 1024 + i the
 * rewards of arm i. Regret is the pseudo-regret sum_t (mu*_t - mu_{a_t,t})
 * in workload units, accumulated when an arm is played (delays do not
 * change it). Cumulative regret and reward are stored at the
 * checkpoints only.
 *
 * Structured workloads (contextual, slates, budgets; workload.h) and the
 * logged run (runner.h, struct bench_log) go through run_structured: the
 * workload's round hook every round, list-valued plays, costs against a
 * budget, and the optional exploring logger (stream 5).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/log_writer.h"
#include "benchmarks/runner.h"
#include "benchmarks/runner_internal.h"

enum { CHUNK = 1 << 16 };        /* rounds between cancel checks */
/* Structured rounds (contexts, lists) cost 100-1000x more, so they check
 * more often: a cancel then lands within a few milliseconds, not seconds. */
enum { STRUCTURED_CHUNK = 1 << 10 };

uint64_t bench_seed_key(uint64_t master, long long seed_index)
{
    struct rng r;
    rng_stream(&r, master, (uint64_t)seed_index);
    return rng_next(&r);
}

struct run_ctx {
    const struct wl_type *wl;
    const struct wl_config *cfg;
    const struct pol_type *pt;
    void *ws, *ps;
    struct rng prng;
    struct wl_arms arms;
    long long next_change;
    double lo, inv_range;
    double *regret_out, *reward_out;
    const long long *cp;
    size_t n_cp;
    atomic_int *cancel;
    atomic_llong *rounds_done;
};

static inline long long min_ll(long long a, long long b)
{
    return a < b ? a : b;
}

/* Immediate feedback, regret goal: the hot loop. Returns rounds played. */
static long long run_plain(struct run_ctx *rc)
{
    const long long horizon = rc->cfg->horizon;
    const pol_select_fn select = rc->pt->select;
    const pol_update_fn update = rc->pt->update;
    const wl_pull_fn pull = rc->wl->pull;
    void *const ps = rc->ps, *const ws = rc->ws;
    struct bench_round round = {.k = rc->cfg->k, .slate_size = 1};
    struct pol_feedback fb = {0};
    double regret = 0.0, reward = 0.0;
    const double lo = rc->lo, inv = rc->inv_range;
    size_t c = 0;
    long long t = 1;
    while (t <= horizon) {
        if (t >= rc->next_change)
            rc->next_change = rc->wl->advance(ws, t, &rc->arms);
        const double *means = rc->arms.means;
        const double best = rc->arms.best;
        long long end = min_ll(min_ll(horizon, rc->cp[c]),
                               min_ll(rc->next_change - 1, t + CHUNK - 1));
        long long start = t;
        for (; t <= end; t++) {
            round.t = t;
            int a = select(ps, &round, &rc->prng);
            double r = pull(ws, a);
            regret += best - means[a];
            reward += r;
            fb.arm = a;
            fb.raw = r;
            fb.reward = (r - lo) * inv;
            fb.t_played = t;
            fb.t_now = t + 1;
            update(ps, &fb, &rc->prng);
        }
        atomic_fetch_add_explicit(rc->rounds_done, end - start + 1, memory_order_relaxed);
        if (end == rc->cp[c]) {
            rc->regret_out[c] = regret;
            rc->reward_out[c] = reward;
            c++;
        }
        if (atomic_load_explicit(rc->cancel, memory_order_relaxed))
            break;
    }
    return horizon;
}

/* ---- delayed / batched feedback and identification ---- */

struct pending {
    long long avail;             /* delivered before this round */
    long long t_played;
    int arm;
    double raw;
};

struct heap {
    struct pending *items;
    size_t n, cap;
};

static bool before(const struct pending *a, const struct pending *b)
{
    return a->avail < b->avail || (a->avail == b->avail && a->t_played < b->t_played);
}

static void heap_push(struct heap *h, struct pending x)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 64;
        h->items = xrealloc(h->items, h->cap * sizeof(*h->items));
    }
    size_t i = h->n++;
    while (i > 0 && before(&x, &h->items[(i - 1) / 2])) {
        h->items[i] = h->items[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->items[i] = x;
}

static struct pending heap_pop(struct heap *h)
{
    struct pending top = h->items[0], last = h->items[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && before(&h->items[c + 1], &h->items[c]))
            c++;
        if (!before(&h->items[c], &last))
            break;
        h->items[i] = h->items[c];
        i = c;
    }
    if (h->n)
        h->items[i] = last;
    return top;
}

static void deliver(struct run_ctx *rc, const struct pending *x, long long t_now)
{
    struct pol_feedback fb = {
        .arm = x->arm,
        .reward = (x->raw - rc->lo) * rc->inv_range,
        .raw = x->raw,
        .t_played = x->t_played,
        .t_now = t_now,
    };
    rc->pt->update(rc->ps, &fb, &rc->prng);
}

/* The round before which feedback played at t arrives. */
static long long arrival(const struct wl_config *cfg, struct rng *delay_rng, long long t)
{
    long long a = t + 1;
    if (cfg->delay_mean > 0) {
        if (cfg->delay_kind == WL_DELAY_FIXED)
            a += (long long)cfg->delay_mean;
        else   /* D = G - 1, G ~ Geometric(p) on {1, 2, ...}: mean 1/p - 1 */
            a += rng_geometric(delay_rng, 1.0 / (1.0 + cfg->delay_mean)) - 1;
    }
    if (cfg->batch > 1)   /* the next batch boundary: rounds B+1, 2B+1, ... */
        a = ((a - 2) / cfg->batch + 1) * cfg->batch + 1;
    return a;
}

static long long run_general(struct run_ctx *rc, const struct wl_seed *seed, double *error)
{
    const struct wl_config *cfg = rc->cfg;
    const long long horizon = cfg->horizon;
    const bool immediate = cfg->delay_mean == 0 && cfg->batch == 1;
    const bool confidence = cfg->type->goal == WL_GOAL_FIXED_CONFIDENCE;
    struct rng delay_rng;
    rng_stream(&delay_rng, seed->key, 2);
    struct heap h = {0};
    double *sum = xcalloc((size_t)cfg->k * 2, sizeof(double)), *cnt = sum + cfg->k;
    struct bench_round round = {.k = cfg->k, .slate_size = 1};
    double regret = 0.0, reward = 0.0;
    size_t c = 0;
    long long t = 1;
    bool stopped = false;
    for (; t <= horizon && !stopped; t++) {
        if (t >= rc->next_change)
            rc->next_change = rc->wl->advance(rc->ws, t, &rc->arms);
        while (h.n && h.items[0].avail <= t) {
            struct pending x = heap_pop(&h);
            deliver(rc, &x, t);
        }
        if (confidence && rc->pt->stopped && rc->pt->stopped(rc->ps))
            break;
        round.t = t;
        int a = rc->pt->select(rc->ps, &round, &rc->prng);
        double r = rc->wl->pull(rc->ws, a);
        regret += rc->arms.best - rc->arms.means[a];
        reward += r;
        sum[a] += r;
        cnt[a] += 1;
        struct pending x = {immediate ? t + 1 : arrival(cfg, &delay_rng, t), t, a, r};
        if (immediate)
            deliver(rc, &x, t + 1);
        else
            heap_push(&h, x);
        if (confidence && immediate && rc->pt->stopped && rc->pt->stopped(rc->ps))
            stopped = true;
        if (t == rc->cp[c]) {
            rc->regret_out[c] = regret;
            rc->reward_out[c] = reward;
            c++;
        }
        if ((t & (CHUNK - 1)) == 0) {
            atomic_fetch_add_explicit(rc->rounds_done, CHUNK, memory_order_relaxed);
            if (atomic_load_explicit(rc->cancel, memory_order_relaxed))
                break;
        }
    }
    long long played = t - 1;
    atomic_fetch_add_explicit(rc->rounds_done, played % CHUNK, memory_order_relaxed);
    for (; c < rc->n_cp; c++) {   /* stopped early: the curve stays flat */
        rc->regret_out[c] = regret;
        rc->reward_out[c] = reward;
    }
    if (cfg->type->goal != WL_GOAL_REGRET) {
        int rec;
        if (rc->pt->recommend) {
            rec = rc->pt->recommend(rc->ps);
        } else {   /* the best empirical mean among played arms */
            rec = 0;
            for (int i = 1; i < cfg->k; i++)
                if (cnt[i] > 0 && (cnt[rec] == 0 || sum[i] / cnt[i] > sum[rec] / cnt[rec]))
                    rec = i;
        }
        *error = rc->arms.means[rec] < rc->arms.best ? 1.0 : 0.0;
    }
    free(sum);
    free(h.items);
    return played;
}

/* ---- structured workloads and the logged run ---- */

static void checkpoint(struct run_ctx *rc, size_t *c, long long t, double regret, double reward)
{
    if (*c < rc->n_cp && t == rc->cp[*c]) {
        rc->regret_out[*c] = regret;
        rc->reward_out[*c] = reward;
        ++*c;
    }
}

/* One single-arm play: select (through the logger when there is one),
 * pull, and fill fb. uniform: the policy has POL_UNIFORM, so its own
 * draws are logged as they are. Returns the arm. */
static int play_one(struct run_ctx *rc, const struct bench_round *round, struct pol_feedback *fb,
                    const struct bench_log *log, struct rng *log_rng, bool uniform)
{
    int a = rc->pt->select(rc->ps, round, &rc->prng);
    double prop = 1.0;
    if (log) {
        if (uniform)
            prop = 1.0 / round->k;
        else
            a = bench_log_explore(log_rng, round->k, log->epsilon, a, &prop);
    }
    double r = rc->wl->pull(rc->ws, a);
    fb->arm = a;
    fb->raw = r;
    fb->reward = (r - rc->lo) * rc->inv_range;
    fb->context = round->context;
    fb->features = round->arm_features ? round->arm_features + (size_t)a * (size_t)round->dim
                                       : NULL;
    if (log)
        log->fn(&(struct bench_log_round){round->t, round->k, a, prop, fb->reward, r,
                                          round->context, round->dim},
                log->ctx);
    return a;
}

static long long run_structured(struct run_ctx *rc, const struct wl_seed *seed,
                                const struct bench_log *log, double *budget_used)
{
    const struct wl_config *cfg = rc->cfg;
    const struct wl_type *wl = rc->wl;
    const int l = wl->pull_slate ? (cfg->slate_size > 0 ? cfg->slate_size : 1) : 0;
    const bool budgeted = cfg->budget > 0 && wl->cost;
    struct bench_round round = {.k = cfg->k, .slate_size = l ? l : 1, .dim = cfg->dim};
    int *slate = l ? xcalloc((size_t)l, sizeof(int)) : NULL;
    double *clicks = l ? xcalloc((size_t)l, sizeof(double)) : NULL;
    const bool uniform = log && (rc->pt->flags & POL_UNIFORM);
    struct rng log_rng;
    rng_stream(&log_rng, seed->key, 5);
    double regret = 0.0, reward = 0.0, left = cfg->budget;
    size_t c = 0;
    long long t = 1;
    for (; t <= cfg->horizon; t++) {
        round.t = t;
        if (wl->round)
            wl->round(rc->ws, t, &round, &rc->arms);
        else if (t >= rc->next_change)
            rc->next_change = wl->advance(rc->ws, t, &rc->arms);
        round.budget_left = left;
        if (budgeted && left < 1.0) {   /* out of budget: the benchmark still earns */
            regret += rc->arms.best;
        } else {
            struct pol_feedback fb = {.t_played = t, .t_now = t + 1};
            if (l) {
                rc->pt->select_slate(rc->ps, &round, &rc->prng, slate);
                int examined = 0;
                double r = wl->pull_slate(rc->ws, slate, l, clicks, &examined);
                regret += rc->arms.best - wl->slate_value(rc->ws, slate, l);
                fb = (struct pol_feedback){.arm = slate[0], .raw = r,
                                           .reward = (r - rc->lo) * rc->inv_range,
                                           .t_played = t, .t_now = t + 1,
                                           .context = round.context, .slate = slate,
                                           .clicks = clicks, .slate_len = l,
                                           .examined = examined};
            } else {
                int a = play_one(rc, &round, &fb, log, &log_rng, uniform);
                regret += rc->arms.best - rc->arms.means[a];
                if (budgeted) {
                    fb.cost = wl->cost(rc->ws, a, fb.raw);
                    left -= fb.cost;
                }
            }
            reward += fb.raw;
            rc->pt->update(rc->ps, &fb, &rc->prng);
        }
        checkpoint(rc, &c, t, regret, reward);
        if ((t & (STRUCTURED_CHUNK - 1)) == 0) {
            atomic_fetch_add_explicit(rc->rounds_done, STRUCTURED_CHUNK, memory_order_relaxed);
            if (atomic_load_explicit(rc->cancel, memory_order_relaxed))
                break;
        }
    }
    long long played = t - 1;
    atomic_fetch_add_explicit(rc->rounds_done, played % STRUCTURED_CHUNK, memory_order_relaxed);
    *budget_used = cfg->budget - left;
    free(slate);
    free(clicks);
    return played;
}

/* One run of policy p on seed s into the given outputs. */
static void run_unit(struct bench_exec *pl, size_t p, size_t s, const struct bench_log *log,
                     double *regret_out, double *reward_out, double *samples, double *error_out,
                     double *budget_out)
{
    const struct wl_config *cfg = &pl->cfg;
    const struct pol_type *pt = pl->types[p];
    struct wl_seed seed = {bench_seed_key(pl->master, (long long)s), (long long)s};
    struct pol_config pc = {
        .k = cfg->k,
        .horizon = cfg->horizon,
        .delta = cfg->delta,
        .binary_rewards = cfg->binary,
        .knobs = pl->knobs[p],
        .dim = cfg->dim,
        .slate_size = cfg->slate_size,
        .budget = cfg->budget,
    };
    struct run_ctx rc = {
        .wl = pl->wl,
        .cfg = cfg,
        .pt = pt,
        .ws = xcalloc(1, pl->wl->state_size(cfg)),
        .ps = xcalloc(1, pt->state_size(&pc)),
        .next_change = 1,
        .lo = cfg->lo,
        .inv_range = 1.0 / (cfg->hi - cfg->lo),
        .regret_out = regret_out,
        .reward_out = reward_out,
        .cp = pl->cp,
        .n_cp = pl->n_cp,
        .cancel = &pl->cancel,
        .rounds_done = &pl->rounds_done,
    };
    rng_stream(&rc.prng, seed.key, 0);
    pl->wl->init(rc.ws, cfg, &seed);
    pt->init(rc.ps, &pc);
    double error = 0.0, budget = 0.0;
    long long played;
    if (log || pl->wl->round || pl->wl->pull_slate || cfg->budget > 0)
        played = run_structured(&rc, &seed, log, &budget);
    else if (cfg->delay_mean == 0 && cfg->batch == 1 && cfg->type->goal == WL_GOAL_REGRET)
        played = run_plain(&rc);
    else
        played = run_general(&rc, &seed, &error);
    *samples = (double)played;
    *error_out = error;
    *budget_out = budget;
    if (pt->release)
        pt->release(rc.ps);
    free(rc.ps);
    free(rc.ws);
}

void bench_run_one(struct bench_exec *pl, size_t p, size_t s)
{
    size_t slot = p * (size_t)pl->seeds + s;
    run_unit(pl, p, s, NULL, pl->raw_regret + slot * pl->n_cp, pl->raw_reward + slot * pl->n_cp,
             &pl->raw_samples[slot], &pl->raw_error[slot], &pl->raw_budget[slot]);
}

void bench_run_logged(struct bench_exec *pl, const struct bench_log *log)
{
    double *scratch = xcalloc(2 * pl->n_cp, sizeof(double));
    double samples, error, budget;
    run_unit(pl, 0, 0, log, scratch, scratch + pl->n_cp, &samples, &error, &budget);
    free(scratch);
}
