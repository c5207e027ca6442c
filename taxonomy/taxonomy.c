/*
 * taxonomy: load the questionnaire and the map from YAML files.
 *
 * Schema (taxonomy/README.md has the full tables):
 *   file       ::= { traits: [trait], references: [reference],
 *                    families: [family], algorithms: [algorithm], version: int }
 *   trait      ::= { id, group, question, help, example, kind,
 *                    answers?: [{id, label, help?}], min?, max?, default?, unit?, ask_if? }
 *   reference  ::= { id, authors, year, title, venue, url? }
 *   family     ::= { id, name, summary, when, references: [id] }
 *   algorithm  ::= see validate.c
 *
 * Sections are read across all files in dependency order (traits,
 * references, families, then algorithms), so any file may refer to ids
 * defined in any other. Every problem becomes a diagnostic and loading
 * goes on, so one run reports them all.
 */
#include "taxonomy/taxonomy.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/suggest.h"
#include "base/xalloc.h"
#include "taxonomy/tax_internal.h"

/* ---- string index ---- */

static uint64_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603ull;  /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

void tax_index_init(struct tax_index *ix, struct arena *a, size_t expected)
{
    size_t cap = 16;
    while (cap < expected * 2)
        cap *= 2;
    ix->cap = cap;
    ix->keys = arena_calloc(a, cap, sizeof(*ix->keys));
    ix->values = arena_calloc(a, cap, sizeof(*ix->values));
}

size_t tax_index_get(const struct tax_index *ix, const char *key)
{
    if (!ix->cap)
        return (size_t)-1;
    for (size_t i = hash_string(key) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
        if (!ix->keys[i])
            return (size_t)-1;
        if (!strcmp(ix->keys[i], key))
            return ix->values[i];
    }
}

size_t tax_index_put(struct tax_index *ix, const char *key, size_t value)
{
    for (size_t i = hash_string(key) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
        if (!ix->keys[i]) {
            ix->keys[i] = key;
            ix->values[i] = value;
            return (size_t)-1;
        }
        if (!strcmp(ix->keys[i], key))
            return ix->values[i];
    }
}

/* ---- field readers shared with validate.c ---- */

struct tax_pos tb_pos(struct tax_builder *b, const char *file, const struct yr_node *n)
{
    (void)b;
    struct tax_pos p = {file, n ? n->line : 0, n ? n->col : 0};
    return p;
}

const char *tb_string(struct tax_builder *b, const char *file, const struct yr_node *map,
                      const char *key, bool required, const char *what)
{
    const struct yr_node *v = yr_get(map, key);
    if (!v) {
        if (required)
            diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                     "missing required key '%s' in %s", key, what);
        return NULL;
    }
    char *label = xasprintf("'%s' of %s", key, what);
    const char *s = NULL;
    int rc = yr_scalar_string(v, label, file, b->diags, &s);
    if (rc == 0 && required) {
        const char *p = s;
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p) {
            diag_add(b->diags, DIAG_ERROR, file, v->line, v->col, "empty %s", label);
            rc = -1;
        }
    }
    free(label);
    return rc == 0 ? arena_strdup(&b->t->arena, s) : NULL;
}

int tb_check_id(struct tax_builder *b, const char *file, const struct yr_node *n, const char *id,
                const char *what)
{
    bool ok = id[0] >= 'a' && id[0] <= 'z' && strlen(id) <= 64;
    for (const char *p = id; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
    if (!ok)
        diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                 "%s id '%s' must be snake_case: lowercase letters, digits and '_', "
                 "starting with a letter", what, id);
    return ok ? 0 : -1;
}

