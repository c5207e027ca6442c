/*
 * algorithms: the loader of the `algorithms` section, the map's entries and
 * the rules they carry. Private to taxonomy/; called by tax_load() once per
 * item, in file order, after traits, references and families are read, so
 * every id an algorithm names can be resolved (with a did-you-mean).
 *
 *   algorithm   ::= { id, name, family, summary, fits, excludes?, cautions?,
 *                     assumes?, knobs?, compute, memory, guarantee, evidence,
 *                     references, implementations?, policy?, advice? }
 *   fits        ::= { trait_id: { answer_id: score(-3..3) } }
 *   excludes    ::= [ condition + { why } ]
 *   cautions    ::= [ condition + { text, penalty?(0..10) } ]
 *   condition   ::= { trait, is: [answer_id] } | { trait, at_least?, at_most? }
 *   assumes     ::= { trait_id: answer_id }
 *   knobs       ::= [ { name, default, help } ]
 *   implementations ::= [ { library, how, status(maintained|dormant|retiring|unknown) } ]
 *
 * No fit, condition or assumption may name not_sure. Only an algorithm
 * without any problem (and with a new id) is appended to b->algorithms.
 */
#ifndef BM_TAX_ALGORITHMS_H
#define BM_TAX_ALGORITHMS_H

#include "taxonomy/build.h"

/* Read one item of an `algorithms` list of file into b. */
void tb_load_algorithm(struct tax_builder *b, const char *file, const struct yr_node *map);

#endif
