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

struct bench_plan {
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
};

/* Simulate policy p on seed s and fill their raw slots. */
void bench_run_one(struct bench_plan *pl, size_t p, size_t s);

/* The raced policy with this id, or NULL. */
const struct pol_type *pol_find_in(const struct bench_plan *pl, const char *id);

/* The per-seed key every stream of a run derives from. */
uint64_t bench_seed_key(uint64_t master, long long seed_index);

#endif
