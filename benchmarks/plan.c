/*
 * plan: from a profile and its ranking to a harness spec (see plan.h).
 */
#include "benchmarks/plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "base/diag.h"
#include "base/xalloc.h"
#include "benchmarks/policy.h"
#include "benchmarks/spec.h"
#include "benchmarks/workload.h"

/* The workload kind a policy is built for, from its descriptor's flags;
 * an id the harness lacks counts as single-arm. */
static enum wl_kind policy_kind(const char *id)
{
    const struct pol_type *t = pol_find(id);
    unsigned f = t ? t->flags : 0;
    return f & POL_IDENTIFICATION ? WL_KIND_BAI
           : f & POL_CONTEXTUAL   ? WL_KIND_CONTEXTUAL
           : f & POL_SLATE        ? WL_KIND_SLATE
           : f & POL_PRICING      ? WL_KIND_PRICING
           : f & POL_BUDGET       ? WL_KIND_KNAPSACK
                                  : WL_KIND_SINGLE;
}

/* The kind of a workload the plan chose (always a registered one). */
static enum wl_kind workload_kind(const char *w)
{
    const struct wl_type *t = wl_find(w);
    if (!t)
        BUG("the plan chose workload '%s', which the harness lacks", w);
    return t->kind;
}

bool bench_plan_is_bai_policy(const char *policy_id)
{
    const struct pol_type *t = pol_find(policy_id);
    return t && (t->flags & POL_IDENTIFICATION);
}

/* The primary workload; the other traits are composed onto it as params
 * (plan_traits). lists: false skips the list workloads (when no ranked
 * algorithm has a list policy, a single-arm stand-in is validated). */
static const char *choose_workload(const struct adv_profile *p, bool lists)
{
    if (adv_profile_is(p, "objective", "identify_best")) {
        const struct adv_answer *h = adv_profile_get(p, "horizon");
        return h && !h->not_sure ? "bai_fixed_budget" : "bai_fixed_confidence";
    }
    if (adv_profile_is(p, "action_structure", "continuous"))
        return "pricing";
    if (lists && adv_profile_is(p, "action_structure", "slate")) {
        if (adv_profile_is(p, "position_bias", "cascade"))
            return "cascade";
        if (adv_profile_is(p, "position_bias", "position_based"))
            return "pbm";
    }
    if (adv_profile_is(p, "context", "user") || adv_profile_is(p, "context", "item") ||
        adv_profile_is(p, "context", "both"))
        return adv_profile_is(p, "reward_model", "linear") ||
                       adv_profile_is(p, "reward_value", "bounded_real")
                   ? "contextual_linear"
                   : "contextual_logistic";
    if (adv_profile_is(p, "resource_constraint", "budget") ||
        adv_profile_is(p, "resource_constraint", "inventory"))
        return "knapsack";
    if (adv_profile_is(p, "dynamics", "abrupt_changes") ||
        adv_profile_is(p, "reward_process", "adversarial"))
        return "piecewise";
    if (adv_profile_is(p, "dynamics", "slow_drift") || adv_profile_is(p, "dynamics", "seasonal"))
        return "drift";
    if (adv_profile_is(p, "reward_delay", "bounded") ||
        adv_profile_is(p, "reward_delay", "indefinite"))
        return "delayed";
    if (adv_profile_is(p, "reward_value", "heavy_tailed"))
        return "revenue";
    if (adv_profile_is(p, "reward_value", "bounded_real"))
        return "bounded";
    return "bernoulli";
}

/* Does workload type t take param name (its own or a common one)? */
static bool takes_param(const struct wl_type *t, const char *name)
{
    for (size_t i = 0; t->params && t->params[i].name; i++)
        if (!strcmp(t->params[i].name, name))
            return true;
    for (size_t i = 0; wl_common_params[i].name; i++)
        if (!strcmp(wl_common_params[i].name, name))
            return true;
    return false;
}

/* The default of t's own param name (NAN when unset or absent). */
static double param_default(const struct wl_type *t, const char *name)
{
    for (size_t i = 0; t->params && t->params[i].name; i++)
        if (!strcmp(t->params[i].name, name))
            return t->params[i].def;
    return NAN;
}

