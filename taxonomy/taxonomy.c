/*
 * taxonomy: the loaded map as read-only data: lookups, names and release
 * (see taxonomy.h; loading is load.c).
 */
#include "taxonomy/taxonomy.h"

#include <stdlib.h>
#include <string.h>

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
