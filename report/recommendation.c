/*
 * recommendation: JSON and Markdown renderings of a recommendation (see
 * recommendation.h).
 */
#include "report/recommendation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/xalloc.h"
#include "benchmarks/plan.h"
#include "benchmarks/spec.h"
#include "report/tax_json.h"

double report_score_shown(double score)
{
    return round(score * 1000) / 1000;
}

char *report_reference_text(const struct tax_reference *ref)
{
    if (ref->url)
        return xasprintf("%s (%d). %s. %s. %s", ref->authors, ref->year, ref->title, ref->venue,
                         ref->url);
    return xasprintf("%s (%d). %s. %s.", ref->authors, ref->year, ref->title, ref->venue);
}

char *report_excluded_reason(const struct adv_eval *e)
{
    size_t len = 1;
    for (size_t i = 0; i < e->n_notes; i++)
        if (e->notes[i].kind == ADV_NOTE_EXCLUSION)
            len += strlen(e->notes[i].text) + 2;
    char *s = xmalloc(len);
    s[0] = '\0';
    for (size_t i = 0; i < e->n_notes; i++) {
        if (e->notes[i].kind != ADV_NOTE_EXCLUSION)
            continue;
        if (s[0])
            strcat(s, "; ");
        strcat(s, e->notes[i].text);
    }
    return s;
}

size_t report_rec_count(const struct adv_recommendation *r, size_t top)
{
    return top && top < r->n_ranked ? top : r->n_ranked;
}

/* ---- JSON ---- */

static void json_profile(struct jsonw *w, const struct adv_profile *p)
{
    jsonw_key(w, "profile");
    jsonw_object_begin(w);
    jsonw_member_string(w, "name", p->name);
    jsonw_member_string(w, "description", p->description);
    jsonw_key(w, "answers");
    jsonw_object_begin(w);
    for (size_t i = 0; i < p->n_answers; i++) {
        const struct adv_answer *a = &p->answers[i];
        jsonw_key(w, a->trait->id);
        if (adv_profile_applies(p, a->trait) == ADV_APPLIES_NO)
            jsonw_null(w);   /* another answer makes the question irrelevant */
        else if (a->trait->kind == TAX_TRAIT_CHOICE)
            jsonw_string(w, a->choice->id);
        else if (a->not_sure)
            jsonw_string(w, TAX_NOT_SURE);
        else
            jsonw_number(w, a->value);
    }
    jsonw_object_end(w);
    jsonw_object_end(w);
}

static void json_notes(struct jsonw *w, const char *key, const struct adv_eval *e,
                       bool (*pick)(const struct adv_note *))
{
    jsonw_key(w, key);
    jsonw_array_begin(w);
    for (size_t i = 0; i < e->n_notes; i++)
        if (pick(&e->notes[i]))
            jsonw_string(w, e->notes[i].text);
    jsonw_array_end(w);
}

static void json_recommendation(struct jsonw *w, const struct adv_eval *e, size_t rank)
{
    const struct tax_algorithm *a = e->alg;
    jsonw_object_begin(w);
    jsonw_member_int(w, "rank", (long long)rank);
    jsonw_member_string(w, "id", a->id);
    jsonw_member_string(w, "name", a->name);
    jsonw_member_string(w, "family", a->family->id);
    jsonw_member_number(w, "score", report_score_shown(e->score));
    jsonw_member_string(w, "evidence", tax_evidence_name(a->evidence));
    jsonw_member_string(w, "policy", a->policy);
    jsonw_member_string(w, "summary", a->summary);
    json_notes(w, "why", e, adv_note_is_why);
    json_notes(w, "cautions", e, adv_note_is_caution);
    jsonw_key(w, "references");
    jsonw_array_begin(w);
    for (size_t i = 0; i < a->n_references; i++) {
        char *t = report_reference_text(a->references[i]);
        jsonw_string(w, t);
        free(t);
    }
    jsonw_array_end(w);
    tax_json_implementations(w, a);
    jsonw_object_end(w);
}

static void json_alg_ref(struct jsonw *w, const struct tax_algorithm *a)
{
    if (!a) {
        jsonw_null(w);
        return;
    }
    jsonw_object_begin(w);
    jsonw_member_string(w, "id", a->id);
    jsonw_member_string(w, "name", a->name);
    jsonw_object_end(w);
}

