/*
 * runner: seeds x policies on worker threads; see runner.h.
 *
 * Work items are (policy, seed) pairs taken in index order from a shared
 * counter; each writes only its own slots of the raw arrays, and the
 * summary is computed afterwards in seed order, so scheduling cannot
 * change a number. The hot loop (run_plain) has no delay or batch
 * bookkeeping; run_general handles every other run: delayed, batched and
 * censored feedback, replaced slots, best-arm identification and the
 * structured kinds (run.c holds both).
 */
#include "benchmarks/runner.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/suggest.h"
#include "base/xalloc.h"
#include "benchmarks/runner_internal.h"
#include "taxonomy/taxonomy.h"

void bench_results_init(struct bench_results *r)
{
    memset(r, 0, sizeof(*r));
    r->threads = 1;
    r->lower_bound_c = NAN;
    diag_list_init(&r->diags);
}

static void release_policy(struct bench_policy_result *p)
{
    free(p->final_regret);
    free(p->score);
    free(p->samples);
    free(p->curve);
    free(p->reward_curve);
}

void bench_results_release(struct bench_results *r)
{
    for (size_t i = 0; i < r->n_policies; i++)
        release_policy(&r->policies[i]);
    free(r->policies);
    free(r->checkpoints);
    free(r->lower_bound);
    free(r->recommended);
    diag_list_release(&r->diags);
    int threads = r->threads;
    const struct bench_log *log = r->log;
    bench_results_init(r);
    r->threads = threads;
    r->log = log;
}

size_t bench_raced_policies(const struct bench_spec *s, const char **ids)
{
    size_t n = 0;
    bool recommended_raced = false;
    for (size_t i = 0; i < s->n_policies; i++) {
        ids[n++] = s->policies[i];
        if (s->recommended && !strcmp(s->policies[i], s->recommended))
            recommended_raced = true;
    }
    if (s->recommended && !recommended_raced)
        ids[n++] = s->recommended;
    return n;
}

size_t bench_checkpoints(long long horizon, long long **out)
{
    size_t n = 0, cap = 16;
    long long *cp = xmalloc(cap * sizeof(*cp));
    for (int j = 0;; j++) {
        double v = floor(pow(10.0, j / 10.0) + 0.5);
        long long t = v >= 9e18 ? horizon : (long long)v;
        if (t >= horizon)
            break;
        if (n && cp[n - 1] == t)
            continue;
        if (n == cap)
            cp = xrealloc(cp, (cap *= 2) * sizeof(*cp));
        cp[n++] = t;
    }
    if (n == cap)
        cp = xrealloc(cp, (cap + 1) * sizeof(*cp));
    cp[n++] = horizon;
    *out = cp;
    return n;
}

/* ---- checking ---- */

static void unknown_policy(const struct bench_spec *s, const char *id, struct diag_list *d)
{
    const char *names[64];
    size_t n = 0;
    for (; n < pol_registry_count && n < 64; n++)
        names[n] = pol_registry[n]->name;
    const char *hint = suggest_closest(id, names, n);
    if (hint)
        diag_add(d, DIAG_ERROR, s->file, 0, 0, "unknown policy '%s' (did you mean '%s'?)", id,
                 hint);
    else
        diag_add(d, DIAG_ERROR, s->file, 0, 0, "unknown policy '%s'", id);
}

/* "<policy>.<knob>" params: the policy must be raced and have the knob. */
static void check_knobs(const struct bench_spec *s, struct diag_list *d)
{
    for (size_t i = 0; i < s->n_params; i++) {
        const struct bench_spec_param *p = &s->params[i];
        const char *dot = strchr(p->key, '.');
        if (!dot)
            continue;
        char id[64];
        snprintf(id, sizeof(id), "%.*s", (int)(dot - p->key), p->key);
        const struct pol_type *t = pol_find(id);
        if (!t) {
            diag_add(d, DIAG_ERROR, s->file, p->line, p->col,
                     "parameter '%s' names unknown policy '%s'", p->key, id);
            continue;
        }
        if (pol_knob_index(t, dot + 1) < 0) {
            const char *names[16];
            for (size_t j = 0; j < t->n_knobs && j < 16; j++)
                names[j] = t->knobs[j].name;
            const char *hint = suggest_closest(dot + 1, names, t->n_knobs < 16 ? t->n_knobs : 16);
            if (hint)
                diag_add(d, DIAG_ERROR, s->file, p->line, p->col,
                         "policy '%s' has no knob '%s' (did you mean '%s'?)", id, dot + 1, hint);
            else
                diag_add(d, DIAG_ERROR, s->file, p->line, p->col,
                         "policy '%s' has no knob '%s'%s", id, dot + 1,
                         t->n_knobs ? "" : " (it has no knobs)");
        }
    }
}

