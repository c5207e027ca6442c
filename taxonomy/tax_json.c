#include "taxonomy/tax_json.h"

#include <math.h>

static void key_string(struct jsonw *w, const char *key, const char *value)
{
    jsonw_key(w, key);
    jsonw_string(w, value);
}

void tax_json_reference(struct jsonw *w, const struct tax_reference *r)
{
    jsonw_object_begin(w);
    key_string(w, "id", r->id);
    key_string(w, "authors", r->authors);
    jsonw_key(w, "year");
    jsonw_int(w, r->year);
    key_string(w, "title", r->title);
    key_string(w, "venue", r->venue);
    if (r->url)
        key_string(w, "url", r->url);
    jsonw_object_end(w);
}

static void condition(struct jsonw *w, const struct tax_condition *c)
{
    key_string(w, "trait", c->trait->id);
    if (c->trait->kind == TAX_TRAIT_CHOICE) {
        jsonw_key(w, "is");
        jsonw_array_begin(w);
        for (size_t i = 0; i < c->n_answers; i++)
            jsonw_string(w, c->answers[i]->id);
        jsonw_array_end(w);
    }
    if (!isnan(c->at_least)) {
        jsonw_key(w, "at_least");
        jsonw_number(w, c->at_least);
    }
    if (!isnan(c->at_most)) {
        jsonw_key(w, "at_most");
        jsonw_number(w, c->at_most);
    }
}

static void rules(struct jsonw *w, const struct tax_algorithm *a)
{
    jsonw_key(w, "fits");
    jsonw_array_begin(w);
    for (size_t i = 0; i < a->n_fits; i++) {
        jsonw_object_begin(w);
        key_string(w, "trait", a->fits[i].trait->id);
        key_string(w, "answer", a->fits[i].answer->id);
        jsonw_key(w, "score");
        jsonw_int(w, a->fits[i].score);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
    jsonw_key(w, "excludes");
    jsonw_array_begin(w);
    for (size_t i = 0; i < a->n_excludes; i++) {
        jsonw_object_begin(w);
        condition(w, &a->excludes[i].when);
        key_string(w, "why", a->excludes[i].why);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
    jsonw_key(w, "cautions");
    jsonw_array_begin(w);
    for (size_t i = 0; i < a->n_cautions; i++) {
        jsonw_object_begin(w);
        condition(w, &a->cautions[i].when);
        key_string(w, "text", a->cautions[i].text);
        jsonw_key(w, "penalty");
        jsonw_int(w, a->cautions[i].penalty);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
    jsonw_key(w, "assumes");
    jsonw_object_begin(w);
    for (size_t i = 0; i < a->n_assumes; i++)
        key_string(w, a->assumes[i].trait->id, a->assumes[i].answer->id);
    jsonw_object_end(w);
}

void tax_json_algorithm(struct jsonw *w, const struct tax_algorithm *a, bool full)
{
    jsonw_object_begin(w);
    key_string(w, "id", a->id);
    key_string(w, "name", a->name);
    key_string(w, "family", a->family->id);
    key_string(w, "summary", a->summary);
    key_string(w, "evidence", tax_evidence_name(a->evidence));
    key_string(w, "policy", a->policy);
    jsonw_key(w, "references");
    jsonw_array_begin(w);
    for (size_t i = 0; i < a->n_references; i++)
        tax_json_reference(w, a->references[i]);
    jsonw_array_end(w);
    if (full) {
        key_string(w, "compute", a->compute);
        key_string(w, "memory", a->memory);
        key_string(w, "guarantee", a->guarantee);
        key_string(w, "advice", a->advice);
        rules(w, a);
        jsonw_key(w, "knobs");
        jsonw_array_begin(w);
        for (size_t i = 0; i < a->n_knobs; i++) {
            jsonw_object_begin(w);
            key_string(w, "name", a->knobs[i].name);
            key_string(w, "default", a->knobs[i].default_value);
            key_string(w, "help", a->knobs[i].help);
            jsonw_object_end(w);
        }
        jsonw_array_end(w);
        jsonw_key(w, "implementations");
        jsonw_array_begin(w);
        for (size_t i = 0; i < a->n_implementations; i++) {
            jsonw_object_begin(w);
            key_string(w, "library", a->implementations[i].library);
            key_string(w, "how", a->implementations[i].how);
            key_string(w, "status", a->implementations[i].status);
            jsonw_object_end(w);
        }
        jsonw_array_end(w);
    }
    jsonw_object_end(w);
}

void tax_json_family(struct jsonw *w, const struct tax_family *f)
{
    jsonw_object_begin(w);
    key_string(w, "id", f->id);
    key_string(w, "name", f->name);
    key_string(w, "summary", f->summary);
    key_string(w, "when", f->when);
    jsonw_key(w, "algorithms");
    jsonw_array_begin(w);
    for (size_t i = 0; i < f->n_algorithms; i++)
        jsonw_string(w, f->algorithms[i]->id);
    jsonw_array_end(w);
    jsonw_key(w, "references");
    jsonw_array_begin(w);
    for (size_t i = 0; i < f->n_references; i++)
        tax_json_reference(w, f->references[i]);
    jsonw_array_end(w);
    jsonw_object_end(w);
}

void tax_json_trait(struct jsonw *w, const struct tax_trait *t)
{
    jsonw_object_begin(w);
    key_string(w, "id", t->id);
    key_string(w, "group", t->group);
    key_string(w, "question", t->question);
    key_string(w, "help", t->help);
    key_string(w, "example", t->example);
    key_string(w, "kind", tax_trait_kind_name(t->kind));
    if (t->ask_if)
        key_string(w, "ask_if", t->ask_if);
    if (t->kind == TAX_TRAIT_CHOICE) {
        jsonw_key(w, "answers");
        jsonw_array_begin(w);
        for (size_t i = 0; i < t->n_answers; i++) {
            jsonw_object_begin(w);
            key_string(w, "id", t->answers[i].id);
            key_string(w, "label", t->answers[i].label);
            jsonw_object_end(w);
        }
        jsonw_array_end(w);
    } else {
        jsonw_key(w, "min");
        jsonw_number(w, t->min);
        jsonw_key(w, "max");
        jsonw_number(w, t->max);
        jsonw_key(w, "default");
        jsonw_number(w, t->default_value);
        if (t->unit)
            key_string(w, "unit", t->unit);
    }
    jsonw_object_end(w);
}
