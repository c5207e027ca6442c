/*
 * cost: what a run will cost before it starts (see cost.h).
 */
#include "benchmarks/cost.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/policy.h"
#include "benchmarks/runner.h"
#include "benchmarks/workload.h"

/* ns per round of a policy at k_ref arms (and d_ref features for the
 * contextual ones), one seed on one core, workload included: 1e9 over the
 * slowest rounds/s benchmarks/README.md reports for it. A policy without a
 * row of its own takes the row of its kind (policy == NULL), which is the
 * kind's slowest measured member where the README has several. */
static const struct round_cost {
    const char *policy;          /* a policy id, or NULL: the default of its kind */
    unsigned kind;               /* POL_* kind flag; 0 = single-arm */
    double ns;                   /* ns per round at k_ref (and d_ref) */
    double k_ref, d_ref;
} round_costs[] = {
    /* "Speed: exact tricks only", K = 100: UCB1 7.5 M rounds/s; Bayes-UCB
     * 1.36 M (the CTR table); KL-UCB 0.32 M (Chapelle & Li Figure 1 table,
     * K = 100, eps 0.02: its slowest). TS: 1.7 M there (T = 10^6), but
     * while the posteriors are near the prior every arm draws: `bench
     * --arms 100000 --policy ts --horizon 500 --seeds 1` ran 537 rounds/s
     * (1.86 ms a round, the same per arm at K = 10^4), so TS, the
     * single-arm default and identification take that figure. */
    {"ucb1", 0, 133, 100, 0},
    {"klucb", 0, 3125, 100, 0},
    {"bayesucb", 0, 735, 100, 0},
    {NULL, 0, 1860, 100, 0},                         /* TS at the prior */
    {NULL, POL_IDENTIFICATION, 1860, 100, 0},        /* as TS */
    /* "Speed of the contextual ... policies", d = 10, K = 100 */
    {"linucb_hybrid", POL_CONTEXTUAL, 15385, 100, 10},   /* 0.065 M */
    {"lints", POL_CONTEXTUAL, 2381, 100, 10},            /* 0.42 M */
    {"logistic_ts", POL_CONTEXTUAL, 1786, 100, 10},      /* 0.56 M */
    {"glm_ucb", POL_CONTEXTUAL, 5000, 100, 10},          /* 0.20 M */
    {NULL, POL_CONTEXTUAL, 5263, 100, 10},               /* linucb 0.19 M */
    /* lists, K = 50, L = 4 */
    {"cascade_ucb1", POL_SLATE, 407, 50, 0},             /* 2.46 M */
    {"cascade_klucb", POL_SLATE, 7692, 50, 0},           /* 0.13 M */
    {NULL, POL_SLATE, 1613, 50, 0},                      /* topk_position_ts 0.62 M */
    /* pricing and budgets, K = 10 */
    {"price_ucb", POL_PRICING, 78, 10, 0},               /* 12.9 M */
    {"demand_ts", POL_PRICING, 137, 10, 0},              /* 7.3 M */
    {NULL, POL_PRICING, 294, 10, 0},                     /* price_ts 3.4 M */
    {"ucb_bwk", POL_BUDGET, 119, 10, 0},                 /* 8.4 M */
    {NULL, POL_BUDGET, 127, 10, 0},                      /* bwk_primal_dual 7.9 M */
};

/* A contextual workload's own draw (user, K x d features, K means) per
 * round: `uniform` on contextual_linear, K = 100, d = 10, 1.78 M rounds/s. */
static const double wl_context_ns = 562, wl_context_k = 100, wl_context_d = 10;
/* No round is cheaper than this (UCB1 at K = 10: 85 M rounds/s at best). */
static const double min_round_ns = 10;

static const unsigned pol_kinds = POL_IDENTIFICATION | POL_CONTEXTUAL | POL_SLATE |
                                  POL_PRICING | POL_BUDGET;

static double round_ns(const struct pol_type *t, double k, double d, bool context)
{
    unsigned kind = t ? t->flags & pol_kinds : 0;
    const struct round_cost *row = NULL;
    for (size_t i = 0; i < sizeof(round_costs) / sizeof(round_costs[0]) && !row; i++)
        if (round_costs[i].kind == kind && round_costs[i].policy &&
            !strcmp(round_costs[i].policy, t->name))
            row = &round_costs[i];
    for (size_t i = 0; i < sizeof(round_costs) / sizeof(round_costs[0]) && !row; i++)
        if (round_costs[i].kind == kind && !round_costs[i].policy)
            row = &round_costs[i];
    if (!row)
        row = &round_costs[3];   /* the single-arm default */
    double ns = row->ns * k / row->k_ref;
    if (row->d_ref > 0)
        ns *= (d / row->d_ref) * (d / row->d_ref);
    else if (context)
        ns += wl_context_ns * (k / wl_context_k) * (d / wl_context_d);
    return fmax(ns, min_round_ns);
}

double bench_estimate_seconds(const struct bench_spec *s)
{
    const struct wl_type *wl = s->workload ? wl_find(s->workload) : NULL;
    double k = (double)(s->arms > 0 ? s->arms : 1), d = 1;
    bool context = false;
    if (wl) {
        struct diag_list ignored;
        diag_list_init(&ignored);
        struct wl_config cfg;
        if (wl_configure(wl, s, &cfg, &ignored) == 0) {
            k = cfg.k > 0 ? cfg.k : k;
            d = cfg.dim > 1 ? cfg.dim : 1;
            context = cfg.dim > 0;
        }
        wl_config_release(&cfg);
        diag_list_release(&ignored);
    }
    const char **ids = xcalloc(s->n_policies + 1, sizeof(*ids));
    size_t n = bench_raced_policies(s, ids);
    double ns = 0;
    for (size_t i = 0; i < n; i++)
        ns += round_ns(pol_find(ids[i]), k, d, context);
    free(ids);
    return ns * 1e-9 * (double)s->horizon * (double)(s->seeds > 0 ? s->seeds : 1);
}
