/*
 * profile: load, validate, edit and save questionnaire answers (profile.h).
 *
 * Grammar read here (one YAML mapping):
 *   profile ::= { name: TEXT, description: TEXT, answers: answers }
 *   answers ::= { TRAIT-ID: ANSWER, ... }
 *   ANSWER  ::= ANSWER-ID | INTEGER | NUMBER | not_sure
 * Each load_* function below names the production it handles. The loader
 * keeps going after an error so one run reports every problem.
 */
#include "advisor/profile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/suggest.h"
#include "base/xalloc.h"
#include "base/yaml_reader.h"
#include "base/yaml_writer.h"

/* Longest ask_if chain followed before giving up (a cycle in bad data). */
enum { ASK_IF_MAX_DEPTH = 16 };

static void reset_slot(struct adv_answer *a, const struct tax_trait *t)
{
    memset(a, 0, sizeof(*a));
    a->trait = t;
    a->not_sure = true;
    if (t->kind == TAX_TRAIT_CHOICE)
        a->choice = tax_find_answer(t, TAX_NOT_SURE);
    else
        a->value = t->default_value;
}

struct adv_profile *adv_profile_new(const struct tax *tax)
{
    struct adv_profile *p = xcalloc(1, sizeof(*p));
    p->tax = tax;
    p->n_answers = tax->n_traits;
    p->answers = xcalloc(tax->n_traits ? tax->n_traits : 1, sizeof(*p->answers));
    for (size_t i = 0; i < tax->n_traits; i++)
        reset_slot(&p->answers[i], &tax->traits[i]);
    return p;
}

