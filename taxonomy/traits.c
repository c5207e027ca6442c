/*
 * traits: the questionnaire section's loader (see traits.h).
 */
#include "taxonomy/traits.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"
#include "base/xalloc.h"

static const char *const trait_keys[] = {"id", "group", "question", "help", "example", "kind",
                                         "answers", "min", "max", "default", "unit", "ask_if",
                                         NULL};
static const char *const trait_groups[] = {"entry", "reward", "action", "context", "dynamics",
                                           "feedback", "constraints", "objective",
                                           "operations", "parameters", NULL};
static const char *const answer_keys[] = {"id", "label", "help", NULL};

static int one_of(const char *s, const char *const *set)
{
    for (int i = 0; set[i]; i++)
        if (!strcmp(s, set[i]))
            return i;
    return -1;
}

static void bad_enum(struct tax_builder *b, const char *file, const struct yr_node *n,
                     const char *value, const char *what, const char *const *set)
{
    size_t count = 0;
    while (set[count])
        count++;
    const char *hint = suggest_closest(value, set, count);
    if (hint)
        diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                 "unknown %s '%s' (did you mean '%s'?)", what, value, hint);
    else
        diag_add(b->diags, DIAG_ERROR, file, n->line, n->col, "unknown %s '%s'", what, value);
}

static void load_answers(struct tax_builder *b, const char *file, const struct yr_node *list,
                         struct tax_trait *tr, const char *what)
{
    if (list->kind != YR_SEQUENCE || list->count == 0) {
        diag_add(b->diags, DIAG_ERROR, file, list->line, list->col,
                 "answers of %s must be a non-empty list", what);
        return;
    }
    struct tax_answer *answers = arena_calloc(&b->t->arena, list->count + 1, sizeof(*answers));
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        const struct yr_node *a = list->items[i];
        if (a->kind != YR_MAPPING) {
            diag_add(b->diags, DIAG_ERROR, file, a->line, a->col,
                     "each answer of %s must be a mapping with id and label", what);
            continue;
        }
        char *awhat = xasprintf("an answer of %s", what);
        yr_check_keys(a, answer_keys, awhat, file, b->diags);
        const char *id = tb_string(b, file, a, "id", true, awhat);
        const char *label = tb_string(b, file, a, "label", true, awhat);
        const char *help = tb_string(b, file, a, "help", false, awhat);
        free(awhat);
        const struct yr_node *idn = tb_id_node(a);
        if (!id || !label || tb_check_id(b, file, idn, id, "answer") < 0)
            continue;
        if (!strcmp(id, TAX_NOT_SURE)) {
            diag_add(b->diags, DIAG_ERROR, file, idn->line, idn->col,
                     "answer '%s' is added to every choice trait; do not list it", id);
            continue;
        }
        bool dup = false;
        for (size_t j = 0; j < n && !dup; j++)
            if (!strcmp(answers[j].id, id)) {
                diag_add(b->diags, DIAG_ERROR, file, idn->line, idn->col,
                         "duplicate answer '%s' in %s (first at line %d)", id, what,
                         answers[j].pos.line);
                dup = true;
            }
        if (dup)
            continue;
        answers[n++] = (struct tax_answer){id, label, help, tb_pos(file, idn)};
    }
    answers[n++] = (struct tax_answer){TAX_NOT_SURE, "Not sure", NULL, tb_pos(file, list)};
    tr->answers = answers;
    tr->n_answers = n;
}

static int read_number(struct tax_builder *b, const char *file, const struct yr_node *map,
                       const char *key, const char *what, double *out)
{
    const struct yr_node *v = yr_get(map, key);
    if (!v) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "missing required key '%s' in %s", key, what);
        return -1;
    }
    char *label = xasprintf("'%s' of %s", key, what);
    int rc = yr_scalar_double(v, label, file, b->diags, out);
    free(label);
    return rc;
}

