/*
 * job: bench_run() on a worker thread (see job.h).
 *
 * One run, no preview stage: the runner's progress reports carry the mean
 * regret curves of the seeds finished so far, which the TUI charts while
 * the run goes on. The final results are exactly those of
 * `banditmap bench` on the same spec.
 *
 * Sharing: `shared` (and the buffers it names) is written by the worker
 * in on_progress() and read by tui_job_poll(), both under mu. The results
 * structure is written by the worker only and read by the main thread
 * only after the worker has finished (state DONE or FAILED, joined).
 * The live buffers are allocated in tui_job_start() before the worker
 * starts and freed after it is joined; on_progress() only copies into
 * them (no allocation per report).
 */
#include "tui/job.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/runner.h"
#include "benchmarks/spec.h"

/* One copy of the live curves: n_pol x n_cp regret, n_pol seed counts. */
struct live_buf {
    double *regret;
    int *seeds;
    unsigned long gen;                   /* bumped on every copy; 0 = never */
};

struct tui_job {
    struct bench_spec *spec;                   /* owned */
    int threads;
    pthread_t thread;
    bool started, joined;
    atomic_int cancel;

    /* fixed at start: the shape of the live curves */
    size_t n_pol, n_cp;
    const char **ids;                    /* n_pol, pointing into spec */
    long long *checkpoints;              /* n_cp */

    pthread_mutex_t mu;
    struct {                             /* under mu */
        enum tui_job_state state;
        struct tui_job_progress progress;
        struct live_buf live;
        bool finished;
    } shared;

    struct bench_results results;        /* written by the worker until finished */

    enum tui_job_state state;            /* main thread snapshot */
    struct tui_job_progress progress;
    struct live_buf live;
    struct tui_job_live live_view;       /* points into live and the fixed shape */
    bool has_live;                       /* live holds at least one copy */
};

static int on_progress(const struct bench_progress *p, void *ctx)
{
    struct tui_job *j = ctx;
    bool shaped = p->partial_regret && p->partial_seeds && p->n_policies == j->n_pol &&
                  p->n_checkpoints == j->n_cp && j->n_pol && j->n_cp;
    bool any = false;
    for (size_t i = 0; shaped && i < j->n_pol && !any; i++)
        any = p->partial_seeds[i] > 0;
    pthread_mutex_lock(&j->mu);
    j->shared.progress.runs_done = p->runs_done;
    j->shared.progress.runs_total = p->runs_total;
    j->shared.progress.rounds_done = p->rounds_done;
    j->shared.progress.rounds_total = p->rounds_total;
    j->shared.progress.elapsed = p->elapsed;
    if (any) {
        memcpy(j->shared.live.regret, p->partial_regret, j->n_pol * j->n_cp * sizeof(double));
        memcpy(j->shared.live.seeds, p->partial_seeds, j->n_pol * sizeof(int));
        j->shared.live.gen++;
    }
    pthread_mutex_unlock(&j->mu);
    return atomic_load(&j->cancel);
}

static void *worker(void *arg)
{
    struct tui_job *j = arg;
    j->results.threads = j->threads;
    int rc = bench_run(j->spec, &j->results, on_progress, j);
    pthread_mutex_lock(&j->mu);
    if (atomic_load(&j->cancel))
        j->shared.state = TUI_JOB_CANCELLED;
    else
        j->shared.state = rc == 0 ? TUI_JOB_DONE : TUI_JOB_FAILED;
    j->shared.finished = true;
    pthread_mutex_unlock(&j->mu);
    return NULL;
}

/* The shape of bench_progress.partial_regret for spec: the runner's raced
 * policies (bench_raced_policies) x its checkpoints (bench_checkpoints). */
