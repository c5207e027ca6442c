/*
 * run: one simulated run of one policy on one seed (see runner.h for the
 * contract and runner_internal.h for the plan).
 *
 * Streams of a run, all from the seed key (bench_seed_key): 0 the
 * policy's, 1 the workload's arm order, 2 the delays, 5 the exploring
 * logger, 1024 + i the rewards of arm i (workloads add their own).
 * Regret is the pseudo-regret sum_t (mu*_t - mu_{a_t,t}) in workload
 * units, accumulated when an arm is played (delays, censoring and dropped
 * feedback do not change it). Cumulative regret and reward are stored at
 * the checkpoints only.
 *
 * Two loops. run_plain is the hot loop: single-arm regret workloads with
 * immediate feedback, no queue, replaced slots handed over in the round
 * of the change (a chunk of one round). run_general runs everything else
 * with one set of rules for every workload kind (workload.h, "Arm
 * replacement" and "Feedback"): each round the workload's round hook or
 * advance(), then the feedback due before this round (stale plays of
 * replaced slots dropped), then the round's replacements, then the play
 * (one arm, a list, or nothing once the budget is spent; the cost is
 * taken from the budget at once), whose feedback is delivered at once or
 * queued with copies of what it points to. The queue delivers by
 * (arrival, round played), so the order depends on nothing but the seed:
 * a FIFO ring when arrivals cannot overtake (no delay or a fixed one), a
 * heap for geometric delays; its memory is that of the plays in flight.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/log_writer.h"
#include "benchmarks/runner.h"
#include "benchmarks/runner_internal.h"

/* Rounds between cancel checks; structured rounds (contexts, lists) cost
 * 100-1000x more, so a cancel lands within milliseconds there too. */
enum { CHUNK = 1 << 16, STRUCTURED_CHUNK = 1 << 10 };

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

static inline long long min_ll(long long a, long long b) { return a < b ? a : b; }

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
        if (t >= rc->next_change) {
            rc->arms.replaced = NULL;
            rc->arms.n_replaced = 0;
            rc->next_change = rc->wl->advance(ws, t, &rc->arms);
            round.replaced = rc->arms.replaced;
            round.n_replaced = rc->arms.n_replaced;
        }
        const double *means = rc->arms.means;
        const double best = rc->arms.best;
        long long end = min_ll(min_ll(horizon, rc->cp[c]),
                               min_ll(rc->next_change - 1, t + CHUNK - 1));
        if (round.n_replaced)   /* the replaced slots go with round t only */
            end = t;
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
        round.replaced = NULL;
        round.n_replaced = 0;
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

/* ---- feedback in flight ---- */

/* A play whose feedback has not been delivered yet. What else the policy
 * gets back (context, played features, list, clicks, cost, examined)
 * lives in the queue's pool at slot `copy`, so the workload may overwrite
 * its round buffers meanwhile; single-arm plays without a budget need no
 * copy. */
struct pending {
    long long avail;             /* delivered before this round */
    long long t_played;          /* also its generation tag (workload.h) */
    double raw;
    int arm;
    int copy;                    /* pool slot, -1 when there is nothing to copy */
};

/* Extras of a copy slot besides the context, features and clicks. */
enum { COPY_EXAMINED, COPY_HAS_CONTEXT, COPY_HAS_FEATURES, COPY_INTS };

/* The plays in flight, by (avail, t_played): a FIFO ring when arrivals
 * are non-decreasing in the round played (no delay or a fixed one, so
 * also under batches and windows), a min-heap otherwise; and a pool of
 * fixed-size copy slots reused through a free list. Both grow with the
 * number of plays in flight only. */
struct queue {
    struct pending *items;
    size_t n, cap, head;         /* head: the ring's first item (FIFO only) */
    bool fifo;
    bool copies;                 /* plays carry a copy (contexts, lists or costs) */
    int dim, l;                  /* sizes of one copy: context and features, list */
    double *vals;                /* per slot: context, features (dim each), clicks (l), cost */
    int *ints;                   /* per slot: the list (l), then COPY_INTS extras */
    int *free_copies;            /* n_free unused slots */
    int n_free, cap_copies;
    struct pol_feedback fb;      /* the delivery's feedback, reused */
};

static bool before(const struct pending *a, const struct pending *b)
{
    return a->avail < b->avail || (a->avail == b->avail && a->t_played < b->t_played);
}