int bench_check_spec(const struct bench_spec *s, struct diag_list *d)
{
    size_t before = d->errors;
    const struct wl_type *wl = NULL;
    if (!s->workload) {
        diag_add(d, DIAG_ERROR, s->file, 0, 0, "the spec names no workload");
    } else if (!(wl = wl_find(s->workload))) {
        const char *names[32];
        size_t n = 0;
        for (; n < wl_registry_count && n < 32; n++)
            names[n] = wl_registry[n]->name;
        const char *hint = suggest_closest(s->workload, names, n);
        diag_add(d, DIAG_ERROR, s->file, s->line_workload, s->col_workload,
                 hint ? "unknown workload '%s' (did you mean '%s'?)" : "unknown workload '%s'%s",
                 s->workload, hint ? hint : "");
    }
    if (s->n_policies == 0 && !s->recommended)
        diag_add(d, DIAG_ERROR, s->file, 0, 0, "the spec names no policies to race");
    for (size_t i = 0; i < s->n_policies; i++) {
        if (!pol_find(s->policies[i]))
            unknown_policy(s, s->policies[i], d);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s->policies[i], s->policies[j]))
                diag_add(d, DIAG_ERROR, s->file, 0, 0, "policy '%s' is listed twice",
                         s->policies[i]);
    }
    if (s->recommended && !pol_find(s->recommended))
        unknown_policy(s, s->recommended, d);
    if (s->arms < 1 || s->arms > BENCH_MAX_ARMS)
        diag_add(d, DIAG_ERROR, s->file, s->line_arms, s->col_arms,
                 "arms must be between 1 and %d, not %lld", BENCH_MAX_ARMS, s->arms);
    if (s->horizon < 1 || s->horizon > (long long)1e12)
        diag_add(d, DIAG_ERROR, s->file, 0, 0, "horizon must be between 1 and 1e12, not %lld",
                 s->horizon);
    if (s->seeds < 1)
        diag_add(d, DIAG_ERROR, s->file, 0, 0, "seeds must be at least 1, not %d", s->seeds);
    if (s->n_means && (long long)s->n_means != s->arms)
        diag_add(d, DIAG_ERROR, s->file, 0, 0, "the spec has %zu means but %lld arms",
                 s->n_means, s->arms);
    if (wl && wl->goal != WL_GOAL_REGRET && s->arms < 2)
        diag_add(d, DIAG_ERROR, s->file, s->line_workload, s->col_workload,
                 "best-arm identification needs at least 2 arms");
    check_knobs(s, d);
    if (wl && d->errors == before) {
        struct wl_config cfg;
        wl_configure(wl, s, &cfg, d);
        wl_config_release(&cfg);
    }
    if (wl && wl->pull_slate)   /* lists need list-valued policies */
        for (size_t i = 0; i <= s->n_policies; i++) {
            const char *id = i < s->n_policies ? s->policies[i] : s->recommended;
            const struct pol_type *t = id ? pol_find(id) : NULL;
            if (t && !t->select_slate)
                diag_add(d, DIAG_ERROR, s->file, s->line_workload, s->col_workload,
                         "policy '%s' picks one arm, but workload '%s' shows a list (use a "
                         "slate policy such as cascade_ts or topk_position_ts)",
                         id, wl->name);
        }
    return d->errors == before ? 0 : -1;
}

/* ---- the plan ---- */