char *tb_entry_begin(struct tax_builder *b, const char *file, const struct yr_node *map,
                     const char *kind, const char *const *keys, const char **id)
{
    *id = NULL;
    if (map->kind != YR_MAPPING) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "each %s must be a mapping, not %s", kind, yr_kind_name(map->kind));
        return NULL;
    }
    char *anonymous = xasprintf("%s %s", strchr("aeiou", kind[0]) ? "an" : "a", kind);
    *id = tb_string(b, file, map, "id", true, anonymous);
    free(anonymous);
    char *what = xasprintf("%s '%s'", kind, *id ? *id : "?");
    yr_check_keys(map, keys, what, file, b->diags);
    return what;
}

void tb_duplicate(struct tax_builder *b, const char *kind, const char *id, struct tax_pos at,
                  struct tax_pos first)
{
    diag_add(b->diags, DIAG_ERROR, at.file, at.line, at.col,
             "duplicate %s id '%s' (first at %s:%d)", kind, id, first.file, first.line);
}

/* The value node of key `id` (for positions), or the map itself. */
static const struct yr_node *id_node(const struct yr_node *map)
{
    const struct yr_node *n = yr_get(map, "id");
    return n ? n : map;
}

int tb_references(struct tax_builder *b, const char *file, const struct yr_node *list,
                  const char *owner, const struct tax_reference ***out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (list->kind != YR_SEQUENCE) {
        diag_add(b->diags, DIAG_ERROR, file, list->line, list->col,
                 "references of %s must be a list of reference ids, not %s", owner,
                 yr_kind_name(list->kind));
        return -1;
    }
    if (list->count == 0) {
        diag_add(b->diags, DIAG_ERROR, file, list->line, list->col,
                 "%s needs at least one reference", owner);
        return -1;
    }
    const struct tax_reference **refs = arena_calloc(&b->t->arena, list->count, sizeof(*refs));
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < list->count; i++) {
        const struct yr_node *item = list->items[i];
        const char *id;
        if (yr_scalar_string(item, "a reference id", file, b->diags, &id) < 0) {
            rc = -1;
            continue;
        }
        size_t k = tax_index_get(&b->reference_index, id);
        if (k == (size_t)-1) {
            const char *hint = NULL;
            size_t nr = b->t->n_references;
            const char **ids = xcalloc(nr ? nr : 1, sizeof(*ids));
            for (size_t j = 0; j < nr; j++)
                ids[j] = b->references[j].id;
            hint = suggest_closest(id, ids, nr);
            if (hint)
                diag_add(b->diags, DIAG_ERROR, file, item->line, item->col,
                         "unknown reference '%s' in %s (did you mean '%s'?)", id, owner, hint);
            else
                diag_add(b->diags, DIAG_ERROR, file, item->line, item->col,
                         "unknown reference '%s' in %s", id, owner);
            free(ids);
            rc = -1;
            continue;
        }
        refs[n++] = &b->references[k];
    }
    *out = refs;
    *n_out = n;
    return rc;
}

/* ---- traits ---- */

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
        if (!id || !label || tb_check_id(b, file, id_node(a), id, "answer") < 0)
            continue;
        if (!strcmp(id, TAX_NOT_SURE)) {
            diag_add(b->diags, DIAG_ERROR, file, id_node(a)->line, id_node(a)->col,
                     "answer '%s' is added to every choice trait; do not list it", id);
            continue;
        }
        bool dup = false;
        for (size_t j = 0; j < n && !dup; j++)
            if (!strcmp(answers[j].id, id)) {
                diag_add(b->diags, DIAG_ERROR, file, id_node(a)->line, id_node(a)->col,
                         "duplicate answer '%s' in %s (first at line %d)", id, what,
                         answers[j].pos.line);
                dup = true;
            }
        if (dup)
            continue;
        answers[n++] = (struct tax_answer){id, label, help, tb_pos(b, file, id_node(a))};
    }
    answers[n++] = (struct tax_answer){TAX_NOT_SURE, "Not sure", NULL, tb_pos(b, file, list)};
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

