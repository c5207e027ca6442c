/*
 * plan: from a profile and its ranking to a harness spec (see plan.h):
 * the primary workload, the policies, the horizon rule and the note; the
 * traits are composed onto the workload by plan_traits.c.
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
#include "benchmarks/plan_internal.h"
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
    double rate = bench_plan_rate(plan_workload_kind(b->workload), b->arms, dim);
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
    if (arms > (double)b->arms && plan_workload_kind(b->workload) == WL_KIND_CONTEXTUAL)
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
    if (plan_workload_kind(out->workload) == WL_KIND_SLATE) {   /* any list policy among the ranked? */
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
                    wt->kind != WL_KIND_PRICING && plan_takes_param(wt, "budget_fraction");
    plan_policies(out, ranked, n_ranked);
    out->substitute = out->validated && out->validated != out->top;
    int dim = (int)fmin(64, fmax(2, adv_profile_number(p, "feature_dim", 10)));
    plan_horizon(out, plan_workload_kind(out->workload) == WL_KIND_CONTEXTUAL ? dim : 0);
    plan_carry_traits(p, out, dim);
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
