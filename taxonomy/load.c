/*
 * load: tax_load() and the ways to name the files it reads (see
 * taxonomy.h).
 *
 *   file ::= { version?: int, traits?: [trait], references?: [reference],
 *              families?: [family], algorithms?: [algorithm] }
 *
 * The sections are read across all files in dependency order (traits,
 * references, families, then algorithms), so any file may refer to ids
 * defined in any other; each section's loader (traits.h, catalog.h,
 * algorithms.h) gets one item at a time, and validate.h checks what needs
 * a whole section. Every problem becomes a diagnostic and loading goes on,
 * so one run reports them all; a section that is not a list is one of
 * them.
 */
#include "taxonomy/taxonomy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xalloc.h"
#include "base/yaml_reader.h"
#include "taxonomy/algorithms.h"
#include "taxonomy/build.h"
#include "taxonomy/catalog.h"
#include "taxonomy/traits.h"
#include "taxonomy/validate.h"

static const char *const top_keys[] = {"version", "traits", "references", "families",
                                       "algorithms", NULL};

/* The section's list in doc i, or NULL (reporting a wrong type). */
static const struct yr_node *section(struct tax_builder *b, size_t i, const char *name)
{
    const struct yr_doc *doc = b->docs[i];
    const struct yr_node *s = yr_get(doc->root, name);
    if (!s)
        return NULL;
    if (s->kind == YR_SCALAR && !s->quoted && (!s->scalar[0] || !strcmp(s->scalar, "~")))
        return NULL;  /* "algorithms:" with nothing under it */
    if (s->kind != YR_SEQUENCE) {
        diag_add(b->diags, DIAG_ERROR, doc->file, s->line, s->col,
                 "'%s' must be a list, not %s", name, yr_kind_name(s->kind));
        return NULL;
    }
    return s;
}

static size_t count_section(struct tax_builder *b, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n_docs; i++) {
        const struct yr_node *s = yr_get(b->docs[i]->root, name);
        if (s && s->kind == YR_SEQUENCE)
            n += s->count;
    }
    return n;
}

typedef void (*tb_item_fn)(struct tax_builder *b, const char *file, const struct yr_node *n);

/* Call fn on every item of section `name`, file by file; a section that
 * is not a list is reported (by section()) and passed over. */
static void load_section(struct tax_builder *b, const char *name, tb_item_fn fn)
{
    for (size_t i = 0; i < b->n_docs; i++) {
        const struct yr_node *s = section(b, i, name);
        if (!s || s->kind != YR_SEQUENCE)
            continue;
        for (size_t j = 0; j < s->count; j++)
            fn(b, b->docs[i]->file, s->items[j]);
    }
}

/* Keep every parsed file that holds a mapping in b->docs and list all
 * that were read in t->files, an empty one included. docs[i] is the parse
 * of paths[i] (NULL if it failed); this takes ownership of every doc. */
static void read_files(struct tax_builder *b, const char *const *paths, struct yr_doc **docs,
                       size_t n_paths)
{
    struct tax *t = b->t;
    b->docs = xcalloc(n_paths ? n_paths : 1, sizeof(*b->docs));
    const char **files = arena_calloc(&t->arena, n_paths ? n_paths : 1, sizeof(*files));
    for (size_t i = 0; i < n_paths; i++) {
        struct yr_doc *doc = docs[i];
        const struct yr_node *root = yr_root_mapping(
            doc, DIAG_WARNING, "file is empty",
            "a taxonomy file must be a mapping with traits, references, families or algorithms",
            b->diags);
        if (!root) {
            if (doc && !doc->root)   /* an empty file is loaded, and counted */
                files[t->n_files++] = arena_strdup(&t->arena, paths[i]);
            yr_doc_free(doc);
            continue;
        }
        yr_check_keys(root, top_keys, "the top level", paths[i], b->diags);
        /* Positions point into the tax arena, which outlives the docs. */
        doc->file = arena_strdup(&t->arena, paths[i]);
        files[t->n_files++] = doc->file;
        b->docs[b->n_docs++] = doc;
    }
    t->files = files;
}

/* Size every entry array and index for the items all files hold, so the
 * section loaders append without growing anything. */