static void load_trait(struct tax_builder *b, const char *file, const struct yr_node *map)
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
    tr.pos = tb_pos(b, file, id_node(map));
    /* A trait with a valid id is registered even if other fields are bad:
     * the load fails anyway, and this avoids a cascade of "unknown trait". */
    bool ok = id && tb_check_id(b, file, id_node(map), id, "trait") == 0;
    if (tr.group && one_of(tr.group, trait_groups) < 0)
        bad_enum(b, file, yr_get(map, "group"), tr.group, "trait group", trait_groups);
    static const char *const kinds[] = {"choice", "integer", "number", NULL};
    const char *kind = tb_string(b, file, map, "kind", true, what);
    int k = kind ? one_of(kind, kinds) : -1;
    if (kind && k < 0)
        bad_enum(b, file, yr_get(map, "kind"), kind, "trait kind", kinds);
    tr.kind = k == 1 ? TAX_TRAIT_INTEGER : k == 2 ? TAX_TRAIT_NUMBER : TAX_TRAIT_CHOICE;

    const struct yr_node *answers = yr_get(map, "answers");
    if (k == 0) {
        if (!answers) {
            diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                     "missing required key 'answers' in %s (kind is choice)", what);
        } else {
            load_answers(b, file, answers, &tr, what);
        }
        for (const char *const *key = (const char *const[]){"min", "max", "default", NULL}; *key;
             key++)
            if (yr_get(map, *key)) {
                const struct yr_node *n = yr_get(map, *key);
                diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                         "'%s' only applies to numeric traits, and %s is a choice", *key, what);
            }
    } else if (k > 0) {
        if (answers)
            diag_add(b->diags, DIAG_ERROR, file, answers->line, answers->col,
                     "'answers' only applies to choice traits, and %s is %s", what, kind);
        if (read_number(b, file, map, "min", what, &tr.min) < 0 ||
            read_number(b, file, map, "max", what, &tr.max) < 0 ||
            read_number(b, file, map, "default", what, &tr.default_value) < 0) {
            /* reported */
        } else if (!(tr.min <= tr.default_value && tr.default_value <= tr.max)) {
            const struct yr_node *n = yr_get(map, "default");
            diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                     "default %g of %s is outside [min %g, max %g]", tr.default_value, what,
                     tr.min, tr.max);
        } else if (k == 1 && (tr.min != floor(tr.min) || tr.max != floor(tr.max) ||
                              tr.default_value != floor(tr.default_value))) {
            diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                     "min, max and default of integer %s must be whole numbers", what);
        }
    }
    free(what);
    if (!ok)
        return;
    size_t prev = tax_index_put(&b->trait_index, id, b->t->n_traits);
    if (prev != (size_t)-1) {
        tb_duplicate(b, "trait", id, tr.pos, b->traits[prev].pos);
        return;
    }
    b->traits[b->t->n_traits++] = tr;
}

