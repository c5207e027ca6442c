/*
 * workload: the simulated e-commerce environments, as const descriptor
 * tables, one file per workload under workloads/ and one table in
 * workloads/registry.c. A descriptor states its kind (enum wl_kind), which
 * decides the policies a plan races on it, its goal, its params and its
 * hooks.
 *
 * Two lifetimes:
 *  - configure: once per benchmark. wl_configure() checks the spec's
 *    params against the type's list (unknown keys and bad values are
 *    diagnostics at the param's file:line:col), builds the base arm means
 *    and the feedback settings (batch, delay, window: "Feedback" below)
 *    into a struct wl_config, then calls the type's configure hook for
 *    its own checks. The config is read-only afterwards and shared by
 *    every run and thread.
 *  - run: once per (seed). The runner allocates state_size(cfg) zeroed
 *    bytes and calls init(state, cfg, key): the workload draws its
 *    per-seed randomness (e.g. the arm order) from key and keeps one rng
 *    stream per arm, so the n-th pull of an arm gives the same reward
 *    under every policy of that seed (common random numbers, which makes
 *    the paired comparison of the verdict sharp). Then, each round:
 *      advance(state, t, arms) when t reaches the round it last returned:
 *          update arms (the true means now) and return the next round at
 *          which they change (WL_NEVER for stationary workloads);
 *      pull(state, arm) returns the reward of one play.
 *    Memory per run is O(k): no per-round storage.
 *
 * Arm replacement (catalogue churn). A slot's item may retire and a new
 * one take its place (new mean, new features, nothing known about it):
 *  - advance(state, t, arms) reports the slots it replaced at round t
 *    (the round of the call, i.e. the round the previous call returned)
 *    in arms->replaced[0..n_replaced): distinct slots in [0, k), an array
 *    owned by the workload state, valid until the next advance() call;
 *    arms->means already holds the new items' means. The runner sets
 *    arms->replaced = NULL and n_replaced = 0 before every advance()
 *    call, so a call that replaces nothing sets neither. A workload
 *    that replaces slots at round u returns a next change <= u.
 *  - round(state, t, round, arms) reports them the same way in
 *    round->replaced / n_replaced (it fills the round; the runner clears
 *    both before every call; arms->replaced is not read then).
 *  - The runner hands the list to the policy as round->replaced /
 *    n_replaced in round t only, before select (NULL / 0 in every other
 *    round), in every loop (single-arm, identification, structured), so
 *    the policy can reset those slots before it chooses (a round with no
 *    play, the budget spent, hands nothing over).
 *  - Feedback in flight belongs to the item that was played. Each slot
 *    has a generation, the round of its latest replacement (0 at the
 *    start); a pending play is tagged with its round, and if its slot's
 *    generation is later than that when it comes due, the runner drops
 *    it: the policy never hears about the old item's reward (a list is
 *    dropped whole when any of its slots was replaced). Feedback due
 *    before round t (arrival <= t) is delivered before the replacements
 *    of round t take effect, so immediate feedback is never dropped.
 *    Regret and reward are counted at the play, dropped or not.
 *
 * Feedback (the common params, accepted by every workload and resolved
 * by wl_configure into cfg->batch, delay_mean, delay_kind, window; a type
 * may list a common param among its own params to give it another
 * default, e.g. delayed's delay_mean 100, and still gets it in cfg). A
 * play at round t with delay D (delay_kind: geometric on {0, 1, ...} with
 * mean delay_mean, or fixed; 0 = immediate) arrives before round t+1+D,
 * rounded up to the next batch boundary (rounds B+1, 2B+1, ...) when
 * batch B > 1. Delays come from the seed's stream 2, one draw per play
 * (geometric only), so they are per-seed. With an attribution window w
 * > 0, a reward with D > w is censored: it arrives before round t+1+w
 * (then batch-rounded) as a non-conversion, raw 0 (slates: no clicks,
 * every position examined; budgets: the realised cost still comes
 * back): the practice of attribution windows in display advertising,
 * where a conversion later than the window is counted as a
 * non-conversion (the censoring Chapelle 2014, "Modeling delayed
 * feedback in display advertising", KDD, models). For a geometric delay
 * the censored share is P(D > w) = (m / (1 + m))^(w+1); a fixed delay
 * censors all or none.
 *
 * Every kind takes every feedback setting: the runner copies what the
 * policy gets back (context, played features, list, clicks, cost) into
 * the pending item, O(L + dim) per play in flight for lists of L. Memory
 * per run grows with the plays in flight only. Costs are realised at
 * the play and round->budget_left drops at once (the spend is known to
 * the system even when the conversion is not). The logged run
 * (runner.h, struct bench_log) always has immediate feedback.
 *
 * Rewards are in workload units (clicks, revenue); cfg->lo/hi give the
 * nominal range the runner uses to normalise what policies see.
 *
 * The structured kinds (contextual, slates, pricing, budgets) set further
 * hooks of struct wl_type; a NULL hook keeps the behaviour above:
 *   round(state, t, round, arms)  called every round before the policy
 *       selects (advance is then not called): fills the round's context,
 *       arm features, replaced slots, prices and position weights, and
 *       arms->means / best / best_arm for this round's context. For
 *       slates, arms->best is the expected reward of the best list; for
 *       budgets, the per-round value of the best fixed mixture (the LP
 *       benchmark). Pointers stay valid until the next call.
 *   pull_slate(state, slate, l, clicks, examined)  show a list of l
 *       distinct arms: returns the reward, fills clicks[0..l) with 0/1
 *       and *examined with the positions known to have been examined.
 *   slate_value(state, slate, l)  the expected reward of that list in
 *       this round (the regret is best - slate_value).
 *   cost(state, arm, reward)  the realised cost in [0, 1] of the pull
 *       just made (budgets: cfg->budget > 0). The run stops playing when
 *       less than 1 remains; each round left then adds arms->best to the
 *       regret and nothing to the reward.
 * These workloads set cfg->dim, cfg->slate_size and cfg->budget in their
 * configure hook.
 */