unsigned bench_plan_raced_kinds(const struct wl_type *t, bool budgeted)
{
    const unsigned takes_single = WL_KIND_CONTEXTUAL | WL_KIND_PRICING | WL_KIND_KNAPSACK;
    unsigned k = t->kind | (budgeted ? WL_KIND_KNAPSACK : 0u);
    return k | (t->kind & takes_single ? WL_KIND_SINGLE : 0u);
}

size_t bench_plan_default_policies(const struct wl_type *t, bool budgeted, const char **ids,
                                   size_t max)
{
    unsigned kinds = t->kind | (budgeted ? WL_KIND_KNAPSACK : 0u);
    size_t n = 0;
    for (int tier = POL_TIER_FLOOR; tier <= POL_TIER_SPECIALIST; tier++)
        for (size_t i = 0; i < pol_registry_count; i++) {
            const struct pol_type *pt = pol_registry[i];
            bool dup = false;
            for (size_t j = 0; j < n; j++)
                dup |= !strcmp(ids[j], pt->name);
            if ((pt->baseline_on & kinds) && (int)pt->tier == tier && !dup && n < max)
                ids[n++] = pt->name;
        }
    return n;
}

static void set_param(struct bench_plan *b, const char *key, double v)
{
    for (size_t i = 0; i < b->n_params; i++)
        if (!strcmp(b->params[i].key, key)) {
            b->params[i].value = v;
            return;
        }
    if (b->n_params == BENCH_PLAN_MAX_PARAMS)
        BUG("too many bench parameters");
    b->params[b->n_params].key = key;
    b->params[b->n_params++].value = v;
}

static bool has_policy(const struct bench_plan *b, const char *id)
{
    for (size_t i = 0; i < b->n_policies; i++)
        if (!strcmp(b->policies[i], id))
            return true;
    return false;
}

static void add_policy(struct bench_plan *b, const char *id)
{
    if (!has_policy(b, id) && b->n_policies < BENCH_PLAN_MAX_POLICIES)
        b->policies[b->n_policies++] = id;
}

static void plan_policies(struct bench_plan *b, const struct adv_eval *ranked, size_t n_ranked)
{
    const struct wl_type *wt = wl_find(b->workload);
    unsigned kinds = bench_plan_raced_kinds(wt, b->budgeted);
    size_t taken = 0;
    for (size_t i = 0; i < n_ranked && taken < BENCH_PLAN_MAX_RANKED; i++) {
        const struct tax_algorithm *a = ranked[i].alg;
        if (!a->policy || !(policy_kind(a->policy) & kinds))
            continue;
        if (!b->validated) {
            b->validated = a;
            b->recommended = a->policy;
        }
        add_policy(b, a->policy);
        taken++;
    }
    const char *base[BENCH_PLAN_MAX_POLICIES];
    size_t n = bench_plan_default_policies(wt, b->budgeted, base, BENCH_PLAN_MAX_POLICIES);
    for (size_t i = 0; i < n; i++)
        add_policy(b, base[i]);
}

/* ---- the horizon rule ---- */

/* Measured speed of each kind (benchmarks/README.md, the `make bench`
 * tables), rounds/s per core of the slowest policy a plan races there, at
 * k_ref arms (and d_ref features): a round costs O(k), so rate(k) = rate x
 * k_ref / k (within 10-50% of the other measured sizes: TS at K = 100 1.7 M
 * against 1.15 M so predicted, LinUCB at K = 10 1.81 M against 2 M); the
 * contextual kind also x (d_ref / d)^2 above d_ref features (disjoint
 * LinUCB's O(k d^2) quadratic forms). */
static const struct kind_speed {
    enum wl_kind kind;
    double rate, k_ref, d_ref;
} kind_speeds[] = {
    {WL_KIND_SINGLE, 11.5e6, 10, 0},      /* ts, K = 10: 11.5-14.2 M */
    {WL_KIND_BAI, 11.5e6, 10, 0},         /* the same Bernoulli draws */
    {WL_KIND_CONTEXTUAL, 0.2e6, 100, 10}, /* linucb, glm_ucb, K = 100, d = 10: 0.20-0.21 M */
    {WL_KIND_SLATE, 0.13e6, 50, 0},       /* cascade_klucb, K = 50, L = 4 */
    {WL_KIND_PRICING, 3.4e6, 10, 0},      /* price_ts, K = 10 */
    {WL_KIND_KNAPSACK, 7.9e6, 10, 0},     /* bwk_primal_dual, K = 10 */
};

