/*
 * bench: the benchmark that would validate a recommendation.
 *
 * Maps a profile to a harness workload, its params and a race of policies,
 * composing every answered trait onto one workload:
 *  - the primary workload (first rule that applies): objective
 *    identify_best -> bai_fixed_budget when the horizon is given, else
 *    bai_fixed_confidence; action_structure continuous -> pricing; a slate
 *    with cascade clicks -> cascade, with position-based clicks -> pbm;
 *    context user, item or both -> contextual_linear (linear reward model
 *    or bounded real rewards) or contextual_logistic; resource_constraint
 *    budget or inventory -> knapsack; dynamics abrupt_changes or an
 *    adversarial reward process -> piecewise; slow_drift or seasonal ->
 *    drift; delayed rewards -> delayed; heavy-tailed rewards -> revenue;
 *    bounded real -> bounded; otherwise bernoulli.
 *  - the traits, each carried by params (the harness's names, `banditmap
 *    bench --list-workloads`) or recorded with why not: reward type;
 *    context -> dim = feature_dim (2 to 64), base = the logit of base_rate
 *    (logistic); actions -> positions = slate_size (lists), the price grid
 *    (pricing); constraints -> budget_fraction (knapsack and contextual:
 *    a contextual workload with a budget), inventory = budget_fraction x
 *    horizon (pricing); dynamics -> change_every (abrupt changes) or
 *    period with amplitude 0.5 (drift, the drift workload's default, on
 *    every workload that takes them), about a week but 3 to 10 segments
 *    per run; churn -> churn_every = horizon / 100 (slow) or / 1000
 *    (fast); feedback ->
 *    delay_mean = the median delay in decisions (delay_hours, 72 hours
 *    when indefinite) / ln 2, the mean of a geometric delay with that
 *    median, window = the advisor's attribution window delay_hours x
 *    log2(20) (bounded delays with delay_hours), batch = decisions per
 *    update for hourly or daily updates (delay_mean and batch at most a
 *    tenth of the horizon); delta = 0.05 (fixed confidence);
 *    best = base_rate x (1 + expected_lift) (at most 0.99), gap = best -
 *    base_rate. A trait's params are kept only when the workload's own
 *    wl_configure() accepts them with the rest, so what composes is
 *    decided by the harness, and a refusal's message is the reason the
 *    plan gives (struct bench_plan_trait).
 *  - size: arms from the profile, at most BENCH_PLAN_MAX_ARMS; a one-arm
 *    profile is raised to 2 (the smallest race) and the note says so.
 *  - horizon: the profile's own when the run fits BENCH_PLAN_BUDGET_SECONDS
 *    on BENCH_PLAN_CORES at the measured speed of the workload's kind
 *    (bench_plan_rate(): the `make bench` figures of benchmarks/README.md)
 *    times policies x seeds; otherwise the largest horizon that fits (two
 *    significant digits, at least BENCH_PLAN_MIN_HORIZON), with the gaps
 *    scaled by g = sqrt(T / T_sim) so that gap sqrt(T / K), and with it the
 *    minimax regret sqrt(K T), stays as hard (Lattimore & Szepesvari 2020,
 *    Bandit Algorithms, ch. 15): best = base_rate + g gap; on
 *    contextual_linear the noise / g (the same signal to noise), on
 *    contextual_logistic the logit-scale spread and scale x g. Time scales
 *    (delays, batches, windows, change points, churn) are x T_sim / T.
 *  - policies: the harness policies of the ranked algorithms (best first, at
 *    most BENCH_PLAN_MAX_RANKED of them) whose kind the workload races
 *    (bench_plan_raced_kinds(): its own kind, budget policies when it has a
 *    budget, single-arm policies on the contextual, pricing and knapsack
 *    kinds). Then the baselines (bench_plan_default_policies()): every
 *    policy whose descriptor's baseline_on names one of those kinds, by
 *    tier (floor, classic, specialist) and registry order within a tier.
 *  - recommended: the top pick's policy; when the top pick has none (e.g.
 *    contextual or slate methods the harness does not simulate yet), the
 *    best-ranked algorithm that has one, flagged as a substitute in the note.
 * The note lists the traits carried and not carried, and the horizon rule's
 * outcome. Pure functions; thread-safe.
 */
#ifndef BM_BENCH_PLAN_H
#define BM_BENCH_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "advisor/profile.h"
#include "advisor/recommend.h"
#include "advisor/rules.h"
#include "benchmarks/spec.h"
#include "benchmarks/workload.h"
#include "taxonomy/taxonomy.h"

