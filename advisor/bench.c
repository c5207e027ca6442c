/*
 * bench: from a profile and its ranking to a harness spec (see bench.h).
 */
#include "advisor/bench.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "advisor/spec.h"
#include "taxonomy/xalloc.h"

static const char *const bai_policies[] = {"se", "lucb", "ttts", NULL};
static const char *const bai_baselines[] = {"uniform", "se", "lucb", "ttts", NULL};
static const char *const regret_baselines[] = {"uniform", "ucb1", "ts", NULL};

bool adv_bench_is_bai_policy(const char *policy_id)
{
    for (size_t i = 0; bai_policies[i]; i++)
        if (!strcmp(bai_policies[i], policy_id))
            return true;
    return false;
}

static bool is_bai_workload(const char *w)
{
    return !strncmp(w, "bai_", 4);
}

static const char *choose_workload(const struct adv_profile *p)
{
    if (adv_profile_is(p, "objective", "identify_best")) {
        const struct adv_answer *h = adv_profile_get(p, "horizon");
        return h && !h->not_sure ? "bai_fixed_budget" : "bai_fixed_confidence";
    }
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

static void set_param(struct adv_bench *b, const char *key, double v)
{
    if (b->n_params == ADV_BENCH_MAX_PARAMS)
        BUG("too many bench parameters");
    b->params[b->n_params].key = key;
    b->params[b->n_params++].value = v;
}

static bool has_policy(const struct adv_bench *b, const char *id)
{
    for (size_t i = 0; i < b->n_policies; i++)
        if (!strcmp(b->policies[i], id))
            return true;
    return false;
}

static void add_policy(struct adv_bench *b, const char *id)
{
    if (!has_policy(b, id) && b->n_policies < ADV_BENCH_MAX_POLICIES)
        b->policies[b->n_policies++] = id;
}

static bool fits_workload(const struct adv_bench *b, const char *policy)
{
    return adv_bench_is_bai_policy(policy) == is_bai_workload(b->workload);
}

/* Workload parameters; scale maps profile decisions to simulated ones. */
static void plan_params(const struct adv_profile *p, struct adv_bench *b, double scale)
{
    double base = fmin(0.95, fmax(1e-4, adv_profile_number(p, "base_rate", 0.02)));
    double lift = adv_profile_number(p, "expected_lift", 0.1);
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    double best = fmin(0.99, base * (1 + lift));
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

static void plan_policies(struct adv_bench *b, const struct adv_eval *ranked, size_t n_ranked)
{
    size_t taken = 0;
    for (size_t i = 0; i < n_ranked && taken < ADV_BENCH_MAX_RANKED; i++) {
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
    const char *const *base = is_bai_workload(b->workload) ? bai_baselines : regret_baselines;
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

static char *plan_note(const struct adv_profile *p, const struct adv_bench *b, double arms,
                       double horizon)
{
    char *note = NULL;
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
    if (arms > (double)b->arms)
        note_add(&note, "%.0f arms are simulated as %lld independent arms (the harness does not "
                        "model shared features).",
                 arms, b->arms);
    if (horizon > (double)b->horizon)
        note_add(&note, "the horizon of %.0f decisions is scaled down to %lld, with time scales "
                        "(delays, batches, change points) scaled alike.",
                 horizon, b->horizon);
    return note;
}

void adv_bench_plan(const struct adv_profile *p, const struct adv_eval *ranked, size_t n_ranked,
                    struct adv_bench *out)
{
    memset(out, 0, sizeof(*out));
    double arms = fmax(2, adv_profile_number(p, "arms", 10));
    double horizon = fmax(1, adv_profile_number(p, "horizon", 100000));
    out->workload = choose_workload(p);
    out->arms = (long long)fmin(arms, ADV_BENCH_MAX_ARMS);
    out->horizon = (long long)fmin(horizon, ADV_BENCH_MAX_HORIZON);
    out->seeds = ADV_BENCH_SEEDS;
    out->top = n_ranked ? ranked[0].alg : NULL;
    plan_params(p, out, (double)out->horizon / horizon);
    plan_policies(out, ranked, n_ranked);
    out->substitute = out->validated && out->validated != out->top;
    out->note = plan_note(p, out, arms, horizon);
}

void adv_bench_release(struct adv_bench *b)
{
    free(b->note);
    memset(b, 0, sizeof(*b));
}

struct spec *adv_bench_spec_for_profile(const struct tax *tax, const struct adv_profile *p,
                                        const struct adv_recommendation *rec)
{
    (void)tax;
    const struct adv_bench *b = &rec->bench;
    struct spec *s = spec_new();
    char *name = xasprintf("%s: validate %s", p->name ? p->name : "profile",
                           b->validated ? b->validated->id : "the baselines");
    spec_set_string(&s->name, name);
    free(name);
    char *desc = xasprintf("Generated by banditmap recommend for %s.%s%s",
                           p->name ? p->name : "a profile", b->note ? " " : "",
                           b->note ? b->note : "");
    spec_set_string(&s->description, desc);
    free(desc);
    spec_set_string(&s->workload, b->workload);
    s->arms = b->arms;
    s->horizon = b->horizon;
    s->seeds = b->seeds;
    s->seed = 1;
    for (size_t i = 0; i < b->n_policies; i++)
        spec_add_policy(s, b->policies[i]);
    spec_set_string(&s->recommended, b->recommended);
    for (size_t i = 0; i < b->n_params; i++)
        spec_set_param(s, b->params[i].key, b->params[i].value);
    return s;
}
