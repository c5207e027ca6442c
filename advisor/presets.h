/*
 * presets: ready profiles of real e-commerce problems, one YAML profile per
 * file in a presets directory (the bundled ones are taxonomy/presets/). A
 * preset is named by its file stem: "carousel_ctr" is carousel_ctr.yaml,
 * and its `name:` key repeats the stem. Listing reads only each file's
 * name and description, so it does not need a taxonomy.
 * Ownership: lists and paths are heap data the caller frees as documented.
 */
#ifndef BM_ADV_PRESETS_H
#define BM_ADV_PRESETS_H

#include <stddef.h>

#include "base/diag.h"

struct adv_preset {
    char *id;                    /* owned: the file stem, what --preset takes */
    char *description;           /* owned: the one-line description, or NULL */
    char *path;                  /* owned: the file */
};

struct adv_preset_list {
    struct adv_preset *items;    /* owned, sorted by id */
    size_t count;
};

/* The presets directory that goes with a taxonomy: "<dir of file>/presets"
 * when taxonomy_file is given, else "<tax_dir>/presets". The caller frees. */
char *adv_presets_dir(const char *tax_dir, const char *taxonomy_file);

/* List the *.yaml files of dir. -1 with a diagnostic when the directory
 * cannot be read (out is then empty). A file that does not parse is still
 * listed, with its problems appended to diags. Release with
 * adv_preset_list_release(). */
int adv_presets_list(const char *dir, struct adv_preset_list *out, struct diag_list *diags);
void adv_preset_list_release(struct adv_preset_list *l);

/* The path of preset id in dir, or NULL with a diagnostic (with a
 * did-you-mean among the presets there). The caller frees the result. */
char *adv_preset_path(const char *dir, const char *id, struct diag_list *diags);

#endif
