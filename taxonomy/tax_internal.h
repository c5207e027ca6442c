/*
 * tax_internal: shared by taxonomy.c and validate.c while a taxonomy is
 * being built. Not part of the public API.
 */
#ifndef BM_TAX_INTERNAL_H
#define BM_TAX_INTERNAL_H

#include "base/yaml_reader.h"
#include "taxonomy/taxonomy.h"

/* A string -> index hash table (open addressing), keys not owned. */
struct tax_index {
    const char **keys;
    size_t *values;
    size_t cap;                  /* power of two, or 0 */
};

struct tax_builder {
    struct tax *t;
    struct diag_list *diags;
    struct yr_doc **docs;        /* one per file, in order */
    size_t n_docs;
    /* Mutable views of the arrays the const pointers in *t point at. */
    struct tax_trait *traits;
    struct tax_reference *references;
    struct tax_family *families;
    struct tax_algorithm *algorithms;
    struct tax_index trait_index, reference_index, family_index, algorithm_index;
};

void tax_index_init(struct tax_index *ix, struct arena *a, size_t expected);
/* Returns the value stored for key, or (size_t)-1. */
size_t tax_index_get(const struct tax_index *ix, const char *key);
/* Inserts key -> value unless key is present; returns the existing value
 * or (size_t)-1 when inserted. */
size_t tax_index_put(struct tax_index *ix, const char *key, size_t value);

/* Field readers: append a diagnostic and return NULL / -1 on problems. */
const char *tb_string(struct tax_builder *b, const char *file, const struct yr_node *map,
                      const char *key, bool required, const char *what);
int tb_check_id(struct tax_builder *b, const char *file, const struct yr_node *n,
                const char *id, const char *what);
struct tax_pos tb_pos(struct tax_builder *b, const char *file, const struct yr_node *n);
/* Resolve a list of reference ids (a YAML sequence). */
int tb_references(struct tax_builder *b, const char *file, const struct yr_node *list,
                  const char *owner, const struct tax_reference ***out, size_t *n_out);

/* The opening of every entry: it must be a mapping (else a diagnostic and
 * NULL); reads its id into *id (NULL if missing) and checks its keys.
 * Returns "KIND 'id'" for messages; the caller frees it. */
char *tb_entry_begin(struct tax_builder *b, const char *file, const struct yr_node *map,
                     const char *kind, const char *const *keys, const char **id);
/* Report that id was already defined at first; kind is "trait", ... */
void tb_duplicate(struct tax_builder *b, const char *kind, const char *id, struct tax_pos at,
                  struct tax_pos first);

/* The sections of validate.c. */
void tb_load_algorithms(struct tax_builder *b);
void tb_final_checks(struct tax_builder *b);

#endif
