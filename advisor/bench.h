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
 *    scales shrink with the horizon when it is scaled down. The issue-5
 *    workloads take: contextual -> dim = feature_dim (2 to 64), base = the
 *    logit of base_rate (logistic), churn_every = horizon / 100 (slow) or /
 *    1000 (fast catalogue churn); cascade, pbm -> best, gap, positions =
 *    slate_size; pricing -> inventory = budget_fraction x horizon;
 *    knapsack -> best, gap, budget_fraction. They take immediate feedback
 *    only, so no batch.
 *  - size: arms and horizon from the profile, scaled down to at most
 *    ADV_BENCH_MAX_ARMS and ADV_BENCH_MAX_HORIZON so a run takes seconds;
 *    the note says so. A one-arm profile is raised to 2 arms (the smallest
 *    race) and the note says that too.
 *  - policies: the harness policies of the ranked algorithms (best first, at
 *    most ADV_BENCH_MAX_RANKED of them), then the baselines uniform, ucb1
 *    and ts (best-arm identification: uniform, se, lucb, ttts; contextual:
 *    uniform, ts, lints; lists: uniform, cucb, cascade_ts; pricing: uniform,
 *    ucb1, ts, price_ts; knapsack: uniform, ucb1, ts, ucb_bwk), keeping only
 *    policies built for the workload's kind (single-arm policies also race
 *    as baselines on contextual, pricing and knapsack workloads; list
 *    workloads take list policies only).
 *  - recommended: the top pick's policy; when the top pick has none (e.g.
 *    contextual or slate methods the harness does not simulate yet), the
 *    best-ranked algorithm that has one, flagged as a substitute in the note.
 * Pure functions; thread-safe.
 */
#ifndef BM_ADV_BENCH_H
#define BM_ADV_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#include "advisor/profile.h"
#include "advisor/rules.h"
#include "taxonomy/taxonomy.h"

enum {
    ADV_BENCH_MAX_POLICIES = 16,
    ADV_BENCH_MAX_PARAMS = 8,
    ADV_BENCH_MAX_RANKED = 5,
    ADV_BENCH_MAX_ARMS = 100,
    ADV_BENCH_MAX_HORIZON = 200000,
    ADV_BENCH_SEEDS = 20,
};

struct adv_bench_param {
    const char *key;                        /* static */
    double value;
};

struct adv_bench {
    const char *workload;                   /* static: harness workload id */
    long long arms, horizon;                /* simulated size */
    int seeds;
    struct adv_bench_param params[ADV_BENCH_MAX_PARAMS];
    size_t n_params;
    const char *policies[ADV_BENCH_MAX_POLICIES];  /* static or taxonomy strings */
    size_t n_policies;
    const struct tax_algorithm *top;        /* the top pick, or NULL */
    const struct tax_algorithm *validated;  /* the algorithm `recommended` stands for, or NULL */
    const char *recommended;                /* its policy id, or NULL */
    bool substitute;                        /* validated is not the top pick */
    char *note;                             /* owned: substitution and scaling, or NULL */
};

/* Plan the benchmark for p given its ranking (best first). out is
 * overwritten; release with adv_bench_release(). */
void adv_bench_plan(const struct adv_profile *p, const struct adv_eval *ranked, size_t n_ranked,
                    struct adv_bench *out);
void adv_bench_release(struct adv_bench *b);

/* Is this harness policy a best-arm identification policy (se, lucb, ttts)? */
bool adv_bench_is_bai_policy(const char *policy_id);

struct adv_recommendation;
struct spec;

/* The plan of rec as a harness spec (advisor/spec.h), named after the
 * profile. The caller owns the result; free with spec_free(). */
struct spec *adv_bench_spec_for_profile(const struct tax *tax, const struct adv_profile *p,
                                        const struct adv_recommendation *rec);

#endif
