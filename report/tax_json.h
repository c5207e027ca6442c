/*
 * tax_json: the taxonomy as JSON, written through a caller's jsonw (so
 * cli/ and tui/ share one serialisation and nothing here prints).
 */
#ifndef BM_TAX_JSON_H
#define BM_TAX_JSON_H

#include <stdbool.h>

#include "base/jsonw.h"
#include "taxonomy/taxonomy.h"

/* One reference as {"id","authors","year","title","venue","url"?}. */
void tax_json_reference(struct jsonw *w, const struct tax_reference *r);
/* One algorithm. Always: id, name, family, summary, evidence, policy,
 * references (objects). With full: fits, excludes, cautions, assumes,
 * knobs, compute, memory, guarantee, implementations, advice. */
void tax_json_algorithm(struct jsonw *w, const struct tax_algorithm *a, bool full);
/* One family with its member ids. */
void tax_json_family(struct jsonw *w, const struct tax_family *f);
/* One trait with its answers (choice) or range (numeric). */
void tax_json_trait(struct jsonw *w, const struct tax_trait *t);

#endif
