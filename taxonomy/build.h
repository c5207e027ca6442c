/*
 * build: the state and the field readers shared by the taxonomy's section
 * loaders while one tax_load() runs. Private to taxonomy/.
 *
 * A struct tax_builder lives on tax_load()'s stack for one load. It owns
 * nothing: strings and arrays it hands out are allocated in the arena of
 * the struct tax under construction (b->t->arena) and live until
 * tax_free(). Every reader appends a diagnostic to b->diags on bad input
 * and returns NULL or -1, so a loader can go on and report every problem.
 * The entry arrays are sized before any section is read (tax_load counts
 * the items), so the loaders append without growing them. Not thread-safe.
 */
#ifndef BM_TAX_BUILD_H
#define BM_TAX_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/yaml_reader.h"
#include "taxonomy/taxonomy.h"

/* A string -> index hash table (open addressing); keys are not owned and
 * must outlive it. */
struct tb_index {
    const char **keys;
    size_t *values;
    struct tax_pos *first;       /* where each key was defined */
    size_t cap;                  /* power of two, or 0 */
};

struct tax_builder {
    struct tax *t;               /* the taxonomy being built; owns all memory */
    struct diag_list *diags;     /* problems are appended here */
    struct yr_doc **docs;        /* one per file that holds a mapping, in order */
    size_t n_docs;
    /* Mutable views of the arrays the const pointers in *t point at; the
     * counts are t->n_traits and so on. */
    struct tax_trait *traits;
    struct tax_reference *references;
    struct tax_family *families;
    struct tax_algorithm *algorithms;
    /* id -> position in the array above, for the entries accepted so far */
    struct tb_index trait_index, reference_index, family_index, algorithm_index;
};

/* Size ix for about `expected` keys, in arena a. */
void tb_index_init(struct tb_index *ix, struct arena *a, size_t expected);
/* The value stored for key, or (size_t)-1. */
size_t tb_index_get(const struct tb_index *ix, const char *key);
/* Claim id, defined at `at`, for the entry numbered value of its kind
 * ("trait", ...). Returns true when id is new; otherwise reports
 * "duplicate KIND id 'id' (first at FILE:LINE)" and returns false, leaving
 * ix unchanged. */
bool tb_claim(struct tax_builder *b, struct tb_index *ix, const char *kind, const char *id,
              size_t value, struct tax_pos at);

/* The position of node n (0:0 when n is NULL) in file. */
struct tax_pos tb_pos(const char *file, const struct yr_node *n);
/* The value node of key `id` of map (for positions), or map itself. */
const struct yr_node *tb_id_node(const struct yr_node *map);

/* The string value of key in map, copied into the arena; what names the
 * entry in messages. NULL when the key is absent (a diagnostic if
 * required), not a scalar, or blank while required. */
const char *tb_string(struct tax_builder *b, const char *file, const struct yr_node *map,
                      const char *key, bool required, const char *what);
/* 0 if id is snake_case (a lowercase letter, then lowercase letters,
 * digits or '_', at most 64 bytes); else a diagnostic at n and -1. */
int tb_check_id(struct tax_builder *b, const char *file, const struct yr_node *n,
                const char *id, const char *what);
/* Resolve a YAML sequence of reference ids into an arena array, for the
 * entry called owner. Unknown ids get a did-you-mean and are left out.
 * Returns 0, or -1 after a diagnostic (*out then holds the ids resolved). */
int tb_references(struct tax_builder *b, const char *file, const struct yr_node *list,
                  const char *owner, const struct tax_reference ***out, size_t *n_out);

/* The opening of every entry: it must be a mapping (else a diagnostic and
 * NULL); reads its id into *id (NULL if missing) and checks its keys
 * against keys[]. Returns "KIND 'id'" for messages; the caller frees it. */
char *tb_entry_begin(struct tax_builder *b, const char *file, const struct yr_node *map,
                     const char *kind, const char *const *keys, const char **id);
/* Report "unknown KIND 'id' in OWNER", with a did-you-mean among
 * candidates[0..n) when one is close. */
void tb_unknown(struct tax_builder *b, const char *file, const struct yr_node *n,
                const char *kind, const char *id, const char *owner,
                const char *const *candidates, size_t n_candidates);

#endif
