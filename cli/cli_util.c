#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/catalogue.h"

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
    diag_list_write(diags, out);
}

struct tax *cli_load_taxonomy(const struct cli_tax_opts *o)
{
    struct diag_list diags;
    diag_list_init(&diags);
    struct tax *t = bench_load_taxonomy(NULL, o->files, o->n_files, &diags);
    cli_print_diags(&diags, stderr);
    if (!t)
        fprintf(stderr, "banditmap: the taxonomy has %zu error%s\n", diags.errors,
                diags.errors == 1 ? "" : "s");
    diag_list_release(&diags);
    return t;
}
