/*
 * tax_json: the taxonomy's entries as JSON, written through a caller's
 * jsonw, so every rendering of an entry (cli/, tui/, the recommendation
 * report) has one serialisation; nothing here prints. Each writer emits one
 * value (or one member, where it says so) at the writer's current position
 * and leaves the nesting as it found it. Output is a pure function of the
 * entry. Thread-safe for distinct writers.
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
/* The member "implementations": [{"library","how","status"}] of algorithm
 * a, inside the object being written (the algorithm's own or another's,
 * such as a recommendation). */
void tax_json_implementations(struct jsonw *w, const struct tax_algorithm *a);
/* One family with its member ids. */
void tax_json_family(struct jsonw *w, const struct tax_family *f);
/* One trait with its answers (choice) or range (numeric). */
void tax_json_trait(struct jsonw *w, const struct tax_trait *t);

#endif