void adv_profile_free(struct adv_profile *p)
{
    if (!p)
        return;
    free(p->file);
    free(p->name);
    free(p->description);
    free(p->answers);
    free(p);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

struct adv_profile *adv_profile_copy(const struct adv_profile *p)
{
    struct adv_profile *c = xcalloc(1, sizeof(*c));
    c->tax = p->tax;
    c->file = dup_or_null(p->file);
    c->name = dup_or_null(p->name);
    c->description = dup_or_null(p->description);
    c->n_answers = p->n_answers;
    c->answers = xcalloc(p->n_answers ? p->n_answers : 1, sizeof(*c->answers));
    memcpy(c->answers, p->answers, p->n_answers * sizeof(*c->answers));
    return c;
}

void adv_profile_set_name(struct adv_profile *p, const char *name, const char *description)
{
    char *n = dup_or_null(name), *d = dup_or_null(description);
    free(p->name);
    free(p->description);
    p->name = n;
    p->description = d;
}

/* ---- lookups ---- */

static struct adv_answer *slot_of(const struct adv_profile *p, const struct tax_trait *t)
{
    if (!t || t < p->tax->traits || t >= p->tax->traits + p->tax->n_traits)
        return NULL;
    return &p->answers[t - p->tax->traits];
}

const struct adv_answer *adv_profile_slot(const struct adv_profile *p,
                                          const struct tax_trait *trait)
{
    const struct adv_answer *a = slot_of(p, trait);
    if (!a)
        BUG("trait '%s' is not from this profile's taxonomy", trait ? trait->id : "(null)");
    return a;
}

const struct adv_answer *adv_profile_get(const struct adv_profile *p, const char *trait_id)
{
    return slot_of(p, tax_find_trait(p->tax, trait_id));
}

/* Does the comma-separated list (ending at end or NUL) contain id? */
static bool list_has(const char *list, const char *id)
{
    size_t n = strlen(id);
    const char *s = list;
    while (*s) {
        while (*s == ' ' || *s == ',')
            s++;
        const char *e = s;
        while (*e && *e != ',' && *e != ' ')
            e++;
        if ((size_t)(e - s) == n && !strncmp(s, id, n))
            return true;
        s = e;
    }
    return false;
}

/* Split "trait=a,b" into the parent trait and the answer list. */
static const struct tax_trait *ask_if_parent(const struct tax *tax, const char *ask_if,
                                             const char **list)
{
    const char *eq = strchr(ask_if, '=');
    if (!eq)
        return NULL;
    char *id = xstrndup(ask_if, (size_t)(eq - ask_if));
    const struct tax_trait *t = tax_find_trait(tax, id);
    free(id);
    *list = eq + 1;
    return t && t->kind == TAX_TRAIT_CHOICE ? t : NULL;
}

static enum adv_applies applies_at(const struct adv_profile *p, const struct tax_trait *t,
                                   int depth)
{
    const char *list;
    if (!t->ask_if || depth > ASK_IF_MAX_DEPTH)
        return ADV_APPLIES_YES;
    const struct tax_trait *parent = ask_if_parent(p->tax, t->ask_if, &list);
    if (!parent || parent == t)
        return ADV_APPLIES_YES;
    enum adv_applies up = applies_at(p, parent, depth + 1);
    if (up == ADV_APPLIES_NO)
        return ADV_APPLIES_NO;
    const struct adv_answer *a = slot_of(p, parent);
    if (a->not_sure)
        return ADV_APPLIES_MAYBE;
    return list_has(list, a->choice->id) ? up : ADV_APPLIES_NO;
}

enum adv_applies adv_profile_applies(const struct adv_profile *p, const struct tax_trait *trait)
{
    return applies_at(p, trait, 0);
}

double adv_profile_number(const struct adv_profile *p, const char *trait_id, double fallback)
{
    const struct adv_answer *a = adv_profile_get(p, trait_id);
    return a && a->trait->kind != TAX_TRAIT_CHOICE ? a->value : fallback;
}

const char *adv_profile_choice(const struct adv_profile *p, const char *trait_id)
{
    const struct adv_answer *a = adv_profile_get(p, trait_id);
    return a && a->choice ? a->choice->id : NULL;
}

bool adv_profile_is(const struct adv_profile *p, const char *trait_id, const char *answer_id)
{
    const struct adv_answer *a = adv_profile_get(p, trait_id);
    return a && a->choice && !strcmp(a->choice->id, answer_id) &&
           adv_profile_applies(p, a->trait) != ADV_APPLIES_NO;
}

const char *adv_answer_text(const struct adv_answer *a, char *buf, size_t size)
{
    if (a->trait->kind == TAX_TRAIT_CHOICE)
        snprintf(buf, size, "%s", a->choice->id);
    else if (a->not_sure)
        snprintf(buf, size, "not_sure (default %.10g)", a->value);
    else
        snprintf(buf, size, "%.10g", a->value);
    return buf;
}

/* ---- editing ---- */

int adv_profile_set_choice(struct adv_profile *p, const char *trait_id, const char *answer_id)
{
    const struct tax_trait *t = tax_find_trait(p->tax, trait_id);
    struct adv_answer *a = slot_of(p, t);
    if (!a)
        return -1;
    if (!strcmp(answer_id, TAX_NOT_SURE)) {
        reset_slot(a, t);
        a->given = true;
        return 0;
    }
    const struct tax_answer *ans = t->kind == TAX_TRAIT_CHOICE ? tax_find_answer(t, answer_id)
                                                                : NULL;
    if (!ans)
        return -1;
    reset_slot(a, t);
    a->choice = ans;
    a->not_sure = false;
    a->given = true;
    return 0;
}

static bool number_ok(const struct tax_trait *t, double v)
{
    if (!isfinite(v) || v < t->min || v > t->max)
        return false;
    return t->kind != TAX_TRAIT_INTEGER || v == floor(v);
}

int adv_profile_set_number(struct adv_profile *p, const char *trait_id, double value)
{
    const struct tax_trait *t = tax_find_trait(p->tax, trait_id);
    struct adv_answer *a = slot_of(p, t);
    if (!a || t->kind == TAX_TRAIT_CHOICE || !number_ok(t, value))
        return -1;
    reset_slot(a, t);
    a->value = value;
    a->not_sure = false;
    a->given = true;
    return 0;
}

int adv_profile_clear(struct adv_profile *p, const char *trait_id)
{
    const struct tax_trait *t = tax_find_trait(p->tax, trait_id);
    struct adv_answer *a = slot_of(p, t);
    if (!a)
        return -1;
    reset_slot(a, t);
    return 0;
}

/* ---- loading ---- */

struct loader {
    const char *file;
    struct diag_list *diags;
    struct adv_profile *p;
};

static const char *const profile_keys[] = {"name", "description", "answers", NULL};

/* Production: name: TEXT | description: TEXT */
static void load_text(struct loader *ld, const struct yr_node *root, const char *key,
                      char **field)
{
    const struct yr_node *n = yr_get(root, key);
    const char *v;
    if (!n)
        return;
    char *what = xasprintf("profile key '%s'", key);
    if (yr_scalar_string(n, what, ld->file, ld->diags, &v) == 0) {
        free(*field);
        *field = xstrdup(v);
    }
    free(what);
}

/* "(allowed: a, b, not_sure)" for a choice trait, into a fresh string. */
static char *allowed_list(const struct tax_trait *t)
{
    size_t len = 16;
    for (size_t i = 0; i < t->n_answers; i++)
        len += strlen(t->answers[i].id) + 2;
    char *s = xmalloc(len);
    strcpy(s, "allowed: ");
    for (size_t i = 0; i < t->n_answers; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, t->answers[i].id);
    }
    return s;
}

