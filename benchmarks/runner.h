/*
 * runner: race the spec's policies on its workload, seeds x policies,
 * on worker threads, and summarise.
 *
 * Reproducibility: run (policy p, seed s) draws everything from streams
 * keyed by (spec->seed, s) (rng_stream; never a thread id), and results
 * are summarised in seed order after all runs finish, so every number
 * except the timings is byte-identical for any thread count. The n-th
 * pull of an arm pays the same under every policy of a seed (per-arm
 * reward streams), which pairs the runs for the verdict.
 *
 * Memory per run is O(k) plus the checkpoints (O(log T)), never O(T):
 * runs keep cumulative regret and reward at log-spaced checkpoints only.
 * Delayed and batched feedback add the plays in flight, O(L + dim) each
 * (the list and clicks, the context and played features); SW-UCB its
 * window.
 *
 * Feedback and replaced slots follow workload.h ("Arm replacement",
 * "Feedback") on every workload kind: the policy gets round->replaced in
 * the round of the change; a play in flight whose slot has been replaced
 * since is dropped; a reward later than the attribution window arrives
 * at the window's end as a non-conversion (raw 0). The delays are the
 * seed's stream 2, so a spec and seed give the same bytes at any thread
 * count.
 *
 * The engine never prints. Long runs report through the callback, from
 * the calling thread, about every 100 ms and when a run finishes; a
 * non-zero return cancels (workers stop within one chunk of rounds).
 * struct bench_results is plain data owned by the caller:
 * bench_results_init() before, bench_results_release() after.
 */
#ifndef BM_RUNNER_H
#define BM_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "benchmarks/policy.h"
#include "benchmarks/spec.h"
#include "benchmarks/stats.h"
#include "benchmarks/verdict.h"
#include "benchmarks/workload.h"

struct bench_progress {
    size_t runs_done, runs_total;
    long long rounds_done, rounds_total;
    double elapsed;              /* seconds since the start */
    /* Live partial curves (for the TUI): the mean cumulative regret of
     * each policy at each checkpoint over the seeds whose run has
     * finished so far, averaged in seed order. Computed by the engine
     * only when a progress callback is given; valid during the callback
     * only (copy what you keep). partial_seeds[p] == 0 means no run of
     * policy p has finished, and its row is NAN. Policies are in the
     * order of bench_results.policies, checkpoints as
     * bench_results.checkpoints (already set when the callback runs). */
    const double *partial_regret;   /* n_policies x n_checkpoints, row-major */
    const int *partial_seeds;       /* n_policies */
    size_t n_policies, n_checkpoints;
};

typedef int (*bench_progress_fn)(const struct bench_progress *p, void *ctx);

/* A simulated interaction log, for off-policy evaluation against known
 * truth: when bench_results.log is set, bench_run makes one extra run of
 * the first raced policy on seed 0 (after the others; it changes no
 * result) in which, each round, the policy's arm is kept with
 * probability 1 - epsilon and replaced by a uniformly random arm
 * otherwise (bench_log_explore), with immediate feedback. fn sees every
 * round with the exact propensity of the arm played (1/k throughout when
 * the policy is `uniform`). Single-arm workloads only (not slates). */
struct bench_log_round {
    long long t;                 /* 1-based round */
    int k;                       /* arms */
    int arm;                     /* the arm played */
    double propensity;           /* its probability under the logging policy, in (0, 1] */
    double reward;               /* normalised reward (what the policy saw) */
    double raw;                  /* reward in workload units */
    const double *context;       /* dim context values of the round, or NULL */
    int dim;
};
typedef void (*bench_log_fn)(const struct bench_log_round *r, void *ctx);
struct bench_log {
    bench_log_fn fn;
    void *ctx;
    double epsilon;              /* in [0, 1] */
};

struct bench_policy_result {
    const struct pol_type *type;
    const char *id;              /* type->name */
    double *final_regret;        /* seeds values, in seed order */
    double *score;               /* seeds values the verdict compares (lower is better):
                                    final regret, samples used (fixed confidence) or
                                    error 0/1 (fixed budget) */
    double *samples;             /* seeds values: rounds played */
    struct stats_ci regret;      /* mean final regret with its 95% CI */
    double regret_sd;
    struct stats_summary regret_q;  /* median and quartiles of final regret */
    struct stats_ci *curve;      /* n_checkpoints: cumulative regret, mean and CI */
    double *reward_curve;        /* n_checkpoints: mean cumulative reward */
    double error_rate;           /* identification: share of wrong recommendations */
    struct stats_ci samples_ci;  /* identification: rounds used */
    long long rounds;            /* rounds simulated, all seeds */
    double seconds;              /* CPU time of the runs, summed over seeds */
    double rounds_per_second;    /* rounds / seconds: per core, whatever the load */
    struct stats_ci budget_used; /* budgets: budget consumed per run, mean and CI */
};

struct bench_results {
    /* in: set before bench_run (bench_results_init gives the defaults) */
    int threads;                 /* worker threads, >= 1 (default 1) */
    /* out */
    struct diag_list diags;      /* why bench_run failed */
    bool cancelled;
    const struct wl_type *workload;
    enum wl_goal goal;
    int k;
    long long horizon;
    int seeds;
    uint64_t seed;
    long long *checkpoints;      /* n_checkpoints rounds, increasing, last = horizon */
    size_t n_checkpoints;
    double lower_bound_c;        /* Lai-Robbins constant, NAN if none */
    double *lower_bound;         /* n_checkpoints: C ln t clipped at t (max - min of the
                                    means), the most a run can lose; NULL when C is NAN */
    struct bench_policy_result *policies;
    size_t n_policies;
    char *recommended;           /* owned; NULL if the spec has none */
    struct bench_verdict verdict;
    double wall_seconds;
    const struct bench_log *log; /* in: the optional logged run (NULL = none); not owned */
    double budget;               /* out: the workload's budget, 0 = none */
    int slate_size;              /* out: positions of a list, 0 = one arm */
    int dim;                     /* out: context dimension, 0 = none */
};

/* bench_results_init: defaults; bench_results_release frees the outputs
 * and keeps the inputs (threads, log). */
void bench_results_init(struct bench_results *r);
void bench_results_release(struct bench_results *r);

/* Check a spec without running it: workload and policy ids, params and
 * knobs, sizes. Diagnostics carry the spec's file:line:col where known.
 * 0 if it can run. */
int bench_check_spec(const struct bench_spec *spec, struct diag_list *diags);

/* Run the spec. 0 on success with results filled; -1 on an invalid spec
 * (results->diags says why) or when the callback cancelled
 * (results->cancelled). progress may be NULL. */
int bench_run(const struct bench_spec *spec, struct bench_results *results,
              bench_progress_fn progress, void *ctx);

/* The policies a run of s races, in this order: the spec's policies, then
 * its recommended one if it is not among them (results->policies and the
 * progress curves follow it). ids needs room for s->n_policies + 1 entries;
 * they point into s. Returns the count. */
size_t bench_raced_policies(const struct bench_spec *s, const char **ids);

/* Log-spaced checkpoints, ten per decade (1, 2, 3, 4, 5, 6, 8, 10, 13, ...),
 * ending at horizon. Returns the count; *out is a fresh array the caller
 * frees. */
size_t bench_checkpoints(long long horizon, long long **out);

#endif
