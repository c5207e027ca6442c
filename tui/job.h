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
 * Live curves: the runner's progress carries the mean cumulative regret
 * of each policy over the seeds finished so far (bench_progress
 * .partial_regret). The callback copies it into a buffer of the job, and
 * tui_job_poll() into the snapshot tui_job_live() returns. Both buffers
 * are sized once, in tui_job_start(), from the spec (its policies, plus
 * the recommended one when it is not raced, and bench_checkpoints() of its
 * horizon: the runner's own rule); the callback never allocates. Progress
 * of another shape (which would be a runner change) is not copied, and
 * the live curves then stay empty.
 *
 * A job is a heap object: the caller frees it with tui_job_free(), which
 * cancels and joins a running worker first. All functions are called from
 * the main thread.
 */
#ifndef BM_TUI_JOB_H
#define BM_TUI_JOB_H

#include <stdbool.h>
#include <stddef.h>

struct bench_spec;
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
struct tui_job *tui_job_start(struct bench_spec *spec, int threads);

/* Copy the worker's progress and state into the snapshot; joins the
 * worker when it has finished. Returns true when something changed. */
bool tui_job_poll(struct tui_job *j);

enum tui_job_state tui_job_state(const struct tui_job *j);
const struct tui_job_progress *tui_job_progress(const struct tui_job *j);
const struct bench_spec *tui_job_spec(const struct tui_job *j);
/* The results once DONE or FAILED (diags), else NULL. Owned by the job. */
const struct bench_results *tui_job_results(const struct tui_job *j);

/* The live curves as of the last poll: policy p's mean cumulative regret
 * at checkpoint c is regret[p * n_checkpoints + c], over seeds[p] of
 * seeds_total seeds (finished runs; the row is NAN while seeds[p] is 0).
 * Policies are in the order of bench_results.policies, checkpoints as
 * bench_results.checkpoints. Owned by the job; valid until the next poll. */
struct tui_job_live {
    size_t n_policies, n_checkpoints;
    const char *const *ids;           /* n_policies policy ids */
    const long long *checkpoints;     /* n_checkpoints rounds, last = horizon */
    const double *regret;             /* n_policies x n_checkpoints, row-major */
    const int *seeds;                 /* n_policies */
    int seeds_total;
};

/* The live curves once a progress report with at least one finished run
 * has been polled, else NULL. Still set after the job ends (cancelled:
 * the curves of the seeds that finished); the final results are
 * tui_job_results(). */
const struct tui_job_live *tui_job_live(const struct tui_job *j);

/* Ask the worker to stop; the state becomes CANCELLED at the next poll
 * after it has. */
void tui_job_cancel(struct tui_job *j);
/* Block until the worker has finished, then poll. */
void tui_job_wait(struct tui_job *j);
/* Cancel, join, free. NULL is fine. */
void tui_job_free(struct tui_job *j);

#endif