#ifndef BM_WORKLOAD_H
#define BM_WORKLOAD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "benchmarks/rng.h"
#include "benchmarks/spec.h"

#define WL_NEVER LLONG_MAX

enum wl_goal {
    WL_GOAL_REGRET,              /* minimise cumulative regret */
    WL_GOAL_FIXED_CONFIDENCE,    /* identify the best arm with error <= delta, fast */
    WL_GOAL_FIXED_BUDGET,        /* identify the best arm after horizon pulls */
};

/* The kind of problem a workload poses. A plan races a policy on a
 * workload of the policy's kind (policy.h: the kind flags; single-arm
 * policies race on the contextual, pricing and knapsack kinds as well).
 * Bits, so a policy's baseline_on can name several. */
enum wl_kind {
    WL_KIND_SINGLE = 1 << 0,     /* one arm per round, cumulative regret */
    WL_KIND_BAI = 1 << 1,        /* best-arm identification (enum wl_goal) */
    WL_KIND_CONTEXTUAL = 1 << 2, /* features per round and arm (round hook) */
    WL_KIND_SLATE = 1 << 3,      /* ranked lists (pull_slate, slate_value) */
    WL_KIND_PRICING = 1 << 4,    /* arms are prices (round->arm_values) */
    WL_KIND_KNAPSACK = 1 << 5,   /* pulls spend a budget (cost hook) */
};

enum wl_delay_kind {
    WL_DELAY_GEOMETRIC = 0,      /* D ~ Geometric on {0, 1, ...} with mean delay_mean */
    WL_DELAY_FIXED = 1,          /* D = delay_mean */
};

/* A parameter a workload accepts. def NAN means "not set" (the help
 * says what happens then). */
struct wl_param {
    const char *name;
    double def;
    const char *help;
};

enum { WL_MAX_PARAMS = 16 };

struct wl_type;

struct wl_config {
    const struct wl_type *type;
    int k;                       /* arms */
    long long horizon;
    double *means;               /* owned; k base means in workload units */
    double lo, hi;               /* nominal reward range (normalisation) */
    bool binary;                 /* rewards are exactly 0 or 1 */
    bool stationary;             /* means never change */
    double values[WL_MAX_PARAMS];  /* the type's params[] resolved (spec or default) */
    long long batch;             /* policy updated every batch rounds (1 = every round) */
    double delay_mean;           /* 0 = immediate feedback */
    enum wl_delay_kind delay_kind;
    long long window;            /* attribution window in rounds, 0 = none (censoring) */
    double delta;                /* identification confidence */
    bool shuffle;                /* permute the arm order per seed */
    /* the structured kinds; 0 for the others */
    int dim;                     /* context / arm feature dimension */
    int slate_size;              /* positions of a list (0: one arm per round) */
    double budget;               /* total budget (knapsack) or inventory, 0 = none */
};

