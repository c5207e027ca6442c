/*
 * policy: the bandit policies the harness races, as const descriptor
 * tables (after GSL's gsl_rng_type), one file per family under policies/
 * and one table in policies/registry.c. A descriptor states everything
 * the rest of the harness asks about a policy: its kind (the kind flags
 * of enum pol_flags), whether and where a plan races it as a baseline
 * (baseline_on, tier), its knobs and its callbacks.
 *
 * Contract, in call order, for one simulated run:
 *   1. The runner resolves the type's knobs (spec params "<id>.<knob>",
 *      else the default) and fills a struct pol_config.
 *   2. It allocates state_size(cfg) bytes, zeroed, aligned for double,
 *      and calls init(state, cfg). The policy keeps no pointer to cfg
 *      beyond init, owns nothing outside its block and allocates nothing
 *      afterwards (release, if not NULL, frees what init allocated).
 *   3. Each round t = 1, 2, ...: select(state, round, rng) returns an
 *      arm in [0, k). round is valid during the call only.
 *   4. Feedback: update(state, fb, rng), once per played round, in the
 *      order the workload delivers it. With delayed or batched feedback
 *      several selects may happen before the matching updates, and
 *      fb->t_played < fb->t_now; policies must not assume alternation.
 *      Rounds whose feedback has not arrived by the horizon never get one.
 *      A play whose slot has been replaced since (a list: any of its
 *      slots) is never delivered; a reward later than the attribution
 *      window arrives at the window's end as raw 0 (workload.h,
 *      "Feedback").
 *   5. Best-arm identification only: stopped(state) is asked after each
 *      update (fixed confidence stops the run when it returns true) and
 *      recommend(state) gives the final guess. NULL means "never stops" and
 *      "the runner recommends the arm with the best empirical mean".
 * The rng passed in is the run's policy stream; a policy draws from it
 * and from nothing else, so runs are reproducible.
 *
 * The structured workloads (contextual, slate, pricing, budgeted) fill
 * further fields of these structs; every one is NULL/0 on the single-arm
 * and identification workloads:
 *   - contextual: round->context (the user, dim values) and
 *     round->arm_features (k x dim, row-major: the features of arm a in
 *     this round); cfg->dim says dim before the run. fb->context and
 *     fb->features (the played arm's row) come back with the feedback.
 *     round->replaced lists arm slots whose item changed this round
 *     (catalogue churn: a new item, known only by its features; below).
 *   - slates: a policy with select_slate fills out[0..L) with L =
 *     round->slate_size distinct arms, best position first. The update
 *     then gets fb->slate (the list shown), fb->clicks (0/1 per position)
 *     and fb->examined (positions the user is known to have looked at:
 *     up to and including the first click in the cascade model, L
 *     otherwise); fb->arm is the list's first arm and fb->reward the
 *     list's normalised reward. round->position_weights gives the known
 *     examination probability of each position (position-based model)
 *     or NULL. Slate workloads accept only policies with select_slate.
 *   - pricing: round->arm_values gives the price of each arm, and a
 *     purchase is fb->raw > 0 (the revenue is price x purchase).
 *   - budgets: cfg->budget is the total budget (0 = none);
 *     round->budget_left what remains; fb->cost the realised cost of the
 *     pull (costs are unknown to the policy before, and in [0, 1]).
 * Every policy must run on every workload: a contextual policy given no
 * context uses the one feature 1, a slate policy given slate_size 1 picks
 * one arm, a pricing policy given no prices takes them all as 1.
 *
 * Replaced slots (catalogue churn, on any workload that has it: the
 * single-arm bernoulli and delayed, contextual, cascade, pbm):
 * round->replaced / n_replaced list them in the round of the change only,
 * before select or select_slate. Every policy then resets what it knows
 * of the item in such a slot to its prior or initial state before it
 * chooses: per-arm counts, sums, indices and posteriors (the single-arm
 * and identification policies, the per-item statistics of the slate
 * policies, the per-price demand of price_ucb and price_ts, the reward
 * and cost estimates of the budget policies, the disjoint models of
 * linucb and of linucb_hybrid's arm part). What does not belong to one
 * item is kept: a shared model over the features (lints, logistic_ts,
 * glm_ucb, the ridge policies, squarecb, bootstrapped_ts, linucb_hybrid's
 * shared part, demand_ts's demand curve over the price), per-position
 * examination probabilities, the resource prices of bwk_primal_dual. The
 * policy files say what they reset and why, after their papers' models.
 */
#ifndef BM_POLICY_H
#define BM_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "benchmarks/rng.h"
#include "taxonomy/taxonomy.h"

