/*
 * plan_traits: each answered trait of a profile becomes params of the
 * planned workload, or a line saying why it could not be carried (see
 * plan.h); and the small helpers the plan shares. Private to plan.c.
 */
#include "benchmarks/plan_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xalloc.h"
#include "benchmarks/spec.h"
#include "benchmarks/workload.h"

/* The kind of a workload the plan chose (always a registered one). */
enum wl_kind plan_workload_kind(const char *w)
{
    const struct wl_type *t = wl_find(w);
    if (!t)
        BUG("the plan chose workload '%s', which the harness lacks", w);
    return t->kind;
}

/* Does workload type t take param name (its own or a common one)? */
bool plan_takes_param(const struct wl_type *t, const char *name)
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
static double plan_param_default(const struct wl_type *t, const char *name)
{
    for (size_t i = 0; t->params && t->params[i].name; i++)
        if (!strcmp(t->params[i].name, name))
            return t->params[i].def;
    return NAN;
}

/* Set (or replace) a param of the plan; key must outlive b. */
static void plan_set_param(struct bench_plan *b, const char *key, double v)
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
struct bench_spec *plan_spec_bare(const struct bench_plan *b)
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
            plan_set_param(b, ps[i].key, ps[i].value);
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
    if (!plan_takes_param(t, "gap")) {
        if (b->scaled && t->kind == WL_KIND_PRICING)
            trait_add(b, "hardness", false, "the price gaps come from the demand curve, which "
                      "the rule does not rescale, so the shorter run is harder");
        return;
    }
    plan_set_param(b, "best", base + b->gap);
    plan_set_param(b, "gap", b->gap);
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
    if (plan_workload_kind(b->workload) == WL_KIND_CONTEXTUAL)
        carry1(b, "context", "dim", dim, how);
    else
        trait_add(b, "context", false, "%s context: workload '%s' has no features (no %s "
                  "workload with context yet)", c, b->workload,
                  plan_workload_kind(b->workload) == WL_KIND_SLATE ? "list"
                  : plan_workload_kind(b->workload) == WL_KIND_PRICING ? "pricing"
                  : plan_workload_kind(b->workload) == WL_KIND_BAI ? "identification"
                                                                : "single-arm");
    if (plan_workload_kind(b->workload) != WL_KIND_CONTEXTUAL)
        return;
    const struct wl_type *t = wl_find(b->workload);
    if (!strcmp(b->workload, "contextual_logistic"))   /* the average item's CTR is the base rate */
        plan_set_param(b, "base", log(b->base_rate / (1 - b->base_rate)));
    if (b->gap_factor > 1 && plan_takes_param(t, "noise")) {   /* same signal to noise as gap x g */
        plan_set_param(b, "noise", plan_param_default(t, "noise") / b->gap_factor);
        trait_add(b, "hardness", true, "noise / %.3g, the signal to noise of gaps x %.3g",
                  b->gap_factor, b->gap_factor);
    } else if (b->gap_factor > 1) {
        /* Logit-scale effects (the gaps near the base rate) x g, but at most
         * until the best items' effect, spread / 2 + 2 sd of the personal
         * effect (scale / sqrt(d - 1)), reaches |logit(base_rate)|: beyond,
         * their click rates pass 50% and the model saturates instead. */
        double spread = plan_param_default(t, "spread"), scale = plan_param_default(t, "scale");
        double effect = spread / 2 + 2 * scale / sqrt(dim - 1.0);
        double logit = fabs(log(b->base_rate / (1 - b->base_rate)));
        double g = fmax(1, fmin(b->gap_factor, logit / effect));
        plan_set_param(b, "spread", spread * g);
        plan_set_param(b, "scale", scale * g);
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
    enum wl_kind k = plan_workload_kind(b->workload);
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
    if (plan_workload_kind(b->workload) == WL_KIND_PRICING) {
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
        plan_set_param(b, "delta", 0.05);
}

static void plan_other(const struct adv_profile *p, struct bench_plan *b)
{
    if (adv_profile_is(p, "safety", "baseline_guard"))
        trait_add(b, "safety", false, "baseline guard: no workload charges falling below a "
                  "baseline, so the race shows regret only");
    if (adv_profile_is(p, "fairness", "exposure"))
        trait_add(b, "fairness", false, "exposure shares: no workload constrains exposure");
}

void plan_carry_traits(const struct adv_profile *p, struct bench_plan *b, int dim)
{
    plan_rates(p, b);
    plan_reward(p, b);
    plan_context(p, b, dim);
    plan_actions(p, b);
    plan_constraints(p, b);
    plan_dynamics(p, b);
    plan_feedback(p, b);
    plan_other(p, b);
}
