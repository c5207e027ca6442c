/*
 * yaml_reader: YAML text -> a tree of nodes with positions.
 *
 * Built on libyaml's event parser. The tree keeps what our loaders need:
 * scalars (with whether they were quoted), sequences and mappings, each
 * with its 1-based line and column. Hostile input is bounded: a size
 * limit, a nesting-depth limit, and aliases are refused outright (our
 * files never need them, and refusing them removes "billion laughs").
 * Duplicate keys in one mapping are errors. Every node lives in the
 * document's arena; yr_doc_free() frees them all. Not thread-safe per doc.
 *
 * Grammar accepted (a subset of YAML 1.1, as libyaml parses it):
 *   stream   ::= STREAM-START document? STREAM-END   (a second document is an error)
 *   document ::= DOCUMENT-START node DOCUMENT-END
 *   node     ::= SCALAR | sequence | mapping          (ALIAS is an error)
 *   sequence ::= SEQUENCE-START node* SEQUENCE-END
 *   mapping  ::= MAPPING-START (SCALAR node)* MAPPING-END  (keys must be scalars)
 */
#ifndef BM_YAML_READER_H
#define BM_YAML_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"

enum yr_kind {
    YR_SCALAR,
    YR_SEQUENCE,
    YR_MAPPING,
};

struct yr_node;

struct yr_pair {
    struct yr_node *key;         /* always a scalar */
    struct yr_node *value;
};

struct yr_node {
    enum yr_kind kind;
    int line, col;               /* 1-based start of the node */
    const char *scalar;          /* YR_SCALAR: NUL-terminated text */
    size_t scalar_len;           /* may contain NULs if the YAML had \0 */
    bool quoted;                 /* YR_SCALAR: single/double quoted or block */
    struct yr_node **items;      /* YR_SEQUENCE */
    struct yr_pair *pairs;       /* YR_MAPPING, in file order */
    size_t count;                /* items or pairs */
};

struct yr_limits {
    size_t max_bytes;            /* refuse larger files */
    int max_depth;               /* refuse deeper nesting */
};

/* 16 MiB and depth 32: far above any real taxonomy or profile. */
extern const struct yr_limits yr_default_limits;

struct yr_doc {
    const char *file;            /* as given, copied into the arena */
    struct yr_node *root;        /* NULL for an empty document */
    struct arena arena;
};

/* Parse a file. Returns NULL on any error, with diagnostics carrying
 * file:line:col. An empty file gives a doc whose root is NULL. The caller
 * owns the doc; free with yr_doc_free(). limits may be NULL (defaults). */
struct yr_doc *yr_load_file(const char *path, const struct yr_limits *limits,
                            struct diag_list *diags);
/* Open path for reading without blocking in open(2) on a FIFO that has no
 * writer; reads then block until data or end-of-file, as on any pipe (a
 * FIFO whose writer never comes reads as empty). NULL with errno set on
 * failure. Every loader opens its inputs with it. yr_load_file() reads a
 * file once, into memory, up to limits->max_bytes, so a pipe or a FIFO
 * works as well as a regular file. The caller closes the FILE. */
FILE *yr_open_input(const char *path);
/* The same on a buffer; name is used in diagnostics. */
struct yr_doc *yr_load_buffer(const char *name, const char *data, size_t len,
                              const struct yr_limits *limits, struct diag_list *diags);
void yr_doc_free(struct yr_doc *doc);

/* The opening check of a file that must hold one mapping: doc's root when
 * it is a mapping. Otherwise NULL after one diagnostic in doc->file: for an
 * empty document, the message `empty` with severity if_empty and no
 * position; for another root, "NOT_MAPPING, not KIND" at the root (so
 * "the spec must be a mapping" reads "the spec must be a mapping, not a
 * list"). A NULL doc (a failed parse, already reported) gives NULL and no
 * diagnostic. The root stays owned by doc. */
const struct yr_node *yr_root_mapping(const struct yr_doc *doc, enum diag_severity if_empty,
                                      const char *empty, const char *not_mapping,
                                      struct diag_list *diags);

/* Value of key in a mapping, or NULL when absent (or map is not a mapping). */
const struct yr_node *yr_get(const struct yr_node *map, const char *key);

/* Report each key of map not in allowed[] (NULL-terminated) as
 * "unknown key 'k' in WHAT (did you mean 'x'?)". Returns the count. */
size_t yr_check_keys(const struct yr_node *map, const char *const *allowed,
                     const char *what, const char *file, struct diag_list *diags);

/* Typed scalar conversion. Each returns 0 on success, or -1 after adding a
 * diagnostic that names what (e.g. "year of reference 'x'") and the text. */
int yr_scalar_string(const struct yr_node *n, const char *what, const char *file,
                     struct diag_list *diags, const char **out);
int yr_scalar_int(const struct yr_node *n, const char *what, const char *file,
                  struct diag_list *diags, long long *out);
int yr_scalar_double(const struct yr_node *n, const char *what, const char *file,
                     struct diag_list *diags, double *out);  /* rejects NaN/Inf */
int yr_scalar_bool(const struct yr_node *n, const char *what, const char *file,
                   struct diag_list *diags, bool *out);

const char *yr_kind_name(enum yr_kind k);   /* "a scalar", "a list", "a mapping" */

#endif