double bench_plan_rate(enum wl_kind kind, long long arms, int dim)
{
    for (size_t i = 0; i < sizeof(kind_speeds) / sizeof(kind_speeds[0]); i++) {
        const struct kind_speed *s = &kind_speeds[i];
        if (s->kind != kind)
            continue;
        double r = s->rate * s->k_ref / (double)arms;
        if (s->d_ref > 0 && dim > s->d_ref)
            r *= (s->d_ref / dim) * (s->d_ref / dim);
        return r;
    }
    BUG("no measured speed for workload kind %d", (int)kind);
}

/* Two significant digits, rounded down: 123456 -> 120000. */
static long long round_down_2(double x)
{
    if (x < 100)
        return (long long)floor(x);
    double p = pow(10, floor(log10(x)) - 1);
    return (long long)(floor(x / p) * p);
}

static void plan_horizon(struct bench_plan *b, int dim)
{
    double rate = bench_plan_rate(workload_kind(b->workload), b->arms, dim);
    double work = (double)b->seeds * (double)(b->n_policies ? b->n_policies : 1);
    b->rate = rate;
    b->est_seconds = (double)b->profile_horizon * work / (rate * BENCH_PLAN_CORES);
    b->horizon = b->profile_horizon;
    if (b->est_seconds > BENCH_PLAN_BUDGET_SECONDS) {
        double fit = BENCH_PLAN_BUDGET_SECONDS * BENCH_PLAN_CORES * rate / work;
        b->horizon = round_down_2(fmax(BENCH_PLAN_MIN_HORIZON, fit));
    }
    b->horizon = b->horizon < b->profile_horizon ? b->horizon : b->profile_horizon;
    b->scaled = b->horizon < b->profile_horizon;
    /* gap ~ sqrt(K / T) keeps the problem at its minimax regret, of order
     * sqrt(K T) (Lattimore & Szepesvari 2020, Bandit Algorithms, ch. 15,
     * Thm. 15.2: R_T >= sqrt((K - 1) T) / 27); time scales shrink with the
     * horizon. */
    b->gap_factor = sqrt((double)b->profile_horizon / (double)b->horizon);
    b->time_factor = (double)b->horizon / (double)b->profile_horizon;
}

/* ---- traits: each answered trait is carried by params, or says why not ---- */

static void trait_add(struct bench_plan *b, const char *trait, bool carried, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void trait_add(struct bench_plan *b, const char *trait, bool carried, const char *fmt, ...)
{
    if (b->n_traits == BENCH_PLAN_MAX_TRAITS)
        BUG("too many plan traits");
    char buf[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    b->traits[b->n_traits++] = (struct bench_plan_trait){trait, carried, xstrdup(buf)};
}

/* The plan as a spec (without names), for probing and for bench_plan_spec. */
static struct bench_spec *plan_spec_bare(const struct bench_plan *b)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, b->workload);
    s->arms = b->arms;
    s->horizon = b->horizon;
    s->seeds = b->seeds;
    for (size_t i = 0; i < b->n_params; i++)
        bench_spec_set_param(s, b->params[i].key, b->params[i].value);
    return s;
}

/* Carry a trait by n params: kept when the workload configures with them
 * (so the harness itself decides what composes), else the trait is
 * recorded as not carried with the harness's reason. */
static bool carry(struct bench_plan *b, const char *trait, const char *how,
                  const struct bench_plan_param *ps, size_t n)
{
    struct bench_spec *s = plan_spec_bare(b);
    for (size_t i = 0; i < n; i++)
        bench_spec_set_param(s, ps[i].key, ps[i].value);
    struct diag_list d;
    diag_list_init(&d);
    struct wl_config cfg;
    int rc = wl_configure(wl_find(b->workload), s, &cfg, &d);
    wl_config_release(&cfg);
    if (rc == 0) {
        for (size_t i = 0; i < n; i++)
            set_param(b, ps[i].key, ps[i].value);
        trait_add(b, trait, true, "%s", how);
    } else {
        trait_add(b, trait, false, "%s", d.count ? d.items[0].message : "refused");
    }
    diag_list_release(&d);
    bench_spec_free(s);
    return rc == 0;
}