void bench_exec_init(struct bench_exec *pl, const struct bench_spec *s)
{
    memset(pl, 0, sizeof(*pl));
    pl->wl = wl_find(s->workload);
    struct diag_list ignored;   /* bench_check_spec has reported everything */
    diag_list_init(&ignored);
    wl_configure(pl->wl, s, &pl->cfg, &ignored);
    diag_list_release(&ignored);
    size_t n = s->n_policies + 1;
    pl->types = xcalloc(n, sizeof(*pl->types));
    pl->knobs = xcalloc(n, sizeof(*pl->knobs));
    const char **ids = xcalloc(n, sizeof(*ids));
    size_t n_ids = bench_raced_policies(s, ids);
    for (size_t i = 0; i < n_ids; i++)
        pl->types[pl->n_policies++] = pol_find(ids[i]);
    free(ids);
    for (size_t i = 0; i < pl->n_policies; i++) {
        const struct pol_type *t = pl->types[i];
        pl->knobs[i] = xcalloc(t->n_knobs + 1, sizeof(double));
        for (size_t j = 0; j < t->n_knobs; j++) {
            char key[128];
            snprintf(key, sizeof(key), "%s.%s", t->name, t->knobs[j].name);
            pl->knobs[i][j] = bench_spec_param_or(s, key, t->knobs[j].def);
        }
    }
    pl->seeds = s->seeds;
    pl->master = s->seed;
    pl->n_cp = bench_checkpoints(s->horizon, &pl->cp);
    size_t slots = pl->n_policies * (size_t)pl->seeds;
    pl->raw_regret = xcalloc(slots * pl->n_cp, sizeof(double));
    pl->raw_reward = xcalloc(slots * pl->n_cp, sizeof(double));
    pl->raw_samples = xcalloc(slots, sizeof(double));
    pl->raw_error = xcalloc(slots, sizeof(double));
    pl->raw_seconds = xcalloc(slots, sizeof(double));
    pl->raw_budget = xcalloc(slots, sizeof(double));
    pl->finished = xcalloc(slots, 1);
}

void bench_exec_release(struct bench_exec *pl)
{
    for (size_t i = 0; i < pl->n_policies; i++)
        free(pl->knobs[i]);
    free(pl->knobs);
    free(pl->types);
    free(pl->cp);
    free(pl->raw_regret);
    free(pl->raw_reward);
    free(pl->raw_samples);
    free(pl->raw_error);
    free(pl->raw_seconds);
    free(pl->raw_budget);
    free(pl->finished);
    wl_config_release(&pl->cfg);
}

/* ---- threads ---- */

struct pool {
    struct bench_exec *plan;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next, done, total;
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of the calling thread: a per-core rate that other processes
 * on the machine do not inflate. */
static double thread_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void *worker(void *arg)
{
    struct pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t item = p->next < p->total ? p->next++ : p->total;
        pthread_mutex_unlock(&p->mu);
        if (item >= p->total || atomic_load(&p->plan->cancel))
            break;
        size_t pol = item % p->plan->n_policies, seed = item / p->plan->n_policies;
        double t0 = thread_seconds();
        bench_run_one(p->plan, pol, seed);
        p->plan->raw_seconds[pol * (size_t)p->plan->seeds + seed] = thread_seconds() - t0;
        pthread_mutex_lock(&p->mu);
        p->plan->finished[pol * (size_t)p->plan->seeds + seed] = 1;
        p->done++;
        pthread_cond_signal(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    pthread_mutex_lock(&p->mu);
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* The live partial curves of struct bench_progress, from the runs
 * finished so far (called with the pool's lock held, so their slots are
 * final). curve is n_policies x n_cp, seeds_done n_policies. */
static void partial_curves(const struct bench_exec *pl, double *curve, int *seeds_done)
{
    size_t seeds = (size_t)pl->seeds;
    for (size_t p = 0; p < pl->n_policies; p++) {
        double *row = curve + p * pl->n_cp;
        int n = 0;
        for (size_t c = 0; c < pl->n_cp; c++)
            row[c] = 0.0;
        for (size_t s = 0; s < seeds; s++) {
            if (!pl->finished[p * seeds + s])
                continue;
            const double *raw = pl->raw_regret + (p * seeds + s) * pl->n_cp;
            for (size_t c = 0; c < pl->n_cp; c++)
                row[c] += raw[c];
            n++;
        }
        for (size_t c = 0; c < pl->n_cp; c++)
            row[c] = n ? row[c] / n : NAN;
        seeds_done[p] = n;
    }
}

static void run_pool(struct bench_exec *pl, int threads, bench_progress_fn progress, void *ctx)
{
    struct pool p = {.plan = pl, .total = pl->n_policies * (size_t)pl->seeds};
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > p.total)
        threads = (int)p.total;
    pthread_t *tids = xcalloc((size_t)threads, sizeof(*tids));
    double *partial = progress ? xcalloc(pl->n_policies * pl->n_cp, sizeof(double)) : NULL;
    int *partial_n = progress ? xcalloc(pl->n_policies, sizeof(int)) : NULL;
    for (int i = 0; i < threads; i++)
        if (pthread_create(&tids[i], NULL, worker, &p) != 0)
            BUG("pthread_create failed");
    double start = now_seconds();
    long long rounds_total = pl->cfg.horizon * (long long)p.total;
    pthread_mutex_lock(&p.mu);
    while (p.done < p.total && !(atomic_load(&pl->cancel) && p.next >= p.total)) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&p.cv, &p.mu, &until);
        if (!progress)
            continue;
        partial_curves(pl, partial, partial_n);
        struct bench_progress pr = {p.done, p.total, atomic_load(&pl->rounds_done), rounds_total,
                                    now_seconds() - start, partial, partial_n, pl->n_policies,
                                    pl->n_cp};
        pthread_mutex_unlock(&p.mu);
        if (progress(&pr, ctx) != 0) {
            atomic_store(&pl->cancel, 1);
            pthread_mutex_lock(&p.mu);
            p.next = p.total;   /* no new runs */
            break;
        }
        pthread_mutex_lock(&p.mu);
    }
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < threads; i++)
        pthread_join(tids[i], NULL);
    free(tids);
    free(partial);
    free(partial_n);
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
}