static void json_what_if(struct jsonw *w, const struct adv_whatif_list *l)
{
    jsonw_key(w, "what_if");
    jsonw_array_begin(w);
    for (size_t i = 0; i < l->count; i++) {
        const struct adv_whatif *x = &l->items[i];
        jsonw_object_begin(w);
        jsonw_member_string(w, "trait", x->trait->id);
        jsonw_member_string(w, "from", x->from);
        jsonw_member_string(w, "to", x->to);
        jsonw_member_bool(w, "not_sure", x->from_not_sure);
        jsonw_member_bool(w, "changes_top", x->changes_top);
        jsonw_key(w, "top");
        json_alg_ref(w, x->top);
        jsonw_member_string(w, "text", x->text);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
}

static void json_advice(struct jsonw *w, const struct adv_advice_list *l)
{
    jsonw_key(w, "advice");
    jsonw_array_begin(w);
    for (size_t i = 0; i < l->count; i++) {
        const struct adv_advice *a = &l->items[i];
        jsonw_object_begin(w);
        jsonw_member_string(w, "topic", a->topic);
        jsonw_member_string(w, "text", a->text);
        jsonw_member_string(w, "basis", a->basis);
        jsonw_member_number(w, "value", a->value);
        jsonw_member_string(w, "unit", a->unit);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
}

static void json_excluded(struct jsonw *w, const struct adv_recommendation *r)
{
    jsonw_key(w, "excluded");
    jsonw_array_begin(w);
    for (size_t i = 0; i < r->n_excluded; i++) {
        char *reason = report_excluded_reason(&r->excluded[i]);
        jsonw_object_begin(w);
        jsonw_member_string(w, "id", r->excluded[i].alg->id);
        jsonw_member_string(w, "name", r->excluded[i].alg->name);
        jsonw_member_string(w, "reason", reason);
        jsonw_object_end(w);
        free(reason);
    }
    jsonw_array_end(w);
}

static void json_bench(struct jsonw *w, const struct bench_plan *b)
{
    jsonw_key(w, "benchmark");
    jsonw_object_begin(w);
    jsonw_member_string(w, "workload", b->workload);
    jsonw_member_int(w, "arms", b->arms);
    jsonw_member_int(w, "horizon", b->horizon);
    jsonw_member_int(w, "seeds", b->seeds);
    jsonw_member_int(w, "seed", 1);
    jsonw_key(w, "params");
    jsonw_object_begin(w);
    for (size_t i = 0; i < b->n_params; i++) {
        jsonw_member_number(w, b->params[i].key, b->params[i].value);
    }
    jsonw_object_end(w);
    jsonw_string_array(w, "policies", b->policies, b->n_policies);
    jsonw_member_string(w, "recommended", b->recommended);
    jsonw_key(w, "validates");
    json_alg_ref(w, b->validated);
    jsonw_member_bool(w, "top_pick_simulated", b->validated && !b->substitute);
    jsonw_key(w, "horizon_rule");
    jsonw_object_begin(w);
    jsonw_member_int(w, "profile_horizon", b->profile_horizon);
    jsonw_member_int(w, "simulated_horizon", b->horizon);
    jsonw_member_bool(w, "scaled", b->scaled);
    jsonw_member_number(w, "rounds_per_second_per_core", b->rate);
    jsonw_member_number(w, "estimated_seconds", b->est_seconds);
    jsonw_member_int(w, "budget_seconds", BENCH_PLAN_BUDGET_SECONDS);
    jsonw_member_int(w, "cores", BENCH_PLAN_CORES);
    jsonw_member_number(w, "gap_factor", b->gap_factor);
    jsonw_member_number(w, "time_factor", b->time_factor);
    jsonw_object_end(w);
    jsonw_key(w, "traits");
    jsonw_array_begin(w);
    for (size_t i = 0; i < b->n_traits; i++) {
        jsonw_object_begin(w);
        jsonw_member_string(w, "trait", b->traits[i].trait);
        jsonw_member_bool(w, "carried", b->traits[i].carried);
        jsonw_member_string(w, "text", b->traits[i].text);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
    jsonw_member_string(w, "note", b->note);
    jsonw_object_end(w);
}

void report_rec_json(const struct adv_recommendation *r, const struct bench_plan *plan, size_t top,
                     bool pretty, FILE *out)
{
    struct jsonw w;
    jsonw_init(&w, out, pretty);
    jsonw_object_begin(&w);
    json_profile(&w, r->profile);
    jsonw_key(&w, "recommendations");
    jsonw_array_begin(&w);
    for (size_t i = 0; i < report_rec_count(r, top); i++)
        json_recommendation(&w, &r->ranked[i], i + 1);
    jsonw_array_end(&w);
    json_what_if(&w, &r->what_if);
    json_advice(&w, &r->advice);
    json_excluded(&w, r);
    json_bench(&w, plan);
    jsonw_object_end(&w);
    jsonw_finish(&w);
}

/* ---- Markdown ---- */

static void md_notes(FILE *out, const char *title, const struct adv_eval *e,
                     bool (*pick)(const struct adv_note *))
{
    bool any = false;
    for (size_t i = 0; i < e->n_notes; i++) {
        if (!pick(&e->notes[i]))
            continue;
        if (!any)
            fprintf(out, "\n**%s**\n\n", title);
        any = true;
        fprintf(out, "- %s\n", e->notes[i].text);
    }
}

static void md_recommendation(FILE *out, const struct adv_eval *e, size_t rank)
{
    const struct tax_algorithm *a = e->alg;
    fprintf(out, "\n### %zu. %s (`%s`)\n\n", rank, a->name, a->id);
    fprintf(out, "Family: %s. Score %.3g. Evidence: %s.%s%s%s\n\n%s\n", a->family->name,
            report_score_shown(e->score), tax_evidence_name(a->evidence), a->policy ? " Harness policy: `" : "",
            a->policy ? a->policy : "", a->policy ? "`." : "", a->summary);
    md_notes(out, "Why", e, adv_note_is_why);
    md_notes(out, "Cautions", e, adv_note_is_caution);
    if (a->n_references) {
        fprintf(out, "\n**References**\n\n");
        for (size_t i = 0; i < a->n_references; i++) {
            char *t = report_reference_text(a->references[i]);
            fprintf(out, "- %s\n", t);
            free(t);
        }
    }
    if (a->n_implementations) {
        fprintf(out, "\n**Implementations**\n\n");
        for (size_t i = 0; i < a->n_implementations; i++)
            fprintf(out, "- %s: `%s` (%s)\n", a->implementations[i].library,
                    a->implementations[i].how, a->implementations[i].status);
    }
}

static void md_profile(FILE *out, const struct adv_profile *p)
{
    fprintf(out, "# banditmap recommendation: %s\n\n", p->name ? p->name : "profile");
    if (p->description)
        fprintf(out, "%s\n\n", p->description);
    fprintf(out, "## Answers\n\n| trait | answer |\n|---|---|\n");
    for (size_t i = 0; i < p->n_answers; i++) {
        char buf[64];
        const struct adv_answer *a = &p->answers[i];
        if (adv_profile_applies(p, a->trait) == ADV_APPLIES_NO)
            continue;
        fprintf(out, "| %s | %s |\n", a->trait->id, adv_answer_text(a, buf, sizeof(buf)));
    }
}

void report_rec_markdown(const struct adv_recommendation *r, const struct bench_plan *plan,
                         size_t top, FILE *out)
{
    md_profile(out, r->profile);
    fprintf(out, "\n## Recommendations\n");
    if (!r->n_ranked)
        fprintf(out, "\nEvery algorithm is excluded by these answers.\n");
    for (size_t i = 0; i < report_rec_count(r, top); i++)
        md_recommendation(out, &r->ranked[i], i + 1);
    fprintf(out, "\n## What would change the pick\n\n");
    if (!r->what_if.count)
        fprintf(out, "No single change of answer changes the pick.\n");
    for (size_t i = 0; i < r->what_if.count; i++)
        fprintf(out, "- %s\n", r->what_if.items[i].text);
    fprintf(out, "\n## Operating advice\n\n");
    for (size_t i = 0; i < r->advice.count; i++) {
        const struct adv_advice *a = &r->advice.items[i];
        fprintf(out, "- **%s**: %s%s%s%s\n", a->topic, a->text, a->basis ? " _(Basis: " : "",
                a->basis ? a->basis : "", a->basis ? ".)_" : "");
    }
    fprintf(out, "\n## Excluded\n\n");
    if (!r->n_excluded)
        fprintf(out, "None.\n");
    for (size_t i = 0; i < r->n_excluded; i++) {
        char *reason = report_excluded_reason(&r->excluded[i]);
        fprintf(out, "- `%s` (%s): %s\n", r->excluded[i].alg->id, r->excluded[i].alg->name,
                reason);
        free(reason);
    }
    fprintf(out, "\n## Benchmark\n\n");
    if (plan->note)
        fprintf(out, "%s\n\n", plan->note);
    if (plan->n_traits) {
        fprintf(out, "| trait | simulated | how, or why not |\n|---|---|---|\n");
        for (size_t i = 0; i < plan->n_traits; i++)
            fprintf(out, "| %s | %s | %s |\n", plan->traits[i].trait,
                    plan->traits[i].carried ? "yes" : "no", plan->traits[i].text);
        fprintf(out, "\n");
    }
    fprintf(out, "Run with `banditmap bench SPEC.yaml` on this spec:\n\n```yaml\n");
    struct bench_spec *s = bench_plan_spec(plan, r->profile);
    bench_spec_write(s, out);
    bench_spec_free(s);
    fprintf(out, "```\n");
}