static bool carry1(struct bench_plan *b, const char *trait, const char *key, double v,
                   const char *how)
{
    struct bench_plan_param one = {key, v};
    return carry(b, trait, how, &one, 1);
}

/* Rates: best = base (1 + lift); the gap scaled by gap_factor, the base
 * rate kept (best at most 0.99). */
static void plan_rates(const struct adv_profile *p, struct bench_plan *b)
{
    double base = fmin(0.95, fmax(1e-4, adv_profile_number(p, "base_rate", 0.02)));
    double lift = adv_profile_number(p, "expected_lift", 0.1);
    double gap = fmin(0.99, base * (1 + lift)) - base;
    b->base_rate = base;
    b->gap = fmin(gap * b->gap_factor, 0.99 - base);
    const struct wl_type *t = wl_find(b->workload);
    if (!takes_param(t, "gap")) {
        if (b->scaled && t->kind == WL_KIND_PRICING)
            trait_add(b, "hardness", false, "the price gaps come from the demand curve, which "
                      "the rule does not rescale, so the shorter run is harder");
        return;
    }
    set_param(b, "best", base + b->gap);
    set_param(b, "gap", b->gap);
    if (b->scaled)
        trait_add(b, "hardness", b->gap >= gap * b->gap_factor * (1 - 1e-12),
                  "gap %.3g x %.3g = %.3g over the base rate %.3g%s", gap, b->gap_factor,
                  b->gap, base,
                  b->gap < gap * b->gap_factor * (1 - 1e-12) ? " (capped: best at most 0.99)" : "");
}

static const char *reward_text(const struct wl_type *t)
{
    return t->kind == WL_KIND_PRICING ? "revenue = price x purchase"
           : t->binary                ? "0/1 rewards"
                                      : "real-valued rewards";
}

static void plan_reward(const struct adv_profile *p, struct bench_plan *b)
{
    const struct wl_type *t = wl_find(b->workload);
    const char *rv = adv_profile_choice(p, "reward_value");
    if (!rv || !strcmp(rv, TAX_NOT_SURE))
        return;
    bool heavy = !strcmp(t->name, "revenue") || t->kind == WL_KIND_PRICING;
    bool ok = !strcmp(rv, "binary") ? t->binary : !strcmp(rv, "heavy_tailed") ? heavy : !t->binary;
    trait_add(b, "reward", ok, ok ? "%s rewards: %s of workload '%s'"
                                  : "%s rewards: workload '%s' has %s only",
              rv, ok ? reward_text(t) : t->name, ok ? t->name : reward_text(t));
}