enum {
    BENCH_PLAN_MAX_POLICIES = 16,
    BENCH_PLAN_MAX_PARAMS = 16,
    BENCH_PLAN_MAX_RANKED = 5,
    BENCH_PLAN_MAX_ARMS = 100,
    BENCH_PLAN_MAX_HORIZON = 1000000000,  /* the profile's horizon is read up to this */
    BENCH_PLAN_MIN_HORIZON = 10000,       /* a scaled horizon is at least this */
    BENCH_PLAN_SEEDS = 20,
    BENCH_PLAN_BUDGET_SECONDS = 120,      /* the run's wall-time budget ... */
    BENCH_PLAN_CORES = 2,                 /* ... on this many cores */
    BENCH_PLAN_MAX_TRAITS = 16,
};

struct bench_plan_param {
    const char *key;                        /* static */
    double value;
};

/* One answered trait of the profile and what the plan made of it. */
struct bench_plan_trait {
    const char *trait;                      /* static: "context", "delays", "constraints", ... */
    bool carried;                           /* the spec simulates it */
    char *text;                             /* owned: how it is simulated, or why it is not */
};

struct bench_plan {
    const char *workload;                   /* static: harness workload id */
    long long arms, horizon;                /* simulated size */
    long long profile_horizon;              /* the profile's own horizon */
    bool scaled;                            /* horizon < profile_horizon (the horizon rule) */
    double rate;                            /* rounds/s per core assumed (bench_plan_rate) */
    double est_seconds;                     /* the run at profile_horizon, on BENCH_PLAN_CORES */
    double gap_factor;                      /* sqrt(profile_horizon / horizon), 1 if not scaled */
    double time_factor;                     /* horizon / profile_horizon */
    double base_rate, gap;                  /* the simulated base rate and gap (scaled) */
    bool budgeted;                          /* budget-aware policies race */
    int seeds;
    struct bench_plan_param params[BENCH_PLAN_MAX_PARAMS];
    size_t n_params;
    const char *policies[BENCH_PLAN_MAX_POLICIES];  /* static or taxonomy strings */
    size_t n_policies;
    const struct tax_algorithm *top;        /* the top pick, or NULL */
    const struct tax_algorithm *validated;  /* the algorithm `recommended` stands for, or NULL */
    const char *recommended;                /* its policy id, or NULL */
    bool substitute;                        /* validated is not the top pick */
    struct bench_plan_trait traits[BENCH_PLAN_MAX_TRAITS];
    size_t n_traits;
    char *note;                             /* owned: substitution, horizon, traits; or NULL */
};

/* Plan the benchmark that would validate rec (its profile and ranking,
 * best first). out is overwritten; release with bench_plan_release(). It
 * points into rec's taxonomy, which must outlive it. */
void bench_plan_make(const struct adv_recommendation *rec, struct bench_plan *out);
void bench_plan_release(struct bench_plan *b);

/* Is policy_id a harness policy whose descriptor has POL_IDENTIFICATION
 * (best-arm identification: se, lucb, ttts)? False for unknown ids. */
bool bench_plan_is_bai_policy(const char *policy_id);

/* The workload kinds whose policies race on workload t (enum wl_kind
 * bits): its own, POL_BUDGET's when budgeted (it has a budget), and the
 * single-arm kind on the contextual, pricing and knapsack kinds. */
unsigned bench_plan_raced_kinds(const struct wl_type *t, bool budgeted);

/* The baselines a race on t runs when nobody names policies: every policy
 * whose descriptor's baseline_on has t's kind (or the knapsack kind when
 * budgeted), by tier then registry order. Fills ids (static strings) with at
 * most max; returns how many. */
size_t bench_plan_default_policies(const struct wl_type *t, bool budgeted, const char **ids,
                                   size_t max);

/* The horizon rule's speed: rounds/s per core of workload kind `kind` at
 * this many arms (and feature dimension, contextual), from the measured
 * `make bench` figures. BUG on a kind without a figure. */
double bench_plan_rate(enum wl_kind kind, long long arms, int dim);

/* The plan b as a harness spec (benchmarks/spec.h), named after the
 * profile p it was planned for. The caller owns the result; free with
 * bench_spec_free(). */
struct bench_spec *bench_plan_spec(const struct bench_plan *b, const struct adv_profile *p);

#endif