/* ask_if ::= trait "=" answer ("," answer)*; checked after all traits exist. */
static void check_ask_if(struct tax_builder *b, const struct tax_trait *tr)
{
    if (!tr->ask_if)
        return;
    const char *eq = strchr(tr->ask_if, '=');
    char *name = eq ? xstrndup(tr->ask_if, (size_t)(eq - tr->ask_if)) : xstrdup(tr->ask_if);
    const struct tax_trait *target = tax_find_trait(b->t, name);
    if (!eq || !target || target->kind != TAX_TRAIT_CHOICE || target == tr) {
        diag_add(b->diags, DIAG_ERROR, tr->pos.file, tr->pos.line, tr->pos.col,
                 "ask_if of trait '%s' must be \"trait=answer[,answer...]\" naming another "
                 "choice trait, not '%s'", tr->id, tr->ask_if);
        free(name);
        return;
    }
    char *list = xstrdup(eq + 1);
    for (char *save = NULL, *a = strtok_r(list, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
        while (*a == ' ')
            a++;
        if (!tax_find_answer(target, a))
            diag_add(b->diags, DIAG_ERROR, tr->pos.file, tr->pos.line, tr->pos.col,
                     "ask_if of trait '%s' names unknown answer '%s' of trait '%s'", tr->id, a,
                     name);
    }
    free(list);
    free(name);
}

/* ---- references ---- */

static const char *const reference_keys[] = {"id", "authors", "year", "title", "venue", "url",
                                             NULL};

static void load_reference(struct tax_builder *b, const char *file, const struct yr_node *map)
{
    const char *id;
    char *what = tb_entry_begin(b, file, map, "reference", reference_keys, &id);
    if (!what)
        return;
    struct tax_reference r = {0};
    r.id = id;
    r.authors = tb_string(b, file, map, "authors", true, what);
    r.title = tb_string(b, file, map, "title", true, what);
    r.venue = tb_string(b, file, map, "venue", true, what);
    r.url = tb_string(b, file, map, "url", false, what);
    r.pos = tb_pos(b, file, id_node(map));
    bool ok = id && tb_check_id(b, file, id_node(map), id, "reference") == 0;
    const struct yr_node *year = yr_get(map, "year");
    long long y = 0;
    if (!year) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "missing required key 'year' in %s", what);
    } else if (yr_scalar_int(year, "year", file, b->diags, &y) == 0 && (y < 1700 || y > 2100)) {
        diag_add(b->diags, DIAG_ERROR, file, year->line, year->col,
                 "year %lld of %s is not plausible", y, what);
    }
    r.year = (int)y;
    free(what);
    if (!ok)
        return;
    size_t prev = tax_index_put(&b->reference_index, id, b->t->n_references);
    if (prev != (size_t)-1) {
        tb_duplicate(b, "reference", id, r.pos, b->references[prev].pos);
        return;
    }
    b->references[b->t->n_references++] = r;
}

/* ---- families ---- */

static const char *const family_keys[] = {"id", "name", "summary", "when", "references", NULL};

static void load_family(struct tax_builder *b, const char *file, const struct yr_node *map)
{
    const char *id;
    char *what = tb_entry_begin(b, file, map, "family", family_keys, &id);
    if (!what)
        return;
    struct tax_family f = {0};
    f.id = id;
    f.name = tb_string(b, file, map, "name", true, what);
    f.summary = tb_string(b, file, map, "summary", true, what);
    f.when = tb_string(b, file, map, "when", true, what);
    f.pos = tb_pos(b, file, id_node(map));
    bool ok = id && tb_check_id(b, file, id_node(map), id, "family") == 0;
    const struct yr_node *refs = yr_get(map, "references");
    if (!refs)
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "missing required key 'references' in %s", what);
    else
        tb_references(b, file, refs, what, &f.references, &f.n_references);
    free(what);
    if (!ok)
        return;
    size_t prev = tax_index_put(&b->family_index, id, b->t->n_families);
    if (prev != (size_t)-1) {
        tb_duplicate(b, "family", id, f.pos, b->families[prev].pos);
        return;
    }
    b->families[b->t->n_families++] = f;
}

/* ---- orchestration ---- */

static const char *const top_keys[] = {"version", "traits", "references", "families",
                                       "algorithms", NULL};

/* The section's list in doc i, or NULL (reporting a wrong type). */
static const struct yr_node *section(struct tax_builder *b, size_t i, const char *name)
{
    const struct yr_doc *doc = b->docs[i];
    const struct yr_node *s = yr_get(doc->root, name);
    if (!s)
        return NULL;
    if (s->kind == YR_SCALAR && !s->quoted && (!s->scalar[0] || !strcmp(s->scalar, "~")))
        return NULL;  /* "algorithms:" with nothing under it */
    if (s->kind != YR_SEQUENCE) {
        diag_add(b->diags, DIAG_ERROR, doc->file, s->line, s->col,
                 "'%s' must be a list, not %s", name, yr_kind_name(s->kind));
        return NULL;
    }
    return s;
}

