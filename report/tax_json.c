/*
 * tax_json: the taxonomy's entries as JSON (see tax_json.h).
 */
#include "report/tax_json.h"

#include <math.h>

void tax_json_reference(struct jsonw *w, const struct tax_reference *r)
{
    jsonw_object_begin(w);
    jsonw_member_string(w, "id", r->id);
    jsonw_member_string(w, "authors", r->authors);
    jsonw_member_int(w, "year", r->year);
    jsonw_member_string(w, "title", r->title);
    jsonw_member_string(w, "venue", r->venue);
    if (r->url)
        jsonw_member_string(w, "url", r->url);
    jsonw_object_end(w);
}

/* "references": [...] of an algorithm or a family. */
static void references(struct jsonw *w, const struct tax_reference *const *refs, size_t n)
{
    jsonw_key(w, "references");
    jsonw_array_begin(w);
    for (size_t i = 0; i < n; i++)
        tax_json_reference(w, refs[i]);
    jsonw_array_end(w);
}

static void condition(struct jsonw *w, const struct tax_condition *c)
{
    jsonw_member_string(w, "trait", c->trait->id);
    if (c->trait->kind == TAX_TRAIT_CHOICE) {
        jsonw_key(w, "is");
        jsonw_array_begin(w);
        for (size_t i = 0; i < c->n_answers; i++)
            jsonw_string(w, c->answers[i]->id);
        jsonw_array_end(w);
    }
    if (!isnan(c->at_least))
        jsonw_member_number(w, "at_least", c->at_least);
    if (!isnan(c->at_most))
        jsonw_member_number(w, "at_most", c->at_most);
}

static void rules(struct jsonw *w, const struct tax_algorithm *a)
{
    jsonw_key(w, "fits");
    jsonw_array_begin(w);
    for (size_t i = 0; i < a->n_fits; i++) {
        jsonw_object_begin(w);
        jsonw_member_string(w, "trait", a->fits[i].trait->id);
        jsonw_member_string(w, "answer", a->fits[i].answer->id);
        jsonw_member_int(w, "score", a->fits[i].score);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
    jsonw_key(w, "excludes");
    jsonw_array_begin(w);
    for (size_t i = 0; i < a->n_excludes; i++) {
        jsonw_object_begin(w);
        condition(w, &a->excludes[i].when);
        jsonw_member_string(w, "why", a->excludes[i].why);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
    jsonw_key(w, "cautions");
    jsonw_array_begin(w);
    for (size_t i = 0; i < a->n_cautions; i++) {
        jsonw_object_begin(w);
        condition(w, &a->cautions[i].when);
        jsonw_member_string(w, "text", a->cautions[i].text);
        jsonw_member_int(w, "penalty", a->cautions[i].penalty);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
    jsonw_key(w, "assumes");
    jsonw_object_begin(w);
    for (size_t i = 0; i < a->n_assumes; i++)
        jsonw_member_string(w, a->assumes[i].trait->id, a->assumes[i].answer->id);
    jsonw_object_end(w);
}

void tax_json_implementations(struct jsonw *w, const struct tax_algorithm *a)
{
    jsonw_key(w, "implementations");
    jsonw_array_begin(w);
    for (size_t i = 0; i < a->n_implementations; i++) {
        const struct tax_implementation *im = &a->implementations[i];
        jsonw_object_begin(w);
        jsonw_member_string(w, "library", im->library);
        jsonw_member_string(w, "how", im->how);
        jsonw_member_string(w, "status", im->status);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
}

void tax_json_algorithm(struct jsonw *w, const struct tax_algorithm *a, bool full)
{
    jsonw_object_begin(w);
    jsonw_member_string(w, "id", a->id);
    jsonw_member_string(w, "name", a->name);
    jsonw_member_string(w, "family", a->family->id);
    jsonw_member_string(w, "summary", a->summary);
    jsonw_member_string(w, "evidence", tax_evidence_name(a->evidence));
    jsonw_member_string(w, "policy", a->policy);
    references(w, a->references, a->n_references);
    if (full) {
        jsonw_member_string(w, "compute", a->compute);
        jsonw_member_string(w, "memory", a->memory);
        jsonw_member_string(w, "guarantee", a->guarantee);
        jsonw_member_string(w, "advice", a->advice);
        rules(w, a);
        jsonw_key(w, "knobs");
        jsonw_array_begin(w);
        for (size_t i = 0; i < a->n_knobs; i++) {
            jsonw_object_begin(w);
            jsonw_member_string(w, "name", a->knobs[i].name);
            jsonw_member_string(w, "default", a->knobs[i].default_value);
            jsonw_member_string(w, "help", a->knobs[i].help);
            jsonw_object_end(w);
        }
        jsonw_array_end(w);
        tax_json_implementations(w, a);
    }
    jsonw_object_end(w);
}

void tax_json_family(struct jsonw *w, const struct tax_family *f)
{
    jsonw_object_begin(w);
    jsonw_member_string(w, "id", f->id);
    jsonw_member_string(w, "name", f->name);
    jsonw_member_string(w, "summary", f->summary);
    jsonw_member_string(w, "when", f->when);
    jsonw_key(w, "algorithms");
    jsonw_array_begin(w);
    for (size_t i = 0; i < f->n_algorithms; i++)
        jsonw_string(w, f->algorithms[i]->id);
    jsonw_array_end(w);
    references(w, f->references, f->n_references);
    jsonw_object_end(w);
}

void tax_json_trait(struct jsonw *w, const struct tax_trait *t)
{
    jsonw_object_begin(w);
    jsonw_member_string(w, "id", t->id);
    jsonw_member_string(w, "group", t->group);
    jsonw_member_string(w, "question", t->question);
    jsonw_member_string(w, "help", t->help);
    jsonw_member_string(w, "example", t->example);
    jsonw_member_string(w, "kind", tax_trait_kind_name(t->kind));
    if (t->ask_if)
        jsonw_member_string(w, "ask_if", t->ask_if);
    if (t->kind == TAX_TRAIT_CHOICE) {
        jsonw_key(w, "answers");
        jsonw_array_begin(w);
        for (size_t i = 0; i < t->n_answers; i++) {
            jsonw_object_begin(w);
            jsonw_member_string(w, "id", t->answers[i].id);
            jsonw_member_string(w, "label", t->answers[i].label);
            jsonw_object_end(w);
        }
        jsonw_array_end(w);
    } else {
        jsonw_member_number(w, "min", t->min);
        jsonw_member_number(w, "max", t->max);
        jsonw_member_number(w, "default", t->default_value);
        if (t->unit)
            jsonw_member_string(w, "unit", t->unit);
    }
    jsonw_object_end(w);
}
