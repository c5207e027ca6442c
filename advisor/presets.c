/*
 * presets: find and list preset profiles (see presets.h).
 */
#include "advisor/presets.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"
#include "base/xalloc.h"
#include "base/yaml_reader.h"
#include "taxonomy/taxonomy.h"

static const char *const EXT = ".yaml";

char *adv_presets_dir(const char *tax_dir, const char *taxonomy_file)
{
    if (taxonomy_file) {
        const char *slash = strrchr(taxonomy_file, '/');
        if (!slash)
            return xstrdup("presets");
        return xasprintf("%.*s/presets", (int)(slash - taxonomy_file), taxonomy_file);
    }
    return xasprintf("%s/presets", tax_dir);
}

static bool is_preset_file(const char *name)
{
    size_t n = strlen(name), e = strlen(EXT);
    return n > e && name[0] != '.' && !strcmp(name + n - e, EXT);
}

static int cmp_preset(const void *x, const void *y)
{
    return strcmp(((const struct adv_preset *)x)->id, ((const struct adv_preset *)y)->id);
}

/* Only the description is read; the profile loader checks the rest. */
static char *read_description(const char *path, struct diag_list *diags)
{
    struct yr_doc *doc = yr_load_file(path, NULL, diags);
    char *desc = NULL;
    if (doc && doc->root) {
        const struct yr_node *d = yr_get(doc->root, "description");
        if (d && d->kind == YR_SCALAR)
            desc = xstrdup(d->scalar);
    }
    yr_doc_free(doc);
    return desc;
}

/* The *.yaml files of dir, sorted by id, without descriptions. */
static int scan_dir(const char *dir, struct adv_preset_list *out, struct diag_list *diags)
{
    memset(out, 0, sizeof(*out));
    DIR *d = opendir(dir);
    if (!d) {
        diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot read the presets directory '%s': %s",
                 dir, strerror(errno));
        return -1;
    }
    size_t alloc = 0;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (!is_preset_file(ent->d_name))
            continue;
        if (out->count == alloc) {
            alloc = alloc ? 2 * alloc : 16;
            out->items = xrealloc(out->items, alloc * sizeof(*out->items));
        }
        struct adv_preset *p = &out->items[out->count++];
        p->id = xstrndup(ent->d_name, strlen(ent->d_name) - strlen(EXT));
        p->path = xasprintf("%s/%s", dir, ent->d_name);
        p->description = NULL;
    }
    closedir(d);
    if (out->count)
        qsort(out->items, out->count, sizeof(*out->items), cmp_preset);
    return 0;
}

int adv_presets_list(const char *dir, struct adv_preset_list *out, struct diag_list *diags)
{
    if (scan_dir(dir, out, diags) < 0)
        return -1;
    for (size_t i = 0; i < out->count; i++)
        out->items[i].description = read_description(out->items[i].path, diags);
    return 0;
}

void adv_preset_list_release(struct adv_preset_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].id);
        free(l->items[i].description);
        free(l->items[i].path);
    }
    free(l->items);
    memset(l, 0, sizeof(*l));
}

char *adv_preset_path(const char *dir, const char *id, struct diag_list *diags)
{
    struct adv_preset_list l;
    char *path = NULL;
    if (scan_dir(dir, &l, diags) < 0)   /* ids only: no need to parse every preset */
        return NULL;
    const char **ids = xcalloc(l.count + 1, sizeof(*ids));
    for (size_t i = 0; i < l.count; i++) {
        ids[i] = l.items[i].id;
        if (!strcmp(l.items[i].id, id))
            path = xstrdup(l.items[i].path);
    }
    if (!path) {
        const char *hint = suggest_closest(id, ids, l.count);
        if (hint)
            diag_add(diags, DIAG_ERROR, NULL, 0, 0, "unknown preset '%s' (did you mean '%s'?)",
                     id, hint);
        else
            diag_add(diags, DIAG_ERROR, NULL, 0, 0,
                     "unknown preset '%s' (banditmap presets lists them)", id);
    }
    free(ids);
    adv_preset_list_release(&l);
    return path;
}