static void plan_context(const struct adv_profile *p, struct bench_plan *b, int dim)
{
    const char *c = adv_profile_choice(p, "context");
    if (!c || !strcmp(c, "none") || !strcmp(c, TAX_NOT_SURE))
        return;
    char how[160];
    snprintf(how, sizeof(how), "%s context: user x item features, dim %d", c, dim);
    if (workload_kind(b->workload) == WL_KIND_CONTEXTUAL)
        carry1(b, "context", "dim", dim, how);
    else
        trait_add(b, "context", false, "%s context: workload '%s' has no features (no %s "
                  "workload with context yet)", c, b->workload,
                  workload_kind(b->workload) == WL_KIND_SLATE ? "list"
                  : workload_kind(b->workload) == WL_KIND_PRICING ? "pricing"
                  : workload_kind(b->workload) == WL_KIND_BAI ? "identification"
                                                                : "single-arm");
    if (workload_kind(b->workload) != WL_KIND_CONTEXTUAL)
        return;
    const struct wl_type *t = wl_find(b->workload);
    if (!strcmp(b->workload, "contextual_logistic"))   /* the average item's CTR is the base rate */
        set_param(b, "base", log(b->base_rate / (1 - b->base_rate)));
    if (b->gap_factor > 1 && takes_param(t, "noise")) {   /* same signal to noise as gap x g */
        set_param(b, "noise", param_default(t, "noise") / b->gap_factor);
        trait_add(b, "hardness", true, "noise / %.3g, the signal to noise of gaps x %.3g",
                  b->gap_factor, b->gap_factor);
    } else if (b->gap_factor > 1) {
        /* Logit-scale effects (the gaps near the base rate) x g, but at most
         * until the best items' effect, spread / 2 + 2 sd of the personal
         * effect (scale / sqrt(d - 1)), reaches |logit(base_rate)|: beyond,
         * their click rates pass 50% and the model saturates instead. */
        double spread = param_default(t, "spread"), scale = param_default(t, "scale");
        double effect = spread / 2 + 2 * scale / sqrt(dim - 1.0);
        double logit = fabs(log(b->base_rate / (1 - b->base_rate)));
        double g = fmax(1, fmin(b->gap_factor, logit / effect));
        set_param(b, "spread", spread * g);
        set_param(b, "scale", scale * g);
        trait_add(b, "hardness", g >= b->gap_factor,
                  g >= b->gap_factor ? "logit-scale effects (spread, scale) x %.3g"
                                     : "logit-scale effects x %.3g of the %.3g the rule asks "
                                       "(beyond, the best items' click rates pass 50%%), so the "
                                       "simulated problem is harder than the profile's",
                  g, b->gap_factor);
    }
}

static void plan_actions(const struct adv_profile *p, struct bench_plan *b)
{
    const char *a = adv_profile_choice(p, "action_structure");
    enum wl_kind k = workload_kind(b->workload);
    if (!a || !strcmp(a, "single") || !strcmp(a, TAX_NOT_SURE))
        return;
    if (!strcmp(a, "slate")) {
        double l = fmin((double)b->arms, fmax(1, adv_profile_number(p, "slate_size", 3)));
        char how[96];
        snprintf(how, sizeof(how), "a ranked list of %.0f positions (%s clicks)", l,
                 b->workload);
        if (k == WL_KIND_SLATE)
            carry1(b, "actions", "positions", l, how);
        else
            trait_add(b, "actions", false, "slate: %s",
                      k == WL_KIND_CONTEXTUAL || k == WL_KIND_SINGLE
                          ? "no ranked algorithm has a list policy, or the click model is not "
                            "cascade or position-based, so one item per round stands in"
                          : "the workload shows one item per round");
    } else if (!strcmp(a, "continuous")) {
        trait_add(b, "actions", k == WL_KIND_PRICING,
                  k == WL_KIND_PRICING ? "continuous: a grid of %lld prices"
                                       : "continuous: %lld independent arms stand in", b->arms);
    } else {
        trait_add(b, "actions", false, "%s: no combinatorial workload yet, so the %lld "
                  "combinations are simulated as independent arms", a, b->arms);
    }
}

static void plan_constraints(const struct adv_profile *p, struct bench_plan *b)
{
    const char *c = adv_profile_choice(p, "resource_constraint");
    if (!c || !strcmp(c, "none") || !strcmp(c, TAX_NOT_SURE))
        return;
    double f = fmin(1, fmax(0.01, adv_profile_number(p, "budget_fraction", 0.3)));
    char how[160];
    if (workload_kind(b->workload) == WL_KIND_PRICING) {
        if (!strcmp(c, "inventory")) {
            double inv = fmax(1, floor(f * (double)b->horizon));
            snprintf(how, sizeof(how), "inventory: %.0f units (budget_fraction %g of the horizon)",
                     inv, f);
            carry1(b, "constraints", "inventory", inv, how);
        } else {
            trait_add(b, "constraints", false, "budget: workload 'pricing' has an inventory, "
                      "not a budget over its prices");
        }
        return;
    }
    snprintf(how, sizeof(how), "%s: B = %g x horizon, each pull costing Bernoulli(c_i), c_i ~ "
             "U[0.1, 1]%s", c, f, !strcmp(c, "inventory") ? " (units as a budget)" : "");
    carry1(b, "constraints", "budget_fraction", f, how);
}