/* The keys of a choice trait: answers, and none of the numeric ones. */
static void load_choice(struct tax_builder *b, const char *file, const struct yr_node *map,
                        struct tax_trait *tr, const char *what)
{
    const struct yr_node *answers = yr_get(map, "answers");
    if (!answers) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "missing required key 'answers' in %s (kind is choice)", what);
    } else {
        load_answers(b, file, answers, tr, what);
    }
    for (const char *const *key = (const char *const[]){"min", "max", "default", NULL}; *key;
         key++)
        if (yr_get(map, *key)) {
            const struct yr_node *n = yr_get(map, *key);
            diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                     "'%s' only applies to numeric traits, and %s is a choice", *key, what);
        }
}

/* The keys of a numeric trait (kind is "integer" or "number"): min <=
 * default <= max, whole numbers for an integer trait, and no answers. */
static void load_numeric(struct tax_builder *b, const char *file, const struct yr_node *map,
                         struct tax_trait *tr, const char *what, const char *kind)
{
    const struct yr_node *answers = yr_get(map, "answers");
    if (answers)
        diag_add(b->diags, DIAG_ERROR, file, answers->line, answers->col,
                 "'answers' only applies to choice traits, and %s is %s", what, kind);
    if (read_number(b, file, map, "min", what, &tr->min) < 0 ||
        read_number(b, file, map, "max", what, &tr->max) < 0 ||
        read_number(b, file, map, "default", what, &tr->default_value) < 0) {
        /* reported */
    } else if (!(tr->min <= tr->default_value && tr->default_value <= tr->max)) {
        const struct yr_node *n = yr_get(map, "default");
        diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                 "default %g of %s is outside [min %g, max %g]", tr->default_value, what,
                 tr->min, tr->max);
    } else if (tr->kind == TAX_TRAIT_INTEGER &&
               (tr->min != floor(tr->min) || tr->max != floor(tr->max) ||
                tr->default_value != floor(tr->default_value))) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "min, max and default of integer %s must be whole numbers", what);
    }
}

void tb_load_trait(struct tax_builder *b, const char *file, const struct yr_node *map)
{
    const char *id;
    char *what = tb_entry_begin(b, file, map, "trait", trait_keys, &id);
    if (!what)
        return;
    struct tax_trait tr = {0};
    tr.id = id;
    tr.group = tb_string(b, file, map, "group", true, what);
    tr.question = tb_string(b, file, map, "question", true, what);
    tr.help = tb_string(b, file, map, "help", true, what);
    tr.example = tb_string(b, file, map, "example", true, what);
    tr.unit = tb_string(b, file, map, "unit", false, what);
    tr.ask_if = tb_string(b, file, map, "ask_if", false, what);
    tr.pos = tb_pos(file, tb_id_node(map));
    bool ok = id && tb_check_id(b, file, tb_id_node(map), id, "trait") == 0;
    if (tr.group && one_of(tr.group, trait_groups) < 0)
        bad_enum(b, file, yr_get(map, "group"), tr.group, "trait group", trait_groups);
    static const char *const kinds[] = {"choice", "integer", "number", NULL};
    const char *kind = tb_string(b, file, map, "kind", true, what);
    int k = kind ? one_of(kind, kinds) : -1;
    if (kind && k < 0)
        bad_enum(b, file, yr_get(map, "kind"), kind, "trait kind", kinds);
    tr.kind = k == 1 ? TAX_TRAIT_INTEGER : k == 2 ? TAX_TRAIT_NUMBER : TAX_TRAIT_CHOICE;
    if (k == 0)
        load_choice(b, file, map, &tr, what);
    else if (k > 0)
        load_numeric(b, file, map, &tr, what, kind);
    free(what);
    if (ok && tb_claim(b, &b->trait_index, "trait", id, b->t->n_traits, tr.pos))
        b->traits[b->t->n_traits++] = tr;
}
