/*
 * bench: from a profile and its ranking to a harness spec (see bench.h).
 */
#include "benchmarks/plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "base/xalloc.h"
#include "benchmarks/spec.h"

static const char *const bai_policies[] = {"se", "lucb", "ttts", NULL};
static const char *const bai_baselines[] = {"uniform", "se", "lucb", "ttts", NULL};
static const char *const regret_baselines[] = {"uniform", "ucb1", "ts", NULL};

/* Harness policies by the kind of workload they are built for (the
 * advisor cannot include benchmarks/, so the ids are listed here; the
 * harness tests keep them in step with its registry). */
enum kind { K_PLAIN, K_BAI, K_CONTEXT, K_SLATE, K_PRICING, K_BUDGET };
static const char *const context_policies[] = {"linucb", "lints", "logistic_ts", "glm_ucb",
                                               "ridge_greedy", "ridge_egreedy",
                                               "bootstrapped_ts", "squarecb", NULL};
static const char *const slate_policies[] = {"cascade_ucb1", "cascade_klucb", "cascade_ts",
                                             "topk_position_ts", "pbm_ucb", "cucb", NULL};
static const char *const pricing_policies[] = {"price_ucb", "price_ts", "demand_ts", NULL};
static const char *const budget_policies[] = {"ucb_bwk", "bwk_primal_dual", NULL};
static const char *const context_baselines[] = {"uniform", "ts", "lints", NULL};
static const char *const slate_baselines[] = {"uniform", "cucb", "cascade_ts", NULL};
static const char *const pricing_baselines[] = {"uniform", "ucb1", "ts", "price_ts", NULL};
static const char *const budget_baselines[] = {"uniform", "ucb1", "ts", "ucb_bwk", NULL};

static bool in_list(const char *const *list, const char *id)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(list[i], id))
            return true;
    return false;
}

static enum kind policy_kind(const char *id)
{
    return bench_plan_is_bai_policy(id)        ? K_BAI
           : in_list(context_policies, id)    ? K_CONTEXT
           : in_list(slate_policies, id)      ? K_SLATE
           : in_list(pricing_policies, id)    ? K_PRICING
           : in_list(budget_policies, id)     ? K_BUDGET
                                              : K_PLAIN;
}

static enum kind workload_kind(const char *w)
{
    return !strncmp(w, "bai_", 4)              ? K_BAI
           : !strncmp(w, "contextual_", 11)    ? K_CONTEXT
           : !strcmp(w, "cascade") || !strcmp(w, "pbm") ? K_SLATE
           : !strcmp(w, "pricing")             ? K_PRICING
           : !strcmp(w, "knapsack")            ? K_BUDGET
                                               : K_PLAIN;
}

bool bench_plan_is_bai_policy(const char *policy_id)
{
    return in_list(bai_policies, policy_id);
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

/* A policy fits a workload of its own kind; plain policies also race as
 * baselines on the contextual, pricing and budget workloads. */
static bool fits_workload(const struct bench_plan *b, const char *policy)
{
    enum kind pk = policy_kind(policy), wk = workload_kind(b->workload);
    return pk == wk || (pk == K_PLAIN && (wk == K_CONTEXT || wk == K_PRICING || wk == K_BUDGET));
}

/* Parameters of the issue-5 workloads (contextual, lists, pricing,
 * budgets); returns false for the other workloads. */
static bool plan_structured_params(const struct adv_profile *p, struct bench_plan *b,
                                   double base, double best)
{
    const char *w = b->workload;
    switch (workload_kind(w)) {
    case K_CONTEXT: {
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
    case K_SLATE:
        set_param(b, "best", best);
        set_param(b, "gap", best - base);
        set_param(b, "positions",
                  fmin((double)b->arms, fmax(1, adv_profile_number(p, "slate_size", 3))));
        return true;
    case K_PRICING:
        if (adv_profile_is(p, "resource_constraint", "inventory"))
            set_param(b, "inventory",
                      fmax(1, floor(adv_profile_number(p, "budget_fraction", 0.3) *
                                    (double)b->horizon)));
        return true;
    case K_BUDGET:
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
    enum kind wk = workload_kind(b->workload);
    const char *const *base = wk == K_BAI       ? bai_baselines
                              : wk == K_CONTEXT ? context_baselines
                              : wk == K_SLATE   ? slate_baselines
                              : wk == K_PRICING ? pricing_baselines
                              : wk == K_BUDGET  ? budget_baselines
                                                : regret_baselines;
    for (size_t i = 0; base[i]; i++)
        add_policy(b, base[i]);
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
    if (arms > (double)b->arms && workload_kind(b->workload) == K_CONTEXT)
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
    if (workload_kind(out->workload) == K_SLATE) {   /* any list policy among the ranked? */
        bool any = false;
        for (size_t i = 0; i < n_ranked; i++)
            any |= ranked[i].alg->policy && policy_kind(ranked[i].alg->policy) == K_SLATE;
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