/* Production: ANSWER ::= ANSWER-ID | not_sure (choice traits) */
static void load_choice(struct loader *ld, const struct tax_trait *t, const struct yr_node *v,
                        struct adv_answer *slot)
{
    const struct tax_answer *ans = tax_find_answer(t, v->scalar);
    if (ans) {
        slot->choice = ans;
        slot->not_sure = tax_answer_is_not_sure(ans);
        return;
    }
    const char **ids = xcalloc(t->n_answers + 1, sizeof(*ids));
    for (size_t i = 0; i < t->n_answers; i++)
        ids[i] = t->answers[i].id;
    const char *hint = suggest_closest(v->scalar, ids, t->n_answers);
    free(ids);
    if (hint) {
        diag_add(ld->diags, DIAG_ERROR, ld->file, v->line, v->col,
                 "answer '%s' is not allowed for trait '%s' (did you mean '%s'?)", v->scalar,
                 t->id, hint);
    } else {
        char *allowed = allowed_list(t);
        diag_add(ld->diags, DIAG_ERROR, ld->file, v->line, v->col,
                 "answer '%s' is not allowed for trait '%s' (%s)", v->scalar, t->id, allowed);
        free(allowed);
    }
}

/* A number for a message: whole numbers in full ("1000000000000", not
 * "1e+12"), others to 10 significant digits. */
static const char *number_text(double v, char *buf, size_t size)
{
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, size, "%.0f", v == 0 ? 0.0 : v);
    else
        snprintf(buf, size, "%.10g", v);
    return buf;
}

/* Production: ANSWER ::= INTEGER | NUMBER | not_sure (numeric traits) */
static void load_number(struct loader *ld, const struct tax_trait *t, const struct yr_node *v,
                        struct adv_answer *slot)
{
    char *what = xasprintf("answer to trait '%s'", t->id);
    double d;
    long long i = 0;
    int rc;
    if (t->kind == TAX_TRAIT_INTEGER) {
        rc = yr_scalar_int(v, what, ld->file, ld->diags, &i);
        d = (double)i;
    } else {
        rc = yr_scalar_double(v, what, ld->file, ld->diags, &d);
    }
    if (rc == 0 && (d < t->min || d > t->max)) {
        char lo[32], hi[32], got[32];
        if (t->kind == TAX_TRAIT_INTEGER)
            snprintf(got, sizeof(got), "%lld", i);
        else
            number_text(d, got, sizeof(got));
        diag_add(ld->diags, DIAG_ERROR, ld->file, v->line, v->col,
                 "%s must be between %s and %s, not %s", what,
                 number_text(t->min, lo, sizeof(lo)), number_text(t->max, hi, sizeof(hi)), got);
        rc = -1;
    }
    free(what);
    if (rc == 0) {
        slot->value = d;
        slot->not_sure = false;
    }
}