static void plan_dynamics(const struct adv_profile *p, struct bench_plan *b)
{
    const char *w = b->workload;
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    /* About one change a week, but 3 to 10 segments per run. */
    double weeks = (double)b->profile_horizon / (7 * per_day);
    double segments = fmin(10, fmax(3, floor(weeks) + 1));
    const char *dyn = adv_profile_choice(p, "dynamics");
    bool adversarial = adv_profile_is(p, "reward_process", "adversarial");
    if (dyn && (strcmp(dyn, "stationary") && strcmp(dyn, TAX_NOT_SURE))) {
        double every = floor((double)b->horizon / segments);
        char how[200];
        if (!strcmp(dyn, "abrupt_changes")) {
            snprintf(how, sizeof(how), "%s: a change point every %.0f rounds (%.0f segments)",
                     dyn, every, segments);
            carry1(b, "dynamics", "change_every", every, how);
        } else {   /* the drift workload's seasonal swing, amplitude 0.5 (its default) */
            snprintf(how, sizeof(how), "%s: a seasonal swing of amplitude 0.5, period %.0f "
                     "rounds (%.0f per run)", dyn, every, segments);
            struct bench_plan_param ps[] = {{"period", every}, {"amplitude", 0.5}};
            carry(b, "dynamics", how, ps, 2);
        }
    } else if (adversarial && !strcmp(w, "piecewise")) {
        carry1(b, "dynamics", "change_every", floor((double)b->horizon / segments),
               "adversarial rewards: abrupt changes of the best arm stand in");
    }
    const char *churn = adv_profile_choice(p, "catalogue_churn");
    if (churn && strcmp(churn, "static") && strcmp(churn, TAX_NOT_SURE)) {
        double every = fmax(1, floor((double)b->horizon / (!strcmp(churn, "fast") ? 1000 : 100)));
        char how[128];
        snprintf(how, sizeof(how), "%s churn: one item replaced every %.0f rounds", churn, every);
        carry1(b, "churn", "churn_every", every, how);
    }
}

static void plan_feedback(const struct adv_profile *p, struct bench_plan *b)
{
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    const char *delay = adv_profile_choice(p, "reward_delay");
    if (delay && (!strcmp(delay, "bounded") || !strcmp(delay, "indefinite"))) {
        const struct adv_answer *dh = adv_profile_get(p, "delay_hours");
        double hours = dh && !dh->not_sure && adv_profile_applies(p, dh->trait) != ADV_APPLIES_NO
                           ? dh->value : 0;
        bool given = hours > 0;
        if (!given)
            hours = !strcmp(delay, "indefinite") ? 72 : 1;
        /* a geometric delay with mean m has median about m ln 2: the
         * profile's median in decisions / ln 2, scaled with the horizon */
        double d = fmax(1, round(hours / 24 * per_day / log(2) * b->time_factor));
        double cap = floor((double)b->horizon / 10);   /* most rewards arrive within the run */
        char how[200];
        snprintf(how, sizeof(how), "%s delays: delay_mean %.0f decisions (geometric, median %g "
                 "hours%s)", delay, fmin(d, cap), hours,
                 d > cap ? ", capped at a tenth of the horizon" : "");
        d = fmin(d, cap);
        carry1(b, "delays", "delay_mean", d, how);
        if (given && !strcmp(delay, "bounded")) {
            /* the advisor's attribution window: m log2(20) hours catches 95% (Chapelle 2014) */
            double w = fmax(1, ceil(hours * log2(20) / 24 * per_day * b->time_factor));
            snprintf(how, sizeof(how), "attribution window: %.0f decisions (%.0f hours)", w,
                     ceil(hours * log2(20)));
            carry1(b, "window", "window", w, how);
        }
    }
    const char *cad = adv_profile_choice(p, "update_cadence");
    double upd = !cad ? 0 : !strcmp(cad, "hourly") ? 24 : !strcmp(cad, "daily") ? 1 : 0;
    if (upd > 0) {
        double batch = fmax(1, round(per_day / upd * b->time_factor));
        double cap = floor((double)b->horizon / 10);   /* at least ten updates per run */
        char how[160];
        snprintf(how, sizeof(how), "%s updates: batch %.0f decisions%s", cad, fmin(batch, cap),
                 batch > cap ? " (capped at a tenth of the horizon)" : "");
        batch = fmin(batch, cap);
        carry1(b, "batches", "batch", batch, how);
    }
    if (!strcmp(b->workload, "bai_fixed_confidence"))
        set_param(b, "delta", 0.05);
}

