/*
 * validate: the checks that need a whole section read, and the links they
 * complete. Private to taxonomy/; tax_load() calls tb_check_traits() right
 * after the traits of every file are read, and tb_check_map() last.
 *
 * Errors: an ask_if that does not name another choice trait and its
 * answers ("trait=answer[,answer...]"). Warnings (a load still succeeds):
 * a family without algorithms and a reference no entry cites, both
 * skipped for a map without algorithms (a file of traits alone).
 */
#ifndef BM_TAX_VALIDATE_H
#define BM_TAX_VALIDATE_H

#include "taxonomy/build.h"

/* Check every trait's ask_if against the traits read. */
void tb_check_traits(struct tax_builder *b);

/* Fill in each family's members (file order), then warn about families
 * without algorithms and references never cited. */
void tb_check_map(struct tax_builder *b);

#endif