/* Production: TRAIT-ID: ANSWER */
static void load_answer(struct loader *ld, const struct yr_node *k, const struct yr_node *v)
{
    const struct tax *tax = ld->p->tax;
    const struct tax_trait *t = tax_find_trait(tax, k->scalar);
    if (!t) {
        const char **ids = xcalloc(tax->n_traits + 1, sizeof(*ids));
        for (size_t i = 0; i < tax->n_traits; i++)
            ids[i] = tax->traits[i].id;
        const char *hint = suggest_closest(k->scalar, ids, tax->n_traits);
        free(ids);
        if (hint)
            diag_add(ld->diags, DIAG_ERROR, ld->file, k->line, k->col,
                     "unknown trait '%s' (did you mean '%s'?)", k->scalar, hint);
        else
            diag_add(ld->diags, DIAG_ERROR, ld->file, k->line, k->col,
                     "unknown trait '%s' (banditmap traits lists them)", k->scalar);
        return;
    }
    if (v->kind != YR_SCALAR) {
        diag_add(ld->diags, DIAG_ERROR, ld->file, v->line, v->col,
                 "answer to trait '%s' must be a single value, not %s", t->id,
                 yr_kind_name(v->kind));
        return;
    }
    struct adv_answer *slot = slot_of(ld->p, t);
    if (!slot)
        BUG("trait '%s' found but has no slot", t->id);
    reset_slot(slot, t);
    slot->given = true;
    slot->line = v->line;
    slot->col = v->col;
    if (!strcmp(v->scalar, TAX_NOT_SURE))
        return;
    if (t->kind == TAX_TRAIT_CHOICE)
        load_choice(ld, t, v, slot);
    else
        load_number(ld, t, v, slot);
}

/* An answer the other answers make irrelevant is a warning: the engines
 * ignore it, and the user should know. */
static void warn_inapplicable(struct loader *ld)
{
    const struct adv_profile *p = ld->p;
    for (size_t i = 0; i < p->n_answers; i++) {
        const struct adv_answer *a = &p->answers[i];
        const char *list;
        if (!a->given || adv_profile_applies(p, a->trait) != ADV_APPLIES_NO)
            continue;
        const struct tax_trait *parent = ask_if_parent(p->tax, a->trait->ask_if, &list);
        const struct adv_answer *pa = slot_of(p, parent);
        diag_add(ld->diags, DIAG_WARNING, ld->file, a->line, a->col,
                 "trait '%s' does not apply when %s is '%s' (asked only if %s); "
                 "the answer is ignored",
                 a->trait->id, parent->id, pa->choice->id, a->trait->ask_if);
    }
}

/* Production: profile (the top-level mapping). */
static void load_root(struct loader *ld, const struct yr_node *root)
{
    yr_check_keys(root, profile_keys, "the profile", ld->file, ld->diags);
    load_text(ld, root, "name", &ld->p->name);
    load_text(ld, root, "description", &ld->p->description);
    const struct yr_node *ans = yr_get(root, "answers");
    if (!ans) {
        diag_add(ld->diags, DIAG_WARNING, ld->file, root->line, root->col,
                 "the profile has no 'answers': every trait counts as not_sure");
        return;
    }
    if (ans->kind != YR_MAPPING) {
        if (ans->kind == YR_SCALAR && !ans->scalar[0] && !ans->quoted)
            return; /* "answers:" with nothing under it */
        diag_add(ld->diags, DIAG_ERROR, ld->file, ans->line, ans->col,
                 "profile key 'answers' must be a mapping of trait: answer, not %s",
                 yr_kind_name(ans->kind));
        return;
    }
    for (size_t i = 0; i < ans->count; i++)
        load_answer(ld, ans->pairs[i].key, ans->pairs[i].value);
    warn_inapplicable(ld);
}

