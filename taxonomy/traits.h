/*
 * traits: the loader of the `traits` section, the questionnaire. Private to
 * taxonomy/; called by tax_load() once per item, in file order.
 *
 *   trait  ::= { id, group, question, help, example, kind,
 *                answers?: [{id, label, help?}], min?, max?, default?, unit?, ask_if? }
 *
 * A choice trait gets the not_sure answer appended after its own answers.
 * A trait with a valid, new id is appended to b->traits even when other
 * fields are bad (the load fails anyway, and this avoids a cascade of
 * "unknown trait"); everything else becomes a diagnostic. ask_if is only
 * stored here: it names other traits, so validate.h checks it once the
 * whole section is read.
 */
#ifndef BM_TAX_TRAITS_H
#define BM_TAX_TRAITS_H

#include "taxonomy/build.h"

/* Read one item of a `traits` list of file into b. */
void tb_load_trait(struct tax_builder *b, const char *file, const struct yr_node *map);

#endif
