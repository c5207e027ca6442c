/*
 * runner_internal: the plan shared by runner.c (threads, summary) and
 * run.c (one simulated run). Not for use outside benchmarks/.
 * The plan is read-only during the runs except for the raw slots each
 * run owns (index (policy * seeds + seed)) and the two atomics.
 */
#ifndef BM_RUNNER_INTERNAL_H
#define BM_RUNNER_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

struct bench_exec {
    const struct wl_type *wl;
    struct wl_config cfg;
    const struct pol_type **types;   /* n_policies */
    double **knobs;                  /* n_policies arrays of resolved knob values */
    size_t n_policies;
    int seeds;
    uint64_t master;
    long long *cp;                   /* checkpoints */
    size_t n_cp;
    double *raw_regret;              /* [policy][seed][checkpoint] */
    double *raw_reward;              /* [policy][seed][checkpoint] */
    double *raw_samples;             /* [policy][seed]: rounds played */
    double *raw_error;               /* [policy][seed]: identification error 0/1 */
    double *raw_seconds;             /* [policy][seed] */
    atomic_int cancel;
    atomic_llong rounds_done;
    double *raw_budget;              /* [policy][seed]: budget consumed (budgets) */
    unsigned char *finished;         /* [policy][seed]: 1 once the run's slots are final
                                        (set under the pool's lock; live partial curves) */
};

/* Simulate policy p on seed s and fill their raw slots. */
void bench_run_one(struct bench_exec *pl, size_t p, size_t s);

/* One extra run of the first policy on seed 0 whose rounds are shown to
 * log->fn with the logging policy's propensities (see struct bench_log in
 * runner.h); it writes no raw slot. */
struct bench_log;
void bench_run_logged(struct bench_exec *pl, const struct bench_log *log);


/* For sweeps (benchmarks/sweep.h), which run a plan's units anywhere and
 * summarise once. bench_exec_init: the plan of a spec that passed
 * bench_check_spec(), with zeroed raw slots; release with
 * bench_exec_release(). bench_results_from_plan: fill r (fresh from
 * bench_results_init) from the plan's raw slots exactly as bench_run()
 * does; every slot must have been filled. */
struct bench_spec;
struct bench_results;
void bench_exec_init(struct bench_exec *pl, const struct bench_spec *s);
void bench_exec_release(struct bench_exec *pl);
void bench_results_from_plan(struct bench_results *r, const struct bench_spec *s,
                             const struct bench_exec *pl);

/* The per-seed key every stream of a run derives from. */
uint64_t bench_seed_key(uint64_t master, long long seed_index);

#endif