static struct adv_profile *load_doc(const struct tax *tax, const char *name,
                                    struct yr_doc *doc, struct diag_list *local)
{
    const struct yr_node *root = yr_root_mapping(doc, DIAG_ERROR, "the profile is empty",
                                                 "the profile must be a mapping", local);
    if (!root)
        return NULL;
    struct adv_profile *p = adv_profile_new(tax);
    p->file = xstrdup(name);
    struct loader ld = {.file = name, .diags = local, .p = p};
    load_root(&ld, root);
    return p;
}

static struct adv_profile *finish(struct adv_profile *p, struct diag_list *local,
                                  struct diag_list *diags)
{
    if (local->errors) {
        adv_profile_free(p);
        p = NULL;
    }
    diag_list_append(diags, local);
    diag_list_release(local);
    return p;
}

struct adv_profile *adv_profile_load(const struct tax *tax, const char *path,
                                     struct diag_list *diags)
{
    struct diag_list local;
    diag_list_init(&local);
    struct yr_doc *doc = yr_load_file(path, NULL, &local);
    struct adv_profile *p = load_doc(tax, path, doc, &local);
    yr_doc_free(doc);
    return finish(p, &local, diags);
}

struct adv_profile *adv_profile_load_buffer(const struct tax *tax, const char *name,
                                            const char *data, size_t len,
                                            struct diag_list *diags)
{
    struct diag_list local;
    diag_list_init(&local);
    struct yr_doc *doc = yr_load_buffer(name, data, len, NULL, &local);
    struct adv_profile *p = load_doc(tax, name, doc, &local);
    yr_doc_free(doc);
    return finish(p, &local, diags);
}

/* ---- writing ---- */

void adv_profile_write(const struct adv_profile *p, FILE *out)
{
    fputs("# banditmap problem profile: answers to the questionnaire "
          "(banditmap traits lists them)\n", out);
    if (p->name) {
        fputs("name: ", out);
        yaml_write_quoted(out, p->name);
        fputc('\n', out);
    }
    if (p->description) {
        fputs("description: ", out);
        yaml_write_quoted(out, p->description);
        fputc('\n', out);
    }
    fputs("answers:\n", out);
    for (size_t i = 0; i < p->n_answers; i++) {
        const struct adv_answer *a = &p->answers[i];
        if (!a->given)
            continue;
        fprintf(out, "  %s: ", a->trait->id);
        if (a->not_sure)
            fputs(TAX_NOT_SURE, out);
        else if (a->trait->kind == TAX_TRAIT_CHOICE)
            fputs(a->choice->id, out);
        else if (a->trait->kind == TAX_TRAIT_INTEGER)
            fprintf(out, "%lld", (long long)a->value);
        else
            fprintf(out, "%.10g", a->value);
        fputc('\n', out);
    }
}

int adv_profile_save(const struct adv_profile *p, const char *path, struct diag_list *diags)
{
    struct atomic_file af;
    if (atomic_file_open(&af, path, diags) < 0)
        return -1;
    adv_profile_write(p, af.fp);
    return atomic_file_commit(&af, diags);
}

struct adv_profile *adv_profile_rebind(const struct adv_profile *old, const struct tax *tax)
{
    struct adv_profile *p = adv_profile_new(tax);
    adv_profile_set_name(p, old->name, old->description);
    for (size_t i = 0; i < old->n_answers; i++) {
        const struct adv_answer *a = &old->answers[i];
        if (!a->given)
            continue;
        if (a->not_sure)
            adv_profile_set_choice(p, a->trait->id, TAX_NOT_SURE);
        else if (a->choice)
            adv_profile_set_choice(p, a->trait->id, a->choice->id);
        else
            adv_profile_set_number(p, a->trait->id, a->value);
    }
    return p;
}

size_t adv_profile_n_given(const struct adv_profile *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_answers; i++)
        n += p->answers[i].given;
    return n;
}