static void size_sections(struct tax_builder *b)
{
    struct tax *t = b->t;
    size_t nt = count_section(b, "traits"), nr = count_section(b, "references");
    size_t nf = count_section(b, "families"), na = count_section(b, "algorithms");
    t->traits = b->traits = arena_calloc(&t->arena, nt, sizeof(*b->traits));
    t->references = b->references = arena_calloc(&t->arena, nr, sizeof(*b->references));
    t->families = b->families = arena_calloc(&t->arena, nf, sizeof(*b->families));
    t->algorithms = b->algorithms = arena_calloc(&t->arena, na, sizeof(*b->algorithms));
    tb_index_init(&b->trait_index, &t->arena, nt);
    tb_index_init(&b->reference_index, &t->arena, nr);
    tb_index_init(&b->family_index, &t->arena, nf);
    tb_index_init(&b->algorithm_index, &t->arena, na);
}

/* tax_load() on files already parsed (docs[i] from paths[i]); takes
 * ownership of the docs. Fails if diags has more errors than
 * errors_before, the count before the files were parsed. */
static struct tax *load_docs(const char *const *paths, struct yr_doc **docs, size_t n_paths,
                             size_t errors_before, struct diag_list *diags)
{
    struct tax *t = xcalloc(1, sizeof(*t));
    arena_init(&t->arena);
    struct tax_builder b = {.t = t, .diags = diags};
    read_files(&b, paths, docs, n_paths);
    size_sections(&b);
    load_section(&b, "traits", tb_load_trait);
    tb_check_traits(&b);
    load_section(&b, "references", tb_load_reference);
    load_section(&b, "families", tb_load_family);
    load_section(&b, "algorithms", tb_load_algorithm);
    tb_check_map(&b);

    for (size_t i = 0; i < b.n_docs; i++)
        yr_doc_free(b.docs[i]);
    free(b.docs);
    if (diags->errors > errors_before) {
        tax_free(t);
        return NULL;
    }
    return t;
}

/* Each file is read once (a pipe has no second reading), into memory, up
 * to the YAML reader's size limit. */
struct tax *tax_load(const char *const *paths, size_t n_paths, struct diag_list *diags)
{
    size_t errors_before = diags->errors;
    struct yr_doc **docs = xcalloc(n_paths ? n_paths : 1, sizeof(*docs));
    for (size_t i = 0; i < n_paths; i++)
        docs[i] = yr_load_file(paths[i], NULL, diags);
    struct tax *t = load_docs(paths, docs, n_paths, errors_before, diags);
    free(docs);
    return t;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *tax_default_dir(void)
{
    const char *env = getenv("BANDITMAP_DATA");
    if (env && *env)
        return env;
    if (file_exists(BANDITMAP_INSTALL_DATADIR "/traits.yaml"))
        return BANDITMAP_INSTALL_DATADIR;
    return BANDITMAP_SOURCE_DATADIR;
}

struct tax *tax_load_dir(const char *data_dir, struct diag_list *diags)
{
    if (!data_dir)
        data_dir = tax_default_dir();
    char *traits = xasprintf("%s/traits.yaml", data_dir);
    char *bandits = xasprintf("%s/bandits.yaml", data_dir);
    const char *paths[] = {traits, bandits};
    struct tax *t = tax_load(paths, 2, diags);
    free(traits);
    free(bandits);
    return t;
}

struct tax *tax_load_files(const char *data_dir, const char *const *files, size_t n_files,
                           struct diag_list *diags)
{
    if (!data_dir)
        data_dir = tax_default_dir();
    if (!n_files)
        return tax_load_dir(data_dir, diags);
    /* The files are parsed once, first, and whether one defines traits is
     * read from its parse: a second reading of `<(cat a.yaml)` would find
     * the pipe empty. The default traits file then goes in front. The
     * diagnostics of the given files stay in the order they are read; a
     * problem in the default traits file comes after them. */
    size_t errors_before = diags->errors;
    struct yr_doc **docs = xcalloc(n_files + 1, sizeof(*docs));
    const char **paths = xcalloc(n_files + 1, sizeof(*paths));
    bool own_traits = false;
    for (size_t i = 0; i < n_files; i++) {
        docs[i + 1] = yr_load_file(files[i], NULL, diags);
        paths[i + 1] = files[i];
        own_traits = own_traits || (docs[i + 1] && docs[i + 1]->root &&
                                    yr_get(docs[i + 1]->root, "traits"));
    }
    char *traits = NULL;
    size_t first = 1;
    if (!own_traits) {
        traits = xasprintf("%s/traits.yaml", data_dir);
        paths[0] = traits;
        docs[0] = yr_load_file(traits, NULL, diags);
        first = 0;
    }
    struct tax *t = load_docs(paths + first, docs + first, n_files + 1 - first, errors_before,
                              diags);
    free(traits);
    free(paths);
    free(docs);
    return t;
}