/* ---- summary, in seed order ---- */

static void summarise(struct bench_results *r, const struct bench_exec *pl)
{
    size_t seeds = (size_t)pl->seeds;
    r->policies = xcalloc(pl->n_policies, sizeof(*r->policies));
    r->n_policies = pl->n_policies;
    for (size_t p = 0; p < pl->n_policies; p++) {
        struct bench_policy_result *o = &r->policies[p];
        o->type = pl->types[p];
        o->id = o->type->name;
        o->final_regret = xcalloc(seeds, sizeof(double));
        o->score = xcalloc(seeds, sizeof(double));
        o->samples = xcalloc(seeds, sizeof(double));
        o->curve = xcalloc(pl->n_cp, sizeof(*o->curve));
        o->reward_curve = xcalloc(pl->n_cp, sizeof(double));
        for (size_t c = 0; c < pl->n_cp; c++) {
            struct stats_run reg, rew;
            stats_run_init(&reg);
            stats_run_init(&rew);
            for (size_t s = 0; s < seeds; s++) {
                size_t slot = (p * seeds + s) * pl->n_cp + c;
                stats_run_add(&reg, pl->raw_regret[slot]);
                stats_run_add(&rew, pl->raw_reward[slot]);
            }
            o->curve[c] = stats_run_ci95(&reg);
            o->reward_curve[c] = rew.mean;
        }
        struct stats_run reg, smp, err, bud;
        stats_run_init(&reg);
        stats_run_init(&smp);
        stats_run_init(&err);
        stats_run_init(&bud);
        for (size_t s = 0; s < seeds; s++) {
            size_t slot = p * seeds + s;
            o->final_regret[s] = pl->raw_regret[slot * pl->n_cp + pl->n_cp - 1];
            o->samples[s] = pl->raw_samples[slot];
            stats_run_add(&reg, o->final_regret[s]);
            stats_run_add(&smp, o->samples[s]);
            stats_run_add(&err, pl->raw_error[slot]);
            stats_run_add(&bud, pl->raw_budget[slot]);
            o->score[s] = pl->cfg.type->goal == WL_GOAL_REGRET ? o->final_regret[s]
                          : pl->cfg.type->goal == WL_GOAL_FIXED_CONFIDENCE ? o->samples[s]
                                                                           : pl->raw_error[slot];
            o->seconds += pl->raw_seconds[slot];
            o->rounds += (long long)o->samples[s];
        }
        o->regret = stats_run_ci95(&reg);
        o->regret_sd = stats_run_sd(&reg);
        o->regret_q = stats_quantiles(o->final_regret, seeds);
        o->samples_ci = stats_run_ci95(&smp);
        o->error_rate = err.mean;
        o->budget_used = stats_run_ci95(&bud);
        o->rounds_per_second = o->seconds > 0 ? (double)o->rounds / o->seconds : NAN;
    }
    const char **ids = xcalloc(pl->n_policies, sizeof(*ids));
    const double **scores = xcalloc(pl->n_policies, sizeof(*scores));
    for (size_t p = 0; p < pl->n_policies; p++) {
        ids[p] = r->policies[p].id;
        scores[p] = r->policies[p].score;
    }
    const char *metric = r->goal == WL_GOAL_REGRET ? "final regret"
                         : r->goal == WL_GOAL_FIXED_CONFIDENCE ? "samples used"
                                                               : "error rate";
    bench_verdict_compute(&r->verdict, r->recommended, ids, scores, pl->n_policies, seeds, metric);
    free(ids);
    free(scores);
}