/* What the workload shows the policy before it chooses. */
struct bench_round {
    long long t;                 /* 1-based index of this round */
    int k;                       /* number of arms */
    const double *context;       /* dim features of this round, or NULL */
    int dim;                     /* length of context (0 when none) */
    const double *arm_features;  /* k x dim features per arm, or NULL */
    int slate_size;              /* arms to rank; 1 for a single pull */
    const int *replaced;         /* arm slots whose item changed this round, or NULL */
    int n_replaced;
    const double *arm_values;    /* k prices (pricing), or NULL */
    const double *position_weights;  /* slate_size examination probabilities, or NULL */
    double budget_left;          /* remaining budget (when cfg->budget > 0) */
};

/* What comes back for one played round. */
struct pol_feedback {
    int arm;                     /* the arm that was played */
    double reward;               /* normalised: (raw - lo) / (hi - lo), in [0, 1]
                                    for bounded workloads, may leave it otherwise */
    double raw;                  /* in workload units (clicks, revenue) */
    long long t_played;          /* the round it was played in */
    long long t_now;             /* the round before which it is delivered */
    const double *context;       /* the context it was played in, or NULL */
    const double *features;      /* dim features of the played arm then, or NULL */
    const int *slate;            /* slates: the list shown (slate_len arms), or NULL */
    const double *clicks;        /* slates: 0/1 per position */
    int slate_len;
    int examined;                /* slates: positions known to have been examined */
    double cost;                 /* budgets: the realised cost of the pull */
};

/* Everything a policy may know before the run. */
struct pol_config {
    int k;                       /* arms, >= 1 */
    long long horizon;           /* T (MOSS, EXP3 and defaults use it) */
    double delta;                /* confidence for identification, in (0, 1) */
    bool binary_rewards;         /* every reward is exactly 0 or 1 */
    const double *knobs;         /* values for knobs[0..n_knobs) of the type */
    int dim;                     /* context / arm feature dimension (0: none) */
    int slate_size;              /* positions of a slate (0 or 1: one arm) */
    double budget;               /* total budget, 0 = none */
};

/* A tunable of a policy. def is its default; NAN means "derived from the
 * horizon or k as the paper says", documented in help. */
struct pol_knob {
    const char *name;
    double def;
    const char *help;
};

enum pol_flags {
    POL_IDENTIFICATION = 1 << 0, /* built for best-arm identification */
    POL_NONSTATIONARY = 1 << 1,  /* built for changing means */
    POL_RANDOMISED = 1 << 2,     /* select() draws from the rng */
    POL_UNIFORM = 1 << 3,        /* select() plays every arm with probability 1/k, so a
                                    log of its plays has exact propensities as they are */
    /* The kind of workload a policy is built for (workload.h, enum wl_kind):
     * POL_IDENTIFICATION above for best-arm identification, one of these
     * for the structured kinds, none for the single-arm regret workloads. */
    POL_CONTEXTUAL = 1 << 4,     /* reads round->context and round->arm_features */
    POL_SLATE = 1 << 5,          /* ranks lists with select_slate */
    POL_PRICING = 1 << 6,        /* reads round->arm_values as prices */
    POL_BUDGET = 1 << 7,         /* spends cfg->budget with fb->cost */
};

/* Where a baseline races among the baselines of a plan (benchmarks/plan.h):
 * the floor first, then the classic general-purpose policies, then the
 * specialists of the workload's kind; registry order within a tier. */
enum pol_tier {
    POL_TIER_FLOOR,              /* uniform play: the regret every policy must beat */
    POL_TIER_CLASSIC,            /* UCB1, Thompson sampling and their direct analogues */
    POL_TIER_SPECIALIST,         /* the standard policy built for one kind of workload */
};

typedef size_t (*pol_state_size_fn)(const struct pol_config *cfg);
typedef void (*pol_init_fn)(void *state, const struct pol_config *cfg);
typedef int (*pol_select_fn)(void *state, const struct bench_round *round, struct rng *rng);
typedef void (*pol_update_fn)(void *state, const struct pol_feedback *fb, struct rng *rng);
typedef bool (*pol_stopped_fn)(const void *state);
typedef int (*pol_recommend_fn)(const void *state);
typedef void (*pol_release_fn)(void *state);
typedef void (*pol_select_slate_fn)(void *state, const struct bench_round *round,
                                    struct rng *rng, int *out);

