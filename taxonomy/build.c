/*
 * build: builder state and field readers for the section loaders (see
 * build.h).
 */
#include "taxonomy/build.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"
#include "base/xalloc.h"

/* ---- string index ---- */

static uint64_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603ull;  /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

void tb_index_init(struct tb_index *ix, struct arena *a, size_t expected)
{
    size_t cap = 16;
    while (cap < expected * 2)
        cap *= 2;
    ix->cap = cap;
    ix->keys = arena_calloc(a, cap, sizeof(*ix->keys));
    ix->values = arena_calloc(a, cap, sizeof(*ix->values));
    ix->first = arena_calloc(a, cap, sizeof(*ix->first));
}

size_t tb_index_get(const struct tb_index *ix, const char *key)
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

bool tb_claim(struct tax_builder *b, struct tb_index *ix, const char *kind, const char *id,
              size_t value, struct tax_pos at)
{
    for (size_t i = hash_string(id) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
        if (!ix->keys[i]) {
            ix->keys[i] = id;
            ix->values[i] = value;
            ix->first[i] = at;
            return true;
        }
        if (!strcmp(ix->keys[i], id)) {
            diag_add(b->diags, DIAG_ERROR, at.file, at.line, at.col,
                     "duplicate %s id '%s' (first at %s:%d)", kind, id, ix->first[i].file,
                     ix->first[i].line);
            return false;
        }
    }
}

/* ---- field readers ---- */

struct tax_pos tb_pos(const char *file, const struct yr_node *n)
{
    struct tax_pos p = {file, n ? n->line : 0, n ? n->col : 0};
    return p;
}

const struct yr_node *tb_id_node(const struct yr_node *map)
{
    const struct yr_node *n = yr_get(map, "id");
    return n ? n : map;
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

void tb_unknown(struct tax_builder *b, const char *file, const struct yr_node *n,
                const char *kind, const char *id, const char *owner,
                const char *const *candidates, size_t n_candidates)
{
    const char *hint = suggest_closest(id, candidates, n_candidates);
    if (hint)
        diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                 "unknown %s '%s' in %s (did you mean '%s'?)", kind, id, owner, hint);
    else
        diag_add(b->diags, DIAG_ERROR, file, n->line, n->col, "unknown %s '%s' in %s", kind,
                 id, owner);
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
        size_t k = tb_index_get(&b->reference_index, id);
        if (k == (size_t)-1) {
            size_t nr = b->t->n_references;
            const char **ids = xcalloc(nr + 1, sizeof(*ids));
            for (size_t j = 0; j < nr; j++)
                ids[j] = b->references[j].id;
            tb_unknown(b, file, item, "reference", id, owner, ids, nr);
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
