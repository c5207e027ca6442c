/*
 * budget_common: the per-arm costs shared by the budgeted workloads
 * (knapsack.c, and contextual.c with `budget_fraction`). Internal to
 * workloads/ and their tests.
 *
 * Per-seed streams of a run (rng_stream(key, n)): 0 the policy, 1 the arm
 * order (wl_shuffle), 2 the delays, 3 the users (pbm: the examinations),
 * 4 the churn, 5 the exploring logger, WL_COST_STREAM the cost means,
 * WL_LP_STREAM the contexts sampled for the contextual LP benchmark,
 * 1024 + i arm i's rewards and 1024 + k + i its realised costs. The costs having their own
 * stream keeps them independent of the arm order.
 */
#ifndef BM_WL_BUDGET_COMMON_H
#define BM_WL_BUDGET_COMMON_H

#include "benchmarks/workload.h"

enum {
    WL_COST_STREAM = 6,
    WL_LP_STREAM = 7,
};

/* Fill cost[0..k) with c_i ~ U[cost_min, 1], drawn in arm order from the
 * seed's WL_COST_STREAM: the same costs whatever the arm order or the
 * workload's other draws. */
void wl_knap_draw_costs(double *cost, int k, double cost_min, const struct wl_seed *seed);

#endif