/* Per-seed keys: everything random in a run derives from them. */
struct wl_seed {
    uint64_t key;                /* hash of (master seed, seed index) */
    long long index;             /* the seed index, 0-based */
};

/* The truth of the current round, maintained by advance(). */
struct wl_arms {
    const double *means;         /* k expected rewards now (workload units) */
    double best;                 /* the largest of means */
    int best_arm;                /* the lowest index attaining it */
    const int *replaced;         /* slots replaced at the round of the last advance()
                                    call, or NULL; owned by the state, valid until the
                                    next advance() (see "Arm replacement" above) */
    int n_replaced;              /* their count; 0 when none */
};

typedef int (*wl_configure_fn)(struct wl_config *cfg, const struct bench_spec *s,
                               struct diag_list *diags);
typedef size_t (*wl_state_size_fn)(const struct wl_config *cfg);
typedef void (*wl_init_fn)(void *state, const struct wl_config *cfg, const struct wl_seed *seed);
typedef long long (*wl_advance_fn)(void *state, long long t, struct wl_arms *arms);
typedef double (*wl_pull_fn)(void *state, int arm);
typedef double (*wl_lower_bound_fn)(const struct wl_config *cfg);
struct bench_round;
typedef void (*wl_round_fn)(void *state, long long t, struct bench_round *round,
                            struct wl_arms *arms);
typedef double (*wl_pull_slate_fn)(void *state, const int *slate, int l, double *clicks,
                                   int *examined);
typedef double (*wl_slate_value_fn)(void *state, const int *slate, int l);
typedef double (*wl_cost_fn)(void *state, int arm, double reward);

struct wl_type {
    const char *name;            /* the id: "bernoulli" */
    const char *summary;         /* one line for --list-workloads */
    const struct wl_param *params;  /* the type's own params, NULL-name terminated */
    enum wl_goal goal;
    enum wl_kind kind;           /* exactly one bit */
    bool binary;                 /* rewards in {0, 1} */
    wl_configure_fn configure;   /* extra checks and derived values; may be NULL */
    wl_state_size_fn state_size;
    wl_init_fn init;
    wl_advance_fn advance;
    wl_pull_fn pull;
    wl_lower_bound_fn lower_bound;  /* Lai-Robbins constant C, or NULL */
    /* the structured kinds (see the top comment); NULL = not used */
    wl_round_fn round;
    wl_pull_slate_fn pull_slate;
    wl_slate_value_fn slate_value;
    wl_cost_fn cost;
};

extern const struct wl_type *const wl_registry[];
extern const size_t wl_registry_count;

/* The workload with this id, or NULL. */
const struct wl_type *wl_find(const char *name);

/* Params every workload accepts besides its own: "batch", "delay_mean",
 * "delay_kind", "window", "shuffle" (see "Feedback" above). */
extern const struct wl_param wl_common_params[];

/* Build cfg from the spec for type t. Spec params whose key contains a
 * '.' are policy knobs and are skipped here. -1 with diagnostics on any
 * error; cfg must then still be released. */
int wl_configure(const struct wl_type *t, const struct bench_spec *s, struct wl_config *cfg,
                 struct diag_list *diags);
void wl_config_release(struct wl_config *cfg);

/* The resolved value of the type's param name (BUG if it has none). */
double wl_value(const struct wl_config *cfg, const char *name);

/* Report a bad value of param name at its position in the spec (or at
 * the workload key when it was not in the spec). For configure hooks. */
void wl_param_error(const struct bench_spec *s, const char *name, struct diag_list *diags,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Helpers for the workload files. */
/* Fill arms->best and best_arm from arms->means. */
void wl_arms_best(struct wl_arms *arms, int k);
/* Permute means[0..k) with the seed's shuffle stream (Fisher-Yates). */
void wl_shuffle(double *means, int k, const struct wl_seed *seed);
/* The reward stream of one arm for a seed. */
void wl_arm_stream(struct rng *r, const struct wl_seed *seed, int arm);
/* Lai & Robbins (1985) constant for Bernoulli arms with these means:
 * sum over suboptimal i of (p* - p_i) / kl(p_i, p*). */
double wl_lai_robbins_bernoulli(const double *means, int k);

#endif