/* The fields of r that come from the spec and the plan, before any run. */
static void results_header(struct bench_results *r, const struct bench_spec *s,
                           const struct bench_exec *pl)
{
    r->workload = pl->wl;
    r->goal = pl->wl->goal;
    r->k = pl->cfg.k;
    r->horizon = pl->cfg.horizon;
    r->seeds = pl->seeds;
    r->seed = pl->master;
    r->recommended = s->recommended ? xstrdup(s->recommended) : NULL;
    r->n_checkpoints = pl->n_cp;
    r->checkpoints = xmalloc(pl->n_cp * sizeof(long long));
    memcpy(r->checkpoints, pl->cp, pl->n_cp * sizeof(long long));
    if (pl->wl->lower_bound && pl->wl->goal == WL_GOAL_REGRET)
        r->lower_bound_c = pl->wl->lower_bound(&pl->cfg);
    if (isfinite(r->lower_bound_c)) {
        /* C ln t says nothing where it exceeds the largest regret a run can
         * have by round t, t (max - min of the means): clipped there. */
        double lo = pl->cfg.means[0], hi = pl->cfg.means[0];
        for (int i = 1; i < pl->cfg.k; i++) {
            lo = fmin(lo, pl->cfg.means[i]);
            hi = fmax(hi, pl->cfg.means[i]);
        }
        r->lower_bound = xmalloc(pl->n_cp * sizeof(double));
        for (size_t c = 0; c < pl->n_cp; c++)
            r->lower_bound[c] = fmin(r->lower_bound_c * log((double)pl->cp[c]),
                                     (double)pl->cp[c] * (hi - lo));
    }
    r->budget = pl->cfg.budget;
    r->slate_size = pl->cfg.slate_size;
    r->dim = pl->cfg.dim;
}

int bench_run(const struct bench_spec *s, struct bench_results *r, bench_progress_fn progress,
              void *ctx)
{
    if (bench_check_spec(s, &r->diags) < 0)
        return -1;
    if (r->log && s->workload && wl_find(s->workload)->pull_slate) {
        diag_add(&r->diags, DIAG_ERROR, s->file, s->line_workload, s->col_workload,
                 "an interaction log needs a single-arm workload, not the list workload '%s'",
                 s->workload);
        return -1;
    }
    double start = now_seconds();
    struct bench_exec pl;
    bench_exec_init(&pl, s);
    results_header(r, s, &pl);
    run_pool(&pl, r->threads, progress, ctx);
    if (atomic_load(&pl.cancel)) {
        r->cancelled = true;
        bench_exec_release(&pl);
        return -1;
    }
    summarise(r, &pl);
    if (r->log)
        bench_run_logged(&pl, r->log);
    bench_exec_release(&pl);
    r->wall_seconds = now_seconds() - start;
    return 0;
}

/* ---- for benchmarks/sweep.c (runner_internal.h) ---- */

void bench_results_from_plan(struct bench_results *r, const struct bench_spec *s,
                             const struct bench_exec *pl)
{
    results_header(r, s, pl);
    summarise(r, pl);
}
