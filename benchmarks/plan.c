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

/* lists: false skips the list workloads (when no ranked algorithm has a
 * list policy, a single-arm stand-in is validated instead). */
static const char *choose_workload(const struct adv_profile *p, bool lists)
{
    if (adv_profile_is(p, "objective", "identify_best")) {
        const struct adv_answer *h = adv_profile_get(p, "horizon");
        return h && !h->not_sure ? "bai_fixed_budget" : "bai_fixed_confidence";
    }
    if (adv_profile_is(p, "action_structure", "continuous"))
        return "pricing";
    if (adv_profile_is(p, "resource_constraint", "budget") ||
        adv_profile_is(p, "resource_constraint", "inventory"))
        return "knapsack";
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

static void set_param(struct bench_plan *b, const char *key, double v)
{
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

/* A policy fits a workload of its own kind; single-arm policies also race as
 * baselines on the contextual, pricing and budget workloads. */
static bool fits_workload(const struct bench_plan *b, const char *policy)
{
    const unsigned takes_single = WL_KIND_CONTEXTUAL | WL_KIND_PRICING | WL_KIND_KNAPSACK;
    enum wl_kind pk = policy_kind(policy), wk = workload_kind(b->workload);
    return pk == wk || (pk == WL_KIND_SINGLE && (wk & takes_single));
}

/* Parameters of the structured workloads (contextual, lists, pricing,
 * budgets); returns false for the single-arm and identification ones. */
static bool plan_structured_params(const struct adv_profile *p, struct bench_plan *b,
                                   double base, double best)
{
    const char *w = b->workload;
    switch (workload_kind(w)) {
    case WL_KIND_CONTEXTUAL: {
        double d = fmin(64, fmax(2, adv_profile_number(p, "feature_dim", 10)));
        set_param(b, "dim", d);
        if (!strcmp(w, "contextual_logistic"))   /* the average item's CTR is the base rate */
            set_param(b, "base", log(base / (1 - base)));
        const char *churn = adv_profile_choice(p, "catalogue_churn");
        if (churn && strcmp(churn, "static") && strcmp(churn, "not_sure"))
            set_param(b, "churn_every",
                      fmax(1, floor((double)b->horizon / (!strcmp(churn, "fast") ? 1000 : 100))));
        return true;
    }
    case WL_KIND_SLATE:
        set_param(b, "best", best);
        set_param(b, "gap", best - base);
        set_param(b, "positions",
                  fmin((double)b->arms, fmax(1, adv_profile_number(p, "slate_size", 3))));
        return true;
    case WL_KIND_PRICING:
        if (adv_profile_is(p, "resource_constraint", "inventory"))
            set_param(b, "inventory",
                      fmax(1, floor(adv_profile_number(p, "budget_fraction", 0.3) *
                                    (double)b->horizon)));
        return true;
    case WL_KIND_KNAPSACK:
        set_param(b, "best", best);
        set_param(b, "gap", best - base);
        set_param(b, "budget_fraction",
                  fmin(1, fmax(0.01, adv_profile_number(p, "budget_fraction", 0.3))));
        return true;
    default:
        return false;
    }
}

/* Workload parameters; scale maps profile decisions to simulated ones. */
static void plan_params(const struct adv_profile *p, struct bench_plan *b, double scale)
{
    double base = fmin(0.95, fmax(1e-4, adv_profile_number(p, "base_rate", 0.02)));
    double lift = adv_profile_number(p, "expected_lift", 0.1);
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    double best = fmin(0.99, base * (1 + lift));
    if (plan_structured_params(p, b, base, best))
        return;   /* immediate feedback only: no batch */
    set_param(b, "best", best);
    set_param(b, "gap", best - base);
    const char *w = b->workload;
    /* About one change a week, but 2 to 10 changes in the simulated run. */
    double weeks = (double)b->horizon / scale / (7 * per_day);
    double segments = fmin(10, fmax(3, floor(weeks) + 1));
    if (!strcmp(w, "piecewise")) {
        set_param(b, "change_every", floor((double)b->horizon / segments));
    } else if (!strcmp(w, "drift")) {
        set_param(b, "period", floor((double)b->horizon / segments));
    } else if (!strcmp(w, "delayed")) {
        const struct adv_answer *dh = adv_profile_get(p, "delay_hours");
        double hours = dh && adv_profile_applies(p, dh->trait) != ADV_APPLIES_NO ? dh->value : 0;
        if (hours <= 0)
            hours = adv_profile_is(p, "reward_delay", "indefinite") ? 72 : 1;
        double delay = fmax(1, round(hours / 24 * per_day * scale));
        set_param(b, "delay_mean", fmin(delay, floor((double)b->horizon / 10)));
    } else if (!strcmp(w, "bai_fixed_confidence")) {
        set_param(b, "delta", 0.05);
    }
    /* Batched updates apply to every workload. */
    const char *cad = adv_profile_choice(p, "update_cadence");
    double upd = !cad ? 0 : !strcmp(cad, "hourly") ? 24 : !strcmp(cad, "daily") ? 1 : 0;
    if (upd > 0) {
        double batch = fmax(1, round(per_day / upd * scale));
        set_param(b, "batch", fmin(batch, floor((double)b->horizon / 10)));
    }
}

static void plan_policies(struct bench_plan *b, const struct adv_eval *ranked, size_t n_ranked)
{
    size_t taken = 0;
    for (size_t i = 0; i < n_ranked && taken < BENCH_PLAN_MAX_RANKED; i++) {
        const struct tax_algorithm *a = ranked[i].alg;
        if (!a->policy || !fits_workload(b, a->policy))
            continue;
        if (!b->validated) {
            b->validated = a;
            b->recommended = a->policy;
        }
        add_policy(b, a->policy);
        taken++;
    }
    /* The baselines the descriptors name for this kind, tier by tier. */
    enum wl_kind wk = workload_kind(b->workload);
    for (int tier = POL_TIER_FLOOR; tier <= POL_TIER_SPECIALIST; tier++)
        for (size_t i = 0; i < pol_registry_count; i++) {
            const struct pol_type *t = pol_registry[i];
            if ((t->baseline_on & wk) && (int)t->tier == tier)
                add_policy(b, t->name);
        }
}

/* Append one sentence (capitalised) to the note being built. */
static void note_add(char **note, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note_add(char **note, const char *fmt, ...)
{
    char buf[600];
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

static char *plan_note(const struct adv_profile *p, const struct bench_plan *b, double arms,
                       double horizon)
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
    if (horizon > (double)b->horizon)
        note_add(&note, "the horizon of %.0f decisions is scaled down to %lld, with time scales "
                        "(delays, batches, change points) scaled alike.",
                 horizon, b->horizon);
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
    out->arms = (long long)fmin(arms, BENCH_PLAN_MAX_ARMS);
    out->horizon = (long long)fmin(horizon, BENCH_PLAN_MAX_HORIZON);
    out->seeds = BENCH_PLAN_SEEDS;
    out->top = n_ranked ? ranked[0].alg : NULL;
    plan_params(p, out, (double)out->horizon / horizon);
    plan_policies(out, ranked, n_ranked);
    out->substitute = out->validated && out->validated != out->top;
    out->note = plan_note(p, out, arms, horizon);
}

void bench_plan_release(struct bench_plan *b)
{
    free(b->note);
    memset(b, 0, sizeof(*b));
}

struct bench_spec *bench_plan_spec(const struct bench_plan *b, const struct adv_profile *p)
{
    struct bench_spec *s = bench_spec_new();
    char *name = xasprintf("%s: validate %s", p->name ? p->name : "profile",
                           b->validated ? b->validated->id : "the baselines");
    bench_spec_set_string(&s->name, name);
    free(name);
    char *desc = xasprintf("Generated by banditmap recommend for %s.%s%s",
                           p->name ? p->name : "a profile", b->note ? " " : "",
                           b->note ? b->note : "");
    bench_spec_set_string(&s->description, desc);
    free(desc);
    bench_spec_set_string(&s->workload, b->workload);
    s->arms = b->arms;
    s->horizon = b->horizon;
    s->seeds = b->seeds;
    for (size_t i = 0; i < b->n_policies; i++)
        bench_spec_add_policy(s, b->policies[i]);
    bench_spec_set_string(&s->recommended, b->recommended);
    for (size_t i = 0; i < b->n_params; i++)
        bench_spec_set_param(s, b->params[i].key, b->params[i].value);
    return s;
}
