/*
 * bench: the benchmark that would validate a recommendation.
 *
 * Maps a profile to a harness workload and a race of policies:
 *  - workload (first rule that applies): objective identify_best ->
 *    bai_fixed_budget when the horizon is given, else bai_fixed_confidence;
 *    action_structure continuous -> pricing (with `inventory` when the
 *    constraint is inventory); resource_constraint budget or inventory ->
 *    knapsack; a slate with cascade clicks -> cascade, with position-based
 *    clicks -> pbm; context user, item or both -> contextual_linear (linear
 *    reward model or bounded real rewards) or contextual_logistic;
 *    dynamics abrupt_changes or an adversarial reward process -> piecewise;
 *    slow_drift or seasonal -> drift; delayed rewards -> delayed;
 *    heavy-tailed rewards -> revenue; bounded real -> bounded; otherwise
 *    bernoulli.
 *  - params (the harness's names, `banditmap bench --list-workloads`):
 *    best = base_rate x (1 + expected_lift) (at most 0.99), gap = best -
 *    base_rate; change_every (piecewise) or period (drift), about a week but
 *    3 to 10 segments per run; delay_mean in decisions (delayed: the median
 *    delay, 72 hours when indefinite); delta = 0.05 (fixed confidence); batch
 *    = decisions per update for hourly or daily updates (any workload). Time
 *    scales shrink with the horizon when it is scaled down. The structured
 *    workloads take: contextual -> dim = feature_dim (2 to 64), base = the
 *    logit of base_rate (logistic), churn_every = horizon / 100 (slow) or /
 *    1000 (fast catalogue churn); cascade, pbm -> best, gap, positions =
 *    slate_size; pricing -> inventory = budget_fraction x horizon;
 *    knapsack -> best, gap, budget_fraction. They take immediate feedback
 *    only, so no batch.
 *  - size: arms and horizon from the profile, scaled down to at most
 *    BENCH_PLAN_MAX_ARMS and BENCH_PLAN_MAX_HORIZON so a run takes seconds;
 *    the note says so. A one-arm profile is raised to 2 arms (the smallest
 *    race) and the note says that too.
 *  - policies: the harness policies of the ranked algorithms (best first, at
 *    most BENCH_PLAN_MAX_RANKED of them), keeping only policies built for
 *    the workload's kind (policy.h: the kind flags; single-arm policies also
 *    race on contextual, pricing and knapsack workloads; list workloads
 *    take list policies only). Then the baselines: every policy whose
 *    descriptor's baseline_on names the workload's kind, by tier (floor,
 *    classic, specialist) and registry order within a tier. Today that is
 *    uniform, ucb1, ts for single-arm workloads; uniform, se, lucb, ttts for
 *    best-arm identification; uniform, ts, lints (contextual); uniform,
 *    cucb, cascade_ts (lists); uniform, ucb1, ts, price_ts (pricing) and
 *    uniform, ucb1, ts, ucb_bwk (knapsack).
 *  - recommended: the top pick's policy; when the top pick has none (e.g.
 *    contextual or slate methods the harness does not simulate yet), the
 *    best-ranked algorithm that has one, flagged as a substitute in the note.
 * Pure functions; thread-safe.
 */
#ifndef BM_BENCH_PLAN_H
#define BM_BENCH_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "advisor/profile.h"
#include "advisor/recommend.h"
#include "advisor/rules.h"
#include "benchmarks/spec.h"
#include "taxonomy/taxonomy.h"

enum {
    BENCH_PLAN_MAX_POLICIES = 16,
    BENCH_PLAN_MAX_PARAMS = 8,
    BENCH_PLAN_MAX_RANKED = 5,
    BENCH_PLAN_MAX_ARMS = 100,
    BENCH_PLAN_MAX_HORIZON = 200000,
    BENCH_PLAN_SEEDS = 20,
};

struct bench_plan_param {
    const char *key;                        /* static */
    double value;
};

struct bench_plan {
    const char *workload;                   /* static: harness workload id */
    long long arms, horizon;                /* simulated size */
    int seeds;
    struct bench_plan_param params[BENCH_PLAN_MAX_PARAMS];
    size_t n_params;
    const char *policies[BENCH_PLAN_MAX_POLICIES];  /* static or taxonomy strings */
    size_t n_policies;
    const struct tax_algorithm *top;        /* the top pick, or NULL */
    const struct tax_algorithm *validated;  /* the algorithm `recommended` stands for, or NULL */
    const char *recommended;                /* its policy id, or NULL */
    bool substitute;                        /* validated is not the top pick */
    char *note;                             /* owned: substitution and scaling, or NULL */
};

/* Plan the benchmark that would validate rec (its profile and ranking,
 * best first). out is overwritten; release with bench_plan_release(). It
 * points into rec's taxonomy, which must outlive it. */
void bench_plan_make(const struct adv_recommendation *rec, struct bench_plan *out);
void bench_plan_release(struct bench_plan *b);

/* Is policy_id a harness policy whose descriptor has POL_IDENTIFICATION
 * (best-arm identification: se, lucb, ttts)? False for unknown ids. */
bool bench_plan_is_bai_policy(const char *policy_id);

/* The plan b as a harness spec (benchmarks/spec.h), named after the
 * profile p it was planned for. The caller owns the result; free with
 * bench_spec_free(). */
struct bench_spec *bench_plan_spec(const struct bench_plan *b, const struct adv_profile *p);

#endif
