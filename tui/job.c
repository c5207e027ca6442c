/*
 * job: bench_run() on a worker thread (see job.h).
 *
 * The runner reports progress but not partial curves, so when the spec has
 * more than PREVIEW_SEEDS seeds the worker first runs a preview with
 * PREVIEW_SEEDS seeds (the same master seed, so they are the first seeds
 * of the full run) and publishes its results; the TUI charts them while
 * the full run goes on. The final results are exactly those of
 * `banditmap bench` on the same spec.
 *
 * Sharing: `shared` is written by the worker and read by tui_job_poll(),
 * both under mu. Results structures are handed over under mu and never
 * touched by the worker again after that.
 */
#include "tui/job.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/spec.h"
#include "benchmarks/runner.h"
#include "taxonomy/xalloc.h"

enum { PREVIEW_SEEDS = 4 };

struct tui_job {
    struct spec *spec;                   /* owned */
    int threads;
    pthread_t thread;
    bool started, joined;
    atomic_int cancel;

    pthread_mutex_t mu;
    struct {                             /* under mu */
        enum tui_job_state state;
        struct tui_job_progress progress;
        bool preview_ready;
        bool finished;
    } shared;

    struct bench_results preview;        /* written by the worker until preview_ready */
    struct bench_results results;        /* written by the worker until finished */
    bool has_preview;                    /* main thread: preview may be read */

    enum tui_job_state state;            /* main thread snapshot */
    struct tui_job_progress progress;
    int stage_runs_before;               /* worker: runs of earlier stages */
    size_t runs_all;                     /* worker: runs of every stage */
    long long rounds_all, rounds_before;
    double elapsed_before;
};

static int on_progress(const struct bench_progress *p, void *ctx)
{
    struct tui_job *j = ctx;
    pthread_mutex_lock(&j->mu);
    j->shared.progress.runs_done = (size_t)j->stage_runs_before + p->runs_done;
    j->shared.progress.runs_total = j->runs_all;
    j->shared.progress.rounds_done = j->rounds_before + p->rounds_done;
    j->shared.progress.rounds_total = j->rounds_all;
    j->shared.progress.elapsed = j->elapsed_before + p->elapsed;
    pthread_mutex_unlock(&j->mu);
    return atomic_load(&j->cancel);
}

static void *worker(void *arg)
{
    struct tui_job *j = arg;
    size_t n_pol = j->spec->n_policies;
    long long horizon = j->spec->horizon;
    bool preview = j->spec->seeds > PREVIEW_SEEDS;
    int rc = 0;
    if (preview) {
        struct spec s = *j->spec;        /* a shallow view: bench_run only reads it */
        s.seeds = PREVIEW_SEEDS;
        j->preview.threads = j->threads;
        rc = bench_run(&s, &j->preview, on_progress, j);
        pthread_mutex_lock(&j->mu);
        j->stage_runs_before = (int)(n_pol * PREVIEW_SEEDS);
        j->rounds_before = (long long)j->stage_runs_before * horizon;
        j->elapsed_before = j->shared.progress.elapsed;
        j->shared.preview_ready = rc == 0;
        pthread_mutex_unlock(&j->mu);
    }
    if (rc == 0 && !atomic_load(&j->cancel)) {
        j->results.threads = j->threads;
        rc = bench_run(j->spec, &j->results, on_progress, j);
    } else if (rc != 0 && !j->preview.cancelled) {
        /* the preview refused the spec: report its diagnostics */
        diag_list_append(&j->results.diags, &j->preview.diags);
    }
    pthread_mutex_lock(&j->mu);
    if (atomic_load(&j->cancel))
        j->shared.state = TUI_JOB_CANCELLED;
    else
        j->shared.state = rc == 0 ? TUI_JOB_DONE : TUI_JOB_FAILED;
    j->shared.finished = true;
    pthread_mutex_unlock(&j->mu);
    return NULL;
}

struct tui_job *tui_job_start(struct spec *spec, int threads)
{
    struct tui_job *j = xcalloc(1, sizeof(*j));
    j->spec = spec;
    j->threads = threads < 1 ? 1 : threads;
    atomic_init(&j->cancel, 0);
    pthread_mutex_init(&j->mu, NULL);
    bench_results_init(&j->preview);
    bench_results_init(&j->results);
    j->state = j->shared.state = TUI_JOB_RUNNING;
    /* the totals cover the preview stage too, so the bar moves once */
    size_t seeds = spec->seeds > 0 ? (size_t)spec->seeds : 0;
    j->runs_all = spec->n_policies * (seeds + (seeds > PREVIEW_SEEDS ? PREVIEW_SEEDS : 0));
    j->rounds_all = (long long)j->runs_all * spec->horizon;
    j->shared.progress.runs_total = j->progress.runs_total = j->runs_all;
    j->shared.progress.rounds_total = j->progress.rounds_total = j->rounds_all;
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
                   j->state != j->shared.state || j->has_preview != j->shared.preview_ready;
    j->progress = j->shared.progress;
    j->has_preview = j->shared.preview_ready;
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

const struct spec *tui_job_spec(const struct tui_job *j)
{
    return j->spec;
}

const struct bench_results *tui_job_results(const struct tui_job *j)
{
    if (j->state == TUI_JOB_DONE || j->state == TUI_JOB_FAILED)
        return &j->results;
    return NULL;
}

const struct bench_results *tui_job_preview(const struct tui_job *j)
{
    return j->has_preview ? &j->preview : NULL;
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
    bench_results_release(&j->preview);
    bench_results_release(&j->results);
    pthread_mutex_destroy(&j->mu);
    spec_free(j->spec);
    free(j);
}