static size_t count_section(struct tax_builder *b, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n_docs; i++) {
        const struct yr_node *s = yr_get(b->docs[i]->root, name);
        if (s && s->kind == YR_SEQUENCE)
            n += s->count;
    }
    return n;
}

typedef void (*tb_item_fn)(struct tax_builder *b, const char *file, const struct yr_node *n);

static void load_section(struct tax_builder *b, const char *name, tb_item_fn fn)
{
    for (size_t i = 0; i < b->n_docs; i++) {
        const struct yr_node *s = section(b, i, name);
        for (size_t j = 0; s && j < s->count; j++)
            fn(b, b->docs[i]->file, s->items[j]);
    }
}

struct tax *tax_load(const char *const *paths, size_t n_paths, struct diag_list *diags)
{
    size_t errors_before = diags->errors;
    struct tax *t = xcalloc(1, sizeof(*t));
    arena_init(&t->arena);
    struct tax_builder b = {.t = t, .diags = diags};
    b.docs = xcalloc(n_paths ? n_paths : 1, sizeof(*b.docs));
    const char **files = arena_calloc(&t->arena, n_paths ? n_paths : 1, sizeof(*files));
    for (size_t i = 0; i < n_paths; i++) {
        struct yr_doc *doc = yr_load_file(paths[i], NULL, diags);
        if (!doc)
            continue;
        if (!doc->root) {
            diag_add(diags, DIAG_WARNING, paths[i], 0, 0, "file is empty");
            files[t->n_files++] = arena_strdup(&t->arena, paths[i]);
            yr_doc_free(doc);
            continue;
        }
        if (doc->root->kind != YR_MAPPING) {
            diag_add(diags, DIAG_ERROR, paths[i], doc->root->line, doc->root->col,
                     "a taxonomy file must be a mapping with traits, references, families "
                     "or algorithms, not %s", yr_kind_name(doc->root->kind));
            yr_doc_free(doc);
            continue;
        }
        yr_check_keys(doc->root, top_keys, "the top level", paths[i], diags);
        /* Positions point into the tax arena, which outlives the docs. */
        doc->file = arena_strdup(&t->arena, paths[i]);
        files[t->n_files++] = doc->file;
        b.docs[b.n_docs++] = doc;
    }
    t->files = files;

    size_t nt = count_section(&b, "traits"), nr = count_section(&b, "references");
    size_t nf = count_section(&b, "families"), na = count_section(&b, "algorithms");
    b.traits = arena_calloc(&t->arena, nt, sizeof(*b.traits));
    b.references = arena_calloc(&t->arena, nr, sizeof(*b.references));
    b.families = arena_calloc(&t->arena, nf, sizeof(*b.families));
    b.algorithms = arena_calloc(&t->arena, na, sizeof(*b.algorithms));
    t->traits = b.traits;
    t->references = b.references;
    t->families = b.families;
    t->algorithms = b.algorithms;
    tax_index_init(&b.trait_index, &t->arena, nt);
    tax_index_init(&b.reference_index, &t->arena, nr);
    tax_index_init(&b.family_index, &t->arena, nf);
    tax_index_init(&b.algorithm_index, &t->arena, na);

    load_section(&b, "traits", load_trait);
    for (size_t i = 0; i < t->n_traits; i++)
        check_ask_if(&b, &b.traits[i]);
    load_section(&b, "references", load_reference);
    load_section(&b, "families", load_family);
    tb_load_algorithms(&b);
    tb_final_checks(&b);

