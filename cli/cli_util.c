#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "taxonomy/xalloc.h"

int cli_tax_opts_add(struct cli_tax_opts *o, const char *file)
{
    if (o->n_files == CLI_MAX_TAXONOMY_FILES) {
        fprintf(stderr, "banditmap: at most %d --taxonomy files\n", CLI_MAX_TAXONOMY_FILES);
        return -1;
    }
    o->files[o->n_files++] = file;
    return 0;
}

void cli_print_diags(const struct diag_list *diags, FILE *out)
{
    for (size_t i = 0; i < diags->count; i++) {
        char *line = diag_format(&diags->items[i]);
        fprintf(out, "%s\n", line);
        free(line);
    }
}

bool cli_files_define_traits(const struct cli_tax_opts *o)
{
    for (size_t i = 0; i < o->n_files; i++) {
        FILE *f = fopen(o->files[i], "r");
        if (!f)
            continue;
        char line[4096];
        bool found = false;
        while (!found && fgets(line, sizeof(line), f))
            found = !strncmp(line, "traits:", 7);
        fclose(f);
        if (found)
            return true;
    }
    return false;
}

struct tax *cli_load_taxonomy(const struct cli_tax_opts *o)
{
    struct diag_list diags;
    diag_list_init(&diags);
    struct tax *t;
    if (!o->n_files) {
        t = tax_load_dir(NULL, &diags);
    } else {
        const char *paths[CLI_MAX_TAXONOMY_FILES + 1];
        size_t n = 0;
        char *traits = NULL;
        if (!cli_files_define_traits(o)) {
            traits = xasprintf("%s/traits.yaml", tax_default_dir());
            paths[n++] = traits;
        }
        for (size_t i = 0; i < o->n_files; i++)
            paths[n++] = o->files[i];
        t = tax_load(paths, n, &diags);
        free(traits);
    }
    cli_print_diags(&diags, stderr);
    if (!t)
        fprintf(stderr, "banditmap: the taxonomy has %zu error%s\n", diags.errors,
                diags.errors == 1 ? "" : "s");
    diag_list_release(&diags);
    return t;
}