static void live_shape(struct tui_job *j)
{
    const struct bench_spec *s = j->spec;
    j->ids = xcalloc(s->n_policies + 1, sizeof(*j->ids));
    j->n_pol = bench_raced_policies(s, j->ids);
    j->n_cp = s->horizon >= 1 ? bench_checkpoints(s->horizon, &j->checkpoints) : 0;
    size_t cells = j->n_pol * j->n_cp;
    j->shared.live.regret = xcalloc(cells ? cells : 1, sizeof(double));
    j->shared.live.seeds = xcalloc(j->n_pol ? j->n_pol : 1, sizeof(int));
    j->live.regret = xcalloc(cells ? cells : 1, sizeof(double));
    j->live.seeds = xcalloc(j->n_pol ? j->n_pol : 1, sizeof(int));
    j->live_view = (struct tui_job_live){
        .n_policies = j->n_pol, .n_checkpoints = j->n_cp, .ids = j->ids,
        .checkpoints = j->checkpoints, .regret = j->live.regret, .seeds = j->live.seeds,
        .seeds_total = s->seeds > 0 ? s->seeds : 0,
    };
}

struct tui_job *tui_job_start(struct bench_spec *spec, int threads)
{
    struct tui_job *j = xcalloc(1, sizeof(*j));
    j->spec = spec;
    j->threads = threads < 1 ? 1 : threads;
    atomic_init(&j->cancel, 0);
    pthread_mutex_init(&j->mu, NULL);
    bench_results_init(&j->results);
    live_shape(j);
    j->state = j->shared.state = TUI_JOB_RUNNING;
    size_t seeds = spec->seeds > 0 ? (size_t)spec->seeds : 0;
    j->progress.runs_total = j->n_pol * seeds;
    j->progress.rounds_total = (long long)j->progress.runs_total * spec->horizon;
    j->shared.progress = j->progress;
    if (pthread_create(&j->thread, NULL, worker, j) != 0) {
        diag_add(&j->results.diags, DIAG_ERROR, NULL, 0, 0, "cannot start a worker thread");
        j->state = j->shared.state = TUI_JOB_FAILED;
        j->shared.finished = true;
        j->joined = true;
        return j;
    }
    j->started = true;
    return j;
}

bool tui_job_poll(struct tui_job *j)
{
    pthread_mutex_lock(&j->mu);
    bool changed = memcmp(&j->progress, &j->shared.progress, sizeof(j->progress)) != 0 ||
                   j->state != j->shared.state || j->live.gen != j->shared.live.gen;
    j->progress = j->shared.progress;
    if (j->live.gen != j->shared.live.gen) {
        memcpy(j->live.regret, j->shared.live.regret, j->n_pol * j->n_cp * sizeof(double));
        memcpy(j->live.seeds, j->shared.live.seeds, j->n_pol * sizeof(int));
        j->live.gen = j->shared.live.gen;
        j->has_live = true;
    }
    bool finished = j->shared.finished;
    enum tui_job_state st = j->shared.state;
    pthread_mutex_unlock(&j->mu);
    if (finished && j->started && !j->joined) {
        pthread_join(j->thread, NULL);
        j->joined = true;
    }
    j->state = st;
    return changed;
}

enum tui_job_state tui_job_state(const struct tui_job *j)
{
    return j->state;
}

const struct tui_job_progress *tui_job_progress(const struct tui_job *j)
{
    return &j->progress;
}

const struct bench_spec *tui_job_spec(const struct tui_job *j)
{
    return j->spec;
}

const struct bench_results *tui_job_results(const struct tui_job *j)
{
    if (j->state == TUI_JOB_DONE || j->state == TUI_JOB_FAILED)
        return &j->results;
    return NULL;
}

const struct tui_job_live *tui_job_live(const struct tui_job *j)
{
    return j->has_live ? &j->live_view : NULL;
}

void tui_job_cancel(struct tui_job *j)
{
    atomic_store(&j->cancel, 1);
}

void tui_job_wait(struct tui_job *j)
{
    if (j->started && !j->joined) {
        pthread_join(j->thread, NULL);
        j->joined = true;
    }
    tui_job_poll(j);
}

void tui_job_free(struct tui_job *j)
{
    if (!j)
        return;
    tui_job_cancel(j);
    tui_job_wait(j);
    bench_results_release(&j->results);
    free(j->shared.live.regret);
    free(j->shared.live.seeds);
    free(j->live.regret);
    free(j->live.seeds);
    free(j->checkpoints);
    free(j->ids);
    pthread_mutex_destroy(&j->mu);
    bench_spec_free(j->spec);
    free(j);
}