struct pol_type {
    const char *name;            /* the id, as in the taxonomy: "ucb1" */
    const char *title;           /* "UCB1 (Auer, Cesa-Bianchi & Fischer 2002)" */
    unsigned flags;              /* enum pol_flags, including the policy's kind */
    unsigned baseline_on;        /* enum wl_kind bits: the workload kinds on which a
                                    plan races it as a baseline; 0 = never */
    enum pol_tier tier;          /* its place among the baselines (when baseline_on) */
    const struct pol_knob *knobs;
    size_t n_knobs;
    pol_state_size_fn state_size; /* bytes of state for cfg; O(k) */
    pol_init_fn init;            /* state is zeroed before the call */
    pol_select_fn select;        /* the arm to play in round->t */
    pol_update_fn update;        /* one delivered reward */
    pol_stopped_fn stopped;      /* identification: stop now? NULL = never */
    pol_recommend_fn recommend;  /* identification: the guess; NULL = runner's */
    pol_release_fn release;      /* NULL unless init allocates */
    pol_select_slate_fn select_slate;  /* fill out[0..round->slate_size) with distinct
                                          arms; NULL: not a slate policy */
};

/* Every policy, in a fixed order (the order of --list-policies). */
extern const struct pol_type *const pol_registry[];
extern const size_t pol_registry_count;

/* Every taxonomy algorithm's `policy` id must name a policy here: the
 * taxonomy sits below the harness and cannot check it itself. Adds an
 * error at each unknown id's position (with a did-you-mean); returns how
 * many there were. */
size_t pol_check_taxonomy(const struct tax *t, struct diag_list *diags);

/* The policy with this id, or NULL. */
const struct pol_type *pol_find(const char *name);

/* The knob's index in t->knobs, or -1. */
int pol_knob_index(const struct pol_type *t, const char *knob);

/* Shared by the policy files: the index of the largest of x[0..n), the
 * lowest index among ties (the convention of every policy here). */
int pol_argmax(const double *x, int n);

/* Shared helpers of the contextual, slate, pricing and budget policies
 * (policies/common.c). */
/* The features of arm a in round (dim values), or the constant {1} when
 * the round has none (*dim is set to the length used). */
const double *pol_features(const struct bench_round *round, int a, int cfg_dim, int *dim);
/* The arm of round whose features (pol_features) have the largest score
 * theta^T x, the lowest index among ties: the select step of the linear
 * sampling policies (LinTS, bootstrapped TS, logistic TS). O(k d). */
int pol_linear_argmax(const struct bench_round *round, int k, int cfg_dim, const double *theta);
/* The played arm's features from a feedback, or {1}. */
const double *pol_fb_features(const struct pol_feedback *fb, int cfg_dim, int *dim);
/* The feature dimension a contextual policy sizes its state by: cfg->dim,
 * or 1 (the constant feature) when the workload has no context. */
int pol_dim(const struct pol_config *cfg);
/* The top-L arms of score[0..k) in decreasing order into out (ties to the
 * lower index); O(k L). */
void pol_top_l(const double *score, int k, int l, int *out);

/* The bandits-with-knapsacks LP with one resource (Badanidiyuru,
 * Kleinberg & Slivkins 2013, section 3): max sum x_i r_i s.t. sum x_i c_i
 * <= rho, sum x_i <= 1, x >= 0 (the rest on a null arm). An optimum mixes
 * at most two arms: *i, *j (-1 if none) with *xj the weight of j and 1 -
 * *xj (or rho / c_i alone) that of i; NULL outputs are skipped. O(k^2). */
double pol_bwk_lp(const double *r, const double *c, int k, double rho, int *i_out, int *j_out,
                  double *xj_out);

/* Bernoulli KL divergence kl(p, q) with 0 log 0 = 0, and the KL-UCB
 * upper confidence value max{q >= p : n kl(p, q) <= bound} (Garivier &
 * Cappe 2011, eq. 4) to 1e-12 by safeguarded Newton; and the lower
 * value min{q <= p : n kl(p, q) <= bound}. */
double pol_kl_bernoulli(double p, double q);
double pol_kl_ucb(double p, double n, double bound);
double pol_kl_lcb(double p, double n, double bound);

/* P(Beta(a, b) > x) by the continued fraction of the incomplete beta
 * function (DLMF 8.17.22), relative accuracy ~1e-14; and its inverse:
 * the x with P(Beta(a, b) > x) = alpha, to 1e-13. a, b > 0. */
double pol_beta_upper_tail(double x, double a, double b);
double pol_beta_upper_quantile(double a, double b, double alpha);
/* log B(a, b), and the tail given it (callers that evaluate one posterior
 * many times compute it once). */
double pol_beta_lnorm(double a, double b);
double pol_beta_upper_tail_ln(double x, double a, double b, double lnorm);
/* The quantile given lnorm and a point lo (0 if none) known to have
 * P(Beta > lo) >= alpha: the search starts there. */
double pol_beta_upper_quantile_ln(double a, double b, double alpha, double lnorm, double lo);

#endif