static void queue_grow(struct queue *q)
{
    size_t cap = q->cap ? 2 * q->cap : 64;
    struct pending *items = xmalloc(cap * sizeof(*items));
    for (size_t i = 0; i < q->n; i++)   /* unwrap the ring; a heap is already at 0 */
        items[i] = q->items[(q->head + i) & (q->cap - 1)];
    free(q->items);
    q->items = items;
    q->cap = cap;
    q->head = 0;
}

static void queue_add(struct queue *q, struct pending x)
{
    if (q->n == q->cap)
        queue_grow(q);
    if (q->fifo) {
        q->items[(q->head + q->n++) & (q->cap - 1)] = x;
        return;
    }
    size_t i = q->n++;
    while (i > 0 && before(&x, &q->items[(i - 1) / 2])) {
        q->items[i] = q->items[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    q->items[i] = x;
}

/* The first play due (q->n > 0). */
static const struct pending *queue_top(const struct queue *q)
{
    return &q->items[q->head];
}

static struct pending queue_pop(struct queue *q)
{
    struct pending top = q->items[q->head];
    if (q->fifo) {
        q->head = (q->head + 1) & (q->cap - 1);
        q->n--;
        return top;
    }
    struct pending last = q->items[--q->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= q->n)
            break;
        if (c + 1 < q->n && before(&q->items[c + 1], &q->items[c]))
            c++;
        if (!before(&q->items[c], &last))
            break;
        q->items[i] = q->items[c];
        i = c;
    }
    if (q->n)
        q->items[i] = last;
    return top;
}

static size_t vals_stride(const struct queue *q)
{
    return 2 * (size_t)q->dim + (size_t)q->l + 1;
}

static size_t ints_stride(const struct queue *q)
{
    return (size_t)q->l + COPY_INTS;
}

static int copy_get(struct queue *q)
{
    if (q->n_free == 0) {
        int old = q->cap_copies, cap = old ? 2 * old : 64;
        q->vals = xrealloc(q->vals, (size_t)cap * vals_stride(q) * sizeof(double));
        q->ints = xrealloc(q->ints, (size_t)cap * ints_stride(q) * sizeof(int));
        q->free_copies = xrealloc(q->free_copies, (size_t)cap * sizeof(int));
        for (int i = cap - 1; i >= old; i--)
            q->free_copies[q->n_free++] = i;
        q->cap_copies = cap;
    }
    return q->free_copies[--q->n_free];
}

static void queue_release(struct queue *q)
{
    free(q->items);
    free(q->vals);
    free(q->ints);
    free(q->free_copies);
}

/* The round before which feedback played at t arrives, and whether the
 * attribution window censors it (workload.h, "Feedback"). */
static long long arrival(const struct wl_config *cfg, struct rng *delay_rng, long long t,
                         bool *censored)
{
    long long d = 0;
    if (cfg->delay_mean > 0) {
        if (cfg->delay_kind == WL_DELAY_FIXED)
            d = (long long)cfg->delay_mean;
        else   /* D = G - 1, G ~ Geometric(p) on {1, 2, ...}: mean 1/p - 1 */
            d = rng_geometric(delay_rng, 1.0 / (1.0 + cfg->delay_mean)) - 1;
    }
    *censored = cfg->window > 0 && d > cfg->window;
    long long a = t + 1 + (*censored ? cfg->window : d);
    if (cfg->batch > 1)   /* the next batch boundary: rounds B+1, 2B+1, ... */
        a = ((a - 2) / cfg->batch + 1) * cfg->batch + 1;
    return a;
}

/* Queue the feedback fb of the play at fb->t_played, copying what it
 * points to. A censored play comes back as a non-conversion: raw 0, no
 * clicks, every position examined, its cost unchanged. */
static void queue_push(struct queue *q, const struct pol_feedback *fb, long long avail,
                       bool censored)
{
    struct pending x = {avail, fb->t_played, censored ? 0.0 : fb->raw, fb->arm, -1};
    if (q->copies) {
        x.copy = copy_get(q);
        double *v = q->vals + (size_t)x.copy * vals_stride(q);
        int *n = q->ints + (size_t)x.copy * ints_stride(q);
        size_t d = (size_t)q->dim;
        bool has_context = fb->context && d, has_features = fb->features && d;
        if (has_context)
            memcpy(v, fb->context, d * sizeof(double));
        if (has_features)
            memcpy(v + d, fb->features, d * sizeof(double));
        for (int i = 0; i < fb->slate_len; i++) {
            v[2 * d + (size_t)i] = censored ? 0.0 : fb->clicks[i];
            n[i] = fb->slate[i];
        }
        v[2 * d + (size_t)q->l] = fb->cost;
        n[q->l + COPY_EXAMINED] = censored && fb->slate_len ? fb->slate_len : fb->examined;
        n[q->l + COPY_HAS_CONTEXT] = has_context;
        n[q->l + COPY_HAS_FEATURES] = has_features;
    }
    queue_add(q, x);
}

/* A pending play is stale when a slot it showed was replaced after it
 * was played: the slot's generation is later than the play. */
static bool stale(const struct queue *q, const struct pending *x, const long long *generation)
{
    if (q->l == 0)
        return generation[x->arm] > x->t_played;
    const int *slate = q->ints + (size_t)x->copy * ints_stride(q);
    for (int i = 0; i < q->l; i++)
        if (generation[slate[i]] > x->t_played)
            return true;
    return false;
}

/* Deliver (or drop, when stale) every pending play due before round t. */
static void deliver_due(struct run_ctx *rc, struct queue *q, const long long *generation,
                        long long t)
{
    while (q->n && queue_top(q)->avail <= t) {
        struct pending x = queue_pop(q);
        if (stale(q, &x, generation)) {
            if (x.copy >= 0)
                q->free_copies[q->n_free++] = x.copy;
            continue;
        }
        struct pol_feedback *f = &q->fb;   /* zeroed once: fields not set stay NULL / 0 */
        f->arm = x.arm;
        f->reward = (x.raw - rc->lo) * rc->inv_range;
        f->raw = x.raw;
        f->t_played = x.t_played;
        f->t_now = t;
        if (x.copy >= 0) {
            const double *v = q->vals + (size_t)x.copy * vals_stride(q);
            const int *n = q->ints + (size_t)x.copy * ints_stride(q);
            size_t d = (size_t)q->dim;
            f->context = n[q->l + COPY_HAS_CONTEXT] ? v : NULL;
            f->features = n[q->l + COPY_HAS_FEATURES] ? v + d : NULL;
            if (q->l) {
                f->slate = n;
                f->clicks = v + 2 * d;
                f->slate_len = q->l;
            }
            f->examined = n[q->l + COPY_EXAMINED];
            f->cost = v[2 * d + (size_t)q->l];
        }
        rc->pt->update(rc->ps, f, &rc->prng);
        if (x.copy >= 0)   /* after the update: fb points into the slot */
            q->free_copies[q->n_free++] = x.copy;
    }
}

/* ---- the general loop: every workload kind, every feedback setting ---- */

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

/* Round t's truth and replaced slots: the round hook, or advance() when
 * t reaches the next change (workload.h, "Arm replacement"). */
static void begin_round(struct run_ctx *rc, struct bench_round *round, long long t)
{
    round->t = t;
    round->replaced = NULL;
    round->n_replaced = 0;
    if (rc->wl->round) {
        rc->wl->round(rc->ws, t, round, &rc->arms);
    } else if (t >= rc->next_change) {
        rc->arms.replaced = NULL;
        rc->arms.n_replaced = 0;
        rc->next_change = rc->wl->advance(rc->ws, t, &rc->arms);
        round->replaced = rc->arms.replaced;
        round->n_replaced = rc->arms.n_replaced;
    }
}

/* What the general loop returns besides the curves and rounds played. */
struct general_out {
    double error;                /* identification: the recommendation is wrong (0/1) */
    double budget_used;
};

/* The recommendation of an identification run: the policy's, else the
 * best empirical mean among played arms. */
static int recommendation(const struct run_ctx *rc, const double *sum, const double *cnt)
{
    if (rc->pt->recommend)
        return rc->pt->recommend(rc->ps);
    int rec = 0;
    for (int i = 1; i < rc->cfg->k; i++)
        if (cnt[i] > 0 && (cnt[rec] == 0 || sum[i] / cnt[i] > sum[rec] / cnt[rec]))
            rec = i;
    return rec;
}

/* Every run but run_plain's: identification, delayed / batched / censored
 * feedback, replaced slots, the structured kinds (contexts, lists, costs
 * against a budget) and the logged run. Returns rounds played. */
static long long run_general(struct run_ctx *rc, const struct wl_seed *seed,
                             const struct bench_log *log, struct general_out *out)
{
    const struct wl_config *cfg = rc->cfg;
    const struct wl_type *wl = rc->wl;
    const int l = wl->pull_slate ? (cfg->slate_size > 0 ? cfg->slate_size : 1) : 0;
    const bool budgeted = cfg->budget > 0 && wl->cost;
    const bool immediate = log || (cfg->delay_mean == 0 && cfg->batch == 1);
    const bool confidence = cfg->type->goal == WL_GOAL_FIXED_CONFIDENCE;
    const bool uniform = log && (rc->pt->flags & POL_UNIFORM);
    const long long chunk =
        log || wl->round || l || cfg->budget > 0 ? STRUCTURED_CHUNK : CHUNK;
    struct bench_round round = {.k = cfg->k, .slate_size = l ? l : 1, .dim = cfg->dim};
    int *slate = l ? xcalloc((size_t)l, sizeof(int)) : NULL;
    double *clicks = l ? xcalloc((size_t)l, sizeof(double)) : NULL;
    double *sum = xcalloc((size_t)cfg->k * 2, sizeof(double)), *cnt = sum + cfg->k;
    long long *generation = xcalloc((size_t)cfg->k, sizeof(long long));
    struct queue q = {
        .fifo = cfg->delay_mean == 0 || cfg->delay_kind == WL_DELAY_FIXED,
        .copies = cfg->dim > 0 || l > 0 || budgeted,
        .dim = cfg->dim,
        .l = l,
    };
    struct rng delay_rng, log_rng;
    rng_stream(&delay_rng, seed->key, 2);
    rng_stream(&log_rng, seed->key, 5);
    double regret = 0.0, reward = 0.0, left = cfg->budget;
    size_t c = 0;
    long long t = 1;
    bool stopped = false;
    struct pol_feedback fb = {0};   /* the play's; a single-arm play sets the same fields */
    for (; t <= cfg->horizon && !stopped; t++) {
        begin_round(rc, &round, t);
        deliver_due(rc, &q, generation, t);
        for (int i = 0; i < round.n_replaced; i++)
            generation[round.replaced[i]] = t;
        round.budget_left = left;
        if (confidence && rc->pt->stopped && rc->pt->stopped(rc->ps))
            break;
        if (budgeted && left < 1.0) {   /* out of budget: the benchmark still earns */
            regret += rc->arms.best;
        } else {
            fb.t_played = t;
            fb.t_now = t + 1;
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
                sum[a] += fb.raw;
                cnt[a] += 1;
                if (budgeted) {
                    fb.cost = wl->cost(rc->ws, a, fb.raw);
                    left -= fb.cost;
                }
            }
            reward += fb.raw;
            if (immediate) {
                rc->pt->update(rc->ps, &fb, &rc->prng);
                stopped = confidence && rc->pt->stopped && rc->pt->stopped(rc->ps);
            } else {
                bool censored;
                long long avail = arrival(cfg, &delay_rng, t, &censored);
                queue_push(&q, &fb, avail, censored);
            }
        }
        checkpoint(rc, &c, t, regret, reward);
        if ((t & (chunk - 1)) == 0) {
            atomic_fetch_add_explicit(rc->rounds_done, chunk, memory_order_relaxed);
            if (atomic_load_explicit(rc->cancel, memory_order_relaxed))
                break;
        }
    }
    long long played = t - 1;
    atomic_fetch_add_explicit(rc->rounds_done, played % chunk, memory_order_relaxed);
    for (; c < rc->n_cp; c++) {   /* stopped early: the curve stays flat */
        rc->regret_out[c] = regret;
        rc->reward_out[c] = reward;
    }
    if (cfg->type->goal != WL_GOAL_REGRET) {
        int rec = recommendation(rc, sum, cnt);
        out->error = rc->arms.means[rec] < rc->arms.best ? 1.0 : 0.0;
    }
    out->budget_used = cfg->budget - left;
    queue_release(&q);
    free(generation);
    free(sum);
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
    struct general_out out = {0.0, 0.0};
    long long played;
    if (!log && !pl->wl->round && !pl->wl->pull_slate && cfg->budget <= 0 &&
        cfg->delay_mean == 0 && cfg->batch == 1 && cfg->type->goal == WL_GOAL_REGRET)
        played = run_plain(&rc);
    else
        played = run_general(&rc, &seed, log, &out);
    *samples = (double)played;
    *error_out = out.error;
    *budget_out = out.budget_used;
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
