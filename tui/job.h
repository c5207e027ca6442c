/*
 * job: one benchmark run on a worker thread, so the TUI stays responsive.
 *
 * tui_job_start() takes a spec and runs bench_run() (benchmarks/runner.h)
 * on a new thread. The runner's progress callback, on that thread, copies
 * the progress into the job under a mutex and returns the cancel flag, so
 * tui_job_cancel() stops the run within one chunk of rounds. The main
 * thread calls tui_job_poll() (the TUI does so at most every 100 ms) to
 * copy the shared progress into the snapshot the views read; nothing else
 * is shared. Results are read only once the state is DONE (the worker has
 * finished writing them and been joined).
 *
 * A job is a heap object: the caller frees it with tui_job_free(), which
 * cancels and joins a running worker first. All functions are called from
 * the main thread.
 */
#ifndef BM_TUI_JOB_H
#define BM_TUI_JOB_H

#include <stdbool.h>
#include <stddef.h>

struct spec;
struct bench_results;
struct tui_job;

enum tui_job_state {
    TUI_JOB_RUNNING,
    TUI_JOB_DONE,                /* results are ready */
    TUI_JOB_CANCELLED,           /* stopped by tui_job_cancel() */
    TUI_JOB_FAILED,              /* the spec was refused: tui_job_results()->diags says why */
};

struct tui_job_progress {
    size_t runs_done, runs_total;     /* (policy, seed) runs */
    long long rounds_done, rounds_total;
    double elapsed;                   /* seconds */
};

/* Start running spec on a worker thread using threads runner threads
 * (>= 1). Takes ownership of spec. Never NULL (a thread that cannot start
 * is reported as FAILED). */
struct tui_job *tui_job_start(struct spec *spec, int threads);

/* Copy the worker's progress and state into the snapshot; joins the
 * worker when it has finished. Returns true when something changed. */
bool tui_job_poll(struct tui_job *j);

enum tui_job_state tui_job_state(const struct tui_job *j);
const struct tui_job_progress *tui_job_progress(const struct tui_job *j);
const struct spec *tui_job_spec(const struct tui_job *j);
/* The results once DONE or FAILED (diags), else NULL. Owned by the job. */
const struct bench_results *tui_job_results(const struct tui_job *j);

/* The results of the quick preview run (the first few seeds) once it has
 * finished, else NULL; lets the TUI chart curves while the full run goes
 * on. Owned by the job. */
const struct bench_results *tui_job_preview(const struct tui_job *j);

/* Ask the worker to stop; the state becomes CANCELLED at the next poll
 * after it has. */
void tui_job_cancel(struct tui_job *j);
/* Block until the worker has finished, then poll. */
void tui_job_wait(struct tui_job *j);
/* Cancel, join, free. NULL is fine. */
void tui_job_free(struct tui_job *j);

#endif