    for (size_t i = 0; i < b.n_docs; i++)
        yr_doc_free(b.docs[i]);
    free(b.docs);
    if (diags->errors > errors_before) {
        tax_free(t);
        return NULL;
    }
    return t;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *tax_default_dir(void)
{
    const char *env = getenv("BANDITMAP_DATA");
    if (env && *env)
        return env;
    if (file_exists(BANDITMAP_INSTALL_DATADIR "/traits.yaml"))
        return BANDITMAP_INSTALL_DATADIR;
    return BANDITMAP_SOURCE_DATADIR;
}

struct tax *tax_load_dir(const char *data_dir, struct diag_list *diags)
{
    if (!data_dir)
        data_dir = tax_default_dir();
    char *traits = xasprintf("%s/traits.yaml", data_dir);
    char *bandits = xasprintf("%s/bandits.yaml", data_dir);
    const char *paths[] = {traits, bandits};
    struct tax *t = tax_load(paths, 2, diags);
    free(traits);
    free(bandits);
    return t;
}

bool tax_file_defines_traits(const char *path)
{
    static const char key[] = "traits:";
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t col = 0, matched = 0, n = 0;
    bool found = false;
    int ch;
    while (!found && (ch = getc(f)) != EOF && n++ <= yr_default_limits.max_bytes) {
        if (ch == '\n')
            col = matched = 0;
        else if (col++ == matched && matched < sizeof(key) - 1 && ch == key[matched])
            found = ++matched == sizeof(key) - 1;
    }
    fclose(f);
    return found;
}

struct tax *tax_load_files(const char *data_dir, const char *const *files, size_t n_files,
                           struct diag_list *diags)
{
    if (!data_dir)
        data_dir = tax_default_dir();
    if (!n_files)
        return tax_load_dir(data_dir, diags);
    bool own_traits = false;
    for (size_t i = 0; i < n_files && !own_traits; i++)
        own_traits = tax_file_defines_traits(files[i]);
    const char **paths = xcalloc(n_files + 1, sizeof(*paths));
    char *traits = own_traits ? NULL : xasprintf("%s/traits.yaml", data_dir);
    size_t n = 0;
    if (traits)
        paths[n++] = traits;
    for (size_t i = 0; i < n_files; i++)
        paths[n++] = files[i];
    struct tax *t = tax_load(paths, n, diags);
    free(traits);
    free(paths);
    return t;
}

void tax_free(struct tax *t)
{
    if (!t)
        return;
    arena_release(&t->arena);
    free(t);
}

/* ---- lookups (linear: a taxonomy has hundreds of entries, not millions) ---- */

#define FIND_BY_ID(array, count, id)                                                       \
    for (size_t i_ = 0; i_ < (count); i_++)                                                \
        if (!strcmp((array)[i_].id, (id)))                                                 \
            return &(array)[i_];                                                           \
    return NULL

const struct tax_trait *tax_find_trait(const struct tax *t, const char *id)
{
    FIND_BY_ID(t->traits, t->n_traits, id);
}

const struct tax_answer *tax_find_answer(const struct tax_trait *trait, const char *id)
{
    FIND_BY_ID(trait->answers, trait->n_answers, id);
}

const struct tax_family *tax_find_family(const struct tax *t, const char *id)
{
    FIND_BY_ID(t->families, t->n_families, id);
}

const struct tax_algorithm *tax_find_algorithm(const struct tax *t, const char *id)
{
    FIND_BY_ID(t->algorithms, t->n_algorithms, id);
}

const struct tax_reference *tax_find_reference(const struct tax *t, const char *id)
{
    FIND_BY_ID(t->references, t->n_references, id);
}

bool tax_answer_is_not_sure(const struct tax_answer *a)
{
    return a && !strcmp(a->id, TAX_NOT_SURE);
}

const char *tax_evidence_name(enum tax_evidence e)
{
    switch (e) {
    case TAX_EVIDENCE_THEORY: return "theory";
    case TAX_EVIDENCE_BENCHMARK: return "benchmark";
    case TAX_EVIDENCE_FIELD: return "field";
    }
    return "theory";
}

const char *tax_trait_kind_name(enum tax_trait_kind k)
{
    switch (k) {
    case TAX_TRAIT_CHOICE: return "choice";
    case TAX_TRAIT_INTEGER: return "integer";
    case TAX_TRAIT_NUMBER: return "number";
    }
    return "choice";
}
