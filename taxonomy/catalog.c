/*
 * catalog: the references and families sections' loaders (see catalog.h).
 */
#include "taxonomy/catalog.h"

#include <stdlib.h>

static const char *const reference_keys[] = {"id", "authors", "year", "title", "venue", "url",
                                             NULL};
static const char *const family_keys[] = {"id", "name", "summary", "when", "references", NULL};

void tb_load_reference(struct tax_builder *b, const char *file, const struct yr_node *map)
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
    r.pos = tb_pos(file, tb_id_node(map));
    bool ok = id && tb_check_id(b, file, tb_id_node(map), id, "reference") == 0;
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
    if (ok && tb_claim(b, &b->reference_index, "reference", id, b->t->n_references, r.pos))
        b->references[b->t->n_references++] = r;
}

void tb_load_family(struct tax_builder *b, const char *file, const struct yr_node *map)
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
    f.pos = tb_pos(file, tb_id_node(map));
    bool ok = id && tb_check_id(b, file, tb_id_node(map), id, "family") == 0;
    const struct yr_node *refs = yr_get(map, "references");
    if (!refs)
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "missing required key 'references' in %s", what);
    else
        tb_references(b, file, refs, what, &f.references, &f.n_references);
    free(what);
    if (ok && tb_claim(b, &b->family_index, "family", id, b->t->n_families, f.pos))
        b->families[b->t->n_families++] = f;
}
