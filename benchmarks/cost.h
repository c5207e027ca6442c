/*
 * cost: the estimated CPU time of a bench run before it starts, so that a
 * command can refuse a run of days and say what a long one will take.
 * Pure functions over const data; thread-safe.
 */
#ifndef BM_BENCH_COST_H
#define BM_BENCH_COST_H

#include "benchmarks/spec.h"

/* The run's cost before it starts: the estimated CPU seconds of
 * bench_run(s) on one core, summed over its raced policies of
 * seeds x horizon x the cost of a round. A round's cost comes from the
 * table round_costs in cost.c: a measured ns/round per policy (or per
 * kind of policy) at a reference K, from the `make bench` tables of
 * benchmarks/README.md, scaled by K (every policy is counted as O(K)
 * per round), by (d / d_ref)^2 for the contextual policies (O(K d^2)),
 * plus the contextual workload's own O(K d) draw for the others.
 * Identification runs that stop early cost less. s should pass
 * bench_check_spec(); an unknown workload or policy counts as the
 * single-arm default. */
double bench_estimate_seconds(const struct bench_spec *s);

#endif
