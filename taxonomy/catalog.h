/*
 * catalog: the loaders of the `references` and `families` sections, the
 * catalogue that algorithms cite and belong to. Private to taxonomy/;
 * called by tax_load() once per item, in file order, references first
 * (a family cites references).
 *
 *   reference ::= { id, authors, year(1700..2100), title, venue, url? }
 *   family    ::= { id, name, summary, when, references: [reference id] }
 *
 * An entry with a valid, new id is appended to b->references or
 * b->families; a family's member list is filled in by validate.h once the
 * algorithms are read. Every problem becomes a diagnostic.
 */
#ifndef BM_TAX_CATALOG_H
#define BM_TAX_CATALOG_H

#include "taxonomy/build.h"

/* Read one item of a `references` list of file into b. */
void tb_load_reference(struct tax_builder *b, const char *file, const struct yr_node *map);
/* Read one item of a `families` list of file into b. */
void tb_load_family(struct tax_builder *b, const char *file, const struct yr_node *map);

#endif