static void plan_other(const struct adv_profile *p, struct bench_plan *b)
{
    if (adv_profile_is(p, "safety", "baseline_guard"))
        trait_add(b, "safety", false, "baseline guard: no workload charges falling below a "
                  "baseline, so the race shows regret only");
    if (adv_profile_is(p, "fairness", "exposure"))
        trait_add(b, "fairness", false, "exposure shares: no workload constrains exposure");
}

/* ---- the note ---- */
/* Append one sentence (capitalised) to the note being built. */
static void note_add(char **note, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note_add(char **note, const char *fmt, ...)
{
    char buf[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    char *s = *note ? xasprintf("%s %s", *note, buf) : xstrdup(buf);
    free(*note);
    *note = s;
}

/* "carried: a; b." or "not carried: a (why); b (why).", or NULL. */
static char *traits_sentence(const struct bench_plan *b, bool carried)
{
    char *s = NULL;
    for (size_t i = 0; i < b->n_traits; i++) {
        const struct bench_plan_trait *t = &b->traits[i];
        if (t->carried != carried)
            continue;
        char *next = carried ? xasprintf("%s%s%s", s ? s : "", s ? "; " : "", t->text)
                             : xasprintf("%s%s%s (%s)", s ? s : "", s ? "; " : "", t->trait,
                                         t->text);
        free(s);
        s = next;
    }
    return s;
}

static void note_horizon(char **note, const struct bench_plan *b)
{
    if (!b->scaled) {
        note_add(note, "the horizon of %lld decisions is simulated as it is: about %.0f s for "
                 "%zu policies x %d seeds at %.3g rounds/s per core on %d cores, within the "
                 "%d s budget.", b->horizon, b->est_seconds, b->n_policies, b->seeds, b->rate,
                 BENCH_PLAN_CORES, BENCH_PLAN_BUDGET_SECONDS);
        return;
    }
    note_add(note, "the horizon of %lld decisions would take about %.0f s (%zu policies x %d "
             "seeds at %.3g rounds/s per core on %d cores), above the %d s budget, so it is "
             "scaled down to %lld: gaps x %.3g = sqrt(%lld / %lld), keeping gap sqrt(T / K) "
             "and so the minimax regret sqrt(K T) (Lattimore & Szepesvari 2020, ch. 15), and "
             "time scales (delays, batches, change points, churn) x %.3g.",
             b->profile_horizon, b->est_seconds, b->n_policies, b->seeds, b->rate,
             BENCH_PLAN_CORES, BENCH_PLAN_BUDGET_SECONDS, b->horizon, b->gap_factor,
             b->profile_horizon, b->horizon, b->time_factor);
    double sim = b->est_seconds * b->time_factor;
    if (sim > BENCH_PLAN_BUDGET_SECONDS)
        note_add(note, "%lld is the shortest horizon the rule simulates, so this run still "
                 "takes about %.0f s.", b->horizon, sim);
}

static char *plan_note(const struct adv_profile *p, const struct bench_plan *b, double arms)
{
    char *note = NULL;
    if (adv_profile_number(p, "arms", 10) < 2)   /* bench_plan_make() raised it to 2 */
        note_add(&note, "with one arm there is nothing to learn or choose: the spec simulates "
                        "%lld arms instead, the smallest race the harness runs.", b->arms);
    if (adv_profile_is(p, "objective", "evaluate_offline") ||
        adv_profile_is(p, "objective", "learn_offline"))
        note_add(&note, "the question is answered offline: check the pick on your logs with "
                        "'banditmap ope'; this spec only shows how online policies would fare.");
    if (!b->top)
        note_add(&note, "every algorithm is excluded, so the spec only races the baselines.");
    else if (!b->validated)
        note_add(&note, "the harness cannot simulate %s (%s) or any ranked alternative yet, so "
                        "the spec only races the baselines.",
                 b->top->name, b->top->id);
    else if (b->substitute)
        note_add(&note, "the top pick %s (%s) has no harness policy yet (harness support for it "
                        "arrives later); the spec validates %s (%s), the best-ranked algorithm "
                        "the harness can simulate, as a stand-in.",
                 b->top->name, b->top->id, b->validated->name, b->validated->id);
    if (arms > (double)b->arms && workload_kind(b->workload) == WL_KIND_CONTEXTUAL)
        note_add(&note, "%.0f arms are simulated as %lld items described by features.", arms,
                 b->arms);
    else if (arms > (double)b->arms)
        note_add(&note, "%.0f arms are simulated as %lld independent arms (the harness does not "
                        "model shared features).",
                 arms, b->arms);
    note_horizon(&note, b);
    char *yes = traits_sentence(b, true), *no = traits_sentence(b, false);
    if (yes)
        note_add(&note, "carried: %s.", yes);
    if (no)
        note_add(&note, "not carried: %s.", no);
    free(yes);
    free(no);
    return note;
}

void bench_plan_make(const struct adv_recommendation *rec, struct bench_plan *out)
{
    const struct adv_profile *p = rec->profile;
    const struct adv_eval *ranked = rec->ranked;
    size_t n_ranked = rec->n_ranked;
    memset(out, 0, sizeof(*out));
    double arms = fmax(2, adv_profile_number(p, "arms", 10));
    double horizon = fmax(1, adv_profile_number(p, "horizon", 100000));
    out->workload = choose_workload(p, true);
    if (workload_kind(out->workload) == WL_KIND_SLATE) {   /* any list policy among the ranked? */
        bool any = false;
        for (size_t i = 0; i < n_ranked; i++)
            any |= ranked[i].alg->policy && policy_kind(ranked[i].alg->policy) == WL_KIND_SLATE;
        if (!any)
            out->workload = choose_workload(p, false);
    }
    const struct wl_type *wt = wl_find(out->workload);
    out->arms = (long long)fmin(arms, BENCH_PLAN_MAX_ARMS);
    out->profile_horizon = (long long)fmin(horizon, BENCH_PLAN_MAX_HORIZON);
    out->seeds = BENCH_PLAN_SEEDS;
    out->top = n_ranked ? ranked[0].alg : NULL;
    /* budget-aware policies race when the workload takes the profile's budget */
    out->budgeted = (adv_profile_is(p, "resource_constraint", "budget") ||
                     adv_profile_is(p, "resource_constraint", "inventory")) &&
                    wt->kind != WL_KIND_PRICING && takes_param(wt, "budget_fraction");
    plan_policies(out, ranked, n_ranked);
    out->substitute = out->validated && out->validated != out->top;
    int dim = (int)fmin(64, fmax(2, adv_profile_number(p, "feature_dim", 10)));
    plan_horizon(out, workload_kind(out->workload) == WL_KIND_CONTEXTUAL ? dim : 0);
    plan_rates(p, out);
    plan_reward(p, out);
    plan_context(p, out, dim);
    plan_actions(p, out);
    plan_constraints(p, out);
    plan_dynamics(p, out);
    plan_feedback(p, out);
    plan_other(p, out);
    out->note = plan_note(p, out, arms);
}

void bench_plan_release(struct bench_plan *b)
{
    free(b->note);
    for (size_t i = 0; i < b->n_traits; i++)
        free(b->traits[i].text);
    memset(b, 0, sizeof(*b));
}

struct bench_spec *bench_plan_spec(const struct bench_plan *b, const struct adv_profile *p)
{
    struct bench_spec *s = plan_spec_bare(b);
    char *name = xasprintf("%s: validate %s", p->name ? p->name : "profile",
                           b->validated ? b->validated->id : "the baselines");
    bench_spec_set_string(&s->name, name);
    free(name);
    char *desc = xasprintf("Generated by banditmap recommend for %s.%s%s",
                           p->name ? p->name : "a profile", b->note ? " " : "",
                           b->note ? b->note : "");
    bench_spec_set_string(&s->description, desc);
    free(desc);
    for (size_t i = 0; i < b->n_policies; i++)
        bench_spec_add_policy(s, b->policies[i]);
    bench_spec_set_string(&s->recommended, b->recommended);
    return s;
}
